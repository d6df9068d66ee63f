"""Machine output: every format stays parseable whatever the text holds."""
from __future__ import annotations

import csv
import io
import json
import re

import pytest

from rbtool.output import write_rows

ROWS = [
    {"doc": "a1", "page": 3, "text": 'Het kabinet maakt "2 miljard euro" vrij,\nvoor starters | middeninkomens',
     "amounts": [{"raw": "2 miljard euro", "eur": 2_000_000_000}], "years": [2020, 2021]},
    {"doc": "a1", "page": 4, "text": "tab\there", "amounts": [], "years": []},
]


def render(fmt, rows=ROWS, columns=None):
    out = io.StringIO()
    write_rows(rows, fmt, out, columns)
    return out.getvalue()


def test_csv_survives_quotes_commas_and_newlines():
    parsed = list(csv.DictReader(io.StringIO(render("csv"))))
    assert parsed[0]["text"] == ROWS[0]["text"]
    assert json.loads(parsed[0]["years"]) == [2020, 2021]
    assert parsed[1]["page"] == "4"


def test_tsv_has_one_line_per_row_and_no_stray_tabs():
    lines = render("tsv").splitlines()
    assert len(lines) == 3
    assert all(line.count("\t") == 4 for line in lines)


def unescape_tsv(cell: str) -> str:
    return re.sub(r"\\(.)", lambda m: {"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}[m.group(1)], cell)


def test_tsv_is_the_iana_format_and_reads_back_exactly():
    """No quoting (a '"' stays one '"', so cut and awk see the text); tab, newline, CR and backslash escaped."""
    text = 'Zij zei: "ja"\tdaarna\\nee\r\nklaar'
    rows = [{"text": text, "items": ["a; b", "c"], "score": 0.1 + 0.2}]
    header, line = render("tsv", rows).splitlines()
    cells = line.split("\t")
    assert header.split("\t") == ["text", "items", "score"]
    assert cells[0].count('"') == 2 and unescape_tsv(cells[0]) == text
    assert json.loads(unescape_tsv(cells[1])) == ["a; b", "c"]
    assert float(cells[2]) == 0.1 + 0.2


def test_list_cells_and_scores_read_back_from_csv():
    """Items holding '; ' survive (JSON arrays), and scores keep every digit (4 digits made false ties)."""
    rows = [{"items": ["a; b", "c"], "score": 2.9871234567}, {"items": [], "score": 2.9871000001}]
    parsed = list(csv.DictReader(io.StringIO(render("csv", rows))))
    assert json.loads(parsed[0]["items"]) == ["a; b", "c"] and json.loads(parsed[1]["items"]) == []
    assert [float(r["score"]) for r in parsed] == [2.9871234567, 2.9871000001]


def test_json_keeps_structure_and_jsonl_is_one_object_per_line():
    assert json.loads(render("json"))[0]["amounts"][0]["eur"] == 2_000_000_000
    lines = render("jsonl").splitlines()
    assert [json.loads(line)["page"] for line in lines] == [3, 4]


def test_markdown_escapes_pipes_so_columns_stay_aligned():
    table = render("md", columns=["doc", "text"]).splitlines()
    assert table[0].startswith("| doc")
    assert "\\|" in table[2]
    assert all(line.count(" | ") == table[0].count(" | ") for line in table[2:])


def test_columns_choose_and_order_fields():
    assert json.loads(render("json", columns=["page", "doc"]))[0] == {"page": 3, "doc": "a1"}


def test_table_is_not_a_plain_writer_format():
    with pytest.raises(ValueError):
        render("table")
