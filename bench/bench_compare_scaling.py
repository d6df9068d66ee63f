"""How `compare_measures` scales: the 2020 → 2021 truth editions at 1× and as 10× editions.

A 10× edition holds ten copies of every measure, each copy with its own closing sentence naming a
province, so copies stay distinct and the right partner of old copy k is new copy k of the true partner.
Two 10× variants:
- "shared sentence": old and new copies end in the same sentence, so unchanged measures still have
  identical twins and only changed ones go through the fuzzy scan (the usual case);
- "every text differs": the new copies' sentence is worded differently, so no measure has an identical
  twin and every one of them is scanned against every other (the worst case).

Prints a markdown table (median of several runs; matching only, measures built beforehand) with the share
of truth records (each copy counted) that get the right partner (or none), and also the right class.

    .venv/bin/python bench/bench_compare_scaling.py [--runs 5]
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import statistics
import sys
import time

from benchlib import ROOT, write_section

sys.path.insert(0, str(ROOT / "tests"))

from truthdoc import document_from_truth  # noqa: E402

from rbtool.queries.compare import compare_measures  # noqa: E402
from rbtool.queries.measures import build_measures  # noqa: E402

PROVINCES = ("Groningen", "Friesland", "Drenthe", "Overijssel", "Flevoland", "Gelderland", "Utrecht",
             "Noord-Holland", "Zuid-Holland", "Zeeland")
OLD_SENTENCE = " Dit geldt in het bijzonder voor de provincie {}."
NEW_SENTENCE_REWORDED = " Dit geldt vooral voor de provincie {}."


def copies(measures, sentence: str, times: int):
    """`times` copies of every measure, copy k ending in `sentence` filled with the k-th province."""
    return [dataclasses.replace(m, text=m.text + sentence.format(PROVINCES[k]), block_id=f"{m.block_id}-{k}")
            for k in range(times) for m in measures]


def right_shares(changes, records, times: int, old_sentence: str, new_sentence: str) -> tuple[float, float]:
    """Shares of truth records (times each copy) whose measure got the right partner, and also the right class."""
    def copy_text(text, sentence, k):
        return None if text is None else text + sentence.format(PROVINCES[k])

    got = {(c.old.text if c.old else None, c.new.text if c.new else None): c.cls for c in changes}
    paired = classed = 0
    for record in records:
        old_text, new_text = ((record[side] or {}).get("text") for side in ("old", "new"))
        for k in range(times):
            cls = got.get((copy_text(old_text, old_sentence, k), copy_text(new_text, new_sentence, k)))
            paired += cls is not None
            classed += cls == record["class"]
    total = len(records) * times
    return paired / total, classed / total


def median_seconds(old, new, runs: int) -> tuple[float, list]:
    timings, changes = [], None
    for _ in range(runs):
        start = time.perf_counter()
        changes = compare_measures(old, new)
        timings.append(time.perf_counter() - start)
    return statistics.median(timings), changes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    old = build_measures(document_from_truth("analyse-rijksbegroting-2020.truth.json"))
    new = build_measures(document_from_truth("analyse-rijksbegroting-2021-testeditie.truth.json"))
    records = json.loads((ROOT / "tests" / "data" / "changes-2020-2021.json").read_text("utf-8"))["records"]

    rows = []
    cases = [("1× (2020 → 2021 truth)", 1, "", ""),
             ("10×, shared sentence", 10, OLD_SENTENCE, OLD_SENTENCE),
             ("10×, every text differs", 10, OLD_SENTENCE, NEW_SENTENCE_REWORDED)]
    for label, times, old_sentence, new_sentence in cases:
        old_n, new_n = copies(old, old_sentence, times), copies(new, new_sentence, times)
        seconds, changes = median_seconds(old_n, new_n, args.runs)
        paired, classed = right_shares(changes, records, times, old_sentence, new_sentence)
        # when every text differs, unchanged measures are rightly "reworded": only the pairing is judged
        class_cell = f"{classed:.3f}" if old_sentence == new_sentence else "n/a"
        rows.append(f"| {label} | {len(old_n)} | {len(new_n)} | {seconds:.3f} s | {paired:.3f} | {class_cell} |")
    write_section("compare-scaling", f"""## Compare: matching step alone (`python bench/bench_compare_scaling.py --runs {args.runs}`)

Median of {args.runs} runs of `compare_measures` (measures built beforehand). A 10× edition holds ten copies of every
measure, each ending in its own province sentence.

| editions | old measures | new measures | median | right partner | right class |
|---|---:|---:|---:|---:|---:|
{chr(10).join(rows)}
""")


if __name__ == "__main__":
    main()
