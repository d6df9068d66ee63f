"""Tables on a page: found, cut out of the prose and read into a header and rows of cells.

Two strategies, kept apart as Camelot keeps *lattice* and *stream*, each with its own evidence:

- **ruled** (`_ruled_tables`): the page draws the grid. Rule lines and cell fills that touch form a cluster;
  its column boundaries are vertical rules, the shared edges of fills side by side and the breaks in
  segmented horizontal rules; its row boundaries are horizontal rules and fill edges. A cluster without at
  least one interior column boundary is a frame or a shading band, not a table. Text inside a grid cell is
  one cell, however many lines it wraps over.
- **aligned** (`_aligned_tables`): no grid, only alignment. Lines whose cells (runs of text separated by a
  tab-sized gap) end in figures — Dutch numbers, "–", "PM" — stacked at about the line pitch, whose figures
  share columns. A table needs two figure columns, or one under a caption that says it is a table (a caption
  word or a unit): a contents page (one column of page numbers) and lists that name amounts in running text
  are not tables; two-column prose has no figure cells at all.
- **tagged** (`_tagged_tables`): a tagged PDF's structure tree marks the text as a table's cells (Table, TR,
  TD, TH) and the layout shows a grid: at least two rows of at least two cells side by side. The tree says
  which text belongs to which cell, so cells of wrapped text set side by side without rules (a glossary, a
  table of statements) are read cell by cell, not across as prose. Ruled and aligned tables are read first.

Both give the same `PageTable`: bbox, caption (the line above or below that says "Tabel …", names a unit or
"(vervolg)"), unit, the header rows joined per column top-down with " / ", and the body rows. Every
threshold is a `DEFAULT_*` share of the document's body size or line pitch.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from rbtool.layout.footnotes import marker_numbers
from rbtool.layout.text import join_wrapped
from rbtool.nl.numbers import is_caption, is_continuation, is_numeric_cell, table_unit
from rbtool.pdf import DEFAULT_MIN_SPACE_GAP, DEFAULT_RULE_THICKNESS, DEFAULT_TAB_GAP, Line, Rect, Span, tagged_as

RULED = "ruled"
ALIGNED = "aligned"
TAGGED = "tagged"
# A tagged table is a grid: at least this many rows hold at least this many cells side by side.
DEFAULT_MIN_TAGGED_ROWS = 2
DEFAULT_MIN_TAGGED_CELLS = 2

# Rules and fills closer than this share of the body size touch (one cluster, one grid line).
DEFAULT_TOUCH = 0.3
# A fill higher than this many line pitches is a frame or background, not a cell or a row band.
DEFAULT_MAX_FILL_PITCHES = 6.0
# A page with more rules and fills than this is a drawing (a map, a chart), not a ruled table.
DEFAULT_MAX_SHAPES = 2000
# Lines of an aligned table follow each other at most this many body pitches apart.
DEFAULT_ROW_GAP = 2.2
# A caption stands at most this many body pitches above (or below) its table.
DEFAULT_CAPTION_GAP = 2.6
# A caption has at most this many lines.
DEFAULT_CAPTION_LINES = 3
# Figures of one column overlap horizontally, or end within this share of the body size of each other.
DEFAULT_ALIGN = 1.0
# A figure column must hold a figure in at least this share of the table's figure rows.
DEFAULT_COLUMN_SHARE = 0.5
# A run of cells a centred head stands over is at least this share of the head's width.
DEFAULT_SPAN_SHARE = 0.8
# At least this share of an aligned table's lines have figures, and at least this share of the cells in its
# figure columns are figures.
DEFAULT_FIGURE_LINE_SHARE = 0.5
DEFAULT_FIGURE_SHARE = 0.8
# Figures that stand at most this many body sizes right of a filled bar on their line are a bar chart's
# value labels, when at least this share of the figures do.
DEFAULT_BAR_GAP = 1.5
DEFAULT_BAR_SHARE = 0.3
# An aligned table has at least this many rows with figures.
DEFAULT_MIN_FIGURE_ROWS = 2

YEAR = re.compile(r"^(?:19|20)\d\d(?:[-–/]\d{2,4})?[¹²³⁴⁵⁶⁷⁸⁹*]*$")
LEADER = re.compile(r"(?:\s\.{2,}|\.{3,})\s*$")  # dot leaders that run a label or figure to its column
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


@dataclass
class Chunk:
    """A run of one line's text between tab-sized gaps: a cell's text on that line."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    bold: bool
    notes: tuple[int, ...] = ()

    @property
    def numeric(self) -> bool:
        return is_numeric_cell(self.text)


