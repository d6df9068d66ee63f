"""Many documents as the normal case, one vocabulary of options, and saying what was left out (issue 11).

In-process runs of the real entry point on the two-edition corpus (the 2020 sample and the 2021 test edition).
"""
from __future__ import annotations

import csv
import io
import json
import sys

import pytest

from conftest import run_cli as run


def _csv(out: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(out)))


# ------------------------------------------------------------------------------------------- basics

def test_rbtool_alone_prints_a_short_usage_and_exits_0(capsys, monkeypatch):
    code, out, err = run(capsys, monkeypatch)
    assert code == 0 and err == ""
    assert out.startswith("usage: rbtool") and len(out.splitlines()) < 20


def test_version(capsys, monkeypatch):
    from rbtool import __version__

    assert run(capsys, monkeypatch, "--version")[:2] == (0, f"rbtool {__version__}\n")


def test_corpus_option_before_the_subcommand(capsys, monkeypatch, corpus_env):
    monkeypatch.delenv("RBTOOL_CORPUS")
    code, out, err = run(capsys, monkeypatch, "--corpus", str(corpus_env), "corpus", "list", "--format", "csv")
    assert code == 0 and len(_csv(out)) == 2


def test_a_query_on_a_corpus_that_does_not_exist_says_so(capsys, monkeypatch, tmp_path):
    missing = tmp_path / "geen" / "x.sqlite"
    code, out, err = run(capsys, monkeypatch, "search", "stikstof", "--corpus", str(missing))
    assert code == 2 and out == "" and "no corpus" in err and str(missing) in err
    assert not missing.parent.exists()  # nothing created


# ------------------------------------------------------------------------------------------- selectors

def test_an_ambiguous_selector_lists_the_candidates(capsys, monkeypatch, corpus_env):
    code, out, err = run(capsys, monkeypatch, "measures", "--doc", "analyse")
    assert code == 2 and out == ""
    assert "matches 2 documents" in err and "c44164589064" in err and "2021" in err  # the candidates table


def test_a_title_word_and_an_id_prefix_select_a_document(capsys, monkeypatch, corpus_env):
    by_word = _csv(run(capsys, monkeypatch, "measures", "--doc", "testeditie", "--format", "csv")[1])
    by_prefix = _csv(run(capsys, monkeypatch, "measures", "--doc", "c441", "--format", "csv")[1])
    assert {r["year"] for r in by_word} == {"2021"} and {r["year"] for r in by_prefix} == {"2020"}


def test_repeated_years_and_ministries_accumulate(capsys, monkeypatch, corpus_env):
    rows = _csv(run(capsys, monkeypatch, "search", "stikstof OR woningbouw", "-y", "2020", "-y", "2021",
                    "-m", "LNV", "-m", "BZK", "-n", "0", "--format", "csv")[1])
    assert {r["year"] for r in rows} == {"2020", "2021"}
    assert {r["ministerie"] for r in rows} == {"LNV", "BZK"}


def test_a_single_value_option_given_twice_is_refused(capsys, monkeypatch, corpus_env):
    code, out, err = run(capsys, monkeypatch, "measures", "--thema", "wonen", "--thema", "zorg")
    assert code == 2 and out == "" and "--thema given twice" in err and err.count("\n") == 1
    assert run(capsys, monkeypatch, "search", "stikstof", "-n", "2", "--limit", "3")[0] == 2


def test_summary_is_per_document(capsys, monkeypatch, corpus_env):
    rows = _csv(run(capsys, monkeypatch, "measures", "--summary", "-m", "BZK", "--format", "csv")[1])
    assert sorted(r["year"] for r in rows) == ["2020", "2021"] and len({r["doc"] for r in rows}) == 2


# ------------------------------------------------------------------------------------------- search

def test_exclusion_unquoted_as_documented(capsys, monkeypatch, corpus_env):
    code, out, err = run(capsys, monkeypatch, "search", "jeugdzorg", "-wmo", "--year", "2020", "--format", "csv")
    assert code == 0, err
    rows = _csv(out)
    assert rows and all("wmo" not in r["text"].lower() for r in rows)
    with_wmo = _csv(run(capsys, monkeypatch, "search", "jeugdzorg", "--year", "2020", "-n", "0", "-f", "csv")[1])
    assert any("wmo" in r["text"].lower() for r in with_wmo)


