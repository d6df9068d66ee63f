"""Edition comparison, judged against the exact change list of the synthetic 2021 edition.

Expectations come from tests/data/changes-2020-2021.json (written by the edition generator, not by
rbtool) and from texts written here by hand; the project's scorer (tests/eval/score_compare.py) is run
on the rows as the CLI would write them.
"""
from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from rapidfuzz import utils

from rbtool import model
from rbtool.queries.compare import (CLASSES, DEFAULT_THRESHOLD, change_to_row, compare_measures,
                                    compare_sections, compare_sources, summarize_changes, word_diff)
from rbtool.queries.measures import build_measures

TESTS = Path(__file__).parent
DATA = TESTS / "data"
SCORER = TESTS / "eval" / "score_compare.py"
CHANGES = json.loads((DATA / "changes-2020-2021.json").read_text(encoding="utf-8"))
RECORDS = CHANGES["records"]


@pytest.fixture(scope="module")
def measures_2020(truth_2020):
    return build_measures(truth_2020)


@pytest.fixture(scope="module")
def measures_2021(truth_2021):
    return build_measures(truth_2021)


@pytest.fixture(scope="module")
def changes(measures_2020, measures_2021):
    return compare_measures(measures_2020, measures_2021)


def _row_by_texts(rows):
    return {(r["old_text"], r["new_text"]): r for r in rows}


def _record_texts(record):
    return ((record["old"] or {}).get("text"), (record["new"] or {}).get("text"))


