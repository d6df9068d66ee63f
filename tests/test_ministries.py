"""The ministry table and its three lookups. Expectations are the official names and codes of the
Rijksoverheid, and the spellings (including the typos) that occur in the 2020 analysis."""
from __future__ import annotations

import json

import pytest

from conftest import DATA
from rbtool.errors import UsageError
from rbtool.nl import ministries
from rbtool.nl.ministries import MINISTRIES, find_in_heading, find_in_text, fold, resolve


# ------------------------------------------------------------------------------------------- the table

def test_no_alias_names_two_ministries():
    seen: dict[str, str] = {}
    for m in MINISTRIES:
        for alias in (m.code, m.name, *m.aliases):
            assert seen.setdefault(fold(alias), m.code) == m.code, f"{alias!r}: {seen[fold(alias)]} and {m.code}"


def test_codes_are_unique_and_current_cabinet_is_present():
    codes = [m.code for m in MINISTRIES]
    assert len(codes) == len(set(codes))
    for code in ("AZ", "BZ", "BZK", "DEF", "EZK", "FIN", "IenW", "JenV", "LNV", "OCW", "SZW", "VWS",
                 "KGG", "VRO", "AenM"):
        assert code in codes


def test_names_of_different_ministries_are_further_apart_than_the_fuzzy_cutoff():
    """Otherwise a typo could land on the wrong ministry; the margin keeps "Binnenlandse"/"Buitenlandse" apart."""
    from rapidfuzz import fuzz

    names = [(fold(a), m.code) for m in MINISTRIES for a in (m.name, *m.aliases) if " " in a]
    for a, code_a in names:
        for b, code_b in names:
            if code_a != code_b:
                assert fuzz.ratio(a, b) < ministries.DEFAULT_NAME_CUTOFF, (a, b)


@pytest.mark.parametrize("typo, code", [("Binnenlands Zaken", "BZK"), ("Buitenlandse Zake", "BZ")])
def test_typos_of_near_twins_land_on_the_nearer(typo, code):
    assert resolve(typo).code == code


def test_full_name():
    assert ministries.by_code("FIN").full_name == "Ministerie van Financiën"


# ------------------------------------------------------------------------------------------- resolve

@pytest.mark.parametrize("value, code", [
    # codes in any case
    ("bzk", "BZK"), ("BZK", "BZK"), ("ienw", "IenW"), ("JENV", "JenV"), ("az", "AZ"), ("def", "DEF"),
    # official names, with and without diacritics and "Ministerie van"
    ("Binnenlandse Zaken en Koninkrijksrelaties", "BZK"), ("Financiën", "FIN"), ("financien", "FIN"),
    ("Ministerie van Volksgezondheid, Welzijn en Sport", "VWS"), ("Klimaat en Groene Groei", "KGG"),
    ("Asiel en Migratie", "AenM"), ("Volkshuisvesting en Ruimtelijke Ordening", "VRO"),
    # short names and former names of the same ministry
    ("Binnenlandse Zaken", "BZK"), ("BiZa", "BZK"), ("BuZa", "BZ"), ("EZ", "EZK"), ("EL&I", "EZK"),
    ("IenM", "IenW"), ("I&M", "IenW"), ("Infrastructuur en Milieu", "IenW"), ("VenJ", "JenV"),
    ("V&J", "JenV"), ("Veiligheid en Justitie", "JenV"), ("OCenW", "OCW"), ("Koninkrijksrelaties", "BZK"),
    ("Buitenlandse Handel en Ontwikkelingssamenwerking", "BZ"),
    # misspellings: the 2020 analysis writes IenV and EKZ; others are typing slips
    ("IenV", "IenW"), ("EKZ", "EZK"), ("SWZ", "SZW"), ("OCenV", "OCW"),
    ("Binnelandse Zaken en Koninkrijkrelaties", "BZK"), ("Volksgezondheid Welzijn en Sport", "VWS"),
    # a word that is in exactly one official name
    ("Landbouw", "LNV"), ("onderwijs", "OCW"),
])
def test_resolve(value, code):
    assert resolve(value).code == code


