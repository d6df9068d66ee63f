"""rbtool search QUERY: ranked, highlighted passages with their edition, page, section and passage id."""

from typing import Annotated

import typer

from rbtool import terminal
from rbtool.cli import app
from rbtool.cli.common import (COUNT_MAX, ChartOption, CorpusOption, DocOption, ExcelOption, FormatOption,
                               MinisterieOption, NoPagerOption, OutputOption, QueryCommand, SectionOption,
                               YearOption, chosen_format, chosen_kinds, draw_chart, emit, exit_for,
                               kind_option, limit_option, ministry_codes, open_corpus_with_sample,
                               resolve_documents, terminal_view)
from rbtool.model import SEARCH_KINDS
from rbtool.queries.documents import doc_labels
from rbtool.terminal import Column

COLUMNS = ["passage", "doc", "year", "page", "page_label", "section", "kind", "note", "ministerie", "attribution",
           "label", "score", "matched_terms", "snippet", "text"]
PLAIN_COLUMNS = ["doc", "year", "page", "page_label", "section", "kind", "snippet", "passage"]
COUNT_COLUMNS = ["doc", "year", "title", "section", "hits"]
COUNT_TABLE_COLUMNS = [Column("doc"), Column("section", wrap=1), Column("hits", right=True)]


def _hit_row(hit) -> dict:
    return {"passage": hit.passage, "doc": hit.doc, "title": hit.title, "year": hit.year, "page": hit.page,
            "page_label": hit.page_label, "section": hit.section, "kind": hit.kind, "note": hit.note,
            "ministerie": hit.ministerie, "attribution": hit.attribution, "label": hit.label,
            "score": round(hit.score, 4),
            "matched_terms": list(hit.matched_terms), "snippet": hit.snippet, "text": hit.text, "fuzzy": hit.fuzzy}


@app.command(cls=QueryCommand,
             epilog="Query syntax: words (all required), \"exact phrase\", OR, -exclusion.\n\n"
                    "Examples:\n\n"
                    "  rbtool search stikstof\n\n"
                    "  rbtool search '\"brede welvaart\" gemeenten'\n\n"
                    "  rbtool search woningbouw OR huisvesting --ministerie BZK\n\n"
                    "  rbtool search jeugdzorg -wmo --year 2020 --format csv\n\n"
                    "  rbtool search stikstof --kind footnote --kind measure -n 0\n\n"
                    "  rbtool search stikstof --count\n\n"
                    "  rbtool search stikstof --count --chart")
def search(
    query: Annotated[list[str], typer.Argument(help="Search words; quote phrases; -word excludes.",
                                               show_default=False)],
    exact: Annotated[bool, typer.Option("--exact", help="No compounds, stemming or typo tolerance "
                                                          "(case and diacritics still fold).")] = False,
    doc: DocOption = None,
    year: YearOption = None,
    ministerie: MinisterieOption = None,
    section: SectionOption = None,
    kind: kind_option(SEARCH_KINDS) = None,
    limit: limit_option("passages") = 20,
    context: Annotated[int, typer.Option("--context", "-C", min=1, max=COUNT_MAX,
                                         help="Words around the matches.")] = 12,
    full: Annotated[bool, typer.Option("--full", help="Whole passages instead of a window.")] = False,
    count: Annotated[bool, typer.Option("--count", help="Hits per document and section instead of passages.")]
    = False,
    chart: ChartOption = False,
    fmt: FormatOption = None,
    output: OutputOption = None,
    excel: ExcelOption = False,
    no_pager: NoPagerOption = False,
    corpus_path: CorpusOption = None,
) -> None:
    """Search the corpus: Dutch-aware (compounds, inflections, diacritics, typos), ranked; every hit names its
    edition, page, section and passage id (for 'rbtool show')."""
    from rbtool.queries import search as searching

    text = " ".join(query)
    out = chosen_format(fmt, output, excel)
    written = dict(to=output, excel=excel, corpus=corpus_path)
    with open_corpus_with_sample(corpus_path) as corpus:
        filters = dict(exact=exact, doc_ids=resolve_documents(corpus, doc), year=year, ministerie=ministry_codes(
            ministerie), section=section, kind=chosen_kinds(kind, SEARCH_KINDS))
        if count:
            documents = {d["id"]: d for d in corpus.list_documents()}
            rows = [{"doc": d, "year": documents[d]["year"], "title": documents[d]["title"], "section": s, "hits": n}
                    for d, s, n in searching.count(corpus.conn, text, **filters)]
            labels = doc_labels({r["doc"]: r["year"] for r in rows})  # the edition's year where that names it
            if chart and rows:
                from rbtool.charts import hit_counts

                draw_chart(hit_counts(rows, labels), f"Hits for {text}")
            if out == "table" and not chart:
                emit([{**r, "doc": labels[r["doc"]]} for r in rows], out, COUNT_TABLE_COLUMNS, no_pager=no_pager)
            elif output is not None or not chart:
                emit(rows, out, COUNT_COLUMNS, **written)
            exit_for(rows)
        result = searching.search(corpus.conn, text, limit=limit, context=context, full=full, **filters)
    if result.also_matched:
        terminal.message(f"also matched: {', '.join(result.also_matched)}")
    if result.total:
        terminal.message(f"{len(result.hits)} of {result.total} hits (use --limit)")
    rows = [_hit_row(h) for h in result.hits]
    if out == "table" and rows:
        with terminal_view(no_pager) as console:
            terminal.print_hits(console, result.hits)
    else:
        emit(rows, out, PLAIN_COLUMNS if out == "plain" else COLUMNS, **written)
    exit_for(rows)