def test_scorer_passes_the_targets_on_2020_to_2021(changes, tmp_path):
    rows = [change_to_row(c) for c in changes]
    pred = tmp_path / "compare.json"
    pred.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    requirements = ["paired=0.98", "class_accuracy=0.98"]
    requirements += [f"{c}.{figure}=0.95" for c in CLASSES for figure in ("recall", "precision")]
    run = subprocess.run([sys.executable, str(SCORER), str(pred), str(DATA / "changes-2020-2021.json"),
                          *(arg for r in requirements for arg in ("--require", r))],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def test_every_record_has_its_class_and_also(changes):
    rows = _row_by_texts(change_to_row(c) for c in changes)
    wrong = [(rec["class"], rec["also"], rows.get(_record_texts(rec), {}).get("class"),
              rows.get(_record_texts(rec), {}).get("also")) for rec in RECORDS
             if (rows.get(_record_texts(rec), {}).get("class"), rows.get(_record_texts(rec), {}).get("also"))
             != (rec["class"], rec["also"])]
    assert wrong == []
    assert len(rows) == len(RECORDS)


def test_every_measure_appears_once(measures_2020, measures_2021, changes):
    olds = [c.old.block_id for c in changes if c.old]
    news = [c.new.block_id for c in changes if c.new]
    assert sorted(olds) == sorted(m.block_id for m in measures_2020)
    assert sorted(news) == sorted(m.block_id for m in measures_2021)


def test_an_edition_against_itself_is_unchanged(measures_2020):
    changes = compare_measures(measures_2020, measures_2020)
    assert Counter(c.cls for c in changes) == {"unchanged": len(measures_2020)}
    assert all(c.old is c.new and c.similarity == 100 for c in changes)


def test_amount_change_shows_old_new_and_difference(changes):
    rows = _row_by_texts(change_to_row(c) for c in changes)
    checked = set()
    for record in RECORDS:
        if not (record["class"] == "amount_changed" and len(record["edits"]) == 1
                and record["edits"][0]["op"] == "amount"):
            continue
        edit = record["edits"][0]
        row = rows[_record_texts(record)]
        assert row["class"] == "amount_changed" and row["also"] == []
        assert any(edit["old_raw"] in a["raw"] and a["eur"] == edit["old_eur"] for a in row["old_amounts"])
        [changed] = [a for a in row["new_amounts"] if edit["new_raw"] in a["raw"] and a["eur"] == edit["new_eur"]]
        # the difference counts budget amounts only: the EMU balance (macro) changes no budget
        assert row["delta_eur"] == (edit["new_eur"] - edit["old_eur"] if changed["role"] == "budget" else 0)
        assert row["ministerie_old"] == record["old"]["ministerie"] and row["theme_new"] == record["new"]["theme"]
        assert (row["old_page"], row["new_page"]) == (record["old"]["pages"]["house"][0],
                                                      record["new"]["pages"]["house"][0])
        checked.add(changed["role"])
    assert {"budget", "macro"} <= checked


def test_delta_of_new_and_dropped_measures_is_their_budget(changes):
    """A new measure brings its budget, a dropped one takes its budget away (issue 12: not 0)."""
    new = next(c for c in changes if c.cls == "new" and "4,5 miljard euro" in c.new.text)  # corona: testing, vaccines
    assert change_to_row(new)["delta_eur"] == 4_500_000_000
    fiets = next(c for c in changes if c.cls == "dropped" and c.old.text.startswith("Fietsbeleid"))
    assert change_to_row(fiets)["delta_eur"] == -175_000_000  # 100 mln this cabinet period + 75 mln impuls
    # only budget amounts count: a new measure of a 1.000 euro bonus per care worker adds nothing
    bonus = next(c for c in changes if c.cls == "new" and "zorgbonus" in c.new.text)
    assert change_to_row(bonus)["delta_eur"] == 0


def test_moves_keep_the_pair_and_name_both_places(changes):
    rows = _row_by_texts(change_to_row(c) for c in changes)
    for move in CHANGES["summary"]["moved_ministerie"]:
        record = next(r for r in RECORDS if (r["old"] or {}).get("id") == move["old_id"])
        row = rows[_record_texts(record)]
        assert (row["class"], row["ministerie_old"], row["ministerie_new"], row["theme_new"]) == (
            "moved_ministerie", move["from"], move["to"], move["to_theme"])


def test_summary_per_ministry_matches_the_change_list(changes, measures_2020, measures_2021):
    summary = {row["ministerie"]: row for row in summarize_changes(changes)}
    expected = CHANGES["summary"]["per_ministerie"]
    assert set(summary) == set(expected)
    for code, counts in expected.items():
        assert {k: summary[code][k] for k in counts} == counts, code
        assert summary[code]["old_budget_eur"] == sum(m.budget_eur for m in measures_2020 if m.ministerie == code)
        assert summary[code]["new_budget_eur"] == sum(m.budget_eur for m in measures_2021 if m.ministerie == code)


def _measure(text: str, ministerie: str = "BZK", theme: str | None = "Wonen", block_id: str = "x") -> model.Measure:
    return model.Measure(doc="d", year=None, ministerie=ministerie, ministerie_naam="", theme=theme, text=text,
                         subitems=(), amounts=(), years=(), section=None, page=1, page_label=None,
                         block_id=block_id)


def _word_dice(a: str, b: str) -> float:
    """The similarity compare documents (token_sort_ratio over words), computed here independently."""
    words_a, words_b = Counter(utils.default_process(a).split()), Counter(utils.default_process(b).split())
    return 200 * sum((words_a & words_b).values()) / (sum(words_a.values()) + sum(words_b.values()))


def test_one_to_one_assignment_beats_first_come_pairing():
    # A is read first and resembles B' more than its own successor A'; B and B' are nearly identical.
    a = "Het kabinet investeert in de verduurzaming van maatschappelijk vastgoed en van huurwoningen."
    b = "Het kabinet investeert in de verduurzaming van maatschappelijk vastgoed zoals scholen en sportaccommodaties."
    a2 = "Het Rijk stimuleert de verduurzaming van huurwoningen en van maatschappelijk vastgoed."
    b2 = "Het kabinet investeert in de verduurzaming van maatschappelijk vastgoed zoals scholen en sporthallen."
    old = [_measure(a, block_id="A"), _measure(b, block_id="B")]
    new = [_measure(a2, block_id="A'"), _measure(b2, block_id="B'")]
    score = {(o.block_id, n.block_id): _word_dice(o.text, n.text) for o in old for n in new}
    # the trap is real: A prefers B', and B cannot fall back on A'
    assert score["A", "B'"] > score["A", "A'"] >= DEFAULT_THRESHOLD > score["B", "A'"]

    def first_come(old, new):
        free, pairs = list(new), {}
        for o in old:
            best = max(free, key=lambda n: score[o.block_id, n.block_id], default=None)
            if best is not None and score[o.block_id, best.block_id] >= DEFAULT_THRESHOLD:
                pairs[o.block_id] = best.block_id
                free.remove(best)
        return pairs

    assert first_come(old, new) == {"A": "B'"}
    result = [c for c in compare_measures(old, new) if c.old and c.new]
    assert {c.old.block_id: c.new.block_id for c in result} == {"A": "A'", "B": "B'"}
    assert all(c.similarity == pytest.approx(score[c.old.block_id, c.new.block_id], abs=0.05) for c in result)


def test_a_measure_moved_to_another_ministry_is_found_across_ministries():
    text = "Voortzetting van het programma Aardgasvrije Wijken; in 2021 worden nieuwe proeftuinen geselecteerd."
    old = [_measure(text, "BZK", "Wonen", "o"), _measure("Extra geld voor de huurtoeslag.", "BZK", "Wonen", "p")]
    new = [_measure(text, "EZK", "Klimaat", "n"), _measure("Extra middelen voor de huurtoeslag.", "BZK", "Wonen", "q")]
    by_old = {c.old.block_id: c for c in compare_measures(old, new) if c.old}
    assert (by_old["o"].cls, by_old["o"].new.block_id, by_old["o"].also) == ("moved_ministerie", "n", ())
    assert (by_old["p"].cls, by_old["p"].new.block_id) == ("reworded", "q")


def test_word_diff_of_a_reworded_measure():
    record = next(r for r in RECORDS if r["class"] == "reworded"
                  and {e["op"] for e in r["edits"]} == {"intensity", "synonym"}
                  and all(len(e["from"].split()) == 1 == len(e["to"].split()) for e in r["edits"] if e["op"] == "synonym"))
    old, new = record["old"]["text"], record["new"]["text"]
    runs = word_diff(old, new)
    assert {op for op, _ in runs} <= {"equal", "delete", "insert"}
    assert " ".join(t for op, t in runs if op != "insert") == " ".join(old.split())
    assert " ".join(t for op, t in runs if op != "delete") == " ".join(new.split())
    deleted = " ".join(t for op, t in runs if op == "delete").split()
    inserted = " ".join(t for op, t in runs if op == "insert").split()
    for edit in (e for e in record["edits"] if e["op"] == "synonym"):
        assert any(edit["from"] in w for w in deleted) and any(edit["to"] in w for w in inserted), edit


def test_word_diff_by_hand():
    assert word_diff("Hiervoor zijn extra middelen beschikbaar gesteld.", "Daarvoor zijn extra middelen vrijgemaakt.") == [
        ("delete", "Hiervoor"), ("insert", "Daarvoor"), ("equal", "zijn extra middelen"),
        ("delete", "beschikbaar gesteld."), ("insert", "vrijgemaakt.")]


def test_outline_of_the_2021_edition_is_unchanged(truth_2020, truth_2021):
    # the change list records no added or removed heading (other_changes has paragraphs and a quote only)
    assert not any("heading" in c.get("kind", "") for c in CHANGES["other_changes"])
    assert compare_sections(truth_2020, truth_2021) == []


def test_outline_changes_ignore_numbers_and_years_but_report_real_ones(truth_2020):
    def renumber(number):  # every section gets another number, consistently in sections and blocks
        return f"9.{number}" if number else None

    sections = list(truth_2020.sections)
    dropped_section = sections.pop(3)
    renamed = [dataclasses.replace(s, number=renumber(s.number), title=s.title.replace("2020", "2021"))
               for s in sections]
    subheadings = [b for b in truth_2020.blocks if b.kind == model.SUBHEADING]
    gone = subheadings[10]
    added = dataclasses.replace(subheadings[11], id="bnew", text="Een geheel nieuwe paragraaf over stikstof")
    blocks = [dataclasses.replace(b, section=renumber(b.section)) for b in truth_2020.blocks + (added,)
              if b is not gone and b.section != dropped_section.number]
    edited = dataclasses.replace(truth_2020, sections=tuple(renamed), blocks=tuple(blocks))
    section_titles = {s.number: s.title for s in truth_2020.sections}
    removed_subheadings = [b for b in subheadings if b is gone or b.section == dropped_section.number]
    assert len(removed_subheadings) > 1 and gone.section != dropped_section.number
    assert compare_sections(truth_2020, edited) == [
        {"change": "removed", "kind": "section", "section": None, "title": dropped_section.title,
         "page": dropped_section.page},
        *({"change": "removed", "kind": "subheading", "section": section_titles[b.section], "title": b.text,
           "page": b.page} for b in removed_subheadings),
        {"change": "added", "kind": "subheading", "section": section_titles[added.section],
         "title": "Een geheel nieuwe paragraaf over stikstof", "page": added.page},
    ]


def test_sources_new_and_gone_match_the_change_list(truth_2020, truth_2021):
    result = compare_sources([f.text for f in truth_2020.footnotes], [f.text for f in truth_2021.footnotes])
    notes = CHANGES["footnotes"]
    assert [r["source"] for r in result if r["change"] == "removed"] == [n["text"] for n in notes["dropped"]]
    assert [r["source"] for r in result if r["change"] == "added"] == [n["text"] for n in notes["added"]]


def test_sources_compare_as_multisets_and_ignore_case_and_final_dot():
    assert compare_sources(["Kst. 35300-1.", "NOS", "NOS"], ["kst. 35300-1", "NOS", "Trouw"]) == [
        {"change": "removed", "source": "NOS"}, {"change": "added", "source": "Trouw"}]
