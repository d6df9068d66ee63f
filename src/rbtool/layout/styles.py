"""The document's style inventory: which text styles it uses, how much text each carries, and how.

A style is a font (without its subset prefix), a size, bold / italic / small caps and a fill colour. One
pass over the body lines counts, per style, its characters and its uses:
- *heading use*: a run of whole lines in the style (ended by a line in another style) of a few words, opening
  with a capital or digit, that does not end a sentence (a standalone title above body text);
- *running use*: any other run of whole lines in the style (running text, quotes, captions);
- *run-in use*: a short phrase in the style at the start of a line that continues in the body style, ending
  in a stop or colon or followed by a new sentence.
The body style carries most characters. A style at about body size is a *subheading style* when it stands
out from the body (weight, slope, small caps, colour or another family) and is used more as a heading than
as running text; a style is a *run-in style* when it opens paragraphs this way repeatedly. Heading levels
come from the sizes used for headings: each larger size is a higher level, unless numbered headings
("2.1 Title") or the PDF's outline say otherwise.

Text layers made by OCR give every word its own size: when most lines mix sizes of one font (a typeset line
does that only for a footnote marker), size is noise, not a style, and headings need other evidence (a
section number).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from rbtool.pdf import Line, Span

# Sizes closer than this (points) are one size (rounding of scaled fonts).
DEFAULT_SIZE_STEP = 0.5
# A style counts as at body size between these shares of the body size.
DEFAULT_BODY_SIZE_LOW = 0.85
DEFAULT_BODY_SIZE_HIGH = 1.12
# Share of a line's characters in one style for the line to be "in" that style.
DEFAULT_LINE_STYLE_SHARE = 0.9
# A run-in heading is at most this many words, and a style is a run-in style after this many run-in uses.
DEFAULT_MAX_RUN_IN_WORDS = 16
DEFAULT_MIN_RUN_INS = 2
# A style is a subheading style after at least this many heading uses (one line proves no habit).
DEFAULT_MIN_HEADING_USES = 2
# Lines of one style belong to one run (one use) while each follows the previous within this many sizes.
DEFAULT_RUN_GAP = 1.6
# A heading use is a run of lines of at most this many words.
DEFAULT_MAX_HEADING_WORDS = 24
# When more than this share of the lines of several words mix sizes of one font, sizes are OCR noise.
DEFAULT_MAX_MIXED_SIZE_SHARE = 0.5

# A font is fixed-pitch (code, never a heading style) when at least this share of its spans of several characters
# advance by one width per character (within DEFAULT_PITCH_TOLERANCE of their median, in font sizes) ...
DEFAULT_FIXED_PITCH_SHARE = 0.9
DEFAULT_PITCH_TOLERANCE = 0.03
# ... counted over at least this many different spans of at least DEFAULT_PITCH_CHARS characters.
DEFAULT_MIN_PITCH_SPANS = 8
DEFAULT_PITCH_CHARS = 4

# a title may ask ("Wat staat er niet in de begroting?"); running text ends in a stop, semicolon or comma
_SENTENCE_END = re.compile(r"[.;,][”\"’»)]*$")
_NOTE_MARK = re.compile(r"^\[?\d{1,3}\]?$")
WORD = re.compile(r"[^\W\d_]{2}")  # two letters: a word, not a number, marker or symbol
_SUBSET = re.compile(r"^[A-Z]{6}\+")


@dataclass(frozen=True)
class Style:
    font: str  # font name without the subset prefix ("ABCDEF+")
    size: float  # rounded to DEFAULT_SIZE_STEP
    bold: bool
    italic: bool
    small_caps: bool
    color: str  # "" for black

    def family(self) -> str:
        return re.split(r"[-,]", self.font)[0].lower()


@dataclass
class StyleUse:
    chars: int = 0
    heading: int = 0
    running: int = 0
    run_in: int = 0


def span_style(span: Span) -> Style:
    return Style(font=_SUBSET.sub("", span.fontname), size=round(span.size / DEFAULT_SIZE_STEP) * DEFAULT_SIZE_STEP,
                 bold=span.bold, italic=span.italic, small_caps=span.small_caps, color=span.color)


def line_style(line: Line) -> Style | None:
    """The style of (nearly) all of the line's characters, or None for a line of mixed styles."""
    weights: Counter = Counter()
    for span in line.spans:
        weights[span_style(span)] += len(span.text)
    if not weights:
        return None
    style, chars = weights.most_common(1)[0]
    return style if chars >= DEFAULT_LINE_STYLE_SHARE * sum(weights.values()) else None


@dataclass
class Inventory:
    body: Style
    uses: dict[Style, StyleUse] = field(default_factory=dict)
    size_coherent: bool = True
    titles: set[int] = field(default_factory=set)  # id() of the lines of heading uses
    fixed_pitch: frozenset[str] = frozenset()  # fonts whose every glyph advances alike: code listings

    def is_title(self, line: Line) -> bool:
        """The line belongs to a heading use: a short run in its style, standing apart from the text."""
        return id(line) in self.titles

    def stands_out(self, style: Style) -> bool:
        """At about body size, and set apart from the body by weight, slope, small caps, colour or family."""
        body = self.body
        if not DEFAULT_BODY_SIZE_LOW * body.size <= style.size < DEFAULT_BODY_SIZE_HIGH * body.size:
            return False
        return (style.bold and not body.bold) or (style.italic != body.italic) or style.small_caps \
            or style.color != body.color or style.family() != body.family()

    def is_subheading_style(self, style: Style | None) -> bool:
        """A body-size style that stands out and is used more often as a standalone title than as text."""
        if style is None or style == self.body or not self.stands_out(style) or style.font in self.fixed_pitch:
            return False
        use = self.uses.get(style)
        return use is not None and use.heading >= DEFAULT_MIN_HEADING_USES and use.heading >= use.running

    def is_run_in_style(self, style: Style) -> bool:
        """A style that stands out and opens paragraphs with a heading-like phrase repeatedly (`run_in_split`)."""
        use = self.uses.get(style)
        return use is not None and self.stands_out(style) and use.run_in >= DEFAULT_MIN_RUN_INS \
            and style.font not in self.fixed_pitch


