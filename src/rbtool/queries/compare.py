"""Compare two editions: which measures stayed, changed, moved, were dropped or are new.

Pure functions over `model.Measure` lists and `model.Document`s; nothing here prints or stores.

Matching (`compare_measures`)
  1. Every measure (text and sub-items) is reduced to a *match key*: its words, lower-cased and without
     punctuation (rapidfuzz's default_process), sorted, one character per word. `fuzz.ratio` on two keys
     is token_sort_ratio counted in words rather than letters, i.e. the Dice coefficient of the word
     multisets. Sorted words make a swapped sentence order cost nothing; counting words rather than
     letters keeps unrelated measures low (letters of a shared vocabulary give every pair of Dutch
     sentences some 40-55 points); and unlike `token_set_ratio` or `WRatio` a short measure is no perfect
     match for a long one that contains its words (WRatio gives 85.5 to non-pairs of the 2020 → 2021 truth).
     Short keys also make a comparison about four times cheaper than on letters.
  2. Identical keys are candidates with score 100, found by hashing, whatever the ministry.
  3. A measure without such a twin is scanned against the remaining measures of its own ministry in one
     `process.extract` call with `score_cutoff` (the scan runs in C; no Python double loop). Measures
     that find no candidate there, on either side, are then scanned across ministries, which finds a
     measure that moved to another ministry. (Limitation: a moved measure whose old ministry still holds
     a look-alike above the threshold is not looked for elsewhere.)
  4. One-to-one assignment, best pair first: candidate pairs are taken in order of falling score (ties:
     same ministry, then same theme, then nearer relative position) and a pair is kept only when neither
     measure is taken yet. Every kept pair is therefore the best remaining choice of both its measures
     (a stable matching); reading the old edition in order and giving each measure its best free partner
     would let an early, vaguely similar measure steal the true partner of a later one.

Classes and precedence (the same as the editions change list of the test corpus)
  moved_ministerie > moved_theme > amount_changed > reworded > unchanged.
  A pair gets the highest-ranked difference as its class and the lower-ranked ones present as well in
  `also` ("amount_changed" with also ("reworded",)). A move to another ministry implies another theme,
  so moved_ministerie never lists moved_theme. Differences:
  - moved_ministerie: other ministry code.  - moved_theme: same ministry, other theme (subheading).
  - amount_changed: the multiset of euro values differs (amounts without a euro value are ignored).
  - reworded: text + sub-items differ after whitespace normalisation; when the amounts changed, the money
    phrases are masked first, so a new figure alone is not a rewording.
  Singles are `dropped` (only in the old edition) or `new` (only in the new one).

DEFAULT_THRESHOLD
  Measured with the match key above on the ground truths of the 2020 analysis and the synthetic 2021
  edition (325 → 318 measures, 286 true pairs, 62 of them with other words): true pairs score 86.8 at
  the lowest (pairs with other words: 5th percentile 91.2, median 96.7); the best score of a dropped
  measure against any new measure is 42.7, of a new measure against any old one 43.2. A measure that
  does have a partner reaches up to 73.9 with some other measure; the one-to-one assignment, not the
  threshold, keeps those apart. 65 is the middle of the gap between singles (≤ 43.2) and pairs (≥ 86.8):
  about 20 points of room on either side, for heavier rewording and for closer look-alikes. On this pair
  of editions any threshold from 40 to 85 gives the same result.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter, defaultdict

from rapidfuzz import fuzz, process, utils

from rbtool import model
from rbtool.queries.measures import FLAT_AMOUNT_COLUMNS, amount_to_dict, flat_amounts

DEFAULT_THRESHOLD = 65.0

UNCHANGED, REWORDED, AMOUNT_CHANGED = "unchanged", "reworded", "amount_changed"
MOVED_THEME, MOVED_MINISTERIE, DROPPED, NEW = "moved_theme", "moved_ministerie", "dropped", "new"
CLASSES = (UNCHANGED, REWORDED, AMOUNT_CHANGED, MOVED_THEME, MOVED_MINISTERIE, DROPPED, NEW)
PRECEDENCE = (MOVED_MINISTERIE, MOVED_THEME, AMOUNT_CHANGED, REWORDED)  # highest rank first

WORD_CODEPOINTS = 0x10000  # word n of a comparison is chr(0x10000 + n): clear of ASCII and surrogates
MONEY_MASK = "\u00a4"  # stands in for a money phrase when only the rest of the text is compared
YEAR = re.compile(r"\b(?:19|20)\d\d\b")
SECTION_NUMBER = re.compile(r"^\s*\d+(?:\.\d+)*\.?\s+")


def _plain(text: str) -> str:
    """Text as compared for equality: Unicode-normalised, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text or "").split())


