"""The full-text index behind `rbtool search`: passages, an FTS5 table over their folded text, a vocabulary.

- A passage is every block of a document (headings included: short, but they say where one is) and every
  footnote. `search_passages` keeps the original text for display and its folded form (nl.text.index_text)
  which the external-content FTS5 table `search_fts` indexes with diacritic folding switched off, so the
  index holds exactly the words nl.text.words() produces.
- `search_vocabulary` holds every folded word of the corpus once (shared by all documents, so it grows with
  the language, not with the number of documents) with its document frequency, its stem and both reversed,
  so that query words expand by stem, by compound prefix and by compound suffix through index range scans.
- `search_meta` records which stemmer produced the stored stems; a different stemmer restems the vocabulary.

The lead's store runs SCHEMA in its migration, calls index_document() inside the transaction that saves a
document (after its `documents` row exists) and remove_document() before deleting it. Everything else here
is read by rbtool.queries.search; no sqlite3 error leaves this module.
"""
from __future__ import annotations

import json
import sqlite3
import time
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Iterator

from rbtool import model
from rbtool.errors import CorpusError, QuerySyntaxError, QueryTooCostly
from rbtool.nl import text as nltext
from rbtool.store.sql import in_clause

SCHEMA: list[str] = [
    """CREATE TABLE search_passages (
        id INTEGER PRIMARY KEY,
        doc_id TEXT NOT NULL REFERENCES documents(id),
        seq INTEGER NOT NULL,             -- reading order within the document (footnotes after the blocks)
        block_id TEXT,                    -- None for a footnote
        footnote INTEGER,                 -- footnote number, None for a block
        kind TEXT NOT NULL,               -- model block kind, or 'footnote'
        label TEXT NOT NULL,              -- human kind: 'paragraph', 'measure of BZK', 'footnote 36', ...
        page INTEGER NOT NULL,
        page_label TEXT,
        section_number TEXT,
        section_path TEXT,                -- '2.1 Wonen, ruimte en verstedelijking › Stikstofproblematiek ...'
        section_key TEXT,                 -- folded section_path, for the section filter and heading boost
        ministerie TEXT,                  -- code of the ministry the enclosing section is about
        words INTEGER NOT NULL,
        text TEXT NOT NULL,
        folded TEXT NOT NULL)""",
    "CREATE INDEX search_passages_doc ON search_passages(doc_id, seq)",
    """CREATE VIRTUAL TABLE search_fts USING fts5(folded, content='search_passages', content_rowid='id',
        tokenize='unicode61 remove_diacritics 0')""",
    """CREATE TABLE search_vocabulary (
        term TEXT PRIMARY KEY, rev TEXT NOT NULL, stem TEXT NOT NULL, rev_stem TEXT NOT NULL,
        df INTEGER NOT NULL) WITHOUT ROWID""",
    "CREATE INDEX search_vocabulary_rev ON search_vocabulary(rev)",
    "CREATE INDEX search_vocabulary_stem ON search_vocabulary(stem)",
    "CREATE INDEX search_vocabulary_rev_stem ON search_vocabulary(rev_stem)",
    "CREATE TABLE search_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
]

STEMMER_KEY = "stemmer"
REPAIR_HINT = "the search index is damaged; run 'rbtool corpus repair' to rebuild it from the stored documents"

LABELS = {
    model.PARAGRAPH: "paragraph", model.LIST_ITEM: "list item", model.SUB_ITEM: "sub-item",
    model.NUMBERED_ITEM: "numbered item", model.HEADING: "heading", model.SUBHEADING: "subheading",
    model.QUOTE: "quote", model.ATTRIBUTION: "attribution", model.TABLE: "table",
    model.CONTENTS: "table of contents",
}
HEADING_KINDS = (model.HEADING, model.SUBHEADING)
MEASURE_KINDS = (model.LIST_ITEM, model.SUB_ITEM)
# The kinds a search row shows (and --kind accepts): kind → (passage kinds, in a ministry's section or not
# (None: either)). A list item in a ministry's section is a measure.
KINDS: dict[str, tuple[tuple[str, ...], bool | None]] = {
    "paragraph": ((model.PARAGRAPH,), None),
    "measure": (MEASURE_KINDS, True),
    "list item": ((model.LIST_ITEM,), False),
    "sub-item": ((model.SUB_ITEM,), False),
    "numbered item": ((model.NUMBERED_ITEM,), None),
    "quote": ((model.QUOTE,), None),
    "attribution": ((model.ATTRIBUTION,), None),
    "heading": ((model.HEADING,), None),
    "subheading": ((model.SUBHEADING,), None),
    "footnote": (("footnote",), None),
    "table": ((model.TABLE,), None),
    "table of contents": ((model.CONTENTS,), None),
}


