"""rbtool compare OLD NEW: what changed between two editions, per ministry, per measure, in euros."""

from typing import Annotated, Optional

import typer

from rbtool import terminal
from rbtool.cli import app
from rbtool.cli.common import (ChartOption, Command, CorpusOption, ExcelOption, FormatOption, MinisterieOption,
                               NoPagerOption, OutputOption, chosen_format, draw_chart, emit, finite, ministry_codes,
                               open_corpus_with_sample, terminal_view)
from rbtool.errors import UsageError

ROW_COLUMNS = ["class", "also", "ministerie_old", "ministerie_new", "theme_old", "theme_new", "old_text",
               "new_text", "old_page", "new_page", "old_amounts", "new_amounts", "delta_eur", "similarity"]
# CSV/TSV/spreadsheets: the amounts in the flat columns of `measures` (queries.compare.flat_change_row)
FLAT_LEAD_COLUMNS = [c for c in ROW_COLUMNS if c not in ("old_amounts", "new_amounts", "delta_eur", "similarity")]


def _beyond_measures(corpus, old_id: str, new_id: str, sections: bool, sources: bool, terms: list[str]
                     ) -> list[tuple[str, list[dict], list[str]]]:
    """The optional tables: (title, rows, columns) for sections, footnote sources and term frequencies."""
    from rbtool.queries import compare as comparing

    # the footnote classifier and the search planner are imported only for the tables that need them (their
    # source tables and patterns cost a plain compare a third of its time)
    tables = []
    if sections:
        tables.append(("Sections and subheadings added or removed",
                       comparing.compare_sections(corpus.load_document(old_id), corpus.load_document(new_id)),
                       ["change", "kind", "section", "title", "page"]))
    if sources:
        from rbtool.queries.footnotes import cited_sources, stored_notes

        keys = [[row["identifier"] or row["source"] for row in cited_sources(stored_notes(corpus, [doc_id]))]
                for doc_id in (old_id, new_id)]
        tables.append(("Footnote sources new or gone", comparing.compare_sources(*keys), ["change", "source"]))
    if terms:
        from rbtool.queries.search import term_frequency

        rows = []
        for term in terms:
            row = {"term": term}
            for side, doc_id in (("old", old_id), ("new", new_id)):
                hits, words = term_frequency(corpus.conn, doc_id, term)
                row[f"{side}_hits"] = hits
                row[f"{side}_per_10k"] = round(hits * 10_000 / words, 2) if words else 0.0
            rows.append(row)
        tables.append(("Term frequency per 10,000 words", rows,
                       ["term", "old_hits", "old_per_10k", "new_hits", "new_per_10k"]))
    return tables


@app.command(cls=Command, epilog="Examples:\n\n"
                    "  rbtool compare 2020 2021\n\n"
                    "  rbtool compare 2020 2021 --ministerie BZK --only new,dropped\n\n"
                    "  rbtool compare 2020 2021 --all --format csv > alle-paren.csv\n\n"
                    "  rbtool compare 2020 2021 --sections --sources\n\n"
                    "  rbtool compare 2020 2021 --terms stikstof,woningbouw\n\n"
                    "  rbtool compare 2020 2021 --format csv > wijzigingen.csv\n\n"
                    "  rbtool compare 2020 2021 --output wijzigingen.xlsx\n\n"
                    "  rbtool compare 2020 2021 --chart")
