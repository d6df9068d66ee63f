"""What every command shares: one vocabulary of options, the corpus location, document selection, and the
one row writer (with the "20 of 31" note, empty results and the pager).

The options (use them as parameter annotations, so each command spells them the same way):
  DocOption         --doc/-d DOC        repeatable; id prefix, year, file name or a title word
  YearOption        --year/-y YEAR      repeatable; budget years (any of them)
  MinisterieOption  --ministerie/-m     repeatable; code, name or common spelling (any of them)
  SectionOption     --section/-s        repeatable; section number prefix (2.1) or title text (any of them)
  kind_option(...)  --kind/-k KIND      repeatable; exactly the kinds the command's output shows
  limit_option(n)   --limit/-n N        most rows; 0 = all; a cut says "20 of 31 hits (use --limit)" on stderr
  FormatOption      --format/-f         table, plain, csv, tsv, json, jsonl, md
  NoPagerOption     --no-pager          never page terminal output (also before the subcommand)
  CorpusOption      --corpus PATH       also before the subcommand and as RBTOOL_CORPUS
"""

import math
import os
import sys
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, Iterable, Optional, Sequence

import typer
from typer.core import TyperCommand

from rbtool import output, terminal

CORPUS_ENV = "RBTOOL_CORPUS"

# Set by the app callback from options given before the subcommand (`rbtool --corpus x.sqlite search ...`).
GLOBAL_OPTIONS: dict[str, object] = {"corpus": None, "no_pager": False}


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
NoPagerOption = Annotated[bool, typer.Option(
    "--no-pager", help="Print long terminal output straight away instead of through PAGER (less -FRX).")]
DocOption = Annotated[Optional[list[str]], typer.Option(
    "--doc", "-d", metavar="DOC", show_default=False,
    help="Document: id prefix, year, file name or title word (repeatable).")]
YearOption = Annotated[Optional[list[int]], typer.Option(
    "--year", "-y", metavar="YEAR", show_default=False, min=YEAR_MIN, max=YEAR_MAX,
    help="Only documents of this budget year (repeatable).")]
MinisterieOption = Annotated[Optional[list[str]], typer.Option(
    "--ministerie", "-m", metavar="MINISTRY", show_default=False,
    help="Ministry code, name or common spelling: BZK, biza, 'Binnenlandse Zaken' (repeatable).")]
SectionOption = Annotated[Optional[list[str]], typer.Option(
    "--section", "-s", metavar="SECTION", show_default=False,
    help="Section number prefix (2.1) or title text (repeatable).")]
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


def kind_option(kinds: Iterable[str]):
    """--kind/-k: repeatable, and accepting exactly the kinds the command's output shows."""
    return Annotated[Optional[list[str]], typer.Option(
        "--kind", "-k", metavar="KIND", show_default=False,
        help=f"Only these kinds (repeatable): {', '.join(kinds)}.")]


def limit_option(noun: str):
    return Annotated[int, typer.Option(
        "--limit", "-n", min=0, max=COUNT_MAX, metavar="N",
        help=f"Most {noun} to show; 0 shows all.")]


def chosen_kinds(values: list[str] | None, kinds: Sequence[str]) -> list[str] | None:
    """The --kind values, checked against the kinds the output shows ("list item" and "list_item" alike)."""
    if not values:
        return None
    spelled = {k.replace(" ", "_"): k for k in kinds}
    chosen = []
    for value in values:
        kind = spelled.get(value.strip().lower().replace(" ", "_").replace("-", "_"))
        if kind is None:
            from rbtool.errors import UsageError

            raise UsageError(f"unknown kind '{value}'; choose from {', '.join(kinds)}")
        chosen.append(kind)
    return chosen


def ministry_codes(values: list[str] | None) -> list[str] | None:
    if not values:
        return None
    from rbtool.nl.ministries import resolve

    return list(dict.fromkeys(resolve(value).code for value in values))


def _takes_value(command, ctx) -> dict[str, object]:
    """Option spelling → its parameter, for the options of `command` that take a value."""
    return {name: param for param in command.get_params(ctx) if param.param_type_name == "option"
            and not param.is_flag and not param.count for name in (*param.opts, *param.secondary_opts)}


class Command(TyperCommand):
    """Every rbtool command: an option that takes one value and is given twice is refused (repeatable options
    accumulate instead) — silently keeping the last `--limit` or `--thema` would hide a mistake."""

    def parse_args(self, ctx, args: list[str]) -> list[str]:
        from rbtool.errors import UsageError

        seen: dict[str, str] = {}
        for arg in args[:args.index("--")] if "--" in args else args:
            param = _takes_value(self, ctx).get(arg.split("=", 1)[0])
            if param is None or param.multiple:
                continue
            if param.name in seen:
                raise UsageError(f"{seen[param.name]} given twice; give it once (see '{ctx.command_path} --help')")
            seen[param.name] = arg.split("=", 1)[0]
        return super().parse_args(ctx, args)


class QueryCommand(Command):
    """A command whose arguments are query words: a word starting with '-' that is not one of the command's
    options is an exclusion (`rbtool search jeugdzorg -wmo`), not an unknown option. A short option takes
    its value after a space or as digits (`-n 5`, `-n5`); `-mBZK` would read as the exclusion of "mBZK"."""

    def parse_args(self, ctx, args: list[str]) -> list[str]:
        takes_value = dict.fromkeys(_takes_value(self, ctx), True)
        for param in self.get_params(ctx):
            if param.param_type_name == "option":
                for name in (*param.opts, *param.secondary_opts):
                    takes_value.setdefault(name, False)
        options, words = [], []
        i = 0
        while i < len(args):
            arg = args[i]
            name = arg.split("=", 1)[0]
            if arg == "--":
                words += args[i + 1:]
                break
            if name in takes_value:
                options.append(arg)
                if takes_value[name] and "=" not in arg and i + 1 < len(args):
                    options.append(args[i + 1])
                    i += 1
            elif arg.startswith("--") or (arg[:2] in takes_value and not arg[2:].isalpha()):
                options.append(arg)  # an unknown long option (click says so), or `-n5`
            else:
                words.append(arg)
            i += 1
        return super().parse_args(ctx, [*options, "--", *words] if words else options)


