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
from rbtool.nl import text as nltext
from rbtool.nl.ministries import Ministry
from rbtool.queries.sections import in_sections

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
    from rbtool.nl.money import parse_amounts  # extraction only: queries read stored amounts, not the grammar

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
        amounts = tuple(a for text in texts for a in parse_amounts(text, ministry.code))
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
    diacritic-insensitive); min_eur: the measure's budget amounts (`Measure.budget_eur`) at least this; year: the
    document's budget year (or years); section: section number prefixes ("2" includes "2.1").
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
        if min_eur is not None and m.budget_eur < min_eur:
            continue
        if years and m.year not in years:
            continue
        if sections and not in_sections(m.section, sections):
            continue
        selected.append(m)
    return selected


def _page_span(pages: Iterable[int]) -> str:
    pages = sorted(set(pages))
    return str(pages[0]) if pages[0] == pages[-1] else f"{pages[0]}–{pages[-1]}"


def summarize(measures: Iterable[model.Measure]) -> list[dict]:
    """One row per document and ministry, in order of first appearance (editions are never added together):
    counts, budget totals and the pages they span.

    `budget_eur` adds the budget amounts only (a yearly amount for one year; per-unit, change, macro and other
    amounts are left out); `budget_per_year_eur` is the part of it the text says comes every year.
    """
    groups: dict[tuple[str, str], list[model.Measure]] = {}
    for m in measures:
        groups.setdefault((m.doc, m.ministerie), []).append(m)
    return [{"doc": doc, "year": group[0].year, "ministerie": code, "ministerie_naam": group[0].ministerie_naam,
             "measures": len(group), "with_amounts": sum(1 for m in group if m.amounts),
             "budget_eur": sum(m.budget_eur for m in group),
             "budget_per_year_eur": sum(m.budget_per_year_eur for m in group),
             "pages": _page_span(m.page for m in group)}
            for (doc, code), group in groups.items()]


def amount_to_dict(a: model.Amount) -> dict:
    return {"raw": a.raw, "eur": a.eur, "role": a.role, "period": a.period, "qualifiers": list(a.qualifiers)}


def flat_amounts(amounts: Sequence[dict], prefix: str = "") -> dict:
    """Amounts as flat columns for CSV, TSV and spreadsheets (measures and compare use the same ones): the
    phrases, their euro values, roles, periods and qualifiers, one list each, in the same order."""
    return {f"{prefix}amounts": [a["raw"] for a in amounts],
            f"{prefix}eur_amounts": [a["eur"] for a in amounts],
            f"{prefix}amount_roles": [a["role"] for a in amounts],
            f"{prefix}amount_periods": [a["period"] for a in amounts],
            f"{prefix}amount_qualifiers": [", ".join(a["qualifiers"]) for a in amounts]}


FLAT_AMOUNT_COLUMNS = list(flat_amounts([]))


def amount_label(a: model.Amount) -> str:
    """An amount for a terminal or report table: "€ 200 mln budget (vier keer, vanaf 2021)"."""
    from rbtool.nl.money import format_eur

    qualifiers = f" ({', '.join(a.qualifiers)})" if a.qualifiers else ""
    return f"{format_eur(a.eur) or a.raw} {a.role.replace('_', ' ')}{qualifiers}"


def measure_to_row(m: model.Measure) -> dict:
    """The measure as an export row (the JSON field names of the export contract)."""
    return {"doc": m.doc, "year": m.year, "ministerie": m.ministerie, "ministerie_naam": m.ministerie_naam,
            "theme": m.theme, "text": m.text, "subitems": list(m.subitems),
            "amounts": [amount_to_dict(a) for a in m.amounts],
            "budget_eur": m.budget_eur, "budget_per_year_eur": m.budget_per_year_eur, "years": list(m.years),
            "section": m.section, "page": m.page, "page_label": m.page_label}
