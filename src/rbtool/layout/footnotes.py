"""Footnote zone at a page's foot, the notes in it, and the superscript markers in the running text.

The zone is found per page: the run of lines at the bottom (furniture already removed) set smaller than
the body, optionally below a short horizontal rule. A note starts with its number (a separate span or
digits glued to the text, superscript or not) at the zone's left edge and continues until the next
number — also onto the next page when the zone there starts without a number.
A note's number may be printed plain, raised or in brackets ("[12]", "(12)").

Markers in the running text are either a span of digits set clearly smaller than its line and raised above
the line's baseline, or — when the document labels its notes in brackets — the same bracketed number in
the body text. Either counts only when it matches a note found in a footnote zone (`NoteIndex`): a
bracketed number must match a note standing on its page (or the next, where a note that did not fit
went), so "(12)" in a list or "[3]" in a citation on a page without note 3 stays text.

Numbering is decided per document: when most pages with notes start again at a number the previous
notes page already reached, the printed numbers restart per page. They then cannot identify a note; notes
are numbered in document order (1..N) and each note is given the page whose markers it serves: the notes
and the markers of the running text, both in reading order, are aligned by their printed numbers (a note
serves a marker with its number on its own page or on the page next to it — a note that did not fit went
to the next page, one placed early to the page before). A marker's printed number is looked up among the
notes serving its page.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from rbtool.layout.styles import WORD
from rbtool.pdf import Line, Rect, Span

# Footnote lines are set at most this share of the body size.
DEFAULT_NOTE_SIZE_RATIO = 0.9
# A rule line above the notes is at most this share of the text width and at most this thick.
DEFAULT_RULE_MAX_WIDTH = 0.6
DEFAULT_RULE_THICKNESS = 2.0
# A marker is at most this share of its line's size, and its bottom is raised by this share of the size.
DEFAULT_MARKER_SIZE_RATIO = 0.8
DEFAULT_MARKER_RAISE = 0.15
# A note number jumps at most this far ahead of the previous one (a gap means a note was lost).
DEFAULT_MAX_NUMBER_JUMP = 5

# A vertical gap of this many sizes ends the footnote zone.
DEFAULT_NOTE_GAP = 3.0

_MARKER_TEXT = re.compile(r"^\d{1,3}(?:[,–-]\d{1,3})*[,]?$")
_NOTE_START = re.compile(r"^(?:(\d{1,3})[.)]?|\[(\d{1,3})\]|\((\d{1,3})\))\s*(?=\S|$)")
_MARKER_NUMBERS = r"(\d{1,3}(?:[,–-]\d{1,3})*)"
_BRACKETED_MARKER = {"[": re.compile(r"\[" + _MARKER_NUMBERS + r"\]"),
                     "(": re.compile(r"\(" + _MARKER_NUMBERS + r"\)")}


@dataclass
class NoteDraft:
    number: int  # the note's number in the document (its printed label unless numbering restarts per page)
    page: int
    page_end: int
    lines: list[str]
    label: int | None = None  # the printed number when it is not `number`
    bracket: str = ""  # "[" or "(" when the printed number stands in brackets

    @property
    def printed(self) -> int:
        return self.number if self.label is None else self.label


def split_footnote_zone(lines: list[Line], rects: list[Rect], body_size: float,
                        text_left: float, text_right: float, last_note: int = 0) -> tuple[list[Line], list[Line]]:
    """Split a page's lines (top to bottom, furniture removed) into (body lines, footnote lines).

    Without a rule above them, the small lines at the foot are notes only when one of them opens with a
    note number: one set apart (raised or bracketed), or a plain number on a line set small throughout that
    can follow `last_note`, the highest note number printed on the pages before. "43. Agendapunt: Rondvraag"
    — a form's small labels before a value at the body size, in a document without notes so far — is an
    enumerated item, not note 43."""
    small = DEFAULT_NOTE_SIZE_RATIO * body_size
    width = max(text_right - text_left, 1.0)
    # A short rule with a numbered small line right below it opens the zone; the notes are the small
    # lines that follow (larger text further down, such as a colophon, stays body).
    for rule in sorted((r for r in rects if r.height <= DEFAULT_RULE_THICKNESS
                        and 0 < r.width <= DEFAULT_RULE_MAX_WIDTH * width), key=lambda r: r.top):
        below = [i for i, l in enumerate(lines) if l.top >= rule.bottom - 1]
        if not below:
            continue
        first = below[0]
        if lines[first].size < small and note_number(lines[first]) is not None:
            end = first
            while end < len(lines) and lines[end].size < small:
                end += 1
            return lines[:first] + lines[end:], lines[first:end]
    start = len(lines)
    while start > 0 and lines[start - 1].size < small:
        start -= 1
    zone = lines[start:]
    if not any(_opens_note(line, small, last_note) for line in zone):
        return lines, []
    return lines[:start], zone


def _opens_note(line: Line, small: float, last_note: int) -> bool:
    """The line opens with a note number set apart (raised or bracketed), or with a plain number that can
    follow `last_note` on a line with no word at the size `small` or larger (a line's size is that of most
    of its characters: small labels before a value at the body size make a line that is mostly small)."""
    if _marked_number(line):
        return True
    number = note_number(line)
    return number is not None and number <= last_note + DEFAULT_MAX_NUMBER_JUMP \
        and not any(s.size >= small and WORD.search(s.text) for s in line.spans)


def note_number(line: Line) -> int | None:
    """The number a footnote line starts with, or None."""
    first = line.spans[0].text if line.spans else ""
    match = _NOTE_START.match(first)
    if not match:
        return None
    rest = first[match.end():]
    # "2019 was..." is text, not note 2019: a number glued to text or followed by a tab/superscript
    if len(line.spans) == 1 and rest and rest[0].isdigit():
        return None
    return int(next(group for group in match.groups() if group))


def note_bracket(line: Line) -> str:
    """The opening bracket around the number a footnote line starts with ("[12]", "(12)"), or ""."""
    first = line.spans[0].text if line.spans else ""
    return first[0] if note_number(line) is not None and first[:1] in _BRACKETED_MARKER else ""


def raised_number(line: Line) -> bool:
    """Whether the line opens with its number set as a superscript (a span of digits smaller than the line)."""
    first = line.spans[0] if line.spans else None
    return (first is not None and len(line.spans) > 1 and first.text.isdigit()
            and first.size <= DEFAULT_MARKER_SIZE_RATIO * line.size)


def _notes_left(zone_lines: list[Line]) -> float:
    """The notes' left edge: where the superscript- or bracket-numbered lines start, else the numbered ones."""
    numbered = [l for l in zone_lines if note_number(l) is not None]
    marked = [l for l in numbered if _marked_number(l)]
    return min((l.x0 for l in marked or numbered), default=min((l.x0 for l in zone_lines), default=0.0))


