"""Everything rich: the stderr console for messages and progress, and tables drawn on a terminal.

Machine output never passes through here (see rbtool.output). Colour follows NO_COLOR and whether the stream
is a terminal, as rich decides.
"""
from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator, Sequence

from rbtool.errors import printable

if TYPE_CHECKING:
    from rich.console import Console

DEFAULT_MIN_WRAP_WIDTH = 12  # a wrapped text column narrower than this reads as a word list
TABLE_EDGE = 1  # rich's default box: the left border
TABLE_CELL_OVERHEAD = 3  # per column: one space of padding on each side and a border
DEFAULT_PAGER = "less"
CLASS_HEADERS = {"unchanged": "same", "reworded": "reworded", "amount_changed": "amount", "moved_theme": "theme",
                 "moved_ministerie": "ministry"}  # compare's class columns, narrow enough for 80 columns
DEFAULT_SHORT_TITLE = 32  # characters of a title in a doc label
PAGER_LESS_FLAGS = "FRX"  # as git: quit when it fits one screen, keep colours, leave the text on screen

# rich is imported when something is drawn, not when a command starts: a CSV export never pays for it.
_stderr: Console | None = None


def stderr() -> Console:
    global _stderr
    if _stderr is None:
        from rich.console import Console

        _stderr = Console(stderr=True, highlight=False, no_color="NO_COLOR" in os.environ)
    return _stderr


def stdout_console() -> Console:
    from rich.console import Console

    class DataConsole(Console):
        def on_broken_pipe(self) -> None:
            # rich exits with status 1 here; rbtool's data_to_stdout ends a closed pipe quietly with 0 instead
            raise BrokenPipeError

    return DataConsole(highlight=False, no_color="NO_COLOR" in os.environ, soft_wrap=False)


def _plain_stderr(line: str) -> bool:
    """Write a message line straight to stderr when it is no terminal (nothing to colour there), so a piped
    query does not import rich for one line; False when rich should draw it."""
    if sys.stderr.isatty():
        return False
    sys.stderr.write(line + "\n")
    sys.stderr.flush()
    return True


def message(text: str) -> None:
    """An informational line on stderr (never data)."""
    if _plain_stderr(printable(text)):
        return
    from rich.markup import escape

    stderr().print(escape(printable(text)), soft_wrap=True)


def _prefixed(prefix: str, style: str, text: str) -> None:
    """One line, whatever the text holds (a file name with a newline or bytes that are not UTF-8)."""
    if _plain_stderr(prefix + printable(text)):
        return
    from rich.text import Text

    stderr().print(Text(prefix, style=style) + Text(printable(text)), soft_wrap=True)


def error(text: str) -> None:
    _prefixed("rbtool: ", "bold red", text)


def warning(text: str) -> None:
    _prefixed("rbtool: warning: ", "yellow", text)


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


@contextmanager
def paged(use_pager: bool) -> Iterator[Console]:
    """A console for a terminal view. On a terminal, output longer than the screen goes through the pager as
    git does it: $RBTOOL_PAGER or $PAGER (default `less` with LESS=FRX); PAGER=cat or empty prints directly."""
    console = stdout_console()
    pager = os.environ.get("RBTOOL_PAGER", os.environ.get("PAGER", DEFAULT_PAGER)).strip()
    if not use_pager or not console.is_terminal or pager in ("", "cat"):
        yield console
        return
    import io

    from rich.console import Console

    buffer = io.StringIO()
    yield Console(file=buffer, width=console.width, height=console.height, force_terminal=True,
                  color_system=console.color_system, no_color=console.no_color, highlight=False, soft_wrap=False)
    text = buffer.getvalue()
    if text.count("\n") < console.height:
        sys.stdout.write(text)
        return
    import subprocess

    env = {**os.environ, "LESS": os.environ.get("LESS", PAGER_LESS_FLAGS)}
    try:
        subprocess.run(pager, shell=True, input=text, text=True, encoding="utf-8", env=env, check=False)
    except OSError:
        sys.stdout.write(text)


