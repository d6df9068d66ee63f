"""The corpus store: round trip, migrations, refusal of foreign or newer files, lookup, WAL readers."""
from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest

from rbtool.errors import AmbiguousDocument, CorpusError, UnknownDocument
from rbtool.store.db import SCHEMA_VERSION, Corpus


@pytest.fixture
def corpus(tmp_path):
    with Corpus(tmp_path / "c.sqlite") as c:
        yield c


def test_document_round_trip_keeps_every_field(corpus, truth_2020):
    corpus.save_document(truth_2020)
    loaded = corpus.load_document(truth_2020.id)
    assert loaded == truth_2020


def test_saving_again_replaces_instead_of_duplicating(corpus, truth_2020):
    corpus.save_document(truth_2020)
    corpus.save_document(truth_2020)
    assert corpus.document_count() == 1
    assert corpus.list_documents()[0]["blocks"] == len(truth_2020.blocks)


def test_schema_migrations_are_recorded(tmp_path):
    path = tmp_path / "c.sqlite"
    Corpus(path).close()
    names = [r[0] for r in sqlite3.connect(path).execute("SELECT name FROM schema_migrations")]
    assert len(names) == SCHEMA_VERSION


def test_corpus_of_a_newer_rbtool_is_refused_with_a_message(tmp_path):
    path = tmp_path / "c.sqlite"
    Corpus(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO schema_migrations(name) VALUES ('999_from_the_future')")
    with pytest.raises(CorpusError, match="newer rbtool"):
        Corpus(path)


def test_a_text_file_is_not_a_corpus(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_text("these are my notes, not a database\n" * 50)
    with pytest.raises(CorpusError, match="not a usable rbtool corpus"):
        Corpus(path)


def test_another_programs_database_is_not_taken_over(tmp_path):
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER)")
    with pytest.raises(CorpusError, match="not an rbtool corpus"):
        Corpus(path)
    assert [r[0] for r in sqlite3.connect(path).execute("SELECT name FROM sqlite_master")] == ["invoices"]


def test_documents_resolve_by_id_prefix_year_and_file_name(corpus, truth_2020, truth_2021):
    corpus.save_document(truth_2020)
    corpus.save_document(truth_2021)
    assert corpus.resolve("truth2020") == "truth2020"
    assert corpus.resolve("2021") == "truth2021"
    assert corpus.resolve("analyse-rijksbegroting-2020.pdf") == "truth2020"
    with pytest.raises(UnknownDocument, match="2 documents"):
        corpus.resolve("truth")
    with pytest.raises(UnknownDocument, match=r"truth2020 \(2020, .*truth2021 \(2021"):
        corpus.resolve("1999")
    assert corpus.resolve("testeditie") == "truth2021"  # a title word
    with pytest.raises(AmbiguousDocument) as ambiguous:
        corpus.resolve("rijksbegroting")
    assert {d["id"] for d in ambiguous.value.candidates} == {"truth2020", "truth2021"}


def test_two_years_pick_the_editions_of_one_series(corpus, truth_2020, truth_2021):
    """Another document of 2020 makes the year ambiguous on its own, not as a pair of editions."""
    corpus.save_document(truth_2020)
    corpus.save_document(truth_2021)
    corpus.save_document(replace(truth_2020, id="federal", sha256="f" * 64, title="Federal Register Vol. 85",
                                 source_path="federal-register-2020.pdf"))
    with pytest.raises(AmbiguousDocument):
        corpus.resolve("2020")
    assert corpus.resolve_editions("2020", "2021") == ("truth2020", "truth2021")
    corpus.save_document(replace(truth_2021, id="other2021", sha256="e" * 64, source_path="kopie-2021.pdf"))
    with pytest.raises(AmbiguousDocument):  # two series now: the pair is no longer one
        corpus.resolve_editions("2020", "2021")


def test_remove_and_compact_shrink_the_file(tmp_path, truth_2020, truth_2021):
    path = tmp_path / "c.sqlite"
    with Corpus(path) as corpus:
        corpus.save_document(truth_2020)
        corpus.save_document(truth_2021)
        corpus.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        before = path.stat().st_size
        corpus.remove_document("truth2021")
        corpus.compact()
        assert path.stat().st_size < before
        assert corpus.summary()["documents"] == 1


def test_remove_takes_the_document_and_everything_it_owns(corpus, truth_2020):
    corpus.save_document(truth_2020)
    corpus.remove_document(truth_2020.id)
    assert corpus.document_count() == 0
    for table in ("pages", "sections", "blocks", "footnotes", "quotes", "measures"):
        assert corpus.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0


def test_a_reader_queries_while_a_writer_holds_its_transaction(tmp_path, truth_2020, truth_2021):
    path = tmp_path / "c.sqlite"
    with Corpus(path) as writer, Corpus(path) as reader:
        writer.save_document(truth_2020)
        writer.conn.execute("BEGIN IMMEDIATE")
        writer.conn.execute("INSERT INTO documents(id, sha256, extractor_version, title, source_path, page_count)"
                            " VALUES ('half', 'x', 'v', 't', 'p', 1)")
        # WAL: the reader sees the last committed state, without waiting for the writer.
        assert [d["id"] for d in reader.list_documents()] == ["truth2020"]
        writer.conn.execute("ROLLBACK")
    assert Corpus(path).integrity_check() == "ok"


def test_a_failed_write_leaves_the_earlier_documents_intact(corpus, truth_2020, truth_2021, monkeypatch):
    from rbtool.store import db

    corpus.save_document(truth_2020)

    def crash(conn, doc):
        raise RuntimeError("disk full halfway")

    monkeypatch.setattr(db.search_index, "index_document", crash)
    with pytest.raises(RuntimeError):
        corpus.save_document(truth_2021)
    assert [d["id"] for d in corpus.list_documents()] == ["truth2020"]
    assert corpus.conn.execute("SELECT count(*) FROM blocks WHERE doc_id='truth2021'").fetchone()[0] == 0
    assert corpus.load_document("truth2020") == truth_2020


def test_analysed_notes_are_stored_and_read_back(corpus, truth_2020):
    from rbtool.queries.footnotes import analyse_notes, stored_notes

    notes = analyse_notes(truth_2020)
    corpus.save_document(truth_2020, (), notes)
    assert stored_notes(corpus, [truth_2020.id]) == notes
    assert not corpus.has_unanalysed_notes(truth_2020.id)


def test_notes_of_a_document_stored_without_analysis_are_analysed_when_read(corpus, truth_2020):
    from rbtool.queries.footnotes import analyse_notes, stored_notes

    corpus.save_document(truth_2020)
    assert corpus.has_unanalysed_notes(truth_2020.id)
    assert stored_notes(corpus, [truth_2020.id]) == analyse_notes(truth_2020)


def test_measures_round_trip_with_amount_roles_and_budget_filter(corpus, truth_2020):
    from rbtool.queries.measures import build_measures

    measures = build_measures(truth_2020)
    corpus.save_document(truth_2020, measures)
    assert list(corpus.iter_measures([truth_2020.id])) == measures
    big = list(corpus.iter_measures([truth_2020.id], min_budget_eur=1_000_000_000))
    assert big == [m for m in measures if m.budget_eur >= 1_000_000_000] and len(big) == 4


def test_measures_stored_before_amount_roles_are_classified_when_read(corpus, truth_2020):
    """Migration 004_amount_roles: rows with a NULL budget_eur carry amounts without roles ({raw, eur, period})."""
    import json

    from rbtool.queries.measures import build_measures

    measures = build_measures(truth_2020)
    corpus.save_document(truth_2020, measures)
    old_style = [(json.dumps([{"raw": a.raw, "eur": a.eur, "period": None} for a in m.amounts]), i)
                 for i, m in enumerate(measures)]
    corpus.conn.executemany("UPDATE measures SET amounts=?, budget_eur=NULL WHERE seq=?", old_style)
    assert list(corpus.iter_measures([truth_2020.id])) == measures
    assert len(list(corpus.iter_measures([truth_2020.id], min_budget_eur=1_000_000_000))) == 4
