"""Money amounts. Expectations come from the 2020 truth file and from reading the phrases (the euro value
of "1.068 miljoen euro" is 1 068 000 000 by the rules of Dutch number writing, not by running the parser)."""
from __future__ import annotations

import json
import re

import pytest

from conftest import DATA
from rbtool.errors import UsageError
from rbtool.nl.money import format_eur, parse_amounts, parse_min_amount, parse_unit

MARKER = re.compile(r"\[\^\d+\]")


def truth_measures():
    truth = json.loads((DATA / "analyse-rijksbegroting-2020.truth.json").read_text(encoding="utf-8"))
    return [b for b in truth["blocks"] if b["kind"] == "bullet" and "amounts" in b]


def amounts_of(bullet):
    """The amounts of a measure: its text and its sub-items, as the truth counts them."""
    return [a for text in [bullet["text"], *bullet["subitems"]] for a in parse_amounts(MARKER.sub("", text))]


# ------------------------------------------------------------------------------------------- the truth

def test_every_truth_amount_parsed_to_its_euro_value():
    measures = truth_measures()
    assert sum(len(b["amounts"]) for b in measures) == 62  # the corpus README's count
    wrong = []
    for bullet in measures:
        got = amounts_of(bullet)
        want = sorted((a["eur"] is None, a["eur"] or 0) for a in bullet["amounts"])
        if sorted((a.eur is None, a.eur or 0) for a in got) != want:
            wrong.append((bullet["text"][:60], [a["raw"] for a in bullet["amounts"]], [a.raw for a in got]))
    assert wrong == []


def test_truth_raw_phrase_is_inside_the_parsed_phrase():
    """The raw phrase keeps qualifiers ("jaarlijks circa 95 miljoen euro"), so it contains the truth's."""
    for bullet in truth_measures():
        got = [a.raw for a in amounts_of(bullet)]
        for amount in bullet["amounts"]:
            assert any(amount["raw"] in raw for raw in got), (amount["raw"], got)


def test_no_amounts_where_the_truth_has_none():
    for bullet in truth_measures():
        if not bullet["amounts"]:
            assert amounts_of(bullet) == [], bullet["text"][:80]


# ------------------------------------------------------------------------------------------- phrases

@pytest.mark.parametrize("text, raw, eur, period", [
    ("een bouwimpuls van 2 miljard euro.", "2 miljard euro", 2_000_000_000, None),
    ("250 miljoen euro per jaar", "250 miljoen euro per jaar", 250_000_000, "per_year"),
    ("Het accres van tranche 2019 bedraagt 1.068 miljoen euro.", "1.068 miljoen euro", 1_068_000_000, None),
    ("Rijk en NAM investeren 1,15 miljard in Groningen.", "1,15 miljard", 1_150_000_000, None),
    ("een subsidie van € 4,5 mln voor gemeenten", "€ 4,5 mln", 4_500_000, None),
    ("maximaal € 100.000 per aanvraag", "maximaal € 100.000", 100_000, None),
    ("Er komt een woningbouwimpuls van een miljard beschikbaar", "een miljard", 1_000_000_000, None),
    ("er gaat honderd miljoen naar de regio's als extra middelen", "honderd miljoen", 100_000_000, None),
    ("een heffingsvermindering van structureel 100 miljoen per jaar in de verhuurderheffing",
     "structureel 100 miljoen per jaar", 100_000_000, "per_year"),
    ("Het eerste miljard wordt uitgesmeerd over 4 jaar, 250 miljard euro per jaar, en komt",  # typo kept
     "250 miljard euro per jaar", 250_000_000_000, "per_year"),
    ("De kinderbijslag wordt per 2020 met 17,50 dollar extra verhoogd.", "17,50 dollar", None, None),
    ("In 2020 wordt bijna 500 miljoen euro meer aan kindgebonden budget uitgekeerd",
     "bijna 500 miljoen euro", 500_000_000, "once"),
    ("waarmee jaarlijks circa 95 miljoen euro is gemoeid", "jaarlijks circa 95 miljoen euro", 95_000_000,
     "per_year"),
    ("meer dan 50.000 euro per patiënt per jaar", "meer dan 50.000 euro per patiënt per jaar", 50_000, "per_year"),
    ("Hiervoor is 100 miljoen euro structureel beschikbaar.", "100 miljoen euro structureel", 100_000_000,
     "per_year"),
    ("de overheveling te laten oplopen tot 100 miljoen euro.", "tot 100 miljoen euro", 100_000_000, None),
    ("In 2020 is 38,8 miljoen euro extra gereserveerd.", "38,8 miljoen euro", 38_800_000, "once"),
    ("Voor schooljaar 2019–2020 is er 333,5 miljoen euro beschikbaar", "333,5 miljoen euro", 333_500_000, "once"),
    ("een pakje sigaretten wordt 1 euro duurder", "1 euro", 1, None),
    ("gemiddeld zo’n 990 euro per jaar méér", "zo’n 990 euro per jaar", 990, "per_year"),
    ("is 16 miljoen vrijgemaakt om", "16 miljoen", 16_000_000, None),
    ("tweehonderd miljoen euro", "tweehonderd miljoen euro", 200_000_000, None),
    ("anderhalf miljard euro", "anderhalf miljard euro", 1_500_000_000, None),
    ("een budget van EUR 2,5 mld.", "EUR 2,5 mld.", 2_500_000_000, None),
    ("Corporaties kunnen honderd miljoen korting krijgen", "honderd miljoen", 100_000_000, None),
])
def test_phrase(text, raw, eur, period):
    amounts = parse_amounts(text)
    assert [(a.raw, a.eur, a.period) for a in amounts] == [(raw, eur, period)]