def test_search_rows_have_clean_columns_and_a_passage_id(capsys, monkeypatch, corpus_env):
    rows = json.loads(run(capsys, monkeypatch, "search", "stikstof", "-n", "0", "--format", "json")[1])
    kinds = {r["kind"] for r in rows}
    assert {"measure", "footnote", "paragraph"} <= kinds and not any(" of " in k or " by " in k for k in kinds)
    assert all(r["note"] for r in rows if r["kind"] == "footnote")
    assert all(r["ministerie"] for r in rows if r["kind"] == "measure")
    assert all(r["passage"].startswith(r["doc"][:8] + ":") for r in rows)


def test_kind_takes_exactly_the_kinds_shown(capsys, monkeypatch, corpus_env):
    rows = _csv(run(capsys, monkeypatch, "search", "stikstof", "--kind", "list item", "--kind", "footnote", "-n", "0",
                    "-f", "csv")[1])
    assert {r["kind"] for r in rows} <= {"list item", "footnote"} and rows
    code, out, err = run(capsys, monkeypatch, "footnotes", "--kind", "bogus")
    assert code == 2 and "kamerstuk" in err


def test_what_was_left_out_is_said(capsys, monkeypatch, corpus_env):
    code, out, err = run(capsys, monkeypatch, "search", "stikstof", "--format", "csv")
    total = len(_csv(run(capsys, monkeypatch, "search", "stikstof", "--limit", "0", "--format", "csv")[1]))
    assert len(_csv(out)) == 20 < total
    assert f"20 of {total} hits (use --limit)" in err
    code, out, err = run(capsys, monkeypatch, "measures", "-n", "3", "--format", "csv")
    assert len(_csv(out)) == 3 and "3 of " in err


@pytest.mark.parametrize("fmt, expected", [("json", "[]\n"), ("csv", "passage,doc,year"), ("table", "")])
def test_empty_results_still_have_their_shape(capsys, monkeypatch, corpus_env, fmt, expected):
    code, out, err = run(capsys, monkeypatch, "search", "xylofoonorkest", "--exact", "--format", fmt)
    assert code == 1 and out.startswith(expected)
    assert ("no matches" in err) == (fmt == "table")


# ------------------------------------------------------------------------------------------- hit to passage

def test_show_gives_the_passage_in_context_with_a_citation(capsys, monkeypatch, corpus_env):
    found = run(capsys, monkeypatch, "search", "stikstofuitstoot", "-y", "2020", "-n", "1", "-f", "json")[1]
    hit = json.loads(found)[0]
    code, out, err = run(capsys, monkeypatch, "show", hit["passage"], "--format", "table")
    assert code == 0, err
    first = out.splitlines()[0]
    assert first == f"Platform31, Analyse, duiding en reflectie Rijksbegroting 2020, p. {hit['page_label']}"
    assert hit["section"].split(" › ")[0] in out and hit["text"][:40] in out
    rows = json.loads(run(capsys, monkeypatch, "show", hit["passage"], "-C", "1", "--format", "json")[1])
    assert len(rows) == 3 and [r["focus"] for r in rows] == [False, True, False]
    assert run(capsys, monkeypatch, "show", "nonsense")[0] == 2


def test_show_open_starts_a_viewer_at_the_passage_page(capsys, monkeypatch, corpus_env, viewers):
    from conftest import SAMPLE_PDF

    found = run(capsys, monkeypatch, "search", "stikstofuitstoot", "-y", "2020", "-n", "1", "-f", "json")[1]
    hit = json.loads(found)[0]
    viewers.installed = {"okular", "xdg-open"}
    code, out, err = run(capsys, monkeypatch, "show", hit["passage"], "--open", "--format", "json")
    assert code == 0, err
    assert viewers.started == [["okular", "-p", str(hit["page"]), str(SAMPLE_PDF)]]
    assert f"opened {SAMPLE_PDF.name} at page {hit['page']} in okular" in err
    # no viewer that can be told a page: the system's opener, and the page to go to on stderr
    if sys.platform.startswith("linux"):
        viewers.installed = {"xdg-open"}
        code, out, err = run(capsys, monkeypatch, "show", hit["passage"], "--open", "--format", "json")
        assert code == 0 and viewers.started[-1] == ["xdg-open", str(SAMPLE_PDF)]
        assert f"go to page {hit['page']}" in err
    viewers.installed = set()
    code, out, err = run(capsys, monkeypatch, "show", hit["passage"], "--open", "--format", "json")
    assert code == 2 and "no PDF viewer found" in err and len(viewers.started) == 1 + sys.platform.startswith("linux")