@dataclass
class PageTable:
    page: int
    strategy: str  # RULED, ALIGNED or TAGGED: which evidence read it
    bbox: tuple[float, float, float, float]
    columns: list[str]
    rows: list[list[str]]
    caption: str | None = None
    unit: int | None = None
    notes: list[int] = field(default_factory=list)  # footnote markers in cells, in reading order
    lines: list[Line] = field(default_factory=list)  # the page lines it consumed (caption included)
    doubts: list[str] = field(default_factory=list)  # what could not be read cleanly
    page_end: int = 0

    @property
    def top(self) -> float:
        return self.bbox[1]


# --------------------------------------------------------------------------------------------- cells

def _chunks(line: Line, notes: set[int]) -> list[Chunk]:
    """The line cut at tab-sized gaps; footnote markers become superscript digits of their cell."""
    out: list[Chunk] = []
    for span in line.spans:
        numbers = marker_numbers(span, line)
        if numbers and out and all(n in notes for n in numbers):
            last = out[-1]
            last.text += span.text.strip().translate(SUPERSCRIPT)
            last.notes += tuple(numbers)
            continue
        if out and span.x0 - out[-1].x1 <= DEFAULT_TAB_GAP * line.size:
            last = out[-1]
            last.text += (" " if span.space_before or span.x0 - last.x1 > DEFAULT_MIN_SPACE_GAP * line.size else "") + span.text
            last.x1 = max(last.x1, span.x1)
            last.bold = last.bold and span.bold
            continue
        out.append(Chunk(span.text, span.x0, span.x1, span.top, span.bottom, span.bold))
    for chunk in out:
        chunk.text = LEADER.sub("", chunk.text).strip()
    return [c for c in out if c.text]


def _is_year(text: str) -> bool:
    return bool(YEAR.match(text.strip()))


def _is_figure(text: str) -> bool:
    """A body figure: numeric but not a year heading a column."""
    return is_numeric_cell(text) and not _is_year(text)


# --------------------------------------------------------------------------------------------- header

def _header_count(grid: list[list[list[Chunk]]]) -> int:
    """How many top rows of a grid (rows of cells of chunks) are header rows: rows without figures whose
    first cell is empty or names a unit, or whose text is all bold above rows that are not."""
    def texts(row):
        return [" ".join(c.text for c in cell) for cell in row]

    def all_bold(row):
        chunks = [c for cell in row for c in cell]
        return bool(chunks) and all(c.bold for c in chunks)

    count = 0
    for i, row in enumerate(grid[:-1]):
        cells = texts(row)
        if any(_is_figure(t) for t in cells if t):
            break
        first_free = not cells[0] or table_unit(cells[0]) is not None
        bold_head = all_bold(row) and not all(all_bold(r) for r in grid[i + 1:])
        years = any(_is_year(t) for t in cells[1:] if t)
        # words over a column that holds figures further down name that column
        over_figures = i == 0 and any(t and any(_is_figure(x) for x in texts(r)[c:c + 1]) for r in grid[1:]
                                      for c, t in enumerate(cells) if c > 0)
        if not (first_free or bold_head or years or over_figures):
            break
        count += 1
    return count


def _column_labels(header: list[list[str]], spans: list[list[int]], width: int) -> list[str]:
    """Header rows → one label per column: stacked rows joined top-down with " / "; `spans[r][c]` is the
    number of columns the cell in row r starting at column c covers (1 for an ordinary cell)."""
    labels: list[list[str]] = [[] for _ in range(width)]
    for row, row_spans in zip(header, spans):
        for col, text in enumerate(row):
            if not text:
                continue
            for covered in range(col, min(width, col + max(1, row_spans[col]))):
                labels[covered].append(text)
    return [" / ".join(parts) for parts in labels]


# --------------------------------------------------------------------------------------------- ruled

def _clusters(shapes: list[Rect], touch: float) -> list[list[Rect]]:
    groups: list[list[Rect]] = []
    boxes: list[list[float]] = []
    for shape in sorted(shapes, key=lambda r: (r.top, r.x0)):
        hits = [i for i, b in enumerate(boxes) if shape.x0 <= b[2] + touch and shape.x1 >= b[0] - touch
                and shape.top <= b[3] + touch and shape.bottom >= b[1] - touch]
        if not hits:
            groups.append([shape])
            boxes.append([shape.x0, shape.top, shape.x1, shape.bottom])
            continue
        keep = hits[0]
        for other in reversed(hits[1:]):
            groups[keep] += groups.pop(other)
            b = boxes.pop(other)
            boxes[keep] = [min(boxes[keep][0], b[0]), min(boxes[keep][1], b[1]), max(boxes[keep][2], b[2]),
                           max(boxes[keep][3], b[3])]
        groups[keep].append(shape)
        box = boxes[keep]
        boxes[keep] = [min(box[0], shape.x0), min(box[1], shape.top), max(box[2], shape.x1), max(box[3], shape.bottom)]
    return groups


