"""The real third-party PDFs against their hand-checked expectations (tests/data/real/*.json, tests/realcheck.py).

One test per file and check: headings with level and page, no section from a contents page, note count and
citing sentences, colophon / running header / margin column text in no block, sentences kept whole across
pages, list items without glyph debris, only real quotes, Kamervragen labels each starting a block, typed
errors for the encrypted, scanned and garbled files, rotated pages read or warned about. Checks today's extractor fails are listed with what is
wrong in tests/data/real/shortfalls.json and run as xfail(strict=True); `python tests/tools/real_shortfalls.py`
rewrites that file after an extractor change.
"""
from __future__ import annotations

import pytest

from realcheck import PDFS, Extraction, checks_of, expectations, problems, read_shortfalls

EXPECTATIONS = expectations()
SHORTFALLS = read_shortfalls()


@pytest.fixture(scope="session")
def extraction():
    """A real PDF's extraction, done at its first use in the session."""
    cache: dict[str, Extraction] = {}

    def get(name: str) -> Extraction:
        if name not in cache:
            cache[name] = Extraction(PDFS / EXPECTATIONS[name]["file"])
        return cache[name]

    return get


def _cases():
    for name, expectation in EXPECTATIONS.items():
        for check in checks_of(expectation):
            key = f"{name}:{check}"
            marks = [pytest.mark.xfail(strict=True, reason=SHORTFALLS[key])] if key in SHORTFALLS else []
            yield pytest.param(name, check, id=key, marks=marks)


@pytest.mark.parametrize("name,check", list(_cases()))
def test_real_pdf_meets_expectation(extraction, name, check):
    wrong = problems(check, extraction(name), EXPECTATIONS[name])
    assert not wrong, f"{name} {check}: " + "; ".join(wrong[:8])


def test_every_real_pdf_has_an_expectation():
    """Each PDF copied from the corpus's real/ set (see PROVENANCE.md), the one derived from it and the two
    documents from Debian's documentation are described."""
    real = {"besluitenlijst-commissie-financien-2016", "chelsea-pdta-french", "encrypted-password-test",
            "federal-register-2020-17221", "garbled-text-layer", "kamervragen-bzk-2023-2024-1178",
            "kamervragen-vws-2023-2024", "malformed-from-issue-932", "model-dpia-rijksdienst-v3.0",
            "rijksbegroting-2019-hoofdstuk-I-de-koning", "woo-besluitbrief-scan", "woo-oplegnota-vws-171436",
            "kamervragen-vws-2023-2024-rotated", "shared-mime-info-spec", "libtasn1", "debian-faq-nl",
            "zoo-jss-vignette", "scheherazade-features-word", "acmart-sample-sigconf"}
    assert set(EXPECTATIONS) == real
    for name, expectation in EXPECTATIONS.items():
        assert (PDFS / expectation["file"]).exists(), name


def test_shortfalls_name_known_checks():
    known = {f"{name}:{check}" for name, e in EXPECTATIONS.items() for check in checks_of(e)}
    assert set(SHORTFALLS) <= known