# ------------------------------------------------------------------------------------------- compare

def test_compare_without_colour_marks_words_and_hides_unchanged(capsys, monkeypatch, corpus_env):
    code, out, err = run(capsys, monkeypatch, "compare", "2020", "2021", "-m", "BZK", "--format", "table")
    assert code == 0 and "[-" in out and "{+" in out and "(use --all)" in err
    listed = _csv(run(capsys, monkeypatch, "compare", "2020", "2021", "--format", "csv")[1])
    everything = _csv(run(capsys, monkeypatch, "compare", "2020", "2021", "--all", "--format", "csv")[1])
    assert "unchanged" not in {r["class"] for r in listed}
    assert len(everything) - len(listed) == sum(r["class"] == "unchanged" for r in everything) > 100


def test_compare_groups_each_ministry_once(capsys, monkeypatch, corpus_env):
    out = run(capsys, monkeypatch, "compare", "2020", "2021", "--format", "table")[1]
    headings = [line for line in out.splitlines() if line in {"BZK", "LNV", "VWS", "OCW", "FIN", "EZK", "IenW", "SZW",
                                                                "JenV"}]
    assert headings and len(headings) == len(set(headings))


# ------------------------------------------------------------------------------------------- corpus

def test_corpus_remove_takes_several_ids(capsys, monkeypatch, corpus_env):
    code, out, err = run(capsys, monkeypatch, "corpus", "remove", "c441", "testeditie")
    assert code == 0 and err.count("removed") == 2
    assert run(capsys, monkeypatch, "corpus", "list", "-f", "json")[1] == "[]\n"


def test_long_terminal_output_goes_through_the_pager(capsys, monkeypatch, corpus_env, tmp_path):
    paged = tmp_path / "paged.txt"
    monkeypatch.setenv("FORCE_COLOR", "1")  # rich takes stdout for a terminal
    monkeypatch.setenv("LINES", "10")
    monkeypatch.setenv("PAGER", f"cat > {paged}")
    code, out, err = run(capsys, monkeypatch, "measures", "-m", "BZK", "--format", "table")
    assert code == 0 and out == "" and "Democratie in Actie" in paged.read_text(encoding="utf-8")
    code, out, err = run(capsys, monkeypatch, "measures", "-m", "BZK", "--format", "table", "--no-pager")
    assert code == 0 and "Democratie in Actie" in out
    paged.unlink()
    code, out, err = run(capsys, monkeypatch, "--no-pager", "search", "stikstof", "--format", "table")
    assert code == 0 and out and not paged.exists()


def _all_of_one_year(corpus_path, year: int) -> None:
    from rbtool.store.db import Corpus

    with Corpus(corpus_path) as corpus:
        corpus.conn.execute("UPDATE documents SET year = ?", (year,))


def test_hits_per_edition_chart_keeps_two_documents_of_one_year_apart(capsys, monkeypatch, corpus_env):
    _all_of_one_year(corpus_env, 2020)
    code, out, err = run(capsys, monkeypatch, "search", "stikstof", "--count", "--chart")
    bars = [line for line in out.splitlines() if "#" in line]
    assert code == 0 and len(bars) == 2
    assert {line.split()[0] for line in bars} == {"c4416458", "aafbaab1"}


def test_no_pager_is_honoured_by_the_footnote_check(capsys, monkeypatch, corpus_env, tmp_path):
    from rbtool.store.db import Corpus

    with Corpus(corpus_env) as corpus:  # markers whose notes are gone: a long list of problems
        corpus.conn.execute("DELETE FROM footnotes WHERE number > 20")
    paged = tmp_path / "paged.txt"
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("LINES", "10")
    monkeypatch.setenv("PAGER", f"cat > {paged}")
    code, out, err = run(capsys, monkeypatch, "footnotes", "--check", "--format", "table")
    assert code == 1 and out == "" and "has no note" in paged.read_text(encoding="utf-8")
    paged.unlink()
    code, out, err = run(capsys, monkeypatch, "footnotes", "--check", "--format", "table", "--no-pager")
    assert code == 1 and "has no note" in out and not paged.exists()
