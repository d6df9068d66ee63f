"""The command line as a user meets it: exit codes, stdout data, one-line stderr errors, every command's help.

Commands run in-process through `rbtool.cli.main` (the real entry point, error handling included) against a
corpus holding the bundled 2020 sample and the 2021 test edition, extracted once per test session.
"""
from __future__ import annotations

import csv
import io
import json
import sys

from conftest import DATA, PDFS, SAMPLE_PDF, run_cli as run

TRUTH_2020 = json.loads((DATA / "analyse-rijksbegroting-2020.truth.json").read_text(encoding="utf-8"))



# --------------------------------------------------------------------------------------------- errors

def test_usage_error_is_one_line_with_exit_2(capsys, monkeypatch):
    code, out, err = run(capsys, monkeypatch, "measures", "--no-such-option")
    assert code == 2
    assert out == ""
    assert err.startswith("rbtool: ") and err.count("\n") == 1
    assert "--no-such-option" in err


def test_unknown_ministry_lists_the_valid_codes(capsys, monkeypatch, corpus_env):
    code, out, err = run(capsys, monkeypatch, "measures", "--ministerie", "Ministerie van Toverkunst")
    assert code == 2 and out == ""
    assert "BZK" in err and "VWS" in err and "Traceback" not in err


def test_bad_input_files_each_get_one_line_and_the_good_file_still_goes_in(capsys, monkeypatch, tmp_path):
    text_as_pdf = tmp_path / "notities.pdf"
    text_as_pdf.write_text("Dit is geen PDF maar een tekstbestand.\n")
    truncated = tmp_path / "afgebroken.pdf"
    truncated.write_bytes((PDFS / "kamervragen-vws-2023-2024.pdf").read_bytes()[:4000])
    empty_folder = tmp_path / "leeg"
    empty_folder.mkdir()
    good = PDFS / "kamervragen-vws-2023-2024.pdf"
    bad = [text_as_pdf, truncated, PDFS / "encrypted-password-test.pdf", PDFS / "woo-besluitbrief-scan.pdf",
           PDFS / "garbled-text-layer.pdf"]
    code, out, err = run(capsys, monkeypatch, "extract", str(good), *map(str, bad), str(empty_folder),
                         str(tmp_path / "bestaat-niet.pdf"), "--jobs", "1", "--format", "csv")
    assert code == 2
    assert "Traceback" not in err
    errors = [line for line in err.splitlines() if line.startswith("rbtool: ") and "warning" not in line]
    for path in [*bad, empty_folder, tmp_path / "bestaat-niet.pdf"]:
        assert sum(str(path) in line for line in errors) == 1, (path, err)
    assert any("no text layer on 10 of 10 pages" in line for line in errors)
    rows = {r["file"]: r for r in csv.DictReader(io.StringIO(out))}
    assert rows[str(good)]["status"] == "new" and int(rows[str(good)]["footnotes"]) == 17
    assert "1 new, 0 cached, 7 failed" in err
    code, out, err = run(capsys, monkeypatch, "corpus", "list", "--format", "json")
    assert code == 0 and [d["source_path"] for d in json.loads(out)] == [str(good)]


def test_unchanged_files_are_skipped_and_force_re_extracts(capsys, monkeypatch):
    pdf = str(PDFS / "kamervragen-vws-2023-2024.pdf")
    assert run(capsys, monkeypatch, "extract", pdf)[0] == 0
    code, out, err = run(capsys, monkeypatch, "extract", pdf, "--format", "csv")
    assert code == 0 and "0 new, 1 cached, 0 failed" in err
    cached, = csv.DictReader(io.StringIO(out))
    assert (cached["status"], cached["pages"], cached["footnotes"]) == ("cached", "6", "17")
    code, _, err = run(capsys, monkeypatch, "extract", pdf, "--force")
    assert code == 0 and "1 new, 0 cached, 0 failed" in err


