"""The query parser and the search filters take any text: a result, or one clear error, never a crash."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rbtool.errors import QuerySyntaxError, UsageError
from rbtool.queries import search as searching
from rbtool.store.db import Corpus

# Characters the query language gives meaning to, mixed into arbitrary text so the parser's corners get hit.
SYNTAX = st.sampled_from(['"', "-", " OR ", " AND ", " NOT ", " NEAR ", "*", "(", ")", ":", "^", "+", "{", "}",
                          "\\", "'", "%", "_", "\x00", "\n", "\t", "ĳ", "é", "😀", "\u200b", "gemeenten",
                          "jeugdzorg", "woningbouw", "2021", "€"])
QUERIES = st.lists(st.one_of(SYNTAX, st.text(max_size=12)), max_size=12).map("".join)
FUZZ = settings(derandomize=True, max_examples=300, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.fixture(scope="module")
def conn(small_corpus):
    with Corpus(small_corpus) as corpus:
        yield corpus.conn


@FUZZ
@given(query=QUERIES)
def test_any_query_parses_or_says_why(query):
    try:
        parsed = searching.parse_query(query)
    except QuerySyntaxError as exc:
        assert "\n" not in str(exc).strip()
    else:
        assert parsed.groups


@FUZZ
@given(query=QUERIES, section=st.one_of(st.none(), QUERIES), kind=st.one_of(st.none(), st.text(max_size=10),
       st.sampled_from(["paragraph", "footnote", "heading", "measure"])), year=st.one_of(st.none(),
       st.integers(1000, 9999)), exact=st.booleans())
def test_any_query_and_filters_search_or_say_why(conn, query, section, kind, year, exact):
    try:
        result = searching.search(conn, query, exact=exact, section=section, kind=kind, year=year, limit=5)
        counted = searching.count(conn, query, exact=exact, section=section, kind=kind, year=year)
    except (QuerySyntaxError, UsageError) as exc:
        assert str(exc).strip()
        return
    assert len(result.hits) <= 5
    if section is not None and not any(ch.isalnum() for ch in section):
        assert result.hits == [] and counted == []  # nothing to look for in a title matches no section