def _merge_positions(values: list[float], touch: float) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= touch:
            continue
        out.append(v)
    return out


def _grid(cluster: list[Rect], touch: float) -> tuple[list[float], list[float]]:
    """Column and row boundaries of a cluster of rules and fills (outer edges included)."""
    x0 = min(r.x0 for r in cluster)
    x1 = max(r.x1 for r in cluster)
    top = min(r.top for r in cluster)
    bottom = max(r.bottom for r in cluster)
    xs, ys = [x0, x1], [top, bottom]
    fills = [r for r in cluster if r.width > DEFAULT_RULE_THICKNESS and r.height > DEFAULT_RULE_THICKNESS]
    # a fill inside another (a shaded line of text in a shaded cell) says nothing about the grid
    fills = [f for f in fills if not any(g is not f and g.x0 - touch <= f.x0 and f.x1 <= g.x1 + touch
                                         and g.top - touch <= f.top and f.bottom <= g.bottom + touch
                                         and (g.width, g.height) != (f.width, f.height) for g in fills)]
    for r in cluster:
        if r.width <= DEFAULT_RULE_THICKNESS:  # vertical rule; where a segment ends, a row ends
            xs.append((r.x0 + r.x1) / 2)
            ys += [r.top, r.bottom]
        elif r.height <= DEFAULT_RULE_THICKNESS:  # horizontal rule; its breaks mark column boundaries
            ys.append((r.top + r.bottom) / 2)
    horizontal = sorted((r for r in cluster if r.height <= DEFAULT_RULE_THICKNESS < r.width), key=lambda r: (r.top, r.x0))
    for a, b in zip(horizontal, horizontal[1:]):
        if abs(a.top - b.top) <= touch and 0 < b.x0 - a.x1 <= 4 * touch + 2 * DEFAULT_RULE_THICKNESS:
            xs.append((a.x1 + b.x0) / 2)
    for f in fills:
        ys += [f.top, f.bottom]
        for g in fills:  # fills side by side share an edge: a column boundary
            if g is not f and abs(g.x0 - f.x1) <= touch and min(f.bottom, g.bottom) - max(f.top, g.top) > touch:
                xs.append((f.x1 + g.x0) / 2)
    return _merge_positions(xs, touch * 3), _merge_positions(ys, touch * 3)


def _ruled_tables(lines: list[Line], rects: list[Rect], body_size: float, pitch: float,
                  notes: set[int], page: int) -> list[PageTable]:
    touch = DEFAULT_TOUCH * body_size
    shapes = [r for r in rects if (min(r.width, r.height) <= DEFAULT_RULE_THICKNESS and max(r.width, r.height) >= body_size)
              or (r.width > DEFAULT_RULE_THICKNESS and DEFAULT_RULE_THICKNESS < r.height <= DEFAULT_MAX_FILL_PITCHES * pitch)]
    if len(shapes) > DEFAULT_MAX_SHAPES:  # a map or a drawing, not a grid (and clustering it costs n²)
        return []
    tables = []
    for cluster in _clusters(shapes, touch):
        xs, ys = _grid(cluster, touch)
        if len(xs) < 3 or len(ys) < 3:  # no interior column boundary, or a single band
            continue
        inside = [l for l in lines if xs[0] - touch <= l.x0 and l.x1 <= xs[-1] + touch
                  and ys[0] - touch <= (l.top + l.bottom) / 2 <= ys[-1] + touch]
        if not inside:
            continue
        table = _read_grid(inside, xs, ys, notes, page)
        if table is not None:
            tables.append(table)
    return tables


