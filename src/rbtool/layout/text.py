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

import math
import re
from collections import Counter
from dataclasses import dataclass

# A document whose lines end in "letter-" at least this often hyphenates automatically.
DEFAULT_HYPHENATING_SHARE = 0.015

SOFT_HYPHEN = "\u00ad"
HYPHENS = "-\u2010" + SOFT_HYPHEN
# A soft hyphen followed by a letter or digit inside one span: drawn where no line breaks.
_DRAWN_SOFT_HYPHEN = re.compile(SOFT_HYPHEN + r"[^\W_]")
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
_ELIDED = re.compile(r"([\w\u00C0-\u024F]+[-\u2010]) (?=\S)")


def vocabulary(texts) -> Counter:
    """Lower-cased words and hyphenated compounds as they occur inside lines (not at line ends), and the
    heads of elided compounds ("milieu-" of "milieu- en sociale") with their hyphen."""
    words: Counter = Counter()
    for text in texts:
        for word in _WORD.findall(text):
            words[word.lower()] += 1
        for head in _ELIDED.findall(text):
            words[head.lower()] += 1
    return words


def soft_hyphens_drawn(span_texts) -> bool:
    """Whether the document's font maps its ordinary hyphen glyph to U+00AD (a soft hyphen, which a viewer
    shows only where a line breaks): one stands inside a span with a letter or digit after it
    ("sociaal\u00adculturele", "158\u00ad163"). Some producers map a glyph to the text of its first use, so
    once that was a hyphenation every hyphen of the font reads as U+00AD; all are then ordinary hyphens and
    a line-end one is weighed like any "-"."""
    return any(_DRAWN_SOFT_HYPHEN.search(text) for text in span_texts)


def hyphenates(line_texts: list[str]) -> bool:
    ends = sum(1 for t in line_texts if len(t) > 1 and t[-1] in "-\u2010" and t[-2].isalpha())
    soft = sum(1 for t in line_texts if t.endswith(SOFT_HYPHEN))
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
        if left[-1] == "/" and len(left) > 1 and not left[-2].isspace():
            # "IPO/|provincies", ".../nieuws/|2019": a line may break after a slash inside a word or address
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
            # "partij-|en" in a hyphenating text whose "partijen" is a word and "partij-" never an elided
            # compound's head is one word; "milieu-|en sociale" is an elided compound
            joined = (a + b).lower()
            if self.auto_hyphenation and self.vocab.get(joined, 0) and not self.vocab.get(a.lower() + "-", 0):
                return ""
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



def join_wrapped(parts: list[str]) -> str:
    """Short wrapped lines (a title, a table cell) as one line, a space apart; a hyphen between two lower-case
    letters at a line end is a word break ("Rijksbe-" "groting"). Longer text goes through a Joiner, which
    weighs the document's own vocabulary."""
    text = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if text.endswith(SOFT_HYPHEN) or (text.endswith("-") and len(text) > 1 and text[-2].islower()
                                         and part[:1].islower()):
            text = text[:-1] + part  # a soft hyphen is always a word break
        else:
            text = f"{text} {part}" if text else part
    return text

# Ligatures a font may draw as one glyph, and the "f" some fonts draw as an alternate before "t"
# ("hee\ue01et" is "heeft"), with how much rarer than the standard f-ligatures fonts have them (log-units).
LIGATURE_RARITY = {"fi": 0.0, "fl": 0.0, "ff": 0.0, "ffi": 0.0, "ffl": 0.0, "ft": 1.0, "f": 1.0, "st": 3.0,
                   "ct": 3.0, "tt": 5.0, "fj": 5.0, "fb": 5.0, "fh": 5.0, "fk": 5.0}
