"""The style matrix of issue 9: the 2020 analysis and the 2021 edition in 21 typesettings, each scored.

tests/tools/make_matrix.py typesets the truths in independent typographic choices (fonts, sizes, heading
styles, run-in subheadings, running headers, note numbering and markers, quote frames, bullets, columns,
a contents page, ligatures without a Unicode map; tests/data/matrix/manifest.json lists them). Every file is
extracted once per session, exported as `rbtool corpus export` does and scored with score_extract.py
against issue 9's figures (tests/matrixscore.py: REQUIREMENTS).

Figures today's extractor misses are listed with their measured value in tests/data/matrix/shortfalls.json
and run as xfail(strict=True): when a change reaches a figure, its test XPASSes and fails until
`python tests/tools/matrix_shortfalls.py` rewrites the file. Run with -s to see each file's score line.
"""
from __future__ import annotations

import dataclasses
import json
import os

import pytest

from matrixscore import (MANIFEST, REQUIREMENTS, export_document, figures, matrix_files, read_shortfalls,
                         score, score_all, score_line, unmet)
from truthdoc import DATA, document_from_truth

FILES = matrix_files()
SHORTFALLS = read_shortfalls()
SHOWN_MISSES = 5
LAYOUT_KEYS = {"page", "page_end", "label"}  # what a typesetting changes in every truth


