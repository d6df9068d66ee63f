"""rbtool extract PATH...: parse PDFs into the corpus."""

import os
from typing import Annotated, Optional

import typer

from rbtool import terminal
from rbtool.cli import app
from rbtool.cli.common import YEAR_MAX, YEAR_MIN, CorpusOption, FormatOption, chosen_format, emit, finite, open_corpus
from rbtool.sandbox import (DEFAULT_FILE_SECONDS, DEFAULT_MEMORY_MB, DEFAULT_PAGE_CHARS, DEFAULT_PAGE_SECONDS,
                            DEFAULT_STREAM_MB, Limits)
from rbtool.errors import Interrupted, printable
from rbtool.model import ExtractStats

MAX_JOBS = 256
COLUMNS = ["file", "status", "doc", "pages", "sections", "paragraphs", "list_items", "footnotes", "quotes",
           "warnings", "reason"]
TABLE_HEADERS = {"pages": "pages", "sections": "sect.", "paragraphs": "par.", "list_items": "items",
                 "footnotes": "notes", "quotes": "quotes", "warnings": "warn."}


def _row(stats: ExtractStats) -> dict:
    return {"file": stats.path, "status": stats.status, "doc": stats.doc_id or "",
            "pages": stats.pages or "", "sections": stats.sections or "", "paragraphs": stats.paragraphs or "",
            "list_items": stats.list_items or "", "footnotes": stats.footnotes or "", "quotes": stats.quotes or "",
            "warnings": len(stats.warnings) or "", "reason": stats.error or "; ".join(stats.warnings)}


@app.command(epilog="Examples:\n\n"
                    "  rbtool extract rapporten/*.pdf\n\n"
                    "  rbtool extract rapporten/ --jobs 2\n\n"
                    "  rbtool extract beveiligd.pdf --password geheim\n\n"
                    "  rbtool extract scan.pdf --force --format json")
def extract(
    paths: Annotated[list[str], typer.Argument(help="PDF files, folders (searched recursively) or globs.",
                                               show_default=False)],
    force: Annotated[bool, typer.Option("--force", help="Re-extract files already in the corpus.")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, max=MAX_JOBS,
                                      help="Parallel processes (default: core count).")] = os.cpu_count() or 1,
    password: Annotated[Optional[str], typer.Option(help="Password of encrypted PDFs.")] = None,
    title: Annotated[Optional[str], typer.Option(help="Document title (overrides the detected one).")] = None,
    year: Annotated[Optional[int], typer.Option(min=YEAR_MIN, max=YEAR_MAX,
                                                help="Budget year (overrides the detected one).")] = None,
    page_timeout: Annotated[float, typer.Option(
        min=0.1, callback=finite, metavar="SECONDS", help="Limit: wall time per page.")] = DEFAULT_PAGE_SECONDS,
    file_timeout: Annotated[float, typer.Option(
        min=0.1, callback=finite, metavar="SECONDS", help="Limit: wall time per file.")] = DEFAULT_FILE_SECONDS,
    memory_limit: Annotated[int, typer.Option(
        min=256, max=1 << 20, metavar="MB", help="Limit: memory of the process reading one file.")]
    = DEFAULT_MEMORY_MB,
    stream_limit: Annotated[int, typer.Option(
        min=1, max=1 << 20, metavar="MB", help="Limit: size of one decompressed PDF stream.")] = DEFAULT_STREAM_MB,
    page_chars: Annotated[int, typer.Option(
        min=1, max=1 << 40, metavar="N", help="Limit: characters on one page.")] = DEFAULT_PAGE_CHARS,
    fmt: FormatOption = None,
    corpus_path: CorpusOption = None,
) -> None:
    """Parse PDFs into the cached corpus (unchanged files are skipped).

    Each document is stored in one transaction: an interrupted run keeps every document finished before it.
    Files that cannot be read get one line on stderr; the others still go in, and the exit code is 2.
    --title and --year re-extract the named files.

    Every file is read in a separate process under limits (time per page and per file, memory, decompressed
    stream size, characters per page); a file over a limit fails with one line naming it, and the run goes
    on. The defaults never touch real documents (docs/reliability.md).
    """
    from rbtool import ingest

    files, problems = ingest.collect_pdfs(paths)
    for problem in problems:
        terminal.error(f"{problem.path}: {problem.reason}")
    options = {"password": password, "title": title, "year": year}
    limits = Limits(page_seconds=page_timeout, file_seconds=file_timeout, memory_mb=memory_limit,
                    stream_mb=stream_limit, page_chars=page_chars)
    try:
        with open_corpus(corpus_path) as corpus:
            jobs_todo, results = ingest.plan(corpus, files, force or title is not None or year is not None, options)
            if jobs_todo:
                corpus.check_writable()
                with terminal.progress(f"Extracting {len(jobs_todo)} file(s)", total=0) as advance:
                    results += ingest.run_jobs(corpus, jobs_todo, options, jobs, advance, limits)
    except Interrupted as exc:  # before extraction began: nothing was stored
        exc.summary = exc.summary or f"0 documents stored, {len(files)} not started"
        raise
    order = {printable(path): i for i, path in enumerate(files)}
    results.sort(key=lambda s: order.get(s.path, len(order)))
    for stats in results:
        if stats.status == "failed":
            terminal.error(f"{stats.path}: {stats.error}")
        for warning in stats.warnings if stats.status == "new" else ():  # cached files were warned about before
            terminal.warning(f"{stats.path}: {warning}")
    if results:
        out = chosen_format(fmt)
        # on a terminal the reasons are already the stderr lines above; short headers keep the table narrow
        emit([_row(s) for s in results], out, COLUMNS[:-1] if out == "table" else COLUMNS, wrap={"file"},
             headers=TABLE_HEADERS, right=set(TABLE_HEADERS))
    counts = {status: sum(s.status == status for s in results) for status in ("new", "cached", "failed")}
    terminal.message(f"{counts['new']} new, {counts['cached']} cached, {counts['failed'] + len(problems)} failed")
    raise typer.Exit(2 if counts["failed"] or problems else 0)
