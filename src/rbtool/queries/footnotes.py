"""Footnotes as research material: the sentence that cites them, the sources they name, and their integrity.

The marker in a citing sentence is shown as "[36]" (plain text, safe in CSV). Block texts carry no markers: the
marker's position is recovered from `Footnote.anchor_context` (running text ending where the marker stood).
Without a context (documents built from ground truth) the position is unknown; then the citing sentence is the
block's only sentence, or its first, and the marker is shown at the end of that sentence.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from rbtool import model
from rbtool.nl.kamerstukken import qa_label_end
from rbtool.nl.text import fold
from rbtool.queries.sections import in_sections

DEFAULT_MIN_CONTEXT = 12  # shortest tail of anchor_context that may locate a marker in its block
DEFAULT_MIN_TITLE_WORDS = 4  # shorter titles ("CBS") group only with an identical title

# Abbreviations after which a period does not end a sentence.
ABBREVIATIONS = ("bijv", "bv", "o.a", "e.a", "blz", "nr", "nrs", "p", "i.e", "d.w.z", "t.a.v", "m.b.t", "resp",
                 "ca", "incl", "excl", "mln", "mld", "mr", "dr", "drs", "ir", "prof", "dhr", "mw", "jl", "vs", "etc",
                 "zgn", "art", "e.d", "c.q", "t/m", "red", "eds")
_SENTENCE_END = re.compile(r"[.!?…]+[”’\"»)]*\s+(?=[A-Z0-9“‘\"«(–-])")


@dataclass(frozen=True)
class FootnoteRow:
    doc: str
    number: int
    page: int
    page_label: str | None
    citing_sentence: str
    text: str
    kinds: tuple[str, ...]
    refs: tuple[model.Reference, ...]
    section: str | None = None


@dataclass(frozen=True)
class Problem:
    """A break in a document's footnote apparatus."""

    kind: str  # marker_without_note, note_without_marker, gap, duplicate_note, duplicate_marker
    number: int
    page: int | None
    message: str


def _word_before(text: str, end: int, start: int) -> str:
    """The run of word characters, dots and slashes ending at `end` (not before `start`)."""
    i = end
    while i > start and (text[i - 1].isalnum() or text[i - 1] in "_./"):
        i -= 1
    return text[i:end]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; a period after an abbreviation or an initial does not end one. The label
    a written question or answer keeps as its first words ("Vraag 3 Bent u …") is no part of a sentence."""
    spans, start = [], qa_label_end(text)
    for match in _SENTENCE_END.finditer(text, start):
        token = _word_before(text, match.start(), start).lower()
        if text[match.start()] == "." and (token.rstrip(".") in ABBREVIATIONS or re.fullmatch(r"(?:\w\.)*\w", token)
                                           and len(token.replace(".", "")) <= 2):
            continue
        spans.append((start, match.end()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def marker_offset(block_text: str, anchor_context: str) -> int | None:
    """Where in the block text the marker stood: the end of the longest tail of anchor_context found there."""
    context = re.sub(r"\s+", " ", anchor_context or "").strip()
    text = re.sub(r"\s+", " ", block_text)
    for start in range(0, max(len(context) - DEFAULT_MIN_CONTEXT, 0) + 1):
        tail = context[start:]
        if len(tail) < DEFAULT_MIN_CONTEXT:
            break
        found = text.find(tail)
        if found >= 0:
            return found + len(tail)
    return None


def citing_sentence(block_text: str, marker_index: int | None, number: int | None = None) -> str:
    """The sentence of block_text that holds the marker, with the marker written "[number]" where it stood.

    marker_index is the character offset of the marker in block_text (None when unknown: then the block's
    first sentence, with the marker at its end).
    """
    text = re.sub(r"\s+", " ", block_text).strip()
    spans = sentence_spans(text) or [(0, len(text))]
    if marker_index is None:
        start, end = spans[0]
        position = len(text[start:end].rstrip())
    else:
        # The marker stands after the character it follows, usually the sentence's full stop.
        start, end = next(((s, e) for s, e in spans if s < marker_index <= e), spans[-1])
        position = min(marker_index, end) - start
    sentence = text[start:end]
    marker = f"[{number}]" if number is not None else ""
    return (sentence[:position] + marker + sentence[position:]).strip()


def _blocks(doc: model.Document) -> dict[str, model.Block]:
    return {block.id: block for block in doc.blocks}


def footnote_sentence(doc: model.Document, note: model.Footnote, blocks: dict[str, model.Block] | None = None) -> str:
    block = (blocks or _blocks(doc)).get(note.anchor_block or "")
    if block is None:
        return ""
    return citing_sentence(block.text, marker_offset(block.text, note.anchor_context), note.number)


def classify_notes(doc: model.Document) -> dict[int, list[model.Reference]]:
    """The references of every note, in note order (so "idem" and "zie noot N" can look back)."""
    from rbtool.nl.sources import classify_note  # at extraction: queries read the stored references

    classified: dict[int, list[model.Reference]] = {}
    previous = None
    for note in sorted(doc.footnotes, key=lambda n: n.number):
        previous = classify_note(note.text, previous=previous, sections=doc.sections, notes=classified)
        classified[note.number] = previous
    return classified


def analyse_notes(doc: model.Document) -> list[FootnoteRow]:
    """Every note of the document with its citing sentence, section and classified sources, in note order.

    Done once at extract time and stored (rbtool.store), so listing notes never re-reads the blocks."""
    blocks = _blocks(doc)
    references = classify_notes(doc)
    rows = []
    for note in sorted(doc.footnotes, key=lambda n: n.number):
        refs = tuple(references[note.number])
        block = blocks.get(note.anchor_block or "")
        rows.append(FootnoteRow(doc.id, note.number, note.page, doc.page_label(note.page),
                                footnote_sentence(doc, note, blocks), note.text,
                                tuple(dict.fromkeys(r.kind for r in refs)), refs, block.section if block else None))
    return rows


def _any_of(value) -> tuple:
    return () if not value else (value,) if isinstance(value, str) else tuple(value)


def filter_notes(rows: Iterable[FootnoteRow], kind: str | Iterable[str] | None = None, zoek: str | None = None,
                 section: str | Iterable[str] | None = None) -> list[FootnoteRow]:
    """Notes citing a source of a kind (any of several), with all words of `zoek` (accents and case ignored)
    in the note or its citing sentence, in a section ("2" includes "2.1"; any of several)."""
    kinds, sections = set(_any_of(kind)), _any_of(section)
    selected = []
    for row in rows:
        if kinds and not kinds & set(row.kinds):
            continue
        if zoek and not all(word in fold(row.text + " " + row.citing_sentence) for word in fold(zoek).split()):
            continue
        if sections and not in_sections(row.section, sections):
            continue
        selected.append(row)
    return selected


def list_footnotes(doc: model.Document, kind: str | None = None, zoek: str | None = None,
                   section: str | None = None) -> list[FootnoteRow]:
    """The document's notes with citing sentence and sources, filtered as `filter_notes` does."""
    return filter_notes(analyse_notes(doc), kind, zoek, section)


