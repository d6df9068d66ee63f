"""rbtool corpus list | info | show DOC | remove DOC... | export DOC."""

import json
from typing import Annotated, Optional

import typer

from rbtool import terminal
from rbtool.errors import printable
from rbtool.cli import app
from rbtool.cli.common import (Command, CorpusOption, ExcelOption, FormatOption, NoPagerOption, OutputOption,
                               chosen_format, data_to_stdout, emit, exit_for, open_corpus, protected_paths,
                               resolve_documents)
from rbtool.terminal import Column

corpus_app = typer.Typer(help="Inspect and manage the documents in the corpus.", no_args_is_help=True,
                         rich_markup_mode=None)
app.add_typer(corpus_app, name="corpus")

DocArgument = Annotated[str, typer.Argument(help="Document: id prefix, year, file name or title word.",
                                            show_default=False)]
# the terminal shows what tells documents apart; the counts leave first on a narrow terminal
LIST_COLUMNS = [Column("id"), Column("year"), Column("title", wrap=3, min_width=24), Column("pages", right=True),
                Column("file", wrap=2, drop=1, min_width=16), Column("measures", "meas.", right=True, drop=3),
                Column("footnotes", "notes", right=True, drop=2), Column("warnings", "warn.", right=True, drop=4)]
LIST_FIELDS = ["id", "year", "title", "author", "pages", "file", "blocks", "footnotes", "measures", "warnings",
               "source_path", "extracted_at"]
SECTION_COLUMNS = [Column("number", "nr", right=False), Column("title", wrap=1), Column("level", "lvl", drop=2),
                   Column("page", right=True), Column("page_label", "printed", right=True, drop=1)]


@corpus_app.command("list", cls=Command,
                    epilog="Examples:\n\n  rbtool corpus list\n\n  rbtool corpus list --format json")
def list_documents(fmt: FormatOption = None, output: OutputOption = None, excel: ExcelOption = False,
                   no_pager: NoPagerOption = False, corpus_path: CorpusOption = None) -> None:
    """List the documents in the corpus: id, year, title, pages and file."""
    with open_corpus(corpus_path) as corpus:
        rows = corpus.list_documents()
        terminal.message(f"corpus: {corpus.path}")
    out = chosen_format(fmt, output, excel)
    emit(rows, out, LIST_COLUMNS if out == "table" else LIST_FIELDS, no_pager=no_pager, to=output, excel=excel,
         corpus=corpus_path)
    exit_for(rows)


@corpus_app.command(cls=Command, epilog="Examples:\n\n  rbtool corpus info\n\n  rbtool corpus info --format json")
def info(fmt: FormatOption = None, corpus_path: CorpusOption = None) -> None:
    """Where the corpus is, how big, and what it holds."""
    with open_corpus(corpus_path) as corpus:
        path = corpus.path
        facts = {"path": str(path), "size_bytes": path.stat().st_size if path.exists() else 0, **corpus.summary()}
    out = chosen_format(fmt)
    if out in ("json", "jsonl"):
        emit([facts], out, list(facts))
        raise typer.Exit(0)
    rows = [{"field": k, "value": _human_size(v) if k == "size_bytes" and out == "table" else v}
            for k, v in facts.items()]
    emit(rows, out, [Column("field"), Column("value", wrap=1)])
    raise typer.Exit(0)


