"""Helpers of the reliability suite: rbtool run as a user runs it, and the checks every test makes."""
from __future__ import annotations

import os
import subprocess
import sys
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
