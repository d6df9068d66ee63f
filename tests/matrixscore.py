"""Scoring the style matrix (tests/tools/make_matrix.py) against issue 9's thresholds.

Shared by tests/test_matrix.py (the assertions), tests/tools/matrix_scores.py (the score line of every
typesetting) and tests/tools/matrix_shortfalls.py (rewrites tests/data/matrix/shortfalls.json, the figures
today's extractor misses, which the test turns into strict xfails).

A matrix file is extracted, stored and exported exactly as `rbtool extract` + `rbtool corpus export` do
(through a corpus file, measures included) and scored with tests/eval/score_extract.py, the project's
yardstick, imported unchanged.
"""
from __future__ import annotations

import json
import operator
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

TESTS = Path(__file__).parent
sys.path.insert(0, str(TESTS / "eval"))
from score_extract import score  # noqa: E402  (the project's yardstick, copied unchanged)

MATRIX_DATA = TESTS / "data" / "matrix"
MANIFEST = MATRIX_DATA / "manifest.json"
SHORTFALLS = MATRIX_DATA / "shortfalls.json"


@dataclass(frozen=True)
class Requirement:
    """One of issue 9's figures: `metric` of a score, at least (or at most) `bound`."""
    metric: str
    bound: float
    at_most: bool = False

    def met(self, value: float) -> bool:
        return (operator.le if self.at_most else operator.ge)(value, self.bound)

    def __str__(self) -> str:
        return f"{self.metric} {'<=' if self.at_most else '>='} {self.bound}"


# Issue 9, "How good it must be": every typesetting of the matrix.
REQUIREMENTS = (
    Requirement("footnotes.found", 1.0),       # found / truth
    Requirement("footnotes.text", 1.0),
    Requirement("footnotes.page", 1.0),
    Requirement("footnotes.anchor", 1.0),
    Requirement("sections.found", 1.0),        # found / truth
    Requirement("sections.title", 1.0),
    Requirement("sections.level", 1.0),
    Requirement("sections.page", 1.0),
    Requirement("subheadings.f1", 0.98),
    Requirement("list_items.f1", 0.98),
    Requirement("list_items.exact_text", 0.97),
    Requirement("quotes.f1", 0.95),
    Requirement("body.word_f1", 0.99),
    Requirement("body.furniture_leaks", 0, at_most=True),
    Requirement("measures.f1", 0.98),
    Requirement("measures.theme", 0.98),
)


def matrix_files() -> dict[str, tuple[Path, Path]]:
    """Every matrix file by its id ("2020-m01"): (pdf, truth), from the generator's manifest."""
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    root = TESTS.parent
    return {Path(f["pdf"]).stem: (root / f["pdf"], root / f["truth"])
            for entry in manifest["typesettings"] for f in entry["files"]}


def export_document(doc) -> dict:
    """A Document as `rbtool corpus export` writes it: stored in a corpus, loaded back, with its measures."""
    from rbtool.export import document_to_dict
    from rbtool.queries.footnotes import analyse_notes
    from rbtool.queries.measures import build_measures
    from rbtool.store.db import Corpus

    with tempfile.TemporaryDirectory() as tmp, Corpus(Path(tmp) / "matrix.sqlite") as corpus:
        corpus.save_document(doc, build_measures(doc), analyse_notes(doc))
        stored = corpus.load_document(doc.id)
        measures = list(corpus.iter_measures([doc.id]))
        return json.loads(json.dumps(document_to_dict(stored, measures), ensure_ascii=False))


def export_pdf(pdf: Path) -> dict:
    from rbtool.extract import extract_document

    return export_document(extract_document(pdf))


def figures(result: dict) -> dict[str, float]:
    """The scored figures the requirements name; "found" of notes and sections as a share of the truth."""
    out = {}
    for requirement in REQUIREMENTS:
        part, key = requirement.metric.split(".")
        values = result.get(part) or {}
        if key == "found" and part in ("footnotes", "sections"):
            out[requirement.metric] = round(values["found"] / values["truth"], 4) if values.get("truth") else 1.0
        else:
            out[requirement.metric] = values.get(key, 0.0)
    return out


def score_file(pdf: Path, truth_path: Path, shown_misses: int = 0) -> dict:
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    return score(export_pdf(pdf), truth, shown_misses)


def unmet(result: dict) -> dict[str, float]:
    """The figures of one scored file that miss issue 9's requirement, with their measured value."""
    measured = figures(result)
    return {r.metric: measured[r.metric] for r in REQUIREMENTS if not r.met(measured[r.metric])}


def score_line(file_id: str, result: dict) -> str:
    """One line: the issue's figures of one typesetting (a "!" marks a figure below its requirement)."""
    measured = figures(result)
    notes, sections = result["footnotes"], result["sections"]
    failing = set(unmet(result))

    def show(metric: str, label: str) -> str:
        return f"{label}={measured[metric]}" + ("!" if metric in failing else "")

    return (f"{file_id}: notes {notes['found']}/{notes['truth']} " + " ".join(
        show(f"footnotes.{k}", k) for k in ("text", "page", "anchor"))
        + f" | sections {sections['found']}/{sections['truth']} "
        + " ".join(show(f"sections.{k}", k) for k in ("title", "level", "page"))
        + " | " + show("subheadings.f1", "subheadings") + " " + show("list_items.f1", "items")
        + " " + show("list_items.exact_text", "exact") + " " + show("quotes.f1", "quotes")
        + " " + show("body.word_f1", "words") + " " + show("body.furniture_leaks", "leaks")
        + " " + show("measures.f1", "measures") + " " + show("measures.theme", "theme"))


def read_shortfalls() -> dict[str, dict[str, float]]:
    if not SHORTFALLS.exists():
        return {}
    return json.loads(SHORTFALLS.read_text(encoding="utf-8"))["shortfalls"]


def read_shortfalls_version() -> str | None:
    """The extractor version the shortfalls file was measured with (None without a file)."""
    if not SHORTFALLS.exists():
        return None
    return json.loads(SHORTFALLS.read_text(encoding="utf-8"))["extractor_version"]


def write_shortfalls(shortfalls: dict[str, dict[str, float]], extractor_version: str) -> None:
    data = {"about": "Figures of issue 9 that today's extractor misses on the style matrix, per typesetting, with "
                     "the measured value; tests/test_matrix.py marks each as xfail(strict=True). Rewritten by "
                     "tests/tools/matrix_shortfalls.py — never by hand.",
            "extractor_version": extractor_version,
            "shortfalls": {k: shortfalls[k] for k in sorted(shortfalls) if shortfalls[k]}}
    SHORTFALLS.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _score_by_id(file_id: str, shown_misses: int) -> tuple[str, dict]:
    pdf, truth = matrix_files()[file_id]
    return file_id, score_file(pdf, truth, shown_misses)


def score_all(file_ids: list[str], jobs: int = 1, shown_misses: int = 0):
    """(file id, score) of each matrix file, in the order given; `jobs` > 1 extracts in parallel processes."""
    if jobs <= 1:
        for file_id in file_ids:
            yield _score_by_id(file_id, shown_misses)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(_score_by_id, file_ids, [shown_misses] * len(file_ids))
