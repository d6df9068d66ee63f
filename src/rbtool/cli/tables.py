"""rbtool tables: the tables of the corpus as data — listed, in full as JSON, one as a CSV grid, or long."""

from typing import Annotated, Optional

import typer

from rbtool.cli import app
from rbtool.cli.common import (CorpusOption, ExcelOption, FormatOption, OutputOption, chosen_format, data_to_stdout,
                               emit, exit_for, open_corpus_with_sample)


@app.command(epilog="Examples:\n\n"
                    "  rbtool tables --doc 2019\n\n"
                    "  rbtool tables --zoek 'niet-beleidsartikel' --format json\n\n"
                    "  rbtool tables --doc 2019 --table 1 --format csv > tabel1.csv\n\n"
                    "  rbtool tables --ministerie BZK --long --format csv > bzk-tabellen.csv\n\n"
                    "  rbtool tables --doc 2019 --long --output tabellen.xlsx")
def tables(
    doc: Annotated[Optional[list[str]], typer.Option(help="Document id, file name or year (repeatable).")] = None,
    page: Annotated[Optional[int], typer.Option(min=1, help="Only tables on this PDF page.")] = None,
    zoek: Annotated[Optional[str], typer.Option(help="Only tables whose caption, header or row labels "
                                                     "contain TEXT.")] = None,
    ministerie: Annotated[Optional[list[str]], typer.Option(
        "--ministerie", "-m", help="Only tables in this ministry's part (code, name or spelling; repeatable).")] = None,
    table: Annotated[Optional[int], typer.Option(
        "--table", "-t", min=1, help="Table number N: that table as a grid, header row first (needs --doc).")] = None,
    long: Annotated[bool, typer.Option("--long", help="Tidy rows: doc, page, table, caption, row, column, value, "
                                                      "eur.")] = False,
    fmt: FormatOption = None,
    output: OutputOption = None,
    excel: ExcelOption = False,
    corpus_path: CorpusOption = None,
) -> None:
    """The tables of the documents: where they are, caption, unit and shape; in full with --format json."""
    from rbtool.errors import UsageError
    from rbtool.nl.ministries import resolve
    from rbtool.queries.tables import (CONTRACT_COLUMNS, LIST_COLUMNS, LONG_COLUMNS, grid, list_row, long_rows,
                                       select_tables, table_to_dict)

    if table is not None and not doc:
        raise UsageError("--table N needs --doc: table numbers count within one document")
    codes = [resolve(value).code for value in ministerie] if ministerie else None
    with open_corpus_with_sample(corpus_path) as corpus:
        doc_ids = [corpus.resolve(d) for d in doc] if doc else None
        found = select_tables(corpus.iter_tables(doc_ids, codes), page=page, zoek=zoek, number=table)
    out = chosen_format(fmt, output, excel)
    to = dict(to=output, excel=excel, corpus=corpus_path)
    if long:
        rows = long_rows(found)
        if rows:
            emit(rows, out, LONG_COLUMNS, wrap={"caption": 1, "row": 2}, right={"value", "eur"}, **to)
        exit_for(rows)
    if table is not None and len(found) == 1:
        _write_grid(grid(found[0][2]), out, to)
        exit_for(found)
    if out in ("json", "jsonl"):
        rows = [table_to_dict(*f) for f in found]
        if rows:
            emit(rows, out, CONTRACT_COLUMNS, **to)
        exit_for(rows)
    rows = [list_row(*f) for f in found]
    if rows:
        emit(rows, out, LIST_COLUMNS, wrap={"caption": 3, "section": 1}, right={"table", "page", "unit", "shape"},
             headers={"page_label": "label"}, **to)
    exit_for(rows)


def _write_grid(cells: list[list[str]], fmt: str, to: dict) -> None:
    """One table as a plain grid: CSV/TSV/plain as rows of cells, the terminal and Markdown as a table; with
    --output, a file of the grid's rows under its header."""
    header, body = cells[0], cells[1:]
    names = [name or " " * (i + 1) for i, name in enumerate(header)]  # distinct keys for blank header cells
    rows = [dict(zip(names, row)) for row in body]
    if to["to"] is not None or to["excel"]:
        emit(rows, fmt, names, **to)
        return
    if fmt in ("csv", "tsv", "plain"):
        import csv

        with data_to_stdout() as out:
            writer = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
            writer.writerows(cells)
        return
    emit(rows, fmt, names, wrap={names[0]: 1}, right=set(names[1:]))
