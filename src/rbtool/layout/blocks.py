"""Body lines in reading order → blocks: headings, subheadings, paragraphs, list items, quotes.

Every decision is relative to the document's statistics (body size, line pitch, left margin):
- heading: clearly larger than the body; "2.1 Title" gives number and level, else level by size;
- subheading: a bold line at about body size (a box title when inside a frame);
- quote: italic lines opening with a quotation mark or indented; the line right after it that is bold,
  indented or starts with a dash is its attribution;
- list item: a line starting with a bullet glyph; deeper indent → sub-item; "1." / "a)" → numbered item;
- form field: a label ("Besluit:") with its value in the document's value column, one block with the
  value's wrapped lines;
- paragraph: everything else, joined until a gap larger than the line pitch, an indent, a change of
  style or frame, or a page break after a finished sentence.
Footnote markers (small raised digits) are taken out of the text and recorded with their position.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from statistics import median

from rbtool import model
from rbtool.layout.columns import column_lefts
from rbtool.layout.contents import find_contents
from rbtool.layout.footnotes import NoteIndex, line_markers as line_content
from rbtool.layout.stats import DocStats
from rbtool.layout.styles import WORD, Inventory, line_style, run_in_split, span_style, style_inventory
from rbtool.layout.text import Joiner
from rbtool.nl.kamerstukken import is_qa_label
from rbtool.pdf import Line, OutlineEntry, Rect, tagged_as

# A heading is at least this much larger than the body text.
DEFAULT_HEADING_RATIO = 1.12
# A subheading is bold and at least this share of the body size.
DEFAULT_SUBHEADING_MIN_RATIO = 0.85
# A line distance above this multiple of the pitch starts a new paragraph.
DEFAULT_PARAGRAPH_GAP = 1.2
# An indent of this share of the size marks a first line / a sub-item.
DEFAULT_INDENT = 0.8
# A line ends short when the room left on it exceeds the next line's first word and a space this wide
# (a share of the size: a generous word space).
DEFAULT_SPACE_ROOM = 0.5
# Share of a line's characters that must be bold / italic for the line to count as bold / italic.
DEFAULT_STYLE_SHARE = 0.9
# Longest heading/subheading, in characters (longer bold text is a bold paragraph).
DEFAULT_MAX_HEADING_CHARS = 200
# A chapter label ("Hoofdstuk 1") and the title under it are one heading when the title follows within this
# many line pitches of its size (book classes set the label well apart from the title).
DEFAULT_CHAPTER_LABEL_GAP = 2.5
# Where sizes are OCR noise, a heading is a numbered line of at most this many words.
DEFAULT_MAX_OCR_HEADING_WORDS = 10
# The first line of a heading that wraps matches the start of its bookmark's title, at least this share.
DEFAULT_OUTLINE_PREFIX = 0.4
# A heading stands alone on its row: smaller text more than this many of the title's sizes to its right is a
# legend set beside a table's or figure's title, and the row is no heading.
DEFAULT_BESIDE_GAP = 3.0

# A quote set apart by size alone is at least this many points smaller than the body.
DEFAULT_QUOTE_SIZE_STEP = 0.5
# A form's label is at most this many words, and stands at least this many sizes before its value (or the
# bullet of an item on its line).
DEFAULT_MAX_FORM_LABEL_WORDS = 3
DEFAULT_FORM_LABEL_GAP = 1.5
# A form's values stand in a column: at least this many labelled lines start their values at one indent.
DEFAULT_MIN_FORM_FIELDS = 2
# An attribution line is at most this many words.
DEFAULT_MAX_ATTRIBUTION_WORDS = 30

BULLETS = "–—-•▪◦○●■□►▸‣⁃>*·∙➢➤✓"
DASH_BULLETS = "–—-"
QUOTE_OPENERS = "“\"‘„«‚'"
# An attribution in plain type names a person first: "Jouke van Dijk, hoogleraar ...", at most this many
# words before the comma (or parenthesis) that ends the name.
DEFAULT_MAX_NAME_WORDS = 6
_NUMBER_LABEL = re.compile(r"^(\d{1,2}|[a-zA-Z]|[ivxIVX]{1,4})([.)])?$")
# a section number: "2", "2.1", "2.1.3", or an appendix's "A.1" (a letter alone is no number: "A Title")
_NUMBER = r"(?:\d{1,2}(?:\.\d{1,2}){0,3}|[A-Z](?:\.\d{1,2}){1,3})"
_SECTION_NUMBER = re.compile(rf"^({_NUMBER})\.?$")
_SECTION_TITLE = re.compile(rf"^({_NUMBER})\.?\s+(\S.*)$")
# "2.1 Title" in bold at body size is still a numbered heading (the dotted number says so)
_DOTTED_SECTION = re.compile(r"^(?:\d{1,2}|[A-Z])(?:\.\d{1,2}){1,3}\.?\s+[^\W\d_]")
_ITEM_LABEL = re.compile(r"^(\d{1,2}|[a-z])[.)]\s")
# A heading line that is only a word and a number ("Hoofdstuk 1", "CHAPTER IV", "Appendix A"): the label a
# chapter's title is set under
_CHAPTER_LABEL = re.compile(r"^[^\W\d_]{3,}\s+(\d{1,2}|[IVXLC]{1,5}|[A-Z])[.:]?$")
_SENTENCE_END = re.compile(r"[.!?:;”\"’)]$")
_BOOKMARK_NUMBER = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s")
_LEADING_NUMBER = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2}){0,3}|[A-Z]|[IVX]{1,4})[.)]?\s+")


@dataclass(frozen=True)
class Entry:
    """A body line with where it sits: its page, its column on the page and whether a frame surrounds it."""

    line: Line
    page: int
    box: bool = False
    table: object | None = None  # a rbtool.layout.tables.PageTable standing here instead of a line
    column: int = 0  # 0 for the first (or only) column of the page, 1 for the next, ...
    diagram: Rect | None = None  # the frame of the diagram whose text the line is (rbtool.layout.diagrams)


@dataclass
class Draft:
    kind: str
    page: int
    page_end: int
    box: bool
    diagram: Rect | None = None  # the frame of the diagram whose text this is
    text: str = ""
    markers: list[tuple[int, int, int]] = field(default_factory=list)  # (offset, number, page)
    number: str | None = None
    level: int | None = None
    parent: int | None = None  # index of the parent draft
    glyph: str = ""  # a list item's bullet glyph
    glyph_indent: float = 0.0  # indent of a list item's bullet / label from its column's left edge
    text_indent: float = 0.0  # indent where an item's text starts (its continuation lines align there)
    last: Line | None = None
    size: float = 0.0
    right: float = 0.0  # the right edge its lines reach, from their column's left edge
    column: int = 0  # the column its last line stands in
    left: float = 0.0  # the left edge of that column
    breaks: list[tuple[int, int]] = field(default_factory=list)  # (offset, page) where a next page's part starts
    tagged: bool = False  # a quote the structure tree marks as one (BlockQuote/Quote) on lines set apart


@dataclass
class Structure:
    blocks: list[model.Block]
    sections: list[model.Section]
    quotes: list[model.Quote]
    anchors: dict[int, tuple[str, int, str]]  # note number → (block id, page, context)
    warnings: list[str]


def _share(line: Line, test) -> float:
    total = sum(len(s.text) for s in line.spans if s.size >= 0.8 * line.size) or 1
    return sum(len(s.text) for s in line.spans if s.size >= 0.8 * line.size and test(s)) / total


def is_bold(line: Line) -> bool:
    return _share(line, lambda s: s.bold) >= DEFAULT_STYLE_SHARE


def is_italic(line: Line) -> bool:
    return _share(line, lambda s: s.italic) >= DEFAULT_STYLE_SHARE


# a sentence ending inside the name: ". " after a word longer than a title ("drs.", "prof.", "mr.")
_SENTENCE_INSIDE = re.compile(r"(?:[^\W\d_]{5,}[.]|[!?])\s")


def names_a_person(text: str) -> bool:
    """"Name Surname, role ..." (also "drs. Name van Surname (...), role"): a short run of words with at
    least two capitals before a comma or parenthesis, on a line that does not end a sentence."""
    match = re.match(r"^([^,()]+)[,(]", text)
    if not match or text.rstrip()[-1:] in ".!?:;":
        return False
    words = match.group(1).split()
    capitals = sum(1 for w in words if w[:1].isupper())
    return 2 <= len(words) <= DEFAULT_MAX_NAME_WORDS and capitals >= 2 and not _SENTENCE_INSIDE.search(match.group(1))


def heading_levels(entries: list[Entry], body_size: float) -> tuple[dict[float, int], float | None]:
    """Heading level per heading size (rounded like the style inventory): the sizes used for headings (lines
    clearly larger than the body), each with the level its numbered headings have ("2.1 Title" → 2); a size
    without numbered headings takes the level below the nearest larger size that has them (or, in a
    document without numbers, its rank among the heading sizes, largest first). Also the smallest size of a
    numbered heading, if any."""
    numbered: dict[float, list[int]] = {}
    sizes: set[float] = set()
    for entry in entries:
        line = entry.line
        if line.size >= DEFAULT_HEADING_RATIO * body_size and _heading_text(line.text) and not line.text[:1].islower():
            size = _size_key(line.size)
            sizes.add(size)
            match = _SECTION_TITLE.match(line.text)
            if match:
                numbered.setdefault(size, []).append(match.group(1).count(".") + 1)
    levels: dict[float, int] = {}
    above = 0
    for size in sorted(sizes, reverse=True):
        if size in numbered:
            levels[size] = round(median(numbered[size]))
        else:
            levels[size] = above + 1
        above = levels[size]
    return levels, min(numbered, default=None)


def labelled(line: Line) -> bool:
    """The line opens with a form's label: a short phrase ending in a colon, set apart from what follows by
    more than a word space ("Zaak:      Nota naar aanleiding …", "Noot:   • Het verdrag …")."""
    if len(line.spans) < 2:
        return False
    label, value = line.spans[0], line.spans[1]
    return label.text.rstrip().endswith(":") and len(label.text.split()) <= DEFAULT_MAX_FORM_LABEL_WORDS \
        and value.x0 - label.x1 >= DEFAULT_FORM_LABEL_GAP * line.size


def _heading_text(text: str) -> bool:
    """Text that can be a heading: a word of at least two letters, not longer than a heading gets."""
    return bool(WORD.search(text)) and len(text) <= DEFAULT_MAX_HEADING_CHARS


# the closing marks that answer an opening one (Dutch „…” and ‚…’ as well as “…” and ‘…’)
_CLOSERS_OF = {"“": "”", "„": "”“", "‘": "’", "‚": "’‘", "«": "»", '"': '"', "'": "'"}


def _closes(text: str) -> bool:
    """The quoted text ends with the mark that answers its opening one, before final punctuation (”. ”) »,):
    "‘regiobesturen’." inside a “…” quote does not close it."""
    text = text.strip()
    closers = _CLOSERS_OF.get(text[:1])
    return bool(closers) and bool(re.search(f"[{closers}][.,;:!?)]*$", text))


def _closed_early(text: str) -> bool:
    """The opening quotation mark is answered before the end: a closing mark inside the text ends a word
    (followed by a space or a sign, not a letter: "auto’s" is an apostrophe) — the line quotes a few words and
    goes on unquoted ('"its", "irts" (plus a default method). … "list", "ts".' lists strings of code)."""
    text = text.strip()
    closers = _CLOSERS_OF.get(text[:1])
    end = re.search(f"[{closers}][.,;:!?)]*$", text) if closers else None
    # a closing mark before the opening one of the quote's next paragraph ends a paragraph, not the quote
    inner = f"(?<=\\S)(?<![.!?…])[{closers}](?![^\\W\\d_])|[.!?…][{closers}](?!\\s*[{re.escape(QUOTE_OPENERS)}])"
    return end is not None and bool(re.search(inner, text[1:end.start()]))


def _next_label(label: str) -> str:
    """The label after this one in its numbering: "2" after "1", "c" after "b"."""
    return str(int(label) + 1) if label.isdigit() else chr(ord(label) + 1)


def _size_key(size: float) -> float:
    return round(size * 2) / 2


_HEADING_ROLES = ("H", "H1", "H2", "H3", "H4", "H5", "H6")  # the structure tree's standard heading types


def _outline_key(title: str) -> str:
    """An outline title or heading line compared without numbering, case, spacing and punctuation."""
    return re.sub(r"[\W_]+", " ", _LEADING_NUMBER.sub("", title)).strip().lower()


def _same_start(a: str, b: str) -> bool:
    """Two outline keys open with the same word, spaces aside: a bookmark may drop a hyphen the page prints
    ("Nonregular files" for "Non-regular files")."""
    if not a or not b:
        return a == b
    joined_a, joined_b = a.replace(" ", ""), b.replace(" ", "")
    return joined_a.startswith(b.split()[0]) or joined_b.startswith(a.split()[0])


def _letter_bullet(line: Line) -> bool:
    """Word's second-level bullet: a lone "o" in a font of another family than the text it is set apart from
    (Courier New before a sans or serif body) — a letter of the text itself would share the text's font."""
    first, rest = line.spans[0], line.spans[1:]
    return first.text == "o" and bool(rest) and span_style(first).family() != span_style(rest[0]).family()


