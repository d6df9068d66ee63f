"""The Dutch ministries (cabinets since 2010): codes, official names and the spellings people use.

One table, three lookups:
- `resolve` for user input (a CLI option): exact alias first, then a conservative fuzzy match;
- `find_in_heading` for a section heading that as a whole names a ministry ("3.2 Binnenlandse Zaken en
  Koninkrijksrelaties", "Ministerie van Financiën");
- `find_in_text` for prose ("het ministerie van IenW", "vanuit EKZ").

Renamed or merged ministries map to their present-day successor, so that editions of different years compare:
IenM → IenW, VenJ → JenV, EL&I → EZK. Budget chapters of a minister without a ministry of their own map to the
ministry that houses them (Buitenlandse Handel en Ontwikkelingssamenwerking → BZ, Koninkrijksrelaties → BZK).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from rbtool.errors import UsageError
from rbtool.nl import text as nltext


@dataclass(frozen=True)
class Ministry:
    code: str
    name: str  # official name without "Ministerie van"
    aliases: tuple[str, ...] = ()  # other codes, former names, common (mis)spellings
    since: int | None = None  # first year under this name (None: before 2010)
    until: int | None = None  # last year (None: still exists)

    @property
    def full_name(self) -> str:
        return f"Ministerie van {self.name}"


MINISTRIES: tuple[Ministry, ...] = (
    Ministry("AZ", "Algemene Zaken", ("MinAZ",)),
    Ministry("BZ", "Buitenlandse Zaken",
             ("BuZa", "MinBuZa", "BHO", "Buitenlandse Handel en Ontwikkelingssamenwerking")),
    Ministry("BZK", "Binnenlandse Zaken en Koninkrijksrelaties",
             ("BiZa", "MinBZK", "Binnenlandse Zaken", "Koninkrijksrelaties", "Wonen en Rijksdienst")),
    Ministry("DEF", "Defensie", ("Def", "MinDef")),
    Ministry("EZK", "Economische Zaken en Klimaat",
             ("EZ", "EL&I", "ELI", "EZenK", "Economische Zaken",
              "Economische Zaken, Landbouw en Innovatie", "EKZ")),  # "EKZ": a typo seen in budget analyses
    Ministry("FIN", "Financiën", ("Fin", "MinFin", "Financien")),
    Ministry("IenW", "Infrastructuur en Waterstaat",
             ("I&W", "IenM", "I&M", "Infrastructuur en Milieu", "VenW", "V&W", "Verkeer en Waterstaat",
              "IenV"),  # "IenV": a typo seen in budget analyses, closer to IenW than to JenV by its letter I
             since=2010),
    Ministry("JenV", "Justitie en Veiligheid",
             ("J&V", "VenJ", "V&J", "Veiligheid en Justitie", "Justitie"), since=2010),
    Ministry("LNV", "Landbouw, Natuur en Voedselkwaliteit", ("Landbouw, Visserij en Voedselzekerheid",)),
    Ministry("OCW", "Onderwijs, Cultuur en Wetenschap", ("OCenW", "OC&W")),
    Ministry("SZW", "Sociale Zaken en Werkgelegenheid", ("SoZaWe",)),
    Ministry("VWS", "Volksgezondheid, Welzijn en Sport", ()),
    Ministry("VROM", "Volkshuisvesting, Ruimtelijke Ordening en Milieubeheer", (), until=2010),
    Ministry("KGG", "Klimaat en Groene Groei", (), since=2024),
    Ministry("VRO", "Volkshuisvesting en Ruimtelijke Ordening", (), since=2024),
    Ministry("AenM", "Asiel en Migratie", ("A&M",), since=2024),
)

# A fuzzy match on a name must be at least this similar (rapidfuzz ratio, 0..100) to count, and better by this
# margin than any name of another ministry ("Binnenlandse Zaken" and "Buitenlandse Zaken" score 89 together).
DEFAULT_NAME_CUTOFF = 90.0
DEFAULT_NAME_MARGIN = 5.0
# Codes shorter than this are corrected only for swapped letters ("EKZ"), never for a wrong letter ("LVV").
DEFAULT_MIN_CODE_EDIT_LENGTH = 4
# Shorter strings are never matched fuzzily against names: "Zaken" must not become a ministry.
DEFAULT_MIN_FUZZY_LENGTH = 6

_PREFIX = re.compile(r"^(?:het\s+|de\s+)?(?:ministerie|minister|departement|begroting)\s+(?:van|voor)\s+",
                     re.IGNORECASE)
_NUMBERING = re.compile(r"^\s*(?:(?:hoofdstuk|chapter)\s+)?(?:[0-9]+(?:\.[0-9]+)*\.?|[IVXL]+[AB]?\.?)\s+",
                        re.IGNORECASE)
_PARENTHESIS = re.compile(r"\s*\(([^()]*)\)\s*$")


def fold(text: str) -> str:
    """The form names are compared in: nl.text.fold (no case, no diacritics) with collapsed spaces."""
    return " ".join(nltext.fold(text or "").split())


def _is_code(alias: str) -> bool:
    """Codes are written without spaces ("IenW", "EL&I"); names have words ("Financiën" counts as a name)."""
    return " " not in alias and (alias[:1].isupper() and not alias[1:].islower() or len(alias) <= 3)


@cache
def _alias_index() -> dict[str, Ministry]:
    index: dict[str, Ministry] = {}
    for ministry in MINISTRIES:
        for alias in (ministry.code, ministry.name, *ministry.aliases):
            index.setdefault(fold(alias), ministry)  # tests check that no alias names two ministries
    return index


@cache
def _codes() -> dict[str, Ministry]:
    """Codes and code-like aliases, folded: the candidates of letter-level corrections."""
    return {fold(alias): m for m in MINISTRIES for alias in (m.code, *m.aliases) if _is_code(alias)}


@cache
def _names() -> dict[str, Ministry]:
    """Multi-letter names (not codes), folded: the candidates of a fuzzy match."""
    return {fold(alias): m for m in MINISTRIES for alias in (m.name, *m.aliases)
            if not _is_code(alias)}


def codes() -> list[str]:
    return [m.code for m in MINISTRIES]


def by_code(code: str) -> Ministry:
    for ministry in MINISTRIES:
        if ministry.code == code:
            return ministry
    raise KeyError(code)


def _transposed_code(value: str) -> Ministry | None:
    """A code with two letters swapped ("EKZ" for EZK), when exactly one code fits."""
    # rapidfuzz is imported by the fuzzy steps only: a known code or alias ("BZK") never needs it
    from rapidfuzz.distance import OSA

    key = fold(value)
    if len(key) < 3:
        return None
    fits = {m for code, m in _codes().items()
            if len(code) == len(key) and sorted(code) == sorted(key) and OSA.distance(code, key) == 1}
    return fits.pop() if len(fits) == 1 else None


def _lookup(value: str) -> Ministry | None:
    key = fold(value)
    if not key:
        return None
    found = _alias_index().get(key)
    if found:
        return found
    return _transposed_code(value)


def _fuzzy_name(value: str) -> Ministry | None:
    from rapidfuzz import fuzz, process

    key = re.sub(r"\s*,\s*|\s+", " ", fold(value))
    if len(key) < DEFAULT_MIN_FUZZY_LENGTH:
        return None
    names = _names()
    scored = process.extract(key, list(names), scorer=fuzz.ratio, limit=None,
                             score_cutoff=DEFAULT_NAME_CUTOFF - DEFAULT_NAME_MARGIN)
    if not scored or scored[0][1] < DEFAULT_NAME_CUTOFF:
        return None
    close = {names[name] for name, score, _ in scored if score >= scored[0][1] - DEFAULT_NAME_MARGIN}
    return close.pop() if len(close) == 1 else None


def _fuzzy_code(value: str) -> Ministry | None:
    """A code one edit away from exactly one known code ("OCenV" → OCW's "OCenW")."""
    from rapidfuzz.distance import OSA

    key = fold(value)
    if len(key) < DEFAULT_MIN_CODE_EDIT_LENGTH or " " in key:
        return None
    fits = {m for code, m in _codes().items() if OSA.distance(code, key) <= 1}
    return fits.pop() if len(fits) == 1 else None


def _name_word(value: str) -> Ministry | None:
    """A word of exactly one official name ("Landbouw" → LNV; "Klimaat" is in two, "Zaken" in many)."""
    key = fold(value)
    if len(key) < DEFAULT_MIN_FUZZY_LENGTH or " " in key:
        return None
    fits = {m for m in MINISTRIES if key in re.findall(r"\w+", fold(m.name))}
    return fits.pop() if len(fits) == 1 else None


def resolve(value: str) -> Ministry:
    """The ministry a user means by a code, name or misspelling, in any case; UsageError when unknown."""
    text = _PREFIX.sub("", (value or "").strip())
    found = _lookup(text) or _fuzzy_code(text) or _fuzzy_name(text) or _name_word(text)
    if found is None:
        raise UsageError(f"unknown ministry {value!r}; valid codes: {', '.join(codes())}")
    return found


def find_in_heading(text: str) -> Ministry | None:
    """The ministry a heading names as a whole ("3.2 Binnenlandse Zaken en Koninkrijksrelaties"), else None.

    Thematic headings that merely contain a ministry's word ("2.6 Veiligheid", "Economie") name none.
    """
    rest = _NUMBERING.sub("", (text or "").strip(), count=1)
    rest = _PREFIX.sub("", rest).strip(" .:–-")
    parenthesis = _PARENTHESIS.search(rest)
    if parenthesis:  # "Financiën (vervolg)"; "Binnenlandse Zaken en Koninkrijksrelaties (BZK)" must agree
        outer = _lookup(rest[: parenthesis.start()]) or _fuzzy_name(rest[: parenthesis.start()])
        inner = _lookup(parenthesis.group(1))
        return outer if inner is None or inner is outer else None
    return _lookup(rest) or _fuzzy_name(rest)


def _fold_aligned(text: str) -> str:
    """`fold` character by character, so that positions in the result are positions in `text`."""
    out = []
    for c in text:
        base = "".join(x for x in unicodedata.normalize("NFKD", c) if not unicodedata.combining(x)).lower()
        out.append(base if len(base) == 1 else c)
    return "".join(out)


def _alternation(aliases) -> str:
    """Longest first, so "Economische Zaken en Klimaat" wins over "Economische Zaken"; any space may break."""
    return "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in sorted(set(aliases), key=len, reverse=True))


@cache
def _prose_patterns() -> tuple[re.Pattern, re.Pattern]:
    """Codes as written (case-sensitive) and names in folded form, longest first, on word boundaries."""
    every = [a for m in MINISTRIES for a in (m.code, m.name, *m.aliases)]
    code_pattern = re.compile(r"(?<![\w&])(?:" + _alternation(a for a in every if _is_code(a)) + r")(?![\w&])")
    name_pattern = re.compile(r"(?<!\w)(?:" + _alternation(fold(a) for a in every if not _is_code(a)) + r")(?!\w)")
    return code_pattern, name_pattern


def find_in_text(text: str) -> list[Ministry]:
    """Ministries named in prose, in order of first mention, each once.

    Codes count only as written ("BZK", "IenW"; a lower-case "def" is a word, not Defensie) or with two
    capitals swapped ("EKZ"); names only with a capital initial ("Financiën", not "de financiën van
    gemeenten"). Known typos ("IenV") are aliases in the table.
    """
    text = text or ""
    code_pattern, name_pattern = _prose_patterns()
    index = _alias_index()
    mentions = [(m.start(), index[fold(m.group(0))]) for m in code_pattern.finditer(text)]
    mentions += [(m.start(), index[fold(m.group(0))]) for m in name_pattern.finditer(_fold_aligned(text))
                 if text[m.start()].isupper()]
    for word in re.finditer(r"(?<![\w&])[A-Z]{3,}(?![\w&])", text):
        ministry = _transposed_code(word.group(0))
        if ministry is not None:
            mentions.append((word.start(), ministry))
    found: list[Ministry] = []
    for _, ministry in sorted(mentions, key=lambda pair: pair[0]):
        if ministry not in found:
            found.append(ministry)
    return found