def test_encrypted_pdf_goes_in_with_its_password(capsys, monkeypatch):
    code, out, err = run(capsys, monkeypatch, "extract", str(PDFS / "encrypted-password-test.pdf"),
                         "--password", "test", "--format", "json")
    assert code == 0, err
    assert json.loads(out)[0]["status"] == "new"


def test_every_command_has_help_with_examples(capsys, monkeypatch):
    for command in (["extract"], ["search"], ["measures"], ["footnotes"], ["compare"], ["corpus", "list"],
                    ["corpus", "show"], ["corpus", "remove"], ["corpus", "export"], ["tables"]):
        code, out, _ = run(capsys, monkeypatch, *command, "--help")
        assert code == 0 and "Examples" in out, command


# --------------------------------------------------------------------------------------------- queries

def test_search_prints_passages_with_pages_and_exit_0(capsys, monkeypatch, corpus_env):
    code, out, err = run(capsys, monkeypatch, "search", "stikstof", "--year", "2020", "--format", "json")
    assert code == 0, err
    hits = json.loads(out)
    assert hits and all("stikstof" in h["text"].lower() for h in hits)
    truth_pages = {b["page"] for b in TRUTH_2020["blocks"] if "stikstof" in json.dumps(b, ensure_ascii=False).lower()}
    assert {h["page"] for h in hits if h["kind"] != "footnote"} <= truth_pages | {p + 1 for p in truth_pages}


def test_search_without_hits_exits_1_and_bad_syntax_exits_2(capsys, monkeypatch, corpus_env):
    code, out, _ = run(capsys, monkeypatch, "search", "xylofoonconcertzaal", "--exact")
    assert (code, out) == (1, "")
    code, out, err = run(capsys, monkeypatch, "search", '"stikstof')
    assert code == 2 and out == "" and err.startswith("rbtool: ") and "Traceback" not in err


def test_measures_csv_for_one_ministry_matches_the_truth(capsys, monkeypatch, corpus_env):
    code, out, err = run(capsys, monkeypatch, "measures", "--ministerie", "binnenlandse zaken", "--year", "2020",
                         "--format", "csv")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    truth = [b for b in TRUTH_2020["blocks"] if b.get("ministerie") == "BZK"]
    assert len(rows) == len(truth)
    assert {r["ministerie"] for r in rows} == {"BZK"}
    assert all(r["page"].isdigit() for r in rows)
    assert sum(int(r["budget_eur"]) for r in rows) == 2_250_000_000  # BZK's 2020 budget (test_measures.BUDGET_2020)
    # the amounts spread over flat columns, one list item per amount
    structural = next(r for r in rows if "structureel 100 miljoen per jaar" in r["amounts"])
    assert json.loads(structural["eur_amounts"]) == [1_000_000_000, 100_000_000]
    assert json.loads(structural["amount_roles"]) == ["budget", "budget"]
    assert json.loads(structural["amount_periods"]) == [None, "per_year"]
    assert json.loads(structural["amount_qualifiers"]) == ["", "structureel, per jaar"]


def test_footnotes_of_kind_kamerstuk_link_to_official_publications(capsys, monkeypatch, corpus_env):
    code, out, err = run(capsys, monkeypatch, "footnotes", "--doc", "2020", "--kind", "kamerstuk",
                         "--format", "json")
    assert code == 0, err
    notes = json.loads(out)
    identifiers = {r["identifier"] for n in notes for r in n["refs"]}
    assert "kst-35300-1" in identifiers  # note 1: "Tweede Kamer, vergaderjaar 2019-2020, 35 300, nr.1"
    note1 = next(n for n in notes if n["number"] == 1)
    assert note1["page"] == 3 and "kansongelijkheid" in note1["citing_sentence"]


def test_footnote_check_of_the_sample_finds_nothing(capsys, monkeypatch, corpus_env):
    code, out, err = run(capsys, monkeypatch, "footnotes", "--check", "--doc", "2020")
    assert code == 0, out


