"""Signals at random moments: no process outlives rbtool, and every stored document equals a clean extract."""
from __future__ import annotations

import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reliability.harness import PDFS, HeldExtract, assert_corpus_sound, rbtool
from rbtool.export import document_to_dict
from rbtool.store.db import Corpus

KILLS = 20
SEED = 13
SURVIVAL_SECONDS = 2.0
INPUTS = ["kamervragen-vws-2023-2024.pdf", "besluitenlijst-commissie-financien-2016.pdf",
          "rijksbegroting-2019-hoofdstuk-I-de-koning.pdf"]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory, files) -> list[Path]:
    folder = tmp_path_factory.mktemp("signal-inputs")
    paths = [Path(shutil.copy(PDFS / name, folder / name)) for name in INPUTS]
    return paths + [files["good1"], files["good2"]]


@pytest.fixture(scope="module")
def clean(tmp_path_factory, inputs) -> tuple[dict[str, dict], float]:
    """The documents as an uninterrupted run stores them, by id, and how long that run took here."""
    corpus = tmp_path_factory.mktemp("clean") / "corpus.sqlite"
    started = time.monotonic()
    run = rbtool("extract", *map(str, inputs), "--jobs", "2", corpus=corpus)
    assert run.returncode == 0, run.stderr
    return stored_documents(corpus), time.monotonic() - started


def stored_documents(corpus: Path) -> dict[str, dict]:
    with Corpus(corpus) as store:
        return {row["id"]: document_to_dict(store.load_document(row["id"])) for row in store.list_documents()}


def session_members(session: int) -> list[int]:
    """Pids of the processes in a session (all of rbtool's: it was started as the session leader)."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # ended while we looked
            continue
        if int(fields[3]) == session and fields[0] != "Z":
            members.append(int(entry.name))
    return members


def start_extract(inputs: list[Path], corpus: Path, jobs: str) -> subprocess.Popen:
    env = {**os.environ, "RBTOOL_CORPUS": str(corpus), "NO_COLOR": "1"}
    return subprocess.Popen([sys.executable, "-m", "rbtool", "extract", *map(str, inputs), "--jobs", jobs],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process table from /proc")
def test_kills_at_random_moments_leave_no_process_and_only_whole_documents(inputs, clean, tmp_path):
    documents, duration = clean
    chance = random.Random(SEED)
    reported = partial = 0  # attempts where SIGTERM was reported, and where some documents were stored
    for attempt in range(KILLS):
        corpus = tmp_path / f"corpus-{attempt}.sqlite"
        extract = start_extract(inputs, corpus, "2")
        time.sleep(chance.uniform(0.1, duration))  # anywhere in a run, start-up included
        sent = signal.SIGTERM if attempt % 2 else signal.SIGKILL
        extract.send_signal(sent)  # the parent only, as a service manager or `kill PID` would
        _, stderr = extract.communicate(timeout=60)
        deadline = time.monotonic() + SURVIVAL_SECONDS
        while session_members(extract.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert session_members(extract.pid) == [], f"attempt {attempt}: processes outlived rbtool ({sent.name})"
        if sent == signal.SIGTERM and extract.returncode == 128 + signal.SIGTERM:
            last = stderr.splitlines()[-1]
            if last == "rbtool: interrupted":  # stopped before the first file was planned (a loaded machine)
                assert not corpus.exists() or not stored_documents(corpus), stderr
            else:
                assert re.fullmatch(r"rbtool: interrupted: \d+ documents? stored, \d+ not started"
                                    r"(, \d+ stopped while being read)?", last), stderr
                reported += 1
        else:  # SIGKILL, or SIGTERM before rbtool had set up its handler (interpreter start)
            assert extract.returncode in (-signal.SIGKILL, -signal.SIGTERM, 0), stderr
        if corpus.exists():
            assert_corpus_sound(corpus)
            stored = stored_documents(corpus)
            for doc_id, document in stored.items():
                assert document == documents[doc_id], f"attempt {attempt}: document {doc_id} differs"
            partial += 0 < len(stored) < len(documents)
    assert reported and partial, "the random moments should include runs stopped half-way"


def test_ctrl_c_reports_what_was_kept_and_exits_130(inputs, tmp_path):
    corpus = tmp_path / "corpus.sqlite"
    run = HeldExtract(inputs, inputs[1], corpus, tmp_path, "--jobs", "1")
    run.wait_until_reading()  # the first file is stored, the second is being read
    os.killpg(run.process.pid, signal.SIGINT)  # Ctrl-C reaches the whole foreground process group
    stderr = run.finish()
    assert run.process.returncode == 130, stderr
    assert "Traceback" not in stderr
    assert stderr.splitlines()[-1] == (f"rbtool: interrupted: 1 document stored, {len(inputs) - 2} not started, "
                                       "1 stopped while being read"), stderr
    with Corpus(corpus) as store:
        assert [row["source_path"] for row in store.list_documents()] == [str(inputs[0])]
    assert_corpus_sound(corpus)
