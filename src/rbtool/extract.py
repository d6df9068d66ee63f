"""extract_document: a PDF file → model.Document (pages, sections, blocks, footnotes, quotes).

Pipeline: rbtool.pdf reads each page's characters once into lines; then pure layout functions remove the
running header/footer (repetition across pages), cut off the footnote zone per page, read multi-column
pages column by column, and build blocks, sections, footnotes and quotes from the body lines.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from collections.abc import Callable
from pathlib import Path

from rbtool import model
from rbtool.errors import GarbledTextLayer, NoTextLayer, PdfError, printable
from rbtool.layout.blocks import Entry, build_structure
from rbtool.layout.columns import find_gutters, split_columns
from rbtool.layout.diagrams import find_diagrams, within
from rbtool.layout.footnotes import NoteDraft, NoteIndex, note_number, parse_notes, restarts_per_page, split_footnote_zone
from rbtool.layout.furniture import find_furniture, strip_margin_column, text_column
from rbtool.layout.stats import document_stats
from rbtool.layout.styles import WORD
from rbtool.layout.tables import PageTable, continues, find_tables
from rbtool.layout.text import (SOFT_HYPHEN, Joiner, glyph_words, hyphenates, join_wrapped, ligature_readings,
                                read_ligatures, soft_hyphens_drawn, vocabulary)
from rbtool.nl.kamerstukken import questions_title
from rbtool.nl.text import folded_words
from rbtool.pdf import (DocumentInfo, Line, OutlineEntry, PageData, Rect, Span, read_info, read_outline,
                        read_pages)

EXTRACTOR_VERSION = "36"

# A document whose characters are mostly (cid:NN), private-use or control glyphs has no usable text layer.
DEFAULT_GARBLED_SHARE = 0.3
# A frame must be at least this many body sizes high and wide to hold text (thinner ones are rules).
DEFAULT_MIN_FRAME = 1.5
# A rectangle larger than this share of the page in both directions is a page background, not a frame.
DEFAULT_BACKGROUND_SHARE = 0.8
# Years plausible in a document title.
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
_COLUMN_WORDS = {2: "two", 3: "three", 4: "four"}


def extract_document(path, *, password: str | None = None, title: str | None = None, year: int | None = None,
                     on_page: Callable[[int, int], None] | None = None) -> model.Document:
    where = printable(path)  # stored and shown: any bytes of a file name become one printable line
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise PdfError(f"cannot read: {exc.strerror or exc}", where) from exc
    sha = hashlib.sha256(data).hexdigest()
    pages: list[PageData] = []
    for total, page in read_pages(path, password):
        pages.append(page)
        if on_page:
            on_page(page.index, total)
    return build_document(pages, where=where, sha256=sha, title=title, year=year,
                          outline=read_outline(path, password), info=read_info(path, password))


def build_document(pages: list[PageData], *, where: str, sha256: str, title: str | None = None,
                   year: int | None = None, outline: list[OutlineEntry] = (), info: DocumentInfo = DocumentInfo()
                   ) -> model.Document:
    warnings: list[str] = []
    _check_text_layer(pages, where, warnings)
    _read_ligatures(pages, warnings, [info.title or "", *(entry.title for entry in outline)])
    _read_drawn_soft_hyphens(pages)
    all_lines = [line for p in pages for line in p.lines]
    stats = document_stats(all_lines)
    column = text_column(all_lines, stats.body_size)
    for page, lines in zip(pages, strip_margin_column([p.lines for p in pages], column, stats.body_size)):
        page.lines = lines
    furniture = find_furniture([(p.index, p.height, p.lines) for p in pages])

    zones: list[tuple[int, list[Line]]] = []  # each page's footnote zone, read once the numbering is known
    printed: set[int] = set()  # the note numbers printed so far
    entries: list[Entry] = []
    body_texts: list[str] = []
    cover = _is_cover(pages[0], furniture, stats.body_size) if len(pages) > 1 else False
    layout_notes: dict[str, list[int]] = {}  # "three columns" -> pages: one warning per kind, not per page
    for page in pages:
        if page.turn and not page.rotated_by_viewer:
            layout_notes.setdefault(f"text turned {page.turn}°, read upright", []).append(page.index)
        lines = [l for pos, l in enumerate(page.lines) if (page.index, pos) not in furniture.lines]
        if not lines:
            continue
        right = max(l.x1 for l in lines)
        # tables first: their columns would read as gutters, their rows as paragraphs, and a table in small
        # type at a page's foot as footnotes; the notes a first look finds there may be marked in its cells
        last_note = max(printed, default=0)
        _, zone = split_footnote_zone(lines, page.rects, stats.body_size, stats.left, right, last_note)
        noted = printed | {n for n in map(note_number, zone) if n is not None}
        tables = _page_tables(lines, page, stats, noted, warnings)
        if tables:
            taken = {id(line) for table in tables for line in table.lines}
            lines = [line for line in lines if id(line) not in taken]
        body, zone = (split_footnote_zone(lines, page.rects, stats.body_size, stats.left, right, last_note)
                      if lines else ([], []))
        if zone:
            zones.append((page.index, zone))
            printed |= {n for n in map(note_number, zone) if n is not None}
        gutters = find_gutters(body, stats.body_size)
        if gutters:
            note = f"{_COLUMN_WORDS.get(len(gutters) + 1, len(gutters) + 1)} columns, read column by column"
            layout_notes.setdefault(note, []).append(page.index)
        columns = split_columns(body, gutters)
        body = [line for column in columns for line in column]
        if page.index == 1 and cover:
            continue
        frames = _frames(page, stats.body_size)
        column_of = {id(line): c for c, column in enumerate(columns) for line in column}
        body, diagrams = find_diagrams(body, frames)
        page_entries, column = [], 0
        for line in body:
            column = column_of.get(id(line), column)  # a diagram's cut pieces: the column of the line before
            page_entries.append(Entry(line=line, page=page.index, box=_inside(line, frames),
                                      diagram=diagrams.get(id(line)), column=column))
        entries.extend(_place_tables(page_entries, tables))
        body_texts += [line.text for line in body]

    warnings += [f"{_page_list(numbers)}: {note}" for note, numbers in layout_notes.items()]
    joiner = Joiner(vocab=vocabulary(body_texts), auto_hyphenation=hyphenates(body_texts))
    per_page = restarts_per_page([zone for _, zone in zones])
    drafts: list[NoteDraft] = []
    for index, zone in zones:
        parse_notes(zone, index, drafts, per_page)
    notes = NoteIndex(drafts, per_page, [e.line for e in entries if e.table is None])
    entries = _join_continued_tables(entries)
    structure = build_structure(entries, stats, joiner, notes, outline)
    tables = _tables(entries, structure.blocks, warnings)
    footnotes = []
    for d in drafts:
        text = ""
        for part in d.lines:
            text = joiner.join(text, part)
        anchor = structure.anchors.get(d.number)
        footnotes.append(model.Footnote(
            number=d.number, text=text.strip(), page=d.page, page_end=d.page_end,
            anchor_block=anchor[0] if anchor else None, anchor_page=anchor[1] if anchor else None,
            anchor_context=anchor[2] if anchor else ""))
    unanchored = sum(1 for f in footnotes if f.anchor_block is None)
    if unanchored:
        warnings.append(f"{unanchored} of {len(footnotes)} footnotes without a marker in the text")

    title_page = _folded_page(pages[0])
    first_blocks = [b for b in structure.blocks if b.page == pages[0].index]
    doc_title = (title or _confirmed(info.title, title_page)
                 or next(filter(None, (questions_title(b.text) for b in first_blocks)), None)
                 or _title(pages[0], furniture, stats.body_size) or _heading_title(first_blocks, furniture.text)
                 or furniture.text or Path(where).stem)
    author = _confirmed(info.author, title_page)
    # the year the title names, else the running header's (a journal's issue date), else the file name's
    doc_year = year if year is not None else _year(doc_title) or _year(furniture.text or "") or _year(Path(where).stem)
    return model.Document(
        id=sha256[:12], title=doc_title, year=doc_year, sha256=sha256, source_path=where,
        page_count=len(pages),
        pages=tuple(model.Page(index=p.index, label=furniture.labels.get(p.index)) for p in pages),
        sections=tuple(structure.sections), blocks=tuple(structure.blocks), footnotes=tuple(footnotes),
        quotes=tuple(structure.quotes), warnings=tuple(warnings + structure.warnings),
        extractor_version=EXTRACTOR_VERSION, tables=tuple(tables), author=author)


def _page_tables(body: list[Line], page: PageData, stats, notes: set[int], warnings: list[str]) -> list[PageTable]:
    """The page's tables; an odd table never stops the extraction: its page is named in a warning."""
    try:
        return find_tables(body, page.rects, stats.body_size, stats.pitch(stats.body_size), notes, page.index)
    except Exception as exc:  # noqa: BLE001 - a table the reader does not understand is prose, not a crash
        warnings.append(f"page {page.index}: tables not read, kept as text ({type(exc).__name__}: {exc})")
        return []


