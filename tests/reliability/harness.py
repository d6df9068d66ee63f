"""Helpers of the reliability suite: rbtool run as a user runs it, and the checks every test makes."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent
PDFS = TESTS / "pdfs"
TIMEOUT_SECONDS = 300


def rbtool(*args: str, corpus: Path, timeout: float = TIMEOUT_SECONDS, **kwargs) -> subprocess.CompletedProcess:
    """Run the installed command line as a user would (own process, own corpus, no colour)."""
    env = {**os.environ, "RBTOOL_CORPUS": str(corpus), "NO_COLOR": "1", "COLUMNS": "100"}
    env.pop("RBTOOL_DEBUG", None)
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, **kwargs}
    return subprocess.run([sys.executable, "-m", "rbtool", *args], env=env, text=True, timeout=timeout, **streams)


def assert_one_line_errors(stderr: str) -> list[str]:
    """No traceback, and every message a line of its own starting with 'rbtool: ' (or the extract summary)."""
    assert "Traceback" not in stderr, stderr
    lines = stderr.splitlines()
    for line in lines:
        assert line.startswith("rbtool: ") or line.endswith("failed"), line
    return lines


def assert_corpus_sound(path: Path) -> None:
    from rbtool.store.db import Corpus

    with Corpus(path) as corpus:
        assert corpus.integrity_check() == "ok"
        assert corpus.search_index_is_sound()


def copy_corpus(source: Path, target: Path) -> Path:
    """A private copy of a corpus (its WAL checkpointed first, so the copy is complete)."""
    from rbtool.store.db import Corpus

    with Corpus(source) as corpus:
        corpus.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    target.write_bytes(source.read_bytes())
    return target


class HeldExtract:
    """`rbtool extract FILES` (its own process and session, its own corpus) that stops half-way on purpose: the
    worker is handed a named pipe in place of `held` (held_extract.py). `wait_until_reading()` returns once
    the worker has opened the pipe — the explicit readiness signal: every file before `held` has been
    stored, and the run stays busy with `held` until `release()` closes the pipe."""

    def __init__(self, files: list[Path], held: Path, corpus: Path, folder: Path, *options: str):
        self.pipe = folder / "held.fifo"
        os.mkfifo(self.pipe)
        self.env = {**os.environ, "RBTOOL_CORPUS": str(corpus), "NO_COLOR": "1"}
        self.env.pop("RBTOOL_DEBUG", None)
        self.process = subprocess.Popen(
            [sys.executable, str(Path(__file__).with_name("held_extract.py")), str(self.pipe), str(held), "extract",
             *map(str, files), *options], env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
            start_new_session=True)
        self.writer: int | None = None

    def wait_until_reading(self, timeout: float = TIMEOUT_SECONDS) -> None:
        """Block until the worker opens the pipe (opening our end for writing waits for exactly that)."""
        opened: list[int] = []
        opener = threading.Thread(target=lambda: opened.append(os.open(self.pipe, os.O_WRONLY)), daemon=True)
        opener.start()
        opener.join(timeout)
        if not opened:  # never reached: let the opener go (a reader of our own) and say what the run said
            os.close(os.open(self.pipe, os.O_RDONLY | os.O_NONBLOCK))
            opener.join()
            self.process.kill()
            raise AssertionError(f"the run never reached the held file:\n{self.process.communicate()[1]}")
        self.writer = opened[0]

    def release(self) -> None:
        """Close our end of the pipe: a worker still reading it sees an empty file."""
        if self.writer is not None:
            os.close(self.writer)
            self.writer = None

    def finish(self, timeout: float = 60) -> str:
        """Release the pipe and wait for the process; its stderr."""
        try:
            return self.process.communicate(timeout=timeout)[1]
        finally:
            self.release()
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
