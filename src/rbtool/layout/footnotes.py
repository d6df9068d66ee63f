"""Footnote zone at a page's foot, the notes in it, and the superscript markers in the running text.

The zone is found per page: the run of lines at the bottom (furniture already removed) set smaller than
the body, optionally below a short horizontal rule. A note starts with its number (a separate span or
digits glued to the text, superscript or not) at the zone's left edge and continues until the next
number — also onto the next page when the zone there starts without a number.
A marker is a span of digits set clearly smaller than its line and raised above the line's baseline.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

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
_NOTE_START = re.compile(r"^(?:\[(\d{1,3})\]\s*|(\d{1,3})(?:[.)]?\s*))(?=\S|$)")
# A marker written in brackets at the text's own size: "wonen.[5]"
_BRACKETED = re.compile(r"\[(\d{1,3})\]")


@dataclass
class NoteDraft:
    number: int
    page: int
    page_end: int
    lines: list[str]


def split_footnote_zone(lines: list[Line], rects: list[Rect], body_size: float,
                        text_left: float, text_right: float) -> tuple[list[Line], list[Line]]:
    """Split a page's lines (top to bottom, furniture removed) into (body lines, footnote lines)."""
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
    # without a rule, some line of the trailing small text must start a note
    if not zone or not any(note_number(l) is not None for l in zone):
        return lines, []
    return lines[:start], zone


def note_number(line: Line) -> int | None:
    """The number a footnote line starts with, or None."""
    first = line.spans[0].text if line.spans else ""
    match = _NOTE_START.match(first)
    if not match:
        return None
    if match.group(1):  # "[3]Zie ook ...": a bracketed number opens a note whatever follows
        return int(match.group(1))
    rest = first[match.end():]
    # "2019 was..." is text, not note 2019: a number glued to text or followed by a tab/superscript
    if len(line.spans) == 1 and rest and rest[0].isdigit():
        return None
    return int(match.group(2))


def raised_number(line: Line) -> bool:
    """Whether the line opens with its number set as a superscript (a span of digits smaller than the line)."""
    first = line.spans[0] if line.spans else None
    return (first is not None and len(line.spans) > 1 and first.text.isdigit()
            and first.size <= DEFAULT_MARKER_SIZE_RATIO * line.size)


def _set_apart(line: Line) -> bool:
    """A note number set as a superscript or in brackets: evidence enough that a note starts."""
    return raised_number(line) or line.spans[0].text.startswith("[")


def parse_notes(zone_lines: list[Line], page: int, drafts: list[NoteDraft]) -> None:
    """Append the notes of one page's zone to `drafts` (continuing the last draft when a line has no number).

    A line starts a note when it opens with the next number(s) of the sequence at the notes' left edge.
    A superscript number is evidence enough by itself (also after a lost note, and whatever the indent):
    continuation lines may start with a plain number ("92 – 97; ...") at another indent, so the notes'
    left edge is taken from the superscript-numbered lines when there are any."""
    numbered = [l for l in zone_lines if note_number(l) is not None]
    raised = [l for l in numbered if _set_apart(l)]
    left = min((l.x0 for l in raised or numbered), default=min((l.x0 for l in zone_lines), default=0.0))
    last = drafts[-1].number if drafts else 0
    previous: Line | None = None
    for line in zone_lines:
        # text far below the notes (a colophon, a print code) is not part of them
        if previous is not None and line.top - previous.bottom > DEFAULT_NOTE_GAP * line.size:
            break
        previous = line
        number = note_number(line)
        if number is None:
            starts = False
        elif _set_apart(line):
            starts = number > last or not drafts
        else:
            starts = (abs(line.x0 - left) < line.size
                      and (last < number <= last + DEFAULT_MAX_NUMBER_JUMP or not drafts))
        if starts:
            text = _strip_number(line)
            drafts.append(NoteDraft(number=number, page=page, page_end=page, lines=[text]))
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


def bracketed_markers(text: str, notes: set[int]) -> tuple[str, list[tuple[int, int]]]:
    """The text without markers written in brackets ("wonen.[5]") for notes the document has, and the
    markers as (offset in the returned text, number). Brackets around other numbers stay text."""
    if "[" not in text:
        return text, []
    out, markers, last = "", [], 0
    for match in _BRACKETED.finditer(text):
        number = int(match.group(1))
        if number not in notes:
            continue
        out += text[last:match.start()]
        markers.append((len(out.rstrip()), number))
        last = match.end()
    return out + text[last:], markers
