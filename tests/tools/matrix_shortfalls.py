#!/usr/bin/env python3
"""Re-score the whole style matrix and rewrite tests/data/matrix/shortfalls.json.

    python tests/tools/matrix_shortfalls.py [--jobs 2] [--only 2020-m13 2020-m14]

The file lists, per typesetting, the figures of issue 9 that today's extractor misses with their measured
value; tests/test_matrix.py marks exactly those as xfail(strict=True). After an extractor change, run this:
a fixed figure leaves the file (its test then passes again instead of XPASS-failing), a new miss enters it —
review the diff before committing it. `--only` re-measures the files named and keeps the other files' entries
(for files added to the matrix; refused when the file was measured with another extractor version).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from matrix_scores import selected_ids  # noqa: E402
from matrixscore import (SHORTFALLS, read_shortfalls, read_shortfalls_version, score_all, score_line,  # noqa: E402
                         unmet, write_shortfalls)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--jobs", type=int, default=1, help="extract this many files in parallel (default 1)")
    ap.add_argument("--only", nargs="+", metavar="ID",
                    help="re-measure only these files (e.g. 2020-m13) and keep the others' entries")
    args = ap.parse_args()
    from rbtool.extract import EXTRACTOR_VERSION

    shortfalls = {}
    if args.only:
        if read_shortfalls_version() != str(EXTRACTOR_VERSION):
            raise SystemExit(f"{SHORTFALLS} was measured with extractor version {read_shortfalls_version()}, "
                             f"today's is {EXTRACTOR_VERSION}: re-measure all files (without --only)")
        shortfalls = read_shortfalls()
    for file_id, result in score_all(selected_ids(args.only), args.jobs):
        print(score_line(file_id, result), flush=True)
        shortfalls[file_id] = unmet(result)
    write_shortfalls(shortfalls, str(EXTRACTOR_VERSION))
    print(f"wrote {SHORTFALLS}: {sum(map(len, shortfalls.values()))} figures missed in "
          f"{sum(bool(v) for v in shortfalls.values())} of {len(selected_ids(None))} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
