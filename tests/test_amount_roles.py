"""Amount roles and periods against the hand labels (tests/data/amount_labels.json).

The labels were typed by reading every measure's sentences of the 2020 and 2021 editions before the
classifier existed; the classifier's rules (rbtool.nl.money) were written afterwards by reading the same
sentences, so these figures show that the rules say what the labels say, not how they do on unseen text.
"""
from __future__ import annotations

import json
from collections import Counter

import pytest

from rbtool import model
from rbtool.queries.measures import build_measures
from truthdoc import DATA, MARKER, document_from_truth

LABELS = json.loads((DATA / "amount_labels.json").read_text(encoding="utf-8"))
EDITIONS = list(LABELS["editions"])


def _plain(text: str) -> str:
    return " ".join(MARKER.sub("", text or "").split())


def labelled_pairs(edition: str) -> list[tuple[dict, model.Amount]]:
    """(label, amount rbtool gives) for every labelled amount of an edition."""
    truth = json.loads((DATA / edition).read_text(encoding="utf-8"))
    text_of = {b["id"]: _plain(b.get("text")) for b in truth["blocks"]}
    measures = {m.text: m for m in build_measures(document_from_truth(edition))}
    pairs = []
    for label in LABELS["editions"][edition]:
        measure = measures[text_of[label["block"]]]
        assert measure.ministerie == label["ministerie"]
        amount = measure.amounts[label["index"]]
        assert amount.eur == label["eur"] and label["raw"] in amount.raw, (label, amount)
        pairs.append((label, amount))
    return pairs


def role_scores(pairs) -> dict[str, tuple[int, int]]:
    """Per role of the labels: (amounts the classifier gave that role, labelled amounts)."""
    right, total = Counter(), Counter()
    for label, amount in pairs:
        total[label["role"]] += 1
        right[label["role"]] += amount.role == label["role"]
    return {role: (right[role], total[role]) for role in model.AMOUNT_ROLES}


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_role_at_least_95_percent_right(edition):
    scores = role_scores(labelled_pairs(edition))
    wrong = {role: f"{r}/{t}" for role, (r, t) in scores.items() if t and r / t < 0.95}
    assert not wrong, wrong
    assert all(t for _, t in scores.values())  # every role occurs in the labels


@pytest.mark.parametrize("edition", EDITIONS)
def test_roles_are_precise_too(edition):
    """No role collects amounts of another (a budget total must not take in per-unit or macro sums)."""
    pairs = labelled_pairs(edition)
    given = Counter(a.role for _, a in pairs)
    right = Counter(a.role for label, a in pairs if a.role == label["role"])
    assert all(right[role] / given[role] >= 0.95 for role in given), (given, right)


@pytest.mark.parametrize("edition", EDITIONS)
def test_periods_mostly_right(edition):
    pairs = labelled_pairs(edition)
    right = sum(a.period == label["period"] for label, a in pairs)
    assert right / len(pairs) >= 0.9, [(l["block"], l["raw"], l["period"], a.period) for l, a in pairs
                                       if a.period != l["period"]]


def test_the_misleading_amounts_of_the_issue():
    """Issue 12's examples: each one labelled by hand and classified as the label says."""
    pairs = {(l["block"], l["raw"]): (l, a) for l, a in labelled_pairs(EDITIONS[0])}
    four_times = pairs[("b0484", "200 miljoen euro")][1]
    assert (four_times.role, four_times.period, four_times.eur) == ("budget", "per_year", 200_000_000)
    assert "vier keer" in four_times.qualifiers
    assert pairs[("b0493", "990 euro")][1].role == "per_unit"
    assert pairs[("b0603", "1 euro")][1].role == "per_unit"
    structural = pairs[("b0330", "100 miljoen")][1]
    assert structural.period == "per_year" and {"structureel", "per jaar"} <= set(structural.qualifiers)
    # Groningen: BZK's measure invests the money, EZK's measure hands the programme to BZK
    assert pairs[("b0337", "1,15 miljard euro")][1].role == "budget"
    assert pairs[("b0415", "1,15 miljard euro")][1].role == "other"
    # FIN: EMU balance and accres figures are no budget
    assert {a.role for (block, _), (_, a) in pairs.items() if block in ("b0292", "b0293", "b0294", "b0295")} \
        == {"macro", "change"}


def print_role_table() -> None:  # pragma: no cover - used for docs/benchmarks.md and the closing note
    for edition in EDITIONS:
        print(edition)
        for role, (r, t) in role_scores(labelled_pairs(edition)).items():
            print(f"  {role:9} {r:3}/{t:3} = {r / t:.3f}")


if __name__ == "__main__":  # pragma: no cover
    print_role_table()
