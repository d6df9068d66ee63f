"""rbtool search QUERY: ranked, highlighted passages with page and section."""

from typing import Annotated, Optional

import typer

from rbtool import terminal
from rbtool.cli import app
from rbtool.cli.common import (COUNT_MAX, YEAR_MAX, YEAR_MIN, ChartOption, CorpusOption, ExcelOption, FormatOption,
                               OutputOption, chosen_format, data_to_stdout, draw_chart, emit, exit_for,
                               open_corpus_with_sample)

COLUMNS = ["doc", "year", "page", "page_label", "section", "kind", "score", "matched_terms", "snippet", "text"]
PLAIN_COLUMNS = ["doc", "year", "page", "page_label", "section", "kind", "snippet"]
COUNT_COLUMNS = ["doc", "section", "hits"]


def _hit_row(hit) -> dict:
    return {"doc": hit.doc, "title": hit.title, "year": hit.year, "page": hit.page, "page_label": hit.page_label,
            "section": hit.section, "kind": hit.kind, "score": hit.score,
            "matched_terms": list(hit.matched_terms), "snippet": hit.snippet, "text": hit.text,
            "fuzzy": hit.fuzzy}


@app.command(epilog="Query syntax: words (all required), \"exact phrase\", OR, -exclusion.\n\n"
                    "Examples:\n\n"
                    "  rbtool search stikstof\n\n"
                    "  rbtool search '\"brede welvaart\" gemeenten'\n\n"
                    "  rbtool search woningbouw OR huisvesting --ministerie BZK\n\n"
                    "  rbtool search jeugdzorg -wmo --year 2020 --format csv\n\n"
                    "  rbtool search stikstof --count\n\n"
                    "  rbtool search stikstof --count --chart")
def search(
    query: Annotated[list[str], typer.Argument(help="Search words; quote phrases.", show_default=False)],
    exact: Annotated[bool, typer.Option("--exact", help="No compounds, stemming or typo tolerance "
                                                          "(case and diacritics still fold).")] = False,
    doc: Annotated[Optional[list[str]], typer.Option(help="Document id, file name or year (repeatable).")] = None,
    year: Annotated[Optional[int], typer.Option(min=YEAR_MIN, max=YEAR_MAX,
                                                help="Only documents of this budget year.")] = None,
    ministerie: Annotated[Optional[str], typer.Option("--ministerie", "-m",
                                                      help="Only passages in this ministry's section.")] = None,
    section: Annotated[Optional[str], typer.Option(help="Section number prefix (2.1) or title text.")] = None,
    kind: Annotated[Optional[str], typer.Option(
        help="paragraph, list_item, measure, footnote, quote, heading or table.")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, max=COUNT_MAX, help="Most passages to show.")] = 20,
    context: Annotated[int, typer.Option("--context", "-C", min=1, max=COUNT_MAX,
                                         help="Words around the matches.")] = 12,
    full: Annotated[bool, typer.Option("--full", help="Whole passages instead of a window.")] = False,
    count: Annotated[bool, typer.Option("--count", help="Hits per document and section instead of passages.")]
    = False,
    chart: ChartOption = False,
    fmt: FormatOption = None,
    output: OutputOption = None,
    excel: ExcelOption = False,
    corpus_path: CorpusOption = None,
) -> None:
    """Search the corpus: Dutch-aware (compounds, inflections, diacritics, typos), ranked, with pages."""
    from rbtool.queries import search as searching

    text = " ".join(query)
    code = None
    if ministerie:
        from rbtool.nl.ministries import resolve

        code = resolve(ministerie).code
    out = chosen_format(fmt, output, excel)
    with open_corpus_with_sample(corpus_path) as corpus:
        doc_ids = [corpus.resolve(d) for d in doc] if doc else None
        filters = dict(exact=exact, doc_ids=doc_ids, year=year, ministerie=code, section=section, kind=kind)
        if count:
            rows = [{"doc": d, "section": s, "hits": n} for d, s, n in searching.count(corpus.conn, text, **filters)]
            if chart and rows:
                from rbtool.charts import hit_counts

                editions = {d["id"]: str(d["year"] or d["id"]) for d in corpus.list_documents()}
                draw_chart(hit_counts(rows, editions), f"Hits for {text}")
            if rows and (output is not None or not chart):
                emit(rows, out, COUNT_COLUMNS, right={"hits"}, wrap={"section"}, to=output, excel=excel,
                     corpus=corpus_path)
            exit_for(rows)
        result = searching.search(corpus.conn, text, limit=limit, context=context, full=full, **filters)
    if result.also_matched:
        terminal.message(f"also matched: {', '.join(result.also_matched)}")
    rows = [_hit_row(h) for h in result.hits]
    if out == "table":
        with data_to_stdout():
            terminal.print_hits(result.hits)
    elif rows:
        emit(rows, out, PLAIN_COLUMNS if out == "plain" else COLUMNS, to=output, excel=excel, corpus=corpus_path)
    exit_for(rows)
