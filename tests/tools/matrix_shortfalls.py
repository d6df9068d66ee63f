#!/usr/bin/env python3
"""Re-score the whole style matrix and rewrite tests/data/matrix/shortfalls.json.

    python tests/tools/matrix_shortfalls.py [--jobs 2]

The file lists, per typesetting, the figures of issue 9 that today's extractor misses with their measured
value; tests/test_matrix.py marks exactly those as xfail(strict=True). After an extractor change, run this:
a fixed figure leaves the file (its test then passes again instead of XPASS-failing), a new miss enters it —
review the diff before committing it.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from matrix_scores import selected_ids  # noqa: E402
from matrixscore import SHORTFALLS, score_all, score_line, unmet, write_shortfalls  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--jobs", type=int, default=1, help="extract this many files in parallel (default 1)")
    args = ap.parse_args()
    from rbtool.extract import EXTRACTOR_VERSION

    shortfalls = {}
    for file_id, result in score_all(selected_ids(None), args.jobs):
        print(score_line(file_id, result), flush=True)
        shortfalls[file_id] = unmet(result)
    write_shortfalls(shortfalls, str(EXTRACTOR_VERSION))
    print(f"wrote {SHORTFALLS}: {sum(map(len, shortfalls.values()))} figures missed in "
          f"{sum(bool(v) for v in shortfalls.values())} of {len(shortfalls)} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
