"""Search over the truth document: relevance on researchers' questions, the query language, each matcher.

Expectations come from tests/data/relevance.json and from reading the truth file, never from a search run.
Run with -s to see the relevance table.
"""
from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import replace

import pytest

from rbtool.errors import QuerySyntaxError, UsageError
from rbtool.nl.text import fold
from rbtool.queries.search import count, parse_query, search, term_frequency
from rbtool.store import search_index

from conftest import DATA

RELEVANCE = json.loads((DATA / "relevance.json").read_text(encoding="utf-8"))
TRUTH = json.loads((DATA / "analyse-rijksbegroting-2020.truth.json").read_text(encoding="utf-8"))
RECALL_AT = 20
MIN_MEAN_RECALL = 0.95
MIN_QUERY_RECALL = 0.8


def _connect():
    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.execute("CREATE TABLE documents (id TEXT PRIMARY KEY, title TEXT NOT NULL, year INTEGER)")
    # hits read the page parts of blocks crossing pages from the store's blocks and pages
    conn.execute("CREATE TABLE blocks (doc_id TEXT, id TEXT, kind TEXT, page_breaks TEXT NOT NULL DEFAULT '[]')")
    conn.execute("CREATE TABLE pages (doc_id TEXT, idx INTEGER, label TEXT)")
    for statement in search_index.SCHEMA:
        conn.execute(statement)
    return conn


def _add(conn, doc):
    conn.execute("INSERT INTO documents VALUES (?, ?, ?)", (doc.id, doc.title, doc.year))
    search_index.index_document(conn, doc)


@pytest.fixture(scope="module")
def conn(truth_2020):
    conn = _connect()
    _add(conn, truth_2020)
    yield conn
    conn.close()


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", fold(text))


def _is(hit, expected) -> bool:
    return hit.page == expected["page"] and _norm(expected["text"]) in _norm(hit.text)


def _passages_containing(doc, needle: str):
    needle = _norm(needle)
    texts = [b.text for b in doc.blocks] + [f.text for f in doc.footnotes]
    return [t for t in texts if needle in _norm(t)]


# --------------------------------------------------------------------------------------------- relevance

def test_relevance_set_names_real_passages(truth_2020):
    """Every expected passage exists in the truth on its page, once (so the set itself cannot drift)."""
    passages = [(b.page, b.text) for b in truth_2020.blocks] + [(f.page, f.text) for f in truth_2020.footnotes]
    assert len(RELEVANCE["queries"]) >= 25
    for case in RELEVANCE["queries"]:
        for expected in case["expect"]:
            found = [t for p, t in passages if p == expected["page"] and _norm(expected["text"]) in _norm(t)]
            assert len(found) == 1, (case["query"], expected)


def relevance_table(conn) -> tuple[list[dict], float, float]:
    """Per query of the relevance set: recall@20 and the rank of the first expected passage; mean recall, MRR."""
    rows = []
    for case in RELEVANCE["queries"]:
        options = {k: case[k] for k in ("ministerie", "section", "kind") if k in case}
        hits = search(conn, case["query"], limit=RECALL_AT, **options).hits
        found = [any(_is(h, e) for h in hits) for e in case["expect"]]
        first = next((i for i, h in enumerate(hits, 1) if any(_is(h, e) for e in case["expect"])), None)
        rows.append({"query": case["query"] + "".join(f" --{k} {v}" for k, v in options.items()),
                     "recall": sum(found) / len(found), "first": first, "hits": len(hits), "covers": case["covers"]})
    mean_recall = sum(r["recall"] for r in rows) / len(rows)
    mrr = sum(1 / r["first"] if r["first"] else 0.0 for r in rows) / len(rows)
    return rows, mean_recall, mrr


@pytest.fixture(scope="module", params=["truth_2020", "sample_document"])
def relevance_conn(request):
    """The relevance set runs on the truth and on what extraction makes of the bundled PDF."""
    conn = _connect()
    _add(conn, request.getfixturevalue(request.param))
    yield conn
    conn.close()


