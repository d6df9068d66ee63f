"""Extraction in child processes under limits: one hostile PDF costs one failed file, never the run.

Every file is extracted in a worker process (even with --jobs 1), a plain `python -m rbtool.sandbox` child
that talks to the parent over two pipes. The worker caps its own address space (RLIMIT_AS), inflated stream
size and characters per page (rbtool.pdf.install_limits); the parent enforces wall time per page and per file
by killing the worker, and starts a fresh one for the next file. A worker that dies (segfault, OOM kill, a
limit) fails only the file it was reading.

Workers never outlive the parent: they ask the kernel for SIGKILL when the parent dies (PR_SET_PDEATHSIG on
Linux), a watcher thread checks the parent's pid elsewhere, and an idle worker exits on end of file of its
job pipe. They ignore SIGINT, so Ctrl-C on a terminal (sent to the whole process group) reaches the parent,
which stops them itself and reports what was kept. No multiprocessing machinery is used, so there is no
resource-tracker process to leave behind either.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass
from multiprocessing.connection import Connection, wait
from typing import Callable, Iterable

from rbtool.errors import ExtractionCrashed, LimitExceeded, RbtoolError

# Defaults far above what real documents need (the largest real document measured, a 2,000-page file, takes
# about 0.1 s and 160 MB per page / in total; see docs/reliability.md), low enough that a hostile file fails in
# minutes instead of hanging a run or taking the machine's memory.
DEFAULT_PAGE_SECONDS = 60.0
DEFAULT_FILE_SECONDS = 1800.0
DEFAULT_MEMORY_MB = 2048
DEFAULT_STREAM_MB = 256
DEFAULT_PAGE_CHARS = 200_000

POLL_SECONDS = 0.1  # how often the parent looks at the clock while workers are busy
PARENT_CHECK_SECONDS = 0.5  # how often a worker checks that its parent is still there
_PR_SET_PDEATHSIG = 1


@dataclass(frozen=True)
class Limits:
    page_seconds: float = DEFAULT_PAGE_SECONDS
    file_seconds: float = DEFAULT_FILE_SECONDS
    memory_mb: int = DEFAULT_MEMORY_MB
    stream_mb: int = DEFAULT_STREAM_MB
    page_chars: int = DEFAULT_PAGE_CHARS


# ------------------------------------------------------------------------------------------- worker side

def _die_with_parent(parent: int) -> None:
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the watcher thread below does the job, a little later
        pass
    if os.getppid() != parent:  # the parent died before the request above was made
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _worker(parent: int, jobs_fd: int, results_fd: int, limits: Limits) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what an interrupt means
    _die_with_parent(parent)
    try:
        import resource

        cap = limits.memory_mb << 20
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    except (ImportError, ValueError, OSError):  # no such limit on this system: the time limits still hold
        pass
    from rbtool.extract import extract_document
    from rbtool.pdf import install_limits

    install_limits(limits.stream_mb << 20, limits.page_chars, limits.memory_mb)
    jobs, results = Connection(jobs_fd, writable=False), Connection(results_fd, readable=False)
    while True:
        try:
            path, options = jobs.recv()
        except EOFError:  # the parent closed the pipe (or died): nothing more to do
            return
        try:
            document = extract_document(path, on_page=lambda done, total: results.send(("page", done, total)),
                                        **options)
            results.send(("done", document))
        except RbtoolError as exc:
            results.send(("done", exc))
        except MemoryError:  # raised outside the PDF library (in layout): pdf.py words the others
            results.send(("done", LimitExceeded(f"out of memory (limit {limits.memory_mb} MB); skipped")))
        except RecursionError:
            results.send(("done", LimitExceeded("out of stack depth (nesting); skipped")))


def main(argv: list[str]) -> None:
    parent, jobs_fd, results_fd = (int(v) for v in argv[:3])
    _worker(parent, jobs_fd, results_fd, Limits(**json.loads(argv[3])))


# ------------------------------------------------------------------------------------------- parent side

class _Worker:
    """One child process and its two pipes; `job` is what it is reading now (None when idle)."""

    def __init__(self, limits: Limits):
        job_read, job_write = os.pipe()
        result_read, result_write = os.pipe()
        stderr = None if os.environ.get("RBTOOL_DEBUG") else subprocess.DEVNULL
        self.process = subprocess.Popen(
            [sys.executable, "-m", "rbtool.sandbox", str(os.getpid()), str(job_read), str(result_write),
             json.dumps(asdict(limits))],
            pass_fds=(job_read, result_write), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=stderr)
        os.close(job_read)
        os.close(result_write)  # so the parent sees end of file when the worker dies
        self.jobs = Connection(job_write, readable=False)
        self.results = Connection(result_read, writable=False)
        self.job = None
        self.started = self.last_page = 0.0
        self.page = 0

    def start(self, job, path: str, options: dict) -> None:
        self.jobs.send((path, options))
        self.job, self.page = job, 0
        self.started = self.last_page = time.monotonic()

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        self.jobs.close()
        self.results.close()

    def death(self, memory_mb: int) -> str:
        """Why the process ended, for the failed file's line (a library that runs into the memory limit often
        crashes instead of raising MemoryError, so the limit is named)."""
        code = self.process.wait()
        if code < 0:
            return f"extraction crashed: killed by {signal.Signals(-code).name} (memory limit {memory_mb} MB); skipped"
        return f"extraction crashed (exit status {code}); skipped"


class Pool:
    """Up to `size` workers; `run` extracts jobs and hands each result to `on_result` as it arrives."""

    def __init__(self, size: int, limits: Limits):
        self.size, self.limits = size, limits
        self.workers: list[_Worker] = []
        self.pending: list = []  # jobs not started yet, the next one last

    def __enter__(self) -> "Pool":
        return self

    def __exit__(self, *exc) -> None:
        for worker in self.workers:
            worker.kill()
        self.workers = []

    def busy(self) -> list:
        """The jobs being extracted right now."""
        return [w.job for w in self.workers if w.job is not None]

    def run(self, jobs: Iterable, path_of: Callable, options: dict,
            on_result: Callable[[object, object], None],
            on_page: Callable[[object, int, int], None] = lambda job, done, total: None) -> None:
        """Extract every job; `on_result(job, Document | RbtoolError)` runs in this process, one at a time.
        `pending` shrinks as jobs start, so a caller interrupted mid-run can tell what never started."""
        self.pending = list(reversed(list(jobs)))  # pop() from the end keeps the given order
        while self.pending or self.busy():
            while self.pending and (idle := self._idle()) is not None:
                job = self.pending.pop()
                idle.start(job, path_of(job), options)
            busy = [w for w in self.workers if w.job is not None]
            ready = wait([w.results for w in busy], timeout=POLL_SECONDS)
            for worker in busy:
                if worker.results in ready:
                    self._receive(worker, on_result, on_page)
            self._enforce_time(on_result)

    def _idle(self) -> _Worker | None:
        for worker in self.workers:
            if worker.job is None:
                return worker
        if len(self.workers) < self.size:
            self.workers.append(_Worker(self.limits))
            return self.workers[-1]
        return None

    def _receive(self, worker: _Worker, on_result, on_page) -> None:
        try:
            message = worker.results.recv()
        except (EOFError, OSError):
            self._replace(worker, on_result, ExtractionCrashed(worker.death(self.limits.memory_mb)))
            return
        if message[0] == "page":
            worker.page, worker.last_page = message[1], time.monotonic()
            on_page(worker.job, message[1], message[2])
            return
        job, worker.job = worker.job, None
        on_result(job, message[1])

    def _enforce_time(self, on_result) -> None:
        now = time.monotonic()
        for worker in list(self.workers):
            if worker.job is None:
                continue
            if now - worker.started > self.limits.file_seconds:
                reason = f"took more than {self.limits.file_seconds:g} s (the limit per file); skipped"
            elif now - worker.last_page > self.limits.page_seconds:
                reason = (f"page {worker.page + 1}: took more than {self.limits.page_seconds:g} s "
                          f"(the limit per page); skipped")
            else:
                continue
            self._replace(worker, on_result, LimitExceeded(reason))

    def _replace(self, worker: _Worker, on_result, result: RbtoolError) -> None:
        """Fail the worker's file with `result` and drop the worker; the next job starts a fresh one."""
        job = worker.job
        worker.kill()
        self.workers.remove(worker)
        on_result(job, result)


if __name__ == "__main__":
    main(sys.argv[1:])
