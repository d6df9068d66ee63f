"""Money amounts in Dutch budget prose: "1,15 miljard euro", "€ 4,5 mln", "structureel 100 miljoen per jaar".

`parse_amounts` keeps the phrase as written (with qualifiers such as "bijna" or "per jaar"), its value in
euros (None for money in another currency), what it counts (its role) and how often it comes (its period),
with the words that say so. A number is money when a currency is written next to it; a bare "100 miljoen"
only when its sentence speaks of money and the next word is not the thing being counted ("1 miljoen mensen",
"12 miljard Nm3"). Percentages, years and counts ("75.000 woningen") are never amounts. Values are taken
literally: a typo such as "250 miljard euro per jaar" stays 250 miljard, and "vier keer 200 miljoen" is 200
miljoen per tranche (the qualifier "vier keer" says how often).

Roles, decided in this order from the amount's sentence and clause (the tables below `parse_amounts`):
  macro     economy- or government-wide figures (EMU-saldo, bbp, staatsschuld, the Rijk's underspending)
  change    a difference against an earlier figure or plan ("218 miljoen euro minder ten opzichte van",
            "een bijstelling van", a fund's accres: its growth against the year before)
  per_unit  per person, household, hour, house, pack…: "per patiënt" after it, or a sum below
            DEFAULT_PER_UNIT_CEILING with no allocating verb in its clause (a national budget allocates
            millions; 990 euro, 16 euro, 400.000 euro are prices, wages, incomes and benefits); a threshold
            ("meer dan …") in a sentence about per-unit amounts is one too
  other     money named but not this measure's: a part of an amount already counted ("hiervan"), a
            proposal still to be made, money the sentence places under another ministry's responsibility
  budget    everything else: money the measure allocates, spends, invests, reserves or cuts
Periods: per_year (structureel, jaarlijks, per jaar, vanaf 2021, met ingang van 2021), once (eenmalig,
incidenteel; for budget and per-unit amounts also one year in the clause: "in 2020", "voor schooljaar
2019–2020"), multi_year (in totaal, tussen 2020 en 2024, 2022–2027, tot 2030, in 2019 en 2020, deze
kabinetsperiode, de komende vijf jaar), else None.

Also: `parse_unit` for table units ("bedragen x € 1.000"), `format_eur` for display ("€ 1,15 mld") and
`parse_min_amount` for a command-line threshold ("100m", "1.5mld").
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from rbtool.errors import UsageError
from rbtool.model import BUDGET, CHANGE, MACRO, MULTI_YEAR, ONCE, OTHER, PER_UNIT, PER_YEAR, Amount
from rbtool.nl import text as nltext

# Scale words and their factors.
SCALES = {
    "duizend": 10**3, "k": 10**3,
    "miljoen": 10**6, "mln": 10**6, "m": 10**6,
    "miljard": 10**9, "mld": 10**9, "mrd": 10**9, "bn": 10**9,
    "biljoen": 10**12,
}
# Scales that in prose make a bare number large enough to be a sum of money (with money context).
BARE_MONEY_SCALES = ("miljoen", "mln", "miljard", "mld", "mrd", "biljoen")
# Scales accepted in prose (the one-letter ones only on the command line).
PROSE_SCALES = ("duizend", "miljoen", "mln", "miljard", "mld", "mrd", "biljoen")

# Currency spellings → True when it is the euro.
CURRENCIES_AFTER = {"euro": True, "euro's": True, "eur": True, "dollar": False, "dollars": False,
                    "pond": False, "gulden": False, "yen": False}
CURRENCIES_BEFORE = {"€": True, "EUR": True, "US$": False, "$": False, "£": False}

NUMBER_WORDS = {
    "een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8,
    "negen": 9, "tien": 10, "elf": 11, "twaalf": 12, "twintig": 20, "dertig": 30, "veertig": 40,
    "vijftig": 50, "zestig": 60, "zeventig": 70, "tachtig": 80, "negentig": 90, "honderd": 100,
    "anderhalf": Decimal("1.5"), "half": Decimal("0.5"),
}

# Words before an amount that qualify it; they stay in the raw phrase.
QUALIFIERS = ("bijna", "ruim", "circa", "ca.", "ongeveer", "zo'n", "zo’n", "tot", "maximaal", "minimaal",
              "hooguit", "ten minste", "tenminste", "meer dan", "minder dan", "in totaal", "totaal",
              "structureel", "jaarlijks", "incidenteel", "eenmalig")
# Qualifiers next to an amount that say how often the money comes.
PER_YEAR_WORDS = ("structureel", "jaarlijks")
ONCE_WORDS = ("incidenteel", "incidentele", "eenmalig", "eenmalige")
# "per ..." after an amount: time units are its period; the others (per patiënt) only stay in the phrase.
PER_TIME = ("jaar", "maand", "week", "dag", "uur", "kwartaal", "schooljaar", "kalenderjaar")
PER_OTHER = ("persoon", "patiënt", "inwoner", "huishouden", "leerling", "student", "woning", "kind",
             "deelnemer", "werknemer", "uitkering", "stuk", "liter", "kilo", "ton")

# Without a currency, the word after "100 miljoen" tells money ("beschikbaar", "voor", end of clause) from a
# count ("mensen", "Nm3"): only these words, punctuation, or a word ending in a money noun may follow it.
BARE_AMOUNT_FOLLOWERS = frozenset("""
    aan voor in uit van bij naar op om met tot per extra meer minder en of tegen over
    beschikbaar vrij vrijgemaakt vrijgespeeld uitgetrokken gereserveerd geïnvesteerd geinvesteerd
    bezuinigd besteed uitgegeven toegekend overgeheveld bijgedragen gemoeid opgebracht ingezet gestoken
    geldt gaat gaan is zijn wordt worden komt komen blijft blijven was waren bedraagt
    structureel incidenteel eenmalig
