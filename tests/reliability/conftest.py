"""Fixtures of the reliability suite: hostile files made once per session."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from reliability import hostile


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


@pytest.fixture(scope="session")
def small_corpus(tmp_path_factory, files) -> Path:
    """A corpus of three documents (two generated, one real with footnotes); copy it before changing it."""
    from reliability.harness import PDFS, rbtool

    corpus = tmp_path_factory.mktemp("small") / "corpus.sqlite"
    run = rbtool("extract", str(files["good1"]), str(files["good2"]), str(PDFS / "kamervragen-vws-2023-2024.pdf"),
                 corpus=corpus)
    assert run.returncode == 0, run.stderr
    return corpus
