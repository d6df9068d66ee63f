"""rbtool corpus list | show DOC | remove DOC | export DOC."""

import json
from typing import Annotated, Optional

import typer

from rbtool import terminal
from rbtool.cli import app
from rbtool.cli.common import (CorpusOption, ExcelOption, FormatOption, OutputOption, chosen_format, data_to_stdout, emit,
                               exit_for, open_corpus)

corpus_app = typer.Typer(help="Inspect and manage the documents in the corpus.", no_args_is_help=True,
                         rich_markup_mode=None)
app.add_typer(corpus_app, name="corpus")

DocArgument = Annotated[str, typer.Argument(help="Document: id, id prefix, file name or year.",
                                            show_default=False)]
LIST_COLUMNS = ["id", "year", "title", "pages", "blocks", "footnotes", "measures", "warnings", "source_path",
                "extracted_at"]


@corpus_app.command("list", epilog="Examples:\n\n  rbtool corpus list\n\n  rbtool corpus list --format json")
def list_documents(fmt: FormatOption = None, output: OutputOption = None, excel: ExcelOption = False,
                   corpus_path: CorpusOption = None) -> None:
    """List the documents in the corpus."""
    with open_corpus(corpus_path) as corpus:
        rows = corpus.list_documents()
        terminal.message(f"corpus: {corpus.path}")
    if rows:
        emit(rows, chosen_format(fmt, output, excel), LIST_COLUMNS, right={"pages", "blocks", "footnotes", "measures"},
             to=output, excel=excel)
    exit_for(rows)


@corpus_app.command(epilog="Examples:\n\n  rbtool corpus show 2020\n\n  rbtool corpus show 3f2a --format json")
def show(doc: DocArgument, fmt: FormatOption = None, corpus_path: CorpusOption = None) -> None:
    """Show a document's metadata, sections and warnings."""
    with open_corpus(corpus_path) as corpus:
        document = corpus.load_document(corpus.resolve(doc))
    terminal.message(f"{document.title} ({document.year or 'year unknown'}), {document.page_count} pages, "
                     f"{len(document.blocks)} blocks, {len(document.footnotes)} footnotes, id {document.id}")
    for warning in document.warnings:
        terminal.warning(warning)
    rows = [{"number": s.number or "", "title": s.title, "level": s.level, "page": s.page,
             "page_label": document.page_label(s.page) or ""} for s in document.sections]
    emit(rows, chosen_format(fmt), ["number", "title", "level", "page", "page_label"], right={"page"})


@corpus_app.command(epilog="Examples:\n\n  rbtool corpus remove 2020\n\n  rbtool corpus remove 3f2a9c")
def remove(doc: DocArgument, corpus_path: CorpusOption = None) -> None:
    """Remove a document (and its measures and search index entries) from the corpus."""
    with open_corpus(corpus_path) as corpus:
        doc_id = corpus.resolve(doc)
        corpus.remove_document(doc_id)
    terminal.message(f"removed {doc_id}")


@corpus_app.command(epilog="Examples:\n\n  rbtool corpus export 2020 > analyse-2020.json\n\n"
                           "  rbtool corpus export 3f2a --output analyse.json")
def export(doc: DocArgument,
           fmt: Annotated[str, typer.Option("--format", "-f", help="Only json is supported.")] = "json",
           output: Annotated[Optional[str], typer.Option("--output", "-o", help="Write to a file.")] = None,
           corpus_path: CorpusOption = None) -> None:
    """Write the full structured document as JSON (pages, sections, blocks, footnotes, quotes, measures)."""
    from rbtool.errors import UsageError
    from rbtool.export import document_to_dict

    if fmt != "json":
        raise UsageError(f"export writes json only, not '{fmt}'")
    with open_corpus(corpus_path) as corpus:
        doc_id = corpus.resolve(doc)
        document = corpus.load_document(doc_id)
        measures = list(corpus.iter_measures([doc_id]))
    text = json.dumps(document_to_dict(document, measures), ensure_ascii=False, indent=1) + "\n"
    if output:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(text)
        terminal.message(f"wrote {output}")
    else:
        with data_to_stdout() as out:
            out.write(text)