def _read_grid(lines: list[Line], xs: list[float], ys: list[float], notes: set[int], page: int) -> PageTable | None:
    width = len(xs) - 1
    grid: list[list[list[Chunk]]] = [[[] for _ in range(width)] for _ in range(len(ys) - 1)]
    spans: list[list[int]] = [[1] * width for _ in range(len(ys) - 1)]
    title_rows: dict[int, list[Chunk]] = {}
    doubts = []
    for line in lines:
        middle = (line.top + line.bottom) / 2
        r = max(0, min(len(ys) - 2, next((i for i in range(len(ys) - 1) if middle <= ys[i + 1]), len(ys) - 2)))
        for chunk in _chunks(line, notes):
            first = next((i for i in range(width) if chunk.x0 < xs[i + 1] - 1), width - 1)
            last = next((i for i in range(width) if chunk.x1 <= xs[i + 1] + 1), width - 1)
            grid[r][first].append(chunk)
            spans[r][first] = max(spans[r][first], last - first + 1)
    # rows on top whose one text crosses a column boundary are the table's title band, not rows
    for r, row in enumerate(grid):
        filled = [c for c in row if c]
        if not filled:
            continue
        if len(filled) != 1 or spans[r][row.index(filled[0])] < 2:
            break
        title_rows[r] = filled[0]
    keep = [r for r, row in enumerate(grid) if any(row) and r not in title_rows]
    if not keep:
        return None
    body_grid = [grid[r] for r in keep]
    head = _header_count(body_grid)
    texts = [[join_wrapped([c.text for c in sorted(cell, key=lambda c: (c.top, c.x0))]) for cell in row]
             for row in body_grid]
    for r in keep[head:]:
        if any(s > 1 for s in spans[r]):
            doubts.append("a body cell crosses a column rule")
            break
    columns = _column_labels(texts[:head], [spans[r] for r in keep[:head]], width)
    title = " ".join(join_wrapped([c.text for c in title_rows[r]]) for r in sorted(title_rows) if r < keep[0]) or None
    table = PageTable(page=page, strategy=RULED, bbox=(xs[0], ys[0], xs[-1], ys[-1]), columns=columns,
                      rows=texts[head:], caption=title, lines=list(lines), doubts=doubts)
    table.notes = [n for row in body_grid for cell in row for c in cell for n in c.notes]
    return table if table.rows else None


# --------------------------------------------------------------------------------------------- aligned

def _figure_columns(rows: list[list[Chunk]], tolerance: float) -> list[list[float]]:
    """[x0, x1] of the figure columns: figure cells (not in the first place of their line) grouped by
    horizontal overlap or a shared right edge."""
    columns: list[list[float]] = []
    for chunks in rows:
        for chunk in chunks[1:] if len(chunks) > 1 else chunks:
            if not chunk.numeric:
                continue
            for col in columns:
                if chunk.x0 <= col[1] and chunk.x1 >= col[0] or abs(chunk.x1 - col[1]) <= tolerance:
                    col[0], col[1] = min(col[0], chunk.x0), max(col[1], chunk.x1)
                    col[2] += 1
                    break
            else:
                columns.append([chunk.x0, chunk.x1, 1])
    columns.sort()
    merged: list[list[float]] = []
    for col in columns:
        if merged and col[0] <= merged[-1][1]:
            merged[-1] = [merged[-1][0], max(merged[-1][1], col[1]), merged[-1][2] + col[2]]
        else:
            merged.append(col)
    return merged


def _head_columns(chunk: Chunk, columns: list[list[float]], body_size: float) -> list[int]:
    """The figure columns a head stands over. Figures are right-aligned, so column k's cell runs from the
    right edge of column k-1 to its own right edge. A head ending on a column's right edge heads that
    column; a centred head heads the run of cells whose middle is nearest its middle (and wide enough)."""
    rights = [c[1] for c in columns]
    for k, right in enumerate(rights):
        if abs(chunk.x1 - right) <= DEFAULT_ALIGN * body_size / 2:
            return [k]
    pitch = rights[1] - rights[0] if len(rights) > 1 else columns[0][1] - columns[0][0]
    lefts = [rights[0] - pitch] + rights[:-1]
    middle, wide = (chunk.x0 + chunk.x1) / 2, DEFAULT_SPAN_SHARE * (chunk.x1 - chunk.x0)
    runs = [(abs((lefts[i] + rights[j]) / 2 - middle), j - i, list(range(i, j + 1)))
            for i in range(len(columns)) for j in range(i, len(columns)) if rights[j] - lefts[i] >= wide]
    if not runs:
        return []
    # runs centred alike ("2020" is as centred over 2019–2021 as over 2020 alone): the narrowest
    nearest = min(distance for distance, _, _ in runs)
    return min((r for r in runs if r[0] <= nearest + DEFAULT_ALIGN * body_size / 2), key=lambda r: r[1])[2]


