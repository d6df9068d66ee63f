"""An extract that is killed mid-run loses nothing already stored, and readers query while it writes."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from conftest import PDFS
from rbtool.store.db import Corpus

POLL_SECONDS = 0.2
PATIENCE_SECONDS = 240


def distinct_copy(source, target, n: int):
    """The same PDF with a different SHA-256 (a comment after %%EOF), so the corpus sees a new document."""
    target.write_bytes(source.read_bytes() + f"\n%rbtool test copy {n}\n".encode())
    return target


def test_sigkill_mid_run_keeps_finished_documents_while_readers_query(tmp_path):
    corpus_path = tmp_path / "corpus.sqlite"
    small = distinct_copy(PDFS / "kamervragen-vws-2023-2024.pdf", tmp_path / "eerste.pdf", 1)
    large = [distinct_copy(PDFS / "analyse-rijksbegroting-2021-testeditie.pdf", tmp_path / "tweede.pdf", 2),
             distinct_copy(PDFS / "model-dpia-rijksdienst-v3.0.pdf", tmp_path / "derde.pdf", 3)]
    env = {**os.environ, "RBTOOL_CORPUS": str(corpus_path)}
    extract = subprocess.Popen([sys.executable, "-m", "rbtool", "extract", str(small), *map(str, large),
                                "--jobs", "1"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + PATIENCE_SECONDS
        stored = 0
        while time.monotonic() < deadline and extract.poll() is None:
            if corpus_path.exists():
                with Corpus(corpus_path) as reader:
                    stored = reader.document_count()
            if stored:
                break
            time.sleep(POLL_SECONDS)
        assert stored == 1, "the first document should be stored while the large ones are still being read"

        # A reader in another process queries while the extract is busy with the next file.
        query = subprocess.run([sys.executable, "-m", "rbtool", "search", "eetstoornissen", "--format", "json"],
                               env=env, capture_output=True, text=True, timeout=60)
        assert query.returncode == 0, query.stderr
        assert extract.poll() is None, "the extract finished too early to show a concurrent read"

        extract.send_signal(signal.SIGKILL)
        extract.wait(timeout=30)
    finally:
        if extract.poll() is None:
            extract.kill()

    with Corpus(corpus_path) as corpus:
        assert corpus.integrity_check() == "ok"
        docs = corpus.list_documents()
        assert [d["source_path"] for d in docs] == [str(small)]
        document = corpus.load_document(docs[0]["id"])
        assert document.page_count == 6 and len(document.footnotes) >= 16
    rerun = subprocess.run([sys.executable, "-m", "rbtool", "extract", str(small)], env=env, capture_output=True,
                           text=True, timeout=60)
    assert rerun.returncode == 0 and "0 new, 1 cached, 0 failed" in rerun.stderr
