"""Rows → machine formats (csv, tsv, json, jsonl, md, plain). Plain writers only: never through rich.

Every listing command produces a list of dicts with stable keys and hands them to `write_rows`; the terminal
table (`table` format) is drawn by rbtool.terminal instead.
"""
from __future__ import annotations

import csv
import json
from typing import IO, Any, Iterable, Sequence

def flat_value(value: Any) -> str:
    """One cell of a CSV/TSV/Markdown/plain row: lists joined with '; ', None empty, dicts as JSON."""
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
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


def one_line(value) -> str:
    """A cell for line-oriented formats (TSV, Markdown, plain): no tabs or newlines inside."""
    return " ".join(flat_value(value).split())


def write_rows(rows: Sequence[dict], fmt: str, out: IO[str], columns: Iterable[str] | None = None) -> None:
    columns = list(columns) if columns is not None else (list(rows[0]) if rows else [])
    if fmt == "json":
        json.dump([{c: row.get(c) for c in columns} for row in rows], out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "jsonl":
        for row in rows:
            out.write(json.dumps({c: row.get(c) for c in columns}, ensure_ascii=False) + "\n")
    elif fmt in ("csv", "tsv"):
        writer = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(columns)
        if fmt == "csv":
            # CSV quotes tabs and newlines, and the csv module writes str, int and None (as "") itself;
            # only lists, dicts and floats need flattening (this loop runs for every cell of every row)
            writer.writerows([v if v is None or type(v) is str or type(v) is int else flat_value(v)
                              for v in map(row.get, columns)] for row in rows)
        else:  # TSV cells must not contain tabs or newlines
            writer.writerows([one_line(row.get(c)) for c in columns] for row in rows)
    elif fmt == "md":
        from tabulate import tabulate

        cells = [[one_line(row.get(c)).replace("|", "\\|") for c in columns] for row in rows]
        out.write(tabulate(cells, headers=columns, tablefmt="github", disable_numparse=True) + "\n")
    elif fmt == "plain":
        for row in rows:
            out.write("\t".join(one_line(row.get(c)) for c in columns) + "\n")
    else:
        raise ValueError(f"write_rows does not draw '{fmt}'")