def run_in_split(line: Line, body: Style, continued: bool = False) -> int:
    """How many leading spans of the line form a run-in phrase: spans in one style other than the body's,
    followed by spans in the body style, of at most DEFAULT_MAX_RUN_IN_WORDS words; 0 when there is none.
    `continued`: the phrase ends a heading begun on the line above (it may open in lower case)."""
    if len(line.spans) < 2:
        return 0
    first = span_style(line.spans[0])
    if first == body:
        return 0
    count = 1
    # the phrase's own spans, and a footnote marker set after it ("Belang van start-ups⁵⁹ Het kabinet …")
    while count < len(line.spans) and (span_style(line.spans[count]) == first
                                       or _NOTE_MARK.match(line.spans[count].text)):
        count += 1
    if count == len(line.spans) or span_style(line.spans[count]) != body:
        return 0
    phrase = " ".join(s.text for s in line.spans[:count])
    if len(phrase.split()) > DEFAULT_MAX_RUN_IN_WORDS or not WORD.search(phrase) \
            or not (continued or phrase[:1].isupper() or phrase[:1].isdigit()):
        return 0
    # a heading ends: with a stop or colon, or the body text after it opens a sentence ("De opgave Veel …");
    # an emphasised term runs on into its sentence ("big data-verwerkingen", "Let op dat …")
    if not re.search(r"[.:—–]$", phrase) and not line.spans[count].text[:1].isupper():
        return 0
    return count


def fixed_pitch_fonts(lines: list[Line]) -> frozenset[str]:
    """Fonts set with one advance width for every character (a typewriter face: code, commands, file
    listings), told from the spans' widths per character: a proportional face varies with the letters."""
    pitches: dict[str, dict[str, float]] = {}
    for line in lines:
        for span in line.spans:
            if len(span.text) >= DEFAULT_PITCH_CHARS and span.size > 0:
                pitches.setdefault(_SUBSET.sub("", span.fontname), {})[span.text] = \
                    (span.x1 - span.x0) / len(span.text) / span.size
    fixed = set()
    for font, by_text in pitches.items():
        if len(by_text) < DEFAULT_MIN_PITCH_SPANS:
            continue
        widths = sorted(by_text.values())
        median = widths[len(widths) // 2]
        alike = sum(abs(w - median) <= DEFAULT_PITCH_TOLERANCE * median for w in widths)
        if alike >= DEFAULT_FIXED_PITCH_SHARE * len(widths):
            fixed.add(font)
    return frozenset(fixed)


def style_inventory(lines: list[Line]) -> Inventory:
    """Count every style's characters and uses over the body lines (in reading order)."""
    uses: dict[Style, StyleUse] = {}
    styles = [line_style(line) for line in lines]
    worded = mixed = 0
    for line in lines:
        sizes: dict[str, float] = {}
        noisy = False
        for span in line.spans:
            style = span_style(span)
            use = uses.get(style)
            if use is None:
                use = uses[style] = StyleUse()
            use.chars += len(span.text)
            if WORD.search(span.text):  # a footnote marker or a symbol mixes sizes in any typesetting
                noisy = noisy or abs(sizes.setdefault(style.font, style.size) - style.size) > DEFAULT_SIZE_STEP
        if len(line.spans) > 2:
            worded += 1
            mixed += noisy
    body = max(uses, key=lambda s: uses[s].chars) if uses else Style("", 10.0, False, False, False, "")
    run: list[Line] = []  # consecutive whole lines in one style: one use (a quote of six lines is one use)
    titles: set[int] = set()
    for position, (line, style) in enumerate(zip(lines, styles)):
        if style is None:
            split = run_in_split(line, body)
            if split:
                uses[span_style(line.spans[0])].run_in += 1
            continue
        run.append(line)
        nxt = lines[position + 1] if position + 1 < len(lines) else None
        if nxt is not None and nxt.page == line.page and styles[position + 1] == style \
                and 0 < nxt.top - line.top <= DEFAULT_RUN_GAP * line.size:
            continue
        text = " ".join(l.text.strip() for l in run)
        titled = (text[:1].isupper() or text[:1].isdigit()) and len(text.split()) <= DEFAULT_MAX_HEADING_WORDS
        if titled and not _SENTENCE_END.search(text):
            uses[style].heading += 1
            titles.update(id(l) for l in run)
        else:
            uses[style].running += 1
        run = []
    return Inventory(body=body, uses=uses, size_coherent=mixed <= DEFAULT_MAX_MIXED_SIZE_SHARE * worded,
                     titles=titles, fixed_pitch=fixed_pitch_fonts(lines))
