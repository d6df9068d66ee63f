"""rbtool report DOC [DOC2 ...] -o rapport.html: one self-contained HTML page with tables and charts."""

from pathlib import Path
from typing import Annotated, Optional

import typer

from rbtool import terminal
from rbtool.cli import app
from rbtool.cli.common import (Command, CorpusOption, data_to_stdout, open_corpus_with_sample, protected_paths,
                               resolve_documents)


@app.command(cls=Command, epilog="Examples:\n\n"
                    "  rbtool report 2020 -o rapport-2020.html\n\n"
                    "  rbtool report 2020 2021 -o rapport.html")
def report(
    docs: Annotated[list[str], typer.Argument(show_default=False,
                                              help="Documents: id, file name or year. Two: also the comparison.")],
    output: Annotated[Optional[Path], typer.Option(
        "--output", "-o", metavar="FILE", dir_okay=False,
        help="The HTML file to write (replaced only when complete). Default or '-': stdout.")] = None,
    corpus_path: CorpusOption = None,
) -> None:
    """An HTML report: per document the budget per ministry with charts, the measures with their amounts and
    page links, the most cited sources; with two documents the comparison. One file, no network needed."""
    from rbtool.report import build_report

    target = output if output is not None and str(output) != "-" else None
    with open_corpus_with_sample(corpus_path) as corpus:
        doc_ids = resolve_documents(corpus, docs)
        page = build_report(corpus, doc_ids, target.parent if target else Path.cwd())
    if target is None:
        with data_to_stdout() as out:
            out.write(page)
        return
    from rbtool.safe_write import write_text

    write_text(target, lambda fh: fh.write(page), protected_paths(corpus_path))
    terminal.message(f"wrote {target}")