def _marked_number(line: Line) -> bool:
    """A note number set apart from the text by more than a space: raised or in brackets."""
    return raised_number(line) or bool(note_bracket(line))


def restarts_per_page(zones: list[list[Line]]) -> bool:
    """Whether the document numbers its notes per page: on most pages with notes after the first, the
    first note's number is not above the last number of the previous notes page (document-wide numbering
    only ever goes on)."""
    restarts = goes_on = 0
    previous: list[int] = []
    for zone in zones:
        left = _notes_left(zone)
        numbers = [n for l in zone if (n := note_number(l)) is not None
                   and (_marked_number(l) or abs(l.x0 - left) < l.size)]
        if not numbers:
            continue
        if previous:
            if numbers[0] <= max(previous):
                restarts += 1
            else:
                goes_on += 1
        previous = numbers
    return restarts > goes_on


def parse_notes(zone_lines: list[Line], page: int, drafts: list[NoteDraft], per_page: bool = False) -> None:
    """Append the notes of one page's zone to `drafts` (continuing the last draft when a line has no number).

    A line starts a note when it opens with the next number(s) of the sequence at the notes' left edge.
    A superscript or bracketed number is evidence enough by itself (also after a lost note, and whatever
    the indent); in a zone that has such numbers, a plain number opening a line is a continuation
    ("92 – 97; ...", "6 september 2019."). With numbering per page
    (`per_page`) the sequence starts again on every page, and a note moved to the foot of the page before
    its marker's may repeat a number, so a "1" always starts a note; the notes are numbered in document
    order, their printed number kept as `label`."""
    left = _notes_left(zone_lines)
    # where notes set their numbers apart, a plain number opening a line continues a note ("6 september")
    marked = any(_marked_number(l) for l in zone_lines)
    last = 0 if per_page else (drafts[-1].number if drafts else 0)
    previous: Line | None = None
    for line in zone_lines:
        # text far below the notes (a colophon, a print code) is not part of them
        if previous is not None and line.top - previous.bottom > DEFAULT_NOTE_GAP * line.size:
            break
        previous = line
        number = note_number(line)
        if number is None:
            starts = False
        elif _marked_number(line):
            starts = number > last or not drafts or (per_page and number == 1)
        else:
            starts = (not marked and abs(line.x0 - left) < line.size
                      and (last < number <= last + DEFAULT_MAX_NUMBER_JUMP or not drafts
                           or (per_page and number == 1)))
        if starts:
            text = _strip_number(line)
            drafts.append(NoteDraft(number=len(drafts) + 1 if per_page else number, page=page, page_end=page,
                                    lines=[text], label=number if per_page else None, bracket=note_bracket(line)))
            last = number
        elif drafts:
            drafts[-1].lines.append(line.text)
            drafts[-1].page_end = page


