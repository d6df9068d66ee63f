"""Every example in README.md, docs/*.md and every `--help` runs, with the exit code it documents.

Collected automatically, so a new example is tested by being written:
- Markdown: lines `$ rbtool ...` (or `rbtool ...`) inside ```console, ```bash or ```sh blocks;
- help: lines `  rbtool ...` in the epilog of every command and subcommand.
An example ends its line with `# exit N` when it exits with N (0 otherwise); other comments are prose.
`> FILE` at the end writes into a scratch folder. Examples run in-process from a folder where `tests/` and
`src/` are the repository's (so `tests/pdfs/...` and the bundled sample resolve), each on its own copy of
the corpus with the bundled 2020 sample and the 2021 test edition.
"""
from __future__ import annotations

import os
import re
import shlex
import shutil
from pathlib import Path

import pytest

from conftest import PDFS, run_cli

ROOT = Path(__file__).resolve().parent.parent
EXIT_COMMENT = re.compile(r"#\s*exit\s+(\d+)\b")
FENCE = re.compile(r"^```(\w*)")
RUNNABLE_FENCES = {"console", "bash", "sh", "shell"}


def _example(line: str, where: str) -> tuple[str, int, str] | None:
    text = line.strip().removeprefix("$ ").strip()
    if not text.startswith("rbtool ") and text != "rbtool":
        return None
    expected = EXIT_COMMENT.search(text)
    return text, int(expected.group(1)) if expected else 0, where


def markdown_examples() -> list[tuple[str, int, str]]:
    found = []
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        fence = None
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            opened = FENCE.match(line.strip())
            if opened:
                fence = None if fence is not None else opened.group(1)
                continue
            if fence in RUNNABLE_FENCES:
                example = _example(line, f"{path.relative_to(ROOT)}:{number}")
                if example:
                    found.append(example)
    return found


def help_examples() -> list[tuple[str, int, str]]:
    import typer.main

    from rbtool.cli import app, load_commands

    load_commands()
    found = []

    def visit(command, path: str) -> None:
        for line in f"{command.help or ''}\n{command.epilog or ''}".splitlines():
            example = _example(line, f"{path} --help")
            if example:
                found.append(example)
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            visit(sub, f"{path} {name}")

    visit(typer.main.get_command(app), "rbtool")
    return found


EXAMPLES = markdown_examples() + help_examples()


def test_examples_are_found_in_every_place():
    places = {where.split(":")[0].split(" --help")[0] for _, _, where in EXAMPLES}
    assert {"README.md", "docs/commands.md", "docs/recipes.md"} <= places
    for command in ("extract", "search", "show", "measures", "footnotes", "compare", "tables", "corpus list",
                    "corpus info", "corpus show", "corpus remove", "corpus export"):
        assert f"rbtool {command}" in places, f"no example in 'rbtool {command} --help'"


def _argv(command: str) -> list[str]:
    words = shlex.split(command, comments=True)
    assert "|" not in words, f"{command}: examples run without a shell, so without pipes"
    if ">" in words:  # the output goes to the captured stdout either way
        words = words[:words.index(">")]
    return words[1:]


@pytest.fixture(scope="session")
def examples_corpus(editions_corpus, tmp_path_factory):
    """The two editions and the 2019 budget chapter (a document with tables, for `rbtool tables`)."""
    from rbtool.extract import extract_document
    from rbtool.queries.footnotes import analyse_notes
    from rbtool.queries.measures import build_measures
    from rbtool.store.db import Corpus

    path = tmp_path_factory.mktemp("examples") / "examples.sqlite"
    shutil.copy(editions_corpus, path)
    chapter = extract_document(PDFS / "rijksbegroting-2019-hoofdstuk-I-de-koning.pdf")
    with Corpus(path) as corpus:
        corpus.save_document(chapter, build_measures(chapter), analyse_notes(chapter))
    return path


@pytest.fixture
def example_folder(tmp_path, examples_corpus, monkeypatch):
    shutil.copy(examples_corpus, tmp_path / "corpus.sqlite")
    monkeypatch.setenv("RBTOOL_CORPUS", str(tmp_path / "corpus.sqlite"))
    for name in ("tests", "src"):
        os.symlink(ROOT / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PAGER", "cat")
    return tmp_path


@pytest.mark.parametrize("command, expected, where", EXAMPLES, ids=[f"{w}: {c}" for c, _, w in EXAMPLES])
def test_documented_example_runs_with_its_exit_code(capsys, monkeypatch, example_folder, viewers, command, expected,
                                                    where):
    code, out, err = run_cli(capsys, monkeypatch, *_argv(command))
    assert code == expected, f"{where}: `{command}` exited {code}, documented {expected}\n{err[-600:]}"
    assert "Traceback" not in err and "internal error" not in err
    if "--open" in command.split() and code == 0:  # the viewer it asked for is recorded, not started (conftest)
        assert len(viewers.started) == 1 and viewers.started[0][-1].endswith(".pdf")