@contextmanager
def progress(description: str, total: int) -> Iterator[callable]:
    """A progress bar on stderr; yields `advance(n=1, total=None)`. Silent when stderr is no terminal."""
    console = stderr()
    if not console.is_terminal:
        yield lambda n=1, total=None: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TextColumn("pages"),
                   TimeRemainingColumn(), console=console, transient=True)
    with bar:
        task = bar.add_task(description, total=total)

        def advance(n: int = 1, total: int | None = None) -> None:
            if total is not None:
                bar.update(task, total=total)
            bar.advance(task, n)

        yield advance


@dataclass(frozen=True)
class Column:
    """How a column is drawn in a terminal table.

    wrap: 0 for a column that is never cut (ids, years, numbers, pages, amounts: it always gets the width of
    its longest cell); otherwise the column folds its text, and wrapped columns share the free width by this
    ratio. drop: 0 for a column always shown; otherwise, when the table does not fit, columns are left out
    highest `drop` first (the low-value ones), before any text column shrinks below `min_width`."""

    name: str
    header: str | None = None
    wrap: int = 0
    right: bool = False
    drop: int = 0
    min_width: int = DEFAULT_MIN_WRAP_WIDTH

    @property
    def title(self) -> str:
        return self.header or self.name


def _cell_width(text: str) -> int:
    from rich.cells import cell_len

    return max((cell_len(line) for line in text.split("\n")), default=0)


def fit_columns(columns: Sequence[Column], cells: dict[str, list[str]], width: int) -> list[Column]:
    """The columns that fit `width`: droppable ones leave, highest `drop` first, until the never-cut columns
    have the width of their longest cell and each wrapped column, given its ratio's share of the rest, at least
    its `min_width` (or its longest cell, when that is narrower)."""
    def content(c: Column) -> int:
        return max([_cell_width(c.title), *map(_cell_width, cells[c.name])])

    def fits(shown: list[Column]) -> bool:
        fixed = TABLE_EDGE + TABLE_CELL_OVERHEAD * len(shown) + sum(content(c) for c in shown if not c.wrap)
        wrapped = [c for c in shown if c.wrap]
        ratios = sum(c.wrap for c in wrapped)
        return fixed <= width and all((width - fixed) * c.wrap / ratios >= min(content(c), c.min_width)
                                      for c in wrapped)

    shown = list(columns)
    for victim in sorted((c for c in columns if c.drop), key=lambda c: -c.drop):
        if fits(shown):
            break
        shown.remove(victim)
    return shown


def print_table(console: Console, rows: Sequence[dict], columns: Sequence[Column]) -> None:
    """Draw rows as a rich table designed for the console's width (see Column)."""
    from rich.table import Table
    from rich.text import Text

    from rbtool.output import flat_value

    cells = {c.name: [flat_value(row.get(c.name)) for row in rows] for c in columns}
    shown = fit_columns(columns, cells, console.width)
    wrapped = any(c.wrap for c in shown)
    table = Table(show_lines=wrapped, header_style="bold", expand=wrapped)
    for c in shown:
        if c.wrap:
            table.add_column(c.title, overflow="fold", ratio=c.wrap, min_width=c.min_width,
                             justify="right" if c.right else "left")
        else:  # never cut: as wide as its longest cell
            table.add_column(c.title, no_wrap=True, justify="right" if c.right else "left",
                             min_width=max([_cell_width(c.title), *map(_cell_width, cells[c.name])]))
    for i in range(len(rows)):
        table.add_row(*(Text(cells[c.name][i]) for c in shown))
    console.print(table)


def chart_width() -> int:
    import shutil

    return shutil.get_terminal_size().columns


def plain_charts() -> bool:
    """Bars of '#' without colour when stdout is no terminal or NO_COLOR is set."""
    return not stdout_is_terminal() or "NO_COLOR" in os.environ


def print_chart(lines: Sequence[str]) -> None:
    """A chart from rbtool.charts: plain lines as they are, or on a terminal with the bars in colour."""
    if plain_charts():
        sys.stdout.write("".join(f"{line}\n" for line in lines))
        return
    import re

    from rich.text import Text

    from rbtool.charts import EIGHTHS

    console = stdout_console()
    for line in lines:
        text = Text(line)
        for run in re.finditer(f"[{EIGHTHS[1:]}]+", line):
            text.stylize("cyan", run.start(), run.end())
        console.print(text, soft_wrap=True)




