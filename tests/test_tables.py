"""Tables as data: detection on real and generated PDFs, their place in the reading order, the store, the
scores on the table test set, search and measures, and `rbtool tables`."""
from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest

from conftest import DATA, PDFS
from rbtool import model
from rbtool.cli import main
from rbtool.extract import extract_document
from rbtool.queries.tables import table_to_dict

sys.path.insert(0, str(Path(__file__).parent / "eval"))
from score_tables import score, score_document  # noqa: E402

TRUTH = DATA / "tables"
KONING = PDFS / "rijksbegroting-2019-hoofdstuk-I-de-koning.pdf"
DPIA = PDFS / "model-dpia-rijksdienst-v3.0.pdf"
REAL = {"rijksbegroting-2019-hoofdstuk-I-de-koning": KONING, "model-dpia-rijksdienst-v3.0": DPIA}


def _truth(name: str) -> dict:
    return json.loads((TRUTH / f"{name}.truth.json").read_text(encoding="utf-8"))


def _contract(doc: model.Document) -> list[dict]:
    return [table_to_dict(doc.id, doc.page_label(t.page), t) for t in doc.tables]


@pytest.fixture(scope="module")
def koning():
    return extract_document(KONING)


@pytest.fixture(scope="module")
def table_set():
    """(name, found tables, truth) for every case of the table test set (generated and real)."""
    runs = []
    for path in sorted(TRUTH.glob("*.truth.json")):
        name = path.name[: -len(".truth.json")]
        pdf = REAL.get(name, PDFS / "tables" / f"{name}.pdf")
        runs.append((name, _contract(extract_document(pdf)), _truth(name)))
    return runs


# --------------------------------------------------------------------------------------------- real pages

def test_the_2019_budget_page_gives_its_three_tables_cell_for_cell(koning):
    tally = score_document(_contract(koning), _truth("rijksbegroting-2019-hoofdstuk-I-de-koning"))
    assert tally.misses == []
    assert [t.caption for t in koning.tables] == ["Uitgaven niet-beleidsartikel (bedragen x € 1.000)",
                                                  "Ontvangsten niet-beleidsartikel (bedragen x € 1.000)",
                                                  "Raming over 2019 (bedragen x € 1.000)"]
    assert {t.unit for t in koning.tables} == {1000}


def test_table_text_leaves_the_prose_and_the_prose_keeps_its_order(koning):
    kinds = [b.kind for b in koning.blocks]
    prose = " ".join(b.text for b in koning.blocks if b.kind != model.TABLE)
    assert "28.287" not in prose and "Mutatie amendement" not in prose and "Raming over 2019" not in prose
    assert model.LIST_ITEM not in kinds  # the "– – – – – –" rows were read as list items before
    # the tables stand where they are printed: after "Artikel 2", around the paragraph that announces the third
    assert kinds == [model.PARAGRAPH, model.SUBHEADING, model.TABLE, model.TABLE, model.PARAGRAPH, model.TABLE,
                     model.PARAGRAPH]
    intro = next(b for b in koning.blocks if "onderstaande tabel" in b.text)
    assert koning.blocks[koning.blocks.index(intro) + 1].text.startswith("Raming over 2019")


def test_three_dpia_tables_match_their_hand_checked_truth():
    doc = extract_document(DPIA)
    tally = score_document(_contract(doc), _truth("model-dpia-rijksdienst-v3.0"))
    assert tally.matched == 3 and tally.misses == []
    text = " ".join(b.text for b in doc.blocks if b.kind != model.TABLE and b.page == 33)
    assert "Voldoen aan verzoek" not in text
    assert all(t.strategy == "ruled" for t in doc.tables)


# --------------------------------------------------------------------------------------------- the set

TARGETS = {"tables_f1": 0.95, "shape": 0.95, "cells": 0.98, "header": 0.95, "unit": 0.95}


def test_the_table_set_meets_the_targets(table_set):
    by_trait, overall = score(table_set)
    for metric, target in TARGETS.items():
        assert overall[metric] >= target, (metric, overall["misses"][:10])
    assert overall["invented"] == 0
    assert {t for t in by_trait if t.startswith("look-alike")} == {
        "look-alike: contents page", "look-alike: two-column prose", "look-alike: list with amounts",
        "look-alike: bar chart with value labels"}