@pytest.mark.parametrize("value", ["", "xyz", "Zaken", "Klimaat", "LVV", "VNG", "De Koning", "Economie"])
def test_resolve_unknown_raises_usage_error_listing_codes(value):
    with pytest.raises(UsageError) as info:
        resolve(value)
    assert "BZK" in str(info.value) and "IenW" in str(info.value)


# ------------------------------------------------------------------------------------------- headings

@pytest.mark.parametrize("heading, code", [
    ("3.2 Binnenlandse Zaken en Koninkrijksrelaties", "BZK"),
    ("3.1 Financiën", "FIN"),
    ("3.5 Landbouw, Natuur en Voedselkwaliteit", "LNV"),
    ("Ministerie van Financiën", "FIN"),
    ("FINANCIËN", "FIN"),
    ("4.3. Sociale Zaken en Werkgelegenheid", "SZW"),
    ("Hoofdstuk VII Binnenlandse Zaken en Koninkrijksrelaties", "BZK"),
    ("Binnenlandse Zaken en Koninkrijksrelaties (BZK)", "BZK"),
    ("Defensie", "DEF"),
    ("3.1 Financiën (vervolg)", "FIN"),
])
def test_heading_naming_a_ministry(heading, code):
    assert find_in_heading(heading).code == code


@pytest.mark.parametrize("heading", [
    "2.6 Veiligheid", "2.3 Economie", "2.2 Duurzaamheid", "2.5 Sociaal domein", "1 Inleiding",
    "3 Samenvattingen Rijksbegroting per ministerie", "1.2 Goed georganiseerde en betaalbare zorg",
    "2.4 Arbeidsmarkt en onderwijs", "Hoofdstuk I De Koning", "Voorwoord", "Zaken", "",
    "Binnenlandse Zaken en Koninkrijksrelaties (OCW)",
])
def test_heading_not_naming_a_ministry(heading):
    assert find_in_heading(heading) is None


def test_every_ministry_heading_of_the_2020_truth():
    """Chapter 3 has one section per ministry; chapters 1 and 2 are thematic and name none."""
    truth = json.loads((DATA / "analyse-rijksbegroting-2020.truth.json").read_text(encoding="utf-8"))
    owner = {b["section"]: b["ministerie"] for b in truth["blocks"] if b["kind"] == "bullet"}
    for block in truth["blocks"]:
        if block["kind"] != "heading":
            continue
        found = find_in_heading(f'{block.get("number") or ""} {block["text"]}')
        assert (found.code if found else None) == owner.get(block.get("number")), block["text"]


# ------------------------------------------------------------------------------------------- prose

@pytest.mark.parametrize("text, codes", [
    ("het ministerie van IenW", ["IenW"]),
    ("De vertraagde investeringen bij de departementen Defensie en IenW", ["DEF", "IenW"]),
    ("krijgt jaarlijks 10 miljoen euro aan ontwikkelbudget vanuit EKZ.", ["EZK"]),  # typo in the 2020 text
    ("het ministerie van IenV", ["IenW"]),
    ("Ook OCenW en VWS, en daarna opnieuw OCW", ["OCW", "VWS"]),
    ("de minister van Binnenlandse Zaken en Koninkrijksrelaties; de minister van BZK", ["BZK"]),
    ("de Minister voor Medische Zorg en Sport en de minister van Justitie en Veiligheid", ["JenV"]),
    ("het ministerie van Financien", ["FIN"]),
    ("de minister van Economische\nZaken en Klimaat", ["EZK"]),  # a line break inside the name
])
def test_find_in_text(text, codes):
    assert [m.code for m in find_in_text(text)] == codes


@pytest.mark.parametrize("text", [
    "de financiën van gemeenten",  # a word, not the ministry
    "def fin az bzk",  # codes count only as written
    "het LVV-netwerk, VNG, UWV, SVB en DUO",  # other abbreviations, one letter from a code
    "De Brexit en de Europese Commissie",
])
def test_find_in_text_finds_nothing(text):
    assert find_in_text(text) == []
