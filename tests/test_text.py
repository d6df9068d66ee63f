"""nl.text: the folding, word cutting and stemming that the search index and the query side share."""
from __future__ import annotations

import unicodedata

from rbtool.nl import text


def test_fold_removes_case_and_diacritics():
    assert text.fold("Geïntensiveerd") == "geintensiveerd"
    assert text.fold("FINANCIËLE") == "financiele"
    assert text.fold("creëren") == "creeren"
    assert text.fold("ﬁnanciën") == "financien"  # a ligature from a PDF font


def test_words_keep_spans_of_the_original_text():
    sentence = "Het fietsbeleid wordt geïntensiveerd, met 100 miljoen."
    found = text.words(sentence)
    assert [w.folded for w in found] == ["het", "fietsbeleid", "wordt", "geintensiveerd", "met", "100", "miljoen"]
    assert [sentence[w.start:w.end] for w in found][3] == "geïntensiveerd"


def test_decomposed_accents_stay_inside_the_word():
    decomposed = unicodedata.normalize("NFD", "financiële middelen")
    assert text.folded_words(decomposed) == ["financiele", "middelen"]


def test_hyphen_and_apostrophe_separate_words():
    assert text.folded_words("Financiële-verhoudingswet") == ["financiele", "verhoudingswet"]
    assert text.folded_words("regio’s") == ["regio", "s"]


def test_index_text_is_what_the_query_side_cuts():
    assert text.index_text("  De  Omgevingswet (2021)! ") == "de omgevingswet 2021"


def test_stemmer_joins_singular_and_plural():
    assert text.stem("woningen") == text.stem("woning")
    assert text.stem("investeringen") == text.stem("investering")
    assert text.stem("Financiële") == text.stem("financieel")


def test_inflected_forms_cover_what_the_stemmer_splits():
    assert text.stem("maatregelen") != text.stem("maatregel")  # why the table exists
    assert "maatregel" in text.inflected_forms("maatregelen")
    assert "maatregelen" in text.inflected_forms("maatregel")
    assert "deals" in text.inflected_forms("deal")


def test_inflected_forms_leave_verb_endings_and_short_words_alone():
    assert "ruimte" not in text.inflected_forms("ruim")
    assert "plant" not in text.inflected_forms("plan")
    assert "wegen" not in text.inflected_forms("weg")  # base shorter than MIN_INFLECTION_BASE


def test_surface_stems_use_the_unfolded_spelling():
    stems = text.surface_stems("De financiële middelen")
    assert stems["financiele"] == text.stem("financiële")


def test_stemmer_id_names_the_algorithm_and_version():
    assert text.stemmer_id().startswith("snowball-dutch/pystemmer-")