def _place_tables(entries: list[Entry], tables: list[PageTable]) -> list[Entry]:
    """The page's entries with each table before the first line below its top that shares its width (the
    prose around a table keeps its order), else after the page's last line."""
    out = list(entries)
    for table in sorted(tables, key=lambda t: t.top):
        x0, top, x1, _ = table.bbox
        at = next((i for i, e in enumerate(out) if e.table is None and e.line.top > top
                   and e.line.x0 < x1 and e.line.x1 > x0), len(out))
        column = out[at].column if at < len(out) else (out[-1].column if out else 0)
        out.insert(at, Entry(line=table.lines[0], page=table.page, table=table, column=column))
    return out


def _join_continued_tables(entries: list[Entry]) -> list[Entry]:
    """A table that ends a page and one that starts the next with as many columns, the same header (or
    none, or a "(vervolg)" caption) are one table."""
    out: list[Entry] = []
    for entry in entries:
        previous = out[-1] if out else None
        if entry.table is not None and previous is not None and previous.table is not None \
                and entry.page == previous.table.page_end + 1 and continues(previous.table, entry.table):
            previous.table.rows += entry.table.rows
            previous.table.page_end = entry.page
            previous.table.notes += entry.table.notes
            continue
        out.append(entry)
    return out


def _tables(entries: list[Entry], blocks, warnings: list[str]) -> list[model.Table]:
    table_blocks = [b for b in blocks if b.kind == model.TABLE]
    found = [e.table for e in entries if e.table is not None]
    out = []
    for number, (block, table) in enumerate(zip(table_blocks, found), start=1):
        if table.doubts:
            warnings.append(f"page {table.page}: table {number} not read cleanly ({'; '.join(table.doubts)})")
        out.append(model.Table(
            number=number, block_id=block.id, page=table.page, page_end=table.page_end, caption=table.caption,
            unit=table.unit, columns=tuple(table.columns), rows=tuple(tuple(r) for r in table.rows),
            bbox=tuple(round(v, 1) for v in table.bbox), strategy=table.strategy, section=block.section))
    return out