def stored_notes(corpus, doc_ids: Iterable[str]) -> list[FootnoteRow]:
    """The analysed notes of documents in the corpus; a document stored before notes were analysed at
    extract time is analysed now."""
    rows: list[FootnoteRow] = []
    for doc_id in doc_ids:
        stored = [FootnoteRow(*fields) for fields in corpus.iter_notes(doc_id)]
        rows += stored if stored or not corpus.has_unanalysed_notes(doc_id) else \
            analyse_notes(corpus.load_document(doc_id))
    return rows


def reference_to_dict(ref: model.Reference) -> dict:
    return {"kind": ref.kind, "identifier": ref.identifier, "url": ref.url, "title": ref.title, "date": ref.date}


def footnote_to_row(row: FootnoteRow) -> dict:
    """JSON fields of one note."""
    return {"doc": row.doc, "number": row.number, "page": row.page, "page_label": row.page_label,
            "citing_sentence": row.citing_sentence, "text": row.text, "kinds": list(row.kinds),
            "refs": [reference_to_dict(r) for r in row.refs]}


def reference_rows(rows: Iterable[FootnoteRow]) -> list[dict]:
    """Flat rows for CSV: one per reference (a note without references gives none)."""
    return [{"doc": row.doc, "number": row.number, "page": row.page, "page_label": row.page_label,
             "kind": ref.kind, "identifier": ref.identifier, "url": ref.url, "title": ref.title, "date": ref.date,
             "citing_sentence": row.citing_sentence, "text": row.text}
            for row in rows for ref in row.refs]


def _source_key(ref: model.Reference) -> str | None:
    """What makes two references one publication: the kamerstuk identifier, the URL, or the folded title."""
    if ref.identifier and ref.identifier.startswith(("kst-", "miljoenennota-")):
        return ref.identifier
    if ref.url:
        return ref.url
    if ref.kind in ("crossref", "other"):
        return None
    # An article is its title in its paper on its date; a report is its title (or its publisher named alone).
    parts = [ref.title, ref.identifier, ref.date] if ref.kind == "media" else [ref.title or ref.identifier]
    words = re.findall(r"\w+", fold(" ".join(p for p in parts if p)))
    return " ".join(words) or None