def _full_text(measure: model.Measure) -> str:
    return " ".join((measure.text, *measure.subitems))


def _euro_values(measure: model.Measure) -> list[int]:
    """The multiset of euro values, as a sorted list (cheaper to build and compare than a Counter)."""
    return sorted(a.eur for a in measure.amounts if a.eur is not None)


def _masked_text(measure: model.Measure) -> str:
    text = _plain(_full_text(measure))
    for raw in sorted({_plain(a.raw) for a in measure.amounts if a.raw}, key=len, reverse=True):
        text = text.replace(raw, MONEY_MASK)
    return text


def _theme_key(theme: str | None) -> str:
    return _plain(theme).casefold()


def classify_pair(old: model.Measure, new: model.Measure) -> tuple[str, tuple[str, ...]]:
    """Class and `also` of a matched pair, by the precedence in the module docstring."""
    differences = set()
    if old.ministerie != new.ministerie:
        differences.add(MOVED_MINISTERIE)
    elif _theme_key(old.theme) != _theme_key(new.theme):
        differences.add(MOVED_THEME)
    amounts_changed = _euro_values(old) != _euro_values(new)
    if amounts_changed:
        differences.add(AMOUNT_CHANGED)
        if _masked_text(old) != _masked_text(new):
            differences.add(REWORDED)
    elif _plain(_full_text(old)) != _plain(_full_text(new)):
        differences.add(REWORDED)
    ranked = [c for c in PRECEDENCE if c in differences]
    return (ranked[0], tuple(ranked[1:])) if ranked else (UNCHANGED, ())


class _Vocabulary(dict):
    """word → the one character that stands for it in match keys, handed out on first sight."""

    def __missing__(self, word: str) -> str:
        self[word] = char = chr(WORD_CODEPOINTS + len(self))
        return char


def _word_keys(old: list[model.Measure], new: list[model.Measure]) -> tuple[list[str], list[str]]:
    """Match keys: each measure's words as one character per word (shared vocabulary), sorted.

    `fuzz.ratio` on two keys is token_sort_ratio counted in words instead of letters, which for sorted
    word lists is the Dice coefficient of the two word multisets: 200 × shared words / (words in a + in b).
    """
    vocabulary = _Vocabulary()
    keys: dict[str, str] = {}  # most measures of the next edition repeat a text: each text is keyed once

    def key(measure: model.Measure) -> str:
        text = _full_text(measure)
        if text not in keys:
            words = utils.default_process(unicodedata.normalize("NFKC", text)).split()
            keys[text] = "".join(sorted(map(vocabulary.__getitem__, words)))
        return keys[text]

    return [key(m) for m in old], [key(m) for m in new]


def _scan(i: int, old_keys: list[str], choices: dict[int, str], threshold: float):
    return [(score, i, j) for _key, score, j in
            process.extract(old_keys[i], choices, scorer=fuzz.ratio, score_cutoff=threshold, limit=None)]


def _candidate_pairs(old: list[model.Measure], new: list[model.Measure], threshold: float):
    """(score, i, j) for the pairs worth assigning; see "Matching" in the module docstring."""
    old_keys, new_keys = _word_keys(old, new)
    new_by_key: dict[str, list[int]] = defaultdict(list)
    for j, key in enumerate(new_keys):
        if key:
            new_by_key[key].append(j)
    pairs, twinned_new, fuzzy_old = [], set(), []
    for i, key in enumerate(old_keys):
        twins = new_by_key.get(key, []) if key else []
        pairs.extend((100.0, i, j) for j in twins)
        twinned_new.update(twins)
        if key and not twins:
            fuzzy_old.append(i)
    remaining_by_ministry: dict[str, dict[int, str]] = defaultdict(dict)
    for j, key in enumerate(new_keys):
        if key and j not in twinned_new:
            remaining_by_ministry[new[j].ministerie][j] = key
    lonely_old = []
    for i in fuzzy_old:
        found = _scan(i, old_keys, remaining_by_ministry.get(old[i].ministerie, {}), threshold)
        pairs.extend(found)
        if not found:
            lonely_old.append(i)
    claimed_new = {j for _, _, j in pairs}
    lonely_new = {j: key for choices in remaining_by_ministry.values() for j, key in choices.items()
                  if j not in claimed_new}
    for i in lonely_old:
        pairs.extend(_scan(i, old_keys, lonely_new, threshold))
    return pairs


