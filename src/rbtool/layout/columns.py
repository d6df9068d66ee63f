"""Multi-column pages: find vertical gutters that (almost) no line crosses, and read column by column."""
from __future__ import annotations

from rbtool.pdf import Line, line_of

# A gutter is at least this share of the body size wide ...
DEFAULT_GUTTER_WIDTH = 0.8
# ... and crossed by at most this share of the page's lines (full-width titles may cross it).
DEFAULT_GUTTER_CROSSING = 0.1
# Each column holds at least this share of the page's characters (a column of labels such as "Zaak:" or
# "Besluit:" beside their values is a form, not a second column of text).
DEFAULT_MIN_COLUMN_SHARE = 0.2
# A piece of a cut line set at most this share of a neighbouring line's size is raised text beside it.
DEFAULT_RAISED_SIZE = 0.8
# Pages with fewer lines than this are not analysed for columns.
DEFAULT_MIN_LINES = 12


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
    bounds = [float("-inf")] + gutters + [float("inf")]
    counts = [0] * (len(bounds) - 1)
    for line in lines:
        for span in line.spans:
            middle = (span.x0 + span.x1) / 2
            for c in range(len(counts)):
                if bounds[c] <= middle < bounds[c + 1]:
                    counts[c] += len(span.text)
    total = sum(counts) or 1
    return all(count >= DEFAULT_MIN_COLUMN_SHARE * total for count in counts)


def split_columns(lines: list[Line], gutters: list[float]) -> list[Line]:
    """Cut lines at the gutters and return the pieces column by column, top to bottom. A piece of small
    raised text (a footnote marker that the line finder put on the other column's line) joins the line of
    its own column it stands beside."""
    if not gutters:
        return lines
    bounds = [float("-inf")] + gutters + [float("inf")]
    columns: list[list[Line]] = [[] for _ in range(len(bounds) - 1)]
    for line in lines:
        for c in range(len(columns)):
            spans = tuple(s for s in line.spans if bounds[c] <= (s.x0 + s.x1) / 2 < bounds[c + 1])
            if spans:
                columns[c].append(line if len(spans) == len(line.spans) else line_of(spans, line.page))
    return [line for column in columns for line in _rejoin_raised(sorted(column, key=lambda l: l.top))]


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
