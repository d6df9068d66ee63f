"""Terminal charts (rbtool.charts): every line fits the width, no label or value is cut, bars are to scale."""
from __future__ import annotations

import re

import pytest

from rbtool import charts
from rbtool.queries.compare import compare_measures, summarize_changes
from rbtool.queries.measures import build_measures


@pytest.fixture(scope="module")
def both(truth_2020, truth_2021):
    return build_measures(truth_2020), build_measures(truth_2021)


def _words(text: str) -> list[str]:
    return text.split()


def assert_complete(lines: list[str], groups: list[charts.Group], width: int) -> None:
    assert all(len(line) <= width for line in lines), max(lines, key=len)
    flowing = " ".join(" ".join(lines).split())
    for group in groups:
        assert " ".join(group.label.split()) in flowing  # labels may wrap, never lose a word
        for bar in group.bars:
            assert bar.text in flowing
        assert group.note in flowing


@pytest.mark.parametrize("width", [80, 160])
@pytest.mark.parametrize("plain", [True, False])
def test_budget_chart_per_ministry_and_edition(both, width, plain):
    measures = both[0] + both[1]
    groups = charts.budget_by_ministry(measures)
    lines = charts.render(groups, width, plain, title="Budget amounts per ministry")
    assert_complete(lines, groups, width)
    assert [g.label for g in groups][:3] == ["FIN", "BZK", "IenW"] and all(len(g.bars) == 2 for g in groups)
    bzk = next(g for g in groups if g.label == "BZK")
    assert [(b.series, b.value, b.text) for b in bzk.bars] == [("2020", 2_250_000_000, "€ 2,25 mld"),
                                                              ("2021", 4_175_000_000, "€ 4,175 mld")]
    # bars to scale: the longest is the largest total (FIN 2021: the 40,5 mld support packages)
    bar_char = "#" if plain else "█"
    lengths = {line: line.count(bar_char) for line in lines}
    longest = max(lengths, key=lengths.get)
    assert "€ 40,5 mld" in longest
    drawn = set("".join(lines))
    assert (not drawn & set(charts.EIGHTHS[1:]) and "#" in drawn) if plain else "#" not in drawn


@pytest.mark.parametrize("width", [80, 160])
def test_compare_chart_old_new_and_difference(both, width):
    summary = summarize_changes(compare_measures(*both))
    groups = charts.budget_old_new(summary, "2020", "2021")
    lines = charts.render(groups, width, plain=True)
    assert_complete(lines, groups, width)
    fin = next(g for g in groups if g.label == "FIN")
    assert fin.note == "+€ 40,5 mld" and [b.text for b in fin.bars] == ["€ 0", "€ 40,5 mld"]


@pytest.mark.parametrize("width", [80, 160])
def test_long_labels_stand_above_their_bars(width):
    rows = [{"doc": "d1", "section": "2.1 Wonen, ruimte en verstedelijking › Stikstofproblematiek zorgt voor "
                                     "stagnatie bouwprojecten en nog veel meer woorden in een lange kop",
             "hits": 12}, {"doc": "d1", "section": "2.2 Duurzaamheid", "hits": 3}]
    groups = charts.hit_counts(rows, {})
    lines = charts.render(groups, width, plain=True)
    assert_complete(lines, groups, width)
    assert re.fullmatch(r"  #+ 12", lines[-3] if width == 80 else lines[1])


def test_hits_per_edition_when_several_documents_match():
    rows = [{"doc": "b", "section": "x", "hits": 2}, {"doc": "a", "section": "y", "hits": 5},
            {"doc": "b", "section": "z", "hits": 1}]
    groups = charts.hit_counts(rows, {"a": "2020", "b": "2021"})
    assert [(g.label, g.bars[0].value) for g in groups] == [("2020", 5), ("2021", 3)]


def test_two_documents_of_one_year_stay_two_series(both):
    """Editions are named as the doc column names them: two documents of 2020 are told apart by their ids."""
    from dataclasses import replace

    first = [replace(m, doc="aaaa1111bbbb", year=2020) for m in both[0]]
    second = [replace(m, doc="cccc2222dddd", year=2020) for m in both[1]]
    bzk = next(g for g in charts.budget_by_ministry(first + second) if g.label == "BZK")
    assert [(b.series, b.value) for b in bzk.bars] == [("aaaa1111", 2_250_000_000), ("cccc2222", 4_175_000_000)]
