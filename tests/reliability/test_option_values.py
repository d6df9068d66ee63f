"""Every option value checked at the edge: one line, exit 2, before any work is done."""
from __future__ import annotations

import pytest

from reliability.harness import assert_one_line_errors, rbtool
from rbtool.store.db import Corpus

HUGE = "9223372036854775808"  # one past SQLite's largest integer
LONG = "ab" * 5000  # a 10 kB value


@pytest.mark.parametrize("args, fragment", [
    (["search", "x", "--year", HUGE], "Invalid value for '--year'"),
    (["measures", "--year", HUGE], "Invalid value for '--year'"),
    (["search", "x", "--limit", "9223372036854775807"], "Invalid value for '--limit'"),
    (["search", "x", "--context", "-1"], "Invalid value for '--context'"),
    (["compare", "good1.pdf", "good2.pdf", "--threshold", "nan"], "nan is not a finite number"),
    (["compare", "good1.pdf", "good2.pdf", "--threshold", "inf"], "Invalid value for '--threshold'"),
    (["extract", "x.pdf", "--page-timeout", "nan"], "nan is not a finite number"),
    (["extract", "x.pdf", "--memory-limit", "1"], "Invalid value for '--memory-limit'"),
    (["search", " ".join(["onbekend"] * 1750)], "the query has 1,750 words; at most 32 are searched"),
    (["corpus", "export", "good1.pdf", "--format", "xml"], "export writes json only"),
])
def test_bad_values_are_one_line_and_exit_2(small_corpus, args, fragment):
    run = rbtool(*args, corpus=small_corpus)
    assert run.returncode == 2
    (line,) = assert_one_line_errors(run.stderr)
    assert fragment in line
    assert run.stdout == ""


def test_extract_checks_its_year_before_extracting(files, tmp_path):
    corpus = tmp_path / "corpus.sqlite"
    run = rbtool("extract", str(files["good1"]), "--year", "99999999999999999999", corpus=corpus)
    assert run.returncode == 2
    (line,) = assert_one_line_errors(run.stderr)
    assert "Invalid value for '--year'" in line
    assert not corpus.exists()  # stopped before even opening the corpus


@pytest.mark.parametrize("args", [["search", "x", "--ministerie", LONG], ["corpus", "show", LONG],
                                  ["search", "x", "--year", "1" * 10_000]])
def test_long_values_are_shortened_in_the_message(small_corpus, args):
    run = rbtool(*args, corpus=small_corpus)
    assert run.returncode == 2
    (line,) = assert_one_line_errors(run.stderr)
    assert len(line) < 400 and "more characters)" in line


def test_a_file_name_with_a_newline_is_one_line(tmp_path):
    run = rbtool("extract", "geen\nbestand.pdf", corpus=tmp_path / "corpus.sqlite")
    assert run.returncode == 2
    assert assert_one_line_errors(run.stderr)[0] == "rbtool: geen\\nbestand.pdf: no such file or folder"


def test_a_section_filter_without_letters_or_digits_matches_nothing(small_corpus):
    """Before, '😀' folded to nothing and matched every section."""
    assert rbtool("search", "gemeenten", corpus=small_corpus).returncode == 0
    run = rbtool("search", "gemeenten", "--section", "😀", corpus=small_corpus)
    assert run.returncode == 1 and run.stdout == ""


def test_the_good_corpus_is_untouched_by_all_of_this(small_corpus):
    with Corpus(small_corpus) as corpus:
        assert corpus.document_count() == 3


def test_removing_needs_four_characters_or_yes_and_takes_several(small_corpus, tmp_path):
    from reliability.harness import copy_corpus

    corpus = copy_corpus(small_corpus, tmp_path / "corpus.sqlite")
    with Corpus(corpus) as store:
        ids = [row["id"] for row in store.list_documents()]
    refused = rbtool("corpus", "remove", ids[0][:1], corpus=corpus)
    assert refused.returncode == 2
    (line,) = assert_one_line_errors(refused.stderr)
    assert f"'{ids[0][:1]}' is shorter than 4 characters" in line and ids[0] in line
    with Corpus(corpus) as store:
        assert store.document_count() == 3

    several = rbtool("corpus", "remove", ids[0][:4], ids[1], corpus=corpus)
    assert several.returncode == 0, several.stderr
    confirmed = rbtool("corpus", "remove", ids[2][:2], "--yes", corpus=corpus)
    assert confirmed.returncode == 0, confirmed.stderr
    with Corpus(corpus) as store:
        assert store.document_count() == 0
