"""Bring PDFs into the corpus: find the files, skip what is cached, extract (in parallel), store each document.

Extraction runs in worker processes (pdfplumber is CPU-bound); only this process writes to the corpus, one
transaction per document, as soon as that document is done — so an interrupted run keeps everything finished.
"""
from __future__ import annotations

import glob
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from rbtool import model
from rbtool.errors import PdfError, RbtoolError
from rbtool.store.db import Corpus

PDF_SUFFIX = ".pdf"
HASH_CHUNK = 1 << 20
BUNDLED_SAMPLE = Path(__file__).parent / "data" / "analyse-rijksbegroting-2020.pdf"


@dataclass(frozen=True)
class PathProblem:
    path: str
    reason: str


def collect_pdfs(paths: Iterable[str]) -> tuple[list[Path], list[PathProblem]]:
    """Expand files, folders (recursively) and globs into PDF files, in a stable order, without duplicates."""
    found: dict[Path, None] = {}
    problems: list[PathProblem] = []
    for raw in paths:
        path = Path(raw).expanduser()
        if path.is_dir():
            pdfs = sorted(p for p in path.rglob("*") if p.suffix.lower() == PDF_SUFFIX and p.is_file())
            if not pdfs:
                problems.append(PathProblem(raw, "folder contains no PDF files"))
            found.update(dict.fromkeys(pdfs))
        elif path.is_file():
            found[path] = None
        elif glob.has_magic(raw):
            matches = sorted(Path(p) for p in glob.glob(os.path.expanduser(raw), recursive=True))
            pdfs = [p for p in matches if p.is_file() and p.suffix.lower() == PDF_SUFFIX]
            if not pdfs:
                problems.append(PathProblem(raw, "pattern matches no PDF files"))
            found.update(dict.fromkeys(pdfs))
        else:
            problems.append(PathProblem(raw, "no such file or folder"))
    return list(found), problems


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def stats_for(doc: model.Document, path: str, status: str) -> model.ExtractStats:
    kinds = [b.kind for b in doc.blocks]
    return model.ExtractStats(
        path=path, status=status, doc_id=doc.id, pages=doc.page_count, sections=len(doc.sections),
        paragraphs=kinds.count(model.PARAGRAPH),
        list_items=sum(kinds.count(kind) for kind in model.ITEM_KINDS),
        footnotes=len(doc.footnotes), quotes=len(doc.quotes), warnings=list(doc.warnings))


# ----------------------------------------------------------------------------------------- worker side

_page_queue = None  # set in each worker: where page progress is reported


def _init_worker(queue) -> None:
    global _page_queue
    _page_queue = queue


def _extract_in_worker(path: str, options: dict) -> model.Document | RbtoolError:
    from rbtool.extract import extract_document

    def on_page(done: int, total: int) -> None:
        if _page_queue is not None:
            _page_queue.put((path, done, total))

    try:
        return extract_document(path, on_page=on_page, **options)
    except RbtoolError as exc:  # typed errors travel back as values, so one bad file never stops the pool
        return exc


# ----------------------------------------------------------------------------------------- main side

@dataclass
class Job:
    path: Path
    sha256: str


def plan(corpus: Corpus, files: list[Path], force: bool, retry_failures: bool = False
         ) -> tuple[list[Job], list[model.ExtractStats]]:
    """Split files into jobs to extract and stats for those already cached (or already known to fail).
    retry_failures: options changed that could make a failed file succeed (a password): try those again."""
    from rbtool.extract import EXTRACTOR_VERSION

    jobs, done = [], []
    for path in files:
        try:
            sha = file_sha256(path)
        except OSError as exc:
            done.append(model.ExtractStats(str(path), "failed", error=exc.strerror or str(exc)))
            continue
        if not force:
            doc_id = corpus.cached_document_id(sha, EXTRACTOR_VERSION)
            if doc_id:
                done.append(corpus.extract_stats(doc_id, str(path)))
                continue
            reason = None if retry_failures else corpus.cached_failure(sha, EXTRACTOR_VERSION)
            if reason:
                done.append(model.ExtractStats(str(path), "failed", error=reason, cached=True))
                continue
        jobs.append(Job(path, sha))
    return jobs, done