""".split())
MONEY_NOUNS = ("impuls", "budget", "korting", "subsidie", "steun", "investering", "investeringen",
               "bezuiniging", "bezuinigingen", "kapitaal", "bijdrage", "lastenverlichting", "geld")
# A bare amount also needs one of these word stems in its sentence.
MONEY_CONTEXT = ("budget", "middel", "investe", "geld", "euro", "bedrag", "impuls", "beschikbaar",
                 "vrijgemaakt", "vrijgespeeld", "uitgetrokken", "gereserveerd", "bezuinig", "subsidie",
                 "fonds", "kosten", "heffing", "belasting", "begroting", "financi", "uitgaven", "inkomsten",
                 "accres", "korting", "toeslag", "premie", "lasten", "extra", "kost")

_NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_WORD_NUM = r"(?:\w+honderd|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")(?!\w)"
_SCALE = r"(?:" + "|".join(PROSE_SCALES) + r")(?:(?<=mln|mld|mrd)\.)?"  # "mln." abbreviates; "miljard." ends
_CUR_AFTER = r"(?:" + "|".join(re.escape(c) for c in sorted(CURRENCIES_AFTER, key=len, reverse=True)) + r")"
_CUR_BEFORE = r"(?:" + "|".join(re.escape(c) for c in sorted(CURRENCIES_BEFORE, key=len, reverse=True)) + r")"
_QUALIFIER = r"(?:" + "|".join(re.escape(q) for q in sorted(QUALIFIERS, key=len, reverse=True)) + r")"
_PER = r"per\s+(?:" + "|".join(PER_TIME + PER_OTHER) + r")"

AMOUNT = re.compile(
    rf"""(?P<qual>(?:(?<![\w.]){_QUALIFIER}\s+){{0,2}})
    (?:(?P<cur1>{_CUR_BEFORE})\s?)?
    (?:(?<![\w.,])(?P<num>{_NUM})(?![\d])|(?<![\w])(?P<word>{_WORD_NUM}))
    (?:\s+(?P<scale>{_SCALE})(?!\w))?
    (?:\s+(?P<cur2>{_CUR_AFTER})(?![\w]))?
    (?P<tail>(?:\s+{_PER}(?!\w)){{0,2}}(?:\s+(?:structureel|incidenteel|eenmalig)(?!\w))?)""",
    re.IGNORECASE | re.VERBOSE)

# "x € 1.000", "(bedragen × € 1 mln)", "x 1.000 euro": a table unit, not an amount.
UNIT = re.compile(rf"[x×]\s*(?:{_CUR_BEFORE}\s?)?(?P<num>{_NUM})(?:\s*(?P<scale>{_SCALE}))?(?:\s*{_CUR_AFTER})?",
                  re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?;](?=\s|$)")
_NEXT_WORD = re.compile(r"\s*(\S+)")
_SPACES = re.compile(r"\s+")
_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")  # "1.068", "1.068,5": "." groups thousands
_TABLE_UNIT_MARK = re.compile(r"[x×]\s*$")  # "x " right before a figure: "x € 1.000" is a table's unit


def dutch_number(text: str) -> Decimal:
    """Dutch digits: "." groups thousands ("1.068"), "," is the decimal mark ("1,15")."""
    if _THOUSANDS.fullmatch(text):
        text = text.replace(".", "")
    return Decimal(text.replace(",", "."))


def _word_number(word: str) -> Decimal | None:
    word = word.lower()
    if word in NUMBER_WORDS:
        return Decimal(NUMBER_WORDS[word])
    if word.endswith("honderd") and word[: -len("honderd")] in NUMBER_WORDS:
        return Decimal(NUMBER_WORDS[word[: -len("honderd")]]) * 100
    return None


def _scale(word: str | None) -> int:
    return SCALES[word.lower().rstrip(".")] if word else 1


def _bare_amount_is_money(text: str, match: re.Match) -> bool:
    """A "100 miljoen" without currency: money only when the clause is about money and no count follows."""
    if not match.group("scale") or match.group("scale").lower().rstrip(".") not in BARE_MONEY_SCALES:
        return False
    following = _NEXT_WORD.match(text, match.end("scale"))
    if following and following.group(1)[0].isalnum():
        word = following.group(1).strip(",.;:!?)–-").lower()
        if word not in BARE_AMOUNT_FOLLOWERS and not word.endswith(MONEY_NOUNS):
            return False
    start, end = _span(text, _SENTENCE_END, match.start(), match.end())
    return any(stem in text[start:end].lower() for stem in MONEY_CONTEXT)


def _is_table_unit(text: str, start: int) -> bool:
    return bool(_TABLE_UNIT_MARK.search(text[max(0, start - 3): start]))


def _is_euro(match: re.Match) -> bool:
    """No currency written (a bare amount in euro prose) or a euro spelling; False for dollars and others."""
    if match.group("cur1"):
        return CURRENCIES_BEFORE[match.group("cur1").upper()]
    if match.group("cur2"):
        return CURRENCIES_AFTER[match.group("cur2").lower()]
    return True


def parse_amounts(text: str, ministry: str | None = None) -> list[Amount]:
    """Every sum of money in `text`, in order of appearance, with its role, period and qualifiers.

    `ministry` is the code of the ministry whose measure `text` is (money placed under another ministry's
    responsibility is not its budget); None when unknown.
    """
    found = []
    for match in AMOUNT.finditer(text or ""):
        has_currency = bool(match.group("cur1") or match.group("cur2"))
        if _is_table_unit(text, match.start() + len(match.group("qual"))):
            continue
        if match.group("word"):
            value = _word_number(match.group("word"))
            if value is None or not (match.group("scale") or has_currency):  # "een" alone is an article
                continue
        else:
            value = dutch_number(match.group("num"))
        if not has_currency and not _bare_amount_is_money(text, match):
            continue
        eur = int((value * _scale(match.group("scale"))).to_integral_value()) if _is_euro(match) else None
        raw = _SPACES.sub(" ", match.group(0)).strip()
        found.append((match, Amount(raw=raw, eur=eur), value * _scale(match.group("scale"))))
    return _classify(text, found, ministry)


# ------------------------------------------------------------------------------------------ amount roles

# Below this many euros a sum in a measure is a price, wage, income or benefit per unit, unless a verb in its
# clause allocates it (ALLOCATING_VERBS): measures of a national budget allocate millions.
DEFAULT_PER_UNIT_CEILING = 1_000_000
ALLOCATING_VERBS = ("beschikbaar", "uitgetrokken", "uittrekken", "trekt", "gereserveerd", "reserveert",
                    "vrijgemaakt", "geïnvesteerd", "investeert", "investeren", "toegekend", "besteed")
# Words in the amount's sentence that make it an economy- or government-wide figure (folded, lower case).
MACRO_WORDS = ("emu-saldo", "emu-schuld", "staatsschuld", "overheidsschuld", "bbp", "bruto binnenlands product",
               "onderuitputting", "belastingontvangsten", "belastinginkomsten", "premie-inkomsten",
               "collectieve lastendruk", "financieringstekort", "begrotingssaldo")
# Words in the amount's clause that make it a difference against an earlier figure.
CHANGE_WORDS = ("accres", "bijstelling", "meevaller", "tegenvaller")
# Right after an amount: a comparison ("409 miljoen euro meer dan eerder geraamd").
CHANGE_AFTER = re.compile(r"\s*(?:positief|negatief)?\s*(?:(?:meer|minder|hoger|lager)\s+(?:dan|ten\s+opzichte\s+van)"
                          r"|ten\s+opzichte\s+van)\b", re.IGNORECASE)
# Just before an amount in its clause: a part of a sum already named ("Hiervan is 4 miljoen euro …").
PART_WORDS = ("hiervan", "waarvan", "daarvan")
# In the amount's sentence: a proposal still to be made, not money allocated.
PROPOSAL_WORDS = ("voorstel om", "voorstel voor", "voorstel tot")
# A sentence placing the money under a ministry's responsibility (checked against the measure's own ministry).
RESPONSIBILITY_WORDS = ("verantwoordelijkheid", "verantwoordelijk")
# Thresholds before an amount ("meer dan 40 miljoen euro per jaar"): per unit when the sentence is about units.
THRESHOLD_WORDS = ("meer dan", "minder dan", "boven", "onder", "tot", "maximaal", "minimaal")

_YEAR = r"(?:19|20)\d\d"
_SPAN = rf"{_YEAR}\s*[–/-]\s*{_YEAR}"
# Said anywhere in the amount's clause: the money recurs from a year on, or is a yearly figure.
PER_YEAR_CLAUSE = re.compile(rf"\b(?:vanaf|met ingang van)\s+{_YEAR}\b|\bop\s+jaarbasis\b", re.IGNORECASE)
# Said anywhere in the amount's sentence: a total over several years.
MULTI_YEAR_SENTENCE = re.compile(
    rf"\btussen\s+{_YEAR}\s+en\s+{_YEAR}\b|(?<!schooljaar\s)\b{_SPAN}\b|\btot\s+(?:en\s+met\s+)?{_YEAR}\b"
    rf"|\bin\s+totaal\b|\bkabinetsperiode\b|\bde\s+komende\s+\w+\s+jaar\b"
    rf"|\bin\s+{_YEAR}(?:,\s*{_YEAR})*\s+en\s+{_YEAR}\b", re.IGNORECASE)
# Said in the amount's clause: one year or school year.
ONE_YEAR_CLAUSE = re.compile(rf"\b(?:in|voor)\s+(?:schooljaar\s+)?(?:{_SPAN}|{_YEAR})\b", re.IGNORECASE)
# "vier keer 200 miljoen": the tranches, right before the amount.
TIMES_BEFORE = re.compile(r"(\w+\s+keer)\s+$", re.IGNORECASE)
_SENTENCE_STOP = re.compile(r"[.!?](?=\s|$)")
_CLAUSE_STOP = re.compile(r"[,;:](?=\s)|\s[–—]\s")
# Next to the amount (its tail, lower-cased qualifiers): "per patiënt" makes it per unit, "per jaar" its period.
_PER_UNIT = re.compile(r"per\s+(?:" + "|".join(PER_OTHER) + r")\b", re.IGNORECASE)
_PER_TIME = re.compile(r"per\s+(?:" + "|".join(PER_TIME) + r")\b")
# The qualifier words written before and after an amount.
_QUALIFIER_WORD = re.compile(_QUALIFIER, re.IGNORECASE)
_TAIL_WORD = re.compile(_PER + r"|structureel|incidenteel|eenmalig", re.IGNORECASE)


def _span(text: str, stops: re.Pattern, start: int, end: int) -> tuple[int, int]:
    """The stretch of `text` around [start, end) between two stop marks."""
    before = [m.end() for m in stops.finditer(text, 0, start)]
    after = stops.search(text, end)
    return (before[-1] if before else 0), (after.start() if after else len(text))


def _context(text: str, match: re.Match) -> tuple[str, str, str]:
    """The amount's sentence, its clause (a part of the sentence between commas, semicolons, colons or dashes)
    and the clause up to the amount."""
    s0, s1 = _span(text, _SENTENCE_STOP, match.start(), match.end())
    c0, c1 = _span(text, _CLAUSE_STOP, match.start(), match.end())
    c0, c1 = max(c0, s0), min(c1, s1)
    return text[s0:s1], text[c0:c1], text[c0:match.start()]


def _has(text: str, words) -> str | None:
    """The first of `words` found in `text` (folded: case and diacritics ignored), else None."""
    folded = nltext.fold(text)
    return next((w for w in words if _whole_word(w).search(folded)), None)


@lru_cache(maxsize=None)
def _whole_word(word: str) -> re.Pattern:
    """`word` (folded) standing on its own: the words of this module's tables, each compiled once."""
    return re.compile(rf"(?<!\w){re.escape(nltext.fold(word))}(?!\w)")


