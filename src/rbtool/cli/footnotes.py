"""rbtool footnotes: every source, the sentence that cites it, and a link to the official publication."""

from typing import Annotated, Optional

import typer

from rbtool import terminal
from rbtool.cli import app
from rbtool.cli.common import (CorpusOption, ExcelOption, FormatOption, OutputOption, chosen_format, emit, exit_for,
                               open_corpus_with_sample)

NOTE_COLUMNS = ["doc", "number", "page", "page_label", "citing_sentence", "text", "kinds", "refs"]
TABLE_COLUMNS = ["number", "page", "citing_sentence", "text", "sources"]
REFERENCE_COLUMNS = ["doc", "number", "page", "page_label", "kind", "identifier", "url", "title", "date",
                     "citing_sentence", "text"]
SOURCE_COLUMNS = ["source", "kind", "identifier", "url", "count", "pages", "notes"]
SOURCE_TABLE_COLUMNS = ["source", "kind", "identifier", "count", "pages", "url"]
PROBLEM_COLUMNS = ["doc", "page", "problem"]


@app.command(epilog="Examples:\n\n"
                    "  rbtool footnotes --kind kamerstuk\n\n"
                    "  rbtool footnotes --sources\n\n"
                    "  rbtool footnotes --zoek stikstof --format csv\n\n"
                    "  rbtool footnotes --check --doc 2020")
def footnotes(
    doc: Annotated[Optional[list[str]], typer.Option(help="Document id, file name or year (repeatable).")] = None,
    kind: Annotated[Optional[str], typer.Option(
        help="kamerstuk, media, report, web, crossref, idem or other.")] = None,
    zoek: Annotated[Optional[str], typer.Option(help="Only notes whose text or citing sentence contains TEXT.")]
    = None,
    section: Annotated[Optional[str], typer.Option(help="Section number prefix (2.1) or title text.")] = None,
    sources: Annotated[bool, typer.Option("--sources", help="One row per cited publication, by count.")] = False,
    check: Annotated[bool, typer.Option("--check", help="Report markers without notes, gaps, duplicates.")]
    = False,
    fmt: FormatOption = None,
    output: OutputOption = None,
    excel: ExcelOption = False,
    corpus_path: CorpusOption = None,
) -> None:
    """Footnotes with their citing sentence, classified sources and links to officielebekendmakingen.nl."""
    from rbtool.queries import footnotes as notes

    out = chosen_format(fmt, output, excel)
    to = dict(to=output, excel=excel, corpus=corpus_path)
    with open_corpus_with_sample(corpus_path) as corpus:
        ids = [corpus.resolve(d) for d in doc] if doc else [d["id"] for d in corpus.list_documents()]
        documents = [corpus.load_document(i) for i in ids] if check else []
        analysed = [] if check else notes.stored_notes(corpus, ids)
    if check:
        problems = [{"doc": d.id, "page": p.page, "problem": p.message} for d in documents
                    for p in notes.check_integrity(d)]
        if problems:
            emit(problems, out, PROBLEM_COLUMNS, wrap={"problem"}, **to)
        else:
            terminal.message(f"footnotes consistent in {len(documents)} document(s)")
        raise typer.Exit(1 if problems else 0)
    if sources:
        rows = notes.cited_sources(analysed)
        if rows:
            table = out == "table"  # the list of note ids is for scripts; a terminal shows the pages
            emit(rows, out, SOURCE_TABLE_COLUMNS if table else SOURCE_COLUMNS,
                 wrap={"source": 4, "identifier": 2, "url": 3, "pages": 1}, right={"count"}, **to)
        exit_for(rows)
    found = notes.filter_notes(analysed, kind=kind, zoek=zoek, section=section)
    if out in ("csv", "tsv", "xlsx"):
        emit(notes.reference_rows(found), out, REFERENCE_COLUMNS, **to)
    elif out == "table":
        rows = [notes.footnote_to_row(f) for f in found]
        for row in rows:  # one line per reference: its kind and identifier, then the link to follow
            row["sources"] = "\n".join(f"{r['kind']} {r['identifier'] or ''}".strip() + (f"\n{r['url']}" if r["url"]
                                        and r["url"] != r["identifier"] else "") for r in row["refs"])
        if rows:
            emit(rows, out, TABLE_COLUMNS, wrap={"citing_sentence": 3, "text": 3, "sources": 2},
                 right={"number", "page"})
    elif found:
        emit([notes.footnote_to_row(f) for f in found], out, NOTE_COLUMNS, **to)
    exit_for(found)
