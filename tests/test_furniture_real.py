"""Page furniture and parliamentary papers on real PDFs (tests/pdfs, see tests/data/PROVENANCE.md)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from rbtool import model
from rbtool.extract import extract_document
from rbtool.nl.kamerstukken import is_qa_label

PDFS = Path(__file__).parent / "pdfs"
COLOPHON = ("ah-tk-", "ISSN", "’s-Gravenhage", "Aanhangsel 1 ")


@pytest.fixture(scope="module", params=["kamervragen-bzk-2023-2024-1178", "kamervragen-vws-2023-2024"])
def kamervragen(request):
    return extract_document(PDFS / f"{request.param}.pdf")


@pytest.fixture(scope="module")
def bzk():
    return extract_document(PDFS / "kamervragen-bzk-2023-2024-1178.pdf")


def test_no_colophon_text_anywhere(kamervragen):
    texts = [b.text for b in kamervragen.blocks] + [f.text for f in kamervragen.footnotes]
    for text in texts:
        assert not any(part in text for part in COLOPHON), text
        assert "vergaderjaar 2023–2024, Aanhangsel" not in text


def test_every_question_and_answer_opens_its_own_block(kamervragen):
    labels = [m.group(0) for b in kamervragen.blocks
              for m in re.finditer(r"\b(?:Vraag|Antwoord) \d+\b", b.text)]
    openings = [b.text for b in kamervragen.blocks if re.match(r"(?:Vraag|Antwoord) \d+ ", b.text)]
    assert len(openings) == len(labels) >= 18
    numbers = [int(t.split()[1]) for t in openings if t.startswith("Vraag")]
    assert numbers == list(range(1, len(numbers) + 1))


def test_every_note_has_its_citing_sentence(kamervragen):
    expected = 15 if "bzk" in kamervragen.source_path else 17
    assert len(kamervragen.footnotes) == expected
    assert all(f.anchor_block and f.anchor_context for f in kamervragen.footnotes)


def test_a_sentence_crossing_the_page_stays_one_block(bzk):
    block = next(b for b in bzk.blocks if "De overgang van kwetsbare cryptografie" in b.text)
    assert (block.page, block.page_end) == (1, 2)
    assert "op deze schaal is voorgekomen. Daarom moeten er nu voorbereidende acties" in block.text


def test_paragraph_breaks_inside_answers_are_kept(bzk):
    texts = [b.text for b in bzk.blocks]
    assert any(t.startswith("Antwoord 1 Ja, het is mij bekend") and t.endswith("beheerst moeten worden.")
               for t in texts)
    assert any(t.startswith("Cryptografie zorgt voor veilige en vertrouwelijke digitale communicatie.")
               for t in texts)
    assert any(t.startswith("In mijn brief van 7 november 2023") for t in texts)  # answer 2, second paragraph


def test_page_labels_come_from_the_footer_also_beside_the_colophon(bzk):
    assert [p.label for p in bzk.pages] == ["1", "2", "3", "4", "5"]


def test_memo_margin_column_stays_out_of_the_text():
    doc = extract_document(PDFS / "woo-oplegnota-vws-171436.pdf")
    text = " ".join(b.text for b in doc.blocks)
    for margin in ("Datum", "Kenmerk", "Bijlage(n)", "Zaaknummer", "1752993-210956-PG", "Directie Publicke",
                   "2020217241"):
        assert margin not in text
    subject = next(b.text for b in doc.blocks if "Dierenbeschermers" in b.text)
    # the subject wraps over three lines beside the margin column, and is read as one sentence without it
    assert subject.endswith("willen verbod op reptielenbeurs in Houten: ‘Kan in coronatijd niet door de beugel”")


def test_form_labels_beside_their_values_stay():
    doc = extract_document(PDFS / "besluitenlijst-commissie-financien-2016.pdf")
    text = " ".join(b.text for b in doc.blocks)
    assert text.count("Zaak:") >= 10 and "Besluit:" in text


@pytest.mark.parametrize("text,label", [("Vraag 1", True), ("Antwoord 12", True), ("Vragen 4 en 5", True),
                                        ("Antwoord op vraag 3", True), ("Vraag 1 Bent u bekend", False),
                                        ("Antwoord van Staatssecretaris", False)])
def test_qa_labels(text, label):
    assert is_qa_label(text) is label


def test_a_tagged_pdf_s_artifacts_at_the_page_edge_are_furniture_without_repetition():
    """The model DPIA marks its running header and page numbers as artifacts in its structure tree. Read as a
    one-page document (nothing recurs, so repetition proves nothing), those lines are still furniture; its
    text (marked P) is not."""
    from rbtool.layout.furniture import find_furniture
    from rbtool.pdf import read_pages

    page = next(data for _, data in read_pages(PDFS / "model-dpia-rijksdienst-v3.0.pdf") if data.index == 6)
    found = find_furniture([(page.index, page.height, page.lines)]).lines
    marked = {pos for pos, line in enumerate(page.lines)
              if {s.role for s in line.spans if s.text.strip()} == {"Artifact"}}
    assert marked and {(page.index, pos) for pos in marked} <= found
    assert not any(page.lines[pos].spans[0].role == "P" for _, pos in found)


def test_page_numbers_in_two_sizes_are_all_furniture_and_no_footnotes():
    """chelsea sets its page numbers in 7 pt up to p. 23 and in 11 pt after: each size recurs on enough pages
    to be furniture (the first part's numbers were read as 22 empty footnotes before)."""
    doc = extract_document(PDFS / "chelsea-pdta-french.pdf")
    assert not doc.footnotes
    assert not [b for b in doc.blocks if b.text.strip().isdigit()]
