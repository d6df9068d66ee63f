"""Classifying footnotes into sources, scored against hand labels (tests/data/footnote_labels.json)."""
import json

import pytest

from conftest import DATA
from rbtool import model
from rbtool.nl.sources import NEWSPAPERS, PUBLISHERS, classify_note, media_outlet, parse_date, publisher_of

KINDS = ("kamerstuk", "media", "report", "web", "crossref", "idem", "other")
TARGET = 0.95


@pytest.fixture(scope="module")
def classified(truth_2020):
    results, previous = {}, None
    for note in truth_2020.footnotes:
        previous = classify_note(note.text, previous=previous, sections=truth_2020.sections, notes=results)
        results[note.number] = previous
    return results


@pytest.fixture(scope="module")
def labels():
    return {n["number"]: n for n in json.loads((DATA / "footnote_labels.json").read_text(encoding="utf-8"))["notes"]}


def test_labels_cover_every_note(truth_2020, labels):
    assert sorted(labels) == [n.number for n in truth_2020.footnotes] == list(range(1, 110))


@pytest.mark.parametrize("kind", KINDS)
def test_kind_precision_and_recall_against_hand_labels(kind, classified, labels):
    expected = {n for n, label in labels.items() if kind in label["kinds"]}
    found = {n for n, refs in classified.items() if any(r.kind == kind for r in refs)}
    assert expected, kind
    recall = len(expected & found) / len(expected)
    precision = len(expected & found) / len(found) if found else 0.0
    assert recall >= TARGET and precision >= TARGET, (kind, sorted(expected - found), sorted(found - expected))


def test_identifiers_against_hand_labels(classified, labels):
    def got(number, kind):
        return {r.identifier for r in classified[number] if r.kind == kind and r.identifier}

    checked = wrong = 0
    for number, label in labels.items():
        for key, kind in (("kamerstukken", "kamerstuk"), ("urls", "web")):
            if key in label:
                checked += 1
                wrong += got(number, kind) != set(label[key])
        if "crossref" in label:
            checked += 1
            wrong += got(number, "crossref") != {label["crossref"]}
    assert checked == 30 and 1 - wrong / checked >= TARGET  # 15 kamerstuk, 10 web, 5 crossref notes


def test_kamervragen_note_kinds():
    notes = json.loads((DATA / "kamervragen_notes.json").read_text(encoding="utf-8"))["notes"]
    for note in notes:
        refs = classify_note(note["text"])
        assert sorted({r.kind for r in refs}) == sorted(note["kinds"]), note["number"]
        assert [r.identifier for r in refs if r.kind == "kamerstuk"] == note["kamerstukken"]
        assert [r.identifier for r in refs if r.kind == "web"] == note.get("urls", [])


def test_several_sources_separated_by_semicolons():
    text = ("C.A. de Kam en J.H.M. Donders, Onzekere zekerheden, Den Haag, 2014, blz. 158; CPB, Centraal Economisch "
            "Plan 2019, Den Haag, 2019, blz. 55; Bert van Dijk, “Eric Wiebes: welvaart op het spel”, in: Het "
            "Financieele Dagblad, 13 juli 2019, blz. 8")
    refs = classify_note(text)
    assert [r.kind for r in refs] == ["report", "report", "media"]
    assert refs[1].identifier == "CPB"
    assert (refs[2].identifier, refs[2].title, refs[2].date) == \
        ("Het Financieele Dagblad", "Eric Wiebes: welvaart op het spel", "2019-07-13")


def test_a_semicolon_inside_a_title_does_not_split():
    refs = classify_note("EIB, Stikstofproblematiek; effecten op realisatie van bouwprojecten, oktober 2021")
    assert [(r.kind, r.identifier) for r in refs] == [("report", "EIB")]


@pytest.mark.parametrize("name", sorted(NEWSPAPERS))
def test_every_newspaper_is_recognised(name):
    assert media_outlet(f"Jan Jansen, “Een kop”, in: {name}, 7 augustus 2019") == name


@pytest.mark.parametrize("name", sorted(PUBLISHERS))
def test_every_publisher_is_recognised(name):
    assert publisher_of(f"{name}, Een verkenning, Den Haag, april 2019") == name


def test_misspelt_names_are_recognised():
    assert media_outlet("Vasco van der Boon, “Kringloop”, in: Het Financieele Dagbad, 27 juni 2019") == \
        "Het Financieele Dagblad"
    assert publisher_of("Plaform31, Kennisdossier stedelijke vernieuwing") == "Platform31"


def test_ministries_and_universities_are_publishers_as_written():
    assert publisher_of("Ministerie van Volksgezondheid, Welzijn en Sport, Jaarbeeld 2017, 9 maart 2018") == \
        "Ministerie van Volksgezondheid, Welzijn en Sport"
    assert publisher_of("Drugscriminaliteit, Erasmus Universiteit, Rotterdam, mei 2019") == "Erasmus Universiteit"


@pytest.mark.parametrize("text, iso", [
    ("in: Het Financieele Dagblad, 7 augustus 2019, blz. 10", "2019-08-07"),
    ("Den Haag, april 2019", "2019-04"), ("Amsterdam, 2017", "2017"), ("geen datum", None),
])
def test_dates(text, iso):
    assert parse_date(text) == iso


def test_idem_repeats_the_previous_sources():
    previous = classify_note("Raad voor het Openbaar Bestuur, Herijking gemeentefonds. Briefadvies, Den Haag, "
                             "3 september 2019.")
    refs = classify_note("Raad voor het Openbaar Bestuur, idem.", previous=previous)
    assert [(r.kind, r.identifier, r.title) for r in refs] == [("idem", p.identifier, p.title) for p in previous]
    assert [r.kind for r in classify_note("Ibidem, blz. 4.")] == ["idem"]


def test_see_note_points_to_that_note():
    earlier = {12: [model.Reference("kamerstuk", "kst-35300-1")]}
    assert [(r.kind, r.identifier) for r in classify_note("Zie noot 12.", notes=earlier)] == \
        [("idem", "kst-35300-1")]
    assert [(r.kind, r.identifier) for r in classify_note("Zie noot 12.")] == [("idem", "12")]


def test_crossref_takes_the_section_title(truth_2020):
    ref, = classify_note("Zie ook paragraaf 2.6 ‘Veiligheid’.", sections=truth_2020.sections)
    assert (ref.kind, ref.identifier, ref.title) == ("crossref", "2.6", "Veiligheid")


def test_explanation_without_source_is_other():
    text = "Gemeenten maken hierdoor extra kosten en verliezen inkomsten."
    assert [(r.kind, r.title) for r in classify_note(text)] == [("other", text)]