def shown_kind(kind: str, ministerie: str | None) -> str:
    """The kind a search row shows for a stored passage kind (a key of KINDS)."""
    if kind in MEASURE_KINDS and ministerie:
        return "measure"
    return LABELS.get(kind, kind)


SECTION_SEPARATOR = " › "


# --------------------------------------------------------------------------------------------- indexing

@dataclass(frozen=True)
class _Passage:
    seq: int
    block_id: str | None
    footnote: int | None
    kind: str
    label: str
    page: int
    section_number: str | None
    section_path: str | None
    ministerie: str | None
    text: str


def _ministry_finder():
    """nl.ministries.find_in_heading when that module is there (it is written separately), else None."""
    try:
        from rbtool.nl.ministries import find_in_heading
    except ImportError:
        return None
    return find_in_heading


def section_ministries(sections: Iterable[model.Section]) -> dict[str, str]:
    """section number → code of the ministry its heading (or its parent's heading) names."""
    find = _ministry_finder()
    if find is None:
        return {}
    own: dict[str, str] = {}
    for section in sections:
        if section.number:
            found = find(f"{section.number} {section.title}")
            if found is not None:
                own[section.number] = getattr(found, "code", found)
    result = {}
    for section in sections:
        number = section.number
        parts = (number or "").split(".")
        for depth in range(len(parts), 0, -1):  # "3.2.1" inherits the ministry of "3.2"
            code = own.get(".".join(parts[:depth]))
            if code:
                result[number] = code
                break
    return result


def _section_label(section: model.Section | None) -> str | None:
    if section is None:
        return None
    return f"{section.number} {section.title}" if section.number else section.title


def table_cells(table: model.Table) -> Iterator[tuple[int, str, str]]:
    """(page, label, text) of a table's searchable passages: its caption, then every non-empty cell, the
    label naming the table, row and column ('table 2, row 3 "Uitgaven", column "2019"')."""
    if table.caption:
        yield table.page, f"table {table.number}", table.caption
    for r, c, first, header, cell in table.cells():
        name = f' "{first}"' if first else ""
        if cell and c == 0 and name:  # the row's own label
            yield table.page, f"table {table.number}, row {r}{name}", cell
        elif cell:
            yield table.page, f'table {table.number}, row {r}{name}, column "{header or c + 1}"', cell


def _passages(doc: model.Document) -> Iterator[_Passage]:
    by_number = {s.number: s for s in doc.sections if s.number}
    by_block = {s.block_id: s for s in doc.sections if s.block_id}
    ministries = section_ministries(doc.sections)
    attributions = {q.block_id: q.attribution for q in doc.quotes if q.block_id}
    for block in doc.blocks:
        if block.kind == model.ATTRIBUTION and block.parent and block.parent not in attributions:
            attributions[block.parent] = block.text
    tables = {t.block_id: t for t in doc.tables}
    current: model.Section | None = None  # the last heading in reading order, for unnumbered sections
    placed: dict[str, _Passage] = {}
    seq = 0
    for block in doc.blocks:
        if block.id in by_block:
            current = by_block[block.id]
        section = by_number.get(block.section) or current
        number = section.number if section else None
        path = _section_label(section)
        if path and block.subheading and block.kind not in HEADING_KINDS:
            path = f"{path}{SECTION_SEPARATOR}{block.subheading}"
        ministerie = ministries.get(number) if number else None
        if block.kind in MEASURE_KINDS and ministerie:
            label = f"measure of {ministerie}"
        elif block.kind == model.QUOTE and attributions.get(block.id):
            label = f"quote by {attributions[block.id]}"
        else:
            label = LABELS.get(block.kind, block.kind)
        if block.kind == model.TABLE and block.id in tables:
            for page, cell_label, text in table_cells(tables[block.id]):
                seq += 1
                yield _Passage(seq, block.id, None, block.kind, cell_label, page, number, path, ministerie, text)
            continue
        seq += 1
        passage = _Passage(seq, block.id, None, block.kind, label, block.page, number, path, ministerie,
                           block.text)
        placed[block.id] = passage
        yield passage
    sections_by_page = sorted(doc.sections, key=lambda s: s.page)
    for note in doc.footnotes:
        anchor = placed.get(note.anchor_block) if note.anchor_block else None
        if anchor is not None:
            number, path, ministerie = anchor.section_number, anchor.section_path, anchor.ministerie
        else:  # no anchor: the last section that starts on or before the note's page
            earlier = [s for s in sections_by_page if s.page <= note.page]
            section = earlier[-1] if earlier else None
            number = section.number if section else None
            path = _section_label(section)
            ministerie = ministries.get(number) if number else None
        seq += 1
        yield _Passage(seq, None, note.number, "footnote", f"footnote {note.number}", note.page, number, path,
                       ministerie, note.text)


