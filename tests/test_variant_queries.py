"""Measures and compare on the second typesetting: the queries must not depend on one layout.

The variants (tests/tools/make_variant.py) carry the same content as the 2020 analysis and the 2021 test
edition, typeset justified with Dutch hyphenation, a running header, "•" bullets and boxed quotes.
"""
from __future__ import annotations

import json
import subprocess
import sys

from conftest import DATA
from rbtool.queries.compare import change_to_row, compare_measures
from rbtool.queries.measures import build_measures, measure_to_row

sys.path.insert(0, str(DATA.parent / "eval"))
from score_extract import score  # noqa: E402

VARIANT_TRUTH = json.loads((DATA / "analyse-rijksbegroting-2020-variant.truth.json").read_text(encoding="utf-8"))


def test_measures_of_the_variant_match_its_truth(variant_2020_document):
    export = {"blocks": [], "measures": [measure_to_row(m) for m in build_measures(variant_2020_document)]}
    result = score(export, VARIANT_TRUTH)["measures"]
    print(result)
    assert result["recall"] >= 0.99 and result["precision"] >= 0.99
    for figure in ("exact_text", "ministerie", "theme", "page"):
        assert result[figure] >= 0.99, figure
    assert result["amounts"] == 1.0


def test_compare_of_the_variant_editions_scores_against_the_change_list(variant_2020_document,
                                                                       variant_2021_document, tmp_path):
    changes = compare_measures(build_measures(variant_2020_document), build_measures(variant_2021_document))
    rows = tmp_path / "compare.json"
    rows.write_text(json.dumps([change_to_row(c) for c in changes], ensure_ascii=False), encoding="utf-8")
    required = ["paired=0.98", "class_accuracy=0.98"] + [
        f"{c}.{m}=0.95" for c in ("unchanged", "reworded", "amount_changed", "moved_theme", "moved_ministerie",
                                  "dropped", "new") for m in ("recall", "precision")]
    scorer = subprocess.run([sys.executable, str(DATA.parent / "eval" / "score_compare.py"), str(rows),
                             str(DATA / "changes-2020-2021.json"), *(f"--require={r}" for r in required)],
                            capture_output=True, text=True)
    print(scorer.stdout)
    assert scorer.returncode == 0, scorer.stdout + scorer.stderr
