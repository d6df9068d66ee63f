"""The --section filter of the listing commands that know a row's section number."""
from __future__ import annotations

from typing import Iterable


def in_sections(number: str | None, sections: Iterable[str]) -> bool:
    """True when section `number` is one of `sections` or lies inside one ("2" holds "2.1" and "2.1.3")."""
    return any(number == s or (number or "").startswith(s + ".") for s in sections)
