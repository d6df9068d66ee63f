"""rbtool show PASSAGE: a search hit in its context, with section path, page and a citation line."""

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import typer

from rbtool import terminal
from rbtool.cli import app
from rbtool.cli.common import (Command, CorpusOption, FormatOption, NoPagerOption, chosen_format, emit, open_corpus,
                               terminal_view)

COLUMNS = ["passage", "doc", "year", "page", "page_label", "section", "kind", "focus", "text", "citation"]
# PDF viewers that open a file at a page: (program, arguments before the file, given the 1-based page index)
PAGE_VIEWERS = (("zathura", lambda page: ["-P", str(page)]), ("okular", lambda page: ["-p", str(page)]),
                ("evince", lambda page: [f"--page-index={page}"]))


@app.command(cls=Command, epilog="Examples:\n\n"
                    "  rbtool show c4416458:57\n\n"
                    "  rbtool show c4416458:57 --context 0 --format json\n\n"
                    "  rbtool show c4416458:57 --open")
def show(
    passage: Annotated[str, typer.Argument(help="Passage id from a search row (document:number).",
                                           show_default=False)],
    context: Annotated[int, typer.Option("--context", "-C", min=0, max=50,
                                         help="Passages to show before and after it.")] = 2,
    open_pdf: Annotated[bool, typer.Option("--open", help="Open the PDF at the passage's page.")] = False,
    fmt: FormatOption = None,
    no_pager: NoPagerOption = False,
    corpus_path: CorpusOption = None,
) -> None:
    """Show a passage with the paragraphs around it, its section path, page and a citation line."""
    from rbtool.errors import UnknownDocument
    from rbtool.queries import search as searching
    from rbtool.store import search_index

    doc_ref, seq = searching.parse_passage_id(passage)
    with open_corpus(corpus_path) as corpus:
        doc_id = corpus.resolve(doc_ref)
        window = search_index.passages_around(corpus.conn, doc_id, seq, context, context)
        document = next(d for d in corpus.list_documents() if d["id"] == doc_id)
    hits = [searching.row_to_hit(row) for row in window]
    focus = next((h for h in hits if h.passage == searching.passage_id(doc_id, seq)), None)
    if focus is None:
        raise UnknownDocument(f"no passage {seq} in document {doc_id}")
    cite = searching.citation(document.get("author"), document["title"], focus.page_label or str(focus.page))
    rows = [{"passage": h.passage, "doc": h.doc, "year": h.year, "page": h.page, "page_label": h.page_label,
             "section": h.section, "kind": h.kind, "focus": h is focus, "text": h.text, "citation": cite}
            for h in hits]
    out = chosen_format(fmt)
    if out == "table":
        with terminal_view(no_pager) as console:
            terminal.print_passage(console, hits, focus, cite)
    else:
        emit(rows, out, COLUMNS)
    if open_pdf:
        _open_at_page(Path(document["source_path"]), focus.page)
    raise typer.Exit(0)


def _open_at_page(path: Path, page: int) -> None:
    """Open the PDF in a viewer that can go to a page; otherwise in the system's viewer, and say the page."""
    from rbtool.errors import UsageError

    if not path.exists():
        raise UsageError(f"cannot open the PDF: it is no longer at {path}")
    for program, page_arguments in PAGE_VIEWERS:
        if page_arguments and shutil.which(program):
            subprocess.Popen([program, *page_arguments(page), str(path)], start_new_session=True,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            terminal.message(f"opened {path.name} at page {page} in {program}")
            return
    if sys.platform == "darwin":
        command = ["open", str(path)]
    elif os.name == "nt":
        os.startfile(path)  # noqa: S606 (Windows: the associated viewer)
        terminal.message(f"opened {path.name}; go to page {page}")
        return
    else:
        command = ["xdg-open", str(path)]
    if not shutil.which(command[0]):
        raise UsageError(f"no PDF viewer found; open {path} at page {page} yourself")
    subprocess.Popen(command, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    terminal.message(f"opened {path.name}; this viewer cannot be told a page: go to page {page}")