def _store(corpus: Corpus, job: Job, result: model.Document | RbtoolError) -> model.ExtractStats:
    from rbtool.extract import EXTRACTOR_VERSION
    from rbtool.queries.footnotes import analyse_notes
    from rbtool.queries.measures import build_measures

    if isinstance(result, RbtoolError):
        if isinstance(result, PdfError):  # a property of the file: remember it until the file changes
            corpus.record_failure(job.sha256, EXTRACTOR_VERSION, str(job.path), result.reason)
        return model.ExtractStats(str(job.path), "failed", error=result.reason)
    corpus.save_document(result, build_measures(result), analyse_notes(result))
    return stats_for(result, str(job.path), "new")


def run_jobs(corpus: Corpus, jobs: list[Job], options: dict, workers: int,
             progress: Callable[..., None] = lambda n=1, total=None: None) -> list[model.ExtractStats]:
    """Extract and store every job; `progress(n, total)` advances a page counter."""
    results: list[model.ExtractStats] = []
    if workers <= 1 or len(jobs) <= 1:
        from rbtool.extract import extract_document

        totals: dict[str, int] = {}
        for job in jobs:
            seen = {"pages": 0}

            def on_page(done: int, total: int) -> None:
                totals[str(job.path)] = total
                progress(done - seen["pages"], sum(totals.values()))
                seen["pages"] = done

            try:
                result: model.Document | RbtoolError = extract_document(job.path, on_page=on_page, **options)
            except RbtoolError as exc:
                result = exc
            results.append(_store(corpus, job, result))
        return results

    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    context = multiprocessing.get_context("spawn")  # fork would copy the open SQLite connection
    queue = context.Queue()
    pages_seen: dict[str, int] = {}
    totals: dict[str, int] = {}
    with ProcessPoolExecutor(max_workers=min(workers, len(jobs)), mp_context=context,
                             initializer=_init_worker, initargs=(queue,)) as pool:
        # largest files first, so no worker is left with a big file when the others are done
        by_size = sorted(jobs, key=lambda job: job.path.stat().st_size, reverse=True)
        pending = {pool.submit(_extract_in_worker, str(job.path), options): job for job in by_size}
        try:
            while pending:
                finished, _ = wait(pending, timeout=0.1, return_when=FIRST_COMPLETED)
                _drain(queue, pages_seen, totals, progress)
                for future in finished:
                    job = pending.pop(future)
                    try:
                        result = future.result()
                    except Exception as exc:  # a worker that died (e.g. out of memory) fails only its file
                        result = RbtoolError(f"extraction crashed ({type(exc).__name__}: {exc})")
                    results.append(_store(corpus, job, result))
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
    return results


def _drain(queue, pages_seen: dict[str, int], totals: dict[str, int], progress: Callable[..., None]) -> None:
    from queue import Empty

    while True:
        try:
            path, done, total = queue.get_nowait()
        except Empty:
            return
        totals[path] = total
        progress(done - pages_seen.get(path, 0), sum(totals.values()))
        pages_seen[path] = done


def ensure_sample(corpus: Corpus, notify: Callable[[str], None]) -> None:
    """On an empty corpus, load the bundled 2020 analysis so a newcomer sees real results at once."""
    if corpus.document_count():
        return
    from rbtool.extract import extract_document

    notify(f"The corpus is empty: loading the bundled sample {BUNDLED_SAMPLE.name} (once, ~20 s)…")
    job = Job(BUNDLED_SAMPLE, file_sha256(BUNDLED_SAMPLE))
    _store(corpus, job, extract_document(BUNDLED_SAMPLE))