LIGATURES = tuple(LIGATURE_RARITY)
# The ligatures text fonts apply by default; the others (and the lone "f") need words to confirm them.
STANDARD_LIGATURES = frozenset({"fi", "fl", "ff", "ffi", "ffl", "ft"})
# A glyph without a usable Unicode map: pdfminer's "(cid:N)" or a private-use character.
UNMAPPED = re.compile(r"\(cid:\d+\)|[\ue000-\uf8ff]")
_GLYPH_WORD = re.compile(r"(?:[^\W\d_]|\(cid:\d+\)|[\ue000-\uf8ff])+")
# A font writes out a ligature's letters when they occur at least this share as often as the glyph does ...
DEFAULT_SHOWN_SHARE = 0.5
# ... and then a reading with those letters needs this share of the glyph's words confirmed as words
# the document writes out ("hee\ue01et", "blij\ue01et": the "f" before "t" of a font that ligates no "ft").
DEFAULT_SHOWN_EVIDENCE = 0.5
# Each glyph's best few readings are tried when a font's glyphs get distinct readings ...
DEFAULT_READING_OPTIONS = 4
# ... and a glyph whose best reading scores below this (log-units) is better left unread.
DEFAULT_UNREAD_SCORE = -60.0
# The readings of a font's most frequent glyphs are searched together, up to this many glyphs (the search
# grows as (DEFAULT_READING_OPTIONS + 1) ** glyphs); rarer glyphs then take their best reading still free.
DEFAULT_SEARCHED_GLYPHS = 6
# The letter model reads a glyph that stands at least this often; a rarer one needs written-out words.
DEFAULT_LETTER_EVIDENCE = 3
# A word the document writes out elsewhere weighs this many log-units more than letter-level evidence.
DEFAULT_WORD_EVIDENCE = 20.0
# Log-units per occurrence and per font size by which a glyph's overlap of its letters differs from its font's
# usual overlap (a twentieth of the size costs about what a word's letters weigh: widths are exact).
DEFAULT_WIDTH_EVIDENCE = 200.0
# The document's letter model weighs a letter pair's evidence like this many sightings of the shorter context
# it falls back to (a pair the document never writes, "ft" where every "ft" is a ligature, falls back to
# what follows "t" alone, and to how common "t" is).
DEFAULT_BACKOFF_WEIGHT = 2.0


class _Letters:
    """The document's own letter model: how often each letter follows each pair of letters in its words,
    falling back to the letter before it alone and to the letter's own frequency where a pair is rare."""

    def __init__(self, words: Counter):
        self.counts: list[Counter] = [Counter(), Counter(), Counter()]  # letter after 0, 1 and 2 letters
        self.contexts: list[Counter] = [Counter(), Counter(), Counter()]
        for word, count in words.items():
            padded = f"^^{word}$"
            for i in range(2, len(padded)):
                for order in range(3):
                    self.counts[order][padded[i - order:i + 1]] += count
                    self.contexts[order][padded[i - order:i]] += count
        self.alphabet = len({key[-1] for key in self.counts[0]}) or 1

    def probability(self, context: str, letter: str) -> float:
        p = (self.counts[0][letter] + 1) / (self.contexts[0][""] + self.alphabet)
        for order in (1, 2):
            ctx = context[len(context) - order:]
            p = (self.counts[order][ctx + letter] + DEFAULT_BACKOFF_WEIGHT * p) / (
                self.contexts[order][ctx] + DEFAULT_BACKOFF_WEIGHT)
        return p

    def around(self, word: str, start: int, end: int) -> float:
        """Log-likelihood of the letters from `start` up to two past `end` (the inserted letters and the
        letters that must follow them)."""
        padded = f"^^{word}$"
        return sum(math.log(self.probability(padded[j - 2:j], padded[j]))
                   for j in range(start + 2, min(len(padded), end + 4)))


def glyph_words(text: str) -> list[str]:
    """The words of `text` with a glyph without Unicode map among their letters ("o(cid:99)ine" in
    "o(cid:99)ine, naar"; not a glyph standing alone, such as a bullet)."""
    return [word for word in _GLYPH_WORD.findall(text) if UNMAPPED.search(word) and UNMAPPED.sub("", word)]


