"""Typed errors. Library code raises these; the CLI turns them into one line `rbtool: <where>: <reason>`."""
from __future__ import annotations

import re

# A quoted value longer than LONG_VALUE characters in a message is shortened to MAX_SHOWN characters (a 10 kB
# option value stays one short line; ordinary values and file names are shown whole).
MAX_SHOWN = 60
LONG_VALUE = 200
_QUOTED = re.compile(r"'([^']{%d,})'" % (LONG_VALUE + 1))
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(value: object, limit: int | None = None) -> str:
    """A value as it may appear in a one-line message: bytes that are not UTF-8 (file names) shown as U+FFFD,
    newlines and other control characters escaped (`\\n`, `\\x1b`), and with `limit`, shortened to that
    many characters plus a count of the rest."""
    text = value if isinstance(value, str) else str(value)
    try:
        raw = text.encode("utf-8", "surrogateescape")  # file names arrive with undecodable bytes escaped
    except UnicodeEncodeError:
        raw = text.encode("utf-8", "surrogatepass")
    text = raw.decode("utf-8", "replace")
    text = _CONTROL.sub(lambda m: _ESCAPES.get(m.group(), f"\\x{ord(m.group()):02x}"), text)
    if limit is not None and len(text) > limit:
        text = f"{text[:limit]}… ({len(text) - limit:,} more characters)"
    return text


def shorten_values(message: str) -> str:
    """The message with every quoted value longer than LONG_VALUE characters shortened."""
    return _QUOTED.sub(lambda m: f"'{printable(m.group(1), MAX_SHOWN)}'", message)


class RbtoolError(Exception):
    """Base class: a problem the user can act on (never a bug)."""

    def __init__(self, reason: str, where: str | None = None):
        super().__init__(reason)
        self.reason = reason
        self.where = where

    def __str__(self) -> str:
        return f"{printable(self.where)}: {self.reason}" if self.where else self.reason


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


class QueryTooCostly(QuerySyntaxError):
    """A query that would take longer than the search time budget (rbtool.queries.search)."""

    def __init__(self, reason: str = "the query needs more time than the search allows; "
                                     "use fewer or more specific words"):
        super().__init__(reason)


class UsageError(RbtoolError):
    """A bad option value (unknown ministry, malformed amount)."""


class LimitExceeded(RbtoolError):
    """Extraction stopped at a resource limit (time, memory, stream size, characters per page). Not a property
    of the file alone, so never remembered as a failure: a later run with other limits tries again."""


class ExtractionCrashed(RbtoolError):
    """The process extracting one file died (a crash in a PDF library, or killed by the system)."""


class Interrupted(BaseException):
    """SIGINT, SIGTERM or SIGHUP arrived. A BaseException, like KeyboardInterrupt, so `except Exception` never
    swallows it; unlike KeyboardInterrupt, Typer lets it through to rbtool's handler. `summary` says what was
    done when it arrived ("3 documents stored, 2 not started")."""

    def __init__(self, signum: int, summary: str = ""):
        super().__init__(signum)
        self.signum = signum
        self.summary = summary


class OutputError(RbtoolError):
    """Output could not be written (a full disk, a missing folder) or would overwrite an input."""
