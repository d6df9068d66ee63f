"""Hostile PDFs fail alone, each with one line naming the limit it hit; the good files of the run go in."""
from __future__ import annotations

import hashlib
import json
import signal
import threading
import time

from reliability import hostile
from reliability.harness import PDFS, assert_corpus_sound, assert_one_line_errors, rbtool
from rbtool.errors import ExtractionCrashed, LimitExceeded
from rbtool.extract import EXTRACTOR_VERSION
from rbtool.ingest import failure_key, file_sha256
from rbtool.model import Document
from rbtool.limits import Limits
from rbtool.sandbox import Pool
from rbtool.store.db import Corpus

# Limits lowered in these runs so that they take seconds: the page with a million operators takes some 10 s
# on a quiet machine and far longer on a busy one, so a 5 s limit stops it wherever the suite runs, while the
# good pages take milliseconds and the bomb reaches its 256 MB inflate limit first (with 2 s, a machine under
# load let the bomb's page hit the time limit instead); counting up to the default of 200,000 characters takes
# a few seconds, and the good pages hold about 1,000 characters.
PAGE_SECONDS = "5"
PAGE_CHARS = "20000"


def digests(paths) -> dict:
    return {path: hashlib.sha256(path.read_bytes()).hexdigest() for path in paths}


def test_each_hostile_file_fails_alone_with_the_limit_it_hit(files, tmp_path):
    corpus = tmp_path / "corpus.sqlite"
    order = ["good1", "bomb", "huge", "operators", "bytes_name", "newline_name", "good2"]
    before = digests(files.values())
    run = rbtool("extract", *(str(files[role]) for role in order), "--jobs", "1", "--page-timeout", PAGE_SECONDS,
                 "--page-chars", PAGE_CHARS, "--format", "json", corpus=corpus)

    assert run.returncode == 2
    lines = assert_one_line_errors(run.stderr)
    expected = {
        "bomb": "page 1: a compressed stream inflates to more than 256 MB; skipped",
        "huge": "page 1: more than 20,000 characters; skipped",
        "operators": f"page 1: took more than {PAGE_SECONDS} s (the limit per page); skipped",
    }
    for role, reason in expected.items():
        assert f"rbtool: {files[role]}: {reason}" in lines, run.stderr
    assert lines[-1] == "4 new, 0 cached, 3 failed"
    rows = {row["file"]: row for row in json.loads(run.stdout)}
    assert rows[str(files["bytes_name"]).encode("utf-8", "surrogateescape").decode("utf-8", "replace")
                ]["status"] == "new"
    assert rows[str(files["newline_name"]).replace("\n", "\\n")]["status"] == "new"

    assert digests(files.values()) == before
    assert_corpus_sound(corpus)
    with Corpus(corpus) as store:
        assert store.document_count() == 4
        # limits are no property of the file: nothing remembered, the next run tries again
        for role in expected:
            assert store.cached_failure(file_sha256(files[role]), EXTRACTOR_VERSION) is None


def test_a_limit_failure_is_retried_and_a_file_property_is_remembered_per_password(files, tmp_path):
    corpus = tmp_path / "corpus.sqlite"
    tight = rbtool("extract", str(files["good1"]), "--page-chars", "50", corpus=corpus)
    assert tight.returncode == 2 and "page 1: more than 50 characters; skipped" in tight.stderr
    again = rbtool("extract", str(files["good1"]), corpus=corpus)
    assert again.returncode == 0 and "1 new, 0 cached, 0 failed" in again.stderr

    encrypted = tmp_path / "beveiligd.pdf"
    encrypted.write_bytes((PDFS / "encrypted-password-test.pdf").read_bytes())
    first = rbtool("extract", str(encrypted), corpus=corpus)
    cached = rbtool("extract", str(encrypted), corpus=corpus)
    other_password = rbtool("extract", str(encrypted), "--password", "geheim", corpus=corpus)
    assert first.returncode == cached.returncode == other_password.returncode == 2
    assert "give the password with --password" in cached.stderr and "wrong password" in other_password.stderr
    with Corpus(corpus) as store:
        sha = file_sha256(encrypted)
        assert "give the password" in store.cached_failure(sha, EXTRACTOR_VERSION)
        assert store.cached_failure(sha, EXTRACTOR_VERSION, failure_key({"password": "geheim"})) == "wrong password"


def test_a_memory_limit_fails_the_file_and_the_next_one_goes_in(files, tmp_path):
    corpus = tmp_path / "corpus.sqlite"
    run = rbtool("extract", str(files["huge"]), str(files["good1"]), "--jobs", "1", "--memory-limit", "300",
                 "--page-chars", "100000000", corpus=corpus)
    lines = assert_one_line_errors(run.stderr)
    assert run.returncode == 2
    # pdfminer either raises MemoryError or crashes (SIGSEGV) at the limit: either way one line naming it
    assert lines[0] in (f"rbtool: {files['huge']}: page 1: out of memory (limit 300 MB); skipped",
                        f"rbtool: {files['huge']}: extraction crashed: killed by SIGSEGV (memory limit 300 MB); skipped")
    assert lines[-1] == "1 new, 0 cached, 1 failed"
    assert_corpus_sound(corpus)


def test_a_2000_page_document_passes_under_the_default_limits(tmp_path):
    long = tmp_path / "tweeduizend.pdf"
    long.write_bytes(hostile.many_pages(2000))
    corpus = tmp_path / "corpus.sqlite"
    run = rbtool("extract", str(long), corpus=corpus)
    assert run.returncode == 0, run.stderr
    with Corpus(corpus) as store:
        (row,) = store.list_documents()
        assert row["pages"] == 2000


def test_a_worker_that_dies_fails_its_file_and_the_pool_goes_on(files):
    """A segfault in a PDF library (simulated: SIGSEGV sent to the worker) costs that one file."""
    results: dict[str, object] = {}
    jobs = [str(files["operators"]), str(files["good1"])]
    with Pool(1, Limits()) as pool:
        def crash_the_worker():
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                busy = [w for w in pool.workers if w.job == jobs[0]]
                if busy:
                    time.sleep(0.5)
                    busy[0].process.send_signal(signal.SIGSEGV)
                    return
                time.sleep(0.05)

        killer = threading.Thread(target=crash_the_worker)
        killer.start()
        pool.run(jobs, str, {}, lambda job, result: results.__setitem__(job, result))
        killer.join()
    assert isinstance(results[jobs[0]], ExtractionCrashed)
    assert results[jobs[0]].reason == "extraction crashed: killed by SIGSEGV (memory limit 2048 MB); skipped"
    assert isinstance(results[jobs[1]], Document)


def test_the_time_limit_per_file_stops_a_slow_file(files):
    results: dict[str, object] = {}
    with Pool(1, Limits(file_seconds=1.0)) as pool:
        pool.run([str(files["operators"])], str, {}, lambda job, result: results.__setitem__(job, result))
    (result,) = results.values()
    assert isinstance(result, LimitExceeded)
    assert result.reason == "took more than 1 s (the limit per file); skipped"
