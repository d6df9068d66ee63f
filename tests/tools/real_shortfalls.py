#!/usr/bin/env python3
"""Re-run every check of tests/data/real/*.json and rewrite tests/data/real/shortfalls.json.

    python tests/tools/real_shortfalls.py

Prints each check's outcome; the checks that fail are written with what is wrong, and
tests/test_real_expectations.py marks exactly those as xfail(strict=True). Review the diff before committing.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from realcheck import PDFS, SHORTFALLS, Extraction, checks_of, expectations, problems, write_shortfalls  # noqa: E402


def main() -> int:
    from rbtool.extract import EXTRACTOR_VERSION

    failing = {}
    for name, expectation in expectations().items():
        extraction = Extraction(PDFS / expectation["file"])
        for check in checks_of(expectation):
            wrong = problems(check, extraction, expectation)
            print(f"{'FAIL' if wrong else 'ok  '} {name}:{check}" + (f"  {'; '.join(wrong[:3])}" if wrong else ""),
                  flush=True)
            if wrong:
                failing[f"{name}:{check}"] = f"today: {'; '.join(wrong[:3])}"[:300]
    write_shortfalls(failing, str(EXTRACTOR_VERSION))
    print(f"wrote {SHORTFALLS}: {len(failing)} failing checks")
    return 0


if __name__ == "__main__":
    sys.exit(main())