def _load(path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def matrix_score(request):
    """The score of each matrix file the session's selected tests ask for, all extracted at first use in
    parallel processes (one per core, at most two: ~10 s of CPU a file); each file's score line is printed."""
    wanted = sorted({item.callspec.params["file_id"] for item in request.session.items
                     if item.originalname == "test_typesetting_reaches_issue_figure"})
    scores = {}
    for file_id, result in score_all(wanted, min(2, os.cpu_count() or 1), SHOWN_MISSES):
        scores[file_id] = result
        print("\n" + score_line(file_id, result))
        for part, values in (result.get("misses") or {}).items():
            print(f"  miss {part}: {values}")
    return scores.__getitem__


def _figure_cases():
    for file_id in sorted(FILES):
        for requirement in REQUIREMENTS:
            known = SHORTFALLS.get(file_id, {}).get(requirement.metric)
            marks = [pytest.mark.xfail(strict=True, reason=f"today {requirement.metric}={known} "
                                                           f"(tests/data/matrix/shortfalls.json)")] \
                if known is not None else []
            yield pytest.param(file_id, requirement, id=f"{file_id}:{requirement.metric}", marks=marks)


@pytest.mark.parametrize("file_id,requirement", list(_figure_cases()))
def test_typesetting_reaches_issue_figure(matrix_score, file_id, requirement):
    measured = figures(matrix_score(file_id))[requirement.metric]
    assert requirement.met(measured), f"{file_id}: {requirement.metric}={measured}, issue 9 needs {requirement}"


# ------------------------------------------------------------------------------------- the matrix itself

def test_manifest_spans_the_issues_choices():
    manifest = _load(MANIFEST)
    typesettings = manifest["typesettings"]
    assert len(typesettings) >= 12
    editions = [{f["edition"] for f in t["files"]} for t in typesettings]
    assert all("2020" in e for e in editions)
    assert sum("2021" in e for e in editions) >= 6
    for key in typesettings[0]["choices"]:
        assert len({json.dumps(t["choices"][key]) for t in typesettings}) >= 2, f"choice {key} never varies"
    for pdf, truth in FILES.values():
        assert pdf.exists() and truth.exists()
    assert sum(pdf.stat().st_size for pdf, _ in FILES.values()) < 40 * 2**20


@pytest.mark.parametrize("file_id", sorted(FILES))
def test_truth_is_the_source_content_with_this_layout(file_id):
    """A matrix truth must say what its source truth says, apart from what the typesetting changes."""
    truth = _load(FILES[file_id][1])
    source = _load(DATA / ("analyse-rijksbegroting-2020.truth.json" if file_id.startswith("2020")
                           else "analyse-rijksbegroting-2021-testeditie.truth.json"))
    numbered = any(b["kind"] == "heading" and b["number"] for b in truth["blocks"])
    # numbered items are relabelled ("c."); unnumbered headings lose their number and blocks their section
    changed = LAYOUT_KEYS | {"number"} | (set() if numbered else {"section"})
    assert [b["id"] for b in truth["blocks"]] == [b["id"] for b in source["blocks"]]
    for ours, theirs in zip(truth["blocks"], source["blocks"]):
        assert {k: v for k, v in ours.items() if k not in changed} == \
               {k: v for k, v in theirs.items() if k not in changed}, ours["id"]
        if ours["kind"] == "heading":
            assert ours["number"] == (theirs["number"] if numbered else None)
    assert truth["footnotes"].keys() == source["footnotes"].keys()
    for number, note in truth["footnotes"].items():
        assert note["text"] == source["footnotes"][number]["text"]
        assert note["page"] <= note["page_end"]
        assert abs(note["marker_page"] - note["page"]) <= 1  # Typst's two columns print a few a page early
    pages = {p["index"] for p in truth["pages"]}
    assert pages == set(range(1, truth["document"]["page_count"] + 1))
    starts = [b["page"] for b in truth["blocks"]]
    assert starts == sorted(starts)
    if "contents" in truth:  # the contents page holds no block of the body
        assert truth["contents"]["page"] < starts[0]


def test_shortfalls_name_only_matrix_files_and_issue_figures():
    metrics = {r.metric for r in REQUIREMENTS}
    for file_id, missed in SHORTFALLS.items():
        assert file_id in FILES
        assert set(missed) <= metrics


# ------------------------------------------------------------------------------------- the scoring path

@pytest.fixture(scope="module")
def perfect_document():
    """The first matrix file's truth as the model extraction produces (tests/truthdoc.py)."""
    file_id = sorted(FILES)[0]
    name = str(FILES[file_id][1].relative_to(DATA))
    return file_id, document_from_truth(name, doc_id="matrixtruth")


@pytest.mark.parametrize("file_id", sorted(FILES))
def test_truth_as_export_meets_every_figure(file_id):
    """The scoring path (store, export, score_extract) gives a perfect extraction every figure."""
    doc = document_from_truth(str(FILES[file_id][1].relative_to(DATA)), doc_id="matrixtruth")
    result = score(export_document(doc), _load(FILES[file_id][1]))
    assert unmet(result) == {}
    measured = figures(result)
    assert all(measured[r.metric] == (0 if r.at_most else 1.0) for r in REQUIREMENTS), measured


def test_damaged_export_scores_lower(perfect_document):
    """Subheadings read as paragraphs, lost notes and a running header inside the text all show."""
    file_id, doc = perfect_document
    truth = _load(FILES[file_id][1])
    leak = truth["furniture_strings"][0]
    subheadings = [b.id for b in doc.blocks if b.kind == "subheading"][::2]
    blocks = tuple(dataclasses.replace(b, kind="paragraph") if b.id in subheadings
                   else dataclasses.replace(b, text=f"{b.text} {leak}") if b.kind == "paragraph" and b.page > 2
                   else dataclasses.replace(b, subheading=None) if b.kind == "list_item"
                   else b for b in doc.blocks)
    damaged = dataclasses.replace(doc, blocks=blocks, footnotes=doc.footnotes[:-20])
    result = score(export_document(damaged), truth)
    measured = figures(result)
    assert measured["subheadings.f1"] < 0.7
    assert measured["footnotes.found"] < 0.85
    assert measured["body.furniture_leaks"] > 100
    assert measured["measures.theme"] < 0.9
    assert set(unmet(result)) >= {"subheadings.f1", "footnotes.found",
                                                                   "body.furniture_leaks", "measures.theme"}
