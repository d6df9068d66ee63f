"""Hand-checked expectations of the real third-party PDFs (tests/data/real/NAME.json) checked against extraction.

Each expectation file was typed by reading the PDF (pdftotext -layout and the page images), never from
rbtool's output. Its keys, each checked by the function of the same name below (a missing key is no check):

    error            the typed error extraction must raise ("EncryptedPdf", "NoTextLayer", …); with
                     `or_pages`, a document of that many pages is accepted instead
    pages            page count
    headings         [{number, title, level, page}]: a section with that title (ignoring its number), level
                     and page; `number` is documentation
    contents_pages   pages of a table of contents: no section and no heading block starts there
    not_headings     {page: [text]}: text that looks like a heading but is none (a chart's title and labels, the
                     boxes of a process diagram, a title page's authors): in no section and no heading or
                     subheading block on that page
    notes            the number of footnotes; `citing` {note: words of its citing sentence}; every note needs a
                     citing sentence (check `citing`, also for the notes `citing` does not list)
    absent           strings in no block and no note (colophon, running header/footer, margin column), from
                     page `absent_from_page` (default 1) on
    intact           strings that stand whole in one block (a sentence crossing a page or a colophon)
    fields           a form's label with its value, wrapped lines joined ("Besluit: Voor kennisgeving
                     aangenomen."): each the whole text of a block, so the label is its first word, no
                     value line went elsewhere and no next label was glued on
    list_items       each the start of a list item (bullet glyphs are not text; an enumerator "1." may be)
    quotes           the real quotes: each found, and no quote found beyond them and the `inline_quotations`
                     (phrases in «…», “…” or ‘‘…’’ inside sentences, which may be reported as a whole but need
                     not be)
    labels           "Vraag 1", "Antwoord 1"…: each starts its own block — a block of kind question/answer
                     with that number, or a block whose text begins with the label
    rotated          {page: a phrase printed on it sideways or upside down}: the phrase is in a block on that
                     page, or a warning of the document names the page
"""
from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

from rapidfuzz import fuzz

TESTS = Path(__file__).parent
REAL = TESTS / "data" / "real"
PDFS = TESTS / "pdfs"
SHORTFALLS = REAL / "shortfalls.json"
CHECKS = ("error", "pages", "headings", "contents_pages", "not_headings", "notes", "citing", "absent", "intact", "fields",
          "list_items", "quotes", "labels", "rotated")
ENUMERATOR = re.compile(r"^(?:\d{1,2}|[a-z])[.)]\s+")
HEADING_NUMBER = re.compile(r"^\d+(?:\.\d+)*\.?\s+")
LABEL_KINDS = {"Vraag": "question", "Antwoord": "answer"}


def norm(text: str | None) -> str:
    text = unicodedata.normalize("NFC", text or "").replace("\u00ad", "")
    return re.sub(r"\s+", " ", text).strip()


def expectations() -> dict[str, dict]:
    """Every expectation file by its PDF's stem."""
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(REAL.glob("*.json"))
            if p.name != SHORTFALLS.name}


def checks_of(expectation: dict) -> list[str]:
    if "error" in expectation:
        return ["error"]
    def given(check: str) -> bool:  # an empty list asks nothing, except "quotes": [] (there are none)
        value = expectation.get(check)
        return value is not None and (value != [] or check == "quotes")

    return [c for c in CHECKS if given(c) or (c == "citing" and expectation.get("notes"))]


class Extraction:
    """One PDF's extraction outcome: the document and its analysed notes, or the typed error it raised."""

    def __init__(self, pdf: Path):
        from rbtool.errors import RbtoolError
        from rbtool.extract import extract_document
        from rbtool.queries.footnotes import analyse_notes

        self.doc, self.error, self.notes = None, None, []
        try:
            self.doc = extract_document(pdf)
            self.notes = analyse_notes(self.doc)
        except RbtoolError as err:
            self.error = err


def problems(check: str, ex: Extraction, e: dict) -> list[str]:
    """What is wrong with `check` of expectation `e` on extraction `ex` (empty: it holds)."""
    if check == "error":
        return _error(ex, e)
    if ex.error is not None:
        return [f"extraction failed: {type(ex.error).__name__}: {ex.error.reason}"]
    return globals()["_" + check](ex.doc, ex, e)


def _error(ex: Extraction, e: dict) -> list[str]:
    if ex.error is None:
        if e.get("or_pages") and ex.doc.page_count == e["or_pages"]:
            return []
        return [f"no error: a document of {ex.doc.page_count} pages"]
    names = {cls.__name__ for cls in type(ex.error).__mro__}
    return [] if e["error"] in names else [f"{type(ex.error).__name__} instead of {e['error']}"]


def _pages(doc, ex, e) -> list[str]:
    return [] if doc.page_count == e["pages"] else [f"{doc.page_count} pages"]


def _headings(doc, ex, e) -> list[str]:
    out = []
    for want in e["headings"]:
        title = norm(want["title"]).casefold()
        found = [s for s in doc.sections if fuzz.ratio(norm(HEADING_NUMBER.sub("", s.title)).casefold(), title) >= 90]
        if not found:
            out.append(f"missing: {want['title']!r} (p. {want['page']})")
        elif not any(s.level == want["level"] and s.page == want["page"] for s in found):
            out.append(f"{want['title']!r}: level/page {[(s.level, s.page) for s in found]}, "
                       f"want {(want['level'], want['page'])}")
    return out


def _contents_pages(doc, ex, e) -> list[str]:
    pages = set(e["contents_pages"])
    sections = [f"section {s.title!r} p. {s.page}" for s in doc.sections if s.page in pages]
    headings = [f"heading block {b.text[:40]!r}" for b in doc.blocks if b.kind == "heading" and b.page in pages]
    return sections + headings[:5]


