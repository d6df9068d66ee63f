"""rbtool tables: the tables of the corpus as data — listed, in full as JSON, one as a CSV grid, or long."""

from typing import Annotated, Optional

import typer

from rbtool.cli import app
from rbtool.cli.common import (Command, CorpusOption, DocOption, ExcelOption, FormatOption, MinisterieOption,
                               NoPagerOption, OutputOption, SectionOption, YearOption, chosen_format,
                               data_to_stdout, emit, exit_for, limit_option, limited, ministry_codes,
                               open_corpus_with_sample, resolve_documents)
from rbtool.queries.documents import doc_labels
from rbtool.terminal import Column

# terminal: where the table is never cut; the caption folds; the section and unit leave first
LIST_TABLE_COLUMNS = [Column("doc"), Column("table", "nr", right=True), Column("page", right=True),
                      Column("page_label", "label", right=True, drop=2), Column("section", wrap=1, drop=3),
                      Column("caption", wrap=3), Column("unit", drop=1), Column("shape", right=True)]
LONG_TABLE_COLUMNS = [Column("doc"), Column("page", right=True), Column("table", "nr", right=True),
                      Column("caption", wrap=1, drop=1), Column("row", wrap=2), Column("column", wrap=1),
                      Column("value", right=True), Column("eur", right=True, drop=2)]


@app.command(cls=Command, epilog="Examples:\n\n"
                    "  rbtool tables --doc 2019\n\n"
                    "  rbtool tables --zoek 'niet-beleidsartikel' --format json\n\n"
                    "  rbtool tables --doc 2019 --table 1 --format csv > tabel1.csv\n\n"
                    "  rbtool tables --doc 2019 --long --format csv > cellen.csv")
def tables(
    doc: DocOption = None,
    year: YearOption = None,
    page: Annotated[Optional[int], typer.Option(min=1, help="Only tables on this PDF page.")] = None,
    zoek: Annotated[Optional[str], typer.Option(help="Only tables whose caption, header or row labels "
                                                     "contain TEXT.")] = None,
    ministerie: MinisterieOption = None,
    section: SectionOption = None,
    table: Annotated[Optional[int], typer.Option(
        "--table", "-t", min=1, help="Table number N: that table as a grid, header row first (needs --doc).")] = None,
    long: Annotated[bool, typer.Option("--long", help="Tidy rows: doc, page, table, caption, row, column, value, "
                                                      "eur.")] = False,
    limit: limit_option("tables (with --long: rows)") = 0,
    fmt: FormatOption = None,
    output: OutputOption = None,
    excel: ExcelOption = False,
    no_pager: NoPagerOption = False,
    corpus_path: CorpusOption = None,
) -> None:
    """The tables of the documents: where they are, caption, unit and shape; in full with --format json."""
    from rbtool.errors import UsageError
    from rbtool.queries.tables import (CONTRACT_COLUMNS, LIST_COLUMNS, LONG_COLUMNS, grid, list_row, long_rows,
                                       select_tables, table_to_dict)

    if table is not None and not doc:
        raise UsageError("--table N needs --doc: table numbers count within one document")
    codes = ministry_codes(ministerie)
    with open_corpus_with_sample(corpus_path) as corpus:
        doc_ids = resolve_documents(corpus, doc, year)
        documents = corpus.list_documents()
        found = select_tables(corpus.iter_tables(doc_ids, codes), page=page, zoek=zoek, number=table)
    if section:
        from rbtool.queries.sections import in_sections

        found = [f for f in found if in_sections(f[2].section, section)]
    out = chosen_format(fmt, output, excel)
    to = dict(to=output, excel=excel, corpus=corpus_path)
    if long:
        rows = limited(long_rows(found), limit, "rows")
        emit(rows, out, LONG_TABLE_COLUMNS if out == "table" else LONG_COLUMNS, no_pager=no_pager, **to)
        exit_for(rows)
    if table is not None and len(found) == 1:
        _write_grid(grid(found[0][2]), out, to, no_pager)
        exit_for(found)
    found = limited(found, limit, "tables")
    if out in ("json", "jsonl"):
        rows = [table_to_dict(*f) for f in found]
        emit(rows, out, CONTRACT_COLUMNS, **to)
        exit_for(rows)
    rows = [list_row(*f) for f in found]
    if out == "table":
        labels = doc_labels({d["id"]: d["year"] for d in documents})
        emit([{**r, "doc": labels[r["doc"]]} for r in rows], out, LIST_TABLE_COLUMNS, no_pager=no_pager)
    else:
        emit(rows, out, LIST_COLUMNS, **to)
    exit_for(rows)


def _write_grid(cells: list[list[str]], fmt: str, to: dict, no_pager: bool) -> None:
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
    emit(rows, fmt, [Column(names[0], wrap=1), *(Column(n, right=True) for n in names[1:])], no_pager=no_pager)