def _same_source(words_a: set[str], words_b: set[str]) -> bool:
    """Titles (as word sets of their keys) one of which holds every word of the other: the same citation with
    page numbers or an explanation around it."""
    if min(len(words_a), len(words_b)) < DEFAULT_MIN_TITLE_WORDS or "kst" in words_a or "kst" in words_b:
        return False
    return words_a <= words_b or words_b <= words_a


def cited_sources(rows: Iterable[FootnoteRow]) -> list[dict]:
    """One row per cited publication with the notes (analysed by `analyse_notes`) and pages citing it, most
    cited first.

    A publication is a kamerstuk identifier, a URL, or a title; titles that contain one another ("De som der
    delen ..." with and without page numbers or a preceding explanation) are one publication. "idem" notes
    count for the publication they repeat.
    """
    groups: list[dict] = []
    by_key: dict[str, dict] = {}  # most repeated citations have the very same key: no scan for those
    for row in rows:
        for ref in row.refs:
            key = _source_key(ref)
            if key is None:
                continue
            group = by_key.get(key)
            if group is None:
                words = set(key.split())
                group = next((g for g in groups if _same_source(g["words"], words)), None)
            if group is None:
                group = {"key": key, "words": words, "refs": [], "notes": []}
                groups.append(group)
            by_key.setdefault(key, group)
            group["refs"].append(ref)
            if (row.doc, row.number) not in group["notes"]:
                group["notes"].append((row.doc, row.number, row.page, row.page_label))
    rows = []
    for group in groups:
        refs = group["refs"]
        kinds = Counter(r.kind for r in refs if r.kind != "idem") or Counter(r.kind for r in refs)
        titles = Counter(r.title for r in refs if r.title)
        first = refs[0]
        notes = list(dict.fromkeys((d, n) for d, n, _, _ in group["notes"]))
        rows.append({
            "source": titles.most_common(1)[0][0] if titles else (first.identifier or group["key"]),
            "kind": kinds.most_common(1)[0][0],
            "identifier": next((r.identifier for r in refs if r.identifier), None),
            "url": next((r.url for r in refs if r.url), None),
            "count": len(notes),
            "notes": [f"{d}:{n}" for d, n in notes],
            "pages": sorted({p for _, _, p, _ in group["notes"]}),
            "doc_pages": {d: sorted({p for d2, _, p, _ in group["notes"] if d2 == d})
                          for d in dict.fromkeys(d for d, *_ in group["notes"])},
            "page_labels": list(dict.fromkeys(label for *_, label in group["notes"] if label)),
        })
    rows.sort(key=lambda r: (-r["count"], r["source"].casefold()))
    return rows


def check_integrity(doc: model.Document) -> list[Problem]:
    """Markers without a note, notes without a marker, gaps and duplicates in the numbering, by number."""
    problems: list[Problem] = []
    marker_pages: dict[int, list[int]] = {}
    for block in doc.blocks:
        for number in block.footnote_refs:
            marker_pages.setdefault(number, []).append(block.page)
    note_pages: dict[int, list[int]] = {}
    for note in doc.footnotes:
        note_pages.setdefault(note.number, []).append(note.page)
        if note.anchor_block and note.number not in marker_pages:  # anchored, though its block lists no refs
            marker_pages[note.number] = [note.anchor_page or note.page]
    for what, found, counterpart, missing, lacks in (
            ("note", note_pages, marker_pages, "note_without_marker", "has no marker in the text"),
            ("marker", marker_pages, note_pages, "marker_without_note", "has no note")):
        for number, pages in sorted(found.items()):
            if len(pages) > 1:
                problems.append(Problem(f"duplicate_{what}", number, pages[1],
                                        f"{what} {number} appears {len(pages)} times (pages {_pages(pages)})"))
            if number not in counterpart:
                problems.append(Problem(missing, number, pages[0], f"{what} {number} on page {pages[0]} {lacks}"))
    numbers = set(note_pages) | set(marker_pages)
    for number in range(min(numbers, default=1), max(numbers, default=0) + 1):
        if number not in numbers:
            page = max((p[0] for n, p in note_pages.items() if n < number), default=None)
            problems.append(Problem("gap", number, page, f"no note or marker {number} (numbering skips it)"))
    problems.sort(key=lambda p: (p.number, p.kind))
    return problems


def _pages(pages: list[int]) -> str:
    return ", ".join(str(p) for p in pages)
