"""Machine output: every format stays parseable whatever the text holds."""
from __future__ import annotations

import csv
import io
import json

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
    assert parsed[0]["years"] == "2020; 2021"
    assert parsed[1]["page"] == "4"


def test_tsv_has_one_line_per_row_and_no_stray_tabs():
    lines = render("tsv").splitlines()
    assert len(lines) == 3
    assert all(line.count("\t") == 4 for line in lines)


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
