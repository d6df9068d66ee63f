"""Policy measures: the list items of the sections that belong to a ministry, with their amounts.

A measure is found from structure alone: a `list_item` block under a heading (or an ancestor heading) that
names a ministry as a whole ("3.2 Binnenlandse Zaken en Koninkrijksrelaties"). Its sub-items, theme
(the subheading above it), amounts and the years it mentions come with it. Nothing here knows a particular
document's wording or counts.

The helpers below (`filter_measures`, `summarize`, `measure_to_row`) are what the CLI calls; they are pure
functions over lists of `Measure`.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from rbtool import model
from rbtool.nl import ministries
from rbtool.nl.money import parse_amounts
from rbtool.nl import text as nltext
from rbtool.nl.ministries import Ministry

# A year is a four-digit 19xx/20xx standing alone (not "1.068", not "PGB2.0", not inside an amount).
YEAR = re.compile(r"(?<![\w.,€$£])(19\d\d|20\d\d)(?![\w]|[.,]\d)")


def _heading_level(block: model.Block) -> int:
    """A heading's depth: its level, else the depth of its number ("3.2" → 2), else a chapter."""
    if block.level:
        return block.level
    if block.number:
        return block.number.count(".") + 1
    return 1


def _ministry_by_block(doc: model.Document) -> dict[str, Ministry]:
    """For each block, the ministry its innermost ministry-naming heading names (in reading order)."""
    headings: list[tuple[int, Ministry | None]] = []  # the open headings, outermost first
    owner: dict[str, Ministry] = {}
    for block in doc.blocks:
        if block.kind == model.HEADING:
            level = _heading_level(block)
            headings = [(lvl, m) for lvl, m in headings if lvl < level]
            headings.append((level, ministries.find_in_heading(block.text)))
            continue
        named = next((m for _, m in reversed(headings) if m is not None), None)
        if named is not None:
            owner[block.id] = named
    return owner


def _years(texts: Iterable[str], amounts: Sequence[model.Amount]) -> tuple[int, ...]:
    found = set()
    for text in texts:
        for amount in amounts:  # an amount's digits are not a year ("2020 euro")
            text = text.replace(amount.raw, " ")
        found.update(int(y) for y in YEAR.findall(text))
    return tuple(sorted(found))


def build_measures(doc: model.Document) -> list[model.Measure]:
    """Every measure of `doc`, in reading order."""
    owner = _ministry_by_block(doc)
    subitems: dict[str, list[str]] = {}
    for block in doc.blocks:
        if block.kind == model.SUB_ITEM and block.parent:
            subitems.setdefault(block.parent, []).append(block.text)
    measures = []
    for block in doc.blocks:
        ministry = owner.get(block.id)
        if block.kind != model.LIST_ITEM or ministry is None:
            continue
        subs = tuple(subitems.get(block.id, ()))
        texts = (block.text, *subs)
        amounts = tuple(a for text in texts for a in parse_amounts(text))
        measures.append(model.Measure(
            doc=doc.id, year=doc.year, ministerie=ministry.code, ministerie_naam=ministry.name,
            theme=block.subheading, text=block.text, subitems=subs, amounts=amounts,
            years=_years(texts, amounts), section=block.section, page=block.page,
            page_label=doc.page_label(block.page), block_id=block.id))
    return measures


def _contains(haystack: str | None, needle: str) -> bool:
    return nltext.fold(needle) in nltext.fold(haystack or "")


def filter_measures(measures: Iterable[model.Measure], ministeries: Iterable[str] | None = None,
                    thema: str | None = None, zoek: str | None = None, min_eur: int | None = None,
                    year: int | Iterable[int] | None = None, section: Iterable[str] | None = None
                    ) -> list[model.Measure]:
    """The measures that pass every given filter.

    ministeries: codes or names (any spelling `ministries.resolve` accepts; UsageError when unknown);
    thema: substring of the theme; zoek: substring of the text or a sub-item (both case- and
    diacritic-insensitive); min_eur: total of the euro amounts at least this; year: the document's budget year
    (or years); section: section number prefixes ("2" includes "2.1") or pieces of the section path.
    """
    codes = {ministries.resolve(value).code for value in ministeries} if ministeries else None
    years = {year} if isinstance(year, int) else set(year or ())
    sections = list(section or ())
    selected = []
    for m in measures:
        if codes is not None and m.ministerie not in codes:
            continue
        if thema and not _contains(m.theme, thema):
            continue
        if zoek and not any(_contains(text, zoek) for text in (m.text, *m.subitems)):
            continue
        if min_eur is not None and m.eur_total < min_eur:
            continue
        if years and m.year not in years:
            continue
        if sections and not any(m.section == s or (m.section or "").startswith(s + ".") for s in sections):
            continue
        selected.append(m)
    return selected


def _page_span(pages: Iterable[int]) -> str:
    pages = sorted(set(pages))
    return str(pages[0]) if pages[0] == pages[-1] else f"{pages[0]}–{pages[-1]}"


def summarize(measures: Iterable[model.Measure]) -> list[dict]:
    """One row per document and ministry, in order of first appearance: counts, euro total and the pages they
    span (editions are never added together)."""
    groups: dict[tuple[str, str], list[model.Measure]] = {}
    for m in measures:
        groups.setdefault((m.doc, m.ministerie), []).append(m)
    return [{"doc": doc, "year": group[0].year, "ministerie": code, "ministerie_naam": group[0].ministerie_naam,
             "measures": len(group), "with_amounts": sum(1 for m in group if m.amounts),
             "eur_total": sum(m.eur_total for m in group), "pages": _page_span(m.page for m in group)}
            for (doc, code), group in groups.items()]


def measure_to_row(m: model.Measure) -> dict:
    """The measure as an export row (the JSON field names of the export contract)."""
    return {"doc": m.doc, "year": m.year, "ministerie": m.ministerie, "ministerie_naam": m.ministerie_naam,
            "theme": m.theme, "text": m.text, "subitems": list(m.subitems),
            "amounts": [{"raw": a.raw, "eur": a.eur, "period": a.period} for a in m.amounts],
            "eur_total": m.eur_total, "years": list(m.years), "section": m.section, "page": m.page,
            "page_label": m.page_label}
