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

from rbtool import model, signals
from rbtool.errors import Interrupted, PdfError, RbtoolError, printable
from rbtool.sandbox import Limits
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


# ----------------------------------------------------------------------------------------- main side

@dataclass
class Job:
    path: Path
    sha256: str


def plan(corpus: Corpus, files: list[Path], force: bool, options: dict | None = None
         ) -> tuple[list[Job], list[model.ExtractStats]]:
    """Split files into jobs to extract and stats for those already cached (or already known to fail with
    these options)."""
    from rbtool.extract import EXTRACTOR_VERSION

    key = failure_key(options or {})
    jobs, done = [], []
    for path in files:
        try:
            sha = file_sha256(path)
        except OSError as exc:
            done.append(model.ExtractStats(printable(path), "failed", error=exc.strerror or str(exc)))
            continue
        if not force:
            doc_id = corpus.cached_document_id(sha, EXTRACTOR_VERSION)
            if doc_id:
                done.append(corpus.extract_stats(doc_id, printable(path)))
                continue
            reason = corpus.cached_failure(sha, EXTRACTOR_VERSION, key)
            if reason:
                done.append(model.ExtractStats(printable(path), "failed", error=reason, cached=True))
                continue
        jobs.append(Job(path, sha))
    return jobs, done


def failure_key(options: dict) -> str:
    """What, besides the file, decides whether a failure repeats: the password (as a digest, never stored)."""
    password = options.get("password")
    return hashlib.sha256(password.encode("utf-8", "surrogateescape")).hexdigest()[:16] if password else ""


def _store(corpus: Corpus, job: Job, result: model.Document | RbtoolError, options: dict) -> model.ExtractStats:
    from rbtool.extract import EXTRACTOR_VERSION
    from rbtool.queries.footnotes import analyse_notes
    from rbtool.queries.measures import build_measures

    path = printable(job.path)
    if isinstance(result, RbtoolError):
        # a property of the file is remembered until the file (or the password) changes; a limit, a crash or
        # an interrupt is not, so the next run tries again
        if isinstance(result, PdfError):
            corpus.record_failure(job.sha256, EXTRACTOR_VERSION, path, result.reason, failure_key(options))
        return model.ExtractStats(path, "failed", error=result.reason)
    corpus.save_document(result, build_measures(result), analyse_notes(result))
    return stats_for(result, path, "new")


def run_jobs(corpus: Corpus, jobs: list[Job], options: dict, workers: int,
             progress: Callable[..., None] = lambda n=1, total=None: None, limits: Limits = Limits()
             ) -> list[model.ExtractStats]:
    """Extract every job in worker processes (rbtool.sandbox) and store each document as it arrives;
    `progress(n, total)` advances a page counter. An interrupt stops the workers and raises Interrupted whose
    summary says how many documents were stored and how many files were not started."""
    from rbtool.sandbox import Pool

    results: list[model.ExtractStats] = []
    pages_seen: dict[int, int] = {}
    totals: dict[int, int] = {}

    def on_page(job: Job, done: int, total: int) -> None:
        totals[id(job)] = total
        progress(done - pages_seen.get(id(job), 0), sum(totals.values()))
        pages_seen[id(job)] = done

    def on_result(job: Job, result) -> None:
        with signals.deferred():  # a signal during the commit waits until the document is counted
            results.append(_store(corpus, job, result, options))

    if workers > 1:  # largest files first, so no worker is left with a big file when the others are done
        jobs = sorted(jobs, key=lambda job: _size(job.path), reverse=True)
    with Pool(min(workers, len(jobs)), limits) as pool:
        try:
            pool.run(jobs, lambda job: str(job.path), options, on_result, on_page)
        except Interrupted as exc:
            stored = sum(s.status == "new" for s in results)
            stopped = len(pool.busy())
            exc.summary = (f"{stored} document{'s' * (stored != 1)} stored, {len(pool.pending)} not started"
                           + (f", {stopped} stopped while being read" if stopped else ""))
            raise
    return results


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def ensure_sample(corpus: Corpus, notify: Callable[[str], None]) -> None:
    """On an empty corpus, load the bundled 2020 analysis so a newcomer sees real results at once."""
    if corpus.document_count():
        return
    from rbtool.extract import extract_document

    notify(f"The corpus is empty: loading the bundled sample {BUNDLED_SAMPLE.name} (once, ~20 s)…")
    job = Job(BUNDLED_SAMPLE, file_sha256(BUNDLED_SAMPLE))
    _store(corpus, job, extract_document(BUNDLED_SAMPLE), {})
