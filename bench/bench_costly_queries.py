"""Costly queries on the 100× corpus: the search cost cap (32 words, 1 s budget) keeps each one near or
under a second, and refuses what would cost more with one line.

    python bench/bench_costly_queries.py [--copies 100]

Builds the corpus of bench_queries.py (the bundled sample stored `--copies` times under different ids), then
times each query once in-process with search() and count(); writes its section of docs/benchmarks.md.
"""
from __future__ import annotations

import argparse
import random
import string
import tempfile
import time
from pathlib import Path

from bench_queries import build_corpus
from benchlib import SAMPLE, precompile, write_section

WORDS = ["gemeente", "woning", "zorg", "begroting", "geld", "stikstof", "jeugd", "onderwijs"]
PREFIXES = ["over", "onder", "voor", "door", "mini", "bela", "inve", "rijk"]


def queries() -> list[tuple[str, str]]:
    chance = random.Random(13)
    unknown = [("".join(chance.choice(string.ascii_lowercase) for _ in range(7))) for _ in range(1800)]
    return [
        ("14 kB of unknown words", " ".join(unknown)[:14_000]),
        ("32 unknown words (typo tolerance for each)", " ".join(unknown[:32])),
        ("32 common words joined by OR", " OR ".join(WORDS * 4)),
        ("32 compound prefixes", " ".join(PREFIXES * 4)),
        ("32 compound prefixes joined by OR", " OR ".join(PREFIXES * 4)),
        ("a phrase of 32 stop words", '"' + " ".join(["de", "het", "van", "een"] * 8) + '"'),
        ("stikstof (an ordinary query)", "stikstof"),
    ]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=100)
    args = ap.parse_args()
    precompile()
    from rbtool.errors import QuerySyntaxError
    from rbtool.extract import extract_document
    from rbtool.queries import search as searching
    from rbtool.store.db import Corpus

    path = Path(tempfile.mkdtemp()) / "corpus.sqlite"
    build_corpus(path, [extract_document(SAMPLE)], copies=args.copies)
    lines = [f"## Costly queries (`python bench/bench_costly_queries.py --copies {args.copies}`)", "",
             f"The bundled sample stored {args.copies}×; one run each, in-process.", "",
             "| query | search | count |", "|---|---|---|"]
    with Corpus(path) as corpus:
        for label, query in queries():
            cells = []
            for run in (searching.search, searching.count):
                started = time.perf_counter()
                try:
                    result = run(corpus.conn, query)
                    found = len(result.hits) if hasattr(result, "hits") else sum(n for _, _, n in result)
                    outcome = f"{found:,} hits"
                except QuerySyntaxError as exc:
                    outcome = f"refused: {exc}"
                cells.append(f"{(time.perf_counter() - started) * 1000:.0f} ms, {outcome}")
            lines.append(f"| {label} | {cells[0]} | {cells[1]} |")
    write_section("costly-queries", "\n".join(lines))


if __name__ == "__main__":
    main()
