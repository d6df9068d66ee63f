"""The document model: plain frozen dataclasses shared by every layer.

Extraction produces a `Document`; the store persists and reloads it; the queries return `Measure`,
`Hit`, `Reference` and `Change` objects; the output layer turns any of them into rows. Nothing here
imports pdfplumber, sqlite3, rich or typer.

Conventions used everywhere:
- `page` is the 1-based PDF page index; `page_label` the number printed on the page (may differ or be None).
- Block texts carry no footnote markers; the markers a block holds are in `footnote_refs` (in order)
  and each `Footnote` points back to its block with `anchor_block`.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

# Block kinds, as in the export contract.
HEADING = "heading"
SUBHEADING = "subheading"
PARAGRAPH = "paragraph"
LIST_ITEM = "list_item"
SUB_ITEM = "sub_item"
NUMBERED_ITEM = "numbered_item"
QUOTE = "quote"
ATTRIBUTION = "attribution"
TABLE = "table"  # the block's text is the caption; its cells are the Document's Table with this block_id
CONTENTS = "toc"  # a table of contents: its entries are never sections or headings
BLOCK_KINDS = (HEADING, SUBHEADING, PARAGRAPH, LIST_ITEM, SUB_ITEM, NUMBERED_ITEM, QUOTE, ATTRIBUTION, TABLE,
               CONTENTS)
ITEM_KINDS = (LIST_ITEM, SUB_ITEM, NUMBERED_ITEM)  # what the extract summary counts as list items


@dataclass(frozen=True)
class Page:
    index: int  # 1-based PDF page index
    label: str | None  # printed page number found in the running header/footer


@dataclass(frozen=True)
class Section:
    """A numbered (or unnumbered top-level) heading: "2.1 Wonen, ruimte en verstedelijking"."""

    number: str | None  # "2.1"; None for unnumbered headings such as "Voorwoord"
    title: str
    level: int  # 1 for chapters, 2 for "2.1", 3 for "2.1.1"
    page: int
    block_id: str | None = None


@dataclass(frozen=True)
class Block:
    """One unit of running text in reading order."""

    id: str  # "b0001", unique within the document, in reading order
    kind: str  # one of BLOCK_KINDS
    text: str  # joined, de-hyphenated, without footnote markers
    page: int
    page_end: int
    section: str | None = None  # number of the enclosing numbered section ("2.1"), else None
    footnote_refs: tuple[int, ...] = ()  # footnote numbers whose markers stand in this block
    subheading: str | None = None  # text of the nearest subheading above this block in its section
    parent: str | None = None  # for sub_item: id of its list_item; for attribution: id of its quote
    number: str | None = None  # for heading: "2.1"; for numbered_item: "1", "a", "ii"
    level: int | None = None  # for heading: 1, 2, 3
    box: bool = False  # inside a framed box
    # where the text continues on a next page: (character offset in `text`, page), one per page after `page`
    page_breaks: tuple[tuple[int, int], ...] = ()

    def page_at(self, offset: int) -> int:
        """The page on which the character at `offset` of the text stands."""
        page = self.page
        for start, next_page in self.page_breaks:
            if offset < start:
                break
            page = next_page
        return page


@dataclass(frozen=True)
class Table:
    """A table as data: one label per column (stacked headers joined top-down with " / ") and the body
    rows, every cell as printed ("– 1.234", "PM", "4.512¹", "" for a blank cell)."""

    number: int  # 1-based, in reading order within the document
    block_id: str  # the table's block (kind TABLE) in the reading order
    page: int  # page of the first body row
    page_end: int
    caption: str | None
    unit: int | None  # multiplier of the figures (1000 for "bedragen x € 1.000"); None for none or mixed
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    bbox: tuple[float, float, float, float]  # x0, top, x1, bottom on `page` (pdfplumber coordinates)
    strategy: str  # "ruled" (from its rules and fills), "aligned" (aligned figure columns), "tagged" (tree cells)
    section: str | None = None

    def cells(self) -> Iterator[tuple[int, int, str, str, str]]:
        """Every body cell in reading order with what names it: (row number from 1, column index, the row's
        first cell, the column's header — "" where it is blank, the column's number where the table has no
        header that far —, the cell as printed)."""
        for r, row in enumerate(self.rows, start=1):
            for c, cell in enumerate(row):
                yield r, c, row[0], self.columns[c] if c < len(self.columns) else str(c + 1), cell


@dataclass(frozen=True)
class Footnote:
    number: int
    text: str
    page: int  # page where the note starts
    page_end: int
    anchor_block: str | None  # block holding the marker
    anchor_page: int | None  # page of the marker
    anchor_context: str = ""  # up to ~80 characters of running text ending at the marker


@dataclass(frozen=True)
class Quote:
    text: str
    attribution: str
    page: int
    section: str | None
    block_id: str | None = None


# What an amount counts (rbtool.nl.money decides; docs/data-model.md defines them).
BUDGET, PER_UNIT, CHANGE, MACRO, OTHER = "budget", "per_unit", "change", "macro", "other"
AMOUNT_ROLES = (BUDGET, PER_UNIT, CHANGE, MACRO, OTHER)
# How often the money comes; None when the text does not say.
PER_YEAR, ONCE, MULTI_YEAR = "per_year", "once", "multi_year"
AMOUNT_PERIODS = (PER_YEAR, ONCE, MULTI_YEAR)


@dataclass(frozen=True)
class Amount:
    raw: str  # the phrase as written: "bijna 1,15 miljard euro per jaar"
    eur: int | None  # value in euros; None when the amount is money but not in euros ("17,50 dollar")
    role: str = OTHER  # one of AMOUNT_ROLES
    period: str | None = None  # one of AMOUNT_PERIODS, or None
    qualifiers: tuple[str, ...] = ()  # the words that say so: "structureel", "per jaar", "tot 2030", "ruim"


@dataclass(frozen=True)
class Measure:
    """A policy measure: a list item in a section that belongs to a ministry."""

    doc: str  # document id
    year: int | None
    ministerie: str  # code: "BZK"
    ministerie_naam: str  # official name
    theme: str | None
    text: str
    subitems: tuple[str, ...]
    amounts: tuple[Amount, ...]
    years: tuple[int, ...]
    section: str | None
    page: int
    page_label: str | None
    block_id: str

    @property
    def budget_eur(self) -> int:
        """The measure's own money: its budget amounts in euros, a yearly amount counted for one year."""
        return sum(a.eur for a in self.amounts if a.role == BUDGET and a.eur is not None)

    @property
    def budget_per_year_eur(self) -> int:
        """The part of `budget_eur` the text says comes every year."""
        return sum(a.eur for a in self.amounts if a.role == BUDGET and a.period == PER_YEAR and a.eur is not None)


