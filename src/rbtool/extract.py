"""extract_document: a PDF file → model.Document (pages, sections, blocks, footnotes, quotes).

Pipeline: rbtool.pdf reads each page's characters once into lines; then pure layout functions remove the
running header/footer (repetition across pages), cut off the footnote zone per page, read multi-column
pages column by column, and build blocks, sections, footnotes and quotes from the body lines.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path

from rbtool import model
from rbtool.errors import GarbledTextLayer, NoTextLayer, PdfError
from rbtool.layout.blocks import Entry, build_structure
from rbtool.layout.columns import find_gutters, split_columns
from rbtool.layout.footnotes import NoteDraft, parse_notes, split_footnote_zone
from rbtool.layout.furniture import find_furniture
from rbtool.layout.stats import document_stats
from rbtool.layout.text import Joiner, hyphenates, vocabulary
from rbtool.pdf import Line, OutlineEntry, PageData, Rect, read_outline, read_pages

EXTRACTOR_VERSION = "8"

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
    where = str(path)
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
                          outline=read_outline(path, password))


def build_document(pages: list[PageData], *, where: str, sha256: str, title: str | None = None,
                   year: int | None = None, outline: list[OutlineEntry] = ()) -> model.Document:
    warnings: list[str] = []
    _check_text_layer(pages, where, warnings)
    all_lines = [line for p in pages for line in p.lines]
    stats = document_stats(all_lines)
    furniture = find_furniture([(p.index, p.height, p.lines) for p in pages])

    drafts: list[NoteDraft] = []
    entries: list[Entry] = []
    body_texts: list[str] = []
    cover = _is_cover(pages[0], furniture, stats.body_size) if len(pages) > 1 else False
    layout_notes: dict[str, list[int]] = {}  # "three columns" -> pages: one warning per kind, not per page
    for page in pages:
        lines = [l for pos, l in enumerate(page.lines) if (page.index, pos) not in furniture.lines]
        if not lines:
            continue
        right = max(l.x1 for l in lines)
        body, zone = split_footnote_zone(lines, page.rects, stats.body_size, stats.left, right)
        if zone:
            parse_notes(zone, page.index, drafts)
        gutters = find_gutters(body, stats.body_size)
        if gutters:
            columns = f"{_COLUMN_WORDS.get(len(gutters) + 1, len(gutters) + 1)} columns, read column by column"
            layout_notes.setdefault(columns, []).append(page.index)
            body = split_columns(body, gutters)
        if page.rotated:
            layout_notes.setdefault("rotated", []).append(page.index)
        if page.index == 1 and cover:
            continue
        frames = _frames(page, stats.body_size)
        for line in body:
            entries.append(Entry(line=line, page=page.index, box=_inside(line, frames)))
            body_texts.append(line.text)

    warnings += [f"{_page_list(numbers)}: {note}" for note, numbers in layout_notes.items()]
    joiner = Joiner(vocab=vocabulary(body_texts), auto_hyphenation=hyphenates(body_texts))
    notes = {d.number for d in drafts}
    structure = build_structure(entries, stats, joiner, notes, outline)
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

    doc_title = title or _title(pages[0], furniture, stats.body_size) or Path(where).stem
    doc_year = year if year is not None else _year(doc_title)
    return model.Document(
        id=sha256[:12], title=doc_title, year=doc_year, sha256=sha256, source_path=where,
        page_count=len(pages),
        pages=tuple(model.Page(index=p.index, label=furniture.labels.get(p.index)) for p in pages),
        sections=tuple(structure.sections), blocks=tuple(structure.blocks), footnotes=tuple(footnotes),
        quotes=tuple(structure.quotes), warnings=tuple(warnings + structure.warnings),
        extractor_version=EXTRACTOR_VERSION)


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


def _frames(page: PageData, body_size: float) -> list[Rect]:
    """Rectangles that can frame text: not rules, and not a background covering the whole page."""
    minimum = DEFAULT_MIN_FRAME * body_size
    return [r for r in page.rects if r.height >= minimum and r.width >= 3 * minimum
            and not (r.height > DEFAULT_BACKGROUND_SHARE * page.height and r.width > DEFAULT_BACKGROUND_SHARE * page.width)]


def _inside(line: Line, frames: list[Rect]) -> bool:
    cy = (line.top + line.bottom) / 2
    return any(f.x0 - 1 <= line.x0 and line.x1 <= f.x1 + 1 and f.top - 1 <= cy <= f.bottom + 1 for f in frames)


def _page_lines(page: PageData, furniture) -> list[Line]:
    return [l for pos, l in enumerate(page.lines) if (page.index, pos) not in furniture.lines]


def _is_cover(page: PageData, furniture, body_size: float) -> bool:
    """A first page without any line at the body size is a cover: its text is the title, not content."""
    return not any(abs(l.size - body_size) < 0.3 for l in _page_lines(page, furniture))


def _title(page: PageData, furniture, body_size: float) -> str | None:
    lines = [l for l in _page_lines(page, furniture) if re.search(r"[^\W\d_]{2}", l.text)]
    if lines:
        largest = max(l.size for l in lines)
        if largest > body_size:
            return " ".join(l.text for l in lines if abs(l.size - largest) < 0.5).strip()
    return furniture.text


def _year(title: str) -> int | None:
    match = re.search(r"(?:begroting|miljoenennota|jaarverslag|budget)\D{0,20}(\d{4})", title, re.I)
    if match:
        return int(match.group(1))
    match = _YEAR.search(title)
    return int(match.group(1)) if match else None
