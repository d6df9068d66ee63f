"""Real third-party PDFs (tests/pdfs, see tests/data/PROVENANCE.md): typed errors, never a traceback."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from rbtool import model
from rbtool.errors import EncryptedPdf, GarbledTextLayer, NoTextLayer, NotAPdf, RbtoolError
from rbtool.export import document_to_dict
from rbtool.extract import extract_document
from rbtool.pdf import OutlineEntry, read_outline

PDFS = Path(__file__).parent / "pdfs"


def test_encrypted_without_password():
    with pytest.raises(EncryptedPdf) as err:
        extract_document(PDFS / "encrypted-password-test.pdf")
    assert "--password" in err.value.reason
    assert err.value.where == str(PDFS / "encrypted-password-test.pdf")


def test_encrypted_wrong_password():
    with pytest.raises(EncryptedPdf, match="wrong password"):
        extract_document(PDFS / "encrypted-password-test.pdf", password="nope")


def test_encrypted_with_password():
    doc = extract_document(PDFS / "encrypted-password-test.pdf", password="test")
    assert doc.page_count >= 1 and doc.blocks


def test_scan_has_no_text_layer():
    with pytest.raises(NoTextLayer) as err:
        extract_document(PDFS / "woo-besluitbrief-scan.pdf")
    assert "no text layer on 10 of 10 pages" in err.value.reason
    assert "ocrmypdf" in err.value.reason


def test_garbled_text_layer_is_refused():
    with pytest.raises(GarbledTextLayer):
        extract_document(PDFS / "garbled-text-layer.pdf")


def test_malformed_file_gives_a_typed_error_or_a_document():
    try:
        doc = extract_document(PDFS / "malformed-from-issue-932.pdf")
    except RbtoolError:
        return
    assert doc.page_count == 1


def test_text_file_named_pdf(tmp_path):
    fake = tmp_path / "notes.pdf"
    fake.write_text("this is not a PDF\n")
    with pytest.raises(NotAPdf):
        extract_document(fake)


def test_truncated_pdf(tmp_path):
    data = (PDFS / "kamervragen-vws-2023-2024.pdf").read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(data[: len(data) // 3])
    with pytest.raises(NotAPdf):
        extract_document(cut)


def test_empty_file(tmp_path):
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    with pytest.raises(NotAPdf):
        extract_document(empty)


def test_missing_file(tmp_path):
    with pytest.raises(RbtoolError):
        extract_document(tmp_path / "absent.pdf")


@pytest.fixture(scope="module")
def kamervragen():
    return extract_document(PDFS / "kamervragen-vws-2023-2024.pdf")


def test_kamervragen_footnotes_linked_to_markers(kamervragen):
    notes = {f.number: f for f in kamervragen.footnotes}
    assert sorted(notes) == list(range(1, 18))
    assert all(f.anchor_block for f in notes.values())
    # read from the PDF: note 2 is the First Eet Kit website, its marker follows "First Eet Kit"
    assert "firsteetkit.nl" in notes[2].text
    assert notes[2].anchor_context.endswith("First Eet Kit")
    blocks = {b.id: b for b in kamervragen.blocks}
    assert 2 in blocks[notes[2].anchor_block].footnote_refs


def test_kamervragen_hyphenation_repaired(kamervragen):
    body = " ".join(b.text for b in kamervragen.blocks)
    # line ends in the PDF: "laagdrempe-|lig", "vroeginterven-|tie", "gespeciali-|seerde", "hulpaan-|bod"
    for word in ("laagdrempelig", "vroeginterventie", "gespecialiseerde", "hulpaanbod"):
        assert word in body
    # real hyphens stay
    assert "Klaver-Westerveld" in body and "jeugd-ggz" in body


def test_kamervragen_running_footer_removed(kamervragen):
    assert not [b for b in kamervragen.blocks if "Aanhangsel" in b.text and b.page > 1]
    assert [p.label for p in kamervragen.pages][1:] == ["2", "3", "4", "5", "6"]


@pytest.fixture(scope="module")
def dpia():
    return extract_document(PDFS / "model-dpia-rijksdienst-v3.0.pdf")


def test_dpia_model_footnotes(dpia):
    doc = dpia
    numbers = [f.number for f in doc.footnotes]
    assert numbers == list(range(1, 115))  # the corpus README: 114 footnotes
    assert sum(1 for f in doc.footnotes if f.anchor_block) >= 110
    assert any(b.kind == model.LIST_ITEM for b in doc.blocks)


def test_federal_register_three_columns():
    doc = extract_document(PDFS / "federal-register-2020-17221.pdf")
    assert any("three columns" in w for w in doc.warnings)
    # read column by column: the first column's sentence (five lines in the PDF) comes out whole
    text = " ".join(b.text for b in doc.blocks)
    assert "contains notices to the public of the proposed issuance of rules and regulations" in text
    assert "VerDate" not in doc.title


def test_budget_chapter_with_tables():
    doc = extract_document(PDFS / "rijksbegroting-2019-hoofdstuk-I-de-koning.pdf")
    text = " ".join(b.text for b in doc.blocks)
    assert "Prinses van Oranje" in text
    assert doc.page_count == 1


def test_decision_list_is_not_split_into_columns():
    doc = extract_document(PDFS / "besluitenlijst-commissie-financien-2016.pdf")
    assert not any("columns" in w for w in doc.warnings)
    assert any(b.kind == model.NUMBERED_ITEM for b in doc.blocks)


def test_progress_callback():
    calls = []
    extract_document(PDFS / "kamervragen-vws-2023-2024.pdf", on_page=lambda done, total: calls.append((done, total)))
    assert calls == [(i, 6) for i in range(1, 7)]


def test_title_and_year_arguments_override():
    doc = extract_document(PDFS / "kamervragen-vws-2023-2024.pdf", title="Kamervragen", year=2024)
    assert (doc.title, doc.year) == ("Kamervragen", 2024)


def test_dpia_contents_page_is_a_toc_block_and_no_section(dpia):
    assert [b.page for b in dpia.blocks if b.kind == model.CONTENTS] == [2]
    assert "1.1 Wat is een DPIA? 4" in next(b.text for b in dpia.blocks if b.kind == model.CONTENTS).splitlines()
    assert not [s for s in dpia.sections if s.page == 2]
    # the export keeps the contents apart from the running text
    export = document_to_dict(dpia)
    assert model.CONTENTS not in {b["kind"] for b in export["blocks"]}
    assert [(c["page"], "1.1 Wat is een DPIA? 4" in c["entries"]) for c in export["contents"]] == [(2, True)]


def test_dpia_headings_with_the_levels_of_its_outline(dpia):
    levels = {s.number: (s.level, s.title, s.page) for s in dpia.sections if s.number}
    assert levels["1"] == (1, "DEEL I – PROCESKADER", 4)
    assert levels["1.8"] == (2, "Hoe verhoudt een DPIA zich tot andere instrumenten?", 14)
    assert levels["3.17"] == (2, "Maatregelen", 55)
    assert {f"1.{n}" for n in range(1, 9)} | {f"3.{n}" for n in range(1, 18)} <= set(levels)


def test_dpia_italic_instructions_are_no_quotes(dpia):
    # "Beschrijf op gestructureerde wijze …" (p. 16) is an italic instruction, and "1. Voorstel" below it no
    # attribution; the one quote is the model text in quotation marks on p. 14
    assert [q.page for q in dpia.quotes] == [14]
    assert dpia.quotes[0].text.startswith("“Gezien de aard") and dpia.quotes[0].text.endswith("”")
    assert not [b for b in dpia.blocks if b.kind == model.ATTRIBUTION]


def test_ocr_memo_headings_are_its_numbered_titles_not_its_wrapped_lines():
    doc = extract_document(PDFS / "woo-oplegnota-vws-171436.pdf")
    assert [s.number for s in doc.sections] == [str(n) for n in range(1, 12)]
    assert doc.sections[0].title == "Aanleiding voor deze nota" and doc.sections[-1].title == "Fraudetoets"


def test_read_outline_gives_titles_levels_and_pages():
    outline = read_outline(PDFS / "analyse-rijksbegroting-2021-testeditie.pdf")
    assert outline[:2] == [OutlineEntry(1, "Voorwoord", 2), OutlineEntry(1, "1 Inleiding", 3)]
    assert len(outline) == 24 and {e.level for e in outline} == {1, 2}
    assert read_outline(PDFS / "kamervragen-vws-2023-2024.pdf") == []


def test_title_and_author_from_the_pdf_information_when_the_title_page_confirms_them(variant_2020_document):
    """The variant's title page hyphenates "Rijksbe-groting" across two lines; its information names the title
    and the publisher, and the title page prints both."""
    assert variant_2020_document.title == "Analyse, duiding en reflectie Rijksbegroting 2020"
    assert variant_2020_document.author == "Platform31"
    koning = extract_document(PDFS / "rijksbegroting-2019-hoofdstuk-I-de-koning.pdf")
    assert koning.author is None  # its information says "Werk", which the page does not print
    assert "_" not in koning.title  # nor its template's name "1_De_Koning"


@pytest.mark.parametrize("name, title, year", [
    # checked by hand against `pdftotext -f 1 -l 1`: the entry's bold title under its agency and docket lines
    ("federal-register-2020-17221", "Airworthiness Directives; The Boeing Company Airplanes", 2020),
    # the sentence under "Vragen gesteld door de leden der Kamer …" and the number of the Aanhangsel
    ("kamervragen-bzk-2023-2024-1178",
     "Vragen van het lid Sneller (D66) aan de Staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties en de "
     "Minister van Justitie en Veiligheid over quantumproof encryptie (ingezonden 16 januari 2024)", 2024),
    ("kamervragen-vws-2023-2024",
     "Vragen van het lid Westerveld (GroenLinks-PvdA) aan de Staatssecretaris en de Minister van Volksgezondheid, "
     "Welzijn en Sport over hulp aan jongeren en volwassenen met eetstoornissen (ingezonden 21 juni 2024)", 2024),
])
def test_titles_come_from_the_title_page_not_its_masthead_or_running_header(name, title, year):
    doc = extract_document(PDFS / f"{name}.pdf")
    assert (doc.title, doc.year) == (title, year)


def test_a_first_page_that_opens_with_body_text_gives_no_heading_title():
    """The decision list's first heading is an agenda item's: the title stays the file name, as before."""
    doc = extract_document(PDFS / "besluitenlijst-commissie-financien-2016.pdf")
    assert (doc.title, doc.year) == ("besluitenlijst-commissie-financien-2016", 2016)


def test_code_in_a_typewriter_face_is_no_subheading():
    """The MIME-info spec sets its file formats in Nimbus Mono (every glyph one width): those lines are code,
    not subheadings, while its proportional faces (the body, the sans headings) are no typewriter faces."""
    from rbtool.layout.styles import fixed_pitch_fonts
    from rbtool.pdf import read_pages

    pdf = PDFS / "shared-mime-info-spec.pdf"
    lines = [line for _, page in read_pages(pdf) for line in page.lines]
    fixed = fixed_pitch_fonts(lines)
    assert {"NimbusMonL-Regu", "NimbusMonL-Bold"} <= fixed
    assert not fixed & {"NimbusRomNo9L-Regu", "NimbusSanL-Bold", "NimbusRomNo9L-ReguItal"}
    doc = extract_document(pdf)
    code = [b.text for b in doc.blocks if b.kind == model.SUBHEADING and "CARD32" in b.text]
    assert not code and not any(b.kind == model.SUBHEADING for b in doc.blocks if b.page in (10, 11, 12, 13))


def test_word_small_caps_made_of_smaller_capitals_read_as_one_small_caps_span():
    # chelsea p. 26: the table heads are Word small caps, "A" at 14 pt then "XES D" and "EVALUATION" at 11 pt
    # around a full-size apostrophe; each head reads as one small-caps span at the capitals' size
    from rbtool.pdf import read_pages

    page = next(data for _, data in read_pages(PDFS / "chelsea-pdta-french.pdf") if data.index == 26)
    spans = {s.text: s for line in page.lines for s in line.spans}
    assert "AXES D’EVALUATION" in spans and "ACTIONS" in spans
    assert all(spans[head].small_caps and spans[head].size > 14 for head in ("AXES D’EVALUATION", "ACTIONS"))


def test_structure_tree_heading_tags_count_as_heading_evidence_only_for_lines_that_stand_out():
    """The model DPIA tags its headings H1-H3 and its text P. A line the tree calls a heading is heading
    evidence when it is set apart from the body; text tagged P never is, nor a heading tag on body type."""
    from types import SimpleNamespace

    from rbtool.layout.blocks import Builder
    from rbtool.layout.styles import line_style, style_inventory
    from rbtool.pdf import read_pages

    lines = [line for _, page in read_pages(PDFS / "model-dpia-rijksdienst-v3.0.pdf") for line in page.lines]
    builder = SimpleNamespace(inventory=style_inventory(lines))
    tags = lambda line: {s.role for s in line.spans if s.text.strip()} - {""}  # noqa: E731
    headings = [line for line in lines if tags(line) and all(t in ("H1", "H2", "H3") for t in tags(line))]
    paragraphs = [line for line in lines if tags(line) == {"P"}]
    assert len(headings) > 50 and len(paragraphs) > 1000
    assert all(Builder._tagged_heading(builder, line) for line in headings
               if line_style(line) not in (None, builder.inventory.body))
    assert not any(Builder._tagged_heading(builder, line) for line in paragraphs)
    body_line = next(line for line in paragraphs if line_style(line) == builder.inventory.body)
    as_heading = replace(body_line, spans=tuple(replace(s, role="H2") for s in body_line.spans))
    assert not Builder._tagged_heading(builder, as_heading)