def _role(text: str, match: re.Match, value: Decimal, ministry: str | None) -> tuple[str, list[str]]:
    """Role and the words that decided it (see the module docstring for the order)."""
    sentence, clause, before = _context(text, match)
    if word := _has(sentence, MACRO_WORDS):
        return MACRO, [word]
    if comparison := CHANGE_AFTER.match(text, match.end()):
        return CHANGE, [" ".join(comparison.group(0).split())]
    if word := _has(clause, CHANGE_WORDS):
        return CHANGE, [word]
    if _PER_UNIT.search(match.group("tail")):
        return PER_UNIT, []
    if word := _has(before, PART_WORDS):
        return OTHER, [word]
    if word := _has(sentence, PROPOSAL_WORDS):
        return OTHER, [word]
    if ministry and _has(sentence, RESPONSIBILITY_WORDS):
        from rbtool.nl.ministries import find_in_text

        named = [m.code for m in find_in_text(sentence)]
        if named and ministry not in named:
            return OTHER, [f"verantwoordelijkheid {named[0]}"]
    if value < DEFAULT_PER_UNIT_CEILING and not _has(clause, ALLOCATING_VERBS):
        return PER_UNIT, []
    return BUDGET, []


def _period(text: str, match: re.Match, role: str) -> tuple[str | None, list[str]]:
    """Period and the words that decided it: words next to the amount first, then its clause and sentence."""
    beside = f"{match.group('qual')} {match.group('tail')}".lower()
    sentence, clause, before = _context(text, match)
    per_time = _PER_TIME.search(beside)
    if per_time and "jaar" in per_time.group(0):
        return PER_YEAR, []
    if _has(beside, PER_YEAR_WORDS):
        return PER_YEAR, []
    if word := _has(f"{before} {beside}", ONCE_WORDS):
        return ONCE, [word]
    if role not in (BUDGET, PER_UNIT):  # a macro figure or a change "in 2019" is no money of that year
        return None, []
    for period, pattern, where in ((PER_YEAR, PER_YEAR_CLAUSE, clause), (MULTI_YEAR, MULTI_YEAR_SENTENCE, sentence),
                                   (ONCE, ONE_YEAR_CLAUSE, clause)):
        if found := pattern.search(where):
            return period, [" ".join(found.group(0).lower().split())]
    return None, []