def _stored_stemmer(conn: sqlite3.Connection) -> str | None:
    row = conn.execute("SELECT value FROM search_meta WHERE key=?", (STEMMER_KEY,)).fetchone()
    return row[0] if row else None


def stemmer_is_current(conn: sqlite3.Connection) -> bool:
    stored = _stored_stemmer(conn)
    return stored is None or stored == nltext.stemmer_id()


def _restem_vocabulary(conn: sqlite3.Connection) -> None:
    """Recompute every stored stem with today's stemmer (cheap: one row per distinct word of the corpus).
    The stem of the unfolded spelling is not kept, so the folded word is stemmed; a few diacritic words
    ("financiële") get a slightly different stem until their document is indexed again."""
    terms = [row[0] for row in conn.execute("SELECT term FROM search_vocabulary")]
    conn.executemany("UPDATE search_vocabulary SET stem=?, rev_stem=? WHERE term=?",
                     [(s, s[::-1], t) for t, s in ((t, nltext.stem(t)) for t in terms)])


def _record_stemmer(conn: sqlite3.Connection) -> None:
    if not stemmer_is_current(conn):
        _restem_vocabulary(conn)
    conn.execute("INSERT INTO search_meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value",
                 (STEMMER_KEY, nltext.stemmer_id()))


def index_document(conn: sqlite3.Connection, doc: model.Document) -> None:
    """Index every passage of `doc` (whose `documents` row exists). Runs inside the caller's transaction."""
    _record_stemmer(conn)
    document_frequency: Counter[str] = Counter()
    stems: dict[str, str] = {}
    for passage in _passages(doc):
        folded_words = nltext.folded_words(passage.text)
        folded = " ".join(folded_words)
        section_key = nltext.index_text(passage.section_path) if passage.section_path else None
        cursor = conn.execute(
            "INSERT INTO search_passages(doc_id, seq, block_id, footnote, kind, label, page, page_label,"
            " section_number, section_path, section_key, ministerie, words, text, folded)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (doc.id, passage.seq, passage.block_id, passage.footnote, passage.kind, passage.label, passage.page,
             doc.page_label(passage.page), passage.section_number, passage.section_path, section_key,
             passage.ministerie, nltext.word_count(passage.text), passage.text, folded))
        conn.execute("INSERT INTO search_fts(rowid, folded) VALUES (?, ?)", (cursor.lastrowid, folded))
        document_frequency.update(set(folded_words))
        for term, term_stem in nltext.surface_stems(passage.text).items():
            stems.setdefault(term, term_stem)
    conn.executemany(
        "INSERT INTO search_vocabulary(term, rev, stem, rev_stem, df) VALUES (?,?,?,?,?)"
        " ON CONFLICT(term) DO UPDATE SET df = df + excluded.df",
        [(term, term[::-1], stems[term], stems[term][::-1], df) for term, df in document_frequency.items()])


def remove_document(conn: sqlite3.Connection, doc_id: str) -> None:
    """Take a document's passages out of the index and its words out of the vocabulary counts."""
    rows = conn.execute("SELECT id, folded FROM search_passages WHERE doc_id=?", (doc_id,)).fetchall()
    if not rows:
        return
    document_frequency: Counter[str] = Counter()
    for rowid, folded in rows:
        conn.execute("INSERT INTO search_fts(search_fts, rowid, folded) VALUES ('delete', ?, ?)", (rowid, folded))
        document_frequency.update(set(folded.split()))
    conn.executemany("UPDATE search_vocabulary SET df = df - ? WHERE term = ?",
                     [(df, term) for term, df in document_frequency.items()])
    conn.execute("DELETE FROM search_vocabulary WHERE df <= 0")
    conn.execute("DELETE FROM search_passages WHERE doc_id=?", (doc_id,))


