"""Document statistics that every other layout threshold is relative to."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from statistics import median

from rbtool.pdf import Line

# The body line pitch is measured between consecutive lines of the body size whose distance is below
# this multiple of the size (larger distances are paragraph breaks or page changes).
DEFAULT_MAX_PITCH_RATIO = 2.0


@dataclass(frozen=True)
class DocStats:
    body_size: float  # font size of most running text
    pitch_ratio: float  # baseline distance of consecutive body lines, as a multiple of the size
    left: float  # most common left edge of body lines (the text column's margin)

    def pitch(self, size: float) -> float:
        return size * self.pitch_ratio


def document_stats(lines: list[Line]) -> DocStats:
    """Body size = the size of most characters; pitch from consecutive body lines; left margin = mode x0."""
    by_size: Counter = Counter()
    for line in lines:
        by_size[line.size] += len(line.text)
    body_size = by_size.most_common(1)[0][0] if by_size else 10.0
    ratios = []
    lefts: Counter = Counter()
    previous = None
    for line in lines:
        if abs(line.size - body_size) < 0.2:
            lefts[round(line.x0)] += 1
            if previous is not None and previous.page == line.page and abs(previous.x0 - line.x0) < body_size:
                distance = line.top - previous.top
                if 0 < distance < DEFAULT_MAX_PITCH_RATIO * body_size:
                    ratios.append(distance / body_size)
            previous = line
    pitch_ratio = median(ratios) if ratios else 1.2
    left = float(lefts.most_common(1)[0][0]) if lefts else 0.0
    return DocStats(body_size=body_size, pitch_ratio=pitch_ratio, left=left)
