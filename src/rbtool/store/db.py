"""The corpus: one SQLite file holding every extracted document, its measures and its search index.

- The schema is an ordered list of named migrations recorded in `schema_migrations`; opening a corpus applies
  the missing ones. A corpus written by a newer rbtool (unknown migrations) is refused with a clear message.
- Each document is written in one transaction, so an interrupted extract leaves every earlier document intact.
- WAL mode lets a reader query while an extract writes.
- Documents are found again by the SHA-256 of their bytes plus the extractor version, so an unchanged file is
  not extracted twice; files that failed are remembered the same way (peers re-extract failures every run).
"""
from __future__ import annotations

import json
import random
import sqlite3
import time
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Iterable, Iterator

from rbtool import model
from rbtool.errors import AmbiguousDocument, CorpusError, UnknownDocument
from rbtool.store import search_index
from rbtool.store.sql import in_clause

UNKNOWN_DOCUMENT_LISTED = 4  # an unknown selector's one-line error names this many documents at most
BUSY_TIMEOUT_MS = 30_000  # a second extract may wait this long for the writer lock
REPAIR_HINT = search_index.REPAIR_HINT

MIGRATIONS: list[tuple[str, list[str]]] = [
    ("001_documents", [
        """CREATE TABLE documents (
            id TEXT PRIMARY KEY, sha256 TEXT NOT NULL, extractor_version TEXT NOT NULL,
            title TEXT NOT NULL, year INTEGER, source_path TEXT NOT NULL, page_count INTEGER NOT NULL,
            warnings TEXT NOT NULL DEFAULT '[]', extracted_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)""",
        "CREATE INDEX documents_sha ON documents(sha256, extractor_version)",
        """CREATE TABLE pages (doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL, label TEXT, PRIMARY KEY (doc_id, idx))""",
        """CREATE TABLE sections (doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL, number TEXT, title TEXT NOT NULL, level INTEGER NOT NULL, page INTEGER NOT NULL,
            block_id TEXT, PRIMARY KEY (doc_id, seq))""",
        """CREATE TABLE blocks (doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL, id TEXT NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL, page INTEGER NOT NULL,
            page_end INTEGER NOT NULL, section TEXT, footnote_refs TEXT NOT NULL, subheading TEXT, parent TEXT,
            number TEXT, level INTEGER, box INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (doc_id, seq))""",
        """CREATE TABLE footnotes (doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL, number INTEGER NOT NULL, text TEXT NOT NULL, page INTEGER NOT NULL,
            page_end INTEGER NOT NULL, anchor_block TEXT, anchor_page INTEGER, anchor_context TEXT NOT NULL,
            PRIMARY KEY (doc_id, seq))""",
        """CREATE TABLE quotes (doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL, text TEXT NOT NULL, attribution TEXT NOT NULL, page INTEGER NOT NULL,
            section TEXT, block_id TEXT, PRIMARY KEY (doc_id, seq))""",
        """CREATE TABLE measures (doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL, ministerie TEXT NOT NULL, ministerie_naam TEXT NOT NULL, theme TEXT,
            text TEXT NOT NULL, subitems TEXT NOT NULL, amounts TEXT NOT NULL, years TEXT NOT NULL,
            section TEXT, page INTEGER NOT NULL, page_label TEXT, block_id TEXT NOT NULL,
            eur_total INTEGER NOT NULL, PRIMARY KEY (doc_id, seq))""",
        "CREATE INDEX measures_ministerie ON measures(ministerie)",
        """CREATE TABLE failures (sha256 TEXT NOT NULL, extractor_version TEXT NOT NULL, source_path TEXT NOT NULL,
            reason TEXT NOT NULL, PRIMARY KEY (sha256, extractor_version))""",
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        *search_index.SCHEMA,
    ]),
    # Notes analysed at extract time (citing sentence, section, classified sources), so that listing
    # footnotes is a read. Documents stored before this migration are analysed when queried.
    ("002_analysed_notes", [
        """CREATE TABLE notes (doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL, number INTEGER NOT NULL, page INTEGER NOT NULL, page_label TEXT,
            citing_sentence TEXT NOT NULL, text TEXT NOT NULL, kinds TEXT NOT NULL, refs TEXT NOT NULL,
            section TEXT, PRIMARY KEY (doc_id, seq))""",
    ]),
    # Tables as data (layout.tables): columns and rows as JSON lists, the block that places them in the
    # reading order, and the ministry of their section for `rbtool tables --ministerie`.
    ("003_tables", [
        """CREATE TABLE tables (doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL, number INTEGER NOT NULL, block_id TEXT NOT NULL, page INTEGER NOT NULL,
            page_end INTEGER NOT NULL, caption TEXT, unit INTEGER, columns TEXT NOT NULL, rows TEXT NOT NULL,
            bbox TEXT NOT NULL, strategy TEXT NOT NULL, section TEXT, ministerie TEXT,
            PRIMARY KEY (doc_id, seq))""",
    ]),
    # Amounts carry their role, period and qualifiers (in `amounts`), and each measure its budget total, so
    # --min-bedrag is a read. Measures stored before this migration have NULL here and amounts without roles;
    # they are classified again from their stored text when read.
    ("004_amount_roles", [
        "ALTER TABLE measures ADD COLUMN budget_eur INTEGER",
    ]),
    # A block crossing a page keeps where each page's part starts, so a hit reports the page its words stand
    # on. Blocks stored before this migration have no breaks: they report the page they start on.
    ("005_block_pages", [
        "ALTER TABLE blocks ADD COLUMN page_breaks TEXT NOT NULL DEFAULT '[]'",
        "CREATE INDEX blocks_id ON blocks(doc_id, id)",
    ]),
    # A remembered failure holds for the options that could change it (the password, as a digest): another
    # password tries the file again.
    ("006_reliability", [
        """CREATE TABLE failures_by_options (sha256 TEXT NOT NULL, extractor_version TEXT NOT NULL,
            options TEXT NOT NULL, source_path TEXT NOT NULL, reason TEXT NOT NULL,
            PRIMARY KEY (sha256, extractor_version, options))""",
        """INSERT INTO failures_by_options SELECT sha256, extractor_version, '', source_path, reason
            FROM failures""",
        "DROP TABLE failures",
        "ALTER TABLE failures_by_options RENAME TO failures",
    ]),
    # The publisher or author the PDF names and its title page confirms, for citation lines (issue 11).
    ("007_document_author", [
        "ALTER TABLE documents ADD COLUMN author TEXT",
    ]),
]
SCHEMA_VERSION = len(MIGRATIONS)