def test_recall_and_mrr_on_researchers_questions(relevance_conn):
    rows, mean_recall, mrr = relevance_table(relevance_conn)
    print(f"\n{'query':<45} {'recall':>6} {'first':>6} {'hits':>5}  covers")
    for r in rows:
        print(f"{r['query']:<45} {r['recall']:>6.2f} {r['first'] or '-':>6} {r['hits']:>5}  {r['covers']}")
    print(f"mean recall@{RECALL_AT} {mean_recall:.3f}   MRR {mrr:.3f}   queries {len(rows)}")
    assert mean_recall >= MIN_MEAN_RECALL
    assert min(r["recall"] for r in rows) >= MIN_QUERY_RECALL, [r for r in rows if r["recall"] < MIN_QUERY_RECALL]


# --------------------------------------------------------------------------------------------- parser

@pytest.mark.parametrize("query", ['"', 'stikstof "woning', "NEAR(stikstof woning)", "*", "stik*", "-",
                                   "stikstof -", "AND", "stikstof AND", "OR woning", "woning OR",
                                   "woning OR OR huur", "", "   ", "-stikstof", "(woning)", "titel:woning",
                                   "NOT stikstof", '""', "…", "woning OR -huur"])
def test_malformed_queries_raise_a_query_syntax_error(query, conn):
    with pytest.raises(QuerySyntaxError) as parsed:
        parse_query(query)
    assert parsed.value.reason  # a message the CLI can print
    with pytest.raises(QuerySyntaxError):  # the search itself never lets an sqlite3 error through
        search(conn, query)


def test_parser_groups_or_alternatives_and_exclusions():
    query = parse_query('woning OR huur stikstof -landbouw "Brede Welvaart" AND regio')
    assert [[t.words for t in g] for g in query.groups] == [
        [("woning",), ("huur",)], [("stikstof",)], [("brede", "welvaart")], [("regio",)]]
    assert query.groups[2][0].phrase
    assert [t.words for t in query.excluded] == [("landbouw",)]


def test_lowercase_or_is_a_word_and_punctuated_words_become_phrases():
    query = parse_query("regio's or")
    assert [t.words for g in query.groups for t in g] == [("regio", "s"), ("or",)]
    assert query.groups[0][0].phrase


# --------------------------------------------------------------------------------------------- matchers

def test_diacritics_and_case_are_folded(conn, truth_2020):
    hits = search(conn, "FINANCIELE", exact=False, limit=200).hits
    written = [t for t in _passages_containing(truth_2020, "financiële") if "financiële" in t.lower()]
    assert {h.text for h in hits} >= set(written)
    assert "financiële" in {t for h in hits for t in h.matched_terms}


def test_compound_head_and_tail(conn):
    heads = search(conn, "stikstof", limit=100).hits
    assert any("stikstofproblematiek" in h.matched_terms for h in heads)
    tails = search(conn, "problematiek", limit=100).hits
    assert any("stikstofproblematiek" in h.matched_terms for h in tails)


def test_exact_and_stem_hits_rank_above_compound_hits(conn):
    hits = search(conn, "stikstof", limit=100).hits
    plain = [i for i, h in enumerate(hits) if "stikstof" in h.matched_terms]
    compound_only = [i for i, h in enumerate(hits) if "stikstof" not in h.matched_terms]
    assert plain and compound_only and max(plain) < min(compound_only)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_inflection_finds_the_plural(conn):
    hits = search(conn, "woning", limit=200).hits
    assert any("woningen" in h.matched_terms and "woning" not in h.matched_terms for h in hits)
    assert any("huurwoningen" in h.matched_terms for h in hits)  # compound of the plural


def test_typo_is_corrected_below_exact_hits_and_reported(conn):
    result = search(conn, "stiksof")
    assert result.also_matched == ["stikstof"]
    assert result.hits and all(h.fuzzy for h in result.hits)
    assert "stikstof" in {t for h in result.hits for t in h.matched_terms}
    correct = search(conn, "stikstof")
    assert correct.also_matched == [] and not any(h.fuzzy for h in correct.hits)