def short_title(title: str, width: int = DEFAULT_SHORT_TITLE) -> str:
    """A title cut at a word to about `width` characters, for a doc label."""
    if len(title) <= width:
        return title
    cut = title[:width].rsplit(" ", 1)[0]
    return cut.rstrip(",;:-") + "…"


def print_hits(console: Console, hits) -> None:
    """Search hits, ripgrep-style: a header line with the citation, then the highlighted passage."""
    from rich.padding import Padding
    from rich.text import Text

    style = "bold reverse" if "NO_COLOR" in os.environ else "bold red"
    for hit in hits:
        page = f"p. {hit.page}" + (f" (printed {hit.page_label})" if hit.page_label and hit.page_label != str(hit.page)
                                   else "")
        header = Text()
        header.append(f"{hit.year or '?'} {short_title(hit.title)}", style="magenta")
        header.append(f" · {page} · ", style="green")
        header.append(hit.section or "—", style="cyan")
        header.append(f" · {hit.label or hit.kind}" + (" · typo-tolerant" if hit.fuzzy else ""), style="dim")
        header.append(f" · {hit.passage}", style="bold")
        body = Text(hit.snippet)
        for start, end in hit.highlights:
            body.stylize(style, start, end)
        console.print(header)
        console.print(Padding(body, (0, 0, 0, 2)))
        console.print()


def print_passage(console: Console, hits, focus, citation: str) -> None:
    """A passage in its context: the citation and section path, then the passages around it, itself marked."""
    from rich.padding import Padding
    from rich.text import Text

    console.print(Text(citation, style="bold"))
    console.print(Text(f"{focus.section or '—'} · {focus.label or focus.kind} · {focus.passage}", style="cyan"))
    console.print()
    for hit in hits:
        if hit is focus:
            console.print(Padding(Text(hit.text, style="bold"), (0, 0, 0, 2)), style="")
            console.print(Text("▲ ", style="green") + Text(f"p. {hit.page}", style="green"))
        else:
            console.print(Padding(Text(hit.text, style="dim"), (0, 0, 0, 2)))
        console.print()


def _print_link(console: Console, url: str) -> None:
    """A URL printed whole on a line of its own, indented (never folded: a longer URL runs past the edge, as
    the terminal wraps it, so it stays one string to click or copy), a hyperlink where the terminal supports
    them."""
    from rich.text import Text

    line = Text("  ")
    line.append(url, style=f"link {url}")
    console.print(line, soft_wrap=True)


def print_notes(console: Console, rows, labels: dict[str, str]) -> None:
    """Footnotes as records: a header (document, note number, page, sources), the citing sentence, the note,
    then each link on its own line."""
    from rich.padding import Padding
    from rich.text import Text

    for row in rows:
        header = Text()
        if labels:
            header.append(f"{labels[row.doc]} · ", style="magenta")
        header.append(f"note {row.number}", style="bold")
        header.append(f" · p. {row.page}" + (f" (printed {row.page_label})" if row.page_label
                                              and row.page_label != str(row.page) else ""), style="green")
        header.append(" · " + ", ".join(f"{r.kind} {r.identifier or ''}".strip() for r in row.refs), style="cyan")
        console.print(header)
        if row.citing_sentence:
            console.print(Padding(Text(row.citing_sentence, style="dim"), (0, 0, 0, 2)))
        console.print(Padding(Text(row.text), (0, 0, 0, 2)))
        for url in dict.fromkeys(r.url for r in row.refs if r.url):
            _print_link(console, url)
        console.print()


def print_sources(console: Console, rows: Sequence[dict], labels: dict[str, str]) -> None:
    """Cited publications as records: count, kind, identifier and the pages per document, then the title and
    the link on lines of their own."""
    from rich.padding import Padding
    from rich.text import Text

    for row in rows:
        header = Text(f"{row['count']}×", style="bold")
        header.append(f"  {row['kind']}", style="cyan")
        if row["identifier"]:
            header.append(f"  {row['identifier']}")
        pages = "; ".join((f"{labels[d]} " if len(row["doc_pages"]) > 1 else "") + "p. " + ", ".join(map(str, p))
                          for d, p in row["doc_pages"].items())
        header.append(f"  {pages}", style="green")
        console.print(header)
        console.print(Padding(Text(row["source"]), (0, 0, 0, 2)))
        if row["url"]:
            _print_link(console, row["url"])
        console.print()


