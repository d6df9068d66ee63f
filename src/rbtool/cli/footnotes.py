"""rbtool footnotes: every source, the sentence that cites it, and a link to the official publication."""

from typing import Annotated, Optional

import typer

from rbtool import terminal
from rbtool.cli import app
from rbtool.cli.common import (Command, CorpusOption, DocOption, ExcelOption, FormatOption, MinisterieOption,
                               NoPagerOption, OutputOption, SectionOption, YearOption, chosen_format, chosen_kinds,
                               emit, exit_for, kind_option, limit_option, limited, ministry_codes,
                               open_corpus_with_sample, resolve_documents, terminal_view)
from rbtool.model import SOURCE_KINDS
from rbtool.queries.documents import doc_labels
from rbtool.terminal import Column

NOTE_COLUMNS = ["doc", "year", "number", "page", "page_label", "ministerie", "citing_sentence", "text", "kinds",
                "refs"]
REFERENCE_COLUMNS = ["doc", "year", "number", "page", "page_label", "ministerie", "kind", "identifier", "url",
                     "title", "date", "citing_sentence", "text"]
SOURCE_COLUMNS = ["source", "kind", "identifier", "url", "count", "pages", "doc_pages", "notes"]
PROBLEM_COLUMNS = [Column("doc"), Column("page", right=True), Column("problem", wrap=1)]


@app.command(cls=Command, epilog="Examples:\n\n"
                    "  rbtool footnotes --kind kamerstuk\n\n"
                    "  rbtool footnotes --sources\n\n"
                    "  rbtool footnotes --zoek stikstof --format csv\n\n"
                    "  rbtool footnotes --section 2.1 --year 2021 -n 3\n\n"
                    "  rbtool footnotes --check --doc 2020")
def footnotes(
    doc: DocOption = None,
    year: YearOption = None,
    ministerie: MinisterieOption = None,
    section: SectionOption = None,
    kind: kind_option(SOURCE_KINDS) = None,
    zoek: Annotated[Optional[str], typer.Option(help="Only notes whose text or citing sentence contains TEXT.")]
    = None,
    sources: Annotated[bool, typer.Option("--sources", help="One row per cited publication, by count.")] = False,
    check: Annotated[bool, typer.Option("--check", help="Report markers without notes, gaps, duplicates.")]
    = False,
    limit: limit_option("notes (with --sources: publications)") = 0,
    fmt: FormatOption = None,
    output: OutputOption = None,
    excel: ExcelOption = False,
    no_pager: NoPagerOption = False,
    corpus_path: CorpusOption = None,
) -> None:
    """Footnotes with their citing sentence, classified sources and links to officielebekendmakingen.nl."""
    from rbtool.queries import footnotes as notes
    from rbtool.store.search_index import stored_section_ministries

    kinds = chosen_kinds(kind, SOURCE_KINDS)
    codes = set(ministry_codes(ministerie) or ())
    out = chosen_format(fmt, output, excel)
    to = dict(to=output, excel=excel, corpus=corpus_path)
    with open_corpus_with_sample(corpus_path) as corpus:
        documents_by_id = {d["id"]: d for d in corpus.list_documents()}
        ids = resolve_documents(corpus, doc, year)
        ids = list(documents_by_id) if ids is None else ids
        documents = [corpus.load_document(i) for i in ids] if check else []
        analysed = [] if check else notes.stored_notes(corpus, ids)
        by_section = stored_section_ministries(corpus.conn, ids) if not check else {}
    if check:
        problems = [{"doc": d.id, "page": p.page, "problem": p.message} for d in documents
                    for p in notes.check_integrity(d)]
        if problems or out != "table":  # JSON `[]`, CSV its header
            emit(problems, out, PROBLEM_COLUMNS if out == "table" else [c.name for c in PROBLEM_COLUMNS],
                 no_pager=no_pager, **to)
        if not problems:
            terminal.message(f"footnotes consistent in {len(documents)} document(s)")
        raise typer.Exit(1 if problems else 0)
    found = notes.filter_notes(analysed, kind=kinds, zoek=zoek, section=section)
    ministries = {(f.doc, f.number): by_section.get((f.doc, f.section)) for f in found}
    if codes:
        found = [f for f in found if ministries[f.doc, f.number] in codes]
    years = {i: documents_by_id[i]["year"] for i in ids}
    if sources:
        rows = limited(notes.cited_sources(found), limit, "sources")
        if out == "table" and rows:
            with terminal_view(no_pager) as console:
                terminal.print_sources(console, rows, doc_labels(years))
        else:
            emit(rows, out, SOURCE_COLUMNS, **to)
        exit_for(rows)
    found = limited(found, limit, "notes")
    extra = lambda f: {"year": years.get(f.doc), "ministerie": ministries.get((f.doc, f.number))}  # noqa: E731
    if out in ("csv", "tsv", "xlsx"):
        emit([{**r, **extra(f)} for f in found for r in notes.reference_rows([f])], out, REFERENCE_COLUMNS, **to)
    elif out == "table" and found:
        with terminal_view(no_pager) as console:
            terminal.print_notes(console, found, doc_labels(years) if len(ids) > 1 else {})
    else:
        emit([{**notes.footnote_to_row(f), **extra(f)} for f in found], out, NOTE_COLUMNS, **to)
    exit_for(found)
