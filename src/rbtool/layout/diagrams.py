"""Diagrams: frames whose text is labels, not running text — a chart's title, its category names and figures.

A chart drawn on a page keeps its text as text: a title set large ("Groupe d'âge des répondants" at 18 pt),
labels and figures scattered over bars and slices ("34%", "15-24 ANS   25-34 ANS"). Read as body text, the
large title becomes a heading and a row of labels a subheading. The evidence that a frame is a diagram: it
holds several lines and none of them is running text — a paragraph in a box wraps at the box's measure
(a wide line with the next one right below it at its left edge), a list in a box has its bullets. A process
diagram is made of boxes of one size, each with a few words in it: at least three of them on a page.
"""
from __future__ import annotations

from collections import Counter

from rbtool.layout.blocks import BULLETS
from rbtool.pdf import Line, Rect, Span, line_of

# A diagram frame holds at least this many lines of text.
DEFAULT_MIN_DIAGRAM_LINES = 3
# Frames of one size (to a point), each holding text, are the shapes of a diagram where a page has at least
# this many of them (one or two boxes are framed remarks).
DEFAULT_MIN_SHAPES = 3
# Running text in a frame: a line whose text runs (no gap wider than a size) over at least this share of the
# frame's width, with the next line below it at most this many sizes lower and at its left edge (within a
# size) — a paragraph wrapped at the box's measure. A chart's title stands alone; its labels stand apart.
DEFAULT_RUNNING_WIDTH = 0.5
DEFAULT_RUNNING_PITCH = 1.5


def within(text: Line | Span, frame: Rect) -> bool:
    """The line (or span) lies inside the frame (its middle height, its whole width)."""
    middle = (text.top + text.bottom) / 2
    return frame.x0 - 1 <= text.x0 and text.x1 <= frame.x1 + 1 and frame.top - 1 <= middle <= frame.bottom + 1


def find_diagrams(lines: list[Line], frames: list[Rect]) -> tuple[list[Line], dict[int, Rect]]:
    """The page's lines and the diagram each line is drawn in (by id(line)). A line whose pieces stand in
    the shapes of a diagram side by side ("Pas DPIA aan n.a.v. advies FG" in one box, "Identificeer risico's
    en" in the next) is cut into one line per shape; each diagram's lines come together, where its first
    line stands (its boxes are read one after another, not line by line across them)."""
    pieces = [_cut_at_frames(line, frames) for line in lines]
    diagrams = diagram_frames([piece for cut in pieces for piece in cut], frames)
    kept = [piece for line, cut in zip(lines, pieces)
            for piece in (cut if all(id(p) in diagrams for p in cut) else [line])]
    diagrams = {id(line): diagrams[id(line)] for line in kept if id(line) in diagrams}  # the discarded pieces go
    return _in_diagram_order(kept, diagrams), diagrams


def _cut_at_frames(line: Line, frames: list[Rect]) -> list[Line]:
    """The line cut where its pieces stand in different frames (itself when some piece stands in none, or
    all in one)."""
    boxes = [_smallest_around(span, frames) for span in line.spans]
    if None in boxes or len(set(boxes)) < 2:
        return [line]
    cut, start = [], 0
    for end in range(1, len(boxes) + 1):
        if end == len(boxes) or boxes[end] != boxes[start]:
            cut.append(line_of(line.spans[start:end], line.page))
            start = end
    return cut


def _smallest_around(span: Span, frames: list[Rect]) -> Rect | None:
    return min((f for f in frames if within(span, f)), key=_area, default=None)


def diagram_frames(lines: list[Line], frames: list[Rect]) -> dict[int, Rect]:
    """The diagram each line of a page is drawn in, by id(line). A diagram is a frame of labels
    (`_is_diagram`; the largest around a line: a chart's frame, not a bar in it), or a shape: one of at
    least `DEFAULT_MIN_SHAPES` frames of one size on the page, each holding some text and no list (a box of
    a process diagram; its own text, even inside a larger frame around the whole drawing)."""
    held = {frame: sorted((line for line in lines if within(line, frame)), key=lambda l: l.top) for frame in frames}
    sizes = Counter(_size(frame) for frame, inside in held.items() if inside)
    shapes = [frame for frame, inside in held.items() if inside and sizes[_size(frame)] >= DEFAULT_MIN_SHAPES
              and not any(_bulleted(line) for line in inside)]
    labelled = [frame for frame, inside in held.items() if _is_diagram(inside, frame)]
    out: dict[int, Rect] = {}
    for frame in sorted(labelled, key=_area) + sorted(shapes, key=_area, reverse=True):  # the last one wins
        for line in held[frame]:
            out[id(line)] = frame
    return out


def _area(frame: Rect) -> float:
    return frame.width * frame.height


def _in_diagram_order(lines: list[Line], diagrams: dict[int, Rect]) -> list[Line]:
    """The lines with each diagram's lines together, where its first line stands."""
    first: dict[Rect, int] = {}
    for position, line in enumerate(lines):
        frame = diagrams.get(id(line))
        if frame is not None:
            first.setdefault(frame, position)
    rank = [first[diagrams[id(line)]] if id(line) in diagrams else position for position, line in enumerate(lines)]
    return [line for _, _, line in sorted(zip(rank, range(len(lines)), lines), key=lambda t: t[:2])]


def _is_diagram(lines: list[Line], frame: Rect) -> bool:
    """Several lines (top to bottom), none of them bulleted, none of them running text."""
    if len(lines) < DEFAULT_MIN_DIAGRAM_LINES or any(_bulleted(line) for line in lines):
        return False
    return not any(_runs_on(line, below, frame) for line, below in zip(lines, lines[1:]))


def _size(frame: Rect) -> tuple[int, int]:
    return round(frame.width), round(frame.height)


def _runs_on(line: Line, below: Line, frame: Rect) -> bool:
    """The line is running text wrapped at the frame's measure: its text runs over much of the frame's width
    and the next line follows at the line pitch at its left edge."""
    size = max(line.size, below.size)
    wrapped = 0 < below.top - line.top <= DEFAULT_RUNNING_PITCH * size and abs(below.x0 - line.x0) < size
    return wrapped and _first_run(line) >= DEFAULT_RUNNING_WIDTH * frame.width


def _first_run(line: Line) -> float:
    """The width of the line's text up to its first gap wider than a size (where a label ends)."""
    end = line.spans[0].x1
    for span in line.spans[1:]:
        if span.x0 - end > line.size:
            break
        end = max(end, span.x1)
    return end - line.x0


def _bulleted(line: Line) -> bool:
    """The line opens with a bullet glyph (a frame of bulleted lines is a list in a box, not a diagram)."""
    first = line.spans[0].text[:1] if line.spans else ""
    return bool(first) and (first in BULLETS or 0xE000 <= ord(first) <= 0xF8FF)
