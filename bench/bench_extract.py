"""Extraction speed: rbtool extract against a bare pdfplumber pass and pdftotext, in one run.

    python bench/bench_extract.py [--runs 3]

Measures on the bundled sample (80 pages): pdftotext (the floor), a bare pdfplumber pass over every page's
`page.chars`, and `rbtool extract --jobs 1` into a fresh corpus; then a re-run on the unchanged corpus; then a
multi-file corpus with --jobs 1 and --jobs 2. Writes its section of docs/benchmarks.md.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from benchlib import precompile, RBTOOL, ROOT, SAMPLE, median_ms, time_command, write_section

BARE_PDFPLUMBER = ("import sys, pdfplumber\n"
                   "with pdfplumber.open(sys.argv[1]) as pdf:\n"
                   "    for page in pdf.pages:\n"
                   "        len(page.{attribute})\n"
                   "        page.close()\n")
# --jobs parallelises across files, so the speed-up is bounded by how evenly the pages divide over the
# workers: one balanced corpus (four editions of about the same length) and one lopsided (real files).
BALANCED = [SAMPLE, ROOT / "tests/pdfs/analyse-rijksbegroting-2021-testeditie.pdf",
            ROOT / "tests/pdfs/analyse-rijksbegroting-2020-variant.pdf",
            ROOT / "tests/pdfs/analyse-rijksbegroting-2021-testeditie-variant.pdf"]
LOPSIDED = [SAMPLE, ROOT / "tests/pdfs/analyse-rijksbegroting-2021-testeditie.pdf",
            ROOT / "tests/pdfs/model-dpia-rijksdienst-v3.0.pdf", ROOT / "tests/pdfs/kamervragen-vws-2023-2024.pdf"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    runs = ap.parse_args().runs
    precompile()
    tmp = Path(tempfile.mkdtemp())
    rows = []
    pdftotext = shutil.which("pdftotext")
    floor = median_ms(time_command([pdftotext, str(SAMPLE), "/dev/null"], runs)) if pdftotext else None
    bare = median_ms(time_command([sys.executable, "-c", BARE_PDFPLUMBER.format(attribute="chars"), str(SAMPLE)],
                                  runs))
    layout = median_ms(time_command([sys.executable, "-c", BARE_PDFPLUMBER.format(attribute="layout"),
                                     str(SAMPLE)], runs))
    ours = median_ms(time_command(RBTOOL + ["extract", str(SAMPLE), "--force", "--jobs", "1", "--format", "csv"],
                                  runs, env={"RBTOOL_CORPUS": str(tmp / "one.sqlite")}))
    rerun = median_ms(time_command(RBTOOL + ["extract", str(SAMPLE), "--format", "csv"], runs,
                                   env={"RBTOOL_CORPUS": str(tmp / "one.sqlite")}))
    multi = {}
    for name, files in (("balanced", BALANCED), ("lopsided", LOPSIDED)):
        for jobs in (1, 2):
            multi[name, jobs] = median_ms(time_command(
                RBTOOL + ["extract", *map(str, files), "--force", "--jobs", str(jobs), "--format", "csv"], runs,
                env={"RBTOOL_CORPUS": str(tmp / f"{name}{jobs}.sqlite")}))
    if floor is not None:
        rows.append(f"| pdftotext (floor) | {floor:,.0f} ms | {floor / bare:.2f}× |")
    rows.append(f"| bare pdfplumber pass over page.chars | {bare:,.0f} ms | 1.00× |")
    rows.append(f"| bare pdfplumber pass over page.layout (pdfminer's objects, no char dicts) | {layout:,.0f} ms | "
                f"{layout / bare:.2f}× |")
    rows.append(f"| rbtool extract --jobs 1 (fresh corpus) | {ours:,.0f} ms | {ours / bare:.2f}× |")
    markdown = f"""## Extraction (`python bench/bench_extract.py --runs {runs}`)

Median of {runs} runs each, whole processes (interpreter start included), on the bundled 80-page sample:

| what | median | vs bare pdfplumber |
|---|---:|---:|
{chr(10).join(rows)}

rbtool reads pdfplumber's layout objects (`page.layout`) instead of the `page.chars` dicts, so the whole extract
(layout analysis, storing, search index, measures) takes **{(ours / bare - 1) * 100:+.0f} %** against the bare
`page.chars` pass (target ≤ +30 %), and **{(ours / layout - 1) * 100:+.0f} %** against the bare `page.layout` pass,
the floor for any pdfplumber-based reader.
Re-run on the unchanged corpus (everything cached): **{rerun:,.0f} ms** (target < 500 ms).

`--jobs` extracts files in parallel processes, so its speed-up is bounded by how evenly the pages divide:

| corpus | --jobs 1 | --jobs 2 | speed-up |
|---|---:|---:|---:|
| balanced: the 2020 and 2021 editions in both typesettings (80, 77, 71, 71 pages) | {multi["balanced", 1]:,.0f} ms | {multi["balanced", 2]:,.0f} ms | {multi["balanced", 1] / multi["balanced", 2]:.2f}× |
| lopsided: 2020, 2021, the DPIA model, the Kamervragen (80, 77, 60, 6 pages) | {multi["lopsided", 1]:,.0f} ms | {multi["lopsided", 2]:,.0f} ms | {multi["lopsided", 1] / multi["lopsided", 2]:.2f}× |
"""
    write_section("extract", markdown)
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
