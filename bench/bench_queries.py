"""Query speed: search, measures, footnotes and compare end to end, and search latency as the corpus grows.

    python bench/bench_queries.py [--runs 15] [--copies 100]

Builds a corpus with the bundled 2020 sample and the 2021 test edition, times each query command as a whole
process (interpreter start included) against `pdfgrep -i stikstof` on the same PDF and against the bare start of
Python with typer and rich imported (query commands should stay within 2× of it; `report` within 2 s), then
builds corpora with
the sample stored 1×, 10× and `--copies`× under different ids and times queries inside one process.
Writes its section of docs/benchmarks.md.
"""
from __future__ import annotations

import argparse
import dataclasses
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchlib import precompile, RBTOOL, ROOT, SAMPLE, median_ms, time_command, timed, write_section

EDITION_2021 = ROOT / "tests/pdfs/analyse-rijksbegroting-2021-testeditie.pdf"
IN_PROCESS_QUERIES = ["stikstof", "woning", "jeugdzorg gemeenten", '"brede welvaart"', "stiksof"]
COMMANDS = [
    ("rbtool search stikstof", ["search", "stikstof"], 200),
    ("rbtool measures --ministerie BZK --format csv", ["measures", "--ministerie", "BZK", "--format", "csv"], 200),
    ("rbtool footnotes --format csv", ["footnotes", "--format", "csv"], 200),
    ("rbtool footnotes --sources", ["footnotes", "--sources"], 200),
    ("rbtool compare 2020 2021", ["compare", "2020", "2021"], 500),
    ("rbtool measures --summary --chart", ["measures", "--summary", "--chart"], 500),
    ("rbtool compare 2020 2021 --chart", ["compare", "2020", "2021", "--chart"], 500),
    ("rbtool search stikstof --count --chart", ["search", "stikstof", "--count", "--chart"], 500),
    ("rbtool measures --format csv --excel", ["measures", "--format", "csv", "--excel"], 500),
    ("rbtool measures --output m.xlsx", ["measures", "--output", "{tmp}/m.xlsx"], 1000),
    ("rbtool report 2020 2021 -o r.html", ["report", "2020", "2021", "-o", "{tmp}/r.html"], 2000),
    ("rbtool search stikstof -y 2020 -y 2021 -m LNV -n 0", ["search", "stikstof", "-y", "2020", "-y", "2021", "-m",
                                                         "LNV", "-n", "0"], 200),
    ("rbtool show PASSAGE", ["show", "{passage}"], 200),
    ("rbtool corpus list", ["corpus", "list"], 200),
    ("rbtool corpus info", ["corpus", "info"], 200),
    ("rbtool tables", ["tables"], 200),
]
BARE_START = [sys.executable, "-c", "import typer, rich"]  # what every query command pays before its own work


