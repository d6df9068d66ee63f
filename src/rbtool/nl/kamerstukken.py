"""Kamerstuk references: "Tweede Kamer, vergaderjaar 2019-2020, 35 300, nr.1" → kst-35300-1.

Parliamentary papers are cited in many hands: "Kamerstukken II, 2023/2024, 31 839, nr. 1024", "Kamerstuk 26 485,
nr. 432", "Kamerstukken ll 2023/24, 36 410 XVI, nr. 160" (two letters L for the Roman II), "Kamerstuk 29544,
Arbeidsmarktbeleid, nr. 834" (a dossier title between number and nr.), "25 424, nr. 679, nr. 684 en 685" (three
papers of one dossier), "35 300, Vaststelling van de begrotingsstaten van ... (VI) voor het jaar 2020, nr. 2"
(the chapter only in the official title). Each paper becomes one `Kamerstuk` with the identifier used by
officielebekendmakingen.nl: kst-<dossier>[-<chapter>]-<number>. Identifiers are strings: dossiers carry
chapters ("XVI") and suffixes ("21 501-20"), and Eerste Kamer papers are numbered with letters ("A").

A bare "Miljoenennota 2020" is the first paper of that year's budget dossier; MILJOENENNOTA_DOSSIERS maps the
years we know. For other years the paper is still a kamerstuk, with identifier "miljoenennota-<year>" and no url.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

URL_TEMPLATE = "https://zoek.officielebekendmakingen.nl/{identifier}.html"

# The budget (Miljoenennota) dossier of each budget year; the Miljoenennota itself is nr. 1 of it.
MILJOENENNOTA_DOSSIERS = {
    2019: "35000",
    2020: "35300",
    2021: "35570",
    2022: "35925",
    2023: "36200",
    2024: "36410",
    2025: "36600",
}

# How the two chambers are named in citations ("ll" is the Roman II typed with two letters L).
CHAMBER_PATTERNS = (
    ("TK", r"Tweede\s+Kamer|Kamerstukken\s+(?:II|ll)\b|Kamerstuk\s+(?:II|ll)\b|Handelingen\s+(?:II|ll)\b|\bTK\b"),
    ("EK", r"Eerste\s+Kamer|Kamerstukken\s+I\b|Kamerstuk\s+I\b|Handelingen\s+I\b|\bEK\b"),
)

MONTHS = ("januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december")

_SESSION = re.compile(r"\b((?:19|20)\d{2})\s*[-–/]\s*((?:19|20)?\d{2})\b")
_ROMAN = r"(?:[IVXL]+[A-Z]?)"
# A dossier: five digits, often written "35 300", with an optional suffix ("21 501-20") and chapter ("XVI").
_DOSSIER = re.compile(
    rf"(?<![\d.,/-])(?P<dossier>\d{{2}}[ \u00a0]?\d{{3}})(?P<suffix>-\d{{1,3}})?(?![\d.,]\d)"
    rf"(?:[ \u00a0]+(?P<chapter>{_ROMAN}|[A-Z])\b)?"
)
# Between dossier and number: a comma and optionally the dossier title ("Arbeidsmarktbeleid", "Vaststelling
# van de begrotingsstaten ... (VI) voor het jaar 2020"); it never crosses another source (";").
_NUMBER = re.compile(
    r"\s*,(?P<title>[^;]{0,200}?),?\s*(?P<nrs>\bnrs?\.?)\s*(?P<first>\d+|[A-Z]{1,2}\b)"
)
_NO_DATE = rf"(?!\s*(?:{MONTHS})\b)"
_MORE_NUMBERS = re.compile(
    rf"\s*(?:,\s*nrs?\.?\s*|\s+en\s+(?:nrs?\.?\s*)?|&\s*)(\d+){_NO_DATE}"
)
_MORE_AFTER_PLURAL = re.compile(rf"\s*,\s*(\d+){_NO_DATE}")
_TITLE_CHAPTER = re.compile(rf"\(({_ROMAN})\)\s+voor\s+het\s+jaar")
_MILJOENENNOTA = re.compile(r"\bMiljoenennota\s+((?:19|20)\d{2})\b")


@dataclass(frozen=True)
class Kamerstuk:
    dossier: str  # "35300", "21501-20"
    chapter: str | None  # "XVI", or None
    number: str | None  # "1", "A"; None for a Miljoenennota whose dossier we do not know
    chamber: str | None  # "TK" or "EK" when the citation says so
    session: str | None  # "2019-2020"
    title: str | None = None  # the dossier or paper title when the citation gives one
    year: int | None = None  # budget year of a bare "Miljoenennota 2020"

    @property
    def identifier(self) -> str:
        if self.number is None:
            return f"miljoenennota-{self.year}"
        parts = ["kst", self.dossier] + ([self.chapter] if self.chapter else []) + [self.number]
        return "-".join(parts)

    @property
    def url(self) -> str | None:
        return None if self.number is None else URL_TEMPLATE.format(identifier=self.identifier)


def normalise_session(text: str) -> str | None:
    """'2019-2020', '2019–2020', '2023/2024', '2023/24' → '2019-2020' style; None when there is no session."""
    match = _SESSION.search(text)
    if not match:
        return None
    first, second = int(match.group(1)), match.group(2)
    if len(second) == 2:
        second = str(first // 100 * 100 + int(second))
    if int(second) != first + 1:
        return None
    return f"{first}-{second}"


def chamber_of(text: str) -> str | None:
    for code, pattern in CHAMBER_PATTERNS:
        if re.search(pattern, text):
            return code
    return None


def _session_before(text: str) -> str | None:
    """The session year written before a dossier ("vergaderjaar 2019-2020", "2023/24")."""
    sessions = [normalise_session(m.group(0)) for m in _SESSION.finditer(text)]
    sessions = [s for s in sessions if s]
    return sessions[-1] if sessions else None


def parse_kamerstukken(text: str) -> list[Kamerstuk]:
    """Every Kamerstuk a citation names, in order; "25 424, nr. 679, nr. 684 en 685" gives three."""
    found: list[Kamerstuk] = []
    position = 0
    for match in _DOSSIER.finditer(text):
        if match.start() < position:
            continue
        number = _NUMBER.match(text, match.end())
        if not number:
            continue
        before = text[position:match.start()]
        chamber = chamber_of(before)
        session = _session_before(before)
        title = number.group("title").strip(" ,") or None
        chapter = match.group("chapter")
        if not chapter and title:
            in_title = _TITLE_CHAPTER.search(title)
            chapter = in_title.group(1) if in_title else None
        dossier = match.group("dossier").replace(" ", "").replace("\u00a0", "") + (match.group("suffix") or "")
        numbers = [number.group("first")]
        end = number.end()
        more = _MORE_AFTER_PLURAL if number.group("nrs").lower().startswith("nrs") else _MORE_NUMBERS
        while (extra := more.match(text, end)) or (extra := _MORE_NUMBERS.match(text, end)):
            numbers.append(extra.group(1))
            end = extra.end()
        for n in numbers:
            found.append(Kamerstuk(dossier, chapter, n, chamber, session, title))
        position = end
    if not found:
        for match in _MILJOENENNOTA.finditer(text):
            found.append(miljoenennota(int(match.group(1))))
    return found


def miljoenennota(year: int) -> Kamerstuk:
    """The Miljoenennota of a budget year: nr. 1 of that year's budget dossier when we know the dossier."""
    dossier = MILJOENENNOTA_DOSSIERS.get(year)
    return Kamerstuk(dossier or "", None, "1" if dossier else None, "TK", None, f"Miljoenennota {year}", year)


