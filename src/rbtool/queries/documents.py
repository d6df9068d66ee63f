"""How documents are named where results of several of them stand together (a doc column, a chart's series,
a report's headings)."""
from __future__ import annotations

from collections import Counter


def doc_labels(years: dict[str, int | None]) -> dict[str, str]:
    """A short label per document id: its year where no other document among these has that year, else its
    id prefix (two documents of one year never share a label)."""
    taken = Counter(years.values())
    return {doc: str(year) if year is not None and taken[year] == 1 else doc[:8] for doc, year in years.items()}