def index_is_sound(conn: sqlite3.Connection) -> bool:
    """FTS5's own check of the index against the stored passages (PRAGMA integrity_check does not look
    inside an FTS5 index)."""
    try:
        conn.execute("INSERT INTO search_fts(search_fts, rank) VALUES ('integrity-check', 1)")
    except sqlite3.OperationalError:
        raise  # locked, read-only: says nothing about the index (the caller words it)
    except sqlite3.DatabaseError:  # SQLITE_CORRUPT: "database disk image is malformed"
        return False
    return True


def rebuild(conn: sqlite3.Connection, documents: Iterable[model.Document]) -> None:
    """Throw the whole search index away (passages, FTS5 table, vocabulary) and index `documents` again.
    Runs inside the caller's transaction; the FTS5 table is recreated, so damage inside it cannot survive."""
    conn.execute("DROP TABLE IF EXISTS search_fts")
    conn.execute(next(statement for statement in SCHEMA if "search_fts USING fts5" in statement))
    conn.execute("DELETE FROM search_passages")
    conn.execute("DELETE FROM search_vocabulary")
    for doc in documents:
        index_document(conn, doc)


# --------------------------------------------------------------------------------------------- vocabulary

def _prefix_range(prefix: str) -> tuple[str, str]:
    """Bounds [low, high) of every string that starts with `prefix` (for index range scans)."""
    return prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)


def vocabulary_terms(conn: sqlite3.Connection, terms: Iterable[str]) -> dict[str, int]:
    """term → document frequency, for those of `terms` the corpus holds."""
    terms = list(set(terms))
    if not terms:
        return {}
    marks = ",".join("?" * len(terms))
    return dict(conn.execute(f"SELECT term, df FROM search_vocabulary WHERE term IN ({marks})", terms))


def vocabulary_by_stem(conn: sqlite3.Connection, stems: Iterable[str]) -> dict[str, int]:
    """Every corpus word whose stem is one of `stems`, with its document frequency."""
    stems = list(set(stems))
    if not stems:
        return {}
    if not stemmer_is_current(conn):  # stems on disk come from another stemmer: stem the vocabulary here
        wanted = set(stems)
        return {t: df for t, df in conn.execute("SELECT term, df FROM search_vocabulary")
                if nltext.stem(t) in wanted}
    marks = ",".join("?" * len(stems))
    return dict(conn.execute(f"SELECT term, df FROM search_vocabulary WHERE stem IN ({marks})", stems))


def vocabulary_starting(conn: sqlite3.Connection, prefix: str, limit: int) -> dict[str, int]:
    """The `limit` most frequent corpus words that start with `prefix` (compound heads: stikstof→…)."""
    low, high = _prefix_range(prefix)
    return dict(conn.execute("SELECT term, df FROM search_vocabulary WHERE term >= ? AND term < ?"
                             " ORDER BY df DESC, term LIMIT ?", (low, high, limit)))


def vocabulary_ending(conn: sqlite3.Connection, suffix: str, limit: int, *, by_stem: bool = False) -> dict[str, int]:
    """The `limit` most frequent corpus words that end with `suffix` (compound tails: …problematiek), or,
    with by_stem, whose stem ends with it (so "woon" reaches "huurwoningen" through stem "huurwoon")."""
    low, high = _prefix_range(suffix[::-1])
    column = "rev_stem" if by_stem else "rev"
    return dict(conn.execute(f"SELECT term, df FROM search_vocabulary WHERE {column} >= ? AND {column} < ?"
                             " ORDER BY df DESC, term LIMIT ?", (low, high, limit)))


def vocabulary_of_length(conn: sqlite3.Connection, shortest: int, longest: int) -> dict[str, int]:
    """Corpus words of a length in [shortest, longest]: candidates for typo correction."""
    return dict(conn.execute("SELECT term, df FROM search_vocabulary WHERE length(term) BETWEEN ? AND ?",
                             (shortest, longest)))


# --------------------------------------------------------------------------------------------- matching

