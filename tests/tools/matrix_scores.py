#!/usr/bin/env python3
"""Print the score line of every typesetting of the style matrix (issue 9's figures; "!" marks a miss).

    python tests/tools/matrix_scores.py [--only 2020-m01 2021-m03] [--jobs 2] [--show-misses 5]

Each matrix PDF is extracted with today's extractor, exported as `rbtool corpus export` does and scored with
tests/eval/score_extract.py (see tests/matrixscore.py). Exit status 0, or 1 when some figure is missed.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from matrixscore import matrix_files, score_all, score_line, unmet  # noqa: E402


def selected_ids(only: list[str] | None) -> list[str]:
    ids = sorted(matrix_files())
    unknown = sorted(set(only or ()) - set(ids))
    if unknown:
        raise SystemExit(f"not in the matrix: {', '.join(unknown)} (known: {', '.join(ids)})")
    return [i for i in ids if not only or i in only]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", nargs="+", metavar="ID", help="score only these files (e.g. 2020-m01)")
    ap.add_argument("--jobs", type=int, default=1, help="extract this many files in parallel (default 1)")
    ap.add_argument("--show-misses", type=int, default=0, metavar="N", help="list up to N misses per part")
    args = ap.parse_args()
    missed = 0
    for file_id, result in score_all(selected_ids(args.only), args.jobs, args.show_misses):
        print(score_line(file_id, result), flush=True)
        for part, values in (result.get("misses") or {}).items():
            print(f"  miss {part}: {values}")
        missed += bool(unmet(result))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