def _column_of(chunk: Chunk, columns: list[list[float]]) -> int | None:
    """The index of the figure column a chunk stands in (overlap first, then the nearest right edge)."""
    best, best_overlap = None, 0.0
    for i, (x0, x1, _) in enumerate(columns):
        overlap = min(chunk.x1, x1) - max(chunk.x0, x0)
        if overlap > best_overlap:
            best, best_overlap = i, overlap
    return best


def _bar_chart(body, rects: list[Rect], body_size: float) -> bool:
    """A bar chart's value labels look like a figure column that does not align. The evidence: on the
    figure's line a filled bar starts after the line's label and ends at the figure (just before it, or
    under its end), for a good share of the figures. Zebra bands start before the labels."""
    bars = [r for r in rects if r.width > DEFAULT_RULE_THICKNESS and r.height > DEFAULT_RULE_THICKNESS]
    gap = DEFAULT_BAR_GAP * body_size
    figures = at_bars = 0
    for _, chunks in body:
        label_end = chunks[0].x1 if chunks and not chunks[0].numeric else float("-inf")
        for c in chunks:
            if not c.numeric:
                continue
            figures += 1
            at_bars += any(r.x0 >= label_end - gap and r.x0 < c.x0 and r.top < c.bottom and c.top < r.bottom
                           and r.height <= 3 * (c.bottom - c.top)
                           and (abs(c.x0 - r.x1) <= gap or abs(c.x1 - r.x1) <= gap) for r in bars)
    return figures > 0 and at_bars >= DEFAULT_BAR_SHARE * figures


def _aligned_tables(lines: list[Line], rects: list[Rect], body_size: float, pitch: float, notes: set[int],
                    page: int) -> list[PageTable]:
    rows = [(line, _chunks(line, notes)) for line in lines]
    tables = []
    i = 0
    while i < len(rows):
        if not _figure_line(rows[i][1]):
            i += 1
            continue
        # grow a run of lines at about the line pitch; label-only lines may sit between figure lines
        run = [i]
        j = i + 1
        while j < len(rows) and rows[j][0].top - rows[run[-1]][0].top <= DEFAULT_ROW_GAP * pitch:
            run.append(j)
            j += 1
        while run and not _figure_line(rows[run[-1]][1]):
            run.pop()
        if _bar_chart([rows[k] for k in run], rects, body_size):
            i = run[-1] + 1
            continue
        table = _read_run([rows[k] for k in run], [rows[k] for k in range(0, i)], body_size, pitch, page)
        if table is None:
            i += 1
            continue
        tables.extend(table)
        # go on after the table's last line: the run may have grown through prose into the next table
        last = {id(line) for t in table for line in t.lines}
        i = max(k for k in run if id(rows[k][0]) in last) + 1
    return tables


def _figure_line(chunks: list[Chunk]) -> bool:
    """A line of a table body: cells ending in a figure; a line of years alone heads the columns."""
    return len(chunks) >= 2 and chunks[-1].numeric and not all(_is_year(c.text) for c in chunks if c.numeric)


def _read_run(run, above, body_size: float, pitch: float, page: int) -> list[PageTable] | None:
    figure_rows = [chunks for _, chunks in run if _figure_line(chunks)]
    if len(figure_rows) < DEFAULT_MIN_FIGURE_ROWS:
        return None
    columns = _figure_columns(figure_rows, DEFAULT_ALIGN * body_size)
    columns = [c for c in columns if c[2] >= DEFAULT_COLUMN_SHARE * len(figure_rows)]
    if not columns:
        return None
    # lines inside the run must be table lines: nothing of them may run across the figure columns
    left = columns[0][0]
    body: list[tuple[Line, list[Chunk]]] = []
    for line, chunks in run:
        if any(c.x0 < left - body_size and c.x1 > left + body_size for c in chunks):
            if body:
                break
            continue
        body.append((line, chunks))
    figure_lines = sum(1 for _, c in body if _figure_line(c))
    if figure_lines < DEFAULT_MIN_FIGURE_ROWS or figure_lines < DEFAULT_FIGURE_LINE_SHARE * len(body):
        return None
    # the figure columns hold figures: prose in columns ends in a number now and then, but has words there
    in_columns = [c for _, chunks in body for c in chunks[1:] if _column_of(c, columns) is not None]
    if sum(1 for c in in_columns if c.numeric) < DEFAULT_FIGURE_SHARE * len(in_columns):
        return None
    # at least two rows carry figures in most of the figure columns
    full = sum(1 for _, chunks in body
               if len({_column_of(c, columns) for c in chunks if c.numeric} - {None}) >= len(columns) / 2)
    if full < DEFAULT_MIN_FIGURE_ROWS:
        return None
    # side by side: a text column to the right of a figure column starts another table
    parts = _side_by_side(body, columns, body_size)
    out = []
    for part_body, part_columns in parts:
        table = _read_aligned(part_body, part_columns, above, body_size, pitch, page)
        if table is not None:
            out.append(table)
    return out or None