def ligature_readings(spans, advances: dict[tuple[str, str], float] | None = None, written_out=()
                      ) -> tuple[dict[tuple[str, str], str], set[tuple[str, str]]]:
    """Read glyphs without a usable Unicode map that stand inside words. `spans`: (font name, text) pairs in
    reading order; `advances`: {(font, glyph or letter): advance width as a share of the font size};
    `written_out`: texts the document gives in Unicode besides its pages (its information's title, its
    bookmarks), whose words count among the words it writes out.

    Returns ({(font, glyph): letters}, {(font, glyph) left unread}). The evidence, all the document's own:
    - a reading that turns a word into one the document writes out elsewhere ("hee\ue01et" → "heeft"),
      also across a line-end hyphen ("ef-" + "fectief"), and once the most used font is read, into a word
      another font's glyphs were read as ("E\ue01fectiever" in italics: "Effectiever" read in roman);
    - a typesetting that draws a ligature never writes its letters out: where the text shows "ft" about as
      often as there are such glyphs ("heeft" written out), no glyph is "ft" unless most of its words
      become written-out words; the rarer ligatures (st, ct, tt, fj ...) and the lone "f" need that too;
      so does a reading whose letters the glyph's own font writes out at least half as often as the glyph
      stands (DejaVu Sans writes "ft" in "heeft" and draws "ff" as one glyph: its "e\ue01eect" is no "eftect");
    - the letters around the glyph under the document's own letter model ("(cid:75)exibel": "fl", not "fi");
    - one font draws each letter sequence with one glyph: its glyphs get different readings, the frequent
      glyphs' evidence weighing most;
    - the glyphs' widths: a font overlaps the letters of all its ligatures by about the same amount, so a
      glyph as wide as "ff" is not "fl" when the font's "f" is wider than its "l".
    A glyph only ever standing alone (a bullet) is no ligature and is left alone."""
    vocab: Counter = Counter()
    written: dict[str, Counter] = {}  # font → how often its mapped text shows each ligature's letters
    words_of: dict[tuple[str, str], Counter] = {}
    for font, text in _rejoined(spans):
        for word in _GLYPH_WORD.findall(text):
            glyphs = set(UNMAPPED.findall(word))
            if not glyphs:
                low = word.lower()
                vocab[low] += 1
                shown = written.setdefault(font, Counter())
                shown.update(lig for lig in LIGATURES if lig in low)
            elif UNMAPPED.sub("", word):  # a glyph among letters
                for glyph in glyphs:
                    words_of.setdefault((font, glyph), Counter())[word] += 1
    if not words_of:
        return {}, set()
    # a title set in a font of its own (its glyph seen once) is read from the title the producer wrote down
    vocab.update(word.lower() for text in written_out for word in _GLYPH_WORD.findall(text)
                 if not UNMAPPED.search(word))
    everywhere = sum(written.values(), Counter())
    glyphs_total = sum(sum(words.values()) for words in words_of.values())
    # letters the text writes out about as often as it has such glyphs are no ligature of its typesetting
    shown_out = {lig for lig in LIGATURES if everywhere[lig] >= DEFAULT_SHOWN_SHARE * glyphs_total}
    # the font with the most glyphs is read first; each next font also knows the words the fonts read
    # before it make (an italic "E\ue01fectiever" among roman "e\ue001ectief")
    glyphs_in: Counter = Counter()
    for (font, _), words in words_of.items():
        glyphs_in[font] += sum(words.values())
    readings: dict[tuple[str, str], str] = {}
    known = Counter(vocab)
    for font, _ in glyphs_in.most_common():
        own = {key: words for key, words in words_of.items() if key[0] == font}
        readings.update(_read_fonts(own, known, shown_out | _written_out(written.get(font, Counter()), own),
                                    advances or {}))
        known.update(_read_words(own, readings))
    return readings, set(words_of) - set(readings)


def _read_words(words_of, readings) -> Counter:
    """The words the glyphs stand in, as read (those with a glyph left unread left out)."""
    words: Counter = Counter()
    for (font, _), counts in words_of.items():
        for word, count in counts.items():
            text = UNMAPPED.sub(lambda m: readings.get((font, m.group(0)), m.group(0)), word)
            if not UNMAPPED.search(text):
                words[text.lower()] += count
    return words


def _written_out(written: Counter, words_of) -> set[tuple[tuple[str, str], str]]:
    """{(glyph key, letters)} where the glyph's font writes the letters out at least DEFAULT_SHOWN_SHARE as
    often as the glyph stands: a font that drew them as this glyph would not write them out."""
    return {(key, lig) for key, words in words_of.items() for lig in LIGATURES
            if written[lig] >= DEFAULT_SHOWN_SHARE * sum(words.values())}


