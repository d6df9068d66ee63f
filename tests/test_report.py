"""rbtool report: one self-contained HTML file, rendered in headless Chromium and checked against the CLI."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest

from conftest import run_cli as run  # the corpus_env and editions_corpus fixtures live in conftest

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing; .ci/run installs the Debian package")
        pytest.skip("chromium not installed (Debian package 'chromium')")
    return found


def render(page, tmp_path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    return subprocess.run([chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--enable-logging=stderr",
                           "--v=0", *args, page.as_uri()], capture_output=True, text=True, timeout=180)


class Cells(HTMLParser):
    """The data-eur cells of each document section, and the page's SVG, script and resource references."""

    def __init__(self):
        super().__init__()
        self.section, self.row, self.money, self.svgs, self.external, self.row_head = None, [], {}, [], [], None
        self.in_th = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section":
            self.section = attrs.get("data-doc") or attrs.get("id")
        if tag == "svg":
            self.svgs.append(attrs)
        if tag in ("script", "img", "link", "iframe") and (attrs.get("src") or attrs.get("href")):
            self.external.append((tag, attrs))
        if tag == "tr":
            self.row, self.row_head = [], None
        if tag == "th" and attrs.get("scope") == "row":
            self.in_th = True
        if tag == "td" and "data-eur" in attrs:
            self.row.append(int(attrs["data-eur"]))

    def handle_data(self, data):
        if self.in_th:
            self.row_head = data.strip()

    def handle_endtag(self, tag):
        if tag == "th":
            self.in_th = False
        if tag == "tr" and self.row_head and self.section:
            self.money.setdefault(self.section, {})[self.row_head] = self.row


def test_report_renders_in_chromium_with_charts_and_the_summary_numbers(capsys, monkeypatch, corpus_env, tmp_path):
    page = tmp_path / "rapport.html"
    code, out, err = run(capsys, monkeypatch, "report", "2020", "2021", "-o", str(page))
    assert code == 0 and out == "" and "wrote" in err, err
    shot = tmp_path / "rapport.png"
    shown = render(page, tmp_path, "--window-size=1000,3000", f"--screenshot={shot}")
    assert shown.returncode == 0, shown.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    dumped = render(page, tmp_path, "--dump-dom")
    assert dumped.returncode == 0 and "</main>" in dumped.stdout
    console = [line for line in dumped.stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]
    assert not console, console  # the page loaded without script errors
    dom = Cells()
    dom.feed(dumped.stdout)
    assert not dom.external, dom.external  # self-contained: nothing fetched
    assert len(dom.svgs) == 3 and all(s.get("role") == "img" and s.get("aria-label") for s in dom.svgs)
    # every ministry's budget in the page equals `measures --summary --format json` of that document
    for year in ("2020", "2021"):
        code, out, _ = run(capsys, monkeypatch, "measures", "--summary", "--doc", year, "--format", "json")
        summary = json.loads(out)
        doc_id = json.loads(run(capsys, monkeypatch, "measures", "--doc", year, "--format", "json")[1])[0]["doc"]
        assert {r["ministerie"]: [r["budget_eur"], r["budget_per_year_eur"]] for r in summary} == dom.money[doc_id]
    comparison = dom.money["comparison"]
    assert comparison["FIN"][2] == comparison["FIN"][1] - comparison["FIN"][0] > 0


def test_report_is_accessible_and_readable_on_a_phone(capsys, monkeypatch, corpus_env, tmp_path):
    page = tmp_path / "r.html"
    assert run(capsys, monkeypatch, "report", "2020", "-o", str(page))[0] == 0
    text = page.read_text(encoding="utf-8")
    assert '<html lang="nl">' in text and 'name="viewport"' in text
    assert text.count("<h1>") == 1 and "<h2>" in text and "<h3>" in text
    assert '<th scope="col"' in text and "<caption>" in text and "<figcaption>" in text
    assert 'id="comparison"' not in text  # one document: no comparison
    assert re.search(r'href="[^"]*analyse-rijksbegroting-2020\.pdf#page=\d+"', text)
    narrow = render(page, tmp_path, "--window-size=390,844", f"--screenshot={tmp_path / 'phone.png'}")
    assert narrow.returncode == 0


def test_report_of_an_unknown_document_is_one_line(capsys, monkeypatch, corpus_env, tmp_path):
    code, out, err = run(capsys, monkeypatch, "report", "1999", "-o", str(tmp_path / "x.html"))
    assert code == 2 and err.startswith("rbtool: ") and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "x.html").exists()


def test_report_tells_two_documents_of_one_year_apart(corpus_env, tmp_path):
    from rbtool.report import build_report
    from rbtool.store.db import Corpus

    with Corpus(corpus_env) as corpus:
        corpus.conn.execute("UPDATE documents SET year = 2020")
        ids = [d["id"] for d in corpus.list_documents()]
        page = build_report(corpus, ids, tmp_path)
    first, second = (i[:8] for i in ids)
    assert f"Comparison {first} → {second}" in page
    assert f"Budget per ministry, {first}" in page and f"Budget per ministry, {second}" in page