def test_exact_switches_every_matcher_off(conn):
    exact = search(conn, "Stikstof", exact=True, limit=100).hits
    assert exact and all(re.search(r"\bStikstof\b", h.text) for h in exact)
    assert search(conn, "financiele", exact=True).hits == []  # the text writes "financiële"
    assert search(conn, "stiksof", exact=True).hits == []
    assert search(conn, "woningen", exact=True, limit=200).hits and all(
        "woningen" in h.matched_terms for h in search(conn, "woningen", exact=True, limit=200).hits)


def test_phrase_needs_the_words_next_to_each_other(conn):
    hits = search(conn, '"betaalbare woningen"', limit=100).hits
    assert hits and all("betaalbare woningen" in _norm(h.text) for h in hits)


def test_exclusion_removes_passages_with_the_word_and_its_compounds(conn, truth_2020):
    hits = search(conn, "verhuurderheffing -corporaties", limit=100).hits
    assert hits and all("corporatie" not in _norm(h.text) for h in hits)
    # the flexwoningen paragraph on p. 16 does not mention corporations
    assert any(h.page == 16 and "flexwoningen" in h.text for h in hits)


def test_or_takes_either_word(conn):
    hits = search(conn, "jeugdhulp OR jeugdzorg", limit=100).hits
    assert any("jeugdhulp" in h.matched_terms for h in hits) and any("jeugdzorg" in h.matched_terms for h in hits)


# --------------------------------------------------------------------------------------------- hits

def test_hit_says_where_to_cite(conn, truth_2020):
    hits = search(conn, "stikstofuitstoot", limit=5).hits
    paragraph = next(h for h in hits if h.page == 14)
    assert paragraph.section == ("2.1 Wonen, ruimte en verstedelijking › "
                                 "Stikstofproblematiek zorgt voor stagnatie bouwprojecten")
    assert paragraph.kind == "paragraph" and paragraph.block_id
    assert paragraph.page_label == truth_2020.page_label(14)
    assert paragraph.doc == "truth2020" and paragraph.year == 2020 and paragraph.title == truth_2020.title

    note = next(h for h in search(conn, "EIB stikstofproblematiek").hits if h.kind == "footnote")
    assert (note.note, note.label) == (36, "footnote 36") and note.block_id is None and note.page == 15

    measure = search(conn, "Programma Aanpak Stikstof", ministerie="LNV").hits[0]
    assert (measure.kind, measure.ministerie, measure.label) == ("measure", "LNV", "measure of LNV")

    quote = next(h for h in search(conn, "stikstofdiscussie").hits if h.kind == "quote")
    assert quote.attribution == "Roy Nieuwenhuis, adviseur TwynstraGudde en YURPS"
    assert quote.label == f"quote by {quote.attribution}"


def test_snippet_window_and_highlights(conn):
    hits = search(conn, "verhuurderheffing", context=5, limit=50).hits
    assert hits
    for hit in hits:
        assert hit.highlights
        for start, end in hit.highlights:
            assert "verhuurderheffing" in fold(hit.snippet[start:end])
        if hit.snippet != hit.text:
            assert hit.snippet.startswith("…") or hit.snippet.endswith("…")
            before, after = hit.snippet[:hit.highlights[0][0]], hit.snippet[hit.highlights[-1][1]:]
            assert len(re.findall(r"\w+", before)) <= 5 and len(re.findall(r"\w+", after)) <= 5
    long_hit = max(hits, key=lambda h: len(h.text))
    assert long_hit.snippet != long_hit.text
    full = search(conn, "verhuurderheffing", full=True, limit=50).hits
    assert all(h.snippet == h.text for h in full)
    assert all(h.text[s:e].lower() == "verhuurderheffing" for h in full for s, e in h.highlights)


# --------------------------------------------------------------------------------------------- filters

def _ministry_sections(code):
    return {b["section"] for b in TRUTH["blocks"] if b.get("ministerie") == code}