def _side_by_side(body, columns, body_size):
    labels_right = []
    for _, chunks in body:
        for chunk in chunks[1:]:
            if not chunk.numeric and _column_of(chunk, columns) is None and chunk.x0 > columns[0][1]:
                labels_right.append(chunk.x0)
    if len(labels_right) < DEFAULT_MIN_FIGURE_ROWS:
        return [(body, columns)]
    split = min(labels_right) - body_size / 2
    if not any(c[1] < split for c in columns) or not any(c[0] > split for c in columns):
        return [(body, columns)]
    parts = []
    for keep in (lambda c: c.x1 <= split, lambda c: c.x0 >= split):
        part = []
        for line, chunks in body:
            mine = [c for c in chunks if keep(c)]
            if mine:
                part.append((line, mine))
        part_columns = [c for c in columns if keep(Chunk("", c[0], c[1], 0, 0, False))]
        parts.append((part, part_columns))
    return parts


def _read_aligned(body, columns, above, body_size, pitch, page) -> PageTable | None:
    left = columns[0][0]
    figure_rows = sum(1 for _, c in body if _figure_line(c) or (c and c[0].numeric and c[0].x0 >= left - body_size))
    if figure_rows < DEFAULT_MIN_FIGURE_ROWS:
        return None
    # header lines: directly above, nothing in the label area but a unit, no figures
    header_lines: list[tuple[Line, list[Chunk]]] = []
    top_line = body[0][0]
    # only what stands over this table counts (a table beside it shares the lines above)
    part_x0 = min(c.x0 for _, chunks in body for c in chunks) - body_size
    part_x1 = max(c.x1 for _, chunks in body for c in chunks) + body_size
    above = [(line, [c for c in chunks if c.x0 >= part_x0 and c.x1 <= part_x1]) for line, chunks in above]
    # where the row labels end: header text right of it stands over the figures
    label_end = max((c.x1 for _, chunks in body for c in chunks if c.x1 < left - body_size / 2),
                    default=left - body_size)
    for line, chunks in reversed(above):
        if top_line.top - line.bottom > DEFAULT_ROW_GAP * pitch or not chunks:
            break
        # a label-column head ("x € 1 mln", "Omschrijving") may stand left, beside heads over the figures
        heads = [c for c in chunks if c.x0 > label_end]
        if not heads or len(chunks) - len(heads) > 1 or any(_is_figure(c.text) for c in chunks) \
                or is_caption(chunks[0].text) or any(c.x0 < label_end < c.x1 for c in chunks):
            break
        header_lines.insert(0, (line, chunks))
        top_line = line
    width = len(columns) + 1
    labelled = any(c.x1 < left - body_size / 2 for _, chunks in body for c in chunks)

    def place(chunks, head=False):
        cells: list[list[Chunk]] = [[] for _ in range(width)]
        spans = [1] * width
        for chunk in chunks:
            if chunk.x1 < left - body_size / 2:
                cells[0].append(chunk)
                continue
            hit = [k for k, (x0, x1, _) in enumerate(columns) if min(chunk.x1, x1) - max(chunk.x0, x0) > 0]
            if head:
                hit = _head_columns(chunk, columns, body_size) or hit
            if not hit:
                distances = [min(abs(chunk.x1 - x1), abs(chunk.x0 - x0)) for x0, x1, _ in columns]
                hit = [distances.index(min(distances))]
            cells[hit[0] + 1].append(chunk)
            spans[hit[0] + 1] = max(spans[hit[0] + 1], len(hit))
        return cells, spans

    header_cells = [place(chunks, head=True) for _, chunks in header_lines]
    header_texts = [[join_wrapped([c.text for c in cell]) for cell in cells] for cells, _ in header_cells]
    header_spans = [spans for _, spans in header_cells]
    # a header cell over one column wrapped onto the next header line is one label, joined with a space
    stacked_texts: list[list[str]] = []
    stacked_spans: list[list[int]] = []
    for texts, spans in zip(header_texts, header_spans):
        if stacked_texts and all(s == 1 for s in spans) and all(s == 1 for s in stacked_spans[-1]) \
                and not any(_is_year(t) for t in stacked_texts[-1] if t):
            stacked_texts[-1] = [join_wrapped([a, b]) for a, b in zip(stacked_texts[-1], texts)]
        else:
            stacked_texts.append(texts)
            stacked_spans.append(spans)
    unit_cell = stacked_texts[0][0] if stacked_texts else ""
    columns_out = _column_labels(stacked_texts, stacked_spans, width)

    rows: list[list[str]] = []
    notes: list[int] = []
    doubts: list[str] = []
    pending: str | None = None  # a label line whose figures stand on the next line
    for n, (line, chunks) in enumerate(body):
        cells, spans = place(chunks)
        notes += [x for c in chunks for x in c.notes]
        texts = [join_wrapped([c.text for c in cell]) for cell in cells]
        if any(len(cell) > 1 for cell in cells[1:]):
            doubts.append("two figures in one column")
        if not any(texts[1:]):  # a label alone on its line
            label = texts[0]
            nxt = body[n + 1][1] if n + 1 < len(body) else []
            if rows and label[:1].islower() and not rows[-1][0].endswith(":"):
                rows[-1][0] = join_wrapped([rows[-1][0], label])
                continue
            if nxt and nxt[0].text[:1].islower() and nxt[0].x1 < left - body_size / 2 \
                    and abs(nxt[0].x0 - chunks[0].x0) < body_size and not label.endswith(":"):
                pending = label
                continue
            rows.append([label] + [""] * (width - 1))
            continue
        if pending is not None:
            texts[0] = join_wrapped([pending, texts[0]])
            pending = None
        rows.append(texts)
    if pending is not None:
        rows.append([pending] + [""] * (width - 1))
    if not labelled:
        rows = [r[1:] for r in rows]
        columns_out = columns_out[1:]
    all_lines = [l for l, _ in header_lines] + [l for l, _ in body]
    x0 = min(min(c.x0 for c in chunks) for _, chunks in header_lines + body)
    x1 = max(max(c.x1 for c in chunks) for _, chunks in header_lines + body)
    table = PageTable(page=page, strategy=ALIGNED, bbox=(x0, all_lines[0].top, x1, all_lines[-1].bottom),
                      columns=columns_out, rows=rows, lines=all_lines, doubts=sorted(set(doubts)), notes=notes)
    table.unit = table_unit(unit_cell) if unit_cell else None
    return table


