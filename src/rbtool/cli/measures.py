"""rbtool measures: the policy measures per ministry, with amounts in euros."""

from dataclasses import replace
from typing import Annotated, Optional

import typer

from rbtool.cli import app
from rbtool.cli.common import (ChartOption, Command, CorpusOption, DocOption, ExcelOption, FormatOption,
                               MinisterieOption, NoPagerOption, OutputOption, SectionOption, YearOption,
                               chosen_format, draw_chart, emit, exit_for, limit_option, limited,
                               ministry_codes, open_corpus_with_sample, resolve_documents)
from rbtool.queries.documents import doc_labels
from rbtool.terminal import Column

JSON_COLUMNS = ["doc", "year", "ministerie", "ministerie_naam", "theme", "text", "subitems", "amounts",
                "budget_eur", "budget_per_year_eur", "years", "section", "page", "page_label"]
# CSV/TSV: the amounts spread over flat columns (queries.measures.flat_amounts), for spreadsheets
FLAT_COLUMNS = ["doc", "year", "ministerie", "ministerie_naam", "theme", "text", "subitems", "amounts",
                "eur_amounts", "amount_roles", "amount_periods", "amount_qualifiers", "budget_eur",
                "budget_per_year_eur", "years", "section", "page", "page_label"]
SUMMARY_COLUMNS = ["doc", "year", "ministerie", "ministerie_naam", "measures", "with_amounts", "budget_eur",
                   "budget_per_year_eur", "pages"]
# terminal: euro figures and pages are never cut; the theme leaves before the text gets narrow
TABLE_COLUMNS = [Column("doc"), Column("ministerie", "min."), Column("theme", wrap=1, drop=1, min_width=14),
                 Column("text", wrap=3, min_width=28), Column("amounts", "bedragen", wrap=1),
                 Column("page", right=True)]
SUMMARY_TABLE_COLUMNS = [Column("doc"), Column("ministerie", "min."),
                         Column("ministerie_naam", "name", wrap=1, drop=1),
                         Column("measures", "meas.", right=True), Column("with_amounts", "with €", right=True),
                         Column("budget_eur", "budget €", right=True),
                         Column("budget_per_year_eur", "per year", right=True, drop=2), Column("pages", right=True)]


def _table_columns(columns: list[Column], rows: list[dict]) -> list[Column]:
    """The doc column only when the rows come from more than one document."""
    return columns if len({r["doc"] for r in rows}) > 1 else [c for c in columns if c.name != "doc"]


@app.command(cls=Command, epilog="Examples:\n\n"
                    "  rbtool measures --ministerie BZK\n\n"
                    "  rbtool measures --summary\n\n"
                    "  rbtool measures --ministerie 'Binnenlandse Zaken' --thema wonen --min-bedrag 100m\n\n"
                    "  rbtool measures --year 2020 --year 2021 -m LNV -n 5\n\n"
                    "  rbtool measures --zoek stikstof --format csv > stikstof.csv\n\n"
                    "  rbtool measures --summary --output begroting.xlsx\n\n"
                    "  rbtool measures --summary --chart\n\n"
                    "  rbtool measures --format csv --excel > maatregelen.csv")
def measures(
    ministerie: MinisterieOption = None,
    thema: Annotated[Optional[str], typer.Option(help="Only measures whose theme contains TEXT.")] = None,
    zoek: Annotated[Optional[str], typer.Option(help="Only measures whose text contains TEXT.")] = None,
    min_bedrag: Annotated[Optional[str], typer.Option(
        "--min-bedrag", help="Only measures whose budget amounts (per-unit, change, macro and other amounts left "
                             "out; a yearly amount for one year) add up to at least this: 100m, 1,5mld, 250000.")]
    = None,
    doc: DocOption = None,
    year: YearOption = None,
    section: SectionOption = None,
    summary: Annotated[bool, typer.Option("--summary", help="One row per document and ministry.")] = False,
    limit: limit_option("measures") = 0,
    chart: ChartOption = False,
    fmt: FormatOption = None,
    output: OutputOption = None,
    excel: ExcelOption = False,
    no_pager: NoPagerOption = False,
    corpus_path: CorpusOption = None,
) -> None:
    """The measures each ministry announces, with theme, euro amounts and the page to cite."""
    from rbtool.nl.money import format_eur, parse_min_amount
    from rbtool.queries.measures import amount_label, filter_measures, flat_amounts, measure_to_row, summarize

    codes = ministry_codes(ministerie)
    min_eur = parse_min_amount(min_bedrag) if min_bedrag else None
    with open_corpus_with_sample(corpus_path) as corpus:
        doc_ids = resolve_documents(corpus, doc)
        found = filter_measures(corpus.iter_measures(doc_ids, codes, min_budget_eur=min_eur), thema=thema, zoek=zoek,
                                min_eur=min_eur, year=year, section=section)
    out = chosen_format(fmt, output, excel)
    written = dict(to=output, excel=excel, corpus=corpus_path)
    if chart:  # the summary as a picture: budget per ministry, one bar per edition
        from rbtool.charts import budget_by_ministry

        if output is not None:
            emit(summarize(found), out, SUMMARY_COLUMNS, **written)
        if found:
            draw_chart(budget_by_ministry(found), "Budget amounts per ministry (per-unit, change, macro and other "
                                                  "amounts left out; a yearly amount for one year)")
        exit_for(found)
    if summary:
        rows = limited(summarize(found), limit, "rows")
        if out == "table":
            labels = doc_labels({r["doc"]: r["year"] for r in rows})
            table = [{**r, "doc": labels[r["doc"]], "budget_eur": format_eur(r["budget_eur"]) or "",
                      "budget_per_year_eur": format_eur(r["budget_per_year_eur"]) or ""} for r in rows]
            emit(table, out, _table_columns(SUMMARY_TABLE_COLUMNS, rows), no_pager=no_pager)
        else:
            emit(rows, out, SUMMARY_COLUMNS, **written)
        exit_for(rows)
    found = limited(found, limit, "measures")
    rows = [measure_to_row(m) for m in found]
    if out == "table":
        labels = doc_labels({r["doc"]: r["year"] for r in rows})
        table = [{**r, "doc": labels[r["doc"]], "amounts": "\n".join(amount_label(a) for a in m.amounts),
                  "page": f"{r['page']} (p. {r['page_label']})" if r["page_label"] and r["page_label"] != str(r["page"])
                  else r["page"]} for r, m in zip(rows, found)]
        # the amounts fold their roles and qualifiers, never the euro figure
        figures = max((len(format_eur(a.eur) or a.raw) for m in found for a in m.amounts), default=8)
        columns = [replace(c, min_width=max(figures, len(c.title))) if c.name == "amounts" else c
                   for c in _table_columns(TABLE_COLUMNS, rows)]
        emit(table, out, columns, no_pager=no_pager)
    else:
        emit(rows if out in ("json", "jsonl") else [{**r, **flat_amounts(r["amounts"])} for r in rows], out,
             JSON_COLUMNS if out in ("json", "jsonl") else FLAT_COLUMNS, to=output, excel=excel,
             corpus=corpus_path)
    exit_for(rows)