class Builder:
    def __init__(self, stats: DocStats, joiner: Joiner, notes: NoteIndex, inventory: Inventory,
                 outline: list[tuple[int, str, int | None]]):
        self.stats = stats
        self.joiner = joiner
        self.notes = notes
        self.inventory = inventory
        self.outline = outline  # (level, _outline_key(title), page) per bookmark
        # the page of the first bookmark, and whether a line a bookmark names has been read: the title page's
        # lines before it (title, authors, publisher) are no sections
        self.outline_first_page = min((page for _, _, page in outline if page is not None), default=None)
        self.outline_reached = False
        self.outline_numbers: list[tuple[str, int | None, str]] = []  # (number, page, key) of numbered bookmarks
        self.drafts: list[Draft] = []
        self.level_sizes: dict[float, int] = {}  # heading size → level (heading_levels)
        self.numbered_size: float | None = None  # the smallest size of a numbered heading
        self.outline_size: float | None = None  # the smallest size of a large heading the outline names
        self.list_parent: int | None = None
        self.previous: Line | None = None  # the last line read
        self.lefts: dict[tuple[int, int], float] = {}  # (page, column) → the column's left edge (column_lefts)
        self.value_indents: list[float] = []  # where a form's values stand (form_value_indents)

    # ------------------------------------------------------------------ helpers
    @property
    def current(self) -> Draft | None:
        return self.drafts[-1] if self.drafts else None

    def _gap_ok(self, draft: Draft, entry: Entry, factor: float = DEFAULT_PARAGRAPH_GAP) -> bool:
        """Whether the entry follows the draft's last line at ordinary line distance (same page)."""
        last = draft.last
        if last is None or entry.page != draft.page_end or entry.column != draft.column:
            return False
        distance = entry.line.top - last.top
        size = max(entry.line.size, last.size)
        return 0 < distance <= factor * self.stats.pitch(size)

    @staticmethod
    def _turns_over(draft: Draft, entry: Entry) -> bool:
        """The entry opens the next column or the next page after the draft's last line: where the draft's
        text would go on if it was cut by the column or page break."""
        if draft.last is None:
            return False
        return entry.page == draft.page_end + 1 or (entry.page == draft.page_end and entry.column > draft.column)

    def _page_continues(self, draft: Draft, entry: Entry) -> bool:
        """A block cut by a column or page break continues when its last line ended mid-sentence."""
        if not self._turns_over(draft, entry):
            return False
        text = draft.text.rstrip()
        first = entry.line.text.lstrip()
        return not _SENTENCE_END.search(text) or (first[:1].islower())

    def _continues_item(self, entry: Entry) -> bool:
        """The line goes on with the current list item: at or right of its text indent, at line distance or
        in the next column or page (mid-sentence, or at the item's hanging indent) — also when it opens with
        a quotation mark (‘stapelingsproblematiek’ at the top of the next column)."""
        cur = self.current
        return cur is not None and cur.kind in model.ITEM_KINDS and cur.box == entry.box \
            and self._indent(entry) >= cur.text_indent - 0.5 * entry.line.size \
            and (self._gap_ok(cur, entry) or self._page_continues(cur, entry) or self._hangs_on(cur, entry))

    def _hangs_on(self, item: Draft, entry: Entry) -> bool:
        """An item's text goes on in the next column or page: the line there stands at the item's hanging
        text indent (a new paragraph would start at the column's edge), also after a finished sentence."""
        size = entry.line.size
        return self._turns_over(item, entry) and item.text_indent > item.glyph_indent + 0.5 * size \
            and abs(self._indent(entry) - item.text_indent) < 0.5 * size

    def _ended_short(self, draft: Draft, entry: Entry) -> bool:
        """A paragraph break without space or indent: the last line ended a sentence with room to spare for
        this line's first word before the right edge the paragraph's lines reach (a typesetter fills a line
        before breaking it). Measured from the columns' left edges: a paragraph goes on in the next column."""
        last = draft.last
        if last is None or not _SENTENCE_END.search(draft.text.rstrip()) or not entry.line.spans:
            return False
        first = entry.line.spans[0]
        word = first.text.split(" ", 1)[0]
        width = (first.x1 - first.x0) * len(word) / max(1, len(first.text))
        right = max(draft.right, entry.line.x1 - self._left(entry))
        return right - (last.x1 - draft.left) > width + DEFAULT_SPACE_ROOM * last.size

    def _new(self, kind: str, entry: Entry, **extra) -> Draft:
        draft = Draft(kind=kind, page=entry.page, page_end=entry.page, box=entry.box, diagram=entry.diagram,
                      size=entry.line.size, column=entry.column, left=self._left(entry), **extra)
        self.drafts.append(draft)
        return draft

    def _append(self, draft: Draft, entry: Entry, text: str, markers: list[tuple[int, int]], sep: str | None = None):
        if sep is not None and draft.text:
            joined = draft.text.rstrip() + sep + text.lstrip()
        else:
            joined = self.joiner.join(draft.text, text)
        offset = len(joined) - len(text.lstrip())
        if draft.text and entry.page != draft.page_end:
            draft.breaks.append((offset, entry.page))
        shift = len(text) - len(text.lstrip())
        draft.markers.extend((max(0, offset + pos - shift), n, entry.page) for pos, n in markers)
        draft.text = joined
        draft.last = entry.line
        draft.right = max(draft.right, entry.line.x1 - self._left(entry))
        draft.page_end = entry.page
        draft.column = entry.column
        draft.left = self._left(entry)

    # ------------------------------------------------------------------ classification
    def _heading(self, entry: Entry, text: str) -> tuple[str | None, int, str] | None:
        """(number, level, title) when the line is a heading.

        Evidence, strongest first: the PDF's outline names the line on its page (level from the outline, if
        the line stands out from the body); a size clearly above the body, or a bold dotted number
        ("2.1 Title"). A line that opens in lower case continues a wrapped sentence and is never a heading;
        where sizes are OCR noise, a short numbered line ("1 Aanleiding") is a heading whatever its size."""
        line = entry.line
        if not _heading_text(text) or (text[:1].islower() and not self._continues_heading(entry)):
            return None
        if text[:1].islower() and line_style(line) == line_style(self.current.last):
            # the wrapped second line of a heading in the heading's style goes on with it, also where the
            # heading was known by its bold dotted number rather than its size ("4.3. Testing and dating …
            # in the presence of" / "heteroskedasticity and autocorrelation")
            return None, self.current.level or 1, text
        match = _SECTION_TITLE.match(text)
        spans = [s.text for s in line.spans]
        if match:
            number, title = match.group(1), match.group(2).strip()
        elif len(spans) > 1 and _SECTION_NUMBER.match(spans[0]):
            number, title = spans[0].rstrip("."), text[len(spans[0]):].strip()
        else:
            number, title = None, text
        outlined = self._outline_level(entry, text)
        if outlined is not None:
            self.outline_reached = True
            return number, outlined, title
        if self._title_page_matter(entry):
            return None
        if number is not None and self._outline_disagrees(entry, number, title):
            return None
        large = self._set_large(line) or self._tagged_heading(line)
        if not self.inventory.size_coherent:  # OCR: sizes are noise, a short numbered title line is the evidence
            large = number is not None and len(title.split()) <= DEFAULT_MAX_OCR_HEADING_WORDS \
                and title[:1].isupper() and not re.search(r"[.,;:]$", title)
        dotted = self._bold_apart_from_code(line) and line.size >= self.stats.body_size - 0.3 \
            and _DOTTED_SECTION.match(text)
        if not (large or dotted):
            return None
        if number is not None:
            return number, number.count(".") + 1, title
        if self._below_headings(line):
            return None
        size = _size_key(line.size)
        level = self.level_sizes.get(size)
        if level is None:  # a size between the heading sizes: the level of the nearest smaller one
            smaller = [s for s in self.level_sizes if s <= size]
            level = self.level_sizes[max(smaller)] if smaller else max(self.level_sizes.values(), default=0) + 1
        return None, level, text

    def _labels_chapter(self, cur: Draft | None, entry: Entry) -> bool:
        """The current heading is a chapter label alone on its line ("Hoofdstuk 1", no note marker) and this
        heading line, no smaller, follows it directly on the same page."""
        return cur is not None and cur.kind == model.HEADING and cur.number is None and not cur.markers \
            and bool(_CHAPTER_LABEL.match(cur.text.strip())) and entry.line.size >= cur.size - 0.5 \
            and self._gap_ok(cur, entry, DEFAULT_CHAPTER_LABEL_GAP)

    def _set_large(self, line: Line) -> bool:
        """The line is set clearly larger than the body, (nearly) all of it: a row of a table whose sample
        cell is printed large beside labels at body size ("Standard  a à á â …  ss01=0") is no heading.
        Words only are counted: a note marker or a number beside the title may be set smaller."""
        if line.size < DEFAULT_HEADING_RATIO * self.stats.body_size:
            return False
        counted = [s for s in line.spans if WORD.search(s.text)]
        chars = sum(len(s.text) for s in counted)
        large = sum(len(s.text) for s in counted if s.size >= DEFAULT_HEADING_RATIO * self.stats.body_size)
        return large >= DEFAULT_STYLE_SHARE * chars

    def _bold_apart_from_code(self, line: Line) -> bool:
        """The line is bold but for words set in another face (code in a typewriter face, which has no bold
        weight): '2.1. Creation of "zoo" objects' with "zoo" in the code font."""
        bold_families = {span_style(s).family() for s in line.spans if s.bold}
        prose = [s for s in line.spans
                 if span_style(s).family() in bold_families and span_style(s).font not in self.inventory.fixed_pitch]
        chars = sum(len(s.text) for s in prose)
        return chars > 0 and sum(len(s.text) for s in prose if s.bold) >= DEFAULT_STYLE_SHARE * chars

    def _title_beside_legend(self, entry: Entry) -> bool:
        """A title that stands out (larger than the body, or in another style) with smaller text set apart
        beside it on its row, more than DEFAULT_BESIDE_GAP of the title's sizes away: a table's or figure's
        title with its legend ("Plan d’action … 2021-2026      $$$ = 100 000 $ et plus" over a table). A
        section heading stands alone on its row, so the row is a paragraph of its own."""
        line = entry.line
        title = line.spans[0]
        if span_style(title) == self.inventory.body and title.size < DEFAULT_HEADING_RATIO * self.stats.body_size:
            return False
        return any(b.x0 - a.x1 > DEFAULT_BESIDE_GAP * a.size and b.size < a.size - 0.5
                   for a, b in zip(line.spans, line.spans[1:]))

    def _tagged_heading(self, line: Line) -> bool:
        """A tagged PDF's structure tree marks the line as a heading (H, H1–H6) and the line stands out from
        the body (another style): the tree is evidence, checked against the layout, not trusted alone."""
        return tagged_as(line, *_HEADING_ROLES) and line_style(line) not in (None, self.inventory.body)

    def _title_page_matter(self, entry: Entry) -> bool:
        """A line of the first page above the first line a bookmark names, in a document with an outline: the
        title page's title, authors and publisher ("X Desktop Group", "Thomas Leonard"), which the outline
        leaves out. (Later pages before the first bookmark may hold unbookmarked headings: they keep them.)"""
        return self.outline_first_page is not None and not self.outline_reached and entry.page == 1

    def _below_headings(self, line: Line) -> bool:
        """An unnumbered line larger than the body but smaller than every numbered heading of a document
        that numbers its headings, or than every heading its outline names, sits below the deepest level
        they give: a subheading set apart by size."""
        floors = [size for size in (self.numbered_size, self.outline_size) if size is not None]
        return bool(floors) and _size_key(line.size) < min(floors) \
            and line.size >= DEFAULT_HEADING_RATIO * self.stats.body_size

    def outline_floor(self, entries: list[Entry]) -> float | None:
        """The smallest size of the lines clearly larger than the body that a bookmark names (None without
        an outline, or when it names none of them)."""
        return min((_size_key(entry.line.size) for entry in entries
                    if entry.line.size >= DEFAULT_HEADING_RATIO * self.stats.body_size
                    and self._outline_level(entry, entry.line.text) is not None), default=None)

    def _continues_heading(self, entry: Entry) -> bool:
        cur = self.current
        return cur is not None and cur.kind == model.HEADING and self._gap_ok(cur, entry, 1.6) \
            and abs(cur.size - entry.line.size) < 0.5

    def _outline_disagrees(self, entry: Entry, number: str, title: str) -> bool:
        """The outline gives this section number, on this page, to a title that starts otherwise: the line
        only looks like that heading (a diagram's "1. Proceskader 2. Model" beside "1. DEEL I – PROCESKADER")."""
        line_key = _outline_key(title)
        return any(page == entry.page and bookmark_number == number and not _same_start(key, line_key)
                   for bookmark_number, page, key in self.outline_numbers)

    def _outline_level(self, entry: Entry, text: str) -> int | None:
        """The outline level of the bookmark that names this line on its page, if the line stands out from
        the body (larger, or in another style): a bookmark is checked against the layout, not trusted."""
        if not self.outline:
            return None
        key = _outline_key(text)
        if not key:
            return None
        line = entry.line
        if line.size < DEFAULT_HEADING_RATIO * self.stats.body_size and line_style(line) in (None, self.inventory.body):
            return None
        # the first line of a heading that wraps: its last word may be cut by a hyphen ("energietran-")
        start = key if text.rstrip().endswith("-") else key + " "
        for level, title, page in self.outline:
            if (page is None or page == entry.page) and (
                    title.replace(" ", "") == key.replace(" ", "")  # a bookmark may drop a hyphen or a space
                    or (title.startswith(start) and len(key) >= DEFAULT_OUTLINE_PREFIX * len(title))):
                return level
        return None

    def _outline_names_wrapped(self, draft: Draft, entry: Entry) -> None:
        """A heading that wraps over several lines takes the level of the bookmark that names its lines
        together: its first line alone may be too short a prefix ("Betere uitvoering van be-" of a title of
        three lines in a narrow column), so its level came from its size."""
        outlined = self._outline_level(entry, draft.text)
        if outlined is not None:
            draft.level = outlined
            self.outline_reached = True

    def _left(self, entry: Entry) -> float:
        """The left edge of the entry's column: indents are measured from it."""
        return self.lefts.get((entry.page, entry.column), self.stats.left)

    def _indent(self, entry: Entry, x: float | None = None) -> float:
        """How far x (by default the line's start) stands right of its column's left edge."""
        return (entry.line.x0 if x is None else x) - self._left(entry)

    def form_value_indents(self, entries: list[Entry]) -> list[float]:
        """The indents of a form's value column: where the values of at least DEFAULT_MIN_FORM_FIELDS labelled
        lines start, within half the body size ("Zaak:", "Besluit:", "Noot:" with their values at one edge)."""
        starts = [self._indent(entry, entry.line.spans[1].x0) for entry in entries if labelled(entry.line)]
        near = 0.5 * self.stats.body_size
        return sorted(x for x in starts if sum(abs(x - other) < near for other in starts) >= DEFAULT_MIN_FORM_FIELDS)

    def _field(self, entry: Entry) -> bool:
        """The line opens a field of a form: a label whose value starts in the document's value column."""
        line = entry.line
        if not labelled(line):
            return False
        value = self._indent(entry, line.spans[1].x0)
        return any(abs(value - x) < 0.5 * line.size for x in self.value_indents)

    def _continues_hanging(self, entry: Entry, text: str) -> bool:
        """The next line of an item or a form field whose text hangs at an indent of its own (right of its
        bullet, number or label): at line distance (or the first of the next page or column, where the text was
        cut mid-sentence), at or right of that indent, and going on with the text — mid-sentence, or in the
        style the text's last line ended in. A bold line there ("wordt vastgesteld." under "1. Agendapunt: De
        besluitenlijst …") is the value wrapping, not a subheading. Inside a field's value a number run on
        with its text ("1. de brief te agenderen …, en") enumerates within the value."""
        cur, line = self.current, entry.line
        if cur is None or cur.last is None or cur.kind not in (*model.ITEM_KINDS, model.PARAGRAPH) \
                or cur.box != entry.box or cur.text_indent <= cur.glyph_indent + 0.5 * line.size:
            return False
        if not (self._gap_ok(cur, entry) or self._page_continues(cur, entry)) \
                or self._indent(entry) < cur.text_indent - 0.5 * line.size:
            return False
        if self._bullet(entry) is not None or self._field(entry):
            return False
        if _ITEM_LABEL.match(text) and (cur.kind != model.PARAGRAPH or (len(line.spans) > 1 and self._numbered(entry))):
            return False
        return not _SENTENCE_END.search(cur.text.rstrip()) \
            or span_style(line.spans[0]) == span_style(cur.last.spans[-1])

    def _bullet(self, entry: Entry) -> tuple[str, float, float] | None:
        """(glyph, glyph indent, text indent) when the line starts a bulleted item."""
        line = entry.line
        first = line.spans[0]
        glyph = first.text[:1]
        if not glyph or not (glyph in BULLETS or 0xE000 <= ord(glyph) <= 0xF8FF or _letter_bullet(line)):
            return None
        if len(first.text) == 1 and len(line.spans) > 1:
            cur = self.current
            # "– en dan" inside a running paragraph is a dash in prose, even after a wide justified space
            if glyph in DASH_BULLETS and line.spans[1].text[:1].islower() and cur is not None \
                    and cur.kind == model.PARAGRAPH and not cur.text.rstrip().endswith(":"):
                return None
            return glyph, self._indent(entry, first.x0), self._indent(entry, line.spans[1].x0)
        if len(first.text) <= 2 or first.text[1] != " " or glyph in "-*":
            return None
        # a dash followed by an ordinary space is a bullet before a capital ("– voorwaarden" is prose), and
        # before lower case where a list is expected: after a line that ends in a colon, or where an item of
        # the current list set the same glyph at the same indent
        indent = self._indent(entry, first.x0)
        sibling = self._sibling(glyph, indent, line.size)
        introduced = self.current is not None and self.current.text.rstrip().endswith(":")
        if glyph in DASH_BULLETS and (self._wrapped_dash(entry)
                                      or (first.text[2].islower() and sibling is None and not introduced)):
            return None
        text_indent = sibling.text_indent if sibling else self._indent(entry, first.x0 + self.stats.body_size)
        return glyph, indent, text_indent

    def _sibling(self, glyph: str, indent: float, size: float) -> Draft | None:
        """The item of the current list (the current item or its parent) that set `glyph` at this indent."""
        cur = self.current
        if cur is None or cur.kind not in (model.LIST_ITEM, model.SUB_ITEM):
            return None
        items = [cur] + ([self.drafts[self.list_parent]] if self.list_parent is not None else [])
        return next((d for d in items if d.glyph == glyph and abs(d.glyph_indent - indent) < 0.5 * size), None)

    def _wrapped_dash(self, entry: Entry) -> bool:
        """A dash of running text wrapped to the line start ("A7/A8 Amsterdam |– Hoorn"): the line continues
        an unfinished sentence where the text's own lines continue, not where its items' glyphs stand."""
        cur, line = self.current, entry.line
        if cur is None or cur.last is None or _SENTENCE_END.search(cur.text.rstrip()):
            return False
        indent = self._indent(entry)
        if cur.kind == model.PARAGRAPH:
            return abs(indent - (cur.last.x0 - cur.left)) < DEFAULT_INDENT * line.size
        if cur.kind in (model.LIST_ITEM, model.SUB_ITEM, model.NUMBERED_ITEM):
            return abs(indent - cur.text_indent) < 0.5 * line.size < abs(indent - cur.glyph_indent)
        return False

    def _numbered(self, entry: Entry) -> tuple[str, str, float, float] | None:
        """(label, label as printed, label indent, text indent) when the line starts a numbered item ("1.",
        "a)", "iv.")."""
        line = entry.line
        # a number opening a line of code ("4 CARD32 N_ALIASES", a field's width) enumerates nothing
        if span_style(line.spans[0]).font in self.inventory.fixed_pitch:
            return None
        if len(line.spans) < 2:
            return self._run_on_label(entry)
        match = _NUMBER_LABEL.match(line.spans[0].text)
        if not match or not line.spans[1].space_before:
            return None
        gap = line.spans[1].x0 - line.spans[0].x1
        if gap < 0.4 * line.size:
            return None
        label, punct = match.groups()
        following = line.spans[1].text[:1]
        if not punct and not (label.isdigit() and following.isupper()):
            return None
        return label, line.spans[0].text, self._indent(entry, line.spans[0].x0), self._indent(entry, line.spans[1].x0)

    def _run_on_label(self, entry: Entry) -> tuple[str, str, float, float] | None:
        """A numbered item whose label is not set apart from its text (in a justified column the label's gap
        is no wider than the word spaces: "1. Nederland financieel gezond."): only where a list is expected,
        after a paragraph line that ends in a colon, or with the next number of the current numbered item at
        its indent; never when the line goes on with the next label ("1) wetgeving, 2) implementatie" is an
        enumeration inside the sentence)."""
        line, cur = entry.line, self.current
        match = _ITEM_LABEL.match(line.text)
        if not match or cur is None:
            return None
        label, printed = match.group(1), match.group(0).rstrip()
        if f" {_next_label(label)}{printed[-1]} " in line.text:
            return None
        indent = self._indent(entry)
        first = line.spans[0]
        text_indent = self._indent(entry, first.x0 + (first.x1 - first.x0) * len(match.group(0)) / len(first.text))
        if cur.kind == model.NUMBERED_ITEM and cur.number and abs(cur.glyph_indent - indent) < 0.5 * line.size \
                and label == _next_label(cur.number):
            return label, printed, indent, cur.text_indent
        if cur.kind == model.PARAGRAPH and cur.text.rstrip().endswith(":"):
            return label, printed, indent, text_indent
        return None

    # ------------------------------------------------------------------ main loop
    def add_contents(self, entry: Entry) -> None:
        """A line of a table of contents: one block per table, one entry per line."""
        text, _ = line_content(entry.line, NoteIndex())
        cur = self.current
        if cur is not None and cur.kind == model.CONTENTS and entry.page == cur.page_end:
            self._append(cur, entry, text, [], "\n")
        else:
            self._append(self._new(model.CONTENTS, entry), entry, text, [])
        self.list_parent = None

    def add(self, entry: Entry) -> None:
        if entry.table is not None:  # one block per table, its caption as text; the cells stay with the table
            draft = self._new(model.TABLE, entry)
            draft.text = entry.table.caption or ""
            draft.page_end = entry.table.page_end
            draft.markers = [(len(draft.text), n, entry.page) for n in entry.table.notes]
            self.list_parent = None
            return
        line = entry.line
        previous, self.previous = self.previous, line
        text, markers = line_content(line, self.notes)
        if not text and markers and self.current is not None:
            self._append(self.current, entry, "", markers)
            return
        if not text:
            return
        cur = self.current
        if entry.diagram is not None:
            self._add_diagram_text(entry, text, markers)
            return
        if self._title_beside_legend(entry):
            self._append(self._new(model.PARAGRAPH, entry), entry, text, markers)
            self.list_parent = None
            return
        heading = self._heading(entry, text)
        if heading:
            number, level, title = heading
            if (cur is not None and cur.kind == model.HEADING and self._gap_ok(cur, entry, 1.6)
                    and abs(cur.size - line.size) < 0.5 and number is None):
                self._append(cur, entry, text, markers)
                self._outline_names_wrapped(cur, entry)
                return
            if number is None and self._labels_chapter(cur, entry):
                # "Hoofdstuk 1" over "Definities en overzicht": the title takes the label's number and its
                # own level; the label is no heading of its own
                cur.number, cur.level, cur.size, cur.text = _CHAPTER_LABEL.match(cur.text).group(1), level, line.size, ""
                self._append(cur, entry, title, markers)
                return
            draft = self._new(model.HEADING, entry, number=number, level=level)
            offset = len(text) - len(title)
            self._append(draft, entry, title, [(max(0, p - offset), n) for p, n in markers])
            self.list_parent = None
            return
        italic, bold = is_italic(line), is_bold(line)
        if cur is not None and cur.kind in (model.QUOTE, model.ATTRIBUTION):
            if self._attribution(cur, entry, text, italic, bold, markers):
                return
        if self._continues_hanging(entry, text):
            self._append(cur, entry, text, markers)
            return
        if self._label_then_item(entry):
            return
        if self._field(entry):  # one block per label and its value, the label its first word
            self._append(self._new(model.PARAGRAPH, entry, glyph_indent=self._indent(entry),
                                   text_indent=self._indent(entry, line.spans[1].x0)), entry, text, markers)
            self.list_parent = None
            return
        if self._quote_line(entry, text, italic):
            if cur is not None and cur.kind == model.QUOTE and (self._gap_ok(cur, entry, 2.5)
                                                              or self._turns_over(cur, entry)):
                sep = None if self._gap_ok(cur, entry) or self._page_continues(cur, entry) else "\n"
                self._append(cur, entry, text, markers, sep)
            else:
                self._append(self._new(model.QUOTE, entry), entry, text, markers)
            self.current.tagged |= self._tagged_quote(entry, italic)
            self.list_parent = None
            return
        if self._run_in(entry, markers):
            return
        if not self._title_page_matter(entry) and (self._subheading(entry, text, bold, italic)
                                                   or self._continues_subheading(entry)):
            if cur is not None and cur.kind == model.SUBHEADING and self._gap_ok(cur, entry) \
                    and line_style(line) == line_style(cur.last):
                self._append(cur, entry, text, markers)
            else:
                self._append(self._new(model.SUBHEADING, entry), entry, text, markers)
            self.list_parent = None
            return
        bullet = self._bullet(entry)
        if bullet:
            self._start_item(entry, bullet, text, markers)
            return
        if self._labelled_sub_item(entry, text, markers):
            return
        numbered = self._numbered(entry)
        if numbered and (cur is None or cur.kind != model.PARAGRAPH or not self._gap_ok(cur, entry)
                         or cur.text.rstrip().endswith(":")):
            label, printed, glyph_indent, text_indent = numbered
            draft = self._new(model.NUMBERED_ITEM, entry, number=label, glyph_indent=glyph_indent,
                              text_indent=text_indent)
            body = text[len(printed):].lstrip()
            offset = len(text) - len(body)
            self._append(draft, entry, body, [(max(0, p - offset), n) for p, n in markers])
            return
        if self._tagged_item(entry, previous):
            indent = self._indent(entry)
            draft = self._new(model.LIST_ITEM, entry, glyph_indent=indent, text_indent=indent)
            self.list_parent = len(self.drafts) - 1
            self._append(draft, entry, text, markers)
            return
        if self._continues_item(entry):
            self._append(cur, entry, text, markers)
            return
        if cur is not None and cur.kind == model.PARAGRAPH and cur.box == entry.box and not is_qa_label(text) \
                and not self._ended_short(cur, entry):
            same_page = self._gap_ok(cur, entry) and not (
                cur.last is not None and line.x0 > cur.last.x0 + DEFAULT_INDENT * line.size)
            if same_page or self._page_continues(cur, entry):
                self._append(cur, entry, text, markers)
                return
        self.list_parent = None
        self._append(self._new(model.PARAGRAPH, entry), entry, text, markers)

    def _add_diagram_text(self, entry: Entry, text: str, markers) -> None:
        """A diagram's text (title, labels, figures) is one paragraph per diagram: a chart's title is no
        heading, a row of its labels no subheading."""
        cur = self.current
        if cur is None or cur.diagram != entry.diagram or cur.page_end != entry.page:
            cur = self._new(model.PARAGRAPH, entry)
        self._append(cur, entry, text, markers, " ")
        self.list_parent = None

    def _subheading(self, entry: Entry, text: str, bold: bool, italic: bool) -> bool:
        """A short line at about body size in a style that stands out: bold (upright), or any style the
        inventory saw used as standalone titles rather than running text (italic, bold italic, small caps,
        colour, another family); or an unnumbered line sized between the body and the numbered headings."""
        line = entry.line
        if line.size < DEFAULT_SUBHEADING_MIN_RATIO * self.stats.body_size or len(text) > DEFAULT_MAX_HEADING_CHARS \
                or not re.search(r"[^\W\d_]", text):
            return False
        if bold and not italic:
            return True
        if not self.inventory.is_title(line) or self._bullet(entry) is not None:
            return False
        return self.inventory.is_subheading_style(line_style(line)) or self._below_headings(line)

    def _continues_subheading(self, entry: Entry) -> bool:
        """The next line of a subheading that wraps: same style, at line distance."""
        cur = self.current
        return cur is not None and cur.kind == model.SUBHEADING and self._gap_ok(cur, entry) \
            and line_style(entry.line) == line_style(cur.last) and self.inventory.is_title(entry.line)

    def _run_in(self, entry: Entry, markers) -> bool:
        """A run-in subheading: the line starts a paragraph with a phrase in a run-in style of the document
        ("Wonen. De woningbouw …" with "Wonen." in bold); the heading ends where the style changes, the rest
        of the line starts the paragraph."""
        line, cur = entry.line, self.current
        # a run-in heading too long for one line: its first line stood alone, this one ends it
        wrapped = cur is not None and cur.kind == model.SUBHEADING and self._gap_ok(cur, entry) \
            and span_style(line.spans[0]) == line_style(cur.last)
        split = run_in_split(line, self.inventory.body, continued=wrapped)
        if not split or not (wrapped or self.inventory.is_run_in_style(span_style(line.spans[0]))):
            return False
        if cur is not None and cur.box == entry.box and cur.kind == model.PARAGRAPH and self._gap_ok(cur, entry) \
                and not _SENTENCE_END.search(cur.text.rstrip()):
            return False  # a bold phrase inside a running sentence is emphasis
        head = replace(line, spans=line.spans[:split], x1=line.spans[split - 1].x1)
        rest = replace(line, spans=line.spans[split:], x0=line.spans[split].x0)
        head_text, head_markers = line_content(head, self.notes)
        rest_text, rest_markers = line_content(rest, self.notes)
        self._append(cur if wrapped else self._new(model.SUBHEADING, entry), entry, head_text.rstrip(), head_markers)
        self.list_parent = None
        self._append(self._new(model.PARAGRAPH, entry), replace(entry, line=rest),
                     rest_text, rest_markers)
        return True

    def _quote_line(self, entry: Entry, text: str, italic: bool) -> bool:
        """A line of a quote candidate: italic and opening with a quotation mark or indented, or opening with
        a quotation mark and set apart (indented, framed or smaller), or continuing a quote. Never a bulleted
        line or the continuation of a list item. Whether the candidate stays a quote is decided when it is
        complete (`_has_quote_evidence`)."""
        line, cur = entry.line, self.current
        if self._bullet(entry) is not None:
            return False
        if self._tagged_quote(entry, italic):
            return True
        opens = text[:1] in QUOTE_OPENERS
        if self._continues_item(entry):
            return False
        indented = self._indent(entry) > DEFAULT_INDENT * line.size
        if italic:
            if not opens and self.inventory.is_title(line) and self.inventory.is_subheading_style(line_style(line)):
                return False  # an italic title (of a box, say) standing apart is no quote
            return opens or indented or (cur is not None and cur.kind == model.QUOTE)
        if cur is not None and cur.kind == model.QUOTE and cur.last is not None and not is_italic(cur.last):
            # the quote goes on in its own style, also past a paragraph break or a page break: while it is
            # open, or with a next paragraph that opens with a quotation mark again
            near = self._gap_ok(cur, entry, 2.5) or self._turns_over(cur, entry)
            return line_style(line) == line_style(cur.last) and near and (opens or not _closes(cur.text))
        smaller = line.size <= self.stats.body_size - DEFAULT_QUOTE_SIZE_STEP
        return opens and (indented or entry.box or smaller)

    def _tagged_quote(self, entry: Entry, italic: bool) -> bool:
        """The structure tree marks the line as a quotation (BlockQuote, Quote) and the layout sets it apart
        from the body: indented, framed, smaller, italic or in another style. The tag alone invents nothing."""
        line = entry.line
        if not tagged_as(line, "BlockQuote", "Quote"):
            return False
        return self._indent(entry) > DEFAULT_INDENT * line.size or entry.box or italic \
            or line.size <= self.stats.body_size - DEFAULT_QUOTE_SIZE_STEP \
            or line_style(line) not in (None, self.inventory.body)

    def _tagged_item(self, entry: Entry, previous: Line | None) -> bool:
        """The structure tree starts a new list item (LI) with this line (the `previous` line belongs to
        another element), and the line reads as one: not in a heading's size (a heading Word placed in a
        list is a heading)."""
        line = entry.line
        if not tagged_as(line, "LI") or line.size >= DEFAULT_HEADING_RATIO * self.stats.body_size:
            return False
        element = next(s.element for s in line.spans if s.role == "LI")
        return element != 0 and (previous is None or element not in {s.element for s in previous.spans})

    def _attribution(self, cur: Draft, entry: Entry, text, italic, bold, markers) -> bool:
        line = entry.line
        if cur.kind == model.ATTRIBUTION:
            if self._gap_ok(cur, entry) and line_style(line) == line_style(cur.last) \
                    and not _SENTENCE_END.search(cur.text.rstrip()):
                self._append(cur, entry, text, markers)
                return True
            return False
        if not (self._gap_ok(cur, entry, 2.5) or self._turns_over(cur, entry)):
            return False
        name = text.lstrip("—–- ")
        dashed = name != text
        if line_style(line) == line_style(cur.last) and not _closes(cur.text) and not (cur.tagged and dashed):
            return False  # the open quote goes on (a quotation the tree marks ends where a dash names its source)
        # who is quoted: a person's name with a role ("Jouke van Dijk, hoogleraar …"), or a short name after
        # a dash ("— Jan de Vries"); an indent or bold type alone does not make a line an attribution
        short_name = dashed and 0 < len(name.split()) <= DEFAULT_MAX_NAME_WORDS and name[:1].isupper() \
            and not _SENTENCE_END.search(name)
        if not (names_a_person(name) or short_name) or len(text.split()) > DEFAULT_MAX_ATTRIBUTION_WORDS:
            return False
        # a numbered or bulleted line after the candidate is the next item or heading, never who said it
        if not dashed and (self._bullet(entry) is not None or self._numbered(entry) is not None
                           or _ITEM_LABEL.match(text) or _SECTION_TITLE.match(text)):
            return False
        quote_index = len(self.drafts) - 1
        draft = self._new(model.ATTRIBUTION, entry, parent=quote_index)
        self._append(draft, entry, text.lstrip("—–- "), markers)
        return True

    def _label_then_item(self, entry: Entry) -> bool:
        """A form's label before a bulleted item on the same line ("Noot:   • Het verdrag is …"): a short
        phrase ending in a colon, set apart from the bullet by more than a word space (the items stand in the
        value column). The label is a paragraph of its own, the rest of the line starts the item."""
        line = entry.line
        if len(line.spans) < 3 or not labelled(line):
            return False
        label, glyph = line.spans[0], line.spans[1]
        rest = replace(line, spans=line.spans[1:], x0=glyph.x0)
        item = replace(entry, line=rest)
        bullet = self._bullet(item)
        if bullet is None:
            return False
        head = replace(line, spans=line.spans[:1], x1=label.x1)
        head_text, head_markers = line_content(head, self.notes)
        rest_text, rest_markers = line_content(rest, self.notes)
        self._append(self._new(model.PARAGRAPH, entry), entry, head_text.rstrip(), head_markers)
        self.list_parent = None
        self._start_item(item, bullet, rest_text, rest_markers)
        return True

    def _labelled_sub_item(self, entry: Entry, text: str, markers) -> bool:
        """"1) ..." / "a. ..." indented under a list item is a sub-item that keeps its label."""
        if self.list_parent is None or not _ITEM_LABEL.match(text):
            return False
        parent, cur = self.drafts[self.list_parent], self.current
        line = entry.line
        if self._indent(entry) < parent.text_indent + DEFAULT_INDENT * line.size or cur is None or cur.box != entry.box:
            return False
        if not (self._gap_ok(cur, entry, 1.6) or self._page_continues(cur, entry)):
            return False
        draft = self._new(model.SUB_ITEM, entry, parent=self.list_parent, glyph_indent=self._indent(entry),
                          text_indent=self._indent(entry))
        self._append(draft, entry, text, markers)
        return True

    def _start_item(self, entry: Entry, bullet: tuple[str, float, float], text: str, markers) -> None:
        glyph, glyph_indent, text_indent = bullet
        parent = self.drafts[self.list_parent] if self.list_parent is not None else None
        is_sub = parent is not None and (glyph_indent >= parent.text_indent - 0.5 * entry.line.size
                                         or glyph_indent > parent.glyph_indent + DEFAULT_INDENT * entry.line.size)
        body = text[1:].lstrip()
        offset = len(text) - len(body)
        markers = [(max(0, p - offset), n) for p, n in markers]
        if is_sub:
            draft = self._new(model.SUB_ITEM, entry, parent=self.list_parent, glyph=glyph, glyph_indent=glyph_indent,
                              text_indent=text_indent)
        else:
            draft = self._new(model.LIST_ITEM, entry, glyph=glyph, glyph_indent=glyph_indent, text_indent=text_indent)
            self.list_parent = len(self.drafts) - 1
        self._append(draft, entry, body, markers)

    # ------------------------------------------------------------------ result
    def _drop_unproven_quotes(self) -> None:
        """A quote candidate stays a quote only with evidence: it opens with a quotation mark that only its
        end answers, or an attribution follows it, or the structure tree marks it as a quotation on lines set
        apart. Otherwise (an italic instruction, an emphasised line) it is a paragraph."""
        attributed = {d.parent for d in self.drafts if d.kind == model.ATTRIBUTION}
        for i, draft in enumerate(self.drafts):
            if draft.kind != model.QUOTE or i in attributed or draft.tagged:
                continue
            text = draft.text.strip()
            if not _closes(text) or _closed_early(text):
                draft.kind = model.PARAGRAPH

    def finish(self) -> Structure:
        blocks: list[model.Block] = []
        sections: list[model.Section] = []
        quotes: list[model.Quote] = []
        anchors: dict[int, tuple[str, int, str]] = {}
        self._drop_unproven_quotes()
        ids = [f"b{i + 1:04d}" for i in range(len(self.drafts))]
        section: str | None = None
        subheading: str | None = None
        for i, d in enumerate(self.drafts):
            text = d.text.strip()
            if d.kind == model.HEADING:
                section = d.number
                subheading = None
                sections.append(model.Section(number=d.number, title=text, level=d.level or 1,
                                              page=d.page, block_id=ids[i]))
            refs = []
            for offset, number, page in d.markers:
                if number not in refs:
                    refs.append(number)
                if number not in anchors:
                    context = re.sub(r"\s+", " ", d.text[:offset]).strip()[-80:]
                    anchors[number] = (ids[i], page, context)
            blocks.append(model.Block(
                id=ids[i], kind=d.kind, text=text, page=d.page, page_end=d.page_end, section=section,
                footnote_refs=tuple(refs), subheading=subheading if d.kind != model.SUBHEADING else None,
                parent=ids[d.parent] if d.parent is not None else None, number=d.number,
                level=d.level if d.kind == model.HEADING else None, box=d.box,
                page_breaks=_page_breaks(d)))
            if d.kind == model.SUBHEADING:
                subheading = text
            if d.kind == model.ATTRIBUTION and d.parent is not None:
                q = self.drafts[d.parent]
                quotes.append(model.Quote(text=q.text.strip(), attribution=text, page=q.page,
                                          section=blocks[d.parent].section, block_id=ids[d.parent]))
        quoted = {q.block_id for q in quotes}
        for i, d in enumerate(self.drafts):
            if d.kind == model.QUOTE and ids[i] not in quoted:
                quotes.append(model.Quote(text=d.text.strip(), attribution="", page=d.page,
                                          section=blocks[i].section, block_id=ids[i]))
        quotes.sort(key=lambda q: q.block_id or "")
        return Structure(blocks=blocks, sections=sections, quotes=quotes, anchors=anchors, warnings=[])


