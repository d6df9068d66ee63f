"""rbtool measures: the policy measures per ministry, with amounts in euros."""

from typing import Annotated, Optional

import typer

from rbtool.cli import app
from rbtool.cli.common import (YEAR_MAX, YEAR_MIN, CorpusOption, FormatOption, chosen_format, emit, exit_for,
                               open_corpus_with_sample)

JSON_COLUMNS = ["doc", "year", "ministerie", "ministerie_naam", "theme", "text", "subitems", "amounts",
                "eur_total", "years", "section", "page", "page_label"]
FLAT_COLUMNS = ["doc", "year", "ministerie", "ministerie_naam", "theme", "text", "subitems", "amounts",
                "eur_amounts", "eur_total", "years", "section", "page", "page_label"]
SUMMARY_COLUMNS = ["ministerie", "ministerie_naam", "measures", "with_amounts", "eur_total", "pages"]


def _flat(row: dict) -> dict:
    """CSV/TSV rows: amounts as their phrases plus a numeric `eur_amounts` column, for spreadsheets."""
    amounts = row["amounts"]
    return {**row, "amounts": [a["raw"] for a in amounts],
            "eur_amounts": [a["eur"] if a["eur"] is not None else "" for a in amounts]}


@app.command(epilog="Examples:\n\n"
                    "  rbtool measures --ministerie BZK\n\n"
                    "  rbtool measures --summary\n\n"
                    "  rbtool measures --ministerie 'Binnenlandse Zaken' --thema wonen --min-bedrag 100m\n\n"
                    "  rbtool measures --zoek stikstof --format csv > stikstof.csv")
def measures(
    ministerie: Annotated[Optional[list[str]], typer.Option(
        "--ministerie", "-m", help="Ministry code, name or common spelling (repeatable).")] = None,
    thema: Annotated[Optional[str], typer.Option(help="Only measures whose theme contains TEXT.")] = None,
    zoek: Annotated[Optional[str], typer.Option(help="Only measures whose text contains TEXT.")] = None,
    min_bedrag: Annotated[Optional[str], typer.Option(
        "--min-bedrag", help="Only measures mentioning at least this many euros: 100m, 1,5mld, 250000.")] = None,
    doc: Annotated[Optional[list[str]], typer.Option(help="Document id, file name or year (repeatable).")] = None,
    year: Annotated[Optional[int], typer.Option(min=YEAR_MIN, max=YEAR_MAX,
                                                help="Only documents of this budget year.")] = None,
    summary: Annotated[bool, typer.Option("--summary", help="One row per ministry.")] = False,
    fmt: FormatOption = None,
    corpus_path: CorpusOption = None,
) -> None:
    """The measures each ministry announces, with theme, euro amounts and the page to cite."""
    from rbtool.nl.ministries import resolve
    from rbtool.nl.money import format_eur, parse_min_amount
    from rbtool.queries.measures import filter_measures, measure_to_row, summarize

    codes = [resolve(value).code for value in ministerie] if ministerie else None
    min_eur = parse_min_amount(min_bedrag) if min_bedrag else None
    with open_corpus_with_sample(corpus_path) as corpus:
        doc_ids = [corpus.resolve(d) for d in doc] if doc else None
        found = filter_measures(corpus.iter_measures(doc_ids, codes), thema=thema, zoek=zoek, min_eur=min_eur,
                                year=year)
    out = chosen_format(fmt)
    if summary:
        rows = summarize(found)
        if out == "table":
            rows = [{**r, "eur_total": format_eur(r["eur_total"]) if r["eur_total"] else ""} for r in rows]
        if rows:
            emit(rows, out, SUMMARY_COLUMNS, right={"measures", "with_amounts", "eur_total"}, wrap={"ministerie_naam"})
        exit_for(rows)
    rows = [measure_to_row(m) for m in found]
    if out == "table":
        table = [{**r, "amounts": [format_eur(a["eur"]) if a["eur"] is not None else a["raw"] for a in r["amounts"]],
                  "page": f"{r['page']} (p. {r['page_label']})" if r["page_label"] and r["page_label"] != str(r["page"])
                  else r["page"]} for r in rows]
        if table:
            emit(table, out, ["ministerie", "theme", "text", "amounts", "page"], wrap={"text": 3, "theme": 1},
                 headers={"amounts": "bedragen"})
    elif rows:
        emit(rows if out in ("json", "jsonl") else [_flat(r) for r in rows], out,
             JSON_COLUMNS if out in ("json", "jsonl") else FLAT_COLUMNS)
    exit_for(rows)
