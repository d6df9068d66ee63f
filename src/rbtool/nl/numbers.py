"""Numbers as Dutch budget tables print them, the units tables state for them, and the words of captions.

A cell is read the Dutch way: "." groups thousands ("1.234"), "," is the decimal mark ("0,4"), a minus or
dash before the digits makes it negative ("– 1.234", "-1.234"), "12,5%" is a percentage. "–", "-", "PM"
(pro memorie) and "nihil" are placeholders: they fill a cell without a value. A footnote marker glued to
a number ("4.512¹", "4.512*") is kept in the cell text and left out of the value.

A table's unit is its multiplier: "bedragen x € 1.000" → 1000, "x € mln" / "x € 1 mln" → 10**6,
"in miljarden euro" → 10**9; percentages have none. A caption opens with a caption word and its number
("Tabel 2.1", "Overzicht 3") or is a "Begrotingsstaat"; "(vervolg)" says a table continues.
"""
from __future__ import annotations

import re
from decimal import Decimal

from rbtool.nl.money import SCALES, dutch_number, parse_unit

# Placeholders for "nothing" or "not yet known" in a numeric cell.
PLACEHOLDERS = frozenset({"–", "—", "-", "pm", "p.m.", "nihil", "n.v.t.", "nvt"})
DASHES = "–—-−"
SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹*"

_NUMBER = re.compile(
    rf"^(?P<sign>[{re.escape(DASHES)}+]\s?)?(?P<cur>€\s?)?(?P<num>\d{{1,3}}(?:\.\d{{3}})+(?:,\d+)?|\d+(?:,\d+)?)"
    rf"(?P<pct>\s?%)?(?P<note>[{re.escape(SUPERSCRIPTS)}]+|\s?\(\d{{1,2}}\))?$")
# Plural scale words in a unit phrase: "in miljoenen euro", "bedragen in miljarden".
_PLURAL_SCALES = {"duizenden": 10**3, "miljoenen": 10**6, "miljarden": 10**9}
_SCALE_UNIT = re.compile(
    r"(?:[x×]|\bin|\bbedragen)\s*(?:€|eur(?:o)?)?\s*(?:1\s*)?(?P<scale>mln|mld|mrd|miljoen|miljard|duizend|"
    r"miljoenen|miljarden|duizenden)\b\.?", re.IGNORECASE)
_EURO_WORD = re.compile(r"€|\beuro\b|\beur\b", re.IGNORECASE)
# Words that open a numbered caption, captions that need no number, and the marks of a continuation.
CAPTION_WORDS = ("tabel", "table", "tab.", "overzicht", "staat", "bijlage")
CAPTIONS_WITHOUT_NUMBER = ("begrotingsstaat",)
CONTINUATION_WORDS = ("vervolg", "vervolgd", "continued")
_CAPTION = re.compile(r"^(?:(?:" + "|".join(re.escape(w) for w in CAPTION_WORDS) + r")\s+[\dA-Z][\d.]*[a-z]?\b|(?:"
                      + "|".join(CAPTIONS_WITHOUT_NUMBER) + r")\b)", re.IGNORECASE)
_CONTINUED = re.compile(r"\b(?:" + "|".join(CONTINUATION_WORDS) + r")\b", re.IGNORECASE)


def is_caption(text: str) -> bool:
    """"Tabel 2.1 Budgettaire gevolgen …", "Begrotingsstaat …" (prose that starts with "tabel" is not)."""
    return bool(_CAPTION.match(text.strip()))


def is_continuation(text: str) -> bool:
    """A caption saying its table continues: "Tabel 3 (vervolg)"."""
    return bool(_CONTINUED.search(text))


def is_placeholder(text: str) -> bool:
    return text.strip().lower() in PLACEHOLDERS


def cell_value(text: str) -> Decimal | None:
    """The number a table cell prints, the Dutch way; None for text, blanks and placeholders.
    A percentage gives its number of percent ("12,5%" → 12.5)."""
    match = _NUMBER.match(text.strip())
    if not match:
        return None
    value = dutch_number(match.group("num"))
    sign = (match.group("sign") or "").strip()
    return -value if sign and sign in DASHES else value


def is_numeric_cell(text: str) -> bool:
    """A number or a placeholder: what fills the figure columns of a table."""
    return cell_value(text) is not None or is_placeholder(text)


def is_percentage(text: str) -> bool:
    match = _NUMBER.match(text.strip())
    return bool(match and match.group("pct"))


def table_unit(text: str) -> int | None:
    """The multiplier a caption or header cell states: "(bedragen x € 1.000)" → 1000, "x € mln" → 10**6,
    "in miljarden euro" → 10**9; None when the text states no euro unit."""
    if not text:
        return None
    unit = parse_unit(text)
    if unit is not None:
        return unit
    match = _SCALE_UNIT.search(text)
    if match and (_EURO_WORD.search(text) or match.group(0).lower().startswith(("bedragen", "x", "×"))):
        word = match.group("scale").lower()
        return _PLURAL_SCALES.get(word) or SCALES[word]
    return None


def to_euros(text: str, unit: int | None) -> int | None:
    """A cell's value in euros under its table's unit; None for percentages, text and placeholders."""
    if unit is None or is_percentage(text):
        return None
    value = cell_value(text)
    return None if value is None else int(round(value * unit))
