"""Classify a footnote into the sources it cites (model.Reference).

A note is split into sources at "; " (when a new source follows: a capital or a quote), after a citation that
ends in a number ("..., 2012. Wetenschappelijke Raad ...") and between two quoted titles joined by "en". Each
source becomes a reference of one kind:

- kamerstuk: a dossier number (nl.kamerstukken), a Miljoenennota of a year, a letter to the Kamer, a budget
- media:     a newspaper, magazine, news site, broadcast or blog from NEWSPAPERS; `identifier` the canonical name,
             `title` the quoted article title, `date` ISO ("7 augustus 2019" → "2019-08-07")
- report:    any other publication that looks like a citation (a publisher from PUBLISHERS with a title, or a
             place and year, a date, page numbers); `identifier` the canonical publisher or None, `title` the
             quoted title, else the citation itself
- web:       every URL of the note, one reference each (`identifier` = `url` = the URL); a report cited with its
             URL gives both a report and a web reference
- crossref:  "Zie ook paragraaf 2.1 ‘...’": `identifier` the section number, `title` the section's title
- idem:      "Idem", "Ibidem", "Raad voor het Openbaar Bestuur, idem.", "Zie noot 12": the references of the note
             pointed to, copied with kind "idem" (identifier, url, title and date kept, so counting sources still
             counts the publication); without them a single idem reference whose identifier is the note number
             when the text names one
- other:     nothing above; one reference with the note text as title

Explanation in a note ("Dit betreft een alleenstaande ...") adds no reference.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

from rbtool import model
from rbtool.nl import kamerstukken

# Newspapers, magazines, broadcasters and news sites: canonical name → pattern (case-sensitive unless (?i)).
NEWSPAPERS: dict[str, str] = {
    "Het Financieele Dagblad": r"(?i:(?:het\s+)?financi[eë]{1,2}le\s+dagbla?d)|\bFD\b",
    "de Volkskrant": r"(?i:\bvolkskrant\b)",
    "Trouw": r"\bTrouw\b",
    "NRC Handelsblad": r"\bNRC(?:\s+Handelsblad|\s+Next)?\b",
    "Algemeen Dagblad": r"(?i:\balgemeen\s+dagblad\b|\bAD\.nl\b)",
    "Het Parool": r"\bParool\b",
    "De Telegraaf": r"\bTelegraaf\b",
    "Binnenlands Bestuur": r"(?i:\bbinnenlands\s+bestuur\b)",
    "NOS": r"\bNOS\b",
    "Nieuwsuur": r"\bNieuwsuur\b",
    "NU.nl": r"(?i:\bnu\.nl\b)",
    "RTL Nieuws": r"\bRTL\s+Nieuws\b",
    "KRO-NCRV": r"\bKRO-?NCRV\b",
    "Follow the Money": r"(?i:\bfollow\s+the\s+money\b)|\bFTM\b",
    "ESB": r"\bESB\b|(?i:economisch[-\s]statistische\s+berichten)",
    "Cobouw": r"(?i:\bcobouw\b)",
    "De Correspondent": r"\bDe\s+Correspondent\b",
    "De Groene Amsterdammer": r"(?i:\bgroene\s+amsterdammer\b)",
    "Elsevier Weekblad": r"\bElsevier(?:\s+Weekblad)?\b|\bEW\s+Magazine\b",
    "Vrij Nederland": r"\bVrij\s+Nederland\b",
    "Sociale Vraagstukken": r"(?i:(?:tijdschrift\s+voor\s+)?sociale\s+vraagstukken)",
    "STADSzaken": r"(?i:\bstadszaken\b)",
    "Skipr": r"\bSkipr\b",
    "Zorgvisie": r"\bZorgvisie\b",
    "Me Judice": r"\bMe\s+Judice\b",
}
# A blog post is media too; its name follows the word ("blog Ruimtevolk").
BLOG = re.compile(r"\bblog(?:\s+([A-Z][\w.-]+))?", re.IGNORECASE)

# Publishers of reports, advice and statistics: canonical name → pattern.
PUBLISHERS: dict[str, str] = {
    "CPB": r"\bCPB\b|Centraal\s+Planbureau",
    "SCP": r"\bSCP\b|Sociaal[-\s]+(?:en\s+)?Cultureel\s+Planbureau",
    "PBL": r"\bPBL\b|Planbureau\s+voor\s+de\s+Leefomgeving",
    "CBS": r"\bCBS\b|Centraal\s+Bureau\s+voor\s+de\s+Statistiek",
    "Rli": r"\bRli\b|Raad\s+voor\s+de\s+leefomgeving\s+en\s+infrastructuur",
    "ROB": r"\bROB\b|Raad\s+voor\s+het\s+Openbaar\s+Bestuur",
    "Raad van State": r"Raad\s+van\s+State",
    "Algemene Rekenkamer": r"Algemene\s+Rekenkamer",
    "WRR": r"\bWRR\b|Wetenschappelijke\s+Raad\s+voor\s+het\s+Regeringsbeleid",
    "SER": r"\bSER\b|Sociaal[-\s]Economische\s+Raad",
    "EIB": r"\bEIB\b|Economisch\s+Instituut\s+voor\s+de\s+Bouw",
    "RIVM": r"\bRIVM\b|Rijksinstituut\s+voor\s+Volksgezondheid\s+en\s+Milieu",
    "WODC": r"\bWODC\b",
    "Onderwijsraad": r"\bOnderwijsraad\b",
    "Gezondheidsraad": r"\bGezondheidsraad\b",
    "OECD": r"\bOECD\b|\bOESO\b",
    "World Economic Forum": r"World\s+Economic\s+Forum",
    "VNG": r"\bVNG\b|Vereniging\s+van\s+Nederlandse\s+Gemeenten",
    "IPO": r"\bIPO\b|Interprovinciaal\s+Overleg",
    "Aedes": r"\bAedes\b",
    "Platform31": r"\bPlatform\s?31\b",
    "Divosa": r"\bDivosa\b",
    "Pharos": r"\bPharos\b",
    "NZa": r"\bNZa\b",
    "Rijksoverheid": r"\bRijksoverheid\b",
    "Inspectie der Rijksfinanciën": r"Inspectie\s+der\s+Rijksfinanci[eë]n",
    "College van Rijksadviseurs": r"College\s+van\s+Rijksadviseurs",
    "McKinsey": r"\bMcKinsey\b",
    "PwC": r"\bPwC\b",
}
# Publishers named by a pattern rather than a list: the name as written is the identifier.
GENERIC_PUBLISHERS = (
    r"(?i:\bministerie\s+van)\s+[A-Z]\w+(?:\s+[A-Z]\w+)?"  # "... van Volksgezondheid, Welzijn en Sport"
    r"(?:(?:,\s+[A-Z]\w+(?:\s+[A-Z]\w+)?)*\s+en\s+[A-Z]\w+(?:\s+[A-Z]\w+)?)?",
    r"\b(?:[A-Z]\w+\s+)?Universiteit(?:\s+(?:van\s+)?[A-Z]\w+)?|\bUniversity\s+of\s+[A-Z]\w+",
)
# compiled once: classifying a note tries every pattern of the tables; one alternation of all of them first
# tells whether any can match, so the common source that names no newspaper costs one search, not forty
_NEWSPAPER_PATTERNS = [(name, re.compile(pattern)) for name, pattern in NEWSPAPERS.items()]
_ANY_NEWSPAPER = re.compile("|".join(f"(?:{pattern})" for pattern in NEWSPAPERS.values()))
_PUBLISHER_PATTERNS = [(name, re.compile(pattern)) for name, pattern in PUBLISHERS.items()]
_GENERIC_PUBLISHER_PATTERNS = [re.compile(pattern) for pattern in GENERIC_PUBLISHERS]
# Words that name a kind of publication; with a publisher they make a citation of a short mention.
DOCUMENT_WORDS = re.compile(
    r"(?i)\b(?:rapport\w*|report|\w*advies|nota|notitie|verkenning|jaarbericht|jaarverslag|factsheet|"
    r"kennisdossier|publicatie|onderzoek|handboek|essay|statline|monitor|\w*brief|\w*rapportage|strategie)\b"
)
# A source reads as a citation without a known publisher when it has one of these.
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december")
_MONTH = "|".join(MONTHS)
_FULL_DATE = re.compile(rf"(?i)\b(\d{{1,2}})\s+({_MONTH})\s+((?:19|20)\d{{2}})\b")
_MONTH_YEAR = re.compile(rf"(?i)\b({_MONTH})\s+((?:19|20)\d{{2}})\b")
_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")
CITATION_SIGNS = re.compile(
    rf"(?i)\bin:\s|,\s*(?:\d{{1,2}}\s+)?(?:(?:{_MONTH})\s+)?(?:19|20)\d{{2}}\b|\((?:19|20)\d{{2}}\)|"
    rf"\b(?:blz|p)\.\s*\d|\b(?:{_MONTH})\s+(?:19|20)\d{{2}}\b"
)
DEFAULT_SHORT_MENTION_WORDS = 6  # "CBS.", "CBS Statline": a publisher named alone is a citation
DEFAULT_FUZZY_NAME_SCORE = 90  # rapidfuzz ratio for a misspelt name ("Dagbad", "Plaform31")

URL = re.compile(r"(?:https?://|www\.)[^\s<>()“”\"',;]*[^\s<>()“”\"',;.:]", re.IGNORECASE)
_BROKEN_URL = re.compile(r"(https?://)\s+")  # a URL broken after "//" at a line end
_QUOTED = re.compile(r"“([^”]+)”|«([^»]+)»|‘([^’]+(?:’\w[^’]*)*)’|\"([^\"]+)\"")
_CROSSREF = re.compile(r"(?i)\b(?:paragraaf|par\.|§|hoofdstuk|sectie)\s*(\d+(?:\.\d+)*)\b")
_IDEM = re.compile(r"(?i)^\W*(?:idem|ibidem|ibid)\b|\b(?:idem|ibidem|ibid)\W*$")
_SEE_NOTE = re.compile(r"(?i)\bzie\s+(?:ook\s+)?(?:voet)?noot\s+(\d+)\b")
_LETTER = re.compile(r"(?i)\bkamerbrief\b|\bbrief\s+aan\s+(?:de\s+)?(?:tweede|eerste)\s+kamer\b")
_BUDGET = re.compile(r"\bRijksbegroting\b|^\W*(?:Inleiding\s+)?[Bb]egroting\b")
_SEE = re.compile(r"(?i)^\W*zie\s*(?:ook|bijvoorbeeld|voor)?\s*:?\s*")
_PAGES = re.compile(r"(?i),?\s*\b(?:blz|p)\.\s*\d[\d\s,–-]*(?:en\s+\d+)?\s*$")
_NEW_SOURCE = r"(?=[A-Z“‘\"«])"
_SOURCE_BREAKS = re.compile(rf";\s+{_NEW_SOURCE}|(?<=\d)\.\s+{_NEW_SOURCE}|\s+en\s+(?=[“\"])")
# A citation is complete when it ends in ", 2012", ", 2 maart 2019" or page numbers ("blz. 11", "p.18, 19").
_CITATION_END = re.compile(
    rf"(?i)(?:,\s*(?:\d{{1,2}}\s+)?(?:(?:{_MONTH})\s+)?(?:19|20)\d{{2}}|\b(?:blz|p)\.\s*\d[\d\s,–-]*(?:en\s+\d+)?)$")


def classify_note(text: str, *, previous: list[model.Reference] | None = None,
                  sections: Iterable[model.Section] | None = None,
                  notes: Mapping[int, list[model.Reference]] | None = None) -> list[model.Reference]:
    """The sources one footnote cites, in the order they are written.

    previous: references of the note before (for "idem"); notes: references of earlier notes by number
    (for "zie noot 12"); sections: the document's sections (to give a cross-reference its title).
    """
    text = _BROKEN_URL.sub(r"\1", re.sub(r"\s+", " ", text or "")).strip()
    idem = _idem(text, previous, notes)
    if idem is not None:
        return idem
    found: list[tuple[int, model.Reference]] = []
    for match in URL.finditer(text):
        found.append((match.start(), model.Reference("web", match.group(0), match.group(0))))
    rest = URL.sub(lambda m: " " * len(m.group(0)), text)  # blanked, so offsets still order the sources
    for match in _CROSSREF.finditer(rest):
        found.append((match.start(), _crossref(match.group(1), rest[match.end():], sections)))
        title = _QUOTED.match(rest[match.end():].lstrip())
        end = match.end() + (len(rest[match.end():]) - len(rest[match.end():].lstrip()) + title.end() if title else 0)
        rest = _blank(rest, match.start(), end)
    for start, segment in _sources(rest):
        found.extend((start, ref) for ref in _classify_source(segment))
    if not found:
        return [model.Reference("other", title=text)]
    return [ref for _, ref in sorted(found, key=lambda pair: pair[0])]


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def _idem(text, previous, notes) -> list[model.Reference] | None:
    see = _SEE_NOTE.search(text)
    if see:
        number = int(see.group(1))
        pointed = (notes or {}).get(number)
        return _copies(pointed) or [model.Reference("idem", identifier=str(number))]
    if _IDEM.search(text):
        return _copies(previous) or [model.Reference("idem")]
    return None


def _copies(refs: list[model.Reference] | None) -> list[model.Reference]:
    return [model.Reference("idem", r.identifier, r.url, r.title, r.date) for r in refs or []]


def _crossref(number: str, after: str, sections) -> model.Reference:
    title = next((s.title for s in sections or () if s.number == number), None)
    return model.Reference("crossref", number, title=title or _quoted_title(after))


def _sources(text: str) -> list[tuple[int, str]]:
    """(offset, text) of each source in a note; a sentence break splits only after a complete citation."""
    pieces, start = [], 0
    for brk in _SOURCE_BREAKS.finditer(text):
        if brk.group(0).startswith(".") and not _CITATION_END.search(text[start:brk.start()]):
            continue
        pieces.append((start, text[start:brk.start()]))
        start = brk.end()
    pieces.append((start, text[start:]))
    return [(offset, piece.strip()) for offset, piece in pieces if piece.strip()]


@lru_cache(maxsize=4096)  # the same citation recurs within a document and across its editions
def _classify_source(segment: str) -> tuple[model.Reference, ...]:
    papers = kamerstukken.parse_kamerstukken(segment)
    if papers:
        title = _miljoenennota_title(segment)
        return tuple(model.Reference("kamerstuk", p.identifier, p.url, p.title or title, None) for p in papers)
    if _LETTER.search(segment) or _BUDGET.search(segment):
        return (model.Reference("kamerstuk", None, None, _citation_title(segment), parse_date(segment)),)
    outlet = media_outlet(segment)
    if outlet:
        return (model.Reference("media", outlet, None, _quoted_title(segment), parse_date(segment)),)
    publisher = publisher_of(segment)
    if CITATION_SIGNS.search(segment) or (publisher and (
            DOCUMENT_WORDS.search(segment) or len(segment.split()) <= DEFAULT_SHORT_MENTION_WORDS)):
        return (model.Reference("report", publisher, None, _citation_title(segment), parse_date(segment)),)
    return ()


def _miljoenennota_title(segment: str) -> str | None:
    match = re.search(r"\bMiljoenennota\s+(?:19|20)\d{2}\b", segment)
    return match.group(0) if match else None


def _fields(segment: str) -> list[str]:
    return [re.sub(r"(?i)^\W*in:\s*", "", f).strip(" .") for f in segment.split(",")]


def _fuzzy_name(segment: str, names: Iterable[str]) -> str | None:
    """A name from the table written with a typo as one comma-separated field ("in: Het Financieele Dagbad")."""
    from rapidfuzz import fuzz  # here: only a citation that names no known source exactly gets this far

    for field in _fields(segment):
        for name in names:
            if len(field) >= len(name) // 2 and fuzz.ratio(field.lower(), name.lower()) >= DEFAULT_FUZZY_NAME_SCORE:
                return name
    return None


def media_outlet(segment: str) -> str | None:
    """The canonical name of the newspaper, magazine or broadcaster a source appeared in, or None."""
    if _ANY_NEWSPAPER.search(segment):
        for name, pattern in _NEWSPAPER_PATTERNS:
            if pattern.search(segment):
                return name
    blog = BLOG.search(segment)
    if blog:
        return blog.group(1) or "blog"
    return _fuzzy_name(segment, NEWSPAPERS)


def publisher_of(segment: str) -> str | None:
    """The publisher a source names first: a canonical name from PUBLISHERS, a ministry or university as
    written, or a misspelt table name; None when there is none."""
    found = [(m.start(), name) for name, pattern in _PUBLISHER_PATTERNS if (m := pattern.search(segment))]
    found += [(m.start(), m.group(0)) for pattern in _GENERIC_PUBLISHER_PATTERNS if (m := pattern.search(segment))]
    if found:
        return min(found)[1]
    return _fuzzy_name(segment, [name for name in PUBLISHERS if len(name) > 3])


def _quoted_title(text: str) -> str | None:
    match = _QUOTED.search(text)
    if not match:
        return None
    return next(group for group in match.groups() if group).strip()


def _citation_title(segment: str) -> str:
    """The quoted title when there is one, else the citation without "Zie ook" and page numbers."""
    quoted = _quoted_title(segment)
    if quoted:
        return quoted
    return _PAGES.sub("", _SEE.sub("", segment).strip().rstrip(".")).strip(" ,.")


def parse_date(text: str) -> str | None:
    """The first date in a citation as ISO: '7 augustus 2019' → '2019-08-07', 'april 2019' → '2019-04', '2017'."""
    full = _FULL_DATE.search(text)
    if full:
        month = MONTHS.index(full.group(2).lower()) + 1
        return f"{full.group(3)}-{month:02d}-{int(full.group(1)):02d}"
    month_year = _MONTH_YEAR.search(text)
    if month_year:
        return f"{month_year.group(2)}-{MONTHS.index(month_year.group(1).lower()) + 1:02d}"
    years = _YEAR.findall(text)
    return years[-1] if years else None