# Written questions and their answers (Aanhangsel van de Handelingen): each question and each answer opens
# with its label on a line of its own, "Vraag 3" / "Vragen 4 en 5" / "Antwoord 3" / "Antwoord op vraag 3".
_QA_LABEL = (r"^(?:Vra(?:ag|gen)|Antwoord(?:en)?(?:\s+op\s+vra(?:ag|gen))?)\s+\d+"
             r"(?:\s*(?:,|en|t/m|-|–)\s*\d+)*\s*:?")
QA_LABEL = re.compile(_QA_LABEL + "$")
# A block keeps its label as its first words ("Vraag 3 Bent u bekend …?"); the sentence after it opens with a
# capital (or a quotation mark or bracket before one).
QA_LABEL_OPENING = re.compile(_QA_LABEL + r"\s+(?=[«“‘\"'(]?[A-Z])")


def is_qa_label(text: str) -> bool:
    """Whether a line is the label of a written question or answer ("Vraag 3", "Antwoord op vragen 4 en 5")."""
    return QA_LABEL.match(text.strip()) is not None


def qa_label_end(text: str) -> int:
    """Where the text after a question's or answer's label begins, when the text opens with one ("Vraag 3
    Bent u …" → 8), else 0: the label heads its block and is no part of the first sentence."""
    match = QA_LABEL_OPENING.match(text)
    return match.end() if match else 0


# Their title page states what the questions are about, in the sentence that is also their official title
# (officielebekendmakingen.nl): "Vragen van het lid Sneller (D66) aan de Staatssecretaris van … over
# quantumproof encryptie (ingezonden 16 januari 2024)." The masthead above it ("Tweede Kamer der
# Staten-Generaal") is set larger, but names the chamber, not the paper.
QUESTIONS_TITLE = re.compile(rf"^Vragen\s+van\s+(?:het\s+lid|de\s+leden)\s.+?\(ingezonden\s+\d{{1,2}}\s+(?:{MONTHS})"
                             rf"\s+(?:19|20)\d{{2}}\)", re.DOTALL)


def questions_title(text: str) -> str | None:
    """The official title of written questions when `text` (a paragraph of their title page) states it."""
    match = QUESTIONS_TITLE.match(text.strip())
    return " ".join(match.group(0).split()) if match else None