def test_several_amounts_in_order_and_years_between_them_are_not_amounts():
    text = ("tussen 2020 en 2024 100 miljoen beschikbaar is; in 2020 20 miljoen euro voor gemeenten en "
            "vanaf 2021 vier keer 200 miljoen euro.")
    assert [a.eur for a in parse_amounts(text)] == [100_000_000, 20_000_000, 200_000_000]


def test_rijksbegroting_prose_with_euro_signs():
    """Rijksbegroting 2019, chapter I (tests/pdfs/rijksbegroting-2019-hoofdstuk-I-de-koning.pdf)."""
    text = ("Op jaarbasis bedraagt de uitkering voor de vermoedelijke opvolger van de Koning in totaal "
            "€ 1.559.000, waarvan € 275.000 de A-component (de inkomenscomponent) en € 1.284.000 de "
            "B-component (voor personele en materiële uitgaven) betreft. Naar rato vanaf de datum van "
            "7 december 2021 betekent dit een grondwettelijke uitkering van € 105.000 in het jaar 2021, "
            "waarvan € 18.000 de A-component en € 87.000 de B-component betreft.")
    amounts = parse_amounts(text)
    assert [a.eur for a in amounts] == [1_559_000, 275_000, 1_284_000, 105_000, 18_000, 87_000]
    assert amounts[0].raw == "in totaal € 1.559.000"


@pytest.mark.parametrize("text", [
    "BZK stimuleert om jaarlijks 75.000 nieuwe woningen te bouwen met extra geld",
    "In Nederland zijn 2,5 miljoen mensen laaggeletterd, ondanks extra middelen.",
    "de winning te beperken tot maximaal 12 miljard Nm3 in een jaar met extra kosten",
    "Op deze wijze kan 3 miljoen ton CO2 uitstoot worden voorkomen, met subsidie.",
    "In 2040 zijn er 2,6 miljoen 75-plussers; het budget stijgt.",
    "het bbp neemt in 2020 toe met 1,5 procent per jaar",
    "het minimumloon stijgt met 5 procent; 2,9 %",
    "circa 200.000 mensen per jaar kunnen aanspraak maken op het budget",
    "Het eerste miljard wordt uitgesmeerd",  # no number
    "honderden miljoenen euro’s tekorten",  # no number
    "tussen 1970 en 2007 nam de productiviteit toe",
    "100 miljoen",  # a bare number with no money anywhere in its sentence
    "bedragen x € 1.000",  # a table unit, not an amount
])
def test_not_an_amount(text):
    assert parse_amounts(text) == []


# ------------------------------------------------------------------------------------------- units

@pytest.mark.parametrize("text, unit", [
    ("bedragen x € 1.000", 1000),
    ("(bedragen × € 1 mln)", 1_000_000),
    ("x 1.000 euro", 1000),
    ("Tabel 2 Budgettaire gevolgen van beleid", None),
])
def test_parse_unit(text, unit):
    assert parse_unit(text) == unit


# ------------------------------------------------------------------------------------------- display

@pytest.mark.parametrize("eur, text", [
    (1_150_000_000, "€ 1,15 mld"), (2_000_000_000, "€ 2 mld"), (1_068_000_000, "€ 1,068 mld"),
    (250_000_000, "€ 250 mln"), (38_800_000, "€ 38,8 mln"), (11_750_000, "€ 11,75 mln"),
    (100_000, "€ 100.000"), (990, "€ 990"), (-30_000_000, "-€ 30 mln"), (None, ""),
])
def test_format_eur(eur, text):
    assert format_eur(eur) == text


# ------------------------------------------------------------------------------------------- CLI values

@pytest.mark.parametrize("value, eur", [
    ("100m", 100_000_000), ("100mln", 100_000_000), ("1.5mld", 1_500_000_000), ("1,5 mld", 1_500_000_000),
    ("2 miljard", 2_000_000_000), ("250000", 250_000), ("250.000", 250_000), ("€ 100 mln", 100_000_000),
    ("100k", 100_000), ("3 MLN", 3_000_000),
])
def test_parse_min_amount(value, eur):
    assert parse_min_amount(value) == eur


@pytest.mark.parametrize("value", ["", "abc", "10 foo", "-5m", "1..5m", "m100"])
def test_parse_min_amount_rejects_junk(value):
    with pytest.raises(UsageError):
        parse_min_amount(value)


