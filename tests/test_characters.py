"""Characters: turned text, ligature glyphs without a usable Unicode map, symbol-font bullets, URL hyphens."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from rbtool import model
from rbtool.extract import extract_document
from rbtool.layout.text import Joiner, ligature_readings, read_ligatures

PDFS = Path(__file__).parent / "pdfs"


@pytest.fixture(scope="module")
def characters():
    return extract_document(PDFS / "characters-turned-ligatures.pdf")


@pytest.fixture(scope="module")
def bzk():
    return extract_document(PDFS / "kamervragen-bzk-2023-2024-1178.pdf")


def _page_text(doc: model.Document, page: int) -> str:
    return " ".join(b.text for b in doc.blocks if b.page == page)


@pytest.mark.parametrize("page,words", [
    (2, "Deze tekst loopt omhoog langs de pagina. Een lezer draait het blad een kwartslag"),
    (3, "Deze tekst loopt omlaag langs de pagina. Ook hier draait het blad een kwartslag"),
    (4, "Deze tekst staat op zijn kop. Wie het blad omdraait, leest hem gewoon"),
    (5, "Deze pagina heeft een Rotate-ingang van negentig graden"),
])
def test_turned_text_is_read_upright(characters, page, words):
    assert words in _page_text(characters, page)
    heading = next(b for b in characters.blocks if b.page == page)
    assert heading.kind == model.HEADING


def test_turned_pages_are_named_in_a_warning(characters):
    assert "page 2: text turned 90°, read upright" in characters.warnings
    assert "page 3: text turned 270°, read upright" in characters.warnings
    assert "page 4: text turned 180°, read upright" in characters.warnings
    # a page turned by its /Rotate entry reads upright in every viewer: nothing to warn about
    assert not any(w.startswith("page 5") for w in characters.warnings)


def test_ligatures_are_read_from_the_documents_vocabulary(characters):
    text = _page_text(characters, 6)
    # "hee(cid:1)" (no Unicode map) and "\ue01enanciering" (private-use area)
    assert "Het kabinet heeft de financiering van het gefinancierde programma" in text
    assert "(cid:" not in text


def test_unreadable_ligature_is_named_with_its_page(characters):
    assert "page 6: glyphs without Unicode map inside words, not read" in characters.warnings
    assert "kwa\ue01fig" in _page_text(characters, 6)


def test_ligature_readings_need_evidence():
    spans = [("F", "de \ue01enanciering en de financiering"), ("F", "• \ue020 los"), ("F", "\ue021xyz")]
    readings, unread = ligature_readings(spans)
    assert readings == {("F", "\ue01e"): "fi"}
    assert unread == {("F", "\ue021")}  # a glyph standing alone (a bullet) is no ligature
    assert read_ligatures("o\ue01e \ue020", "F", readings) == "ofi \ue020"
    assert read_ligatures("o\ue01e", "G", readings) == "o\ue01e"  # another font's glyph is another glyph


def test_each_glyph_of_a_font_gets_its_own_letters():
    # "ff" and "fi" never written out: both glyphs are ligatures; words written out elsewhere decide which
    text = "de e\ue001ecten van e\ue001ect en de \ue002nanciering en het e\ue001ect; effecten financiering"
    readings, _ = ligature_readings([("F", text)])
    assert readings == {("F", "\ue001"): "ff", ("F", "\ue002"): "fi"}


def test_letters_the_font_writes_out_as_often_as_the_glyph_stands_are_not_its_reading():
    # the font writes "ft" out (heeft, geeft, schrift, gift) and never "ff": its letter model prefers "eftect"
    # for the ff glyph, but a font drawing "ft" as that glyph would not write "ft" out as often as it stands
    text = ("het e\ue001ect en de e\ue001ecten van sto\ue001en, e\ue001ectief; hij heeft, zij geeft, het schrift, "
            "een gift; financiering; de \ue002nanciering, \ue002nanciële en \ue002scale regels, speci\ue002eke "
            "en \ue002nale \ue002nanciering van \ue002nanciële \ue002rma's")
    readings, _ = ligature_readings([("F", text)])
    assert readings == {("F", "\ue001"): "ff", ("F", "\ue002"): "fi"}


def test_glyph_widths_tell_ligatures_the_letters_cannot():
    # a font that ligates ff, fl and fi and never writes them out: its letter sequences alone read the
    # "ff" glyph (as wide as two f's) as "fl"; its widths (f wider than l) say which is which
    text = ("de e\ue001ecten en het e\ue001ect van de he\ue001ing zijn \ue002exibel en \ue002exibele "
            "re\ue002ectie op \ue003nanciering van het \ue003nanciële beleid met speci\ue003eke regels "
            "de lasten en de vele lessen over het fonds en de fiscus voor elke leerling")
    widths = {("F", "f"): 0.370, ("F", "l"): 0.320, ("F", "i"): 0.320, ("F", "t"): 0.402,
              ("F", "\ue001"): 0.710, ("F", "\ue002"): 0.667, ("F", "\ue003"): 0.667}
    readings, _ = ligature_readings([("F", text)], widths)
    assert readings == {("F", "\ue001"): "ff", ("F", "\ue002"): "fl", ("F", "\ue003"): "fi"}


def test_a_rare_font_reads_its_glyphs_with_the_words_another_font_was_read_as():
    # the italic's one "co\ue009eeshop" is too little evidence alone; the roman's glyph was read as "ff"
    spans = [("Roman", "de e\ue001ecten en de co\ue001eeshop; effecten"), ("Italic", "de co\ue009eeshop")]
    readings, unread = ligature_readings(spans)
    assert readings == {("Roman", "\ue001"): "ff", ("Italic", "\ue009"): "ff"} and not unread
    assert ligature_readings(spans[1:]) == ({}, {("Italic", "\ue009")})


def test_a_hyphenated_ligature_shows_its_letters():
    spans = [("F", "de e\ue001ecten van het"), ("F", "en de ef-"), ("F", "fecten zijn groot")]
    readings, _ = ligature_readings(spans)
    assert readings == {("F", "\ue001"): "ff"}


def test_a_title_font_seen_once_reads_its_glyph_with_the_title_the_pdf_names():
    # the bold title's glyph stands in one word the pages never write out; the PDF information's title does
    spans = [("Bold", "Analyse, duiding en re(cid:15)ectie"), ("Roman", "de e\ue001ecten en de effecten")]
    assert ("Bold", "(cid:15)") in ligature_readings(spans)[1]
    readings, unread = ligature_readings(spans, written_out=["Analyse, duiding en reflectie Rijksbegroting 2020"])
    assert readings[("Bold", "(cid:15)")] == "fl" and not unread


def test_a_title_with_unmapped_ligatures_comes_out_read():
    # a typesetting whose ligature glyphs have no Unicode map: its title page sets "reflectie" with one
    doc = extract_document(PDFS / "matrix" / "2020-m15.pdf")
    assert doc.title == "Analyse, duiding en reflectie Rijksbegroting 2020"
    # too little evidence for "o(cid:99)ine," ("offline", twice, never written out) and a heading's
    # "(cid:47)etsen": their pages are named, a comma after the word notwithstanding
    assert "pages 15, 30, 62: glyphs without Unicode map inside words, not read" in doc.warnings


def test_symbol_font_bullets_become_list_items(bzk):
    items = [b for b in bzk.blocks if b.kind == model.LIST_ITEM]
    assert len(items) == 14
    assert not any("cid:" in b.text for b in bzk.blocks)
    assert items[0].text.startswith("Inzicht hebben in wat belangrijk is")


@pytest.mark.parametrize("left,right,joined", [
    ("zie https://example.org/jhed-", "and-jonilas", "zie https://example.org/jhed-and-jonilas"),
    ("zie aivd.nl/pqc-migratie-", "handboek", "zie aivd.nl/pqc-migratie-handboek"),
    ("kenmerk ah-tk-20232024-", "1178", "kenmerk ah-tk-20232024-1178"),
    ("de exportkre-", "dietverzekeraars", "de exportkredietverzekeraars"),  # hyphenation is still undone
    ("werkgevers/werkne-", "mers", "werkgevers/werknemers"),
])
def test_a_line_end_hyphen_inside_an_address_is_kept(left, right, joined):
    assert Joiner(Counter(), auto_hyphenation=True).join(left, right) == joined


@pytest.mark.parametrize("left,right,joined", [
    ("samen met IPO/", "provincies en", "samen met IPO/provincies en"),
    ("zie https://www.cbs.nl/nl-nl/nieuws/", "2019/18", "zie https://www.cbs.nl/nl-nl/nieuws/2019/18"),
    ("de kosten / ", "baten", "de kosten / baten"),  # a slash set apart stays apart
])
def test_a_line_broken_after_a_slash_inside_a_word_is_one_word(left, right, joined):
    assert Joiner(Counter(), auto_hyphenation=False).join(left, right) == joined


def test_a_font_with_many_unread_glyphs_is_read_without_searching_every_combination():
    """Fourteen unmapped glyphs in one font (a font whose symbols and ligatures all lost their map): the
    frequent ones are searched together, the rarer take the best reading still free, each reading once."""
    from rbtool.layout.text import DEFAULT_SEARCHED_GLYPHS, LIGATURES, _assign

    keys = [("Font", f"(cid:{n})") for n in range(14)]
    weights = {key: 100 - n for n, key in enumerate(keys)}  # the first glyph is the most frequent
    scores = {key: {lig: -float((n + i) % len(LIGATURES)) for i, lig in enumerate(LIGATURES)}
              for n, key in enumerate(keys)}
    chosen = _assign(keys, scores, weights, {})
    assert len(set(chosen.values())) == len(chosen) == len(LIGATURES)  # every reading once, all of them used
    assert chosen[keys[0]] == max(scores[keys[0]], key=scores[keys[0]].get)
    assert set(chosen) - set(keys[:DEFAULT_SEARCHED_GLYPHS])  # rarer glyphs were read too
