"""Running headers, footers and page numbers: found by repetition across pages, at the page's edges.

A line is furniture when it is among the top or bottom lines of its page and its text, with every run of
digits replaced by "#", recurs at the same edge on a good share of the pages. The digit run that changes
from page to page in such a template is the printed page label.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from rbtool.pdf import Line

# How many lines at the top and at the bottom of a page are candidates for running headers/footers.
DEFAULT_EDGE_LINES = 2
# A template recurring on at least this share of the pages (and on at least 2 pages) is furniture.
DEFAULT_REPEAT_SHARE = 0.3
# Candidates must lie in this outer share of the page height (a page number is never mid-page).
DEFAULT_EDGE_ZONE = 0.2

# Running text that can serve as the document title is at least this share letters.
DEFAULT_TITLE_LETTER_SHARE = 0.7
# The page-number run keeps one offset to the page index on at least this share of the pages.
DEFAULT_LABEL_CONSISTENCY = 0.5

_DIGITS = re.compile(r"\d+")
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
    # Standalone roman page numbers ("iv") recur only as a template of their own; accept lone numerals.
    for index, height, lines in pages:
        for pos in (0, len(lines) - 1):
            if 0 <= pos < len(lines) and index not in labels and _ROMAN.match(lines[pos].text.strip()):
                found.add((index, pos))
                labels[index] = lines[pos].text.strip()
    text = texts.most_common(1)[0][0] if texts else None
    return Furniture(lines=frozenset(found), labels=labels, text=text)


def _varying_digit_run(hits: list[tuple[int, int, Line]]) -> int | None:
    """Index of the digit run that counts along with the pages (the page number), else None.

    A page number keeps a constant offset to the PDF page index on most pages; other varying numbers
    (dates, job codes) do not."""
    runs = [(index, _DIGITS.findall(line.text)) for index, _, line in hits]
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