def _page_list(numbers: list[int]) -> str:
    """[1, 2, 3, 6] -> "pages 1–3, 6"."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    text = ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)
    return f"page{'s' if len(numbers) > 1 else ''} {text}"


def _check_text_layer(pages: list[PageData], where: str, warnings: list[str]) -> None:
    empty = sum(1 for p in pages if p.chars == 0)
    if empty == len(pages):
        raise NoTextLayer(f"no text layer on {empty} of {len(pages)} pages; run OCR first, e.g. ocrmypdf -l nld",
                          where)
    chars = sum(p.chars for p in pages)
    bad = sum(p.bad_chars for p in pages)
    if bad > DEFAULT_GARBLED_SHARE * chars:
        raise GarbledTextLayer(f"the text layer is unreadable ({round(100 * bad / chars)}% of the characters "
                               "have no Unicode mapping); run OCR first, e.g. ocrmypdf --force-ocr -l nld", where)
    if empty:
        warnings.append(f"{empty} of {len(pages)} pages have no text layer")


def _read_ligatures(pages: list[PageData], warnings: list[str], written_out: list[str]) -> None:
    """Replace ligature glyphs without a usable Unicode map by the letters the document's own evidence says
    they stand for (rbtool.layout.text.ligature_readings), also the words of `written_out` (the texts the PDF
    gives in Unicode besides its pages: its title, its bookmarks); warn with the pages where a glyph inside a
    word stays unread."""
    if not any(p.bad_chars for p in pages):
        return
    advances: dict[tuple[str, str], list[float]] = {}
    for page in pages:
        for key, width in page.advances.items():
            advances.setdefault(key, []).append(width)
    readings, unread = ligature_readings(((span.fontname, span.text) for p in pages for line in p.lines
                                          for span in line.spans),
                                         {key: sorted(values)[len(values) // 2] for key, values in advances.items()},
                                         written_out)
    for page in pages:
        if readings and page.bad_chars:
            _rewrite_spans(page, lambda span: read_ligatures(span.text, span.fontname, readings))
    if unread:
        glyphs = {glyph for _, glyph in unread}
        where = [p.index for p in pages if any(g in word for line in p.lines for word in glyph_words(line.text)
                                               for g in glyphs)]
        warnings.append(f"{_page_list(where)}: glyphs without Unicode map inside words, not read")


def _read_drawn_soft_hyphens(pages: list[PageData]) -> None:
    """Read every U+00AD as "-" where the document draws soft hyphens inside lines (text.soft_hyphens_drawn):
    its compounds ("sociaal-culturele") keep their hyphen, and the line-end ones go to the Joiner's evidence."""
    if soft_hyphens_drawn(span.text for page in pages for line in page.lines for span in line.spans):
        for page in pages:
            _rewrite_spans(page, lambda span: span.text.replace(SOFT_HYPHEN, "-"))


