#!/usr/bin/env python3
"""Score found tables against a truth: tables matched one to one, then their shape, cells, header, caption
and unit compared.

A truth file is {"trait", "lookalike", "pages" (optional: only tables on these pages count), "tables":
[{"page", "page_end", "caption", "unit", "columns", "rows"}]}; found tables use the same fields (rbtool's
JSON contract). Two tables can match when their page ranges meet; among those, pairs are taken greedily by
how many cell texts they share (a pair sharing none is no match).

Reported per trait and overall (tables pooled over documents):
- tables F1: precision = matched / found, recall = matched / true; tables found on look-alikes count as
  found, and are also reported apart as `invented`;
- shape: share of matched tables with the true rows × columns;
- cells: share of true body cells read right (same row, same column, same text);
- header: share of true column labels read right;
- caption / unit: share of matched tables with the true caption (spaces folded) / the true unit.

    python tests/eval/score_tables.py FOUND.json TRUTH.json   (FOUND: a list of tables in the contract)
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import dataclass, field


def _norm(text) -> str:
    return " ".join(str(text or "").split())


@dataclass
class Tally:
    found: int = 0
    true: int = 0
    matched: int = 0
    shape: int = 0
    cells: int = 0
    cells_true: int = 0
    header: int = 0
    header_true: int = 0
    caption: int = 0
    unit: int = 0
    invented: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: "Tally") -> None:
        for name in ("found", "true", "matched", "shape", "cells", "cells_true", "header", "header_true",
                     "caption", "unit", "invented"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses += other.misses

    def scores(self) -> dict:
        def share(a, b):
            return round(a / b, 4) if b else 1.0
        precision, recall = share(self.matched, self.found), share(self.matched, self.true)
        f1 = round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0
        return {"tables_f1": f1, "precision": precision, "recall": recall,
                "shape": share(self.shape, self.matched), "cells": share(self.cells, self.cells_true),
                "header": share(self.header, self.header_true), "caption": share(self.caption, self.matched),
                "unit": share(self.unit, self.matched), "invented": self.invented,
                "found": self.found, "true": self.true, "matched": self.matched}


def _cells(table: dict) -> Counter:
    return Counter(_norm(c) for row in table.get("rows", []) for c in row if _norm(c))


def _overlap(a: dict, b: dict) -> int:
    return sum((_cells(a) & _cells(b)).values())


def _pages_meet(a: dict, b: dict) -> bool:
    return a["page"] <= b.get("page_end", b["page"]) and b["page"] <= a.get("page_end", a["page"])


def match(found: list[dict], truth: list[dict]) -> list[tuple[dict, dict]]:
    """One-to-one pairs (found, true), greedily by shared cell texts."""
    candidates = sorted(((_overlap(f, t), i, j) for i, f in enumerate(found) for j, t in enumerate(truth)
                         if _pages_meet(f, t)), reverse=True)
    used_f, used_t, pairs = set(), set(), []
    for shared, i, j in candidates:
        if shared == 0 or i in used_f or j in used_t:
            continue
        used_f.add(i)
        used_t.add(j)
        pairs.append((found[i], truth[j]))
    return pairs


def score_document(found: list[dict], truth: dict, name: str = "") -> Tally:
    pages = truth.get("pages")
    if pages:
        found = [f for f in found if any(f["page"] <= p <= f.get("page_end", f["page"]) for p in pages)]
    tally = Tally(found=len(found), true=len(truth["tables"]))
    if truth.get("lookalike"):
        tally.invented = len(found)
    pairs = match(found, truth["tables"])
    tally.matched = len(pairs)
    for f, t in pairs:
        t_rows, f_rows = t["rows"], f.get("rows", [])
        if len(t_rows) == len(f_rows) and len(t["columns"]) == len(f.get("columns", [])):
            tally.shape += 1
        else:
            tally.misses.append(f"{name} p{t['page']}: shape {len(f_rows)}×{len(f.get('columns', []))} "
                                f"for {len(t_rows)}×{len(t['columns'])}")
        for r, row in enumerate(t_rows):
            for c, cell in enumerate(row):
                tally.cells_true += 1
                got = f_rows[r][c] if r < len(f_rows) and c < len(f_rows[r]) else None
                if got is not None and _norm(got) == _norm(cell):
                    tally.cells += 1
                else:
                    tally.misses.append(f"{name} p{t['page']}: cell {r + 1},{c + 1} {got!r} for {cell!r}")
        for c, label in enumerate(t["columns"]):
            tally.header_true += 1
            got = f.get("columns", [])[c] if c < len(f.get("columns", [])) else None
            if got is not None and _norm(got) == _norm(label):
                tally.header += 1
            else:
                tally.misses.append(f"{name} p{t['page']}: column {c + 1} {got!r} for {label!r}")
        if _norm(f.get("caption")) == _norm(t.get("caption")):
            tally.caption += 1
        else:
            tally.misses.append(f"{name} p{t['page']}: caption {f.get('caption')!r} for {t.get('caption')!r}")
        if f.get("unit") == t.get("unit"):
            tally.unit += 1
        else:
            tally.misses.append(f"{name} p{t['page']}: unit {f.get('unit')!r} for {t.get('unit')!r}")
    for t in truth["tables"]:
        if not any(t is pair[1] for pair in pairs):
            tally.misses.append(f"{name} p{t['page']}: table {t.get('caption')!r} not found")
    return tally


def score(runs: list[tuple[str, list[dict], dict]]) -> tuple[dict[str, dict], dict]:
    """[(name, found tables, truth)] → (scores per trait, overall scores with `misses`)."""
    by_trait: dict[str, Tally] = {}
    overall = Tally()
    for name, found, truth in runs:
        tally = score_document(found, truth, name)
        by_trait.setdefault(truth.get("trait", name), Tally()).add(tally)
        overall.add(tally)
    total = overall.scores()
    total["misses"] = overall.misses
    return {trait: t.scores() for trait, t in by_trait.items()}, total


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    found = json.loads(open(argv[0], encoding="utf-8").read())
    truth = json.loads(open(argv[1], encoding="utf-8").read())
    _, total = score([(argv[1], found, truth)])
    print(json.dumps(total, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
