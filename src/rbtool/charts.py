"""Horizontal bar charts as lines of text, for the terminal (`--chart`). No rich here: rbtool.terminal prints
the lines, with colour on a terminal and plain characters when piped or under NO_COLOR.

A chart is a list of groups (a ministry, a section), each with one bar per series (an edition, old/new), each
bar labelled with its value as text ("€ 2,25 mld", "12"). Every line fits the width it is given: the bar gets
what the labels leave, and a label too long to stand beside its bar (a section title) gets a line of its own
above the bars, wrapped, so nothing is cut.
"""
from __future__ import annotations

import textwrap
from dataclasses import dataclass

# Bar characters: eighths of a cell on a terminal; a plain '#' per cell when piped or without colour.
EIGHTHS = " ▏▎▍▌▋▊▉█"
PLAIN_BAR = "#"
DEFAULT_MIN_BAR = 10  # cells a bar can at least grow to; below that, labels move above their bars
DEFAULT_LABEL_SHARE = 0.35  # a label wider than this share of the width stands on its own line


@dataclass(frozen=True)
class Bar:
    series: str  # "2020", "old", "" for a single series
    value: float
    text: str  # the value as shown: "€ 2,25 mld"


@dataclass(frozen=True)
class Group:
    label: str  # "BZK", "2.1 Wonen, ruimte en verstedelijking"
    bars: tuple[Bar, ...]
    note: str = ""  # shown after the group's last bar: "+€ 1,9 mld"


def _bar(value: float, most: float, cells: int, plain: bool) -> str:
    if most <= 0 or value <= 0:
        return ""
    eighths = round(value / most * cells * 8)
    if plain:
        return PLAIN_BAR * max(1, round(eighths / 8))
    return EIGHTHS[-1] * (eighths // 8) + (EIGHTHS[eighths % 8] if eighths % 8 else "") or EIGHTHS[1]


def render(groups: list[Group], width: int, plain: bool = False, title: str = "") -> list[str]:
    """The chart as lines of at most `width` characters (the title wraps too)."""
    lines = textwrap.wrap(title, width) if title else []
    bars = [bar for g in groups for bar in g.bars]
    if not bars:
        return lines
    most = max(bar.value for bar in bars)
    series_width = max(len(bar.series) for bar in bars)
    text_width = max(len(bar.text) for bar in bars) + max((len(g.note) + 1 for g in groups if g.note), default=0)
    label_width = max(len(g.label) for g in groups)
    beside = label_width <= DEFAULT_LABEL_SHARE * width and \
        width - label_width - series_width - text_width - 3 >= DEFAULT_MIN_BAR
    lead = label_width + 1 if beside else 2  # labels beside the bars, or above them with the bars indented
    cells = max(1, width - lead - (series_width + 1 if series_width else 0) - text_width - 1)
    for group in groups:
        if not beside:
            lines += textwrap.wrap(group.label, width, subsequent_indent="  ") or [""]
        for i, bar in enumerate(group.bars):
            label = group.label if beside and i == 0 else ""
            series = f"{bar.series:<{series_width}} " if series_width else ""
            note = f" {group.note}" if group.note and i == len(group.bars) - 1 else ""
            drawn = _bar(bar.value, most, cells, plain)
            lines.append(f"{label:<{lead}}{series}{drawn} {bar.text}{note}".rstrip())
    return lines


# ------------------------------------------------------------------------------------ the charts rbtool draws

def budget_by_ministry(measures) -> list[Group]:
    """`measures --summary --chart`: each ministry's budget total, one bar per edition when there are several
    (named by rbtool.queries.documents.doc_labels, so two documents of one year stay two series)."""
    from rbtool.nl.money import format_eur
    from rbtool.queries.documents import doc_labels

    labels = doc_labels({m.doc: m.year for m in measures})
    editions = list(dict.fromkeys(labels.values()))
    totals: dict[str, dict[str, int]] = {}
    for m in measures:
        by_edition = totals.setdefault(m.ministerie, dict.fromkeys(editions, 0))
        by_edition[labels[m.doc]] += m.budget_eur
    series = len(editions) > 1
    return [Group(code, tuple(Bar(edition if series else "", eur, format_eur(eur) or "€ 0")
                              for edition, eur in by_edition.items()))
            for code, by_edition in totals.items()]


def budget_old_new(summary: list[dict], old: str, new: str) -> list[Group]:
    """`compare --chart`: per ministry the old and the new edition's budget total, and the difference."""
    from rbtool.nl.money import format_eur, format_eur_change

    groups = []
    for row in summary:
        groups.append(Group(row["ministerie"], (
            Bar(old, row["old_budget_eur"], format_eur(row["old_budget_eur"]) or "€ 0"),
            Bar(new, row["new_budget_eur"], format_eur(row["new_budget_eur"]) or "€ 0")),
            format_eur_change(row["delta_budget_eur"])))
    return groups


def hit_counts(rows: list[dict], editions: dict[str, str]) -> list[Group]:
    """`search --count --chart`: hits per edition when several documents have hits, else per section.
    `editions` names each document id ("2020"), one name per document (rbtool.queries.documents.doc_labels)."""
    docs = list(dict.fromkeys(r["doc"] for r in rows))
    if len(docs) > 1:
        totals = {editions.get(doc, doc): sum(r["hits"] for r in rows if r["doc"] == doc) for doc in docs}
        return [Group(edition, (Bar("", n, str(n)),)) for edition, n in sorted(totals.items())]
    return [Group(r["section"] or "—", (Bar("", r["hits"], str(r["hits"])),)) for r in rows]