@dataclass(frozen=True)
class Filters:
    """Each filter given keeps the passages that match any of its values."""

    doc_ids: tuple[str, ...] | None = None
    years: tuple[int, ...] = ()
    ministeries: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()  # number prefixes ("2.1") or pieces of the section title
    kinds: tuple[str, ...] = ()  # keys of KINDS


@dataclass(frozen=True)
class PassageRow:
    id: int
    doc_id: str
    title: str
    year: int | None
    seq: int
    block_id: str | None
    footnote: int | None
    kind: str
    label: str
    ministerie: str | None
    page: int
    page_label: str | None
    section_path: str | None
    section_key: str | None
    text: str
    # a block crossing pages: (offset, page, page label) where each next page's part starts
    page_parts: tuple[tuple[int, int, str | None], ...] = ()


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _any(clauses: list[str]) -> str:
    return clauses[0] if len(clauses) == 1 else "(" + " OR ".join(clauses) + ")"


def _where(filters: Filters) -> tuple[str, list]:
    clauses, params = [], []
    # an empty choice of documents finds nothing; no years or ministries given means any
    memberships = [("p.doc_id", filters.doc_ids)] if filters.doc_ids is not None else []
    memberships += [(column, values) for column, values in (("d.year", filters.years),
                                                            ("p.ministerie", filters.ministeries)) if values]
    for column, values in memberships:
        clause, values = in_clause(column, values)
        clauses.append(clause)
        params.extend(values)
    if filters.sections:
        ors = []
        for section in filters.sections:
            folded = nltext.index_text(section).strip()
            ors.append("(p.section_number = ? OR p.section_number LIKE ? ESCAPE '\\'"
                       + (" OR p.section_key LIKE ? ESCAPE '\\')" if folded else ")"))
            # a title that folds to nothing ('😀') is looked for as a number only
            params.extend([section, f"{_like(section)}.%", *([f"%{_like(folded)}%"] if folded else [])])
        clauses.append(_any(ors))
    if filters.kinds:
        ors = []
        for kind in filters.kinds:
            kinds, in_ministry = KINDS[kind]
            condition, values = in_clause("p.kind", kinds)
            params.extend(values)
            if in_ministry is not None:
                condition += " AND p.ministerie IS NOT NULL" if in_ministry else " AND p.ministerie IS NULL"
            ors.append(f"({condition})")
        clauses.append(_any(ors))
    return "".join(f" AND {c}" for c in clauses), params


PROGRESS_STEPS = 10_000  # SQLite virtual-machine steps between two looks at the clock


def _run(conn: sqlite3.Connection, sql: str, params: list, deadline: float | None = None) -> list[tuple]:
    """Run a read; with `deadline` (time.monotonic()), stop it there and say the query costs too much."""
    if deadline is not None:
        conn.set_progress_handler(lambda: time.monotonic() > deadline, PROGRESS_STEPS)
    try:
        return conn.execute(sql, params).fetchall()
    except sqlite3.OperationalError as exc:
        if deadline is not None and "interrupted" in str(exc):
            raise QueryTooCostly() from None
        # The query side builds every MATCH expression from quoted words, so this is unexpected; still, a
        # user gets one line, never a traceback.
        if "fts5" in str(exc) or "MATCH" in str(exc):
            raise QuerySyntaxError(f"the search index could not read this query ({exc})") from None
        raise CorpusError(f"search index unusable ({exc})") from None
    except sqlite3.DatabaseError:  # "database disk image is malformed": damage inside the FTS5 index
        raise CorpusError(REPAIR_HINT) from None
    finally:
        if deadline is not None:
            conn.set_progress_handler(None, 0)


def match(conn: sqlite3.Connection, expression: str, filters: Filters, limit: int | None,
          deadline: float | None = None) -> list[tuple[int, float]]:
    """(passage id, relevance) of the best `limit` passages matching an FTS5 expression, best first.
    Relevance is bm25 turned positive (higher is better); ties go by document, then page, then order."""
    where, params = _where(filters)
    sql = ("SELECT p.id, -bm25(search_fts) AS relevance FROM search_fts"
           " JOIN search_passages p ON p.id = search_fts.rowid JOIN documents d ON d.id = p.doc_id"
           f" WHERE search_fts MATCH ?{where} ORDER BY relevance DESC, p.doc_id, p.page, p.seq")
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return _run(conn, sql, [expression, *params], deadline)


