"""Joining lines into running text, and repairing line-end hyphenation from the document's own evidence.

No glyph tells "exportkre-|dietverzekeraars" (hyphenation) from "Financiële-|verhoudingswet" (a real
hyphen). The evidence used, strongest first: a conjunction after the hyphen ("milieu- en sociale"),
digits and capitals around it ("SDE-|middelen", "Invest-|NL"), the document's vocabulary (does the joined
word or the hyphenated form occur elsewhere: "preventie", "Wajong-uitkering"?), Dutch spelling (a
hyphen after a prefix that keeps it, between vowels that would otherwise merge: "micro-|opleidingen", or
after a lower-case abbreviation that cannot be a syllable: "btw-|tarief", "vmbo-|scholen"), and finally
whether this document hyphenates at all (a noticeable share of its lines end in a hyphen after a letter).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

# A document whose lines end in "letter-" at least this often hyphenates automatically.
DEFAULT_HYPHENATING_SHARE = 0.015

HYPHENS = "-\u2010\u00ad"
DASHES = "-\u2010\u2011\u2013"
# Words after a line-end hyphen that show an elided compound ("milieu- en sociale").
CONJUNCTIONS = frozenset({"en", "of", "tot", "en/of", "dan", "and", "or", "to", "nor", "als"})
# Prefixes that Dutch always writes with a hyphen ("niet-afbreekbare", "ex-minister").
HYPHENATED_PREFIXES = frozenset({"niet", "ex", "oud", "anti", "vice", "non", "semi", "pre", "post", "mid"})
# Vowel pairs that would merge into one sound when a compound is written closed, so Dutch keeps the hyphen.
MERGING_VOWELS = frozenset({"aa", "ae", "ai", "au", "ee", "ei", "eu", "ie", "oe", "oo", "ou", "ui", "uu", "ij"})

VOWELS = frozenset("aeiouyáàäâéèëêíïîóöôúüû")
# Consonant clusters that can open a Dutch (or borrowed) syllable; a short lower-case word opening with
# another cluster, or without any vowel, is an abbreviation ("btw", "mkb", "vmbo", "hbo").
SYLLABLE_ONSETS = frozenset({
    "bl", "br", "ch", "cl", "cr", "dr", "dw", "fl", "fr", "gl", "gn", "gr", "kl", "kn", "kr", "kw", "ph", "pl",
    "pr", "ps", "rh", "sc", "sf", "sh", "sj", "sk", "sl", "sm", "sn", "sp", "st", "sw", "th", "tj", "tr", "ts",
    "tw", "vl", "vr", "wh", "wr", "zw", "sch", "schr", "scr", "skr", "spl", "spr", "str", "chr", "thr", "tsj"})
# Abbreviations written in lower case are at most this long.
DEFAULT_MAX_ABBREVIATION = 5

# The last word of a line is a web address or an identifier: "://", "www.", a domain with a path
# ("aivd.nl/pqc-"), "_" or "@" inside it, or letters mixed with digits and hyphens ("ah-tk-20232024-").
_ADDRESS = re.compile(r"(?:^|\s)(?:\S*(?:://|www\.|\w\.[a-z]{2,}/|[_@])\S*|[\w.]*\d[\w.]*-[\w.-]*)$")
_WORD = re.compile(r"[\w\u00C0-\u024F]+(?:[-\u2010][\w\u00C0-\u024F]+)*")


def vocabulary(texts) -> Counter:
    """Lower-cased words and hyphenated compounds as they occur inside lines (not at line ends)."""
    words: Counter = Counter()
    for text in texts:
        for word in _WORD.findall(text):
            words[word.lower()] += 1
    return words


def hyphenates(line_texts: list[str]) -> bool:
    ends = sum(1 for t in line_texts if len(t) > 1 and t[-1] in "-\u2010" and t[-2].isalpha())
    soft = sum(1 for t in line_texts if t.endswith("\u00ad"))
    return soft > 0 or ends >= DEFAULT_HYPHENATING_SHARE * max(1, len(line_texts))


@dataclass
class Joiner:
    """Joins line texts; `vocab` and `auto_hyphenation` are the document's evidence."""

    vocab: Counter
    auto_hyphenation: bool

    def join(self, left: str, right: str) -> str:
        left = left.rstrip()
        right = right.lstrip()
        if not left:
            return right
        if not right:
            return left
        if left[-1] in HYPHENS and len(left) > 1 and left[-2].isalpha():
            return left[:-1] + self.hyphen_joint(left[:-1], right) + right
        if left[-1] in DASHES and len(left) > 1 and not left[-2].isspace():
            # "2022–|2027", "CO2-|reductie": a dash glued to the word before is glued to the word after
            return left + right
        return left + " " + right

    def hyphen_joint(self, left: str, right: str) -> str:
        """What replaces a line-end hyphen between `left` and `right`: "", "-" or "- "."""
        if _ADDRESS.search(left):  # ".../jhed-|and-jonilas": a URL or identifier keeps every hyphen
            return "-"
        head = re.findall(r"[\w\u00C0-\u024F-]+$", left)
        tail = re.findall(r"^[\w\u00C0-\u024F/]+", right)
        if not head or not tail:
            return "-"
        a, b = head[0], tail[0]
        if b.lower() in CONJUNCTIONS:
            return "- "
        last_part = a.split("-")[-1]
        if (any(c.isdigit() for c in a[-1:] + b[:1]) or b[0].isupper() or len(last_part) <= 1
                or sum(c.isupper() for c in last_part) >= 2 and last_part != last_part.capitalize()):
            return "-"
        joined, hyphenated = (a + b).lower(), (a + "-" + b).lower()
        seen_joined, seen_hyphenated = self.vocab.get(joined, 0), self.vocab.get(hyphenated, 0)
        if seen_joined > seen_hyphenated:
            return ""
        if seen_hyphenated:  # as often or more often written with the hyphen ("Wajong-uitkering")
            return "-"
        if last_part.lower() in HYPHENATED_PREFIXES or is_abbreviation(last_part):
            return "-"
        if (a[-1] + b[0]).lower() in MERGING_VOWELS:
            return "-"
        return "" if self.auto_hyphenation else "-"


