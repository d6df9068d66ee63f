"""Outputs never destroy an input or a previous export, and a full disk or a closed pipe is handled."""
from __future__ import annotations

import hashlib
import json
import os
import resource
import subprocess
import sys

import pytest

from reliability.harness import assert_corpus_sound, assert_one_line_errors, rbtool

# Above SQLite's 32 kB shared-memory file (the corpus is read meanwhile), below the export written here.
FILE_LIMIT = 34_000
FORMATS = ["table", "plain", "csv", "tsv", "json", "jsonl", "md"]


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def doc_id(small_corpus) -> str:
    from rbtool.store.db import Corpus

    with Corpus(small_corpus) as corpus:
        return corpus.list_documents()[0]["id"]


@pytest.mark.parametrize("target", ["corpus", "wal", "shm", "pdf"])
def test_export_refuses_to_overwrite_an_input(small_corpus, files, doc_id, target):
    path = {"corpus": small_corpus, "wal": small_corpus.with_name(small_corpus.name + "-wal"),
            "shm": small_corpus.with_name(small_corpus.name + "-shm"), "pdf": files["good1"]}[target]
    before = digest(path) if path.exists() else None
    run = rbtool("corpus", "export", doc_id, "-o", str(path), corpus=small_corpus)
    assert run.returncode == 2
    (line,) = assert_one_line_errors(run.stderr)
    assert line.startswith(f"rbtool: {path}: refusing to overwrite")
    assert (digest(path) if path.exists() else None) == before
    assert_corpus_sound(small_corpus)


def test_a_failed_export_leaves_the_previous_export_whole(small_corpus, tmp_path):
    target = tmp_path / "export.json"
    document = "kamervragen-vws-2023-2024.pdf"  # an export of about 36 kB
    first = rbtool("corpus", "export", document, "-o", str(target), corpus=small_corpus)
    assert first.returncode == 0 and len(target.read_bytes()) > FILE_LIMIT
    before = target.read_bytes()

    def file_size_limit():  # Python ignores SIGXFSZ, so a write past the limit fails with EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_LIMIT, FILE_LIMIT))

    failed = rbtool("corpus", "export", document, "-o", str(target), corpus=small_corpus, preexec_fn=file_size_limit)
    assert failed.returncode == 2
    (line,) = assert_one_line_errors(failed.stderr)
    assert line == f"rbtool: {target}: cannot write: File too large"
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.json"]  # no temporary file left


@pytest.mark.parametrize("target, reason", [("/dev/full", "cannot write: No space left on device"),
                                            ("missing-folder/x.json", "no such folder: missing-folder"),
                                            (".", "is a folder; give a file name")])
def test_export_to_an_unwritable_place_is_one_line(small_corpus, doc_id, target, reason, tmp_path):
    run = rbtool("corpus", "export", doc_id, "-o", target, corpus=small_corpus, cwd=tmp_path)
    assert run.returncode == 2
    assert assert_one_line_errors(run.stderr) == [f"rbtool: {target}: {reason}"]


def test_export_dash_is_stdout(small_corpus, doc_id, tmp_path):
    run = rbtool("corpus", "export", doc_id, "-o", "-", corpus=small_corpus, cwd=tmp_path)
    assert run.returncode == 0 and json.loads(run.stdout)["document"]["id"] == doc_id
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_full_disk_is_one_line_in_every_format(small_corpus, fmt):
    with open("/dev/full", "w") as full:
        run = rbtool("search", "gemeenten", "--format", fmt, corpus=small_corpus, stdout=full)
    assert run.returncode == 2
    assert assert_one_line_errors(run.stderr) == ["rbtool: cannot write the output: No space left on device"]


@pytest.mark.parametrize("command", [["search", "gemeenten"], ["compare", "good1.pdf", "good2.pdf"],
                                     ["corpus", "list"], ["footnotes"]])
@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json"])
def test_a_closed_pipe_is_quiet_with_exit_0(small_corpus, command, fmt):
    """`rbtool ... | head -1`: the reader is gone before rbtool writes; no message, exit 0."""
    env = {**os.environ, "RBTOOL_CORPUS": str(small_corpus), "NO_COLOR": "1"}
    process = subprocess.Popen([sys.executable, "-m", "rbtool", *command, "--format", fmt], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    process.stdout.close()
    stderr = process.stderr.read()
    assert process.wait(timeout=120) == 0, stderr
    assert "Traceback" not in stderr and "Broken pipe" not in stderr
