"""Kamerstuk references in the ways they are written; expectations read from the citations themselves."""
import json

import pytest

from conftest import DATA
from rbtool.nl.kamerstukken import Kamerstuk, normalise_session, parse_kamerstukken, qa_label_end


@pytest.mark.parametrize("citation, identifiers", [
    ("Tweede Kamer, vergaderjaar 2019-2020, 35 300, nr.1, Miljoenennota 2020, blz. 10.", ["kst-35300-1"]),
    ("Kamerstukken II, 2023/2024, 31 839, nr. 1024", ["kst-31839-1024"]),
    ("Kamerstuk 26 485, nr. 432", ["kst-26485-432"]),
    ("Kamerstukken ll 2023/24, 36 410 XVI, nr. 160", ["kst-36410-XVI-160"]),
    ("Kamerstuk 29544, Arbeidsmarktbeleid, nr. 834, 19 juni 2018.", ["kst-29544-834"]),
    ("Kamerstukken II, 25 424, nr. 679, nr. 684 en 685, en het IZA midterm review",
     ["kst-25424-679", "kst-25424-684", "kst-25424-685"]),
    ("Kamerstukken II, 2022/2023, 31 839, nr 874", ["kst-31839-874"]),
    ("Tweede Kamer, vergaderjaar 2020-2021, 35 570 B, nr. 2, Memorie van toelichting", ["kst-35570-B-2"]),
    ("Begroting ministerie van Justitie en Veiligheid, Tweede Kamer der Staten-Generaal, vergaderjaar 2019–2020, "
     "35 300, Vaststelling van de begrotingsstaten van het Ministerie van Justitie en Veiligheid (VI) voor het "
     "jaar 2020, nr. 2, blz. 40.", ["kst-35300-VI-2"]),
    ("Kamerstukken I 2019/20, 21 501-20, nrs. 12, 13 en 14", ["kst-21501-20-12", "kst-21501-20-13",
                                                             "kst-21501-20-14"]),
    ("Miljoenennota 2020.", ["kst-35300-1"]),
])
def test_citation_forms_give_identifiers(citation, identifiers):
    assert [k.identifier for k in parse_kamerstukken(citation)] == identifiers


@pytest.mark.parametrize("text", [
    "C.A. de Kam, Onzekere zekerheden, Den Haag, 2014, blz. 158-163, 249-252, 258",
    "bijna 67.000 nieuwe woningen en 13.000 kleine nieuwe woningen",
    "Contouren breed offensief, kenmerk 2728693, bijlage, 18 oktober 2019.",
    "Raad van State, no. W06.19.0195/III, ’s-Gravenhage, 10 september 2019, blz. 7-11.",
    "Tweede Kamer, vergaderjaar 2019-2020",
])
def test_numbers_that_are_not_kamerstukken(text):
    assert parse_kamerstukken(text) == []


def test_parts_of_a_reference():
    paper, = parse_kamerstukken("Kamerstukken ll 2023/24, 36 410 XVI, nr. 160")
    assert (paper.dossier, paper.chapter, paper.number, paper.chamber, paper.session) == \
        ("36410", "XVI", "160", "TK", "2023-2024")
    assert paper.url == "https://zoek.officielebekendmakingen.nl/kst-36410-XVI-160.html"
    first, = parse_kamerstukken("Eerste Kamer, vergaderjaar 2019-2020, 35 300, nr. 3")
    assert (first.chamber, first.session, first.identifier) == ("EK", "2019-2020", "kst-35300-3")
    assert isinstance(first.dossier, str) and isinstance(first.number, str)


def test_miljoenennota_of_an_unknown_year_has_no_url():
    paper, = parse_kamerstukken("Miljoenennota 2031, blz. 4")
    assert paper.identifier == "miljoenennota-2031" and paper.url is None
    assert Kamerstuk("35300", None, "1", "TK", None).identifier == "kst-35300-1"


@pytest.mark.parametrize("written, session", [
    ("vergaderjaar 2019-2020", "2019-2020"), ("vergaderjaar 2019–2020", "2019-2020"),
    ("2023/2024", "2023-2024"), ("2023/24", "2023-2024"), ("1999/00", None), ("2012-2018", None),
])
def test_session_years(written, session):
    assert normalise_session(written) == session


def test_kamervragen_notes_name_nine_references_to_eight_papers():
    notes = json.loads((DATA / "kamervragen_notes.json").read_text(encoding="utf-8"))["notes"]
    assert len(notes) == 17
    found = []
    for note in notes:
        identifiers = [k.identifier for k in parse_kamerstukken(note["text"])]
        assert identifiers == note["kamerstukken"], note["number"]
        found += identifiers
    assert len(found) == 9 and len(set(found)) == 8


def test_the_official_title_of_written_questions():
    from rbtool.nl.kamerstukken import questions_title

    text = ("Vragen van de leden Van Dijk en Jansen (SP) aan de Minister van Financiën over de\nbankenbelasting "
            "(ingezonden 3 maart 2021).")
    assert questions_title(text) == ("Vragen van de leden Van Dijk en Jansen (SP) aan de Minister van Financiën "
                                     "over de bankenbelasting (ingezonden 3 maart 2021)")
    assert questions_title("Antwoord van Staatssecretaris Van Huffelen (ontvangen 7 maart 2024).") is None
    assert questions_title("Vragen van het lid Sneller over encryptie.") is None  # no date of submission


@pytest.mark.parametrize("text,end", [("Vraag 3 Bent u bekend met de wet?", 8), ("Antwoord 1 Ja, dat klopt.", 11),
                                      ("Vragen 4 en 5 «Klopt het", 14), ("Antwoord op vraag 3: Nee.", 21),
                                      ("Vraag 3 en verder", 0), ("Antwoord van Staatssecretaris Van Huffelen", 0)])
def test_a_question_or_answer_label_opening_a_block(text, end):
    assert qa_label_end(text) == end