# --------------------------------------------------------------------------------------------- caption

def _attach_caption(table: PageTable, free: list[Line], body_size: float, pitch: float) -> None:
    """The caption: the lines just above that open with a caption word or name a unit or a continuation;
    else a line just below that opens with a caption word. Only the text that starts over the table counts
    (two tables side by side share their caption lines)."""
    x0, top, x1, bottom = table.bbox

    def over_table(line: Line) -> str:
        return " ".join(c.text for c in _chunks(line, set()) if x0 - body_size <= c.x0 < x1)

    above = sorted((l for l in free if l.bottom <= top + 1 and over_table(l)), key=lambda l: l.top)
    picked: list[Line] = []
    edge = top
    for line in reversed(above):
        if edge - line.bottom > DEFAULT_CAPTION_GAP * pitch or len(picked) >= DEFAULT_CAPTION_LINES:
            break
        picked.insert(0, line)
        edge = line.top
    texts = [over_table(l) for l in picked]
    start = next((k for k, text in enumerate(texts) if is_caption(text)), None)
    if start is not None:
        caption_lines, caption_texts = picked[start:], texts[start:]
    elif picked and (table_unit(texts[-1]) is not None or is_continuation(texts[-1])):
        caption_lines, caption_texts = picked[-1:], texts[-1:]
    else:
        caption_lines, caption_texts = [], []
        under = sorted((l for l in free if l.top >= bottom - 1 and over_table(l)), key=lambda l: l.top)
        if under and under[0].top - bottom <= DEFAULT_CAPTION_GAP * pitch and is_caption(over_table(under[0])):
            caption_lines, caption_texts = under[:1], [over_table(under[0])]
    if caption_lines:
        text = join_wrapped(caption_texts)
        table.caption = f"{table.caption} {text}" if table.caption else text
        table.lines += caption_lines
    unit = table_unit(table.caption or "")
    if unit is not None:
        table.unit = unit
    elif table.unit is None and table.columns:
        table.unit = table_unit(table.columns[0])


# --------------------------------------------------------------------------------------------- page

# --------------------------------------------------------------------------------------------- tagged