def _not_headings(doc, ex, e) -> list[str]:
    out = []
    for page, texts in e["not_headings"].items():
        titled = [(f"section p. {s.page}", norm(s.title)) for s in doc.sections if s.page == int(page)]
        titled += [(f"{b.kind} block {b.id}", norm(b.text)) for b in doc.blocks
                   if b.page == int(page) and b.kind in ("heading", "subheading")]
        out += [f"{t!r} in {where}" for t in texts for where, title in titled if norm(t) in title]
    return out


def _notes(doc, ex, e) -> list[str]:
    return [] if len(doc.footnotes) == e["notes"] else [f"{len(doc.footnotes)} notes"]


def _citing(doc, ex, e) -> list[str]:
    rows = {row.number: row for row in ex.notes}
    out = [f"note {n}: no citing sentence" for n, row in sorted(rows.items()) if not norm(row.citing_sentence)]
    for number, words in (e.get("citing") or {}).items():
        row = rows.get(int(number))
        if row is None:
            out.append(f"note {number}: not found")
        elif fuzz.partial_ratio(norm(words), norm(row.citing_sentence)) < 90:
            out.append(f"note {number}: citing sentence {row.citing_sentence[:80]!r}")
    return out


def _absent(doc, ex, e) -> list[str]:
    first = e.get("absent_from_page", 1)
    texts = [(f"block {b.id} p. {b.page}", norm(b.text)) for b in doc.blocks if b.page >= first]
    texts += [(f"note {f.number}", norm(f.text)) for f in doc.footnotes]
    return [f"{s!r} in {where}" for s in e["absent"] for where, text in texts if norm(s) in text]


def _intact(doc, ex, e) -> list[str]:
    blocks = [norm(b.text) for b in doc.blocks]
    return [f"not in one block: {s[:60]!r}" for s in e["intact"] if not any(norm(s) in text for text in blocks)]


def _fields(doc, ex, e) -> list[str]:
    blocks = {norm(b.text) for b in doc.blocks}
    out = []
    for field in e["fields"]:
        if norm(field) not in blocks:
            start = next((b for b in doc.blocks if norm(b.text).startswith(norm(field)[:40])), None)
            found = f"block {start.id} ({start.kind}) is {norm(start.text)[:80]!r}" if start else "no block starts so"
            out.append(f"not a block of its own: {field[:50]!r}: {found}")
    return out


def _list_items(doc, ex, e) -> list[str]:
    items = [ENUMERATOR.sub("", norm(b.text)) for b in doc.blocks
             if b.kind in ("list_item", "sub_item", "numbered_item")]
    return [f"no list item starts {s[:60]!r}" for s in e["list_items"]
            if not any(text.startswith(norm(s)) for text in items)]


def _quotes(doc, ex, e) -> list[str]:
    real = [norm(q) for q in e["quotes"]]
    inline = [norm(q) for q in e.get("inline_quotations") or []]
    found = [norm(q.text) for q in doc.quotes]
    out = [f"real quote not found: {q[:50]!r}" for q in real
           if not any(fuzz.partial_ratio(q, text) >= 90 for text in found)]
    # a found quote is part of a real one, or is one of the inline phrases as a whole (not a sentence around it)
    out += [f"invented quote p. {q.page}: {q.text[:60]!r}" for q, text in zip(doc.quotes, found)
            if not any(fuzz.partial_ratio(r, text) >= 90 for r in real)
            and not any(fuzz.ratio(a, text.strip("«»“”‘’\"' .,;:")) >= 90 for a in inline)]
    return out


def _labels(doc, ex, e) -> list[str]:
    out = []
    for label in e["labels"]:
        word, number = label.split()
        own = [b for b in doc.blocks
               if (b.kind == LABEL_KINDS[word] and str(b.number) == number)
               or re.match(re.escape(label) + r"(?!\d)", norm(b.text))]
        if len(own) != 1:
            out.append(f"{label}: {len(own)} blocks start with it")
    glued = [b.id for b in doc.blocks if len(re.findall(r"\b(?:Vraag|Antwoord) \d+\b", norm(b.text))) > 1
             and b.kind not in ("question", "answer")]
    return out + ([f"blocks holding several labels: {glued[:5]}"] if glued else [])


def _pages_named(warning: str) -> set[int]:
    """Page numbers a warning names, ranges included ("pages 2–4, 7")."""
    pages = set()
    for first, last in re.findall(r"\b(\d+)(?:\s*[–-]\s*(\d+))?\b", warning):
        pages.update(range(int(first), int(last or first) + 1))
    return pages


def _rotated(doc, ex, e) -> list[str]:
    out = []
    for page, phrase in e["rotated"].items():
        read = any(norm(phrase) in norm(b.text) for b in doc.blocks if b.page <= int(page) <= b.page_end)
        warned = any(int(page) in _pages_named(w) for w in doc.warnings)
        if not (read or warned):
            out.append(f"page {page}: neither read nor warned about")
    return out


def read_shortfalls() -> dict[str, str]:
    if not SHORTFALLS.exists():
        return {}
    return json.loads(SHORTFALLS.read_text(encoding="utf-8"))["shortfalls"]


def write_shortfalls(shortfalls: dict[str, str], extractor_version: str) -> None:
    data = {"about": "Checks of tests/data/real/*.json that today's extractor fails, with what is wrong; "
                     "tests/test_real_expectations.py marks each as xfail(strict=True). Rewritten by "
                     "tests/tools/real_shortfalls.py — never by hand.",
            "extractor_version": extractor_version, "shortfalls": dict(sorted(shortfalls.items()))}
    SHORTFALLS.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