def _read_fonts(words_of, vocab: Counter, shown_out: set, advances) -> dict[tuple[str, str], str]:
    """Each font's glyphs → their readings, from the words they stand in and the vocabulary. `shown_out`:
    letters no glyph stands for, and (glyph key, letters) pairs no such glyph stands for, unless words
    confirm them."""
    letters = _Letters(vocab)
    scores: dict[tuple[str, str], dict[str, float]] = {}
    for key, words in words_of.items():
        font, glyph = key
        alone = {w: n for w, n in words.items() if set(UNMAPPED.findall(w)) == {glyph}} or words
        total = sum(alone.values())
        row: dict[str, float] = {}
        for lig in LIGATURES:
            seen = sum(1 for w in alone if w.replace(glyph, lig).lower() in vocab) / len(alone)
            # a few written out ("fi" where a ligature was broken) do not make letters no ligature
            if (lig in shown_out or (key, lig) in shown_out or lig not in STANDARD_LIGATURES) \
                    and seen < DEFAULT_SHOWN_EVIDENCE:
                continue
            likelihood = 0.0
            for word, count in alone.items():
                head, _, tail = UNMAPPED.sub(lambda m: m.group(0) if m.group(0) == glyph else "",
                                             word).partition(glyph)
                likelihood += count * letters.around((head + lig + tail).lower(), len(head), len(head) + len(lig))
            if seen or total >= DEFAULT_LETTER_EVIDENCE:
                row[lig] = likelihood / total + DEFAULT_WORD_EVIDENCE * seen - LIGATURE_RARITY[lig]
        if row:
            scores[key] = row
    readings: dict[tuple[str, str], str] = {}
    for font in {key[0] for key in scores}:
        keys = [key for key in scores if key[0] == font]
        weights = {key: sum(words_of[key].values()) for key in keys}
        readings.update(_assign(keys, scores, weights, _overlaps(keys, advances)))
    return readings


def _overlaps(keys, advances) -> dict[tuple[tuple[str, str], str], float]:
    """{(glyph key, letters): how much narrower the glyph is than its letters side by side, per joint (a
    share of the font size)}, where the glyph's and the letters' widths are known."""
    out = {}
    for key in keys:
        font, glyph = key
        width = advances.get(key)
        if width is None:
            continue
        for lig in LIGATURES:
            letters = [advances.get((font, c)) for c in lig]
            if len(lig) > 1 and None not in letters:
                out[key, lig] = (sum(letters) - width) / (len(lig) - 1)
    return out


def _rejoined(spans):
    """The spans, each followed by the word a line-end hyphen broke ("ef-" + "fectief" → "effectief"): a
    hyphenated ligature shows its letters written out."""
    previous = ""
    for font, text in spans:
        yield font, text
        if previous.endswith("-") and text[:1].islower():
            head, tail = re.findall(r"[^\W\d_]+-$", previous), re.findall(r"^[^\W\d_]+", text)
            if head and tail:
                yield font, head[0][:-1] + tail[0]
        previous = text


def _assign(keys, scores, weights, overlaps) -> dict:
    """One font's glyphs → distinct readings, maximising the evidence weighted by how often each glyph
    stands (a frequent glyph's letters outweigh a rare one's), less the glyphs' disagreement about how much
    the font overlaps a ligature's letters."""
    options = {k: sorted(scores[k], key=scores[k].get, reverse=True)[:DEFAULT_READING_OPTIONS] for k in keys}
    order = sorted(keys, key=lambda k: -weights[k])
    order, rarer = order[:DEFAULT_SEARCHED_GLYPHS], order[DEFAULT_SEARCHED_GLYPHS:]
    best: tuple[float, dict] = (float("-inf"), {})

    def search(i: int, total: float, chosen: dict, used: set) -> None:
        nonlocal best
        if i == len(order):
            total -= _width_disagreement(chosen, weights, overlaps)
            if total > best[0]:
                best = (total, dict(chosen))
            return
        key = order[i]
        for lig in options[key]:
            if lig not in used:
                chosen[key] = lig
                search(i + 1, total + weights[key] * scores[key][lig], chosen, used | {lig})
                del chosen[key]
        search(i + 1, total + weights[key] * DEFAULT_UNREAD_SCORE, chosen, used)  # left unread

    search(0, 0.0, {}, set())
    chosen, used = best[1], set(best[1].values())
    for key in rarer:
        free = [lig for lig in options[key] if lig not in used and scores[key][lig] > DEFAULT_UNREAD_SCORE]
        if free:
            chosen[key] = free[0]
            used.add(free[0])
    return chosen


def _width_disagreement(chosen: dict, weights, overlaps) -> float:
    """Log-units against readings whose glyphs overlap their letters by differing amounts."""
    known = {key: overlaps[key, lig] for key, lig in chosen.items() if (key, lig) in overlaps}
    if len(known) < 2:
        return 0.0
    typical = sorted(known.values())[len(known) // 2]
    return DEFAULT_WIDTH_EVIDENCE * sum(weights[key] * abs(value - typical) for key, value in known.items())


def read_ligatures(text: str, font: str, readings: dict[tuple[str, str], str]) -> str:
    """The text (drawn in `font`) with every glyph that has a reading replaced by it."""
    if not readings or not UNMAPPED.search(text):
        return text
    return UNMAPPED.sub(lambda m: readings.get((font, m.group(0)), m.group(0)), text)
