"""Dutch text normalisation for search: folding, words with their positions, stemming.

The index and the query side must cut text into the very same words, so both use `words()`:
- a word is a run of letters and digits (combining accents included, so decomposed "e\u0308" stays inside);
- its folded form is lower case without diacritics ("Geïntensiveerd" → "geintensiveerd"), which is what the
  full-text index holds (SQLite 3.40 cannot fold diacritics in its trigram tokenizer, and folding here keeps
  the index and the highlighting in step);
- its stem comes from the Snowball Dutch stemmer applied to the unfolded lower-case word, because the
  stemmer knows Dutch spelling ("financiële" → "financieel", but "financiele" → "financiel").
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

import Stemmer

STEMMER_ALGORITHM = "dutch"  # Snowball Dutch; its algorithm changed in Snowball 3.0 (PyStemmer 3)
# Regular Dutch plural and adjective endings. The Snowball stemmer misses some pairs these catch
# ("maatregel"/"maatregelen" stem apart) and catches others these miss ("stad"/"steden"). Verb endings
# (-t, -te, -de) are left out on purpose: "plan"/"plant", "ruim"/"ruimte" are different words.
INFLECTION_ENDINGS = ("en", "n", "s", "e")
MIN_INFLECTION_BASE = 4  # "weg" + "en" is left to the stemmer: short bases reach unrelated words
WORD = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+")  # letters and digits, plus combining diacritics


class Word(NamedTuple):
    start: int  # character span of the word in the text it came from
    end: int
    folded: str


def fold(text: str) -> str:
    """Lower case without diacritics: "Financiële" → "financiele", "ﬁnanciën" → "financien"."""
    if text.isascii():  # most words: nothing to decompose
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def words(text: str) -> list[Word]:
    """The words of `text` with their spans. A word whose folded form falls apart ("½" → "1⁄2") yields
    each folded piece with the span of the whole original word."""
    found = []
    for match in WORD.finditer(text):
        for piece in _folded_pieces(match.group()):
            found.append(Word(match.start(), match.end(), piece))
    return found


@lru_cache(maxsize=200_000)
def _folded_pieces(word: str) -> tuple[str, ...]:
    folded = fold(word)
    return (folded,) if folded.isalnum() else tuple(WORD.findall(folded))


def folded_words(text: str) -> list[str]:
    return [w.folded for w in words(text)]


def word_count(text: str) -> int:
    """Words as a reader counts them ("9½" is one word even though folding makes it two pieces)."""
    return len(WORD.findall(text))


def index_text(text: str) -> str:
    """What the full-text index stores for `text`: its folded words separated by single spaces."""
    return " ".join(folded_words(text))


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    stemmer = Stemmer.Stemmer(STEMMER_ALGORITHM)
    stemmer.maxCacheSize = 50_000
    return stemmer


def stemmer_id() -> str:
    """Which stemmer builds stems today; stored with the index so a changed stemmer is noticed."""
    return f"snowball-{STEMMER_ALGORITHM}/pystemmer-{Stemmer.version()}"


def stem(word: str) -> str:
    """The Dutch stem of one word, from its unfolded lower-case form: "woningen" → same stem as "woning"."""
    return _stemmer().stemWord(unicodedata.normalize("NFC", word).casefold())


def surface_stems(text: str) -> dict[str, str]:
    """folded word → stem of the (first) unfolded form it was written in, for every word of `text`."""
    stems: dict[str, str] = {}
    for match in WORD.finditer(text):
        original = match.group()
        pieces = _folded_pieces(original)
        for piece in pieces:
            if piece not in stems:
                # a word that folding split has no unfolded form of its own: stem the folded piece
                stems[piece] = stem(original) if len(pieces) == 1 else stem(piece)
    return stems


def inflected_forms(word: str) -> set[str]:
    """Folded forms that differ from `word` by a regular ending: "maatregelen" → {"maatregel", "maatregels",
    …}. Only bases of at least MIN_INFLECTION_BASE letters, so short words do not reach unrelated ones."""
    bases = {word[: len(word) - len(ending)] for ending in ("", *INFLECTION_ENDINGS) if word.endswith(ending)}
    bases = {base for base in bases if len(base) >= MIN_INFLECTION_BASE}
    return {word} | {base + ending for base in bases for ending in ("", *INFLECTION_ENDINGS)}
