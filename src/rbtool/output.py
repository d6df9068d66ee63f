"""Rows → machine formats (csv, tsv, json, jsonl, md, plain) and spreadsheets (xlsx). Plain writers only: never
through rich.

Every listing command produces a list of dicts with stable keys and hands them to `write_rows` (or, for a
`.xlsx` file, `write_xlsx`); the terminal table (`table` format) is drawn by rbtool.terminal instead. Files are
written through rbtool.safe_write (complete or not at all, never over an input).
"""
from __future__ import annotations

import csv
import json
from typing import IO, Any, Iterable, Sequence

# --output FILE: the format each file extension stands for
FORMAT_BY_SUFFIX = {".csv": "csv", ".tsv": "tsv", ".json": "json", ".jsonl": "jsonl", ".md": "md", ".xlsx": "xlsx",
                    ".txt": "plain"}
# A spreadsheet reads a text cell starting with one of these as a formula (CSV injection): --excel quotes it.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Spreadsheet display format of euro columns (a Dutch spreadsheet shows its own separators).
EURO_FORMAT = '"€" #,##0'
DEFAULT_MAX_COLUMN_WIDTH = 60  # characters; longer text wraps in its cell
# One encoder for every cell: json.dumps with options builds a new encoder per call, a third of a cell's cost.
_json_text = json.JSONEncoder(ensure_ascii=False).encode

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
        return _json_text(value)
    return repr(value) if isinstance(value, float) else str(value)


def data_cell(value: Any) -> str:
    """One cell for CSV and TSV, which must read back exactly: lists and dicts as JSON (an item may itself
    hold "; "), floats in full."""
    if isinstance(value, (list, tuple, dict)):
        return _json_text(value)
    return flat_value(value)


# TSV as IANA text/tab-separated-values: no quoting; a tab, newline, carriage return or backslash inside a
# cell is written as \t, \n, \r or \\ (the escapes PostgreSQL COPY and many readers undo).
_TSV_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def tsv_cell(value: Any) -> str:
    return data_cell(value).translate(_TSV_ESCAPES)


def one_line(value) -> str:
    """A cell for line-oriented human formats (Markdown, plain): no tabs or newlines inside."""
    return " ".join(flat_value(value).split())


def _excel_cell(value: Any) -> Any:
    """A cell of --excel CSV: numbers stay numbers (decimal comma), text that a spreadsheet would run as a
    formula gets a leading apostrophe."""
    if type(value) is int or value is None:
        return value
    if isinstance(value, float):
        return repr(value).replace(".", ",")  # every digit: rounding made false ties
    text = flat_value(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write_rows(rows: Sequence[dict], fmt: str, out: IO[str], columns: Iterable[str] | None = None,
               excel: bool = False) -> None:
    """Write rows as `fmt`. `excel` (CSV only) is for Dutch spreadsheets: a UTF-8 byte order mark, `;` between
    cells, decimal commas, and text cells that would start a formula prefixed with `'`. Plain CSV keeps every
    text exactly as it is, for programs."""
    columns = list(columns) if columns is not None else (list(rows[0]) if rows else [])
    if excel:
        if fmt != "csv":
            raise ValueError("excel applies to csv only")
        out.write("\ufeff")
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
        writer.writerow(columns)
        writer.writerows([_excel_cell(row.get(c)) for c in columns] for row in rows)
        return
    if fmt == "json":
        json.dump([{c: row.get(c) for c in columns} for row in rows], out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "jsonl":
        for row in rows:
            out.write(_json_text({c: row.get(c) for c in columns}) + "\n")
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


def is_money_column(name: str) -> bool:
    """Columns holding euros ("budget_eur", "delta_eur", "old_budget_eur"): formatted as euros in spreadsheets."""
    return name.endswith("_eur") or name == "eur"


def write_xlsx(rows: Sequence[dict], columns: Iterable[str], out: IO[bytes], headers: dict[str, str] | None = None,
               sheet: str = "rbtool") -> None:
    """Rows as an Excel workbook: a bold header row with frozen panes, numbers as numbers (euro columns in euro
    format), lists joined with '; ', every text cell stored as text (never a formula), columns as wide as their
    contents up to DEFAULT_MAX_COLUMN_WIDTH."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    columns = list(columns)
    headers = headers or {}
    book = Workbook(write_only=True)
    ws = book.create_sheet(sheet[:31])
    widths = [len(headers.get(c, c)) for c in columns]
    ws.freeze_panes = "A2"
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    cells = []
    for c in columns:
        cell = WriteOnlyCell(ws, value=headers.get(c, c))
        cell.data_type, cell.font = "s", bold
        cells.append(cell)
    body = []
    for row in rows:
        line = []
        for i, c in enumerate(columns):
            value = row.get(c)
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                text = flat_value(value)
                cell = WriteOnlyCell(ws, value=text)
                cell.data_type = "s"  # a text starting with "=" stays text
                widths[i] = max(widths[i], min(len(text), DEFAULT_MAX_COLUMN_WIDTH))
                if len(text) > DEFAULT_MAX_COLUMN_WIDTH:
                    cell.alignment = wrap
            else:
                cell = WriteOnlyCell(ws, value=value)
                if is_money_column(c):
                    cell.number_format = EURO_FORMAT
                widths[i] = max(widths[i], len(f"{value:,}") + (2 if is_money_column(c) else 0))
            line.append(cell)
        body.append(line)
    for i, width in enumerate(widths, start=1):  # write-only sheets take widths before the first row
        ws.column_dimensions[get_column_letter(i)].width = width + 2
    ws.append(cells)
    for line in body:
        ws.append(line)
    book.save(out)