def _strip_number(line: Line) -> str:
    first = line.spans[0]
    match = _NOTE_START.match(first.text)
    rest = first.text[match.end():]
    tail = line.spans[1:]
    parts = [rest] if rest else []
    text = "".join(parts)
    for span in tail:
        if text and span.space_before:
            text += " "
        text += span.text
    return text.strip()


def marker_numbers(span: Span, line: Line) -> list[int] | None:
    """The footnote numbers a span stands for when it is a superscript marker, else None."""
    text = span.text.strip()
    if not _MARKER_TEXT.match(text):
        return None
    if span.size > DEFAULT_MARKER_SIZE_RATIO * line.size:
        return None
    if span.bottom > line.bottom - DEFAULT_MARKER_RAISE * line.size:
        return None
    return _numbers(text)


def _numbers(text: str) -> list[int] | None:
    """"3", "3,4" or "3-5" as note numbers (a range wider than a few notes is not one)."""
    numbers: list[int] = []
    for part in re.split(r",", text.rstrip(",")):
        if "-" in part or "–" in part:
            lo, hi = (int(x) for x in re.split(r"[-–]", part))
            if lo < hi <= lo + DEFAULT_MAX_NUMBER_JUMP:
                numbers.extend(range(lo, hi + 1))
            else:
                return None
        else:
            numbers.append(int(part))
    return numbers


class NoteIndex:
    """The notes found in the footnote zones, to decide which numbers in the running text are their markers.

    `body_lines` (the running text in reading order) serve numbering per page: they give each note the page
    whose marker it serves."""

    def __init__(self, drafts: list[NoteDraft] = (), per_page: bool = False, body_lines: list[Line] = ()):
        self.per_page = per_page
        self.numbers = {d.number for d in drafts}
        self.pages = {d.number: (d.page, d.page_end) for d in drafts}
        self.by_label: dict[tuple[int, int], list[int]] = {}
        for d in drafts:
            self.by_label.setdefault((d.page, d.printed), []).append(d.number)
        # the document's bracket for markers: the one most of its notes are labelled with
        brackets = Counter(d.bracket for d in drafts).most_common(1)
        self.bracket = brackets[0][0] if brackets else ""
        self.by_marker: dict[tuple[int, int], list[int]] = {}
        if per_page and body_lines:
            candidates = [(line.page, n) for line in body_lines for n in self._printed_markers(line)]
            served = align_notes([(d.page, d.printed) for d in drafts], candidates)
            for i, d in enumerate(drafts):
                if i in served:
                    self.by_marker.setdefault((candidates[served[i]][0], d.printed), []).append(d.number)

    def _printed_markers(self, line: Line) -> list[int]:
        """The numbers the line prints as possible markers, in reading order: raised digits, and where the
        notes are labelled in brackets, bracketed numbers (not one opening a line of text: a list label)."""
        pattern = _BRACKETED_MARKER.get(self.bracket)
        printed: list[int] = []
        before = ""  # the line's text before the span
        for position, span in enumerate(line.spans):
            if (numbers := marker_numbers(span, line)) is not None:
                printed += numbers
            elif pattern:
                for match in pattern.finditer(span.text):
                    if not _list_label(before + span.text[:match.start()], span.text[match.end():],
                                       more=position + 1 < len(line.spans)):
                        printed += _numbers(match.group(1)) or []
            before += span.text
        return printed

    @classmethod
    def throughout(cls, numbers) -> NoteIndex:
        """Notes numbered through the document, pages unknown (superscript markers only)."""
        return cls([NoteDraft(number=n, page=0, page_end=0, lines=[]) for n in numbers])

    def resolve(self, printed: list[int], page: int, bracketed: bool) -> list[int] | None:
        """The notes a marker printed as `printed` on `page` stands for, or None when it is not a marker."""
        found = [self._note(n, page, bracketed) for n in printed]
        return None if None in found else found

    def _note(self, printed: int, page: int, bracketed: bool) -> int | None:
        if self.per_page:
            if (page, printed) in self.by_marker:
                return self.by_marker[page, printed][0]
            # a marker the alignment left out: the note on its page; else the last such note of the page
            # before (the marker moved on after its note was placed), else the first of the next page (a note
            # that did not fit moved there)
            for at, pick in ((page, 0), (page - 1, -1), (page + 1, 0)):
                if (at, printed) in self.by_label:
                    return self.by_label[at, printed][pick]
            return None
        if printed not in self.numbers:
            return None
        first, last = self.pages[printed]
        if bracketed and not first - 1 <= page <= last + 1:
            return None  # "(12)" far from note 12 is text
        return printed