def test_compare_json_scores_against_the_change_list(capsys, monkeypatch, corpus_env, tmp_path):
    import subprocess

    code, out, err = run(capsys, monkeypatch, "compare", "2020", "2021", "--all", "--format", "json")
    assert code == 0, err
    result = tmp_path / "compare.json"
    result.write_text(out, encoding="utf-8")
    scorer = subprocess.run([sys.executable, str(DATA.parent / "eval" / "score_compare.py"), str(result),
                             str(DATA / "changes-2020-2021.json"), "--require", "class_accuracy=0.95", "--require", "paired=0.95"],
                            capture_output=True, text=True)
    assert scorer.returncode == 0, scorer.stdout + scorer.stderr


def test_compare_with_one_edition_says_which_documents_exist(capsys, monkeypatch, corpus_env):
    code, out, err = run(capsys, monkeypatch, "compare", "2020", "2019")
    assert code == 2 and out == ""
    assert "2020" in err and "2021" in err


def test_export_follows_the_contract_and_scores_on_the_truth(capsys, monkeypatch, corpus_env):
    sys.path.insert(0, str(DATA.parent / "eval"))
    from score_extract import score

    code, out, err = run(capsys, monkeypatch, "corpus", "export", "2020")
    assert code == 0, err
    export = json.loads(out)
    assert export["document"]["year"] == 2020 and export["document"]["page_count"] == 80
    result = score(export, TRUTH_2020)
    assert result["footnotes"]["found"] == 109
    assert result["measures"]["recall"] >= 0.95


def test_empty_corpus_loads_the_bundled_sample_and_says_so(capsys, monkeypatch, tmp_path):
    monkeypatch.delenv("RBTOOL_CORPUS")  # the default corpus in the user cache (here a temporary folder)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    code, out, err = run(capsys, monkeypatch, "measures", "--summary", "--format", "csv")
    assert code == 0
    assert SAMPLE_PDF.name in err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["ministerie"] for r in rows} == {b["ministerie"] for b in TRUTH_2020["blocks"] if b.get("ministerie")}


def test_compare_table_shows_the_summary_diffs_and_term_frequencies(capsys, monkeypatch, corpus_env):
    code, out, err = run(capsys, monkeypatch, "compare", "2020", "2021", "--ministerie", "BZK", "--format", "table",
                         "--terms", "stikstof,woningbouw", "--sources")
    assert code == 0, err
    assert "Measures per ministry and class" in out and "Term frequency per 10,000 words" in out
    assert "Budget amounts of the measures" in out
    # from the change list: BZK's "woningbouwimpuls van een miljard" became 850 miljoen
    assert "amount_changed" in out and "850 miljoen" in out
    term_rows = [line for line in out.splitlines() if line.strip().strip("│┃ ").startswith("stikstof")]
    assert term_rows, out


def test_compare_only_filters_classes_and_rejects_unknown_ones(capsys, monkeypatch, corpus_env):
    code, out, _ = run(capsys, monkeypatch, "compare", "2020", "2021", "--only", "new,dropped", "--format", "json")
    changes = json.loads((DATA / "changes-2020-2021.json").read_text(encoding="utf-8"))["records"]
    assert code == 0
    assert sorted(r["class"] for r in json.loads(out)) == sorted(r["class"] for r in changes
                                                                 if r["class"] in ("new", "dropped"))
    code, out, err = run(capsys, monkeypatch, "compare", "2020", "2021", "--only", "verdwenen")
    assert code == 2 and "verdwenen" in err and "dropped" in err


