"""Extraction of the bundled 2020 sample and the 2021 test edition, judged against their ground truth."""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from rbtool import model
from rbtool.export import document_to_dict

TESTS = Path(__file__).parent
sys.path.insert(0, str(TESTS / "eval"))
from score_extract import norm, score  # noqa: E402  (the project's yardstick, copied unchanged)

MARKER = re.compile(r"\[\^(\d+)\]")


def _truth(name: str) -> dict:
    return json.loads((TESTS / "data" / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def truth2020():
    return _truth("analyse-rijksbegroting-2020.truth.json")


@pytest.fixture(scope="module")
def scores2020(sample_document, truth2020):
    return score(json.loads(json.dumps(document_to_dict(sample_document))), truth2020)


def test_scorer_headline_figures_2020(scores2020):
    assert scores2020["footnotes"]["found"] == 109
    assert scores2020["footnotes"]["text"] == 1.0
    assert scores2020["footnotes"]["page"] == 1.0
    assert scores2020["footnotes"]["anchor"] == 1.0
    assert scores2020["sections"]["found"] == 24
    for key in ("title", "level", "page"):
        assert scores2020["sections"][key] == 1.0
    assert scores2020["subheadings"]["f1"] >= 0.95
    assert scores2020["quotes"]["matched"] == 10 and scores2020["quotes"]["attribution"] == 1.0
    assert scores2020["list_items"]["f1"] >= 0.99 and scores2020["list_items"]["exact_text"] >= 0.99
    assert scores2020["body"]["word_f1"] >= 0.99
    assert scores2020["body"]["furniture_leaks"] == 0


def test_scorer_headline_figures_2021(edition_2021_document):
    result = score(json.loads(json.dumps(document_to_dict(edition_2021_document))),
                   _truth("analyse-rijksbegroting-2021-testeditie.truth.json"))
    assert result["footnotes"]["anchor"] == 1.0 and result["footnotes"]["text"] == 1.0
    assert result["sections"]["title"] == 1.0
    assert result["list_items"]["f1"] >= 0.99
    assert result["body"]["word_f1"] >= 0.99


def test_every_footnote_number_and_text(sample_document, truth2020):
    notes = {f.number: f for f in sample_document.footnotes}
    assert sorted(notes) == list(range(1, 110))
    for key, value in truth2020["footnotes"].items():
        assert norm(notes[int(key)].text) == norm(value["text"]), key
        assert notes[int(key)].page == value["page"]


def test_note_printed_one_page_after_its_marker(sample_document, truth2020):
    moved = [int(k) for k, v in truth2020["footnotes"].items() if v["page"] != v["marker_page"]]
    assert moved  # the README: note 7 sits one page after its marker
    notes = {f.number: f for f in sample_document.footnotes}
    for number in moved:
        assert notes[number].anchor_page == truth2020["footnotes"][str(number)]["marker_page"]


def test_document_identity_and_page_labels(sample_document, truth2020):
    doc = sample_document
    assert doc.title == truth2020["document"]["title"]
    assert doc.year == 2020
    assert doc.page_count == 80 and len(doc.id) == 12 and doc.sha256.startswith(doc.id)
    assert [(p.index, p.label) for p in doc.pages] == [(p["index"], p["label"]) for p in truth2020["pages"]]


def test_sections_match_truth(sample_document, truth2020):
    want = [(b.get("number"), b["text"], b["level"], b["page"]) for b in truth2020["blocks"] if b["kind"] == "heading"]
    got = [(s.number, s.title, s.level, s.page) for s in sample_document.sections]
    assert got == want


def test_marker_glued_to_a_subheading_is_removed_and_recorded(sample_document):
    subs = [b for b in sample_document.blocks if b.kind == model.SUBHEADING and 3 in b.footnote_refs]
    assert len(subs) == 1
    assert subs[0].text == "De aangekondigde maatregelen"


def test_numbers_before_a_marker_are_not_mangled(sample_document, truth2020):
    # truth texts where a number stands right before a marker ("2,9 procent[^N]" and the like)
    glued = [MARKER.sub("", t) for b in truth2020["blocks"] for t in [b.get("text") or ""]
             if re.search(r"\d[^\s\[]*\s?\w*\[\^\d+\]", t)]
    assert glued
    body = " ".join(b.text for b in sample_document.blocks)
    for text in glued:
        for phrase in re.findall(r"\d+(?:,\d+)? procent", text):
            assert phrase in body
    assert "CO2" in body and "Platform31" in body


def test_real_hyphens_at_line_ends_are_kept(sample_document):
    # this typesetting never hyphenates automatically (corpus README): the line-end hyphens are real
    body = " ".join(b.text for b in sample_document.blocks)
    assert "Financiële-verhoudingswet" in body
    assert "Invest-NL" in body
    assert "2022–2027" in body


def test_no_running_footer_in_blocks(sample_document, truth2020):
    footer = truth2020["furniture_strings"][0]
    assert not [b.id for b in sample_document.blocks if footer in b.text and b.kind != model.HEADING]


def test_quotes_have_attribution_blocks(sample_document):
    blocks = {b.id: b for b in sample_document.blocks}
    assert len(sample_document.quotes) == 10
    for quote in sample_document.quotes:
        assert quote.attribution
        attribution = [b for b in sample_document.blocks if b.kind == model.ATTRIBUTION and b.parent == quote.block_id]
        assert len(attribution) == 1 and blocks[quote.block_id].kind == model.QUOTE


def test_sub_items_point_to_their_list_item(sample_document):
    blocks = {b.id: b for b in sample_document.blocks}
    subs = [b for b in sample_document.blocks if b.kind == model.SUB_ITEM]
    assert len(subs) == 19
    assert all(blocks[b.parent].kind == model.LIST_ITEM for b in subs)


def test_box_titles_are_box_subheadings(sample_document, truth2020):
    want = {b["text"].split("[^")[0] for b in truth2020["blocks"] if b["kind"] == "subheading" and b.get("box")}
    got = {b.text for b in sample_document.blocks if b.kind == model.SUBHEADING and b.box}
    assert got == want


def test_export_contract_fields(sample_document):
    data = document_to_dict(sample_document)
    assert set(data["document"]) >= {"id", "title", "year", "sha256", "source_path", "page_count"}
    assert set(data["blocks"][0]) >= {"id", "kind", "text", "page", "page_end", "section", "footnote_refs",
                                      "subheading", "parent", "number", "level", "box"}
    assert set(data["footnotes"][0]) >= {"number", "text", "page", "anchor_block", "anchor_page", "anchor_context"}
    assert {b["kind"] for b in data["blocks"]} <= set(model.BLOCK_KINDS)
    json.dumps(data)