def test_a_table_continued_on_the_next_page_is_one_table(table_set):
    found = dict((name, tables) for name, tables, _ in table_set)
    for name in ("continued", "continued-serif"):
        assert [(t["page"], t["page_end"], len(t["rows"])) for t in found[name]] == [(1, 2, 16)], name


def test_a_landscape_table_turned_to_fit_a_portrait_page_is_read_upright(table_set):
    found = dict((name, tables) for name, tables, _ in table_set)
    for name in ("landscape-turned", "landscape-rotate", "landscape-turned-serif"):
        [table] = found[name]
        assert table["columns"][1:3] == ["2016", "2017"] and len(table["rows"]) == 4, name


def test_note_markers_in_cells_are_kept_and_linked():
    doc = extract_document(PDFS / "tables" / "odd-cells.pdf")
    assert doc.tables[0].rows[2][2] == "4.512¹"
    block = next(b for b in doc.blocks if b.id == doc.tables[0].block_id)
    assert block.footnote_refs == (1,)
    assert doc.footnotes[0].anchor_block == block.id


# --------------------------------------------------------------------------------------------- scorer

def test_scorer_gives_1_for_the_truth_and_less_for_damaged_tables():
    truth = _truth("wrapped-subrows-totals")
    _, perfect = score([("x", truth["tables"], truth)])
    assert all(perfect[m] == 1.0 for m in ("tables_f1", "shape", "cells", "header", "caption", "unit"))
    damaged = json.loads(json.dumps(truth["tables"]))
    damaged[0]["rows"][1][2] = "1.000"
    damaged[0]["rows"] = damaged[0]["rows"][:-1]
    damaged[0]["columns"][1] = "2018"
    damaged[0]["unit"] = None
    _, worse = score([("x", damaged, truth)])
    assert worse["cells"] < 0.9 and worse["header"] < 1 and worse["shape"] == 0 and worse["unit"] == 0
    invented = _truth("lookalike-contents")
    _, fooled = score([("y", truth["tables"], invented)])
    assert fooled["invented"] == 1 and fooled["tables_f1"] == 0


# --------------------------------------------------------------------------------------------- robustness

def test_a_table_that_breaks_the_reader_is_text_with_a_warning(monkeypatch):
    import rbtool.extract as extract

    def broken(*args, **kwargs):
        raise ValueError("odd grid")

    monkeypatch.setattr(extract, "find_tables", broken)
    doc = extract.extract_document(KONING)
    assert doc.tables == () and any(w.startswith("page 1: tables not read") for w in doc.warnings)


def test_a_table_read_with_doubts_is_kept_and_its_page_named(monkeypatch):
    import rbtool.extract as extract

    def doubtful(*args, **kwargs):
        tables = find_tables(*args, **kwargs)
        tables[0].doubts.append("two figures in one column")
        return tables

    find_tables = extract.find_tables
    monkeypatch.setattr(extract, "find_tables", doubtful)
    doc = extract.extract_document(KONING)
    assert len(doc.tables) == 3
    assert "page 1: table 1 not read cleanly (two figures in one column)" in doc.warnings


def test_measures_never_take_a_table_row():
    from rbtool.queries.measures import build_measures

    blocks = (model.Block("b0001", model.HEADING, "Binnenlandse Zaken en Koninkrijksrelaties", 1, 1, "3.2",
                          number="3.2", level=2),
              model.Block("b0002", model.LIST_ITEM, "Extra geld voor woningbouw: € 1 miljard.", 1, 1, "3.2"),
              model.Block("b0003", model.TABLE, "Tabel 1 Uitgaven (x € mln)", 1, 1, "3.2"))
    table = model.Table(1, "b0003", 1, 1, "Tabel 1 Uitgaven (x € mln)", 10**6, ("", "2020"),
                        (("Woningbouw", "1.000"),), (0, 0, 1, 1), "aligned", "3.2")
    doc = model.Document("d", "t", 2020, "s", "p", 1, blocks=blocks, tables=(table,),
                         sections=(model.Section("3.2", "Binnenlandse Zaken en Koninkrijksrelaties", 2, 1, "b0001"),))
    assert [m.block_id for m in build_measures(doc)] == ["b0002"]


