"""The Typer app. Commands only translate options into library calls; errors become one line here."""

import os
import sys

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
         "  rbtool extract rapporten/*.pdf\n\n"
         "  rbtool search stikstof\n\n"
         "  rbtool measures --ministerie BZK --format csv > bzk.csv",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _register() -> None:
    from rbtool.cli import compare, corpus, extract, footnotes, measures, report, search, tables  # noqa: F401


_register()

EXIT_ERROR = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it


def main() -> None:
    debug = bool(os.environ.get("RBTOOL_DEBUG"))
    signals.install()
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
        code = EXIT_ERROR
    except Exception as exc:  # a bug: say so in one line; RBTOOL_DEBUG=1 shows the traceback
        if debug:
            raise
        terminal.error(f"internal error: {type(exc).__name__}: {exc} (run with RBTOOL_DEBUG=1 for details)")
        code = EXIT_ERROR
    sys.exit(code or 0)
