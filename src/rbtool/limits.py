"""The limits every file is extracted under, with their defaults (enforced by rbtool.sandbox).

Kept apart from the sandbox so that the command line can show and check them without importing the process
machinery (every command's start pays for what `rbtool.cli` imports).
"""
from __future__ import annotations

from dataclasses import dataclass

# Defaults far above what real documents need (the largest real document measured, a 2,000-page file, takes
# about 0.1 s and 160 MB per page / in total; see docs/reliability.md), low enough that a hostile file fails in
# minutes instead of hanging a run or taking the machine's memory.
DEFAULT_PAGE_SECONDS = 60.0
DEFAULT_FILE_SECONDS = 1800.0
DEFAULT_MEMORY_MB = 2048
DEFAULT_STREAM_MB = 256
DEFAULT_PAGE_CHARS = 200_000


@dataclass(frozen=True)
class Limits:
    page_seconds: float = DEFAULT_PAGE_SECONDS
    file_seconds: float = DEFAULT_FILE_SECONDS
    memory_mb: int = DEFAULT_MEMORY_MB
    stream_mb: int = DEFAULT_STREAM_MB
    page_chars: int = DEFAULT_PAGE_CHARS