def _page_breaks(draft: Draft) -> tuple[tuple[int, int], ...]:
    """The draft's page breaks as offsets into its stripped text."""
    shift = len(draft.text) - len(draft.text.lstrip())
    return tuple((max(0, offset - shift), page) for offset, page in draft.breaks)


def build_structure(entries: list[Entry], stats: DocStats, joiner: Joiner, notes: NoteIndex,
                    outline: list[OutlineEntry] = ()) -> Structure:
    """Blocks, sections and quotes from the body lines in reading order, decided from the document's style
    inventory, its outline (bookmarks) where it has one, and its tables of contents."""
    text_entries = [entry for entry in entries if entry.table is None and entry.diagram is None]
    inventory = style_inventory([entry.line for entry in text_entries])
    bookmarks = [(b.level, _outline_key(b.title), b.page) for b in outline if _outline_key(b.title)]
    builder = Builder(stats, joiner, notes, inventory, bookmarks)
    builder.outline_numbers = [(m.group(1), b.page, _outline_key(b.title)) for b in outline
                               if (m := _BOOKMARK_NUMBER.match(b.title))]
    builder.level_sizes, builder.numbered_size = heading_levels(text_entries, stats.body_size)
    builder.lefts = column_lefts([(entry.page, entry.column, entry.line) for entry in text_entries], stats.body_size)
    builder.value_indents = builder.form_value_indents(text_entries)
    contents = {id(text_entries[i]) for i in find_contents([(entry.page, entry.line) for entry in text_entries])}
    builder.outline_size = builder.outline_floor([entry for entry in text_entries if id(entry) not in contents])
    for entry in entries:
        if id(entry) in contents:
            builder.add_contents(entry)
        else:
            builder.add(entry)
    return builder.finish()
