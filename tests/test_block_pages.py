"""A block crossing a page keeps where each page's part starts: hits report the page their words stand on."""
from __future__ import annotations

from pathlib import Path

import pytest

from rbtool.extract import extract_document
from rbtool.queries.search import search
from rbtool.store.db import Corpus

PDFS = Path(__file__).parent / "pdfs"


@pytest.fixture(scope="module")
def bzk():
    return extract_document(PDFS / "kamervragen-bzk-2023-2024-1178.pdf")


def _crossing(doc):
    return next(b for b in doc.blocks if "De overgang van kwetsbare cryptografie" in b.text)


def test_a_block_crossing_a_page_knows_where_the_next_page_starts(bzk):
    block = _crossing(bzk)
    assert (block.page, block.page_end) == (1, 2)
    (offset, page), = block.page_breaks
    assert page == 2 and block.text[offset:].startswith("voorgekomen. Daarom moeten er nu")
    assert block.page_at(0) == 1 and block.page_at(offset) == 2 and block.page_at(len(block.text)) == 2
    assert all(not b.page_breaks for b in bzk.blocks if b.page == b.page_end)


def test_the_page_parts_are_stored_and_a_hit_reports_the_page_of_its_words(bzk, tmp_path):
    with Corpus(tmp_path / "c.sqlite") as corpus:
        corpus.save_document(bzk)
        assert _crossing(corpus.load_document(bzk.id)).page_breaks == _crossing(bzk).page_breaks
        on_two = search(corpus.conn, '"voorbereidende acties worden ondernomen"').hits[0]
        assert (on_two.page, on_two.page_label) == (2, "2")
        on_one = search(corpus.conn, '"technologisch ingrijpende wijziging"').hits[0]
        assert (on_one.page, on_one.page_label) == (1, "1")
        assert on_one.block_id == on_two.block_id == _crossing(bzk).id


def test_a_citing_sentence_reports_the_page_of_its_marker():
    doc = extract_document(PDFS / "kamervragen-vws-2023-2024.pdf")
    note = next(f for f in doc.footnotes if f.number == 14)  # answer 9 crosses from page 4 to 5
    block = next(b for b in doc.blocks if b.id == note.anchor_block)
    assert (block.page, block.page_end, note.anchor_page) == (4, 5, 5)
    assert block.page_at(block.text.index(note.anchor_context[-40:])) == 5
