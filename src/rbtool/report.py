"""`rbtool report`: one self-contained HTML file about one or more editions, for readers who would rather look.

Per document: the budget per ministry as a table and a bar chart, the measures with their amounts and a link
to their page in the PDF (`file.pdf#page=N`), and the most cited sources; with two documents also the
comparison (old vs new budget per ministry as a chart, the measures per class). Charts are SVG written by
pygal and inlined, so the file opens without a network; headings, table headers, captions and chart labels
(role="img" with an aria-label) keep it accessible, and a viewport and fluid widths keep it readable on a phone.

Money in the tables carries its exact value in `data-eur`, so a test (or a script) can check the page against
`rbtool measures --summary --format json`.
"""
from __future__ import annotations

import html
import os
import re
from collections import Counter
from pathlib import Path

from rbtool import model
from rbtool.nl.money import format_eur, format_eur_change
from rbtool.queries.documents import doc_labels
from rbtool.queries.measures import amount_label, summarize

DEFAULT_TOP_SOURCES = 10  # most cited sources shown per document
DEFAULT_CHART_WIDTH = 800  # SVG user units; the chart scales to the page width
CHART_ROW_HEIGHT = 34  # SVG user units per bar group

STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.45;margin:0 auto;
 max-width:70rem;padding:0 1rem 3rem;color:#1b1b1b;background:#fff}