def _rewrite_spans(page: PageData, text_of: Callable[[Span], str]) -> None:
    """Give each span of the page the text `text_of` reads in it."""
    page.lines = [replace(line, spans=tuple(replace(span, text=text_of(span)) for span in line.spans))
                  for line in page.lines]


def _frames(page: PageData, body_size: float) -> list[Rect]:
    """Rectangles that can frame text: not rules, and not a background covering the whole page."""
    minimum = DEFAULT_MIN_FRAME * body_size
    return [r for r in page.rects if r.height >= minimum and r.width >= 3 * minimum
            and not (r.height > DEFAULT_BACKGROUND_SHARE * page.height and r.width > DEFAULT_BACKGROUND_SHARE * page.width)]


def _inside(line: Line, frames: list[Rect]) -> bool:
    return any(within(line, f) for f in frames)


def _page_lines(page: PageData, furniture) -> list[Line]:
    return [l for pos, l in enumerate(page.lines) if (page.index, pos) not in furniture.lines]


def _is_cover(page: PageData, furniture, body_size: float) -> bool:
    """A first page without any line at the body size is a cover: its text is the title, not content."""
    return not any(abs(l.size - body_size) < 0.3 for l in _page_lines(page, furniture))


def _title(page: PageData, furniture, body_size: float) -> str | None:
    lines = [l for l in _page_lines(page, furniture) if WORD.search(l.text)]
    if lines:
        largest = max(l.size for l in lines)
        if largest > body_size:
            return join_wrapped([l.text for l in lines if abs(l.size - largest) < 0.5])
    return None


def _heading_title(blocks: list[model.Block], running_text: str | None) -> str | None:
    """The most specific heading of a first page that opens with headings: the last of that run, as in
    "DEPARTMENT OF TRANSPORTATION / Federal Aviation Administration / … / Airworthiness Directives; The Boeing
    Company Airplanes". A heading whose words are only part of the running header's (a journal's section,
    "Proposed Rules", under "Federal Register/Vol. 85 …/Proposed Rules") names the publication: it and the
    text under it (the section's standing notice) are passed over. A page that opens with body text has no
    title heading (its first heading is that of a part, such as an agenda item)."""
    running = set(folded_words(running_text or ""))
    run: list[str] = []
    under_masthead = False
    for block in blocks:
        if block.kind in (model.HEADING, model.SUBHEADING):
            words = set(folded_words(block.text))
            under_masthead = bool(words) and words < running
            if not under_masthead:
                run.append(block.text)
        elif run:
            break
        elif not under_masthead and WORD.search(block.text):
            return None
    return run[-1] if run else None


def _folded_page(page: PageData) -> str:
    """The first page's words, folded, one space apart (hyphenated line ends joined), padded for phrase search."""
    return f" {' '.join(folded_words(join_wrapped([l.text for l in page.lines])))} "


def _confirmed(value: str | None, title_page: str) -> str | None:
    """A title or author from the PDF's information when the title page prints it (word for word, case and
    accents aside): producers often leave a template's or a login's name there ("1_De_Koning", "berr0904")."""
    if not value or "_" in value:
        return None
    words = folded_words(value)
    return value if words and f" {' '.join(words)} " in title_page else None


def _year(title: str) -> int | None:
    match = re.search(r"(?:begroting|miljoenennota|jaarverslag|budget)\D{0,20}(\d{4})", title, re.I)
    if match:
        return int(match.group(1))
    match = _YEAR.search(title)
    return int(match.group(1)) if match else None
