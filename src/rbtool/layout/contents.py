"""Tables of contents: recognised so that their entries never become sections or headings.

An entry line ends with a page number, reached either through a dot leader ("Inleiding ........ 5") or set
off in a span of its own at a common right edge ("1.2  Wonen    7"). A table of contents is a run of at
least DEFAULT_MIN_ENTRIES such lines on one page whose page numbers (mostly) do not decrease; the short
title line right above the run ("Inhoud", "Table des matières") belongs to it. Lines of a wrapped entry
between two entries belong to it too, and so do those that open a page when the contents went on to the end
of the page before (an entry wrapped over the page break). Where a tagged PDF's structure tree marks the
entries as contents (TOC/TOCI), a shorter run is one too: a single entry line that ends in its page number.
"""
from __future__ import annotations

import re

from rbtool.pdf import Line, tagged_as

# A table of contents has at least this many entries.
DEFAULT_MIN_ENTRIES = 3
# Right-aligned page numbers end within this share of the font size of each other.
DEFAULT_ALIGN = 0.6
# At least this share of consecutive entries keep or raise the page number.
DEFAULT_ORDERED_SHARE = 0.8
# A title above the entries is at most this many words.
DEFAULT_MAX_TITLE_WORDS = 4
# An entry wraps over at most this many lines before the one that ends in its page number (a long question
# as a section title takes three).
DEFAULT_MAX_WRAPPED_LINES = 3

_LEADER = re.compile(r"(?:\.{3,}|…+|(?:\. ){3,}\.?|_{3,})\s*(\d{1,4}|[ivxlc]{1,6})$", re.I)
_PAGE_NUMBER = re.compile(r"^(\d{1,4}|[ivxlc]{1,6})$", re.I)
_ROMAN = "ivxlc"


def _page_number(line: Line) -> tuple[int, bool] | None:
    """(page number, whether a dot leader leads to it) for a line that ends like a contents entry."""
    text = line.text.strip()
    match = _LEADER.search(text)
    if match:
        return _number(match.group(1)), True
    # the title before a right-aligned page number ends in a word or a sign, never in a number (a table row)
    if len(line.spans) > 1 and _PAGE_NUMBER.match(line.spans[-1].text) and line.spans[-1].space_before \
            and re.search(r"[^\W\d_]{2}\W*$", line.spans[-2].text):
        return _number(line.spans[-1].text), False
    return None


def _number(label: str) -> int:
    if label.isdigit():
        return int(label)
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
    digits = [values[c] for c in label.lower() if c in _ROMAN]
    return sum(-d if i + 1 < len(digits) and d < digits[i + 1] else d for i, d in enumerate(digits))


def find_contents(lines: list[tuple[int, Line]]) -> set[int]:
    """Positions (in `lines`, which are (page, line) in reading order) of lines that form a table of contents."""
    found: set[int] = set()
    run: list[tuple[int, int, bool, Line]] = []  # (position, page number, dotted, line)

    def close() -> None:
        if run and (_is_contents(run) or all(tagged_as(line, "TOCI") for *_, line in run)):
            first, last = run[0][0], run[-1][0]
            found.update(range(first, last + 1))
            opening = _opening_lines(lines, first)
            if opening and opening[0] - 1 in found:
                found.update(opening)
            elif first > 0:
                page, above = lines[first - 1]
                words = above.text.split()
                if page == lines[first][0] and 0 < len(words) <= DEFAULT_MAX_TITLE_WORDS \
                        and not _page_number(above) and not re.search(r"[.,;:]$", above.text.strip()):
                    found.add(first - 1)
        run.clear()

    for position, (page, line) in enumerate(lines):
        entry = _page_number(line)
        if entry is None:
            # a wrapped entry: a few lines without a number between entries of the same page
            if run and page == lines[run[-1][0]][0] and position - run[-1][0] <= DEFAULT_MAX_WRAPPED_LINES \
                    and _entry_follows(lines, position, page, DEFAULT_MAX_WRAPPED_LINES - (position - run[-1][0] - 1)):
                continue
            close()
            continue
        if run and (page != lines[run[-1][0]][0] or position - run[-1][0] > DEFAULT_MAX_WRAPPED_LINES + 1):
            close()
        run.append((position, entry[0], entry[1], line))
    close()
    return found


def _entry_follows(lines: list[tuple[int, Line]], position: int, page: int, within: int) -> bool:
    """An entry line follows `position` on the same page within `within` lines."""
    for page_after, line in lines[position + 1:position + 1 + within]:
        if page_after != page:
            return False
        if _page_number(line) is not None:
            return True
    return False


def _opening_lines(lines: list[tuple[int, Line]], first: int) -> list[int]:
    """The lines that open the page of position `first` before it, if they are a wrapped entry's first lines
    (at most DEFAULT_MAX_WRAPPED_LINES): positions in order, else []."""
    page = lines[first][0]
    start = first
    while start > 0 and lines[start - 1][0] == page:
        start -= 1
    return list(range(start, first)) if 0 < first - start <= DEFAULT_MAX_WRAPPED_LINES and start > 0 else []


def _is_contents(run: list[tuple[int, int, bool, Line]]) -> bool:
    if len(run) < DEFAULT_MIN_ENTRIES:
        return False
    numbers = [number for _, number, _, _ in run]
    ordered = sum(b >= a for a, b in zip(numbers, numbers[1:]))
    if ordered < DEFAULT_ORDERED_SHARE * (len(numbers) - 1):
        return False
    # entries without a dot leader share the right edge of their page numbers
    plain = [line for _, _, dotted, line in run if not dotted]
    if not plain:
        return True
    edges = sorted(line.x1 for line in plain)
    middle = edges[len(edges) // 2]
    aligned = sum(abs(line.x1 - middle) <= DEFAULT_ALIGN * line.size for line in plain)
    return aligned >= DEFAULT_ORDERED_SHARE * len(plain)
