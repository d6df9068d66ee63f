"""Search quality: recall@20 and MRR of the relevance set (tests/data/relevance.json) on the extracted sample.

    python bench/bench_search_quality.py

The expectations were written by reading the ground truth, never from a search run; tests/test_search.py
asserts the same figures. Writes its section of docs/benchmarks.md.
"""
from __future__ import annotations

import sys

from benchlib import ROOT, SAMPLE, write_section

sys.path.insert(0, str(ROOT / "tests"))

from test_search import RECALL_AT, _add, _connect, relevance_table  # noqa: E402

from rbtool.extract import extract_document  # noqa: E402


def main() -> None:
    conn = _connect()
    _add(conn, extract_document(SAMPLE))
    rows, mean_recall, mrr = relevance_table(conn)
    table = "\n".join(f"| `{r['query']}` | {r['recall']:.2f} | {r['first'] or '—'} | {r['covers']} |" for r in rows)
    write_section("search-quality", f"""## Search relevance (`python bench/bench_search_quality.py`)

{len(rows)} researcher's questions on the extracted 2020 sample: **mean recall@{RECALL_AT} {mean_recall:.3f}**, lowest
{min(r['recall'] for r in rows):.2f}, **MRR {mrr:.3f}** (targets: recall@20 ≥ 0.95, no query below 0.8).

| query | recall@{RECALL_AT} | first hit at | what it tests |
|---|---:|---:|---|
{table}
""")


if __name__ == "__main__":
    main()
