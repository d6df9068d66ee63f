"""Money amounts in Dutch budget prose: "1,15 miljard euro", "€ 4,5 mln", "structureel 100 miljoen per jaar".

`parse_amounts` keeps the phrase as written (with qualifiers such as "bijna" or "per jaar"), its value in
euros (None for money in another currency) and its period. A number is money when a currency is written next
to it; a bare "100 miljoen" only when its sentence speaks of money and the next word is not the thing being
counted ("1 miljoen mensen", "12 miljard Nm3"). Percentages, years and counts ("75.000 woningen") are never
amounts. Values are taken literally: a typo such as "250 miljard euro per jaar" stays 250 miljard.

Also: `parse_unit` for table units ("bedragen x € 1.000"), `format_eur` for display ("€ 1,15 mld") and
`parse_min_amount` for a command-line threshold ("100m", "1.5mld").
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from rbtool.errors import UsageError
from rbtool.model import Amount

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
# Qualifiers that say how often the money comes: they are the amount's period.
PERIOD_WORDS = ("structureel", "jaarlijks", "incidenteel", "eenmalig")
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


def _number(text: str) -> Decimal:
    """Dutch digits: "." groups thousands ("1.068"), "," is the decimal mark ("1,15")."""
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", text):
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


def _sentence(text: str, start: int, end: int) -> str:
    before = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
    after = _SENTENCE_END.search(text, end)
    return text[before[-1] if before else 0: after.end() if after else len(text)]


def _bare_amount_is_money(text: str, match: re.Match) -> bool:
    """A "100 miljoen" without currency: money only when the clause is about money and no count follows."""
    if not match.group("scale") or match.group("scale").lower().rstrip(".") not in BARE_MONEY_SCALES:
        return False
    following = _NEXT_WORD.match(text, match.end("scale"))
    if following and following.group(1)[0].isalnum():
        word = following.group(1).strip(",.;:!?)–-").lower()
        if word not in BARE_AMOUNT_FOLLOWERS and not word.endswith(MONEY_NOUNS):
            return False
    sentence = _sentence(text, match.start(), match.end()).lower()
    return any(stem in sentence for stem in MONEY_CONTEXT)


def _is_table_unit(text: str, start: int) -> bool:
    return bool(re.search(r"[x×]\s*$", text[max(0, start - 3): start]))


def _period(qualifiers: str, tail: str) -> str | None:
    per_time = re.search(r"per\s+(?:" + "|".join(PER_TIME) + r")\b", tail, re.IGNORECASE)
    if per_time:
        return re.sub(r"\s+", " ", per_time.group(0).lower())
    for word in (*qualifiers.lower().split(), *tail.lower().split()):
        if word in PERIOD_WORDS:
            return word
    return None


def _is_euro(match: re.Match) -> bool:
    """No currency written (a bare amount in euro prose) or a euro spelling; False for dollars and others."""
    if match.group("cur1"):
        return CURRENCIES_BEFORE[match.group("cur1").upper()]
    if match.group("cur2"):
        return CURRENCIES_AFTER[match.group("cur2").lower()]
    return True


def parse_amounts(text: str) -> list[Amount]:
    """Every sum of money in `text`, in order of appearance."""
    amounts = []
    for match in AMOUNT.finditer(text or ""):
        has_currency = bool(match.group("cur1") or match.group("cur2"))
        if _is_table_unit(text, match.start() + len(match.group("qual"))):
            continue
        if match.group("word"):
            value = _word_number(match.group("word"))
            if value is None or not (match.group("scale") or has_currency):  # "een" alone is an article
                continue
        else:
            value = _number(match.group("num"))
        if not has_currency and not _bare_amount_is_money(text, match):
            continue
        eur = int((value * _scale(match.group("scale"))).to_integral_value()) if _is_euro(match) else None
        raw = re.sub(r"\s+", " ", match.group(0)).strip()
        amounts.append(Amount(raw=raw, eur=eur, period=_period(match.group("qual"), match.group("tail"))))
    return amounts


def parse_unit(text: str) -> int | None:
    """The multiplier a table states for its figures: "bedragen x € 1.000" → 1000; None when there is none."""
    match = UNIT.search(text or "")
    if not match:
        return None
    return int(_number(match.group("num")) * _scale(match.group("scale")))


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


_MIN_AMOUNT = re.compile(r"(?:€|eur)?\s*(?P<num>\d+(?:[.,]\d+)*)\s*(?P<scale>[a-z]+)?\.?\s*(?:euro|eur)?",
                         re.IGNORECASE)


def parse_min_amount(value: str) -> int:
    """A threshold typed on the command line: "100m", "1.5mld", "2 miljard", "250000", "€ 250.000"."""
    match = _MIN_AMOUNT.fullmatch((value or "").strip())
    scale = (match.group("scale") or "").lower() if match else ""
    if not match or (scale and scale not in SCALES):
        raise UsageError(f"not an amount: {value!r} (try 250000, 100m, 100mln, 1.5mld or '2 miljard')")
    digits = match.group("num")
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", digits):  # 250.000: a thousands separator
        digits = digits.replace(".", "")
    try:
        number = Decimal(digits.replace(",", "."))
    except InvalidOperation:
        raise UsageError(f"not an amount: {value!r}") from None
    return int(number * _scale(scale or None))
