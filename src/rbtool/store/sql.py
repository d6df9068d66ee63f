"""Pieces of SQL the store's queries share."""
from __future__ import annotations

from typing import Iterable


def in_clause(column: str, values: Iterable) -> tuple[str, list]:
    """("column IN (?,?)", values): a parameterised membership test; no values give a test nothing passes."""
    values = list(values)
    return f"{column} IN ({','.join('?' * len(values))})", values