# --------------------------------------------------------------------------------------------- command line

def run(capsys, monkeypatch, *args: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["rbtool", *args])
    with pytest.raises(SystemExit) as ended:
        main()
    out, err = capsys.readouterr()
    return ended.value.code, out, err


@pytest.fixture
def koning_corpus(capsys, monkeypatch, koning):
    from rbtool.store.db import Corpus

    with Corpus(Path(__import__("os").environ["RBTOOL_CORPUS"])) as corpus:
        corpus.save_document(koning)
    return koning


def test_tables_lists_json_contract_grid_and_long_rows(capsys, monkeypatch, koning_corpus):
    code, out, _ = run(capsys, monkeypatch, "tables", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and [r["shape"] for r in rows] == ["7 × 7", "6 × 7", "6 × 2"]
    code, out, _ = run(capsys, monkeypatch, "tables", "--zoek", "raming", "--format", "json")
    [found] = json.loads(out)
    assert list(found) == ["doc", "table", "page", "page_end", "page_label", "section", "caption", "unit", "columns",
                           "rows", "bbox"]
    assert found["table"] == 3 and found["rows"][-1] == ["Totaal", "28.914"] and found["unit"] == 1000
    code, out, _ = run(capsys, monkeypatch, "tables", "--doc", koning_corpus.id, "--table", "1", "--format", "csv")
    grid = list(csv.reader(io.StringIO(out)))
    assert grid[0] == ["", "2018", "2019", "2020", "2021", "2022", "2023"] and grid[1][:2] == [
        "Stand ontwerpbegroting 2018", "28.287"]
    code, out, _ = run(capsys, monkeypatch, "tables", "--long", "--zoek", "Uitgaven niet", "--format", "csv")
    long = list(csv.DictReader(io.StringIO(out)))
    first = long[0]
    assert (first["row"], first["column"], first["value"], first["eur"]) == (
        "Stand ontwerpbegroting 2018", "2018", "28.287", "28287000")
    assert len(long) == 7 * 6 and next(r for r in long if r["value"] == "–")["eur"] == ""


def test_tables_exit_codes(capsys, monkeypatch, koning_corpus):
    assert run(capsys, monkeypatch, "tables", "--page", "2")[0] == 1
    code, _, err = run(capsys, monkeypatch, "tables", "--table", "1")
    assert code == 2 and err.count("\n") == 1 and "--doc" in err


def test_one_table_on_a_terminal_honours_no_pager(capsys, monkeypatch, koning_corpus, tmp_path):
    paged = tmp_path / "paged.txt"
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("LINES", "5")
    monkeypatch.setenv("PAGER", f"cat > {paged}")
    args = ["tables", "--doc", koning_corpus.id, "--table", "1", "--format", "table"]
    code, out, _ = run(capsys, monkeypatch, *args)
    assert code == 0 and out == "" and "Stand ontwerpbegroting 2018" in paged.read_text(encoding="utf-8")
    paged.unlink()
    code, out, _ = run(capsys, monkeypatch, *args, "--no-pager")
    assert code == 0 and "Stand ontwerpbegroting 2018" in out and not paged.exists()


def test_table_cells_are_searchable_and_hits_name_table_row_and_column(capsys, monkeypatch, koning_corpus):
    code, out, _ = run(capsys, monkeypatch, "search", "faunabeheer", "--format", "json")
    hits = json.loads(out)
    assert code == 0 and hits[0]["kind"] == "table"
    assert hits[0]["label"] == 'table 3, row 3 "Materiële uitgaven faunabeheer"'
    code, out, _ = run(capsys, monkeypatch, "search", "28.288", "--kind", "table", "--format", "json")
    labels = {hit["label"] for hit in json.loads(out)}
    assert 'table 1, row 6 "Extrapolatie", column "2023"' in labels


def test_export_carries_the_tables_in_the_contract(capsys, monkeypatch, koning_corpus):
    code, out, _ = run(capsys, monkeypatch, "corpus", "export", koning_corpus.id)
    tables = json.loads(out)["tables"]
    assert code == 0 and [t["table"] for t in tables] == [1, 2, 3] and tables[0]["bbox"][0] == pytest.approx(65.1)
