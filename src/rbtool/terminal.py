"""Everything rich: the stderr console for messages and progress, and tables drawn on a terminal.

Machine output never passes through here (see rbtool.output). Colour follows NO_COLOR and whether the stream
is a terminal, as rich decides.
"""
from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from typing import TYPE_CHECKING, Iterable, Iterator, Sequence

from rbtool.errors import printable

if TYPE_CHECKING:
    from rich.console import Console

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


def message(text: str) -> None:
    """An informational line on stderr (never data)."""
    from rich.markup import escape

    stderr().print(escape(printable(text)), soft_wrap=True)


def _prefixed(prefix: str, style: str, text: str) -> None:
    """One line, whatever the text holds (a file name with a newline or bytes that are not UTF-8)."""
    from rich.text import Text

    stderr().print(Text(prefix, style=style) + Text(printable(text)), soft_wrap=True)


def error(text: str) -> None:
    _prefixed("rbtool: ", "bold red", text)


def warning(text: str) -> None:
    _prefixed("rbtool: warning: ", "yellow", text)


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


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


def print_table(rows: Sequence[dict], columns: Iterable[str], headers: dict[str, str] | None = None,
                wrap: Iterable[str] | dict[str, int] = (), right: Iterable[str] = ()) -> None:
    """Draw rows as a rich table on stdout. `wrap` columns (a set, or a dict of width ratios) fold to the
    terminal width; the others keep their width."""
    from rich.table import Table
    from rich.text import Text

    from rbtool.output import flat_value

    columns = list(columns)
    headers = headers or {}
    # wrapped columns share the free width by their ratio (a plain set gives each the same share)
    ratios = dict(wrap) if isinstance(wrap, dict) else dict.fromkeys(wrap, 1)
    right = set(right)
    table = Table(show_lines=bool(ratios), header_style="bold", expand=bool(ratios))
    for c in columns:
        table.add_column(headers.get(c, c), overflow="fold", no_wrap=c not in ratios,
                         justify="right" if c in right else "left", ratio=ratios.get(c))
    for row in rows:
        table.add_row(*(Text(flat_value(row.get(c))) for c in columns))
    stdout_console().print(table)


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


def print_hits(hits) -> None:
    """Search hits, ripgrep-style: a header line with the citation, then the highlighted passage."""
    from rich.padding import Padding
    from rich.text import Text

    console = stdout_console()
    style = "bold reverse" if "NO_COLOR" in os.environ else "bold red"
    for hit in hits:
        page = f"p. {hit.page}" + (f" (printed {hit.page_label})" if hit.page_label and hit.page_label != str(hit.page)
                                   else "")
        header = Text()
        header.append(f"{hit.title} ({hit.year or '?'})", style="magenta")
        header.append(f" · {page} · ", style="green")
        header.append(hit.section or "—", style="cyan")
        header.append(f" · {hit.kind}" + (" · typo-tolerant" if hit.fuzzy else ""), style="dim")
        body = Text(hit.snippet)
        for start, end in hit.highlights:
            body.stylize(style, start, end)
        console.print(header)
        console.print(Padding(body, (0, 0, 0, 2)))
        console.print()


def print_changes(summary: Sequence[dict], changes, word_diff) -> None:
    """Compare output: a summary per ministry, then each changed measure with a word-level diff."""
    from rich import box
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    from rbtool.nl.money import format_eur

    console = stdout_console()
    classes = ["unchanged", "reworded", "amount_changed", "moved_theme", "moved_ministerie", "dropped", "new"]
    # two narrow tables rather than one wide one: counts per class, then the euros
    counts = Table(title="Measures per ministry and class", header_style="bold", box=box.SIMPLE_HEAD)
    money = Table(title="Budget amounts of the measures", caption="per-unit, change, macro and other amounts left out",
                  header_style="bold", box=box.SIMPLE_HEAD)
    for header in ["ministerie", *(c.replace("_", " ") for c in classes)]:
        counts.add_column(header, justify="left" if header == "ministerie" else "right")
    for header in ("ministerie", "old edition", "new edition", "difference"):
        money.add_column(header, justify="left" if header == "ministerie" else "right", no_wrap=True)
    for row in summary:
        counts.add_row(row["ministerie"], *(str(row.get(c, 0) or "") for c in classes))
        delta = row["delta_budget_eur"]
        money.add_row(row["ministerie"], format_eur(row["old_budget_eur"]) or "€ 0",
                      format_eur(row["new_budget_eur"]) or "€ 0",
                      ("+" if delta > 0 else "−" if delta < 0 else "") + (format_eur(abs(delta)) or "€ 0"))
    console.print(counts)
    console.print(money)
    deleted, inserted = ("strike", "bold") if "NO_COLOR" in os.environ else ("strike red", "bold green")
    current = None
    for change in changes:
        if change.cls == "unchanged":
            continue
        ministry = (change.new or change.old).ministerie
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
            head += Text(f"  budget {old_eur or '€ 0'} → {new_eur or '€ 0'} "
                         f"({'+' if change.delta_eur > 0 else '−'}{format_eur(abs(change.delta_eur))})", style="yellow")
        elif change.cls == "amount_changed" or "amount_changed" in change.also:  # amounts that are no budget
            old_amounts, new_amounts = (", ".join(f"{format_eur(a.eur) or a.raw} {a.role.replace('_', ' ')}"
                                                  for a in m.amounts) for m in (change.old, change.new))
            head += Text(f"  {old_amounts} → {new_amounts}", style="yellow")
        console.print(head)
        if change.old and change.new and change.old.text != change.new.text:
            body = Text()
            for op, words in word_diff(change.old.text, change.new.text):
                body.append(words + " ", style=deleted if op == "delete" else inserted if op == "insert" else "")
            console.print(Padding(body, (0, 0, 0, 2)))
        else:
            console.print(Padding(Text((change.new or change.old).text), (0, 0, 0, 2)))
