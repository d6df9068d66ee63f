"""The Typer app. Commands only translate options into library calls; errors become one line here."""

import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from typer.exceptions import Abort, TyperException

from rbtool import signals, terminal
from rbtool.errors import Interrupted, RbtoolError, shorten_values

app = typer.Typer(
    name="rbtool",
    help="Research toolkit for analyses of the Dutch national budget (Rijksbegroting).\n\n"
         "Extract budget-analysis PDFs into a cached corpus, then search it, list the measures per ministry, "
         "trace footnotes to their sources and compare editions.\n\n"
         "Examples:\n\n"
         "  rbtool extract tests/pdfs/kamervragen-*.pdf\n\n"
         "  rbtool search stikstof\n\n"
         "  rbtool measures --ministerie BZK --format csv > bzk.csv",
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


SHORT_USAGE = """usage: rbtool [--corpus PATH] [--no-pager] COMMAND [OPTIONS]

  extract PATH...    parse PDFs into the corpus
  search QUERY...    ranked passages with page and section
  show PASSAGE       a passage in context with its citation
  measures           the measures per ministry, with euros
  footnotes          the sources and the sentences that cite them
  compare OLD NEW    what changed between two editions
  tables             the tables of the documents
  report DOC...      one HTML page with charts and tables
  corpus             list, info, show, remove, export

'rbtool COMMAND --help' for a command's options and examples; 'rbtool --help' for all."""


def _version(value: bool) -> None:
    if value:
        from rbtool import __version__

        print(f"rbtool {__version__}")
        raise typer.Exit(0)


@app.callback(invoke_without_command=True)
def _before_the_command(
    ctx: typer.Context,
    corpus: Annotated[Optional[Path], typer.Option(
        "--corpus", metavar="PATH", help="Corpus file for the command (as the command's own --corpus).")] = None,
    no_pager: Annotated[bool, typer.Option("--no-pager", help="Never page terminal output.")] = False,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    from rbtool.cli.common import GLOBAL_OPTIONS

    GLOBAL_OPTIONS.update(corpus=corpus, no_pager=no_pager)
    if ctx.invoked_subcommand is None and not ctx.resilient_parsing:
        print(SHORT_USAGE)
        raise typer.Exit(0)


# Each command lives in the module of its name, in the order `rbtool --help` lists them.
COMMAND_MODULES = ("extract", "search", "show", "measures", "footnotes", "compare", "tables", "report", "corpus")
GLOBAL_VALUE_OPTIONS = ("--corpus",)


def command_named_in(args: list[str]) -> str | None:
    """The command a command line runs, or None when it names none (top-level help, a typo, completion)."""
    values_follow = False
    for arg in args:
        if values_follow:
            values_follow = False
        elif arg in GLOBAL_VALUE_OPTIONS:
            values_follow = True
        elif not arg.startswith("-"):
            return arg if arg in COMMAND_MODULES else None
    return None


def command_to_load(args: list[str]) -> str | None:
    """The one command a run needs, or None for all: shell completion (click's _RBTOOL_COMPLETE) sees all."""
    completing = any(name.startswith("_") and name.endswith("_COMPLETE") for name in os.environ)
    return None if completing else command_named_in(args)


def load_commands(only: str | None = None) -> None:
    """Register the command `only` runs, or all of them.

    Building the command line of every command costs more than most queries take, so a run that names its
    command loads just that one; help, completion and unknown names see all.
    """
    import importlib

    for name in (only,) if only else COMMAND_MODULES:
        importlib.import_module(f"rbtool.cli.{name}")
    if not only:  # a run in the same process may have loaded one command first: keep the help in its order
        order = {name: n for n, name in enumerate(COMMAND_MODULES)}
        app.registered_commands.sort(key=lambda info: order[info.callback.__module__.rsplit(".", 1)[1]])

EXIT_ERROR = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it


def main() -> None:
    debug = bool(os.environ.get("RBTOOL_DEBUG"))
    signals.install()
    load_commands(command_to_load(sys.argv[1:]))
    try:
        code = app(standalone_mode=False)
    except TyperException as exc:  # bad options or arguments: one line, like every other error
        ctx = getattr(exc, "ctx", None)
        hint = f" (see '{ctx.command_path} --help')" if ctx else ""
        terminal.error(f"{shorten_values(exc.format_message())}{hint}")
        code = EXIT_ERROR
    except Abort:
        terminal.error("interrupted")
        code = EXIT_INTERRUPTED
    except Interrupted as exc:  # SIGINT, SIGTERM, SIGHUP: one line saying what was kept, exit 128 + signal
        terminal.error(f"interrupted: {exc.summary}" if exc.summary else "interrupted")
        code = 128 + exc.signum
    except RbtoolError as exc:
        if debug:
            raise
        terminal.error(shorten_values(str(exc)))
        if getattr(exc, "candidates", None):  # an ambiguous document selector: show what it could mean
            terminal.print_candidates(exc.candidates)
        code = EXIT_ERROR
    except Exception as exc:  # a bug: say so in one line; RBTOOL_DEBUG=1 shows the traceback
        if debug:
            raise
        terminal.error(f"internal error: {type(exc).__name__}: {exc} (run with RBTOOL_DEBUG=1 for details)")
        code = EXIT_ERROR
    sys.exit(code or 0)