def compare(
    old: Annotated[str, typer.Argument(help="Older edition: year, id prefix, file name or title word.",
                                       show_default=False)],
    new: Annotated[str, typer.Argument(help="Newer edition: year, id prefix, file name or title word.",
                                       show_default=False)],
    ministerie: MinisterieOption = None,
    only: Annotated[Optional[list[str]], typer.Option(
        help="Classes, comma-separated or repeated: unchanged, reworded, amount_changed, moved_theme, "
             "moved_ministerie, dropped, new.")] = None,
    show_all: Annotated[bool, typer.Option("--all", help="Also list the unchanged measures.")] = False,
    threshold: Annotated[Optional[float], typer.Option(
        min=0, max=100, callback=finite,
        help="Similarity (0-100) above which two measures are the same measure.")] = None,
    sections: Annotated[bool, typer.Option("--sections", help="Also list sections added or removed.")] = False,
    sources: Annotated[bool, typer.Option("--sources", help="Also list footnote sources new or gone.")] = False,
    terms: Annotated[Optional[str], typer.Option(help="Comma-separated terms: frequency per 10,000 words.")]
    = None,
    chart: ChartOption = False,
    fmt: FormatOption = None,
    output: OutputOption = None,
    excel: ExcelOption = False,
    no_pager: NoPagerOption = False,
    corpus_path: CorpusOption = None,
) -> None:
    """Match the measures of two editions and classify each: unchanged, reworded, amount_changed, moved_theme,
    moved_ministerie, dropped or new. Two years pick the two editions of one series. Unchanged measures are
    counted in the summary and listed with --all."""
    from rbtool.queries import compare as comparing

    classes = [c.strip() for value in only for c in value.split(",") if c.strip()] if only else None
    unknown = set(classes or ()) - set(comparing.CLASSES)
    if unknown:
        raise UsageError(f"unknown class {', '.join(sorted(unknown))}; choose from {', '.join(comparing.CLASSES)}")
    codes = set(ministry_codes(ministerie) or ())
    out = chosen_format(fmt, output, excel)
    with open_corpus_with_sample(corpus_path) as corpus:
        old_id, new_id = corpus.resolve_editions(old, new)
        if old_id == new_id:
            raise UsageError(f"'{old}' and '{new}' are the same document ({old_id}); 'rbtool corpus list' shows "
                             f"the others")
        changes = comparing.compare_measures(list(corpus.iter_measures([old_id])), list(corpus.iter_measures([new_id])),
                                             **({"threshold": threshold} if threshold is not None else {}))
        extra = _beyond_measures(corpus, old_id, new_id, sections, sources,
                                 [t.strip() for t in terms.split(",") if t.strip()] if terms else [])
    if codes:
        changes = [c for c in changes if codes & {m.ministerie for m in (c.old, c.new) if m}]
    if classes:
        changes = [c for c in changes if c.cls in classes]
    summary = comparing.summarize_changes(changes)
    if chart:
        from rbtool.charts import budget_old_new

        draw_chart(budget_old_new(summary, old, new),
                   f"Budget amounts per ministry, {old} → {new} (per-unit, change, macro and other amounts left out)")
        if output is None:  # the chart instead of the table; with --output the rows still go to the file
            raise typer.Exit(0)
    # one group per ministry (in the order of the summary), unchanged pairs only when asked for
    order = {row["ministerie"]: i for i, row in enumerate(summary)}
    listed = sorted((c for c in changes if show_all or c.cls != "unchanged" or (classes and "unchanged" in classes)),
                    key=lambda c: order[(c.old or c.new).ministerie])
    if out == "table":
        with terminal_view(no_pager) as console:
            terminal.print_changes(console, summary, listed, comparing.word_diff)
            for title, rows, columns in extra:
                console.print(f"\n[bold]{title}[/bold]")
                terminal.print_table(console, rows, [terminal.Column(c, wrap=int(c in ("title", "source")))
                                                     for c in columns])
        if len(listed) < len(changes):
            terminal.message(f"{len(changes) - len(listed)} unchanged measures counted, not listed (use --all)")
    else:
        rows = [comparing.change_to_row(c) for c in listed]
        if out in ("json", "jsonl"):
            emit(rows, out, ROW_COLUMNS, to=output, corpus=corpus_path)
        else:
            emit([comparing.flat_change_row(r) for r in rows], out,
                 [*FLAT_LEAD_COLUMNS, *comparing.FLAT_CHANGE_AMOUNT_COLUMNS, "delta_eur", "similarity"], to=output,
                 excel=excel, corpus=corpus_path)
        for title, rows, columns in extra:
            terminal.message(f"{title}: {len(rows)} rows (shown with --format table)")
    raise typer.Exit(0)
