"""A damaged, foreign, locked or brand-new corpus: one clear line, never "internal error", and a repair."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from reliability.harness import assert_corpus_sound, assert_one_line_errors, copy_corpus, rbtool
from rbtool import signals
from rbtool.errors import CorpusError, Interrupted
from rbtool.store import db
from rbtool.store.db import Corpus

REPAIR_HINT = "the search index is damaged; run 'rbtool corpus repair' to rebuild it from the stored documents"


def damage_search_index(path) -> None:
    """Lose part of the FTS5 index's own data: PRAGMA integrity_check still says ok."""
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM search_fts_data WHERE id > 10")
    conn.commit()
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_a_damaged_search_index_is_reported_and_repaired(small_corpus, files, tmp_path):
    corpus = copy_corpus(small_corpus, tmp_path / "corpus.sqlite")
    damage_search_index(corpus)
    with Corpus(corpus) as store:
        documents_before = store.list_documents()

    search = rbtool("search", "gemeenten", corpus=corpus)
    extract = rbtool("extract", str(files["newline_name"]), corpus=corpus)
    remove = rbtool("corpus", "remove", documents_before[0]["id"], corpus=corpus)
    for run in (search, extract, remove):
        assert run.returncode == 2
        assert assert_one_line_errors(run.stderr)[0].endswith(REPAIR_HINT)
    with Corpus(corpus) as store:
        assert store.list_documents() == documents_before  # nothing written into the damaged index

    repair = rbtool("corpus", "repair", corpus=corpus)
    assert repair.returncode == 0, repair.stderr
    assert "search index was damaged; rebuilt it from 3 documents" in repair.stderr
    assert_corpus_sound(corpus)
    assert rbtool("search", "gemeenten", corpus=corpus).returncode == 0
    assert rbtool("search", "gemeenten", corpus=small_corpus).stdout == \
        rbtool("search", "gemeenten", corpus=corpus).stdout


@pytest.mark.parametrize("content, reason", [
    (b"just some text, not a database\n" * 100, "not a usable rbtool corpus (file is not a database)"),
    ("foreign", "this SQLite file is not an rbtool corpus; choose another file with --corpus"),
    ("truncated", "not a usable rbtool corpus"),
])
def test_a_file_that_is_no_corpus_is_one_line(small_corpus, tmp_path, content, reason):
    path = tmp_path / "corpus.sqlite"
    if content == "foreign":
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE adressen (naam TEXT)")
        conn.commit()
        conn.close()
    elif content == "truncated":
        whole = copy_corpus(small_corpus, tmp_path / "whole.sqlite").read_bytes()
        path.write_bytes(whole[: len(whole) // 3])
    else:
        path.write_bytes(content)
    before = path.read_bytes()
    run = rbtool("search", "gemeenten", corpus=path)
    assert run.returncode == 2
    (line,) = assert_one_line_errors(run.stderr)
    assert line.startswith(f"rbtool: {path}: {reason}")
    assert path.read_bytes() == before


OPEN_NEW_CORPUS = """
import sys, time
from rbtool.store.db import Corpus
start = float(sys.argv[2])
time.sleep(max(0.0, start - time.time()))
with Corpus(sys.argv[1]) as corpus:
    print(corpus.document_count())
"""


def test_concurrent_openers_of_a_new_corpus_all_succeed(tmp_path):
    """Before: 24 of 60 trials failed with "not a usable rbtool corpus (database is locked)"."""
    for trial in range(5):
        path = tmp_path / f"new-{trial}.sqlite"
        start = time.time() + 1.5  # every process past its imports, then all at once
        openers = [subprocess.Popen([sys.executable, "-c", OPEN_NEW_CORPUS, str(path), str(start)],
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(6)]
        for opener in openers:
            out, err = opener.communicate(timeout=120)
            assert opener.returncode == 0 and out.strip() == "0", err
        assert_corpus_sound(path)


def test_a_corpus_locked_too_long_says_so(small_corpus, tmp_path, monkeypatch):
    corpus = copy_corpus(small_corpus, tmp_path / "corpus.sqlite")
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 300)
    store = Corpus(corpus)
    holder = sqlite3.connect(corpus, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(CorpusError) as caught:
            store.record_failure("0" * 64, "0", "x.pdf", "test")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        store.close()
    assert str(caught.value) == f"{corpus}: the corpus is locked by another process (waited 0.3 s); try again when it is done"


def test_a_signal_during_a_commit_waits_for_it_and_is_reported_after(small_corpus, tmp_path):
    """The interrupt lands while a document is being written: the document is stored whole, then the
    interrupt is raised (no "cannot rollback - no transaction is active")."""
    corpus = copy_corpus(small_corpus, tmp_path / "corpus.sqlite")
    with Corpus(small_corpus) as source:
        document = source.load_document(source.list_documents()[0]["id"])
    previous = {s: signal.getsignal(s) for s in signals.HANDLED}
    signals.install()
    try:
        with Corpus(corpus) as store:
            store.remove_document(document.id)
            with pytest.raises(Interrupted) as caught:
                with signals.deferred():
                    os.kill(os.getpid(), signal.SIGINT)  # handled at the next bytecode: inside the block
                    store.save_document(document)
            assert caught.value.signum == signal.SIGINT
            assert store.load_document(document.id) == document
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    assert_corpus_sound(corpus)


def test_a_read_only_corpus_refuses_writes_in_one_line(small_corpus, tmp_path):
    """Not "internal error", and not mistaken for a damaged index (root ignores file modes, so SQLite's own
    read-only switch stands in for a read-only file)."""
    corpus = copy_corpus(small_corpus, tmp_path / "corpus.sqlite")
    with Corpus(corpus) as store:
        store.conn.execute("PRAGMA query_only=1")
        doc_id = store.list_documents()[0]["id"]
        for write in (store.check_writable, lambda: store.remove_document(doc_id)):
            with pytest.raises(CorpusError) as caught:
                write()
            assert str(caught.value) == f"{corpus}: cannot write to the corpus (attempt to write a readonly database)"
        assert store.document_count() == 3
