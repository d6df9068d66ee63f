"""Shared fixtures. Tests never depend on files outside the repository or on the user's machine."""
from __future__ import annotations

from pathlib import Path

import pytest

from truthdoc import document_from_truth

TESTS = Path(__file__).parent
PDFS = TESTS / "pdfs"
DATA = TESTS / "data"
SAMPLE_PDF = TESTS.parent / "src" / "rbtool" / "data" / "analyse-rijksbegroting-2020.pdf"


@pytest.fixture(autouse=True)
def _isolated_machine(tmp_path, monkeypatch):
    """No test reads or writes the user's corpus, and output has no colour and a fixed width."""
    monkeypatch.setenv("RBTOOL_CORPUS", str(tmp_path / "corpus.sqlite"))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")


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
