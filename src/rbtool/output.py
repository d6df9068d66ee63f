"""Rows → machine formats (csv, tsv, json, jsonl, md, plain). Plain writers only: never through rich.

Every listing command produces a list of dicts with stable keys and hands them to `write_rows`; the terminal
table (`table` format) is drawn by rbtool.terminal instead.
"""
from __future__ import annotations

import csv
import json
from typing import IO, Any, Iterable, Sequence

def flat_value(value: Any) -> str:
    """One cell for people (terminal table, Markdown, plain): lists joined with '; ', None empty, dicts as
    JSON, floats in full (the shortest text that reads back as the same number)."""
    if isinstance(value, str):  # most cells: checked first, rows run into the ten thousands
        return value
    if type(value) is int:
        return str(value)
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(flat_value(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return repr(value) if isinstance(value, float) else str(value)


def data_cell(value: Any) -> str:
    """One cell for CSV and TSV, which must read back exactly: lists and dicts as JSON (an item may itself
    hold "; "), floats in full."""
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False)
    return flat_value(value)


# TSV as IANA text/tab-separated-values: no quoting; a tab, newline, carriage return or backslash inside a
# cell is written as \t, \n, \r or \\ (the escapes PostgreSQL COPY and many readers undo).
_TSV_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def tsv_cell(value: Any) -> str:
    return data_cell(value).translate(_TSV_ESCAPES)


def one_line(value) -> str:
    """A cell for line-oriented human formats (Markdown, plain): no tabs or newlines inside."""
    return " ".join(flat_value(value).split())


def write_rows(rows: Sequence[dict], fmt: str, out: IO[str], columns: Iterable[str] | None = None) -> None:
    columns = list(columns) if columns is not None else (list(rows[0]) if rows else [])
    if fmt == "json":
        json.dump([{c: row.get(c) for c in columns} for row in rows], out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "jsonl":
        for row in rows:
            out.write(json.dumps({c: row.get(c) for c in columns}, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        # CSV quotes tabs and newlines, and the csv module writes str, int and None (as "") itself; only
        # lists, dicts and floats need converting (this loop runs for every cell of every row)
        writer.writerows([v if v is None or type(v) is str or type(v) is int else data_cell(v)
                          for v in map(row.get, columns)] for row in rows)
    elif fmt == "tsv":
        out.write("\t".join(tsv_cell(c) for c in columns) + "\n")
        out.writelines("\t".join([tsv_cell(v) for v in map(row.get, columns)]) + "\n" for row in rows)
    elif fmt == "md":
        from tabulate import tabulate

        cells = [[one_line(row.get(c)).replace("|", "\\|") for c in columns] for row in rows]
        out.write(tabulate(cells, headers=columns, tablefmt="github", disable_numparse=True) + "\n")
    elif fmt == "plain":
        for row in rows:
            out.write("\t".join(one_line(row.get(c)) for c in columns) + "\n")
    else:
        raise ValueError(f"write_rows does not draw '{fmt}'")
