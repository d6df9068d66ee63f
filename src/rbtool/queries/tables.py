"""Tables as data: the listing, the JSON contract, one table as a grid and all cells as tidy rows.

Pure functions over (document id, page label, model.Table) triples as `Corpus.iter_tables` yields them.
The JSON contract (`table_to_dict`) is the same in `rbtool tables --format json` and `corpus export`.
"""
from __future__ import annotations

from collections.abc import Iterable

from rbtool import model
from rbtool.nl.numbers import to_euros
from rbtool.nl.text import fold

LIST_COLUMNS = ["doc", "table", "page", "page_label", "section", "caption", "unit", "shape"]
CONTRACT_COLUMNS = ["doc", "table", "page", "page_end", "page_label", "section", "caption", "unit", "columns",
                    "rows", "bbox"]
LONG_COLUMNS = ["doc", "page", "table", "caption", "row", "column", "value", "eur"]

Found = tuple[str, str | None, model.Table]


def select_tables(found: Iterable[Found], *, page: int | None = None, zoek: str | None = None,
                  number: int | None = None) -> list[Found]:
    """Tables on `page` (any page they cover), whose caption, header or row labels contain `zoek` (folded:
    case and accents do not matter), or with table number `number`."""
    needle = fold(zoek) if zoek else None
    out = []
    for doc_id, label, table in found:
        if page is not None and not table.page <= page <= table.page_end:
            continue
        if number is not None and table.number != number:
            continue
        if needle is not None:
            labels = [row[0] for row in table.rows if row]
            if not any(needle in fold(text) for text in [table.caption or "", *table.columns, *labels]):
                continue
        out.append((doc_id, label, table))
    return out


def table_to_dict(doc_id: str, page_label: str | None, table: model.Table) -> dict:
    """The JSON contract of one table."""
    return {"doc": doc_id, "table": table.number, "page": table.page, "page_end": table.page_end,
            "page_label": page_label, "section": table.section, "caption": table.caption, "unit": table.unit,
            "columns": list(table.columns), "rows": [list(r) for r in table.rows], "bbox": list(table.bbox)}


def list_row(doc_id: str, page_label: str | None, table: model.Table) -> dict:
    """One line of the listing: where the table is, what it is, its shape (rows × columns)."""
    return {"doc": doc_id, "table": table.number, "page": table.page, "page_label": page_label,
            "section": table.section, "caption": table.caption or "", "unit": table.unit,
            "shape": f"{len(table.rows)} × {len(table.columns)}"}


def grid(table: model.Table) -> list[list[str]]:
    """The table as a plain grid: the header row first, then the body rows."""
    return [list(table.columns)] + [list(r) for r in table.rows]


def long_rows(found: Iterable[Found]) -> list[dict]:
    """Tidy rows, one per body cell beside the label column: doc, page, table, caption, row (its label),
    column (its header), value (as printed) and eur (the value times the table's unit, when it is money)."""
    out = []
    for doc_id, _, table in found:
        labelled = bool(table.columns) and not table.columns[0] and any(r and r[0] for r in table.rows)
        for r, c, first, header, cell in table.cells():
            if labelled and c == 0:  # the label column names the rows
                continue
            out.append({"doc": doc_id, "page": table.page, "table": table.number, "caption": table.caption or "",
                        "row": first if labelled else str(r), "column": header, "value": cell,
                        "eur": to_euros(cell, table.unit)})
    return out
