"""rbtool measures: the policy measures per ministry, with amounts in euros."""

from typing import Annotated, Optional

import typer

from rbtool.cli import app
from rbtool.cli.common import (YEAR_MAX, YEAR_MIN, ChartOption, CorpusOption, ExcelOption, FormatOption, OutputOption,
                               chosen_format, draw_chart, emit, exit_for, open_corpus_with_sample)

JSON_COLUMNS = ["doc", "year", "ministerie", "ministerie_naam", "theme", "text", "subitems", "amounts",
                "budget_eur", "budget_per_year_eur", "years", "section", "page", "page_label"]
# CSV/TSV: the amounts spread over flat columns (queries.measures.flat_amounts), for spreadsheets
FLAT_COLUMNS = ["doc", "year", "ministerie", "ministerie_naam", "theme", "text", "subitems", "amounts",
                "eur_amounts", "amount_roles", "amount_periods", "amount_qualifiers", "budget_eur",
                "budget_per_year_eur", "years", "section", "page", "page_label"]
SUMMARY_COLUMNS = ["ministerie", "ministerie_naam", "measures", "with_amounts", "budget_eur", "budget_per_year_eur",
                   "pages"]
SUMMARY_HEADERS = {"budget_eur": "budget €", "budget_per_year_eur": "of which per year"}


@app.command(epilog="Examples:\n\n"
                    "  rbtool measures --ministerie BZK\n\n"
                    "  rbtool measures --summary\n\n"
                    "  rbtool measures --ministerie 'Binnenlandse Zaken' --thema wonen --min-bedrag 100m\n\n"
                    "  rbtool measures --zoek stikstof --format csv > stikstof.csv\n\n"
                    "  rbtool measures --summary --output begroting.xlsx\n\n"
                    "  rbtool measures --summary --chart\n\n"
                    "  rbtool measures --format csv --excel > maatregelen.csv")
def measures(
    ministerie: Annotated[Optional[list[str]], typer.Option(
        "--ministerie", "-m", help="Ministry code, name or common spelling (repeatable).")] = None,
    thema: Annotated[Optional[str], typer.Option(help="Only measures whose theme contains TEXT.")] = None,
    zoek: Annotated[Optional[str], typer.Option(help="Only measures whose text contains TEXT.")] = None,
    min_bedrag: Annotated[Optional[str], typer.Option(
        "--min-bedrag", help="Only measures whose budget amounts (per-unit, change, macro and other amounts left "
                             "out; a yearly amount for one year) add up to at least this: 100m, 1,5mld, 250000.")]
    = None,
    doc: Annotated[Optional[list[str]], typer.Option(help="Document id, file name or year (repeatable).")] = None,
    year: Annotated[Optional[int], typer.Option(min=YEAR_MIN, max=YEAR_MAX,
                                                help="Only documents of this budget year.")] = None,
    summary: Annotated[bool, typer.Option("--summary", help="One row per ministry.")] = False,
    chart: ChartOption = False,
    fmt: FormatOption = None,
    output: OutputOption = None,
    excel: ExcelOption = False,
    corpus_path: CorpusOption = None,
) -> None:
    """The measures each ministry announces, with theme, euro amounts and the page to cite."""
    from rbtool.nl.ministries import resolve
    from rbtool.nl.money import format_eur, parse_min_amount
    from rbtool.queries.measures import amount_label, filter_measures, flat_amounts, measure_to_row, summarize

    codes = [resolve(value).code for value in ministerie] if ministerie else None
    min_eur = parse_min_amount(min_bedrag) if min_bedrag else None
    with open_corpus_with_sample(corpus_path) as corpus:
        doc_ids = [corpus.resolve(d) for d in doc] if doc else None
        found = filter_measures(corpus.iter_measures(doc_ids, codes, min_budget_eur=min_eur), thema=thema, zoek=zoek,
                                year=year)
    out = chosen_format(fmt, output, excel)
    if chart:  # the summary as a picture: budget per ministry, one bar per edition
        from rbtool.charts import budget_by_ministry

        if output is not None:
            emit(summarize(found), out, SUMMARY_COLUMNS, to=output, excel=excel, corpus=corpus_path)
        if found:
            draw_chart(budget_by_ministry(found), "Budget amounts per ministry (per-unit, change, macro and other "
                                                  "amounts left out; a yearly amount for one year)")
        exit_for(found)
    if summary:
        rows = summarize(found)
        if out == "table":
            rows = [{**r, **{c: format_eur(r[c]) if r[c] else "" for c in SUMMARY_HEADERS}} for r in rows]
        if rows:
            emit(rows, out, SUMMARY_COLUMNS, headers=SUMMARY_HEADERS, wrap={"ministerie_naam"},
                 right={"measures", "with_amounts", *SUMMARY_HEADERS}, to=output, excel=excel, corpus=corpus_path)
        exit_for(rows)
    rows = [measure_to_row(m) for m in found]
    if out == "table":
        table = [{**r, "amounts": "\n".join(amount_label(a) for a in m.amounts),  # one amount per line
                  "page": f"{r['page']} (p. {r['page_label']})" if r["page_label"] and r["page_label"] != str(r["page"])
                  else r["page"]} for r, m in zip(rows, found)]
        if table:
            emit(table, out, ["ministerie", "theme", "text", "amounts", "page"],
                 wrap={"text": 4, "theme": 2, "amounts": 3}, headers={"amounts": "bedragen"})
    elif rows:
        emit(rows if out in ("json", "jsonl") else [{**r, **flat_amounts(r["amounts"])} for r in rows], out,
             JSON_COLUMNS if out in ("json", "jsonl") else FLAT_COLUMNS, to=output, excel=excel,
             corpus=corpus_path)
    exit_for(rows)