def is_abbreviation(word: str) -> bool:
    """A short lower-case word that cannot be pronounced as written: no vowel, or an impossible opening."""
    if not word.islower() or len(word) > DEFAULT_MAX_ABBREVIATION or not word.isalpha():
        return False
    vowel_at = next((i for i, c in enumerate(word.lower()) if c in VOWELS), None)
    if vowel_at is None:
        return True
    return vowel_at > 1 and word[:vowel_at] not in SYLLABLE_ONSETS


# Ligatures a font may draw as one glyph (and the "f" some fonts draw as an alternate before "t": "hee\ue01et");
# a glyph without a usable Unicode map inside a word is read as the one whose reading turns the most of its
# words into words the document writes out elsewhere.
LIGATURES = ("fi", "fl", "ff", "ffi", "ffl", "ft", "st", "ct", "tt", "fj", "fb", "fh", "fk", "f")
# A glyph without a usable Unicode map: pdfminer's "(cid:N)" or a private-use character.
UNMAPPED = re.compile(r"\(cid:\d+\)|[\ue000-\uf8ff]")
_GLYPH_WORD = re.compile(r"(?:[^\W\d_]|\(cid:\d+\)|[\ue000-\uf8ff])+")


def ligature_readings(texts) -> tuple[dict[str, str], set[str]]:
    """(glyph → ligature it stands for, glyphs inside words that no reading explains).

    Evidence is the document's own vocabulary: "hee\\ue01et" is read "heeft" when "heeft" occurs written
    out; a glyph only ever standing alone (a bullet) is no ligature and is left alone."""
    vocab: Counter = Counter()
    words_of: dict[str, Counter] = {}
    for text in texts:
        for word in _GLYPH_WORD.findall(text):
            glyphs = set(UNMAPPED.findall(word))
            if not glyphs:
                vocab[word.lower()] += 1
            elif UNMAPPED.sub("", word):  # a glyph among letters
                for glyph in glyphs:
                    words_of.setdefault(glyph, Counter())[word] += 1
    readings: dict[str, str] = {}
    unread: set[str] = set()
    for glyph, words in words_of.items():
        alone = [w for w in words if set(UNMAPPED.findall(w)) == {glyph}]
        scores = {lig: sum(1 for w in alone if w.replace(glyph, lig).lower() in vocab) for lig in LIGATURES}
        ranked = sorted(scores.values(), reverse=True)
        best = max(scores, key=scores.get)
        if ranked[0] > 0 and ranked[0] > ranked[1]:
            readings[glyph] = best
        else:
            unread.add(glyph)
    return readings, unread


def read_ligatures(text: str, readings: dict[str, str]) -> str:
    """The text with every glyph that has a reading replaced by it."""
    def one(match: re.Match) -> str:
        glyph = match.group(0)
        return readings.get(glyph, glyph)

    return UNMAPPED.sub(one, text) if readings else text
