"""Typed errors. Library code raises these; the CLI turns them into one line `rbtool: <where>: <reason>`."""
from __future__ import annotations


class RbtoolError(Exception):
    """Base class: a problem the user can act on (never a bug)."""

    def __init__(self, reason: str, where: str | None = None):
        super().__init__(reason)
        self.reason = reason
        self.where = where

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}" if self.where else self.reason


class PdfError(RbtoolError):
    """A file that could not be read as a usable PDF."""


class NotAPdf(PdfError):
    pass


class EncryptedPdf(PdfError):
    pass


class NoTextLayer(PdfError):
    pass


class GarbledTextLayer(PdfError):
    pass


class CorpusError(RbtoolError):
    """The corpus file is unusable (newer schema, not a database, locked)."""


class UnknownDocument(RbtoolError):
    """A document selector that matches no document; `candidates` are the documents there are (id, year,
    title, file), for the CLI to show."""

    def __init__(self, reason: str, where: str | None = None, candidates: list[dict] = ()):
        super().__init__(reason, where)
        self.candidates = list(candidates)


class AmbiguousDocument(UnknownDocument):
    """A document selector that matches several documents; `candidates` are those."""


class QuerySyntaxError(RbtoolError):
    pass


class UsageError(RbtoolError):
    """A bad option value (unknown ministry, malformed amount)."""
