"""Shared fixtures. Tests never depend on files outside the repository or on the user's machine."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from truthdoc import document_from_truth

TESTS = Path(__file__).parent
PDFS = TESTS / "pdfs"
DATA = TESTS / "data"
SAMPLE_PDF = TESTS.parent / "src" / "rbtool" / "data" / "analyse-rijksbegroting-2020.pdf"


@pytest.fixture(autouse=True)
def _isolated_machine(tmp_path, monkeypatch):
    """No test reads or writes the user's corpus or starts the user's pager (a test of paging names its own),
    and output has no colour and a fixed width."""
    monkeypatch.setenv("RBTOOL_CORPUS", str(tmp_path / "corpus.sqlite"))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("PAGER", "cat")
    monkeypatch.delenv("RBTOOL_PAGER", raising=False)


class Viewers:
    """Stands in for the `subprocess` and `shutil` modules of `rbtool show`, so that `show --open` (a test's
    or a documented example's) never starts a real PDF viewer: `installed` names the programs `which` finds
    (the system's opener by default, on any machine), `started` records the command lines given to Popen."""

    DEVNULL = subprocess.DEVNULL

    def __init__(self):
        self.installed = {"open" if sys.platform == "darwin" else "xdg-open"}
        self.started: list[list[str]] = []

    def which(self, name: str) -> str | None:
        return f"/usr/bin/{name}" if name in self.installed else None

    def Popen(self, command, **options):  # noqa: N802 (subprocess's name)
        self.started.append(list(command))


@pytest.fixture(autouse=True)
def viewers(monkeypatch) -> Viewers:
    """No test launches a PDF viewer (see Viewers)."""
    from rbtool.cli import show

    fake = Viewers()
    monkeypatch.setattr(show, "subprocess", fake)
    monkeypatch.setattr(show, "shutil", fake)
    return fake


@pytest.fixture(scope="session")
def truth_2020():
    """The 2020 analysis as its ground truth describes it (independent of extraction quality)."""
    return document_from_truth("analyse-rijksbegroting-2020.truth.json", doc_id="truth2020")


@pytest.fixture(scope="session")
def truth_2021():
    return document_from_truth("analyse-rijksbegroting-2021-testeditie.truth.json", doc_id="truth2021")


@pytest.fixture(scope="session")
def sample_document():
    """The bundled 2020 sample as rbtool extracts it (slow: extracted once per test session)."""
    from rbtool.extract import extract_document

    return extract_document(SAMPLE_PDF)


@pytest.fixture(scope="session")
def edition_2021_document():
    from rbtool.extract import extract_document

    return extract_document(PDFS / "analyse-rijksbegroting-2021-testeditie.pdf")


@pytest.fixture(scope="session")
def variant_2020_document():
    """The 2020 analysis typeset a second way (tests/tools/make_variant.py: serif, justified, hyphenated)."""
    from rbtool.extract import extract_document

    return extract_document(PDFS / "analyse-rijksbegroting-2020-variant.pdf")


@pytest.fixture(scope="session")
def variant_2021_document():
    from rbtool.extract import extract_document

    return extract_document(PDFS / "analyse-rijksbegroting-2021-testeditie-variant.pdf")


@pytest.fixture(scope="session")
def editions_corpus(tmp_path_factory, sample_document, edition_2021_document):
    """A corpus file holding the bundled 2020 sample and the 2021 test edition (built once per session)."""
    from rbtool.queries.footnotes import analyse_notes
    from rbtool.queries.measures import build_measures
    from rbtool.store.db import Corpus

    path = tmp_path_factory.mktemp("corpus") / "editions.sqlite"
    with Corpus(path) as corpus:
        for doc in (sample_document, edition_2021_document):
            corpus.save_document(doc, build_measures(doc), analyse_notes(doc))
    return path


@pytest.fixture
def corpus_env(editions_corpus, tmp_path, monkeypatch):
    """A private copy of the two-edition corpus, named by RBTOOL_CORPUS."""
    path = tmp_path / "corpus.sqlite"
    shutil.copy(editions_corpus, path)
    monkeypatch.setenv("RBTOOL_CORPUS", str(path))
    return path


def run_cli(capsys, monkeypatch, *args: str) -> tuple[int, str, str]:
    """Run rbtool in-process through its real entry point: (exit code, stdout, stderr)."""
    from rbtool.cli import main

    monkeypatch.setattr(sys, "argv", ["rbtool", *args])
    with pytest.raises(SystemExit) as ended:
        main()
    out, err = capsys.readouterr()
    return ended.value.code, out, err
