"""From the command line: --output FILE (format from the extension), spreadsheets (.xlsx), --excel CSV for Dutch
spreadsheets, --chart, and amounts in the compare table."""
from __future__ import annotations

import csv
import io
import json
import os

import pytest
from openpyxl import load_workbook

from rbtool import output
from rbtool.safe_write import write_text
from conftest import run_cli as run  # the corpus_env and editions_corpus fixtures live in conftest

ROWS = [
    {"ministerie": "BZK", "text": "=HYPERLINK(\"http://x\")", "budget_eur": 2_250_000_000, "score": 0.5,
     "amounts": ["een miljard", "structureel 100 miljoen per jaar"], "note": "-5 procent", "empty": None},
    {"ministerie": "FIN", "text": "Ë en ü; \"quoted\"\nline", "budget_eur": 0, "score": 1.25, "amounts": [],
     "note": "@home", "empty": None},
]
COLUMNS = list(ROWS[0])


def test_xlsx_keeps_numbers_euros_header_and_never_a_formula(tmp_path):
    path = tmp_path / "rows.xlsx"
    write_text(path, lambda fh: output.write_xlsx(ROWS, COLUMNS, fh), binary=True)
    sheet = load_workbook(path).active
    assert [c.value for c in sheet[1]] == COLUMNS and all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    first, second = sheet[2], sheet[3]
    assert first[0].value == "BZK"
    assert first[1].value == '=HYPERLINK("http://x")' and first[1].data_type == "s"  # text, not a formula
    assert first[2].value == 2_250_000_000 and first[2].data_type == "n" and "€" in first[2].number_format
    assert first[3].value == 0.5 and first[3].data_type == "n"
    assert first[4].value == "een miljard; structureel 100 miljoen per jaar"
    assert second[1].value == "Ë en ü; \"quoted\"\nline" and second[2].value == 0
    assert first[6].value is None
    assert sheet.column_dimensions["B"].width > sheet.column_dimensions["A"].width


def test_excel_csv_has_bom_semicolons_and_defused_formulas():
    out = io.StringIO()
    output.write_rows(ROWS, "csv", out, COLUMNS, excel=True)
    text = out.getvalue()
    assert text.startswith("\ufeffministerie;text;budget_eur")
    rows = list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))
    assert rows[0]["text"] == "'=HYPERLINK(\"http://x\")" and rows[0]["note"] == "'-5 procent"
    assert rows[1]["note"] == "'@home" and rows[1]["text"] == "Ë en ü; \"quoted\"\nline"
    assert rows[0]["budget_eur"] == "2250000000" and rows[1]["score"] == "1,25"


def test_plain_csv_keeps_text_exactly():
    out = io.StringIO()
    output.write_rows(ROWS, "csv", out, COLUMNS)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert rows[0]["text"] == '=HYPERLINK("http://x")' and rows[1]["note"] == "@home"


def test_a_spreadsheet_that_fails_half_way_leaves_the_old_file(tmp_path):
    path = tmp_path / "out.xlsx"
    path.write_bytes(b"old")

    def fail(fh):
        fh.write(b"half")
        raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        write_text(path, fail, binary=True)
    assert path.read_bytes() == b"old" and os.listdir(tmp_path) == ["out.xlsx"]


@pytest.mark.parametrize("name", ["m.csv", "m.tsv", "m.json", "m.jsonl", "m.md", "m.xlsx", "m.txt"])
def test_measures_output_file_in_the_format_of_its_extension(capsys, monkeypatch, corpus_env, tmp_path, name):
    path = tmp_path / name
    code, out, err = run(capsys, monkeypatch, "measures", "--doc", "2020", "--ministerie", "BZK", "--output", str(path))
    assert code == 0 and out == "" and f"to {path}" in err
    if name.endswith(".xlsx"):
        sheet = load_workbook(path).active
        header = [c.value for c in sheet[1]]
        assert header[:4] == ["doc", "year", "ministerie", "ministerie_naam"] and "budget_eur" in header
        budgets = [row[header.index("budget_eur")].value for row in sheet.iter_rows(min_row=2)]
        assert sum(budgets) == 2_250_000_000 and all(isinstance(b, int) for b in budgets)
    elif name.endswith(".json"):
        rows = json.loads(path.read_text(encoding="utf-8"))
        assert sum(r["budget_eur"] for r in rows) == 2_250_000_000
    elif name.endswith(".csv"):
        rows = list(csv.DictReader(path.open(encoding="utf-8")))
        assert sum(int(r["budget_eur"]) for r in rows) == 2_250_000_000
    else:
        assert "BZK" in path.read_text(encoding="utf-8")


