"""Every command's terminal view at 80, 100 and 160 columns: no line wider than the terminal (except a line
holding one URL, printed whole), and no id, year, page, number, amount or URL cut (each appears whole, on one
line, as the JSON output of the same query gives it).

The views are drawn with rich at a fixed width (COLUMNS) on the two-edition corpus, in-process.
"""
from __future__ import annotations

import json

import pytest
from rich.cells import cell_len

from conftest import PDFS, run_cli
from rbtool.nl.money import format_eur
from rbtool.terminal import Column, fit_columns

WIDTHS = (80, 100, 160)


def _json(capsys, monkeypatch, *args):
    code, out, err = run_cli(capsys, monkeypatch, *args, "--format", "json")
    assert code in (0, 1), err
    return json.loads(out)


def _drawn(capsys, monkeypatch, width, *args):
    monkeypatch.setenv("COLUMNS", str(width))
    code, out, err = run_cli(capsys, monkeypatch, *args, "--format", "table")
    assert code in (0, 1), err
    assert out, f"{args}: nothing drawn"
    too_wide = [line for line in out.splitlines() if cell_len(line) > width
                and not line.strip().startswith(("http://", "https://"))]
    assert not too_wide, f"{args} at {width} columns: {too_wide[:2]}"
    return out


def _whole(out: str, values, what: str, args) -> None:
    lines = out.splitlines()
    for value in {str(v) for v in values if v not in (None, "")}:
        assert any(value in line for line in lines), f"{args}: {what} {value!r} cut or missing"


def _pages(rows):
    return [r["page"] for r in rows]


def _amounts(rows):
    return [format_eur(a["eur"]) for r in rows for a in r["amounts"] if a["eur"] is not None]


# (command, what must stay whole: function of the JSON rows → (label, values) pairs)
VIEWS = {
    "corpus list": (["corpus", "list"], lambda rows: [("id", [r["id"] for r in rows]),
                                                      ("year", [r["year"] for r in rows]),
                                                      ("pages", [r["pages"] for r in rows])]),
    "corpus show": (["corpus", "show", "2021"], lambda rows: [("page", _pages(rows)),
                                                              ("number", [r["number"] for r in rows])]),
    "search": (["search", "stikstof", "-n", "0"], lambda rows: [("passage id", [r["passage"] for r in rows]),
                                                                ("year", [r["year"] for r in rows]),
                                                                ("page", [f"p. {r['page']}" for r in rows])]),
    "search --count": (["search", "stikstof", "--count"], lambda rows: [("year", [r["year"] for r in rows]),
                                                                        ("hits", [r["hits"] for r in rows])]),
    "measures": (["measures", "-n", "0"], lambda rows: [("amount", _amounts(rows)), ("page", _pages(rows))]),
    "measures --summary": (["measures", "--summary"], lambda rows: [
        ("budget", [format_eur(r["budget_eur"]) for r in rows if r["budget_eur"]]),
        ("pages", [r["pages"] for r in rows]), ("measures", [r["measures"] for r in rows])]),
    "footnotes": (["footnotes", "--doc", "2020"], lambda rows: [
        ("note", [f"note {r['number']}" for r in rows]), ("page", [f"p. {r['page']}" for r in rows]),
        ("url", [ref["url"] for r in rows for ref in r["refs"]])]),
    "footnotes --sources": (["footnotes", "--sources"], lambda rows: [("url", [r["url"] for r in rows]),
                                                                      ("count", [f"{r['count']}×" for r in rows])]),
    "compare": (["compare", "2020", "2021"], lambda rows: [
        ("page", [f"p. {r[side]}" for r in rows for side in ("old_page", "new_page") if r[side]])]),
}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("view", list(VIEWS))
def test_table_views_keep_ids_years_pages_and_amounts_whole(capsys, monkeypatch, corpus_env, view, width):
    args, keep = VIEWS[view]
    rows = _json(capsys, monkeypatch, *args)
    assert rows, f"{view}: the JSON output is empty, nothing to check"
    out = _drawn(capsys, monkeypatch, width, *args)
    for what, values in keep(rows):
        _whole(out, values, what, args)


@pytest.mark.parametrize("width", WIDTHS)
def test_show_and_extract_views_fit(capsys, monkeypatch, corpus_env, width):
    passage = _json(capsys, monkeypatch, "search", "stikstofuitstoot", "-n", "1")[0]
    out = _drawn(capsys, monkeypatch, width, "show", passage["passage"])
    _whole(out, [f"p. {passage['page_label'] or passage['page']}", passage["passage"]], "citation", passage)
    out = _drawn(capsys, monkeypatch, width, "extract", str(PDFS / "kamervragen-vws-2023-2024.pdf"), "--jobs", "1")
    info = _json(capsys, monkeypatch, "corpus", "list")
    _whole(out, [d["id"] for d in info if d["file"] == "kamervragen-vws-2023-2024.pdf"], "doc id", "extract")


def test_corpus_info_names_the_file_and_counts(capsys, monkeypatch, corpus_env):
    info = _json(capsys, monkeypatch, "corpus", "info")[0]
    assert info["path"] == str(corpus_env) and info["documents"] == 2 and info["pages"] > 100
    out = _drawn(capsys, monkeypatch, 80, "corpus", "info")
    _whole(out, [info["documents"], info["pages"]], "count", "corpus info")


def test_narrow_tables_drop_low_value_columns_first():
    columns = [Column("id"), Column("title", wrap=1, min_width=20), Column("file", wrap=1, drop=1, min_width=16),
               Column("notes", drop=2)]
    cells = {"id": ["c44164589064"], "title": ["Analyse, duiding en reflectie Rijksbegroting 2020"],
             "file": ["analyse-rijksbegroting-2020.pdf"], "notes": ["109"]}
    shown = lambda width: [c.name for c in fit_columns(columns, cells, width)]  # noqa: E731
    assert shown(160) == ["id", "title", "file", "notes"]
    assert shown(62) == ["id", "title", "file"]  # the counts go first
    assert shown(45) == ["id", "title"]  # then the file; the id never goes