# ------------------------------------------------------------------------------------------- roles
# One row per rule kind of rbtool.nl.money (the hand-labelled editions are scored in test_amount_roles.py).

@pytest.mark.parametrize("text, ministry, role, period, qualifiers", [
    # macro: an economy- or government-wide figure in the sentence
    ("De staatsschuld daalt naar 400 miljard euro.", None, "macro", None, ["staatsschuld"]),
    ("De onderuitputting bij het Rijk (2,2 miljard euro in 2018) drukt het accres.", None, "macro", None,
     ["onderuitputting"]),
    # change: a comparison right after the amount, or a change word in the clause
    ("Dat is 218 miljoen euro minder ten opzichte van de eerste suppletoire begroting.", None, "change", None,
     ["minder ten opzichte van"]),
    ("Dit is 39 miljoen euro meer dan eerder geraamd.", None, "change", None, ["meer dan"]),
    ("Het is een negatieve bijstelling van 30 miljoen euro.", None, "change", None, ["bijstelling"]),
    ("Het accres van tranche 2020 bedraagt 114 miljoen euro.", None, "change", None, ["accres"]),
    # per unit: "per <unit>", a small sum nobody allocates, a threshold among per-unit figures
    ("een toeslag van 20 euro per kind per maand", None, "per_unit", None, ["per kind", "per maand"]),
    ("een minimumuurtarief van 16 euro", None, "per_unit", None, []),
    ("gemiddeld zo’n 990 euro per jaar méér", None, "per_unit", "per_year", ["zo’n", "per jaar"]),
    ("een eenmalige zorgbonus van 1.000 euro netto", None, "per_unit", "once", ["eenmalige"]),
    # other: a part of an amount already named, a proposal, another ministry's responsibility
    ("Hiervan is 4 miljoen euro bestemd voor het mbo.", None, "other", None, ["hiervan"]),
    ("Zij werken aan een voorstel om dit te laten oplopen tot 100 miljoen euro.", None, "other", None,
     ["tot", "voorstel om"]),
    ("Het programma, waarmee het Rijk 1,15 miljard euro investeert, komt onder de verantwoordelijkheid van "
     "de minister van BZK.", "EZK", "other", None, ["verantwoordelijkheid BZK"]),
    ("Het programma, waarmee het Rijk 1,15 miljard euro investeert, komt onder de verantwoordelijkheid van "
     "de minister van BZK.", "BZK", "budget", None, []),
    # budget, with its period
    ("Het kabinet trekt 150 miljoen euro uit voor snellaadpunten.", None, "budget", None, []),
    ("een subsidie van 500.000 euro is beschikbaar voor dorpshuizen", None, "budget", None, []),
    ("Het kabinet stelt vanaf 2021 vier keer 200 miljoen euro beschikbaar.", None, "budget", "per_year",
     ["vier keer", "vanaf 2021"]),
    ("Hiervoor is 100 miljoen euro structureel beschikbaar.", None, "budget", "per_year", ["structureel"]),
    ("Er is eenmalig (voor 2019 en 2020) een bedrag van 80 miljoen euro vrijgemaakt.", None, "budget", "once",
     ["eenmalig"]),
    ("Het kabinet heeft incidenteel 80 miljoen euro beschikbaar gesteld.", None, "budget", "once",
     ["incidenteel"]),
    ("Het kabinet trekt tot 2030 in totaal 5 miljard euro uit.", None, "budget", "multi_year",
     ["in totaal", "tot 2030"]),
    ("waarvoor tussen 2020 en 2024 100 miljoen beschikbaar is", None, "budget", "multi_year",
     ["tussen 2020 en 2024"]),
    ("Het kabinet investeert 1 miljard euro in 2019, 2020 en 2021 extra.", None, "budget", "multi_year",
     ["in 2019, 2020 en 2021"]),
    ("Er komt in 2020 134 miljoen euro extra beschikbaar.", None, "budget", "once", ["in 2020"]),
    ("In 2020 besluit OCW. Er komt 29 miljoen euro extra.", None, "budget", None, []),  # another sentence's year
    # Rijksbegroting 2019, chapter I (tests/pdfs/rijksbegroting-2019-hoofdstuk-I-de-koning.pdf)
    ("Op jaarbasis bedraagt de uitkering in totaal € 1.559.000.", None,
     "budget", "per_year", ["in totaal", "op jaarbasis"]),
])
def test_role_period_and_qualifiers(text, ministry, role, period, qualifiers):
    [amount] = parse_amounts(text, ministry)
    assert (amount.role, amount.period, list(amount.qualifiers)) == (role, period, qualifiers)


@pytest.mark.parametrize("eur, text", [(1_900_000_000, "+€ 1,9 mld"), (-250_000_000, "−€ 250 mln"), (0, "±€ 0")])
def test_format_eur_change(eur, text):
    from rbtool.nl.money import format_eur_change

    assert format_eur_change(eur) == text