def test_compare_and_search_write_spreadsheets_with_flat_amount_columns(capsys, monkeypatch, corpus_env, tmp_path):
    path = tmp_path / "changes.xlsx"
    code, _, err = run(capsys, monkeypatch, "compare", "2020", "2021", "--output", str(path))
    assert code == 0, err
    sheet = load_workbook(path).active
    header = [c.value for c in sheet[1]]
    for column in ("old_amounts", "old_eur_amounts", "old_amount_roles", "new_amount_periods", "old_budget_eur",
                   "new_budget_eur", "delta_eur"):
        assert column in header
    assert all(isinstance(row[header.index("delta_eur")].value, int) for row in sheet.iter_rows(min_row=2))
    code, _, err = run(capsys, monkeypatch, "search", "stikstof", "--count", "--output", str(tmp_path / "s.xlsx"))
    assert code == 0, err


def test_compare_csv_uses_the_measures_amount_columns(capsys, monkeypatch, corpus_env):
    code, out, err = run(capsys, monkeypatch, "compare", "2020", "2021", "--format", "csv")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    new = next(r for r in rows if r["class"] == "new" and "4,5 miljard euro" in r["new_amounts"])
    assert (json.loads(new["new_eur_amounts"]), json.loads(new["new_amount_roles"]), new["delta_eur"]) == (
        [4_500_000_000], ["budget"], "4500000000")
    code, measures_csv, _ = run(capsys, monkeypatch, "measures", "--format", "csv")
    flat = [c for c in next(csv.reader(io.StringIO(measures_csv))) if c.startswith(("amount", "eur_amounts"))]
    assert all(f"new_{c}" in rows[0] and f"old_{c}" in rows[0] for c in flat)


def test_output_options_refuse_what_cannot_be_done(capsys, monkeypatch, corpus_env, tmp_path):
    for args, reason in [(["--output", str(tmp_path / "x.pdf")], "unknown extension"),
                         (["--output", str(tmp_path / "x.csv"), "--format", "json"], "disagree"),
                         (["--excel", "--format", "json"], "--excel is for CSV"),
                         (["--output", str(tmp_path / "missing" / "x.csv")], "no such folder")]:
        code, out, err = run(capsys, monkeypatch, "measures", *args)
        assert code == 2 and reason in err and "Traceback" not in err, (args, err)


def test_output_never_replaces_the_corpus(capsys, monkeypatch, corpus_env, tmp_path):
    named_like_csv = tmp_path / "corpus.csv"
    named_like_csv.write_bytes(corpus_env.read_bytes())
    monkeypatch.setenv("RBTOOL_CORPUS", str(named_like_csv))
    code, _, err = run(capsys, monkeypatch, "measures", "--output", str(named_like_csv))
    assert code == 2 and "refusing to overwrite" in err
    assert named_like_csv.read_bytes() == corpus_env.read_bytes()


def test_excel_csv_to_stdout(capsys, monkeypatch, corpus_env):
    code, out, err = run(capsys, monkeypatch, "measures", "--doc", "2020", "--format", "csv", "--excel")
    assert code == 0 and out.startswith("\ufeffdoc;year;ministerie")


def test_charts_from_the_command_line_fit_80_columns(capsys, monkeypatch, corpus_env):
    monkeypatch.setenv("COLUMNS", "80")
    for args in (["measures", "--summary", "--chart"], ["compare", "2020", "2021", "--chart"],
                 ["search", "stikstof", "--count", "--chart"]):
        code, out, err = run(capsys, monkeypatch, *args)
        assert code == 0, err
        lines = out.splitlines()
        assert lines and all(len(line) <= 80 for line in lines) and "#" in out and "\x1b[" not in out
    assert "€ 40,5 mld" in run(capsys, monkeypatch, "measures", "--summary", "--chart")[1]


def test_compare_table_shows_budget_changes_and_other_amount_changes(capsys, monkeypatch, corpus_env):
    code, out, err = run(capsys, monkeypatch, "compare", "2020", "2021", "--ministerie", "SZW", "--format", "table",
                         "--only", "amount_changed")
    assert code == 0, err
    flat = " ".join(out.split())
    assert "€ 16 per unit, € 75 per unit → € 12 per unit, € 75 per unit" in flat  # no budget: the amounts
    assert "budget € 35 mln → € 44 mln (+€ 9 mln)" in flat


def test_every_listing_command_writes_a_spreadsheet(capsys, monkeypatch, corpus_env, tmp_path):
    for args in (["footnotes", "--doc", "2020"], ["footnotes", "--sources"], ["corpus", "list"],
                 ["corpus", "show", "2020"], ["tables"], ["search", "stikstof"]):
        path = tmp_path / f"{'-'.join(args)}.xlsx"
        code, out, err = run(capsys, monkeypatch, *args, "--output", str(path))
        assert code in (0, 1) and out == "", (args, err)
        if code == 0:
            assert load_workbook(path).active.max_row > 1, args
