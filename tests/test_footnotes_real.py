"""Footnotes of a real third-party document, end to end: the PDF extracted, every note linked to its marker,
every Kamerstuk reference parsed to the identifier read by hand (tests/data/kamervragen_notes.json)."""
from __future__ import annotations

import json

import pytest

from conftest import DATA, PDFS
from rbtool.extract import extract_document
from rbtool.queries.footnotes import check_integrity, list_footnotes

EXPECTED = {n["number"]: n for n in json.loads((DATA / "kamervragen_notes.json").read_text(encoding="utf-8"))["notes"]}


@pytest.fixture(scope="module")
def kamervragen_notes():
    doc = extract_document(PDFS / "kamervragen-vws-2023-2024.pdf")
    return doc, list_footnotes(doc)


def test_all_seventeen_notes_are_found_on_their_page_with_a_citing_sentence(kamervragen_notes):
    doc, rows = kamervragen_notes
    assert sorted(r.number for r in rows) == sorted(EXPECTED)
    for row in rows:
        assert row.page == EXPECTED[row.number]["page"], row.number
        assert f"[{row.number}]" in row.citing_sentence, row.number
    assert check_integrity(doc) == []


def test_every_kamerstuk_reference_gets_its_identifier_and_link(kamervragen_notes):
    _, rows = kamervragen_notes
    for row in rows:
        kamerstukken = [r for r in row.refs if r.kind == "kamerstuk" and r.identifier]
        assert [r.identifier for r in kamerstukken] == EXPECTED[row.number]["kamerstukken"], row.number
        assert all(r.url == f"https://zoek.officielebekendmakingen.nl/{r.identifier}.html" for r in kamerstukken)
    identifiers = [r.identifier for row in rows for r in row.refs if r.kind == "kamerstuk" and r.identifier]
    assert len(identifiers) == 9 and len(set(identifiers)) == 8


def test_a_citing_sentence_leaves_out_the_question_or_answer_label_its_block_opens_with(kamervragen_notes):
    # "Vraag 1" stands on a line of its own above the question; the block keeps it as its first words
    _, rows = kamervragen_notes
    cited = {r.number: r.citing_sentence for r in rows}
    assert cited[1].startswith("Bent u bekend met de opmerkingen van uw ambtsvoorgangers")
    assert cited[6].startswith("Mijn voorganger heeft u in september 2022 een uitgebreide beleidsreactie[6]")
    assert not any(sentence.startswith(("Vraag", "Antwoord")) for sentence in cited.values())
