"""Page furniture: running headers, footers and page numbers, colophons and margin columns.

A line is furniture when it is among the top or bottom lines of its page and its text, with every run of
digits replaced by "#", recurs at the same edge on a good share of the pages. The digit run that changes
from page to page in such a template is the printed page label.

Text standing beside the document's text column, set no larger than the body, mostly on lines of its own,
is a margin column (a memo's "Datum / Kenmerk / Bijlage(n)", the colophon of a parliamentary paper:
"ah-tk-20232024-1178 ISSN 0921 - 7398 ’s-Gravenhage 2024"); labels standing beside their values on the same
lines ("Zaak:", "Besluit:") are a form and stay.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from rbtool.pdf import Line, content_roles, line_of

# How many lines at the top and at the bottom of a page are candidates for running headers/footers.
DEFAULT_EDGE_LINES = 2
# A template recurring on at least this share of the pages (and on at least 2 pages) is furniture.
DEFAULT_REPEAT_SHARE = 0.3
# Candidates must lie in this outer share of the page height (a page number is never mid-page).
DEFAULT_EDGE_ZONE = 0.2

# A line set more than this share larger or smaller than the usual size of its recurring text is not that
# furniture: a title page that prints the running title in large type keeps it.
DEFAULT_FURNITURE_SIZE_RATIO = 0.15

# Lines at the same edge whose top (bottom) lies within the same band of this many points share a slot ...
DEFAULT_SLOT_TOLERANCE = 2.0
# ... and a slot filled on enough pages is a running header when at least this share of its lines carry a
# text that stands in the slot on other pages too.
DEFAULT_SLOT_RECURRENCE = 0.6
# A top slot whose text changes on every page (the chapter's and the section's title together) is a running
# header when on at least this share of its pages it is the page's first line, set no larger than the line
# below it and standing clear of it by at least DEFAULT_HEADER_CLEARANCE of its own size (body lines follow
# each other at a fraction of their size; a page that opens with running text has no such gap).
DEFAULT_HEADER_BAND_SHARE = 0.9
DEFAULT_HEADER_CLEARANCE = 1.5

# Running text that can serve as the document title is at least this share letters.
DEFAULT_TITLE_LETTER_SHARE = 0.7
# The page-number run keeps one offset to the page index on at least this share of the pages.
DEFAULT_LABEL_CONSISTENCY = 0.5

# The text column is where this share of the body-size text lies between its left and right edges
# (the rest: hanging labels, a stray wide line).
DEFAULT_COLUMN_SHARE = 0.98
# A span beside the column stands at least this many body sizes clear of it ...
DEFAULT_MARGIN_CLEARANCE = 1.0
# ... and the margin text of a page is a column of its own when at least this share of its spans stand on
# lines without column text.
DEFAULT_MARGIN_ALONE_SHARE = 0.5
# A size within this many points of the body size counts as the body size.
DEFAULT_SIZE_TOLERANCE = 0.3

_DIGITS = re.compile(r"\d+")
_ALNUM = re.compile(r"[^\W_]")
_WORDS = re.compile(r"[^\W\d_]{3}")  # a running line with words, not a bare page number
_ROMAN = re.compile(r"^[ivxlc]+$", re.I)


@dataclass(frozen=True)
class Furniture:
    lines: frozenset[tuple[int, int]]  # (page index, line position on that page)
    labels: dict[int, str]  # page index → printed page label
    text: str | None  # the running text of the header/footer without the page number


def template(text: str) -> str:
    return _DIGITS.sub("#", re.sub(r"\s+", " ", text.strip()))


def find_furniture(pages: list[tuple[int, float, list[Line]]]) -> Furniture:
    """pages: (page index, page height, lines top to bottom)."""
    candidates: dict[tuple[str, str], list[tuple[int, int, Line]]] = defaultdict(list)
    for index, height, lines in pages:
        edge = DEFAULT_EDGE_ZONE * height
        positions = list(range(min(DEFAULT_EDGE_LINES, len(lines))))
        positions += list(range(max(len(positions), len(lines) - DEFAULT_EDGE_LINES), len(lines)))
        for pos in positions:
            line = lines[pos]
            if line.top < edge:
                where = "top"
            elif line.bottom > height - edge:
                where = "bottom"
            else:
                continue
            candidates[(where, template(line.text))].append((index, pos, line))
    needed = max(2, DEFAULT_REPEAT_SHARE * len(pages))
    candidates = {key: _in_recurring_sizes(hits, needed) for key, hits in candidates.items()}
    found: set[tuple[int, int]] = set()
    labels: dict[int, str] = {}
    texts: Counter = Counter()
    for (where, tmpl), hits in candidates.items():
        if len({h[0] for h in hits}) < needed:
            continue
        for index, pos, _ in hits:
            found.add((index, pos))
        label_at = _varying_digit_run(hits)
        for index, _, line in hits:
            if label_at is not None:
                runs = _DIGITS.findall(line.text)
                if label_at < len(runs):
                    labels.setdefault(index, runs[label_at])
        stripped = _strip_label(hits[0][2].text, label_at).strip(" ·|-–")
        letters = sum(c.isalpha() for c in stripped)
        # a running title is words; a print code ("VerDate Sep<11>2014 16:21 … Frm 00001") is mostly not
        if letters >= DEFAULT_TITLE_LETTER_SHARE * len(stripped.replace(" ", "")) and letters >= 3:
            texts[stripped] += len(hits)
    # A recurring line merged with one-off text on one page (the page-1 footer beside the colophon's last
    # line: "’s-Gravenhage 2024 | Tweede Kamer, vergaderjaar 2023–2024, Aanhangsel 1") is furniture too.
    recurring = {key: _varying_digit_run(hits) for key, hits in candidates.items()
                 if len({h[0] for h in hits}) >= needed}
    for (where, tmpl), hits in candidates.items():
        if (where, tmpl) in recurring:
            continue
        for (edge, known), label_at in recurring.items():
            if edge == where and _WORDS.search(known) and (tmpl.endswith(" " + known) or tmpl.startswith(known + " ")):
                for index, pos, line in hits:
                    found.add((index, pos))
                    runs = _DIGITS.findall(line.text)
                    if label_at is not None:
                        at = label_at + (len(runs) - known.count("#") if tmpl.endswith(" " + known) else 0)
                        labels.setdefault(index, runs[at])
                break
    # A running header whose text changes per chapter ("2 Analyse" over the pages of chapter 2, "3 Maatregelen
    # per ministerie" over those of chapter 3): one slot at the page's edge (the same position, font and size)
    # filled on a good share of the pages, with text that mostly recurs from page to page. Body lines and
    # headings that happen to open pages at the same height carry text of their own.
    slots: dict[tuple, list[tuple[int, int, Line, str]]] = defaultdict(list)
    for (where, tmpl), hits in candidates.items():
        for index, pos, line in hits:
            anchor = line.top if where == "top" else line.bottom
            slots[(where, round(anchor / DEFAULT_SLOT_TOLERANCE), line.fontname, round(line.size, 1))].append(
                (index, pos, line, tmpl))
    lines_of = {index: lines for index, _, lines in pages}
    for (where, *_), slot_hits in slots.items():
        if len({h[0] for h in slot_hits}) < needed or all((h[0], h[1]) in found for h in slot_hits):
            continue
        pages_of = Counter(h[3] for h in slot_hits)
        recurring_texts = [n for n in pages_of.values() if n > 1]
        # the text changes: two texts at least, each on two pages or more (one is the template rule above)
        if (len(recurring_texts) < 2 or sum(recurring_texts) < DEFAULT_SLOT_RECURRENCE * len(slot_hits)) \
                and not (where == "top" and _header_band(slot_hits, lines_of)):
            continue
        hits = [h[:3] for h in slot_hits]
        found.update((index, pos) for index, pos, _ in hits)
        label_at = _varying_digit_run(hits, from_end=True)
        if label_at is not None:
            for index, _, line in hits:
                runs = _DIGITS.findall(line.text)
                if label_at < len(runs):
                    labels.setdefault(index, runs[-1 - label_at])
    # A tagged PDF marks its page furniture as artifacts (the structure tree's "Artifact"): a line wholly so
    # marked at a page's edge is furniture even where its text recurs nowhere (a first page's own footer).
    for index, height, lines in pages:
        edge = DEFAULT_EDGE_ZONE * height
        for pos, line in enumerate(lines):
            if (line.top < edge or line.bottom > height - edge) and _marked_artifact(line):
                found.add((index, pos))
    # Standalone roman page numbers ("iv") recur only as a template of their own; accept lone numerals.
    for index, height, lines in pages:
        for pos in (0, len(lines) - 1):
            if 0 <= pos < len(lines) and index not in labels and _ROMAN.match(lines[pos].text.strip()):
                found.add((index, pos))
                labels[index] = lines[pos].text.strip()
    text = texts.most_common(1)[0][0] if texts else None
    return Furniture(lines=frozenset(found), labels=labels, text=text)


def _header_band(slot_hits: list[tuple[int, int, Line, str]], lines_of: dict[int, list[Line]]) -> bool:
    """A top slot set apart from the text below it on (nearly) every page it fills: the page's first line,
    no larger than the next line, with a gap of DEFAULT_HEADER_CLEARANCE of its size before it."""
    apart = 0
    for index, pos, line, _ in slot_hits:
        below = lines_of[index][pos + 1] if pos + 1 < len(lines_of[index]) else None
        if pos == 0 and below is not None and line.size <= below.size + DEFAULT_SIZE_TOLERANCE \
                and below.top - line.bottom >= DEFAULT_HEADER_CLEARANCE * line.size:
            apart += 1
    return apart >= DEFAULT_HEADER_BAND_SHARE * len(slot_hits)


def _marked_artifact(line: Line) -> bool:
    return content_roles(line) == {"Artifact"}


def _in_recurring_sizes(hits: list[tuple[int, int, Line]], needed: float) -> list[tuple[int, int, Line]]:
    """The occurrences of one edge text set at a size that recurs: a running header keeps its size from page
    to page (page numbers may change size between parts of a document, each part recurring), while a title
    page or a chapter heading that repeats its text in large type ("2 Begrotingen onder de loep" under the
    header of the chapter's first page) stands at its size on a few pages only and is no furniture. Sizes
    within DEFAULT_FURNITURE_SIZE_RATIO of each other are one size; without a size on `needed` pages, the
    commonest size is kept."""
    groups: list[list[tuple[int, int, Line]]] = []
    for hit in sorted(hits, key=lambda h: h[2].size):
        if groups and hit[2].size <= (1 + DEFAULT_FURNITURE_SIZE_RATIO) * groups[-1][0][2].size:
            groups[-1].append(hit)
        else:
            groups.append([hit])
    recurring = [hit for group in groups if len({h[0] for h in group}) >= needed for hit in group]
    kept = recurring or max(groups, key=len)
    return sorted(kept, key=lambda h: (h[0], h[1]))


def _varying_digit_run(hits: list[tuple[int, int, Line]], from_end: bool = False) -> int | None:
    """Index of the digit run that counts along with the pages (the page number), else None; counted from
    the line's end when `from_end` (the texts differ in front of it: a chapter title with its number).

    A page number keeps a constant offset to the PDF page index on most pages; other varying numbers
    (dates, job codes) do not."""
    runs = [(index, _DIGITS.findall(line.text)[::-1 if from_end else 1]) for index, _, line in hits]
    width = min((len(r) for _, r in runs), default=0)
    best, best_share = None, DEFAULT_LABEL_CONSISTENCY
    for i in range(width):
        # page numbers have no leading zeros ("Frm 00001" is a print code)
        offsets = Counter(int(r[i]) - index for index, r in runs if len(r[i]) <= 6 and not r[i].startswith("0"))
        if len({r[i] for _, r in runs}) < 2 or not offsets:
            continue
        share = offsets.most_common(1)[0][1] / len(runs)
        if share >= best_share:
            best, best_share = i, share
    return best


def _strip_label(text: str, label_at: int | None) -> str:
    if label_at is None:
        return text
    count = -1

    def drop(match: re.Match) -> str:
        nonlocal count
        count += 1
        return "" if count == label_at else match.group(0)

    return _DIGITS.sub(drop, text)


def text_column(lines: list[Line], body_size: float) -> tuple[float, float]:
    """The left and right edge of the document's text column, from the spans set at the body size."""
    lefts, rights = [], []
    for line in lines:
        for span in line.spans:
            if abs(span.size - body_size) < DEFAULT_SIZE_TOLERANCE:
                lefts.append(span.x0)
                rights.append(span.x1)
    if not lefts:
        return float("-inf"), float("inf")
    lefts.sort()
    rights.sort()
    cut = int((1 - DEFAULT_COLUMN_SHARE) * len(lefts))
    return lefts[cut], rights[len(rights) - 1 - cut]


def strip_margin_column(pages: list[list[Line]], column: tuple[float, float], body_size: float) -> list[list[Line]]:
    """Every page's lines without the document's margin column (see the module doc); lines left empty are
    dropped. The evidence is counted over the whole document: one page's margin may hold only a label
    that happens to share a line with the text."""
    clearance = DEFAULT_MARGIN_CLEARANCE * body_size
    left, right = column[0] - clearance, column[1] + clearance
    beside: list[tuple[int, int, int]] = []  # (page position, line position, span position)
    alone = 0
    for page_pos, lines in enumerate(pages):
        # the page's outermost lines are left to find_furniture: page numbers stand beside the column too
        for pos, line in enumerate(lines[1:-1], start=1):
            if line.x0 >= left and line.x1 <= right:
                continue
            outside = [i for i, s in enumerate(line.spans) if (s.x1 < left or s.x0 > right)
                       and s.size <= body_size + DEFAULT_SIZE_TOLERANCE and _ALNUM.search(s.text)]
            if outside:
                beside += [(page_pos, pos, i) for i in outside]
                inside = any(left <= s.x1 and s.x0 <= right for s in line.spans)
                alone += 0 if inside else len(outside)
    if not beside or alone < DEFAULT_MARGIN_ALONE_SHARE * len(beside):
        return pages
    drop: dict[tuple[int, int], set[int]] = {}
    for page_pos, pos, i in beside:
        drop.setdefault((page_pos, pos), set()).add(i)
    return [_without_spans(lines, page_pos, drop) for page_pos, lines in enumerate(pages)]


def _without_spans(lines: list[Line], page_pos: int, drop: dict[tuple[int, int], set[int]]) -> list[Line]:
    kept: list[Line] = []
    for pos, line in enumerate(lines):
        gone = drop.get((page_pos, pos))
        if not gone:
            kept.append(line)
            continue
        spans = tuple(s for i, s in enumerate(line.spans) if i not in gone)
        if spans:
            kept.append(line_of(spans, line.page))
    return kept
