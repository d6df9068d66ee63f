"""Multi-column pages: find vertical gutters that (almost) no line crosses, and read column by column."""
from __future__ import annotations

from collections import Counter
from statistics import median

from rbtool.pdf import Line, line_of

# A gutter is at least this share of the body size wide ...
DEFAULT_GUTTER_WIDTH = 0.8
# ... and crossed by at most this share of the page's lines (full-width titles may cross it).
DEFAULT_GUTTER_CROSSING = 0.1
# Each column holds at least this share of the page's characters (a column of labels such as "Zaak:" or
# "Besluit:" beside their values is a form, not a second column of text).
DEFAULT_MIN_COLUMN_SHARE = 0.2
# A column with fewer characters still holds text when it has at least this many lines, as wide (median)
# as this share of the widest column's lines (the short last column of a chapter).
DEFAULT_MIN_COLUMN_LINES = 3
DEFAULT_COLUMN_WIDTH_SHARE = 0.7
# A piece of a cut line set at most this share of a neighbouring line's size is raised text beside it.
DEFAULT_RAISED_SIZE = 0.8
# Pages with fewer lines than this are not analysed for columns.
DEFAULT_MIN_LINES = 12
# A line is set at the body size when its size is within this many points of it.
DEFAULT_BODY_SIZE_TOLERANCE = 0.2


def find_gutters(lines: list[Line], body_size: float) -> list[float]:
    """x positions of the gutters between columns (empty list for single-column pages)."""
    if len(lines) < DEFAULT_MIN_LINES:
        return []
    left = min(l.x0 for l in lines)
    right = max(l.x1 for l in lines)
    width = int(right - left) + 1
    if width <= 0:
        return []
    crossing = [0] * width
    for line in lines:
        for span in line.spans:
            a, b = int(span.x0 - left), int(span.x1 - left)
            for x in range(max(0, a), min(width, b + 1)):
                crossing[x] += 1
        # the space between two spans of one line is covered too unless it is wide (a gutter)
        for first, second in zip(line.spans, line.spans[1:]):
            if second.x0 - first.x1 < DEFAULT_GUTTER_WIDTH * body_size:
                for x in range(max(0, int(first.x1 - left)), min(width, int(second.x0 - left) + 1)):
                    crossing[x] += 1
    limit = DEFAULT_GUTTER_CROSSING * len(lines)
    min_width = DEFAULT_GUTTER_WIDTH * body_size
    gutters, start = [], None
    margin = int(0.15 * width)  # a gutter splits the page, it is not an indent at its edge
    for x in range(margin, width - margin + 1):
        empty = x < width - margin and crossing[x] <= limit
        if empty:
            start = x if start is None else start
        elif start is not None:
            if x - start >= min_width:
                gutters.append(left + (start + x) / 2)
            start = None
    if gutters and not _balanced(lines, gutters):
        return []
    return gutters


def _balanced(lines: list[Line], gutters: list[float]) -> bool:
    """Whether every column between the gutters holds text: a good share of the page's characters, or
    lines about as wide as those of the widest column (a column that ends early on the last page of a
    chapter), never only short labels beside the values of a form."""
    bounds = [float("-inf")] + gutters + [float("inf")]
    counts = [0] * (len(bounds) - 1)
    widths: list[list[float]] = [[] for _ in counts]  # the width of each line's piece in each column
    for line in lines:
        extents: dict[int, tuple[float, float]] = {}
        for span in line.spans:
            middle = (span.x0 + span.x1) / 2
            for c in range(len(counts)):
                if bounds[c] <= middle < bounds[c + 1]:
                    counts[c] += len(span.text)
                    x0, x1 = extents.get(c, (span.x0, span.x1))
                    extents[c] = (min(x0, span.x0), max(x1, span.x1))
        for c, (x0, x1) in extents.items():
            widths[c].append(x1 - x0)
    total = sum(counts) or 1
    typical = [median(w) if len(w) >= DEFAULT_MIN_COLUMN_LINES else 0.0 for w in widths]
    return all(count >= DEFAULT_MIN_COLUMN_SHARE * total or 0 < DEFAULT_COLUMN_WIDTH_SHARE * max(typical) <= width
               for count, width in zip(counts, typical))


def split_columns(lines: list[Line], gutters: list[float]) -> list[list[Line]]:
    """Cut lines at the gutters and return the pieces of each column, left to right, each top to bottom
    (one column, the lines as they are, on a page without gutters). A piece of small raised text (a
    footnote marker that the line finder put on the other column's line) joins the line of its own column
    it stands beside."""
    if not gutters:
        return [lines]
    bounds = [float("-inf")] + gutters + [float("inf")]
    columns: list[list[Line]] = [[] for _ in range(len(bounds) - 1)]
    for line in lines:
        for c in range(len(columns)):
            spans = tuple(s for s in line.spans if bounds[c] <= (s.x0 + s.x1) / 2 < bounds[c + 1])
            if spans:
                columns[c].append(line if len(spans) == len(line.spans) else line_of(spans, line.page))
    return [_rejoin_raised(sorted(column, key=lambda l: l.top)) for column in columns]


def _rejoin_raised(column: list[Line]) -> list[Line]:
    """Lines of one column, top to bottom, with small raised pieces joined to the line they overlap."""
    out: list[Line] = []
    for line in column:
        if out and (_beside(line, out[-1]) or _beside(out[-1], line)):
            spans = tuple(sorted(out[-1].spans + line.spans, key=lambda s: s.x0))
            out[-1] = line_of(spans, line.page)
        else:
            out.append(line)
    return out


def _beside(piece: Line, host: Line) -> bool:
    """Whether `piece` is small text (a marker) set on the height of `host`."""
    return piece.size <= DEFAULT_RAISED_SIZE * host.size and piece.top < host.bottom and piece.bottom > host.top


def column_lefts(placed: list[tuple[int, int, Line]], body_size: float) -> dict[tuple[int, int], float]:
    """The left edge of every column of every page set in columns, (page, column) → x, from `placed` (page,
    column, line): the most common left edge of body-size lines in that column of every page laid out alike
    (as many columns, the same side of a spread, since twosided pages mirror their margins). Measured over
    the whole document, so that a column filled with a list's indented lines still has the edge its
    paragraphs start at. Pages in one column are left out: their edge is the document's margin."""
    columns_on: dict[int, int] = {}
    for page, column, _ in placed:
        columns_on[page] = max(columns_on.get(page, 0), column + 1)
    edges: dict[tuple[int, int, int], Counter] = {}
    lowest: dict[tuple[int, int], float] = {}
    for page, column, line in placed:
        if columns_on[page] == 1:
            continue
        lowest[page, column] = min(lowest.get((page, column), line.x0), line.x0)
        if abs(line.size - body_size) < DEFAULT_BODY_SIZE_TOLERANCE:
            edges.setdefault((columns_on[page], column, page % 2), Counter())[round(line.x0)] += 1
    lefts = {}
    for (page, column), x in lowest.items():
        counted = edges.get((columns_on[page], column, page % 2))
        lefts[page, column] = float(counted.most_common(1)[0][0]) if counted else x
    return lefts