def _connect(path: Path) -> sqlite3.Connection:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    except sqlite3.DatabaseError as exc:
        raise CorpusError(f"not a usable rbtool corpus ({exc})", str(path)) from None
    except OSError as exc:
        raise CorpusError(f"cannot open corpus ({exc.strerror or exc})", str(path)) from None
    return conn


def _locked(exc: sqlite3.Error) -> bool:
    return "locked" in str(exc) or "busy" in str(exc)


def _locked_error(path: Path) -> CorpusError:
    return CorpusError(f"the corpus is locked by another process (waited {BUSY_TIMEOUT_MS / 1000:g} s); "
                       "try again when it is done", str(path))


def _set_up(conn: sqlite3.Connection, path: Path) -> None:
    """WAL mode and migrations, retried while another process holds the lock: two commands opening a brand-new
    corpus at once both set it up (changing the journal mode does not wait on SQLite's busy timeout)."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            _migrate(conn, path)
            return
        except sqlite3.OperationalError as exc:
            _rollback(conn)
            if not _locked(exc):
                raise CorpusError(f"not a usable rbtool corpus ({exc})", str(path)) from None
            if time.monotonic() > deadline:
                raise _locked_error(path) from None
            time.sleep(random.uniform(0.01, 0.1))  # jitter: two waiting openers do not collide again


def _migrate(conn: sqlite3.Connection, path: Path) -> None:
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if tables and "schema_migrations" not in tables:
            raise CorpusError("this SQLite file is not an rbtool corpus; choose another file with --corpus",
                              str(path))
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            conn.execute("PRAGMA journal_mode=WAL")  # persistent: readers never wait for an extract
        conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT "
                     "NOT NULL DEFAULT CURRENT_TIMESTAMP)")
        applied = {row[0] for row in conn.execute("SELECT name FROM schema_migrations")}
        known = {name for name, _ in MIGRATIONS}
        if applied - known:
            raise CorpusError(f"written by a newer rbtool (schema migrations {', '.join(sorted(applied - known))} "
                              f"unknown here); upgrade rbtool or choose another corpus with --corpus", str(path))
        for name, statements in MIGRATIONS:
            if name in applied:
                continue
            conn.execute("BEGIN IMMEDIATE")
            try:
                if conn.execute("SELECT 1 FROM schema_migrations WHERE name=?", (name,)).fetchone():
                    conn.execute("ROLLBACK")  # another process applied it while we waited for the lock
                    continue
                for statement in statements:
                    conn.execute(statement)
                conn.execute("INSERT INTO schema_migrations(name) VALUES (?)", (name,))
                conn.execute("COMMIT")
            except BaseException:
                _rollback(conn)
                raise
    except sqlite3.OperationalError as exc:
        if _locked(exc):
            raise  # _set_up waits and tries again
        raise CorpusError(f"not a usable rbtool corpus ({exc})", str(path)) from None
    except sqlite3.DatabaseError as exc:
        raise CorpusError(f"not a usable rbtool corpus ({exc})", str(path)) from None


def _series_key(title: str, year: int | None) -> str:
    """A title without its year and remarks in parentheses, folded, letters and digits only:
    "Rijksbe- groting 2021 (testeditie)" → "rijksbegroting"."""
    import re

    from rbtool.nl.text import fold

    text = fold(re.sub(r"\([^)]*\)", " ", title).replace("- ", ""))
    if year is not None:
        text = text.replace(str(year), " ")
    return "".join(ch for ch in text if ch.isalnum())


def _rollback(conn: sqlite3.Connection) -> None:
    """Undo the open transaction, if there still is one: an interrupt can land just after COMMIT returned,
    and a second error ("cannot rollback - no transaction is active") would hide that the work was stored."""
    if conn.in_transaction:
        conn.execute("ROLLBACK")


@contextmanager
def _writing(path: Path):
    """SQLite's write errors as one-line corpus errors (a read-only file, a full disk, a lock held too long)."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        if _locked(exc):
            raise _locked_error(path) from None
        raise CorpusError(f"cannot write to the corpus ({exc})", str(path)) from None
    except sqlite3.DatabaseError as exc:
        hint = REPAIR_HINT if "fts5" in str(exc) else f"the corpus file is damaged ({exc})"
        raise CorpusError(hint, str(path)) from None