def _tagged_tables(lines: list[Line], page: int) -> list[PageTable]:
    """Runs of consecutive lines whose text the structure tree places wholly in table cells, read as a grid
    where they form one (DEFAULT_MIN_TAGGED_ROWS rows of DEFAULT_MIN_TAGGED_CELLS cells side by side)."""
    runs: list[list[Line]] = [[]]
    for line in lines:
        if tagged_as(line, "Table") and all(s.element for s in line.spans if s.role == "Table"):
            runs[-1].append(line)
        elif runs[-1]:
            runs.append([])
    return [table for run in runs if run for table in [_read_tagged(run, page)] if table is not None]


def _read_tagged(lines: list[Line], page: int) -> PageTable | None:
    cells: dict[int, list[tuple[Line, Span]]] = {}  # cell element → its spans, top to bottom
    for line in lines:
        for span in line.spans:
            if span.role == "Table":
                cells.setdefault(span.element, []).append((line, span))
    size = max(line.size for line in lines)
    # rows: cells whose first lines stand on one line's height; columns: the cells' left edges
    order = sorted(cells, key=lambda e: (cells[e][0][1].top, cells[e][0][1].x0))
    rows: list[list[int]] = []
    for element in order:
        top = cells[element][0][1].top
        if rows and top < cells[rows[-1][0]][0][1].top + size:
            rows[-1].append(element)
        else:
            rows.append([element])
    if sum(len(row) >= DEFAULT_MIN_TAGGED_CELLS for row in rows) < DEFAULT_MIN_TAGGED_ROWS:
        return None
    lefts = _merge_positions(sorted(min(s.x0 for _, s in cells[e]) for e in cells), 0.5 * size)

    def column(element: int) -> int:
        x0 = min(s.x0 for _, s in cells[element])
        return min(range(len(lefts)), key=lambda i: abs(lefts[i] - x0))

    def text(element: int) -> str:
        parts: list[str] = []
        for line, span in cells[element]:
            if parts and parts[-1][0] is line:
                parts[-1] = (line, parts[-1][1] + (" " if span.space_before else "") + span.text)
            else:
                parts.append((line, span.text))
        return join_wrapped([part for _, part in parts])

    grid = [[""] * len(lefts) for _ in rows]
    for r, row in enumerate(grid):
        for element in rows[r]:
            row[column(element)] = join_wrapped([row[column(element)], text(element)])
    bbox = (min(l.x0 for l in lines), lines[0].top, max(l.x1 for l in lines), max(l.bottom for l in lines))
    return PageTable(page=page, strategy=TAGGED, bbox=bbox, columns=grid[0], rows=grid[1:], lines=list(lines))


def find_tables(lines: list[Line], rects: list[Rect], body_size: float, pitch: float, notes: set[int] = frozenset(),
                page: int = 0) -> list[PageTable]:
    """The tables among a page's body lines (top to bottom), ruled ones first; each names the lines it
    took (its caption included), so the caller can cut them out of the prose."""
    tables = _ruled_tables(lines, rects, body_size, pitch, notes, page)
    taken = {id(l) for t in tables for l in t.lines}
    rest = [l for l in lines if id(l) not in taken]
    aligned = _aligned_tables(rest, rects, body_size, pitch, notes, page)
    taken |= {id(l) for t in aligned for l in t.lines}
    tagged = _tagged_tables([l for l in lines if id(l) not in taken], page)
    aligned += tagged
    taken |= {id(l) for t in tagged for l in t.lines}
    free = [l for l in lines if id(l) not in taken]  # caption candidates (tables side by side share one)
    for table in aligned:
        _attach_caption(table, free, body_size, pitch)
        if table.strategy == ALIGNED and len(table.columns) < 3 \
                and not (table.caption and (is_caption(table.caption) or table.unit)):
            table.lines = []  # one figure column without a caption saying so: a list of pages, not a table
    for table in tables:
        _attach_caption(table, free, body_size, pitch)
    found = [t for t in tables + aligned if t.lines]
    found.sort(key=lambda t: (t.top, t.bbox[0]))
    for t in found:
        t.page_end = page
    return found


def continues(first: PageTable, second: PageTable) -> bool:
    """Whether `second` (at the top of the next page) carries on `first` (at the foot of its page): as many
    columns, and a "(vervolg)" caption, or the same header under no caption or the same caption, or no
    header at all."""
    if len(first.columns) != len(second.columns):
        return False
    if second.caption and is_continuation(second.caption):
        return True
    same_head = second.columns == first.columns or not any(second.columns)
    return same_head and (second.caption is None or second.caption == first.caption)