def print_changes(console: Console, summary: Sequence[dict], changes, word_diff) -> None:
    """Compare output: a summary per ministry, then each changed measure with a word-level diff."""
    from rich import box
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    from rbtool.nl.money import format_eur, format_eur_change

    classes = ["unchanged", "reworded", "amount_changed", "moved_theme", "moved_ministerie", "dropped", "new"]
    # two narrow tables rather than one wide one: counts per class, then the euros
    counts = Table(title="Measures per ministry and class", header_style="bold", box=box.SIMPLE_HEAD)
    money = Table(title="Budget amounts of the measures", caption="per-unit, change, macro and other amounts left out",
                  header_style="bold", box=box.SIMPLE_HEAD)
    for header in ["ministerie", *(CLASS_HEADERS.get(c, c) for c in classes)]:
        counts.add_column(header, justify="left" if header == "ministerie" else "right", no_wrap=True)
    for header in ("ministerie", "old edition", "new edition", "difference"):
        money.add_column(header, justify="left" if header == "ministerie" else "right", no_wrap=True)
    for row in summary:
        counts.add_row(row["ministerie"], *(str(row.get(c, 0) or "") for c in classes))
        money.add_row(row["ministerie"], format_eur(row["old_budget_eur"]) or "€ 0",
                      format_eur(row["new_budget_eur"]) or "€ 0", format_eur_change(row["delta_budget_eur"]))
    console.print(counts)
    console.print(money)
    # without colour a reader still sees which words went and which came: git's --word-diff=plain markers
    coloured = console.color_system is not None and not console.no_color
    current = None
    for change in changes:
        ministry = (change.old or change.new).ministerie  # as the summary counts it
        if ministry != current:
            console.print(Text(f"\n{ministry}", style="bold underline"))
            current = ministry
        pages = " → ".join(f"p. {m.page}" if m else "—" for m in (change.old, change.new))
        label = change.cls + (f" (also {', '.join(change.also)})" if change.also else "")
        head = Text(f"{label}  ", style="bold") + Text(pages, style="green")
        if change.cls == "moved_theme":
            head += Text(f"  theme: {change.old.theme or '—'} → {change.new.theme or '—'}", style="cyan")
        if change.cls == "moved_ministerie":
            head += Text(f"  {change.old.ministerie} → {change.new.ministerie}", style="cyan")
        if change.delta_eur:
            old_eur = format_eur(change.old.budget_eur) if change.old else "—"
            new_eur = format_eur(change.new.budget_eur) if change.new else "—"
            head += Text(f"  budget {old_eur or '€ 0'} → {new_eur or '€ 0'} ({format_eur_change(change.delta_eur)})",
                         style="yellow")
        elif change.cls == "amount_changed" or "amount_changed" in change.also:  # amounts that are no budget
            old_amounts, new_amounts = (", ".join(f"{format_eur(a.eur) or a.raw} {a.role.replace('_', ' ')}"
                                                  for a in m.amounts) for m in (change.old, change.new))
            head += Text(f"  {old_amounts} → {new_amounts}", style="yellow")
        console.print(head)
        if change.old and change.new and change.old.text != change.new.text:
            body = Text()
            for op, words in word_diff(change.old.text, change.new.text):
                if coloured:
                    body.append(words, style="strike red" if op == "delete" else "bold green" if op == "insert" else "")
                else:
                    body.append(f"[-{words}-]" if op == "delete" else f"{{+{words}+}}" if op == "insert" else words)
                body.append(" ")
            console.print(Padding(body, (0, 0, 0, 2)))
        else:
            console.print(Padding(Text((change.new or change.old).text), (0, 0, 0, 2)))


def print_candidates(candidates: Sequence[dict]) -> None:
    """The documents an ambiguous selector could mean, as a small table on stderr."""
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False)
    table.add_column("id", no_wrap=True)
    table.add_column("year", no_wrap=True)
    table.add_column("title", overflow="fold", ratio=2)
    table.add_column("file", overflow="fold", ratio=1)
    for d in candidates:
        table.add_row(d["id"], str(d["year"] or "?"), d["title"], d["file"])
    stderr().print(table)