def assign_best_first(pairs, preference=lambda i, j: ()) -> list[tuple[int, int, float]]:
    """One-to-one assignment from (score, i, j) candidates: highest score first, each side used once.

    `preference(i, j)` returns a sort key that breaks ties between equal scores (smaller is preferred).
    """
    taken_old, taken_new, kept = set(), set(), []
    for score, i, j in sorted(pairs, key=lambda p: (-p[0], preference(p[1], p[2]), p[1], p[2])):
        if i not in taken_old and j not in taken_new:
            taken_old.add(i)
            taken_new.add(j)
            kept.append((i, j, score))
    return kept


def compare_measures(old: list[model.Measure], new: list[model.Measure],
                     threshold: float = DEFAULT_THRESHOLD) -> list[model.Change]:
    """Every measure of both editions once: pairs classified, singles dropped or new.

    Ordered as the old edition reads, each new measure right after the change that holds its predecessor
    in the new edition.
    """
    def preference(i: int, j: int):
        a, b = old[i], new[j]
        distance = abs(i / max(len(old), 1) - j / max(len(new), 1))
        return (a.ministerie != b.ministerie, _theme_key(a.theme) != _theme_key(b.theme), distance)

    candidates = _candidate_pairs(old, new, threshold)
    matched = assign_best_first(candidates, preference)
    partner_of_new = {j: (i, score) for i, j, score in matched}

    placed: list[tuple[tuple, model.Change]] = []
    paired_old = set()
    position = -1.0
    for j, measure in enumerate(new):
        if j in partner_of_new:
            i, score = partner_of_new[j]
            paired_old.add(i)
            position = float(i)
            cls, also = classify_pair(old[i], measure)
            placed.append(((position, 0, j), model.Change(cls, also, old[i], measure, round(score, 1))))
        else:
            placed.append(((position + 0.5, 1, j), model.Change(NEW, (), None, measure, 0.0)))
    placed.extend(((float(i), 0, -1), model.Change(DROPPED, (), m, None, 0.0))
                  for i, m in enumerate(old) if i not in paired_old)
    return [change for _, change in sorted(placed, key=lambda p: p[0])]


def word_diff(old_text: str, new_text: str) -> list[tuple[str, str]]:
    """Word-level diff as (op, text) runs, op in equal/delete/insert; a replacement is delete + insert."""
    old_words, new_words = (old_text or "").split(), (new_text or "").split()
    runs: list[tuple[str, str]] = []

    def emit(op: str, words: list[str]):
        if words:
            runs.append((op, " ".join(words)))

    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            emit("equal", old_words[i1:i2])
        else:
            emit("delete", old_words[i1:i2])
            emit("insert", new_words[j1:j2])
    return runs


def change_to_row(change: model.Change) -> dict:
    """Machine-output fields of one change (the keys score_compare.py and the output writers read).

    `old_text`/`new_text` are the measure texts as the document gives them; sub-items are listed apart.
    Amounts are lists of {"raw", "eur", "role", "period", "qualifiers"} (`flat_change_row` spreads them over the
    flat columns measures use); `delta_eur` is new minus old budget total: a new measure's budget, minus a
    dropped one's.
    """
    old, new = change.old, change.new
    return {
        "class": change.cls,
        "also": list(change.also),
        "ministerie_old": old.ministerie if old else None,
        "ministerie_new": new.ministerie if new else None,
        "theme_old": old.theme if old else None,
        "theme_new": new.theme if new else None,
        "old_text": old.text if old else None,
        "new_text": new.text if new else None,
        "old_subitems": list(old.subitems) if old else [],
        "new_subitems": list(new.subitems) if new else [],
        "old_page": old.page if old else None,
        "new_page": new.page if new else None,
        "old_amounts": [amount_to_dict(a) for a in old.amounts] if old else [],
        "new_amounts": [amount_to_dict(a) for a in new.amounts] if new else [],
        "delta_eur": change.delta_eur,
        "similarity": change.similarity,
    }