def build_corpus(path: Path, documents, copies: int = 1) -> None:
    from rbtool.queries.footnotes import analyse_notes
    from rbtool.queries.measures import build_measures
    from rbtool.store.db import Corpus

    with Corpus(path) as corpus:
        for doc in documents:
            measures, notes = build_measures(doc), analyse_notes(doc)
            for n in range(copies):
                doc_id = doc.id if n == 0 else f"{doc.id[:8]}x{n:03d}"
                corpus.save_document(dataclasses.replace(doc, id=doc_id),
                                     [dataclasses.replace(m, doc=doc_id) for m in measures],
                                     [dataclasses.replace(row, doc=doc_id) for row in notes])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--copies", type=int, default=100)
    args = ap.parse_args()
    precompile()
    from rbtool.extract import extract_document

    tmp = Path(tempfile.mkdtemp())
    sample, edition = extract_document(SAMPLE), extract_document(EDITION_2021)
    base = tmp / "base.sqlite"
    build_corpus(base, [sample, edition])
    env = {"RBTOOL_CORPUS": str(base)}

    lines = []
    pdfgrep = shutil.which("pdfgrep")
    grep_ms = median_ms(time_command([pdfgrep, "-i", "-n", "stikstof", str(SAMPLE)], args.runs)) if pdfgrep else None
    bare_ms = median_ms(time_command(BARE_START, args.runs))
    from rbtool.queries.search import search
    from rbtool.store.db import Corpus

    with Corpus(base) as corpus:  # a passage id for `rbtool show`: the best hit of a query
        passage = search(corpus.conn, "stikstofuitstoot", limit=1).hits[0].passage
    for label, argv, target in COMMANDS:
        ms = median_ms(time_command(RBTOOL + [a.format(tmp=tmp, passage=passage) for a in argv], args.runs, env=env,
                                    ok=(0, 1)))
        notes = [f"{ms / bare_ms:.2f}× bare start"]
        if grep_ms and argv[0] == "search" and len(argv) == 2:
            notes.append(f"{grep_ms / ms:.1f}× faster than pdfgrep")
        lines.append(f"| `{label}` | {ms:,.0f} ms | ≤ {target} ms | {'; '.join(notes)} |")
    # the same compare through rbtool.cli:main, without the entry point's start-up freeze (rbtool.launch)
    unfrozen = [sys.executable, "-c", "import sys; sys.argv = ['rbtool', 'compare', '2020', '2021']; "
                                      "from rbtool.cli import main; main()"]
    unfrozen_ms = median_ms(time_command(unfrozen, args.runs, env=env))
    lines.append(f"| `rbtool compare 2020 2021` through `rbtool.cli:main` (no start-up freeze) | {unfrozen_ms:,.0f} ms "
                 f"| | {unfrozen_ms / bare_ms:.2f}× bare start |")
    lines.append(f"| `python -c 'import typer, rich'` (bare start, baseline) | {bare_ms:,.0f} ms | | |")
    if grep_ms:
        lines.append(f"| `pdfgrep -i -n stikstof` (same PDF, baseline) | {grep_ms:,.0f} ms | | |")

    scaling = []
    for copies in (1, 10, args.copies):
        path = tmp / f"x{copies}.sqlite"
        start = time.perf_counter()
        build_corpus(path, [sample], copies)
        built = time.perf_counter() - start
        with Corpus(path) as corpus:
            per_query = {}
            for query in IN_PROCESS_QUERIES:
                search(corpus.conn, query)  # warm the page cache once
                per_query[query] = statistics.median(timed(lambda q=query: search(corpus.conn, q), args.runs)) * 1000
        overall = statistics.median(per_query.values())
        scaling.append(f"| {copies}× | {copies * len(sample.blocks):,} | {built:,.1f} s | {overall:,.1f} ms | "
                       + " | ".join(f"{per_query[q]:,.1f}" for q in IN_PROCESS_QUERIES) + " |")
        if copies == args.copies:
            big_env = {"RBTOOL_CORPUS": str(path)}
            measures_big = median_ms(time_command(RBTOOL + ["measures", "--ministerie", "BZK", "--format", "csv"],
                                                  args.runs, env=big_env))
    markdown = f"""## Queries (`python bench/bench_queries.py --runs {args.runs} --copies {args.copies}`)

End to end (whole process, median of {args.runs} runs) on a corpus with the 2020 sample and the 2021 test edition.
The last column compares each command with the bare start of Python with typer and rich imported, timed in the
same run: the figure that stays comparable when the machine is busy (targets: query commands ≤ 2×, `report` on
two editions ≤ 2 s). A query loads only the command it names, and the `rbtool` entry point (`rbtool.launch`)
loads it with the garbage collector paused, then freezes those start-up objects out of later collections; the
row "through `rbtool.cli:main`" shows compare without that freeze, in the same run.

| command | median | target | |
|---|---:|---:|---|
{chr(10).join(lines)}

`rbtool measures --ministerie BZK --format csv` on the {args.copies}× corpus: **{measures_big:,.0f} ms** (target ≤ 300 ms).

Search latency inside one process (median of {args.runs} runs per query; the corpus holds the sample stored N times
under different ids; "median" is the median over the queries):

| corpus | blocks | build | median | {" | ".join(f"`{q}`" for q in IN_PROCESS_QUERIES)} |
|---|---:|---:|---:|{"---:|" * len(IN_PROCESS_QUERIES)}
{chr(10).join(scaling)}
"""
    write_section("queries", markdown)
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
