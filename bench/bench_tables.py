"""Table quality: rbtool's tables against pdfplumber's own find_tables(), on the same set in the same run.

    python bench/bench_tables.py

The set: the generated cases of tests/pdfs/tables/ (one per table trait, plus three look-alikes; exact truth
from tests/tools/make_tables.py) and the hand-checked tables of two real PDFs (tests/data/tables/). Scored by
tests/eval/score_tables.py. The baseline reads every page with pdfplumber's `find_tables()` in both of its
strategies ("lines", its default, and "text"), taking each table's first row as its header; it states no
caption and no unit, so it is right there only where the truth has none. Writes its section of
docs/benchmarks.md.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from benchlib import ROOT, SAMPLE, write_section

sys.path.insert(0, str(ROOT / "tests" / "eval"))
from score_tables import score  # noqa: E402

TRUTH = ROOT / "tests" / "data" / "tables"
REAL = {"rijksbegroting-2019-hoofdstuk-I-de-koning": ROOT / "tests/pdfs/rijksbegroting-2019-hoofdstuk-I-de-koning.pdf",
        "model-dpia-rijksdienst-v3.0": ROOT / "tests/pdfs/model-dpia-rijksdienst-v3.0.pdf"}
METRICS = ["tables_f1", "shape", "cells", "header", "caption", "unit", "invented"]


def cases() -> list[tuple[str, Path, dict]]:
    out = []
    for truth_path in sorted(TRUTH.glob("*.truth.json")):
        name = truth_path.name[: -len(".truth.json")]
        pdf = REAL.get(name, ROOT / "tests" / "pdfs" / "tables" / f"{name}.pdf")
        out.append((name, pdf, json.loads(truth_path.read_text(encoding="utf-8"))))
    return out


def rbtool_tables(pdf: Path) -> list[dict]:
    from rbtool.extract import extract_document
    from rbtool.queries.tables import table_to_dict

    doc = extract_document(pdf)
    return [table_to_dict(doc.id, doc.page_label(t.page), t) for t in doc.tables]


def pdfplumber_tables(pdf: Path, strategy: str) -> list[dict]:
    import pdfplumber

    settings = {"vertical_strategy": strategy, "horizontal_strategy": strategy}
    out = []
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            for table in page.find_tables(settings):
                grid = [[" ".join((cell or "").split()) for cell in row] for row in table.extract()]
                if grid:
                    out.append({"page": page.page_number, "page_end": page.page_number, "caption": None,
                                "unit": None, "columns": grid[0], "rows": grid[1:]})
            page.close()
    return out


def table_step_cost(pdf: Path, runs: int = 3) -> tuple[float, float, float]:
    """(seconds to read the PDF's pages, seconds of layout with the table step, seconds without it): the
    table step's own cost, measured in one process on pages read once."""
    import rbtool.extract as extract
    from rbtool.pdf import read_pages

    start = time.perf_counter()
    pages = [page for _, page in read_pages(pdf)]
    read = time.perf_counter() - start

    def layout() -> float:
        start = time.perf_counter()
        extract.build_document(pages, where=str(pdf), sha256="0" * 64)
        return time.perf_counter() - start

    with_tables = min(layout() for _ in range(runs))
    find_tables, extract.find_tables = extract.find_tables, lambda *args, **kwargs: []
    try:
        without = min(layout() for _ in range(runs))
    finally:
        extract.find_tables = find_tables
    return read, with_tables, without


def main() -> None:
    readers = {"rbtool": rbtool_tables,
               "pdfplumber lines": lambda pdf: pdfplumber_tables(pdf, "lines"),
               "pdfplumber text": lambda pdf: pdfplumber_tables(pdf, "text")}
    results, seconds = {}, {}
    for reader, read in readers.items():
        start = time.perf_counter()
        runs = [(name, read(pdf), truth) for name, pdf, truth in cases()]
        seconds[reader] = time.perf_counter() - start
        results[reader] = score(runs)
    traits = list(results["rbtool"][0])
    lines = ["## Tables (`python bench/bench_tables.py`)", "",
             "Scored by `tests/eval/score_tables.py` on the generated set (`tests/pdfs/tables/`, one case per "
             "trait, exact truth from `tests/tools/make_tables.py`) and the hand-checked tables of the 2019 "
             "budget chapter and three tables of the model DPIA. Targets: tables F1 ≥ 0.95, shape ≥ 0.95, "
             "cells ≥ 0.98, header ≥ 0.95, unit ≥ 0.95, 0 invented on look-alikes. pdfplumber states no caption "
             "and no unit: it is right there only where the truth has none.", "",
             "| | " + " | ".join(readers) + " |", "|---|" + "---:|" * len(readers)]
    for metric in METRICS:
        lines.append(f"| **{metric}** (overall) | " + " | ".join(str(results[r][1][metric]) for r in readers) + " |")
    lines.append(f"| seconds for the whole set | " + " | ".join(f"{seconds[r]:.1f}" for r in readers) + " |")
    lines += ["", "Per trait (rbtool / pdfplumber lines / pdfplumber text), tables F1 · cells · header:", "",
              "| trait | tables F1 | cells | header | caption | unit | invented |", "|---|---|---|---|---|---|---|"]
    for trait in traits:
        row = [" / ".join(str(results[r][0].get(trait, {}).get(m, "–")) for r in readers)
               for m in ("tables_f1", "cells", "header")]
        own = results["rbtool"][0][trait]
        lines.append(f"| {trait} | " + " | ".join(row) + f" | {own['caption']} | {own['unit']} | {own['invented']} |")
    read, with_tables, without = table_step_cost(SAMPLE)
    lines += ["", f"The table step's own cost on the bundled 80-page sample (pages read once, layout timed with and "
              f"without it, best of 3): {1000 * (with_tables - without):,.0f} ms, "
              f"{100 * (with_tables - without) / read:.1f} % of the {read:,.1f} s it takes to read the pages "
              f"(the whole-extract figure against a bare `page.chars` pass is in the extraction section)."]
    misses = results["rbtool"][1]["misses"]
    if misses:
        lines += ["", f"rbtool's remaining differences ({len(misses)}):", ""]
        lines += [f"- {m}" for m in misses[:40]]
    write_section("tables", "\n".join(lines))


if __name__ == "__main__":
    main()