def align_notes(notes: list[tuple[int, int]], markers: list[tuple[int, int]]) -> dict[int, int]:
    """Pair notes with the markers they serve, both given as (page, printed number) in reading order: the
    most pairs of equal numbers on the same or adjacent pages with neither order crossed, and among those
    the most on the same page. Returns note position -> marker position."""
    pair, same_page = 2 * len(notes) + 2, 1  # one more pair outweighs any number of same-page pairs
    columns = len(markers) + 1
    best = [[0] * columns for _ in range(len(notes) + 1)]
    for i, (note_page, note_label) in enumerate(notes, 1):
        row, above = best[i], best[i - 1]
        for j, (marker_page, marker_label) in enumerate(markers, 1):
            score = max(above[j], row[j - 1])
            if note_label == marker_label and abs(note_page - marker_page) <= 1:
                score = max(score, above[j - 1] + pair + (same_page if note_page == marker_page else 0))
            row[j] = score
    served: dict[int, int] = {}
    i, j = len(notes), len(markers)
    while i and j:
        if best[i][j] == best[i - 1][j]:
            i -= 1
        elif best[i][j] == best[i][j - 1]:
            j -= 1
        else:
            served[i - 1] = j - 1
            i, j = i - 1, j - 1
    return served


def line_markers(line: Line, notes: NoteIndex) -> tuple[str, list[tuple[int, int]]]:
    """The line's text without footnote markers, and the markers as (offset, note number)."""
    text, markers = "", []
    pattern = _BRACKETED_MARKER.get(notes.bracket)
    for position, span in enumerate(line.spans):
        printed = marker_numbers(span, line)
        numbers = notes.resolve(printed, line.page, bracketed=False) if printed else None
        if numbers:
            markers.extend((len(text.rstrip()), n) for n in numbers)
            continue
        if text and span.space_before and not text.endswith(" "):
            text += " "
        if pattern:
            text = _strip_bracketed(text, span.text, pattern, line.page, notes, markers,
                                    more=position + 1 < len(line.spans))
        else:
            text += span.text
    stripped = text.rstrip()
    return stripped, [(min(pos, len(stripped)), n) for pos, n in markers]


def _list_label(before: str, after: str, more: bool) -> bool:
    """Whether a bracketed number with `before` and `after` it on its line (`more`: spans follow) opens a line
    of text, as a list label "(1) ..." does."""
    return not before.strip() and (more or bool(after.strip()))


def _strip_bracketed(text: str, piece: str, pattern: re.Pattern, page: int, notes: NoteIndex,
                     markers: list[tuple[int, int]], more: bool) -> str:
    """`text` + `piece` without the bracketed markers in `piece` (recorded in `markers`; `more`: spans follow
    on the line). With numbering per page every page has a note 1, so there a bracketed number that opens a
    line of text is taken for a list label ("(1) ..."); alone on its line it is a marker wrapped after its
    sentence."""
    position = 0
    for match in pattern.finditer(piece):
        if notes.per_page and _list_label(text + piece[:match.start()], piece[match.end():], more):
            continue
        printed = _numbers(match.group(1))
        numbers = notes.resolve(printed, page, bracketed=True) if printed else None
        if not numbers:
            continue
        text += piece[position:match.start()]
        markers.extend((len(text.rstrip()), n) for n in numbers)
        position = match.end()
        if (not text or text.endswith(" ")) and piece[position:position + 1] == " ":
            position += 1
    return text + piece[position:]