def flat_change_row(row: dict) -> dict:
    """A `change_to_row` row for CSV/TSV/spreadsheets: the amounts in the flat columns of measures
    (old_amounts, old_eur_amounts, old_amount_roles, …), then the budget totals of both sides."""
    flat = {k: v for k, v in row.items() if k not in ("old_amounts", "new_amounts")}
    for side in ("old", "new"):
        flat.update(flat_amounts(row[f"{side}_amounts"], f"{side}_"))
        flat[f"{side}_budget_eur"] = sum(a["eur"] for a in row[f"{side}_amounts"]
                                         if a["role"] == model.BUDGET and a["eur"] is not None)
    return flat


FLAT_CHANGE_AMOUNT_COLUMNS = [f"{side}_{c}" for side in ("old", "new") for c in (*FLAT_AMOUNT_COLUMNS, "budget_eur")]


def summarize_changes(changes: list[model.Change]) -> list[dict]:
    """Per ministry: measures in each edition, count per class, budget totals old → new.

    A change counts under the old ministry (a new measure under its own); the budget totals are each
    edition's own sum of budget amounts for that ministry, so a moved measure's money leaves one ministry and
    joins another.
    """
    rows: dict[str, dict] = {}

    def row(code: str) -> dict:
        return rows.setdefault(code, {"ministerie": code, "old_measures": 0, "new_measures": 0,
                                      **{c: 0 for c in CLASSES}, "old_budget_eur": 0, "new_budget_eur": 0})

    for change in changes:
        row((change.old or change.new).ministerie)[change.cls] += 1
        if change.old:
            row(change.old.ministerie)["old_measures"] += 1
            rows[change.old.ministerie]["old_budget_eur"] += change.old.budget_eur
        if change.new:
            row(change.new.ministerie)["new_measures"] += 1
            rows[change.new.ministerie]["new_budget_eur"] += change.new.budget_eur
    for r in rows.values():
        r["delta_budget_eur"] = r["new_budget_eur"] - r["old_budget_eur"]
    return list(rows.values())


def _title_key(title: str | None) -> str:
    """Titles compared across editions: no section number, years masked, case and punctuation ignored."""
    return " ".join(utils.default_process(YEAR.sub(" ", SECTION_NUMBER.sub("", _plain(title)))).split())


def _outline(doc: model.Document) -> list[tuple[tuple[str, str, str], dict]]:
    titles = {s.number: s.title for s in doc.sections if s.number}
    entries = [(("section", "", _title_key(s.title)),
                {"kind": "section", "section": None, "title": s.title, "page": s.page}) for s in doc.sections]
    for block in doc.blocks:
        if block.kind == model.SUBHEADING:
            parent = titles.get(block.section)
            entries.append((("subheading", _title_key(parent), _title_key(block.text)),
                            {"kind": "subheading", "section": parent, "title": block.text, "page": block.page}))
    return entries


def _multiset_difference(old_entries, new_entries) -> list[dict]:
    """Rows for keys that occur more often on one side: "removed" from the old, "added" in the new."""
    rows = []
    for change, ours, theirs in (("removed", old_entries, new_entries), ("added", new_entries, old_entries)):
        surplus = Counter(key for key, _ in ours)
        surplus.subtract(Counter(key for key, _ in theirs))
        side = []
        for key, row in reversed(ours):  # of a repeated key, the last occurrences are the surplus
            if surplus[key] > 0:
                surplus[key] -= 1
                side.append({"change": change, **row})
        rows.extend(reversed(side))
    return rows


def compare_sections(old_doc: model.Document, new_doc: model.Document) -> list[dict]:
    """Sections and subheadings (keyed under their section's title) removed from or added to the outline.

    Titles are compared without numbers, case, punctuation or years, so renumbering and the edition year
    ("Rijksbegroting 2020" → "2021") are not changes.
    """
    return _multiset_difference(_outline(old_doc), _outline(new_doc))


def compare_sources(old_refs: list[str], new_refs: list[str]) -> list[dict]:
    """Sources (identifiers or titles of footnote references) gone from or new in the new edition."""
    def entries(refs):
        return [(_plain(ref).casefold().rstrip(" ."), {"source": ref}) for ref in refs if _plain(ref)]

    return _multiset_difference(entries(old_refs), entries(new_refs))
