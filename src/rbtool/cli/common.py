"""What every command shares: the corpus location, the --format option and the row writer."""

import math
import os
import sys
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, Iterable, Optional, Sequence

import typer

from rbtool import output, terminal

CORPUS_ENV = "RBTOOL_CORPUS"


class Format(str, Enum):
    table = "table"
    plain = "plain"
    csv = "csv"
    tsv = "tsv"
    json = "json"
    jsonl = "jsonl"
    md = "md"


# Range of every year option: four digits (a value outside would otherwise overflow SQLite's integers).
YEAR_MIN, YEAR_MAX = 1000, 9999
# Upper bound of counts given on the command line (--limit, --context): large enough for any corpus.
COUNT_MAX = 1_000_000


def finite(value: float | None) -> float | None:
    """Typer callback: NaN and infinity are no numbers to compare with (click's ranges let NaN through)."""
    if value is not None and not math.isfinite(value):
        raise typer.BadParameter(f"{value} is not a finite number")
    return value


CorpusOption = Annotated[Optional[Path], typer.Option(
    "--corpus", metavar="PATH", envvar=CORPUS_ENV, show_envvar=True,
    help="Corpus file (SQLite). Default: corpus.sqlite in the user cache directory.")]
FormatOption = Annotated[Optional[Format], typer.Option(
    "--format", "-f", case_sensitive=False,
    help="Output format. Default: table on a terminal, plain text when piped.")]
OutputOption = Annotated[Optional[Path], typer.Option(
    "--output", "-o", metavar="FILE", dir_okay=False,
    help="Write the rows to FILE instead of stdout, in the format of its extension: .csv .tsv .json .jsonl .md "
         ".xlsx (.txt: plain). The file appears complete or not at all.")]
ChartOption = Annotated[bool, typer.Option(
    "--chart", help="Draw a bar chart in the terminal instead of the table (plain '#' bars when piped or under "
                    "NO_COLOR).")]
ExcelOption = Annotated[bool, typer.Option(
    "--excel", help="CSV for Dutch spreadsheets: UTF-8 byte order mark, ';' between cells, decimal commas, text "
                    "that would start a formula prefixed with '. Plain CSV keeps every text exactly.")]


def default_corpus_path() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("rbtool")) / "corpus.sqlite"


def corpus_location(path: Path | None) -> Path:
    """--corpus, else RBTOOL_CORPUS, else the user cache directory."""
    return path or Path(os.environ.get(CORPUS_ENV) or default_corpus_path())


def open_corpus(path: Path | None):
    """The corpus at --corpus, RBTOOL_CORPUS or the user cache directory (a rbtool.store.db.Corpus)."""
    from rbtool.store.db import Corpus

    return Corpus(corpus_location(path))


def protected_paths(path: Path | None) -> list[Path]:
    """Files an output must never replace: the corpus, its WAL and shared-memory files (PDFs, the other
    inputs, are recognised by their first bytes in rbtool.safe_write)."""
    corpus = corpus_location(path)
    return [corpus, Path(f"{corpus}-wal"), Path(f"{corpus}-shm"), Path(f"{corpus}-journal")]


def open_corpus_with_sample(path: Path | None):
    """Open the corpus for a query; an empty corpus first gets the bundled sample (said on stderr)."""
    corpus = open_corpus(path)
    if not corpus.document_count():  # ingest (and the PDF stack) is imported only when there is work for it
        from rbtool.ingest import ensure_sample

        ensure_sample(corpus, terminal.message)
    return corpus


def chosen_format(fmt: Format | None, output: Path | None = None, excel: bool = False) -> str:
    """The format to write: --format, else the extension of --output, else a table on a terminal and plain
    text when piped. UsageError when --format and --output disagree or --excel meets another format than CSV."""
    from rbtool.errors import UsageError
    from rbtool.output import FORMAT_BY_SUFFIX

    if output is not None and str(output) != "-":  # '-o -' is stdout, as for corpus export
        by_suffix = FORMAT_BY_SUFFIX.get(output.suffix.lower())
        if by_suffix is None:
            raise UsageError(f"--output {output.name}: unknown extension; use one of "
                             f"{' '.join(FORMAT_BY_SUFFIX)}")
        if fmt is not None and fmt.value != by_suffix:
            raise UsageError(f"--format {fmt.value} and --output {output.name} ({by_suffix}) disagree")
        chosen = by_suffix
    else:
        chosen = fmt.value if fmt is not None else "table" if terminal.stdout_is_terminal() else "plain"
    if excel and chosen != "csv":
        raise UsageError(f"--excel is for CSV, not {chosen}")
    return chosen


@contextmanager
def data_to_stdout():
    """Write data to stdout; a reader that went away (`rbtool measures -f csv | head`) ends the command quietly
    with exit 0, like ripgrep. Caught here because Typer turns a broken pipe into exit code 1."""
    try:
        yield sys.stdout
        sys.stdout.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # the flush at exit must not fail again
        raise typer.Exit(0) from None
    except OSError as exc:  # a full disk (`> /dev/full`), a file size limit: one line, exit 2
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        from rbtool.errors import OutputError

        raise OutputError(f"cannot write the output: {exc.strerror or exc}") from None


def emit(rows: Sequence[dict], fmt: str, columns: Iterable[str], *, headers: dict[str, str] | None = None,
         wrap: Iterable[str] | dict[str, int] = (), right: Iterable[str] = (), to: Path | None = None,
         excel: bool = False, corpus: Path | None = None) -> None:
    """Write rows to stdout, or to the file `to` (never over the corpus at `corpus` or another input), in the
    chosen format (the one row writer every listing command uses)."""
    if to is not None and str(to) != "-":
        from rbtool.safe_write import write_text

        columns = list(columns)

        def produce(fh) -> None:
            if fmt == "xlsx":
                output.write_xlsx(rows, columns, fh)
            else:
                output.write_rows(rows, fmt, fh, columns, excel=excel)

        write_text(to, produce, protected_paths(corpus), binary=fmt == "xlsx")
        terminal.message(f"wrote {len(rows)} rows to {to}")
        return
    with data_to_stdout() as out:
        if fmt == "table":
            terminal.print_table(rows, columns, headers=headers, wrap=wrap, right=right)
        else:
            output.write_rows(rows, fmt, out, columns, excel=excel)


def draw_chart(groups, title: str) -> None:
    """A bar chart (rbtool.charts) on stdout, as wide as the terminal."""
    from rbtool import charts

    with data_to_stdout():
        terminal.print_chart(charts.render(groups, terminal.chart_width(), terminal.plain_charts(), title))


def exit_for(rows: Sequence) -> None:
    """ripgrep's convention: 0 with results, 1 without."""
    raise typer.Exit(0 if rows else 1)