h1{font-size:1.6rem;margin-top:1.5rem}h2{font-size:1.3rem;margin-top:2.2rem;border-bottom:2px solid #ddd}
h3{font-size:1.1rem;margin-top:1.6rem}
.scroll{overflow-x:auto}table{border-collapse:collapse;width:100%;font-size:.92rem}
caption{text-align:left;font-weight:600;padding:.3rem 0}
th,td{border-bottom:1px solid #ddd;padding:.35rem .5rem;vertical-align:top;text-align:left}
th{background:#f3f3f3}td.num,th.num{text-align:right;white-space:nowrap}
figure{margin:1rem 0}figure svg{width:100%;height:auto;max-width:50rem}figcaption{font-size:.9rem;color:#444}
.note{color:#444;font-size:.9rem}a{color:#0b5cad}
@media (max-width:40rem){h1{font-size:1.25rem}h2{font-size:1.1rem}table{font-size:.85rem}}
"""


def _e(text) -> str:
    return html.escape("" if text is None else str(text))


def _money_cell(eur: int) -> str:
    return f'<td class="num" data-eur="{eur}">{_e(format_eur(eur) or "€ 0")}</td>'


def _table(caption: str, headers: list[tuple[str, bool]], rows: list[str]) -> str:
    """A table with a caption and column headers; `headers` are (text, numeric)."""
    head = "".join(f'<th scope="col"{" class=num" if numeric else ""}>{_e(text)}</th>' for text, numeric in headers)
    return (f'<div class="scroll"><table><caption>{_e(caption)}</caption><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>')


def _svg(chart, label: str) -> str:
    """A pygal chart as inline SVG, labelled for screen readers (role="img", aria-label)."""
    svg = chart.render(is_unicode=True)
    return re.sub(r"^<svg\b", f'<svg role="img" aria-label="{_e(label)}"', svg, count=1)


def _bar_chart(title: str, labels: list[str], series: list[tuple[str, list[int]]]) -> str:
    import pygal
    from pygal.style import Style

    style = Style(background="white", plot_background="white", font_family="system-ui, sans-serif",
                  colors=("#0b5cad", "#d9822b", "#3a7d44"), label_font_size=14, major_label_font_size=14,
                  legend_font_size=14, value_font_size=13, title_font_size=16)
    chart = pygal.HorizontalBar(js=[], disable_xml_declaration=True, style=style, title=title,
                                width=DEFAULT_CHART_WIDTH,
                                height=max(240, 120 + CHART_ROW_HEIGHT * len(labels) * max(1, len(series))),
                                show_legend=len(series) > 1, legend_at_bottom=True, print_values=True,
                                value_formatter=lambda eur: format_eur(int(eur)) if eur else "€ 0",
                                x_labels=labels[::-1], truncate_label=-1, show_x_guides=False,
                                x_labels_major_count=5, show_minor_x_labels=False)
    for name, values in series:  # pygal draws horizontal bars bottom up: reversed, the first row is on top
        chart.add(name, values[::-1])
    return _svg(chart, title + ": " + "; ".join(
        f"{label} " + ", ".join(f"{name} {format_eur(values[i]) or '€ 0'}" for name, values in series)
        for i, label in enumerate(labels)))


def _pdf_link(source_path: str, page: int, report_dir: Path) -> str:
    """`file.pdf#page=N`, relative to the report's folder when the PDF is found from here."""
    pdf = Path(source_path)
    if pdf.exists():
        try:
            target = os.path.relpath(pdf.resolve(), report_dir.resolve())
        except ValueError:  # another drive
            target = pdf.resolve().as_uri()
    else:
        target = source_path
    return f"{Path(target).as_posix()}#page={page}"


def _document_section(doc: dict, edition: str, measures: list[model.Measure], sources: list[dict],
                      report_dir: Path) -> str:
    """`edition` names the document among the report's documents (its year, or its id where years repeat)."""
    summary = summarize(measures)
    rows = [f'<tr><th scope="row">{_e(r["ministerie"])}</th><td>{_e(r["ministerie_naam"])}</td>'
            f'<td class="num">{r["measures"]}</td><td class="num">{r["with_amounts"]}</td>'
            f'{_money_cell(r["budget_eur"])}{_money_cell(r["budget_per_year_eur"])}</tr>' for r in summary]
    parts = [f'<section id="doc-{_e(doc["id"])}" data-doc="{_e(doc["id"])}">',
             f'<h2>{_e(doc["title"])} ({_e(doc["year"] or "year unknown")})</h2>',
             f'<p class="note">{len(measures)} measures in {len(summary)} ministries; {_e(doc["pages"])} pages; '
             f'document id {_e(doc["id"])}.</p>',
             "<h3>Budget per ministry</h3>",
             '<p class="note">Budget amounts only: money a measure allocates, spends, invests or cuts. Amounts per '
             'person or unit, changes against earlier plans, economy-wide figures and other mentions are left '
             'out; a yearly amount counts for one year ("of which per year" shows that part).</p>']
    if any(r["budget_eur"] for r in summary):
        chart = _bar_chart(f"Budget per ministry, {edition}", [r["ministerie"] for r in summary],
                           [(edition, [r["budget_eur"] for r in summary])])
        parts.append(f"<figure>{chart}<figcaption>Budget amounts per ministry in {_e(edition)}.</figcaption>"
                     "</figure>")
    parts.append(_table(f"Budget per ministry, {edition}",
                        [("Ministry", False), ("Name", False), ("Measures", True), ("With amounts", True),
                         ("Budget", True), ("Of which per year", True)], rows))
    with_amounts = [m for m in measures if m.amounts]
    parts.append("<h3>Measures with amounts</h3>")
    parts.append(_table(
        f"Measures with amounts, {edition} ({len(with_amounts)} of {len(measures)})",
        [("Ministry", False), ("Measure", False), ("Amounts (role, qualifiers)", False), ("Budget", True),
         ("Page", True)],
        [f'<tr><td>{_e(m.ministerie)}</td><td>{_e(m.text)}</td>'
         f'<td>{"<br>".join(_e(amount_label(a)) for a in m.amounts)}</td>{_money_cell(m.budget_eur)}'
         f'<td class="num"><a href="{_e(_pdf_link(doc["source_path"], m.page, report_dir))}">'
         f'p. {_e(m.page_label or m.page)}</a></td></tr>' for m in with_amounts]))
    top = sources[:DEFAULT_TOP_SOURCES]
    parts.append("<h3>Most cited sources</h3>")
    parts.append(_table(
        f"The {len(top)} most cited sources, {edition}",
        [("Source", False), ("Kind", False), ("Notes", True), ("Pages", False)],
        [f'<tr><td>{_source_cell(s)}</td><td>{_e(s["kind"])}</td><td class="num">{s["count"]}</td>'
         f'<td>{_e(s["pages"])}</td></tr>' for s in top]))
    parts.append("</section>")
    return "\n".join(parts)


def _source_cell(source: dict) -> str:
    if source.get("url"):
        return f'<a href="{_e(source["url"])}">{_e(source["source"])}</a>'
    return _e(source["source"])


def _comparison_section(old_name: str, new_name: str, changes: list[model.Change]) -> str:
    from rbtool.queries.compare import CLASSES, summarize_changes

    summary = summarize_changes(changes)
    rows = [f'<tr><th scope="row">{_e(r["ministerie"])}</th>{_money_cell(r["old_budget_eur"])}'
            f'{_money_cell(r["new_budget_eur"])}<td class="num" data-eur="{r["delta_budget_eur"]}">'
            f'{_e(format_eur_change(r["delta_budget_eur"]))}</td></tr>' for r in summary]
    counts = Counter(c.cls for c in changes)
    chart = _bar_chart(f"Budget per ministry, {old_name} and {new_name}", [r["ministerie"] for r in summary],
                       [(old_name, [r["old_budget_eur"] for r in summary]),
                        (new_name, [r["new_budget_eur"] for r in summary])])
    return "\n".join([
        f'<section id="comparison"><h2>Comparison {_e(old_name)} → {_e(new_name)}</h2>',
        '<p class="note">' + ", ".join(f"{counts.get(c, 0)} {c.replace('_', ' ')}" for c in CLASSES) + ".</p>",
        f"<figure>{chart}<figcaption>Budget amounts per ministry in both editions.</figcaption></figure>",
        _table(f"Budget per ministry, {old_name} → {new_name}",
               [("Ministry", False), (old_name, True), (new_name, True), ("Difference", True)], rows),
        "</section>"])


def build_report(corpus, doc_ids: list[str], report_dir: Path) -> str:
    """The report of the documents `doc_ids` (in that order) as one HTML page; links to the PDFs are made
    relative to `report_dir`, the folder the report will be written to."""
    from rbtool.queries.footnotes import cited_sources, stored_notes

    documents = {d["id"]: d for d in corpus.list_documents()}
    docs = [documents[i] for i in doc_ids]
    editions = doc_labels({d["id"]: d["year"] for d in docs})
    measures = {i: list(corpus.iter_measures([i])) for i in doc_ids}
    sections = [_document_section(d, editions[d["id"]], measures[d["id"]],
                                  cited_sources(stored_notes(corpus, [d["id"]])), report_dir) for d in docs]
    if len(docs) == 2:
        from rbtool.queries.compare import compare_measures

        sections.append(_comparison_section(editions[doc_ids[0]], editions[doc_ids[1]],
                                            compare_measures(measures[doc_ids[0]], measures[doc_ids[1]])))
    title = "rbtool report: " + ", ".join(f"{d['title']} ({editions[d['id']]})" for d in docs)
    toc = "".join(f'<li><a href="#doc-{_e(d["id"])}">{_e(d["title"])} ({_e(editions[d["id"]])})</a></li>'
                  for d in docs)
    if len(docs) == 2:
        toc += '<li><a href="#comparison">Comparison</a></li>'
    return (f'<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{_e(title)}</title><style>{STYLE}</style></head>\n<body><main>"
            f"<h1>{_e(title)}</h1><nav aria-label=\"Contents\"><ul>{toc}</ul></nav>\n"
            + "\n".join(sections) + "\n</main></body></html>\n")