def count_matches(conn: sqlite3.Connection, expression: str, filters: Filters, deadline: float | None = None
                  ) -> int:
    where, params = _where(filters)
    return _run(conn, "SELECT count(*) FROM search_fts JOIN search_passages p ON p.id = search_fts.rowid"
                      f" JOIN documents d ON d.id = p.doc_id WHERE search_fts MATCH ?{where}",
                [expression, *params], deadline)[0][0]


def count_by_section(conn: sqlite3.Connection, expression: str, filters: Filters, deadline: float | None = None
                     ) -> list[tuple[str, str | None, int]]:
    """(document, section path, matching passages) in document and reading order."""
    where, params = _where(filters)
    sql = ("SELECT p.doc_id, p.section_path, count(*) FROM search_fts"
           " JOIN search_passages p ON p.id = search_fts.rowid JOIN documents d ON d.id = p.doc_id"
           f" WHERE search_fts MATCH ?{where} GROUP BY p.doc_id, p.section_path ORDER BY p.doc_id, min(p.seq)")
    return _run(conn, sql, [expression, *params], deadline)


# the passage's fields, then the page breaks of its block (a block crossing pages; see _passage_rows)
_PASSAGE_COLUMNS = ("SELECT p.id, p.doc_id, d.title, d.year, p.seq, p.block_id, p.footnote, p.kind, p.label,"
                    " p.ministerie, p.page, p.page_label, p.section_path, p.section_key, p.text, b.page_breaks"
                    " FROM search_passages p JOIN documents d ON d.id = p.doc_id"
                    " LEFT JOIN blocks b ON b.doc_id = p.doc_id AND b.id = p.block_id AND p.kind = b.kind")


def _passage_rows(conn: sqlite3.Connection, rows) -> list[PassageRow]:
    """PassageRows from _PASSAGE_COLUMNS rows; a block crossing pages gets (offset, page, label) per page part."""
    labels: dict[str, dict[int, str | None]] = {}
    out = []
    for *fields, breaks in rows:
        parts = ()
        kind = fields[7]  # a table passage is one cell: its own page, not its block's parts
        if breaks and breaks != "[]" and kind != model.TABLE:
            doc_id = fields[1]
            if doc_id not in labels:
                labels[doc_id] = dict(_run(conn, "SELECT idx, label FROM pages WHERE doc_id=?", [doc_id]))
            parts = tuple((offset, page, labels[doc_id].get(page)) for offset, page in json.loads(breaks))
        out.append(PassageRow(*fields, page_parts=parts))
    return out


def passages(conn: sqlite3.Connection, ids: Iterable[int]) -> dict[int, PassageRow]:
    ids = list(ids)
    if not ids:
        return {}
    rows = _run(conn, f"{_PASSAGE_COLUMNS} WHERE p.id IN ({','.join('?' * len(ids))})", ids)
    return {row.id: row for row in _passage_rows(conn, rows)}


def passages_around(conn: sqlite3.Connection, doc_id: str, seq: int, before: int, after: int) -> list[PassageRow]:
    """The passage `seq` of a document with up to `before` and `after` passages around it in reading order
    (footnotes follow the blocks, so around a block come blocks)."""
    rows = _run(conn, f"{_PASSAGE_COLUMNS} WHERE p.doc_id = ? AND p.seq BETWEEN ? AND ? ORDER BY p.seq",
                [doc_id, seq - before, seq + after])
    return _passage_rows(conn, rows)


def document_words(conn: sqlite3.Connection, doc_id: str) -> int:
    """How many words the indexed passages of a document hold."""
    return _run(conn, "SELECT coalesce(sum(words), 0) FROM search_passages WHERE doc_id=?", [doc_id])[0][0]


def stored_section_ministries(conn: sqlite3.Connection, doc_ids: Iterable[str]) -> dict[tuple[str, str], str]:
    """(document, section number) → the code of the ministry the section is about, for the sections that are."""
    doc_ids = list(doc_ids)
    return {(d, n): m for d, n, m in _run(
        conn, "SELECT DISTINCT doc_id, section_number, ministerie FROM search_passages WHERE ministerie IS NOT NULL"
              f" AND section_number IS NOT NULL AND doc_id IN ({','.join('?' * len(doc_ids))})", doc_ids)}
