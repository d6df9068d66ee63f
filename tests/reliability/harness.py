"""Helpers of the reliability suite: rbtool run as a user runs it, and the checks every test makes."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent.parent
PDFS = TESTS / "pdfs"
TIMEOUT_SECONDS = 300


def rbtool(*args: str, corpus: Path, timeout: float = TIMEOUT_SECONDS, **kwargs) -> subprocess.CompletedProcess:
    """Run the installed command line as a user would (own process, own corpus, no colour)."""
    env = {**os.environ, "RBTOOL_CORPUS": str(corpus), "NO_COLOR": "1", "COLUMNS": "100"}
    env.pop("RBTOOL_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "rbtool", *args], env=env, capture_output=True, text=True,
                          timeout=timeout, **kwargs)


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

# A fixture of this suite lives here, not in a conftest.py: a second conftest module would shadow
# tests/conftest.py, which other test modules import by name.
import hostile  # noqa: E402


@pytest.fixture(scope="session")
def files(tmp_path_factory) -> dict[str, Path]:
    """Good and hostile PDFs, by role. Good files differ in content, so each is a document of its own."""
    folder = tmp_path_factory.mktemp("hostile")
    made = {
        "good1": hostile.good_pdf("Analyse van de rijksbegroting 2020"),
        "good2": hostile.good_pdf("Analyse van de rijksbegroting 2021", n_pages=3),
        "bomb": hostile.compressed_bomb(300),
        "huge": hostile.huge_page(10),
        "operators": hostile.many_operators(1_000_000),
    }
    paths = {}
    for role, data in made.items():
        paths[role] = folder / f"{role}.pdf"
        paths[role].write_bytes(data)
    # names that are not UTF-8 and that hold a newline: the same bytes as good files, another document each
    odd = os.fsencode(folder) + b"/bad-\xff\xfe-name.pdf"
    with open(odd, "wb") as fh:
        fh.write(hostile.good_pdf("Begroting met een vreemde naam"))
    paths["bytes_name"] = Path(os.fsdecode(odd))
    paths["newline_name"] = folder / "two\nlines.pdf"
    paths["newline_name"].write_bytes(hostile.good_pdf("Begroting met een regel in de naam"))
    return paths
