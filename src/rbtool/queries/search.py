"""Search the corpus: Dutch-aware matching of a small query language over the full-text index.

Query language (parse_query): words are all required; "an exact phrase" in double quotes; OR between two
alternatives (binds tighter than the implicit AND: `woning OR huur stikstof`); -word or -"phrase" excludes.
AND between words is allowed and changes nothing. Everything else that looks like syntax is refused.

Matching (each switched off by exact=True, which wants the word as typed, letter case and accents included):
1. case and diacritics are folded: "financiele" finds "Financiële";
2. inflection through the Snowball Dutch stemmer: "woning" finds "woningen";
3. compound parts: a word finds longer words that start or end with it ("stikstof" →
   "stikstofproblematiek", "problematiek" → "stikstofproblematiek", "woning" → "huurwoningen");
4. typos, only for a word the corpus (nearly) lacks: "stiksof" → "stikstof", reported in `also_matched`.
A quoted phrase is matched word for word after folding only.

Ranking: passages found through exact words or stems come first, then those that needed compound parts, then
those that needed a typo correction; within each tier by bm25, a little higher when the words also stand in
the passage's section or subheading title, then by document and page.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

from rbtool import model
from rbtool.errors import QuerySyntaxError, QueryTooCostly, UsageError
from rbtool.nl import text as nltext
from rbtool.store import search_index
from rbtool.store.search_index import Filters

DEFAULT_LIMIT = 20
DEFAULT_CONTEXT = 12  # words of context on each side of the matches in a snippet
DEFAULT_MIN_COMPOUND_PART = 4  # shorter words ("de", "en", "zorg" is 4) are not looked for inside compounds
DEFAULT_MAX_EXPANSION = 300  # most frequent compound words kept per query word and direction
DEFAULT_FEW_HITS = 2  # a word found in fewer passages than this also gets typo corrections
DEFAULT_MIN_FUZZY_LENGTH = 4  # shorter words are never corrected
DEFAULT_LONG_WORD = 8  # from this length a correction may be two edits away instead of one
DEFAULT_MAX_CORRECTIONS = 3  # typo corrections kept per word
DEFAULT_SECTION_BOOST = 0.25  # relevance bonus when a query word also stands in the passage's section path
DEFAULT_RERANK_POOL = 20  # extra passages fetched per tier so the section bonus can reorder them
DEFAULT_FETCH_BATCH = 500  # passages read per query to the store (SQLite caps the number of parameters)
# The work one query may cost: this many words (phrase words included; each is expanded through the
# vocabulary), and this much time for expanding and matching (a 14 kB query of unknown words took 5.6 s).
DEFAULT_MAX_WORDS = 32
DEFAULT_TIME_BUDGET = 1.0

EXACT, COMPOUND, FUZZY = 0, 1, 2  # match tiers, best first
OPERATOR_WORDS = {"OR", "AND"}
REFUSED_WORDS = {"NOT": "use -word to exclude a word", "NEAR": "proximity search is not supported; "
                 "use an \"exact phrase\""}
SYNTAX_CHARACTERS = {
    "*": "no wildcard is needed: a word already finds compounds that start or end with it",
    "(": "parentheses are not supported; OR binds two neighbouring words", ")": "parentheses are not supported",
    ":": "column filters are not supported; use --section, --kind or --ministerie",
    "^": "'^' is not supported", "{": "'{' is not supported", "}": "'}' is not supported",
    "+": "'+' is not needed: every word is required",
}


# --------------------------------------------------------------------------------------------- parsing

@dataclass(frozen=True)
class Term:
    """One word or phrase of a query."""

    typed: str  # as the user wrote it, without quotes
    words: tuple[str, ...]  # folded words; several for a phrase (or a word like "regio's")
    phrase: bool = False  # quoted: matched word for word after folding, never expanded


@dataclass(frozen=True)
class Query:
    groups: tuple[tuple[Term, ...], ...]  # every group is required; a group is alternatives joined by OR
    excluded: tuple[Term, ...] = ()


def _error(message: str, text: str) -> QuerySyntaxError:
    return QuerySyntaxError(message, where=f"query {text!r}")


def _lex(text: str) -> list[tuple[str, str]]:
    """(type, value) tokens: ('word', w), ('phrase', p), ('-word', w), ('-phrase', p), ('op', OR|AND)."""
    tokens: list[tuple[str, str]] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
            continue
        negated = c == "-"
        if negated:
            i += 1
            if i >= n or text[i].isspace():
                raise _error("a lone '-' excludes nothing; write -word or -\"phrase\"", text)
        if text[i] == '"':
            close = text.find('"', i + 1)
            if close < 0:
                raise _error("unclosed '\"': end the phrase with a second '\"'", text)
            tokens.append(("-phrase" if negated else "phrase", text[i + 1:close]))
            i = close + 1
            continue
        start = i
        while i < n and not text[i].isspace() and text[i] != '"':
            i += 1
        word = text[start:i]
        if word in OPERATOR_WORDS and not negated:
            tokens.append(("op", word))
        else:
            tokens.append(("-word" if negated else "word", word))
    return tokens


def _term(value: str, phrase: bool, text: str) -> Term:
    if not phrase:
        bare = value.split("(")[0]
        if bare in REFUSED_WORDS:
            raise _error(f"{bare} is not supported: {REFUSED_WORDS[bare]}", text)
        for character, reason in SYNTAX_CHARACTERS.items():
            if character in value:
                raise _error(f"unsupported {character!r} in {value!r}: {reason}", text)
    words = tuple(nltext.folded_words(value))
    if not words:
        what = f'phrase "{value}"' if phrase else repr(value)
        raise _error(f"{what} holds no letters or digits to search for", text)
    return Term(value, words, phrase or len(words) > 1)


def parse_query(text: str) -> Query:
    """Parse the search language; anything malformed raises QuerySyntaxError with what to do instead."""
    if not text or not text.strip():
        raise _error("the query is empty; give at least one word", text or "")
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    pending: str | None = None  # an operator waiting for its right-hand word
    previous_excluded = False
    for kind, value in _lex(text):
        if kind == "op":
            if pending:
                raise _error(f"{pending} {value}: two operators in a row", text)
            if not groups or previous_excluded:
                raise _error(f"{value} needs a word on its left", text)
            pending = value
            continue
        term = _term(value, kind.endswith("phrase"), text)
        if kind.startswith("-"):
            if pending == "OR":
                raise _error("OR cannot join an exclusion; exclusions always apply", text)
            excluded.append(term)
            previous_excluded = True
            pending = None
            continue
        if pending == "OR":
            groups[-1].append(term)
        else:
            groups.append([term])
        pending, previous_excluded = None, False
    if pending:
        raise _error(f"{pending} needs a word on its right", text)
    if not groups:
        raise _error("only exclusions: give at least one word to search for", text)
    return Query(tuple(tuple(g) for g in groups), tuple(excluded))


# --------------------------------------------------------------------------------------------- expansion

@dataclass
class Expansion:
    """The corpus words one query term matches, each with the tier it needs."""

    term: Term
    tiers: dict[str, int] = field(default_factory=dict)  # folded corpus word → tier
    corrections: tuple[str, ...] = ()  # corpus words it matched only through typo tolerance

    def add(self, words, tier: int) -> None:
        for word in words:
            if word not in self.tiers or self.tiers[word] > tier:
                self.tiers[word] = tier

    def fts(self, tier: int) -> str | None:
        """FTS5 expression for this term up to `tier`; None when it can match nothing."""
        if self.term.phrase:
            return '"' + " ".join(self.term.words) + '"'
        words = sorted(w for w, t in self.tiers.items() if t <= tier)
        if not words:
            return None
        return "(" + " OR ".join(f'"{w}"' for w in words) + ")"


def _correction_distance(word: str) -> int:
    return 2 if len(word) >= DEFAULT_LONG_WORD else 1


def _expand_word(conn, typed: str, word: str, expansion: Expansion, tier_base: int, exact: bool) -> int:
    """Add what one folded word matches; returns how many passages its exact/stem/compound words reach."""
    if exact:
        itself = search_index.vocabulary_terms(conn, [word])
        expansion.add(itself, EXACT)
        return sum(itself.values())
    stems = {nltext.stem(typed), nltext.stem(word)}
    siblings = search_index.vocabulary_by_stem(conn, stems)
    siblings.update(search_index.vocabulary_terms(conn, nltext.inflected_forms(word)))
    expansion.add(siblings, tier_base)
    reach = sum(siblings.values())
    if len(word) >= DEFAULT_MIN_COMPOUND_PART:
        # heads and tails: the word itself and its inflected siblings that are a prefix of it ("woning"
        # for "woningen") start compounds; any sibling, or the stem, ends them
        heads = {word} | {s for s in siblings if len(s) >= DEFAULT_MIN_COMPOUND_PART and word.startswith(s)}
        compounds: dict[str, int] = {}
        for head in heads:
            compounds.update(search_index.vocabulary_starting(conn, head, DEFAULT_MAX_EXPANSION))
        for tail in {word} | {s for s in siblings if len(s) >= DEFAULT_MIN_COMPOUND_PART}:
            compounds.update(search_index.vocabulary_ending(conn, tail, DEFAULT_MAX_EXPANSION))
        for stem in stems:
            if len(stem) >= DEFAULT_MIN_COMPOUND_PART:
                compounds.update(search_index.vocabulary_ending(conn, stem, DEFAULT_MAX_EXPANSION, by_stem=True))
        expansion.add(compounds, max(COMPOUND, tier_base))
        reach += sum(df for w, df in compounds.items() if w not in siblings)
    return reach


def _corrections(conn, word: str, known: set[str]) -> list[str]:
    # imported here: only a word with few hits looks for typos, and most queries never pay for rapidfuzz
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    distance = _correction_distance(word)
    candidates = search_index.vocabulary_of_length(conn, len(word) - distance, len(word) + distance)
    for term in known:
        candidates.pop(term, None)
    found = process.extract(word, list(candidates), scorer=OSA.distance, score_cutoff=distance,
                            limit=None)
    # closest first, then the most frequent word of the corpus
    found.sort(key=lambda f: (f[1], -candidates[f[0]], f[0]))
    return [f[0] for f in found[:DEFAULT_MAX_CORRECTIONS]]


def expand(conn, term: Term, exact: bool) -> Expansion:
    expansion = Expansion(term)
    if term.phrase:
        return expansion
    word = term.words[0]
    reach = _expand_word(conn, term.typed, word, expansion, EXACT, exact)
    if exact or reach >= DEFAULT_FEW_HITS or len(word) < DEFAULT_MIN_FUZZY_LENGTH or word.isdigit():
        return expansion
    corrections = _corrections(conn, word, set(expansion.tiers))
    for correction in corrections:
        _expand_word(conn, correction, correction, expansion, FUZZY, exact=False)
    expansion.corrections = tuple(corrections)
    return expansion


@dataclass
class _Plan:
    """A parsed query with every term expanded: the FTS5 expressions for each tier."""

    query: Query
    groups: list[list[Expansion]]
    excluded: list[Expansion]
    exact: bool

    def top_tier(self) -> int:
        tiers = [t for group in self.groups for e in group for t in e.tiers.values()]
        return max(tiers, default=EXACT)

    def expression(self, tier: int) -> str | None:
        required = []
        for group in self.groups:
            alternatives = [e.fts(tier) for e in group]
            alternatives = [a for a in alternatives if a]
            if not alternatives:
                return None
            required.append("(" + " OR ".join(alternatives) + ")")
        expression = " AND ".join(required)
        exclusions = [e.fts(COMPOUND) for e in self.excluded]
        exclusions = [x for x in exclusions if x]
        if exclusions:
            expression = f"({expression}) NOT ({' OR '.join(exclusions)})"
        return expression

    def corrections(self) -> list[str]:
        return [c for group in self.groups for e in group for c in e.corrections]


def _plan(conn, query: str, exact: bool, deadline: float | None = None) -> _Plan:
    parsed = parse_query(query)
    words = sum(len(t.words) for group in parsed.groups for t in group) + sum(len(t.words) for t in parsed.excluded)
    if words > DEFAULT_MAX_WORDS:
        raise QuerySyntaxError(f"the query has {words:,} words; at most {DEFAULT_MAX_WORDS} are searched "
                               "(use fewer, more specific words)")

    def expanded(term: Term) -> Expansion:
        if deadline is not None and time.monotonic() > deadline:
            raise QueryTooCostly()
        return expand(conn, term, exact)

    groups = [[expanded(t) for t in group] for group in parsed.groups]
    excluded = [expanded(t) for t in parsed.excluded]
    for expansion in excluded:  # an exclusion never reaches out through typo corrections
        expansion.tiers = {w: t for w, t in expansion.tiers.items() if t < FUZZY}
        expansion.corrections = ()
    return _Plan(parsed, groups, excluded, exact)


# --------------------------------------------------------------------------------------------- snippets

def _matched_positions(words: list[nltext.Word], text: str, plan: _Plan, tier: int) -> list[int]:
    """Indices of the words of a passage that a positive query term matches (up to `tier`)."""
    folded = [w.folded for w in words]
    hits: set[int] = set()
    for group in plan.groups:
        for expansion in group:
            term = expansion.term
            if term.phrase:
                size = len(term.words)
                for i in range(len(folded) - size + 1):
                    if tuple(folded[i:i + size]) == term.words and _as_typed(words, text, i, term, plan):
                        hits.update(range(i, i + size))
            else:
                for i, word in enumerate(folded):
                    if expansion.tiers.get(word, FUZZY + 1) <= tier and _as_typed(words, text, i, term, plan):
                        hits.add(i)
    return sorted(hits)


def _as_typed(words: list[nltext.Word], text: str, i: int, term: Term, plan: _Plan) -> bool:
    """With exact=True a match must also be written as typed (letter case and diacritics)."""
    if not plan.exact:
        return True
    typed = nltext.words(term.typed)
    written = words[i:i + len(typed)]
    return [text[w.start:w.end] for w in written] == [term.typed[w.start:w.end] for w in typed]


def _window(positions: list[int], count: int, context: int) -> tuple[int, int]:
    """Word range [first, last] of the snippet: `context` words around the densest run of matches."""
    if not positions:
        return 0, min(count, 2 * context) - 1
    best_start, best_hits = positions[0], 0
    for i, start in enumerate(positions):
        hits = sum(1 for p in positions[i:] if p - start <= 2 * context)
        if hits > best_hits:
            best_start, best_hits = start, hits
    run = [p for p in positions if best_start <= p <= best_start + 2 * context]
    return max(0, run[0] - context), min(count - 1, run[-1] + context)


def _snippet(text: str, words: list[nltext.Word], positions: list[int], context: int, full: bool):
    """(snippet, highlight spans inside it)."""
    if full or not words:
        return text, tuple((words[p].start, words[p].end) for p in positions)
    first, last = _window(positions, len(words), context)
    # an uncut end keeps the text's own punctuation ("… nog?")
    start = words[first].start if first > 0 else 0
    end = words[last].end if last < len(words) - 1 else len(text)
    prefix = "…" if first > 0 else ""
    suffix = "…" if last < len(words) - 1 else ""
    snippet = prefix + text[start:end] + suffix
    shift = len(prefix) - start
    spans = sorted({(words[p].start + shift, words[p].end + shift) for p in positions if first <= p <= last})
    return snippet, tuple(spans)


# --------------------------------------------------------------------------------------------- searching

@dataclass(frozen=True)
class SearchResult:
    hits: list[model.Hit]
    also_matched: list[str]  # corpus words found only through typo tolerance ("stikstof" for "stiksof")
    total: int | None = None  # passages found in all when `hits` was cut at the limit (None: not cut)


PASSAGE_ID_DIGITS = 8  # document id characters in a passage id ("c4416458:57")


def passage_id(doc_id: str, seq: int) -> str:
    return f"{doc_id[:PASSAGE_ID_DIGITS]}:{seq}"


def parse_passage_id(text: str) -> tuple[str, int]:
    """(document selector, reading-order number) of a passage id; UsageError when it is none."""
    doc, _, seq = text.strip().rpartition(":")
    if not doc or not seq.isdigit():
        raise UsageError(f"'{text}' is not a passage id; search rows carry them, e.g. c4416458:57")
    return doc, int(seq)


def citation(author: str | None, title: str, page: str) -> str:
    """A citation line: "Platform31, Analyse, duiding en reflectie Rijksbegroting 2020, p. 14"."""
    return ", ".join(part for part in (author, " ".join(title.replace("- ", "").split()), f"p. {page}") if part)


def _values(value) -> tuple:
    """A filter given as one value or several."""
    if value is None:
        return ()
    return (value,) if isinstance(value, (str, int)) else tuple(value)


def _filters(doc_ids, year, ministerie, section, kind) -> Filters:
    kinds = _values(kind)
    unknown = [k for k in kinds if k not in search_index.KINDS]
    if unknown:
        raise UsageError(f"unknown kind {unknown[0]!r}; choose from {', '.join(search_index.KINDS)}")
    return Filters(tuple(doc_ids) if doc_ids is not None else None, _values(year), _values(ministerie),
                   _values(section), kinds)


def row_to_hit(row: search_index.PassageRow, **found) -> model.Hit:
    """A stored passage as a hit (`found`: snippet, score, matched_terms, highlights, fuzzy, and the page of the
    match when it differs from where the passage starts, if searched)."""
    attribution = row.label.removeprefix("quote by ") if row.label.startswith("quote by ") else None
    return model.Hit(doc=row.doc_id, title=row.title, year=row.year,
                     section=row.section_path, kind=search_index.shown_kind(row.kind, row.ministerie),
                     block_id=row.block_id, text=row.text, passage=passage_id(row.doc_id, row.seq),
                     label=row.label, note=row.footnote, ministerie=row.ministerie, attribution=attribution,
                     **{"page": row.page, "page_label": row.page_label, "snippet": row.text, "score": 0.0,
                        "matched_terms": (), **found})


def _section_bonus(row: search_index.PassageRow, plan: _Plan, tier: int) -> float:
    if not row.section_key or row.kind in search_index.HEADING_KINDS:
        return 0.0
    section_words = set(row.section_key.split())
    for group in plan.groups:
        for expansion in group:
            words = set(expansion.term.words) if expansion.term.phrase else {
                w for w, t in expansion.tiers.items() if t <= tier}
            if words & section_words:
                return DEFAULT_SECTION_BOOST
    return 0.0


def _score(tier: int, relevance: float) -> float:
    """One number that orders hits as the ranking does: tiers apart, bm25 within a tier."""
    relevance = max(relevance, 0.0)
    return (FUZZY - tier) + relevance / (1.0 + relevance)  # full precision: rounding made false ties


def _hit(row: search_index.PassageRow, plan: _Plan, tier: int, relevance: float, context: int,
         full: bool) -> model.Hit | None:
    words = nltext.words(row.text)
    positions = _matched_positions(words, row.text, plan, tier)
    if plan.exact and not positions:
        return None  # the folded index matched, but not as typed
    snippet, highlights = _snippet(row.text, words, positions, context, full)
    matched = []
    for p in positions:
        surface = row.text[words[p].start:words[p].end].lower()
        if surface not in matched:
            matched.append(surface)
    page, page_label = row.page, row.page_label
    if row.page_parts and positions:  # a block crossing pages: the page its first matched word stands on
        first = words[min(positions)].start
        for offset, part_page, part_label in row.page_parts:
            if first >= offset:
                page, page_label = part_page, part_label
    return row_to_hit(row, page=page, page_label=page_label, snippet=snippet, score=_score(tier, relevance),
                      matched_terms=tuple(matched), highlights=highlights, fuzzy=tier == FUZZY)


def search(conn, query: str, *, exact: bool = False, doc_ids=None, year: int | None = None,
           ministerie: str | None = None, section: str | None = None, kind: str | None = None,
           limit: int = DEFAULT_LIMIT, context: int = DEFAULT_CONTEXT, full: bool = False) -> SearchResult:
    """The best `limit` passages for `query` (0: all), best first; `total` says how many there were when the
    limit cut them. Filters take one value or several (any of them). QuerySyntaxError for a malformed query."""
    filters = _filters(doc_ids, year, ministerie, section, kind)
    deadline = time.monotonic() + DEFAULT_TIME_BUDGET
    plan = _plan(conn, query, exact, deadline)
    seen: set[int] = set()
    ranked: list[model.Hit] = []
    for tier in range(EXACT, plan.top_tier() + 1):
        expression = plan.expression(tier)
        if expression is None:
            continue
        wanted = limit + DEFAULT_RERANK_POOL if limit else None
        # exact=True re-checks letter case and accents in Python, so it may need more than `wanted` rows
        fetch = None if exact or not limit else wanted + len(seen)
        found = [(i, r) for i, r in search_index.match(conn, expression, filters, fetch, deadline) if i not in seen]
        seen.update(i for i, _ in found)
        in_tier = []
        for start in range(0, len(found), DEFAULT_FETCH_BATCH):
            batch = found[start:start + DEFAULT_FETCH_BATCH]
            rows = search_index.passages(conn, [i for i, _ in batch])
            for passage_id, relevance in batch:
                row = rows[passage_id]
                hit = _hit(row, plan, tier, relevance * (1 + _section_bonus(row, plan, tier)), context, full)
                if hit is not None:
                    in_tier.append((hit, row.seq))
            if wanted and len(in_tier) >= wanted:
                break
        in_tier.sort(key=lambda x: (-x[0].score, x[0].doc, x[0].page, x[1]))
        ranked.extend(hit for hit, _ in in_tier)
        if limit and len(ranked) >= limit:
            break
    hits = ranked[:limit] if limit else ranked
    total = None
    if limit and len(ranked) >= limit:  # perhaps cut: count what the widest tier matches
        expression = plan.expression(plan.top_tier())
        found = search_index.count_matches(conn, expression, filters, deadline) if expression else 0
        total = found if found > limit else None
    used = {t for h in hits for t in h.matched_terms if h.fuzzy}
    also = [c for c in plan.corrections() if c in used or not hits]
    return SearchResult(hits, also, total)


def count(conn, query: str, *, exact: bool = False, doc_ids=None, year: int | None = None,
          ministerie: str | None = None, section: str | None = None,
          kind: str | None = None) -> list[tuple[str, str | None, int]]:
    """(document, section path, matching passages) for `--count`, in document and reading order.
    With exact=True the count is of the folded match (letter case and accents are not re-checked)."""
    filters = _filters(doc_ids, year, ministerie, section, kind)
    deadline = time.monotonic() + DEFAULT_TIME_BUDGET
    plan = _plan(conn, query, exact, deadline)
    expression = plan.expression(plan.top_tier())
    if expression is None:
        return []
    return search_index.count_by_section(conn, expression, filters, deadline)


def term_frequency(conn, doc_id: str, term: str) -> tuple[int, int]:
    """(occurrences of `term`, words) in one document, with the search matcher (stems and compounds count,
    typo corrections do not). `term` is a word or a quoted phrase."""
    plan = _plan(conn, term, exact=False)
    for group in plan.groups:
        for expansion in group:
            expansion.tiers = {w: t for w, t in expansion.tiers.items() if t < FUZZY}
            expansion.corrections = ()
    words_total = search_index.document_words(conn, doc_id)
    expression = plan.expression(COMPOUND)
    if expression is None:
        return 0, words_total
    found = search_index.match(conn, expression, Filters(doc_ids=(doc_id,)), None)
    rows = search_index.passages(conn, [i for i, _ in found])
    occurrences = 0
    for row in rows.values():
        words = nltext.words(row.text)
        for group in plan.groups:
            for expansion in group:
                occurrences += _occurrences([w.folded for w in words], expansion)
    return occurrences, words_total


def _occurrences(folded: list[str], expansion: Expansion) -> int:
    if expansion.term.phrase:
        size = len(expansion.term.words)
        return sum(1 for i in range(len(folded) - size + 1) if tuple(folded[i:i + size]) == expansion.term.words)
    return sum(1 for w in folded if w in expansion.tiers)