def _qualifiers_beside(match: re.Match, text: str) -> list[str]:
    """The qualifier words written next to the amount: "ruim", "structureel", "per jaar", "vier keer"."""
    words = [" ".join(q.split()).lower() for q in _QUALIFIER_WORD.findall(match.group("qual"))]
    words += [" ".join(p.split()).lower() for p in _TAIL_WORD.findall(match.group("tail"))]
    times = TIMES_BEFORE.search(text, 0, match.start())
    return ([times.group(1).lower()] if times else []) + words


def _classify(text: str, found: list[tuple[re.Match, Amount, Decimal]], ministry: str | None) -> list[Amount]:
    """Role, period and qualifiers of each amount `parse_amounts` found in `text` (match, amount, value)."""
    classified = []
    for match, amount, value in found:
        role, role_words = _role(text, match, value, ministry)
        period, period_words = _period(text, match, role)
        qualifiers = list(dict.fromkeys(_qualifiers_beside(match, text) + role_words + period_words))
        classified.append((match, Amount(amount.raw, amount.eur, role, period, tuple(qualifiers))))
    # a threshold ("meer dan 40 miljoen euro per jaar") in a sentence whose other amounts are per unit is one too
    result = []
    for match, amount in classified:
        s0, s1 = _span(text, _SENTENCE_STOP, match.start(), match.end())
        if (amount.role == BUDGET and _has(match.group("qual"), THRESHOLD_WORDS)
                and any(other.role == PER_UNIT for m, other in classified if s0 <= m.start() < s1)):
            amount = Amount(amount.raw, amount.eur, PER_UNIT, amount.period, amount.qualifiers)
        result.append(amount)
    return result