@dataclass(frozen=True)
class Reference:
    """One source a footnote cites."""

    kind: str  # kamerstuk, media, report, web, crossref, idem, other
    identifier: str | None = None  # "kst-35300-1", a URL, a section number
    url: str | None = None
    title: str | None = None
    date: str | None = None


@dataclass(frozen=True)
class Document:
    id: str
    title: str
    year: int | None
    sha256: str
    source_path: str
    page_count: int
    pages: tuple[Page, ...] = ()
    sections: tuple[Section, ...] = ()
    blocks: tuple[Block, ...] = ()
    footnotes: tuple[Footnote, ...] = ()
    quotes: tuple[Quote, ...] = ()
    warnings: tuple[str, ...] = ()
    extractor_version: str = ""
    tables: tuple[Table, ...] = ()
    author: str | None = None  # publisher or author, as the PDF's information names it and its title page confirms

    def page_label(self, index: int) -> str | None:
        for page in self.pages:
            if page.index == index:
                return page.label
        return None


@dataclass
class ExtractStats:
    """Counts for the one-row-per-file extract summary."""

    path: str
    status: str  # new, cached, failed
    doc_id: str | None = None
    pages: int = 0
    sections: int = 0
    paragraphs: int = 0
    list_items: int = 0
    footnotes: int = 0
    quotes: int = 0
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    cached: bool = False  # a failure remembered from an earlier run, not read again


# The kinds a search row shows (and `search --kind` accepts); store.search_index.KINDS says what each holds.
SEARCH_KINDS = ("paragraph", "measure", "list item", "sub-item", "numbered item", "quote", "attribution", "heading",
                "subheading", "footnote", "table", "table of contents")
# The kinds a footnote's reference can have (rbtool.nl.sources decides them), as `footnotes --kind` takes them.
SOURCE_KINDS = ("kamerstuk", "media", "report", "web", "crossref", "idem", "other")


@dataclass(frozen=True)
class Hit:
    """One search result: a passage (block or footnote) with where to cite it."""

    doc: str
    title: str
    year: int | None
    page: int
    page_label: str | None
    section: str | None  # section path: "2.1 Wonen, ruimte en verstedelijking › Stikstof..."
    kind: str  # paragraph, measure, list item, sub-item, numbered item, quote, attribution, heading, footnote...
    block_id: str | None  # block id, or None for a footnote
    text: str  # the whole passage
    snippet: str  # the passage trimmed to a window around the matches
    score: float
    matched_terms: tuple[str, ...]  # corpus words that matched, e.g. ("stikstofproblematiek",)
    highlights: tuple[tuple[int, int], ...] = ()  # (start, end) character spans of matches in `snippet`
    fuzzy: bool = False  # found only through typo tolerance
    passage: str = ""  # "<document id prefix>:<reading-order number>", for `rbtool show`
    label: str = ""  # kind as a reader says it: "measure of BZK", "footnote 36", "quote by <attribution>"
    note: int | None = None  # the footnote number of a footnote
    ministerie: str | None = None  # code of the ministry whose section holds the passage
    attribution: str | None = None  # who a quote is by


@dataclass(frozen=True)
class Change:
    """One row of an edition comparison: a pair of measures, or a single dropped/new one."""

    cls: str  # unchanged, reworded, amount_changed, moved_theme, moved_ministerie, dropped, new
    also: tuple[str, ...]
    old: Measure | None
    new: Measure | None
    similarity: float  # 0..100, rapidfuzz score of the pair; 0 for singles

    @property
    def delta_eur(self) -> int:
        """New minus old budget total; a new measure brings its budget, a dropped one takes its budget away."""
        return (self.new.budget_eur if self.new else 0) - (self.old.budget_eur if self.old else 0)