def test_corpus_remove_takes_the_document_out_of_every_query(capsys, monkeypatch, corpus_env):
    assert run(capsys, monkeypatch, "corpus", "remove", "2021")[0] == 0
    code, out, _ = run(capsys, monkeypatch, "corpus", "list", "--format", "json")
    assert [d["year"] for d in json.loads(out)] == [2020]
    code, out, _ = run(capsys, monkeypatch, "search", "stikstof", "--format", "json")
    assert code == 0 and {h["year"] for h in json.loads(out)} == {2020}
    code, _, err = run(capsys, monkeypatch, "corpus", "show", "2021")
    assert code == 2 and "no document '2021'" in err


def test_piped_output_defaults_to_plain_tab_separated_rows(capsys, monkeypatch, corpus_env):
    code, out, _ = run(capsys, monkeypatch, "measures", "--summary", "--year", "2020")
    assert code == 0
    rows = [line.split("\t") for line in out.splitlines()]
    assert {len(r) for r in rows} == {9} and "\x1b[" not in out
    truth_codes = {b["ministerie"] for b in TRUTH_2020["blocks"] if b.get("ministerie")}
    assert {r[2] for r in rows} == truth_codes and {r[1] for r in rows} == {"2020"}


def test_footnotes_csv_has_one_row_per_reference(capsys, monkeypatch, corpus_env):
    code, out, err = run(capsys, monkeypatch, "footnotes", "--doc", "2020", "--format", "csv")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {int(r["number"]) for r in rows} == set(range(1, 110))
    # note 11 cites a Pharos factsheet and the Miljoenennota: two references, two rows
    note11 = [r for r in rows if r["number"] == "11"]
    assert len(note11) == 2 and {r["identifier"] for r in note11} >= {"kst-35300-1"}
    assert all(r["page"].isdigit() and r["citing_sentence"] and r["text"] for r in rows)


def test_a_reader_that_stops_early_ends_the_command_quietly(corpus_env):
    """`rbtool measures -f csv | head`: more output than a pipe holds, the reader leaves, exit 0, no traceback."""
    import subprocess

    script = f'"{sys.executable}" -m rbtool measures --format csv | head -c 100 >/dev/null; echo "${{PIPESTATUS[0]}}"'
    done = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "0"
    assert done.stderr == ""


def test_a_run_loads_only_its_own_command_and_help_still_lists_all(capsys, monkeypatch, corpus_env):
    from rbtool.cli import COMMAND_MODULES, command_named_in

    assert command_named_in(["--corpus", "search", "compare", "2020"]) == "compare"  # 'search' is the path
    assert command_named_in(["--no-pager", "measures", "--format", "csv"]) == "measures"
    assert command_named_in(["serch", "x"]) is None and command_named_in(["--help"]) is None
    code, out, _ = run(capsys, monkeypatch, "search", "stikstof", "-n", "1", "--format", "csv")
    assert code == 0 and "stikstof" in out.lower()
    code, out, _ = run(capsys, monkeypatch, "--help")
    listed = [line.split()[0] for line in out.partition("Commands:")[2].splitlines() if line.strip()]
    assert code == 0 and listed == list(COMMAND_MODULES), out  # every command, in its order, after a one-command run
    code, out, err = run(capsys, monkeypatch, "serch", "stikstof")
    assert code == 2 and "Did you mean 'search'" in err


def test_the_entry_point_runs_commands_with_the_collector_on_and_start_up_frozen(monkeypatch):
    import gc

    from rbtool import cli, launch

    seen = {}
    monkeypatch.setattr(sys, "argv", ["rbtool", "corpus", "list"])
    monkeypatch.setattr(cli, "main", lambda: seen.update(enabled=gc.isenabled(), frozen=gc.get_freeze_count()))
    try:
        launch.main()
    finally:
        gc.unfreeze()
    assert seen["enabled"] and seen["frozen"] > 10_000


def test_python_dash_m_runs_the_cli(corpus_env):
    import subprocess

    done = subprocess.run([sys.executable, "-m", "rbtool", "corpus", "list", "--format", "json"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert {d["year"] for d in json.loads(done.stdout)} == {2020, 2021}