# ------------------------------------------------------------------------------------------- the corpus

def default_corpus_path() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("rbtool")) / "corpus.sqlite"


def corpus_location(path: Path | None) -> tuple[Path, bool]:
    """(the corpus path, whether the user named it) from --corpus, before-the-subcommand --corpus,
    RBTOOL_CORPUS or the user cache directory."""
    named = path or GLOBAL_OPTIONS["corpus"] or os.environ.get(CORPUS_ENV)
    return (Path(named), True) if named else (default_corpus_path(), False)


def open_corpus(path: Path | None, *, create: bool = False):
    """The corpus (a rbtool.store.db.Corpus). Only `extract` creates one: a named corpus that does not exist
    is an error for every other command (a mistyped path must not silently become a new corpus)."""
    from rbtool.errors import CorpusError
    from rbtool.store.db import Corpus

    location, named = corpus_location(path)
    if named and not create and not location.exists():
        raise CorpusError(f"no corpus here; 'rbtool extract FILE.pdf --corpus {location}' creates one",
                          str(location))
    return Corpus(location)


def protected_paths(path: Path | None) -> list[Path]:
    """Files an output must never replace: the corpus, its WAL and shared-memory files (PDFs, the other
    inputs, are recognised by their first bytes in rbtool.safe_write)."""
    corpus = corpus_location(path)[0]
    return [corpus, Path(f"{corpus}-wal"), Path(f"{corpus}-shm"), Path(f"{corpus}-journal")]


def open_corpus_with_sample(path: Path | None):
    """Open the corpus for a query; the default corpus, when empty, first gets the bundled sample (said on
    stderr). A corpus the user named is used as it is."""
    location, named = corpus_location(path)
    corpus = open_corpus(path, create=not named)
    if not named and not corpus.document_count():  # ingest (and the PDF stack) is imported only for this
        from rbtool.ingest import ensure_sample

        ensure_sample(corpus, terminal.message)
    return corpus


def resolve_documents(corpus, docs: list[str] | None, years: list[int] | None = None) -> list[str] | None:
    """The ids chosen by --doc and --year (None: no choice, every document). Ambiguous selectors raise
    rbtool.errors.AmbiguousDocument, which the CLI shows as a small table of candidates."""
    ids = list(dict.fromkeys(corpus.resolve(d) for d in docs)) if docs else None
    if years:
        wanted = set(years)
        in_years = [d["id"] for d in corpus.list_documents() if d["year"] in wanted]
        ids = in_years if ids is None else [i for i in ids if i in set(in_years)]
    return ids


# ------------------------------------------------------------------------------------------- output

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


def pager_wanted(no_pager: bool = False) -> bool:
    return not (no_pager or GLOBAL_OPTIONS["no_pager"])


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


@contextmanager
def terminal_view(no_pager: bool = False):
    """A rich console for a terminal view; long output goes through the pager when the command ends."""
    with data_to_stdout():
        with terminal.paged(pager_wanted(no_pager)) as console:
            yield console


def limited(rows: list, limit: int, noun: str) -> list:
    """The first `limit` rows (0: all); a cut is said on stderr: "20 of 31 hits (use --limit)"."""
    if limit and len(rows) > limit:
        terminal.message(f"{limit} of {len(rows)} {noun} (use --limit)")
        return rows[:limit]
    return rows


def emit(rows: Sequence[dict], fmt: str, columns: Iterable, *, no_pager: bool = False, to: Path | None = None,
         excel: bool = False, corpus: Path | None = None) -> None:
    """Write rows to stdout, or to the file `to` (never over the corpus at `corpus` or another input), in the
    chosen format (the one row writer every listing command uses).

    `columns` are terminal.Column specs (or plain names). No rows: JSON `[]`, CSV/TSV/Markdown their header,
    a terminal "no matches" on stderr, plain text nothing."""
    columns = [c if isinstance(c, terminal.Column) else terminal.Column(c) for c in columns]
    names = [c.name for c in columns]
    if to is not None and str(to) != "-":
        from rbtool.safe_write import write_text

        def produce(fh) -> None:
            if fmt == "xlsx":
                output.write_xlsx(rows, names, fh)
            else:
                output.write_rows(rows, fmt, fh, names, excel=excel)

        write_text(to, produce, protected_paths(corpus), binary=fmt == "xlsx")
        terminal.message(f"wrote {len(rows)} rows to {to}")
        return
    if fmt == "table":
        if not rows:
            terminal.message("no matches")
            return
        with terminal_view(no_pager) as console:
            terminal.print_table(console, rows, columns)
    else:
        with data_to_stdout() as out:
            output.write_rows(rows, fmt, out, names, excel=excel)


def draw_chart(groups, title: str) -> None:
    """A bar chart (rbtool.charts) on stdout, as wide as the terminal."""
    from rbtool import charts

    with data_to_stdout():
        terminal.print_chart(charts.render(groups, terminal.chart_width(), terminal.plain_charts(), title))


def exit_for(rows: Sequence) -> None:
    """ripgrep's convention: 0 with results, 1 without."""
    raise typer.Exit(0 if rows else 1)
