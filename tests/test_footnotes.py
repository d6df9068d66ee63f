"""Footnote queries on the 2020 analysis as its ground truth describes it."""
import dataclasses
import json
import re

import pytest

from conftest import DATA
from rbtool.queries.footnotes import (check_integrity, citing_sentence, cited_sources, footnote_to_row,
                                      list_footnotes, marker_offset, reference_rows, sentence_spans)

MARKER = re.compile(r"\[\^(\d+)\]")
CONTEXT_CHARS = 80


def _marked_texts(block):
    yield block.get("text") or ""
    yield from block.get("subitems") or []
    yield " ".join(block.get("paragraphs") or [])
    yield block.get("attribution") or ""


@pytest.fixture(scope="module")
def anchored_2020(truth_2020):
    """The truth document with anchor_context as extraction gives it: the running text before each marker."""
    truth = json.loads((DATA / "analyse-rijksbegroting-2020.truth.json").read_text(encoding="utf-8"))
    contexts = {}
    for block in truth["blocks"]:
        for text in _marked_texts(block):
            for match in MARKER.finditer(text):
                before = re.sub(r"\s+", " ", MARKER.sub("", text[:match.start()])).strip()
                contexts[int(match.group(1))] = before[-CONTEXT_CHARS:]
    notes = tuple(dataclasses.replace(n, anchor_context=contexts[n.number]) for n in truth_2020.footnotes)
    return dataclasses.replace(truth_2020, footnotes=notes)


@pytest.mark.parametrize("number, sentence", [
    (3, "De aangekondigde maatregelen[3]"),
    (37, "Voor zeven gebieden[37] wordt een aanpak als prioritair landschap opgesteld."),
    (56, "Ten opzichte van 2018 daalt het ondernemers-, consumenten- en producentenvertrouwen in 2019.[56]"),
    (11, "In Nederland leven mensen met alleen basisonderwijs of vmbo gemiddeld zes jaar korter en zelfs vijftien "
         "jaar in minder goed ervaren gezondheid dan mensen met een hoger opleidingsniveau (hbo of universitaire "
         "opleiding).[11]"),
])
def test_citing_sentence_read_by_hand(anchored_2020, number, sentence):
    row, = [r for r in list_footnotes(anchored_2020) if r.number == number]
    assert row.citing_sentence == sentence


def test_citing_sentence_of_a_marker_mid_sentence(anchored_2020):
    row, = [r for r in list_footnotes(anchored_2020) if r.number == 68]
    assert row.citing_sentence.startswith("Volgens de minister[68] heeft het proces van de Regio Deals")


def test_every_citing_sentence_holds_its_marker_where_it_stood(anchored_2020):
    blocks = {b.id: b for b in anchored_2020.blocks}
    for note, row in zip(anchored_2020.footnotes, list_footnotes(anchored_2020)):
        marker = f"[{note.number}]"
        assert row.citing_sentence.count(marker) == 1
        before = row.citing_sentence.split(marker)[0]
        assert anchored_2020.footnotes and note.anchor_context.endswith(before[-12:]), note.number
        assert row.citing_sentence.replace(marker, "") in blocks[note.anchor_block].text


def test_citing_sentence_without_marker_position():
    text = "Eerste zin met 2,9 procent. Tweede zin, o.a. met blz. 4 erin."
    assert citing_sentence(text, None, 7) == "Eerste zin met 2,9 procent.[7]"
    assert citing_sentence(text, len(text), 8) == "Tweede zin, o.a. met blz. 4 erin.[8]"
    assert len(sentence_spans(text)) == 2
    assert marker_offset(text, "xx Eerste zin met 2,9 procent.") == text.index(".") + 1
    assert marker_offset(text, "") is None


def test_list_footnotes_filters(truth_2020):
    labels = json.loads((DATA / "footnote_labels.json").read_text(encoding="utf-8"))["notes"]
    web = [n["number"] for n in labels if "web" in n["kinds"]]
    assert [r.number for r in list_footnotes(truth_2020, kind="web")] == web
    crossref = list_footnotes(truth_2020, kind="crossref")
    assert {r.number: r.refs[0].identifier for r in crossref} == {3: "2.1", 10: "2.5", 18: "2.2", 21: "2.4",
                                                                  28: "2.6"}
    in_2 = list_footnotes(truth_2020, section="2")
    assert in_2 and all(r.section.startswith("2.") for r in in_2)
    volkskrant = list_footnotes(truth_2020, zoek="volkskrant")
    assert {20, 23, 49, 72, 97, 100, 109} <= {r.number for r in volkskrant}
    assert all("volkskrant" in r.text.lower() or "volkskrant" in r.citing_sentence.lower() for r in volkskrant)
    assert [r.number for r in list_footnotes(truth_2020, zoek="Hümeyra")] == \
        [r.number for r in list_footnotes(truth_2020, zoek="humeyra")] == [109]