def _human_size(size: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return str(size)


@corpus_app.command(cls=Command,
                    epilog="Examples:\n\n  rbtool corpus show 2020\n\n  rbtool corpus show c441 --format json")
def show(doc: DocArgument, fmt: FormatOption = None, output: OutputOption = None, excel: ExcelOption = False,
         no_pager: NoPagerOption = False, corpus_path: CorpusOption = None) -> None:
    """Show a document's metadata, sections and warnings."""
    with open_corpus(corpus_path) as corpus:
        document = corpus.load_document(corpus.resolve(doc))
    terminal.message(f"{document.title} ({document.year or 'year unknown'}), {document.page_count} pages, "
                     f"{len(document.blocks)} blocks, {len(document.footnotes)} footnotes, id {document.id}")
    for warning in document.warnings:
        terminal.warning(warning)
    rows = [{"number": s.number or "", "title": s.title, "level": s.level, "page": s.page,
             "page_label": document.page_label(s.page) or ""} for s in document.sections]
    out = chosen_format(fmt, output, excel)
    emit(rows, out, SECTION_COLUMNS if out == "table" else [c.name for c in SECTION_COLUMNS], no_pager=no_pager,
         to=output, excel=excel, corpus=corpus_path)
    exit_for(rows)


# A selector this short ("c") picks a document by accident as easily as on purpose: removing needs --yes.
MIN_REMOVE_SELECTOR = 4


@corpus_app.command(cls=Command, epilog="Examples:\n\n  rbtool corpus remove 2021\n\n  rbtool corpus remove c441 aafb\n\n"
                                        "  rbtool corpus remove 09 --yes")
def remove(docs: Annotated[list[str], typer.Argument(help="Documents: id prefix, year, file name or title word.",
                                                     show_default=False)],
           yes: Annotated[bool, typer.Option("--yes", help="Remove also when a selector is shorter than "
                                                           f"{MIN_REMOVE_SELECTOR} characters.")] = False,
           corpus_path: CorpusOption = None) -> None:
    """Remove documents (with their measures and search index entries) and compact the corpus file.

    Every selector is resolved before anything is removed; one that is shorter than 4 characters needs --yes.
    """
    from rbtool.errors import UsageError

    with open_corpus(corpus_path) as corpus:
        ids = resolve_documents(corpus, docs)  # every selector checked before any removal
        short = [d for d in docs if len(d.strip()) < MIN_REMOVE_SELECTOR]
        if short and not yes:
            raise UsageError(f"'{printable(short[0])}' is shorter than {MIN_REMOVE_SELECTOR} characters and could "
                             f"pick a document by accident (it selects {corpus.resolve(short[0])}); give at least "
                             f"{MIN_REMOVE_SELECTOR} characters of the id, or add --yes")
        corpus.check_writable()
        for doc_id in ids:
            corpus.remove_document(doc_id)
            terminal.message(f"removed {doc_id}")
        corpus.compact()


@corpus_app.command(cls=Command, epilog="Examples:\n\n  rbtool corpus export 2020 > analyse-2020.json\n\n"
                           "  rbtool corpus export c441 --output analyse.json")
def export(doc: DocArgument,
           fmt: Annotated[str, typer.Option("--format", "-f", help="Only json is supported.")] = "json",
           output: Annotated[Optional[str], typer.Option(
               "--output", "-o", help="Write to a file (replaced only when complete; '-' is stdout).")] = None,
           corpus_path: CorpusOption = None) -> None:
    """Write the full structured document as JSON (pages, sections, blocks, footnotes, quotes, tables, measures)."""
    from rbtool.errors import UsageError
    from rbtool.export import document_to_dict
    from rbtool.safe_write import write_text

    if fmt != "json":
        raise UsageError(f"export writes json only, not '{fmt}'")
    with open_corpus(corpus_path) as corpus:
        doc_id = corpus.resolve(doc)
        document = corpus.load_document(doc_id)
        measures = list(corpus.iter_measures([doc_id]))
    text = json.dumps(document_to_dict(document, measures), ensure_ascii=False, indent=1) + "\n"
    if output and output != "-":
        write_text(output, lambda fh: fh.write(text), protected_paths(corpus_path))
        terminal.message(f"wrote {output}")
    else:
        with data_to_stdout() as out:
            out.write(text)


@corpus_app.command(cls=Command, epilog="Examples:\n\n  rbtool corpus repair")
def repair(corpus_path: CorpusOption = None) -> None:
    """Check the corpus and rebuild its search index from the stored documents.

    Run it when a command says the search index is damaged. The documents, measures and footnotes are kept;
    only the index is built again.
    """
    with open_corpus(corpus_path) as corpus:
        index_sound = corpus.search_index_is_sound()
        count = corpus.repair()
        state = corpus.integrity_check()
        if state != "ok" or not corpus.search_index_is_sound():
            terminal.error(f"{corpus.path}: still damaged after the repair ({printable(state, 200)}); "
                           "extract the PDFs into a new corpus")
            raise typer.Exit(2)
    terminal.message(f"search index {'was sound' if index_sound else 'was damaged'}; rebuilt it from {count} "
                     f"document{'s' * (count != 1)}; integrity check ok")