def test_ministry_filter_keeps_the_ministrys_sections(conn):
    hits = search(conn, "stikstof OR omgevingswet OR onderwijs", ministerie="BZK", limit=100).hits
    assert hits and {h.section.split()[0] for h in hits} <= _ministry_sections("BZK")


def test_kind_and_section_filters(conn):
    notes = search(conn, "stikstofproblematiek", kind="footnote", limit=100).hits
    assert notes and all(h.kind == "footnote" for h in notes)
    measures = search(conn, "stikstof", kind="measure", limit=100).hits
    assert measures and all(h.kind == "measure" and h.ministerie for h in measures)
    either = search(conn, "stikstof", kind=["measure", "footnote"], limit=0).hits
    assert {h.kind for h in either} == {"measure", "footnote"}
    assert len(either) == len(search(conn, "stikstof", kind="measure", limit=0).hits) + len(
        search(conn, "stikstof", kind="footnote", limit=0).hits)
    in_section = search(conn, "verhuurderheffing", section="2.1", limit=100).hits
    assert in_section and all(h.section.startswith("2.1 ") for h in in_section)
    by_title = search(conn, "verhuurderheffing", section="wonen, ruimte", limit=100).hits
    assert {h.block_id for h in by_title} == {h.block_id for h in in_section}
    with pytest.raises(UsageError):
        search(conn, "stikstof", kind="chart")


def test_count_per_section_adds_up_to_the_passages_holding_the_word(conn, truth_2020):
    rows = count(conn, "verhuurderheffing")
    assert sum(n for _, _, n in rows) == len(_passages_containing(truth_2020, "verhuurderheffing"))
    assert all(doc == "truth2020" for doc, _, _ in rows)


def test_term_frequency_counts_inflections_and_compounds(conn, truth_2020):
    texts = [b.text for b in truth_2020.blocks] + [f.text for f in truth_2020.footnotes]
    words = sum(len(re.findall(r"\w+", t)) for t in texts)
    occurrences = sum(len(re.findall(r"\w*verhuurderheffing\w*", t, re.I)) for t in texts)
    assert term_frequency(conn, "truth2020", "verhuurderheffing") == (occurrences, words)


# --------------------------------------------------------------------------------------------- index upkeep

def test_several_documents_filters_and_removal(truth_2020):
    conn = _connect()
    _add(conn, truth_2020)
    _add(conn, replace(truth_2020, id="copy2021", year=2021))
    both = search(conn, "verhuurderheffing", limit=100).hits
    assert {h.doc for h in both} == {"truth2020", "copy2021"}
    assert {h.doc for h in search(conn, "verhuurderheffing", year=2021, limit=100).hits} == {"copy2021"}
    assert {h.doc for h in search(conn, "verhuurderheffing", doc_ids=["truth2020"], limit=100).hits} == {"truth2020"}
    df = dict(conn.execute("SELECT term, df FROM search_vocabulary WHERE term='verhuurderheffing'"))
    search_index.remove_document(conn, "copy2021")
    assert {h.doc for h in search(conn, "verhuurderheffing", limit=100).hits} == {"truth2020"}
    assert conn.execute("SELECT df FROM search_vocabulary WHERE term='verhuurderheffing'").fetchone()[0] * 2 == \
        df["verhuurderheffing"]
    search_index.remove_document(conn, "truth2020")
    assert search(conn, "verhuurderheffing").hits == []
    assert conn.execute("SELECT count(*) FROM search_vocabulary").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM search_passages").fetchone()[0] == 0
    conn.close()


def test_index_records_its_stemmer(conn):
    from rbtool.nl.text import stemmer_id
    assert conn.execute("SELECT value FROM search_meta WHERE key='stemmer'").fetchone()[0] == stemmer_id()


def test_search_kinds_are_the_kinds_the_index_filters():
    from rbtool import model
    from rbtool.store.search_index import KINDS, LABELS, shown_kind

    assert tuple(KINDS) == model.SEARCH_KINDS
    assert {shown_kind(kind, None) for kinds, _ in KINDS.values() for kind in kinds} <= set(model.SEARCH_KINDS)
    assert set(LABELS.values()) <= set(model.SEARCH_KINDS)