def _json_tuple(text: str) -> tuple:
    """A stored JSON list as a tuple; most lists are empty, and skipping the parser for those is measurable."""
    return () if text == "[]" else tuple(json.loads(text))


def _in_filters(filters) -> tuple[str, list]:
    """(" WHERE col IN (?,?) AND ...", params) for the (column, values) pairs whose values are given."""
    where, params = [], []
    for column, values in filters:
        if values is not None:
            clause, values = in_clause(column, values)
            where.append(clause)
            params += values
    return (" WHERE " + " AND ".join(where) if where else ""), params


class Corpus:
    """An open corpus file. Use as a context manager or call close()."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.conn = _connect(self.path)
        _set_up(self.conn, self.path)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Corpus":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------------------------------------- writing

    def save_document(self, doc: model.Document, measures: Iterable[model.Measure] = (), notes: Iterable = ()
                      ) -> None:
        """Replace any document with the same id, all in one transaction. `notes` are its analysed footnotes
        (rbtool.queries.footnotes.FootnoteRow: number, page, page_label, citing_sentence, text, kinds, refs,
        section)."""
        with _writing(self.path):
            self._save(doc, measures, notes)

    def _save(self, doc: model.Document, measures: Iterable[model.Measure], notes: Iterable) -> None:
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            self._delete(doc.id)
            conn.execute(
                "INSERT INTO documents(id, sha256, extractor_version, title, year, source_path, page_count, warnings,"
                " author) VALUES (?,?,?,?,?,?,?,?,?)",
                (doc.id, doc.sha256, doc.extractor_version, doc.title, doc.year, doc.source_path, doc.page_count,
                 json.dumps(list(doc.warnings), ensure_ascii=False), doc.author))
            conn.executemany("INSERT INTO pages VALUES (?,?,?)", [(doc.id, p.index, p.label) for p in doc.pages])
            conn.executemany("INSERT INTO sections VALUES (?,?,?,?,?,?,?)",
                             [(doc.id, i, s.number, s.title, s.level, s.page, s.block_id)
                              for i, s in enumerate(doc.sections)])
            conn.executemany("INSERT INTO blocks(doc_id, seq, id, kind, text, page, page_end, section, footnote_refs,"
                             " subheading, parent, number, level, box, page_breaks)"
                             " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                             [(doc.id, i, b.id, b.kind, b.text, b.page, b.page_end, b.section,
                               json.dumps(list(b.footnote_refs)), b.subheading, b.parent, b.number, b.level,
                               int(b.box), json.dumps([list(x) for x in b.page_breaks]))
                              for i, b in enumerate(doc.blocks)])
            conn.executemany("INSERT INTO footnotes VALUES (?,?,?,?,?,?,?,?,?)",
                             [(doc.id, i, f.number, f.text, f.page, f.page_end, f.anchor_block, f.anchor_page,
                               f.anchor_context) for i, f in enumerate(doc.footnotes)])
            conn.executemany("INSERT INTO quotes VALUES (?,?,?,?,?,?,?)",
                             [(doc.id, i, q.text, q.attribution, q.page, q.section, q.block_id)
                              for i, q in enumerate(doc.quotes)])
            conn.executemany("INSERT INTO measures(doc_id, seq, ministerie, ministerie_naam, theme, text, subitems,"
                             " amounts, years, section, page, page_label, block_id, eur_total, budget_eur)"
                             " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                             [(doc.id, i, m.ministerie, m.ministerie_naam, m.theme, m.text,
                               json.dumps(list(m.subitems), ensure_ascii=False),
                               json.dumps([asdict(a) for a in m.amounts], ensure_ascii=False),
                               json.dumps(list(m.years)), m.section, m.page, m.page_label, m.block_id,
                               # eur_total (schema 001): every euro mentioned; totals read budget_eur
                               sum(a.eur for a in m.amounts if a.eur is not None), m.budget_eur)
                              for i, m in enumerate(measures)])
            conn.executemany("INSERT INTO notes VALUES (?,?,?,?,?,?,?,?,?,?)",
                             [(doc.id, i, n.number, n.page, n.page_label, n.citing_sentence, n.text,
                               json.dumps(list(n.kinds)), json.dumps([asdict(r) for r in n.refs], ensure_ascii=False),
                               n.section) for i, n in enumerate(notes)])
            ministries = search_index.section_ministries(doc.sections)
            conn.executemany("INSERT INTO tables VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                             [(doc.id, i, t.number, t.block_id, t.page, t.page_end, t.caption, t.unit,
                               json.dumps(list(t.columns), ensure_ascii=False),
                               json.dumps([list(r) for r in t.rows], ensure_ascii=False), json.dumps(list(t.bbox)),
                               t.strategy, t.section, ministries.get(t.section) if t.section else None)
                              for i, t in enumerate(doc.tables)])
            conn.execute("DELETE FROM failures WHERE sha256=? AND extractor_version=?",
                         (doc.sha256, doc.extractor_version))
            search_index.index_document(conn, doc)
            conn.execute("COMMIT")
        except BaseException:
            _rollback(conn)
            raise

    def _delete(self, doc_id: str) -> None:
        search_index.remove_document(self.conn, doc_id)
        self.conn.execute("DELETE FROM documents WHERE id=?", (doc_id,))  # cascades to the other tables

    def remove_document(self, doc_id: str) -> None:
        with _writing(self.path):
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                self._delete(doc_id)
                self.conn.execute("COMMIT")
            except BaseException:
                _rollback(self.conn)
                raise

    def compact(self) -> None:
        """Give the space of removed documents back to the file system (VACUUM)."""
        with _writing(self.path):
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self.conn.execute("VACUUM")
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def record_failure(self, sha256: str, extractor_version: str, source_path: str, reason: str,
                       options: str = "") -> None:
        """Remember that a file fails (a property of the file, given `options`: the password's digest)."""
        with _writing(self.path):
            self.conn.execute("INSERT OR REPLACE INTO failures(sha256, extractor_version, source_path, reason, "
                              "options) VALUES (?,?,?,?,?)", (sha256, extractor_version, source_path, reason, options))

    # ------------------------------------------------------------------------------------------- reading

    def cached_document_id(self, sha256: str, extractor_version: str) -> str | None:
        row = self.conn.execute("SELECT id FROM documents WHERE sha256=? AND extractor_version=? LIMIT 1",
                                (sha256, extractor_version)).fetchone()
        return row[0] if row else None

    def cached_failure(self, sha256: str, extractor_version: str, options: str = "") -> str | None:
        """The remembered failure of this file under these options (another password tries again)."""
        row = self.conn.execute("SELECT reason FROM failures WHERE sha256=? AND extractor_version=? AND options=?",
                                (sha256, extractor_version, options)).fetchone()
        return row[0] if row else None

    def extract_stats(self, doc_id: str, path: str) -> model.ExtractStats:
        """The extract summary row of a stored document (for files skipped as cached)."""
        pages, warnings = self.conn.execute("SELECT page_count, warnings FROM documents WHERE id=?",
                                            (doc_id,)).fetchone()
        kinds = dict(self.conn.execute("SELECT kind, count(*) FROM blocks WHERE doc_id=? GROUP BY kind", (doc_id,)))
        count = self.conn.execute
        return model.ExtractStats(
            path=path, status="cached", doc_id=doc_id, pages=pages,
            sections=count("SELECT count(*) FROM sections WHERE doc_id=?", (doc_id,)).fetchone()[0],
            paragraphs=kinds.get(model.PARAGRAPH, 0),
            list_items=sum(kinds.get(kind, 0) for kind in model.ITEM_KINDS),
            footnotes=count("SELECT count(*) FROM footnotes WHERE doc_id=?", (doc_id,)).fetchone()[0],
            quotes=count("SELECT count(*) FROM quotes WHERE doc_id=?", (doc_id,)).fetchone()[0],
            warnings=json.loads(warnings))

    def document_count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM documents").fetchone()[0]

    def summary(self) -> dict:
        """Documents, pages, passages, measures, notes, failed files remembered and the last extract time."""
        one = lambda sql: self.conn.execute(sql).fetchone()[0]  # noqa: E731
        return {"documents": one("SELECT count(*) FROM documents"),
                "pages": one("SELECT coalesce(sum(page_count), 0) FROM documents"),
                "passages": one("SELECT count(*) FROM search_passages"),
                "measures": one("SELECT count(*) FROM measures"),
                "footnotes": one("SELECT count(*) FROM footnotes"),
                "failed_files": one("SELECT count(*) FROM failures"),
                "last_extract": one("SELECT max(extracted_at) FROM documents"),
                "schema": ", ".join(r[0] for r in self.conn.execute(
                    "SELECT name FROM schema_migrations ORDER BY name"))}

    def list_documents(self) -> list[dict]:
        rows = self.conn.execute(
            """SELECT d.id, d.title, d.year, d.page_count, d.source_path, d.extracted_at, d.warnings,
                      (SELECT count(*) FROM blocks b WHERE b.doc_id=d.id),
                      (SELECT count(*) FROM footnotes f WHERE f.doc_id=d.id),
                      (SELECT count(*) FROM measures m WHERE m.doc_id=d.id), d.author
               FROM documents d ORDER BY d.year, d.title, d.id""").fetchall()
        return [{"id": r[0], "title": r[1], "year": r[2], "pages": r[3], "file": Path(r[4]).name, "source_path": r[4],
                 "extracted_at": r[5], "warnings": len(json.loads(r[6])), "blocks": r[7], "footnotes": r[8],
                 "measures": r[9], "author": r[10]} for r in rows]

    def _selector_rows(self) -> list[dict]:
        return [{"id": r[0], "year": r[1], "title": r[3], "file": Path(r[2]).name, "source_path": r[2]}
                for r in self.conn.execute(
                    "SELECT id, year, source_path, title FROM documents ORDER BY year, title, id")]

    def resolve(self, ref: str) -> str:
        """Find one document by id, id prefix, file name, year or title words (tried in that order); raise
        UnknownDocument when none matches and AmbiguousDocument (with the candidates) when several do."""
        ref = str(ref).strip()
        found = self._matching(ref, self._selector_rows())
        if len(found) == 1:
            return found[0]["id"]
        if found:
            raise AmbiguousDocument(f"'{ref}' matches {len(found)} documents; name one by id prefix, file name "
                                    f"or title word", candidates=found)
        docs = self._selector_rows()
        if not docs:
            held = "the corpus is empty"
        elif len(docs) <= UNKNOWN_DOCUMENT_LISTED:
            held = "documents: " + ", ".join(f"{d['id']} ({d['year'] or '?'}, {d['file']})" for d in docs)
        else:
            held = f"{len(docs)} documents; 'rbtool corpus list' shows them"
        raise UnknownDocument(f"no document '{ref}' in the corpus; {held}")

    @staticmethod
    def _matching(ref: str, docs: list[dict]) -> list[dict]:
        from rbtool.nl.text import fold

        words = fold(ref).split()
        tests = [
            lambda d: d["id"] == ref,
            lambda d: d["id"].startswith(ref.lower()),
            lambda d: ref in (d["file"], d["source_path"], Path(d["source_path"]).stem),
            lambda d: ref.isdigit() and str(d["year"]) == ref,
            lambda d: bool(words) and all(w in fold(d["title"]) for w in words),
        ]
        for test in tests:
            found = [d for d in docs if test(d)]
            if found:
                return found
        return []

    def resolve_editions(self, old: str, new: str) -> tuple[str, str]:
        """Two documents for a comparison. Two years that each match several documents pick the editions of
        one series: the one pair whose titles are the same apart from the year."""
        try:
            return self.resolve(old), self.resolve(new)
        except AmbiguousDocument as ambiguous:
            if not (old.strip().isdigit() and new.strip().isdigit()):
                raise
            docs = self._selector_rows()
            olds, news = self._matching(old.strip(), docs), self._matching(new.strip(), docs)
            pairs = [(a, b) for a in olds for b in news if a["id"] != b["id"] and
                     _series_key(a["title"], a["year"]) == _series_key(b["title"], b["year"])]
            if len(pairs) == 1:
                return pairs[0][0]["id"], pairs[0][1]["id"]
            raise AmbiguousDocument(f"'{old}' and '{new}' do not name one series of editions; name each "
                                    f"document by id prefix or file name", candidates=olds + news) from ambiguous

    def load_document(self, doc_id: str) -> model.Document:
        conn = self.conn
        row = conn.execute("SELECT id, title, year, sha256, source_path, page_count, warnings, extractor_version, "
                           "author FROM documents WHERE id=?", (doc_id,)).fetchone()
        if row is None:
            raise UnknownDocument(f"no document with id '{doc_id}'")
        pages = tuple(model.Page(i, label) for i, label in
                      conn.execute("SELECT idx, label FROM pages WHERE doc_id=? ORDER BY idx", (doc_id,)))
        sections = tuple(model.Section(*r) for r in conn.execute(
            "SELECT number, title, level, page, block_id FROM sections WHERE doc_id=? ORDER BY seq", (doc_id,)))
        blocks = tuple(
            model.Block(id=r[0], kind=r[1], text=r[2], page=r[3], page_end=r[4], section=r[5],
                        footnote_refs=tuple(json.loads(r[6])), subheading=r[7], parent=r[8], number=r[9],
                        level=r[10], box=bool(r[11]), page_breaks=tuple(tuple(x) for x in json.loads(r[12])))
            for r in conn.execute("SELECT id, kind, text, page, page_end, section, footnote_refs, subheading, "
                                  "parent, number, level, box, page_breaks FROM blocks WHERE doc_id=? ORDER BY seq",
                                  (doc_id,)))
        footnotes = tuple(model.Footnote(*r) for r in conn.execute(
            "SELECT number, text, page, page_end, anchor_block, anchor_page, anchor_context FROM footnotes "
            "WHERE doc_id=? ORDER BY seq", (doc_id,)))
        quotes = tuple(model.Quote(*r) for r in conn.execute(
            "SELECT text, attribution, page, section, block_id FROM quotes WHERE doc_id=? ORDER BY seq", (doc_id,)))
        tables = tuple(table for _, _, table in self.iter_tables([doc_id]))
        return model.Document(id=row[0], title=row[1], year=row[2], sha256=row[3], source_path=row[4],
                              page_count=row[5], pages=pages, sections=sections, blocks=blocks,
                              footnotes=footnotes, quotes=quotes, warnings=tuple(json.loads(row[6])),
                              extractor_version=row[7], tables=tables, author=row[8])

    def iter_tables(self, doc_ids: Iterable[str] | None = None, ministeries: Iterable[str] | None = None
                    ) -> Iterator[tuple[str, str | None, model.Table]]:
        """(document id, printed label of the table's page, table) of the stored tables in document and
        reading order, optionally limited to documents and ministries (of the section a table stands in)."""
        where, params = _in_filters((("t.doc_id", doc_ids), ("t.ministerie", ministeries)))
        sql = ("SELECT t.doc_id, (SELECT p.label FROM pages p WHERE p.doc_id = t.doc_id AND p.idx = t.page), t.number, t.block_id, t.page, t.page_end, t.caption, t.unit, t.columns, t.rows,"
               f" t.bbox, t.strategy, t.section FROM tables t JOIN documents d ON d.id = t.doc_id{where}"
               " ORDER BY d.year, t.doc_id, t.seq")
        for doc_id, page_label, *r in self.conn.execute(sql, params):
            yield doc_id, page_label, model.Table(number=r[0], block_id=r[1], page=r[2], page_end=r[3], caption=r[4], unit=r[5],
                              columns=tuple(json.loads(r[6])), rows=tuple(tuple(row) for row in json.loads(r[7])),
                              bbox=tuple(json.loads(r[8])), strategy=r[9], section=r[10])


    def iter_measures(self, doc_ids: Iterable[str] | None = None, ministeries: Iterable[str] | None = None,
                      min_budget_eur: int | None = None) -> Iterator[model.Measure]:
        """Stored measures in document and reading order, optionally limited to documents, ministries and a
        least budget total (model.Measure.budget_eur)."""
        where, params = _in_filters((("m.doc_id", doc_ids), ("m.ministerie", ministeries)))
        if min_budget_eur is not None:  # NULL: stored before amount roles, classified below
            where = f"{where} AND" if where else " WHERE"
            where += " (m.budget_eur >= ? OR m.budget_eur IS NULL)"
            params.append(min_budget_eur)
        sql = ("SELECT m.doc_id, d.year, m.ministerie, m.ministerie_naam, m.theme, m.text, m.subitems, m.amounts,"
               " m.years, m.section, m.page, m.page_label, m.block_id, m.budget_eur FROM measures m JOIN documents d"
               f" ON d.id = m.doc_id{where} ORDER BY d.year, m.doc_id, m.seq")
        for r in self.conn.execute(sql, params):
            subitems = _json_tuple(r[6])
            if r[13] is None:  # amounts without roles: classify them again from the measure's own text
                from rbtool.nl.money import parse_amounts

                amounts = tuple(a for text in (r[5], *subitems) for a in parse_amounts(text, r[2]))
            else:
                amounts = tuple(model.Amount(a["raw"], a["eur"], a["role"], a["period"], tuple(a["qualifiers"]))
                                for a in _json_tuple(r[7]))
            measure = model.Measure(
                doc=r[0], year=r[1], ministerie=r[2], ministerie_naam=r[3], theme=r[4], text=r[5],
                subitems=subitems, amounts=amounts,
                years=_json_tuple(r[8]), section=r[9], page=r[10], page_label=r[11], block_id=r[12])
            if min_budget_eur is None or measure.budget_eur >= min_budget_eur:
                yield measure

    def iter_notes(self, doc_id: str) -> Iterator[tuple]:
        """The analysed notes of a document in note order, as (doc, number, page, page_label, citing_sentence,
        text, kinds, refs, section) with refs as model.Reference."""
        for r in self.conn.execute("SELECT doc_id, number, page, page_label, citing_sentence, text, kinds, refs, "
                                   "section FROM notes WHERE doc_id=? ORDER BY seq", (doc_id,)):
            yield (*r[:6], tuple(json.loads(r[6])), tuple(model.Reference(**ref) for ref in json.loads(r[7])), r[8])

    def has_unanalysed_notes(self, doc_id: str) -> bool:
        """True for a document whose footnotes were stored before notes were analysed at extract time."""
        return bool(self.conn.execute(
            "SELECT 1 FROM footnotes f WHERE f.doc_id=? AND NOT EXISTS (SELECT 1 FROM notes n WHERE n.doc_id=f.doc_id) "
            "LIMIT 1", (doc_id,)).fetchone())

    def integrity_check(self) -> str:
        return self.conn.execute("PRAGMA integrity_check").fetchone()[0]

    def search_index_is_sound(self) -> bool:
        with _writing(self.path):  # the check is written as an INSERT: a read-only corpus fails it as a write
            return search_index.index_is_sound(self.conn)

    def check_writable(self) -> None:
        """Refuse to write into a damaged search index (writes would go on into it unnoticed)."""
        if not self.search_index_is_sound():
            raise CorpusError(REPAIR_HINT, str(self.path))

    def repair(self) -> int:
        """Rebuild the search index from the stored documents in one transaction; returns their number."""
        ids = [row[0] for row in self.conn.execute("SELECT id FROM documents ORDER BY id")]
        with _writing(self.path):
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                search_index.rebuild(self.conn, (self.load_document(doc_id) for doc_id in ids))
                self.conn.execute("COMMIT")
            except BaseException:
                _rollback(self.conn)
                raise
        return len(ids)