def test_rows_for_json_and_csv(truth_2020):
    rows = list_footnotes(truth_2020)
    first = footnote_to_row(rows[0])
    assert list(first) == ["doc", "number", "page", "page_label", "citing_sentence", "text", "kinds", "refs"]
    assert first["refs"] == [{"kind": "kamerstuk", "identifier": "kst-35300-1",
                              "url": "https://zoek.officielebekendmakingen.nl/kst-35300-1.html",
                              "title": "Miljoenennota 2020", "date": None}]
    json.dumps([footnote_to_row(r) for r in rows])
    flat = reference_rows(rows)
    assert len(flat) == sum(len(r.refs) for r in rows)
    note_9 = [r for r in flat if r["number"] == 9]
    assert [r["kind"] for r in note_9] == ["report", "report", "media", "media", "report"]


def test_cited_sources_counts_the_miljoenennota(truth_2020):
    sources = cited_sources(list_footnotes(truth_2020))
    top = sources[0]
    # Notes 1, 11, 12, 22, 26, 27 cite 35 300 nr. 1 and note 57 "Miljoenennota 2020" (read from the notes).
    assert (top["identifier"], top["count"]) == ("kst-35300-1", 7)
    assert top["notes"] == [f"truth2020:{n}" for n in (1, 11, 12, 22, 26, 27, 57)]
    assert top["source"] == "Miljoenennota 2020"
    assert [s["count"] for s in sources] == sorted((s["count"] for s in sources), reverse=True)
    rli = [s for s in sources if s["source"].startswith("Raad voor de leefomgeving")]
    assert len(rli) == 1 and rli[0]["count"] == 4  # notes 19, 44, 46, 52 cite "De som der delen"


def test_integrity_of_the_truth_document(truth_2020):
    texts = {n.number: n.text for n in truth_2020.footnotes}
    assert texts[66] == texts[68]  # identical notes are fine
    assert check_integrity(truth_2020) == []


def test_integrity_finds_a_removed_note(truth_2020):
    doctored = dataclasses.replace(truth_2020, footnotes=tuple(n for n in truth_2020.footnotes if n.number != 40))
    problems = check_integrity(doctored)
    assert [(p.kind, p.number, p.page) for p in problems] == [("marker_without_note", 40, 18)]


def test_integrity_finds_a_removed_marker_a_gap_and_a_duplicate(truth_2020):
    blocks = tuple(dataclasses.replace(b, footnote_refs=tuple(n for n in b.footnote_refs if n not in (12, 50)))
                   for b in truth_2020.blocks)
    notes = tuple(dataclasses.replace(n, anchor_block=None) if n.number == 12 else n
                  for n in truth_2020.footnotes if n.number != 50)
    notes += tuple(n for n in truth_2020.footnotes if n.number == 30)
    problems = check_integrity(dataclasses.replace(truth_2020, blocks=blocks, footnotes=notes))
    assert [(p.kind, p.number, p.page) for p in problems] == [
        ("note_without_marker", 12, 6), ("duplicate_note", 30, 12), ("gap", 50, 21)]


def test_extracted_sample(sample_document):
    """The same figures on the notes as rbtool extracts them from the bundled PDF."""
    assert check_integrity(sample_document) == []
    labels = {n["number"]: n["kinds"] for n in json.loads((DATA / "footnote_labels.json").read_text("utf-8"))["notes"]}
    rows = list_footnotes(sample_document)
    agree = sum(sorted(set(r.kinds)) == labels.get(r.number) for r in rows)
    assert len(rows) == 109 and agree / len(labels) >= 0.95
    by_number = {r.number: r for r in rows}
    assert by_number[37].citing_sentence == "Voor zeven gebieden[37] wordt een aanpak als prioritair landschap opgesteld."
    assert by_number[3].citing_sentence == "De aangekondigde maatregelen[3]"
