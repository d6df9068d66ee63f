"""rbtool extract PATH...: parse PDFs into the corpus."""

import os
from typing import Annotated, Optional

import typer

from rbtool import terminal
from rbtool.cli import app
from rbtool.cli.common import (YEAR_MAX, YEAR_MIN, Command, CorpusOption, FormatOption, chosen_format, emit, finite,
                               open_corpus)
from rbtool.sandbox import (DEFAULT_FILE_SECONDS, DEFAULT_MEMORY_MB, DEFAULT_PAGE_CHARS, DEFAULT_PAGE_SECONDS,
                            DEFAULT_STREAM_MB, Limits)
from rbtool.errors import Interrupted, printable
from rbtool.model import ExtractStats
from rbtool.terminal import Column

MAX_JOBS = 256
COLUMNS = ["file", "status", "doc", "pages", "sections", "paragraphs", "list_items", "footnotes", "quotes",
           "warnings", "reason"]
# on a terminal the reasons are the stderr lines above the table; the counts leave before the file name shrinks
TABLE_COLUMNS = [Column("file", wrap=1, min_width=20), Column("status"), Column("doc"),
                 Column("pages", right=True), Column("sections", "sect.", right=True, drop=4),
                 Column("paragraphs", "par.", right=True, drop=3), Column("list_items", "items", right=True, drop=5),
                 Column("footnotes", "notes", right=True, drop=2), Column("quotes", right=True, drop=6),
                 Column("warnings", "warn.", right=True, drop=1)]


def _row(stats: ExtractStats) -> dict:
    return {"file": stats.path, "status": stats.status, "doc": stats.doc_id or "",
            "pages": stats.pages or "", "sections": stats.sections or "", "paragraphs": stats.paragraphs or "",
            "list_items": stats.list_items or "", "footnotes": stats.footnotes or "", "quotes": stats.quotes or "",
            "warnings": len(stats.warnings) or "", "reason": stats.error or "; ".join(stats.warnings)}


@app.command(cls=Command, epilog="Examples:\n\n"
                    "  rbtool extract tests/pdfs/kamervragen-*.pdf\n\n"
                    "  rbtool extract tests/pdfs/kamervragen-*.pdf --jobs 2 --format csv\n\n"
                    "  rbtool extract tests/pdfs/encrypted-password-test.pdf --password test\n\n"
                    "  rbtool extract tests/pdfs/woo-besluitbrief-scan.pdf   # exit 2: a scan, no text layer\n\n"
                    "  rbtool extract tests/pdfs/kamervragen-vws-2023-2024.pdf --force --year 2024 --format json")
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
        with open_corpus(corpus_path, create=True) as corpus:
            # --title and --year re-extract the files named; a failure is retried when the password changed
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
            terminal.error(f"{stats.path}: {stats.error}" + (" (remembered from an earlier run; --force reads it again)"
                                                           if stats.cached else ""))
        for warning in stats.warnings if stats.status == "new" else ():  # cached files were warned about before
            terminal.warning(f"{stats.path}: {warning}")
    if results:
        out = chosen_format(fmt)
        emit([_row(s) for s in results], out, TABLE_COLUMNS if out == "table" else COLUMNS)
    counts = {status: sum(s.status == status for s in results) for status in ("new", "cached", "failed")}
    terminal.message(f"{counts['new']} new, {counts['cached']} cached, {counts['failed'] + len(problems)} failed")
    raise typer.Exit(2 if counts["failed"] or problems else 0)
