"""An extract that is killed mid-run loses nothing already stored, and readers query while it writes."""
from __future__ import annotations

import signal
import subprocess
import sys

from conftest import PDFS
from rbtool.store.db import Corpus
from reliability.harness import HeldExtract


def distinct_copy(source, target, n: int):
    """The same PDF with a different SHA-256 (a comment after %%EOF), so the corpus sees a new document."""
    target.write_bytes(source.read_bytes() + f"\n%rbtool test copy {n}\n".encode())
    return target


def test_sigkill_mid_run_keeps_finished_documents_while_readers_query(tmp_path):
    corpus_path = tmp_path / "corpus.sqlite"
    small = distinct_copy(PDFS / "kamervragen-vws-2023-2024.pdf", tmp_path / "eerste.pdf", 1)
    large = [distinct_copy(PDFS / "analyse-rijksbegroting-2021-testeditie.pdf", tmp_path / "tweede.pdf", 2),
             distinct_copy(PDFS / "model-dpia-rijksdienst-v3.0.pdf", tmp_path / "derde.pdf", 3)]
    run = HeldExtract([small, *large], large[0], corpus_path, tmp_path, "--jobs", "1")
    try:
        run.wait_until_reading()  # the first document is stored; the run stays busy with the second
        with Corpus(corpus_path) as reader:
            assert reader.document_count() == 1

        # A reader in another process queries while the extract is busy with the next file.
        query = subprocess.run([sys.executable, "-m", "rbtool", "search", "eetstoornissen", "--format", "json"],
                               env=run.env, capture_output=True, text=True, timeout=60)
        assert query.returncode == 0, query.stderr
        assert run.process.poll() is None, "the extract should still be reading its second file"

        run.process.send_signal(signal.SIGKILL)
        run.process.wait(timeout=30)
    finally:
        run.finish()

    with Corpus(corpus_path) as corpus:
        assert corpus.integrity_check() == "ok"
        docs = corpus.list_documents()
        assert [d["source_path"] for d in docs] == [str(small)]
        document = corpus.load_document(docs[0]["id"])
        assert document.page_count == 6 and len(document.footnotes) >= 16
    rerun = subprocess.run([sys.executable, "-m", "rbtool", "extract", str(small)], env=run.env, capture_output=True,
                           text=True, timeout=60)
    assert rerun.returncode == 0 and "0 new, 1 cached, 0 failed" in rerun.stderr