def parse_unit(text: str) -> int | None:
    """The multiplier a table states for its figures: "bedragen x € 1.000" → 1000; None when there is none."""
    match = UNIT.search(text or "")
    if not match:
        return None
    return int(dutch_number(match.group("num")) * _scale(match.group("scale")))


def _decimal_nl(value: Decimal, places: int) -> str:
    text = f"{value:.{places}f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def format_eur(eur: int | None) -> str:
    """Dutch display: "€ 1,15 mld", "€ 250 mln", "€ 100.000"; empty for money in another currency."""
    if eur is None:
        return ""
    sign = "-" if eur < 0 else ""
    size = abs(eur)
    if size >= 10**9:
        return f"{sign}€ {_decimal_nl(Decimal(size) / 10**9, 3)} mld"
    if size >= 10**6:
        return f"{sign}€ {_decimal_nl(Decimal(size) / 10**6, 3)} mln"
    return f"{sign}€ {size:,}".replace(",", ".")


def format_eur_change(eur: int) -> str:
    """A difference in euros with its sign: "+€ 1,9 mld", "−€ 250 mln" (a true minus sign), "±€ 0"."""
    return ("+" if eur > 0 else "−" if eur < 0 else "±") + (format_eur(abs(eur)) or "€ 0")


_MIN_AMOUNT = re.compile(r"(?:€|eur)?\s*(?P<num>\d+(?:[.,]\d+)*)\s*(?P<scale>[a-z]+)?\.?\s*(?:euro|eur)?",
                         re.IGNORECASE)
_GROUPED_WHOLE = re.compile(r"\d{1,3}(?:\.\d{3})+")  # 250.000 typed: a thousands separator


def parse_min_amount(value: str) -> int:
    """A threshold typed on the command line: "100m", "1.5mld", "2 miljard", "250000", "€ 250.000"."""
    match = _MIN_AMOUNT.fullmatch((value or "").strip())
    scale = (match.group("scale") or "").lower() if match else ""
    if not match or (scale and scale not in SCALES):
        raise UsageError(f"not an amount: {value!r} (try 250000, 100m, 100mln, 1.5mld or '2 miljard')")
    digits = match.group("num")
    if _GROUPED_WHOLE.fullmatch(digits):
        digits = digits.replace(".", "")
    try:
        number = Decimal(digits.replace(",", "."))
    except InvalidOperation:
        raise UsageError(f"not an amount: {value!r}") from None
    return int(number * _scale(scale or None))
