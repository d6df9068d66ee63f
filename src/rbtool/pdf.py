"""The only module that talks to pdfplumber/pdfminer: a PDF file → pages of positioned lines.

Each page's characters are read once (`page.chars`) and grouped here, in plain Python, into `Line`s made
of `Span`s (runs of characters in one font, size and baseline). Everything downstream (rbtool.layout)
works on these small objects and never sees a pdfplumber object, so it can be tested with hand-made lines.

Spaces: where the PDF has its own space characters between two glyphs, that is a word space, however
narrow (justified lines squeeze word spaces far below any fixed share of the font size). Many PDFs have no
space characters at all (words are placed by position); there a space goes wherever the gap between two
characters is wider than the line's own word gap: the gaps of a line are bimodal (glyph to glyph, about
zero; word to word, wider), and the threshold sits in the widest jump between them, within bounds scaled to
the font size so that kerning never splits a word.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterator

from rbtool.errors import EncryptedPdf, LimitExceeded, NotAPdf, RbtoolError

# A gap wider than this share of the font size between two characters is a word space ...
DEFAULT_SPACE_GAP = 0.2
# ... and on a line whose gaps show a narrower word space (tight justification), so is a gap of at least
# this share, never less (kerning and tracking stay below it).
DEFAULT_MIN_SPACE_GAP = 0.15
# A gap wider than this share of the font size starts a new span (a tab: "1." ⇥ "text", "–" ⇥ "text").
DEFAULT_TAB_GAP = 0.75
# The first gap of a line also starts a span (a label's tab: "1." ⇥ "text") when it is at least this share
# of the font size and this many times the line's typical word space: typesetters often set a list label
# with a fixed gap narrower than a tab but wider than the (justified, so uniform) word spaces of its line.
DEFAULT_LABEL_GAP = 0.5
DEFAULT_LABEL_GAP_RATIO = 1.3
# A label is at most this many characters ("1.", "iv)", "•").
DEFAULT_MAX_LABEL = 4
# Two characters belong to one line when their vertical extents overlap by this share of the smaller one.
DEFAULT_LINE_OVERLAP = 0.5
# A glyph smaller than this share of the page's usual size (a raised note marker) joins the line of a glyph
# at most DEFAULT_NEIGHBOUR_DISTANCE of that glyph's size beside its run whose extent holds the run's middle.
DEFAULT_SMALL_GLYPH = 0.8
DEFAULT_NEIGHBOUR_DISTANCE = 1.0
# A lower-case glyph whose width differs by at least this ratio (wider or narrower: a small "p" can be
# narrower than the lower-case one) from the page's usual width for that letter in that font is a small
# capital (OpenType small caps keep the font's name and the letters' Unicode values); a run of lower-case
# letters is small caps when this share of them are.
DEFAULT_SMALL_CAP_WIDTH = 1.04
DEFAULT_SMALL_CAP_SHARE = 0.8
# Widths are evidence only where a letter has one usual width: typeset glyphs of a letter share their width
# exactly, so the commonest width carries at least this share of them; in an OCR text layer widths scatter.
DEFAULT_USUAL_WIDTH_SHARE = 0.5
# Synthetic small caps (Word's, or a font without small capitals): a word's lower-case letters set as
# capitals at this share of the size of the full capital opening it, on its baseline (within this share of
# the size; a raised capital is a superscript).
DEFAULT_SYNTHETIC_CAPS_LOW = 0.6
DEFAULT_SYNTHETIC_CAPS_HIGH = 0.9
DEFAULT_BASELINE_SHIFT = 0.15
# Superior figures (a font's OpenType superscript digits, as Typst sets note markers by default) keep the
# size, box and Unicode value of the text around them; only their width tells them: a digit set at most this
# share of its full width on the page (_figure_widths) is one, read as a raised digit that size.
DEFAULT_SUPERIOR_WIDTH = 0.8
_QUOTE_MARKS = frozenset("‘’“”„‚\"'«»")
# A rectangle thinner than this (points) is a rule line, not a frame.
DEFAULT_RULE_THICKNESS = 2.0

_CID = re.compile(r"\(cid:\d+\)")


@dataclass(frozen=True)
class Span:
    """Characters of one font and size on one baseline, without a tab-sized gap inside."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    fontname: str
    space_before: bool = False  # separated from the previous span by a word space or a tab
    color: str = ""  # fill colour of the glyphs ("" for black or unset), e.g. "0.12,0.31,0.6"
    caps: bool = False  # small-cap glyphs of the font itself (its lower case set wider than the page's own)
    # what a tagged PDF's structure tree says the text is: one of ROLES ("P", "H2", "LI", "Note", "Artifact" ...),
    # its standard type resolved through the document's role map; "" where the PDF tags nothing (or nothing
    # rbtool reads)
    role: str = ""
    # the structure element that gave the role (for "LI" the list item): a new element starts a new item;
    # 0 where none is known
    element: int = 0

    @property
    def bold(self) -> bool:
        return is_bold(self.fontname)

    @property
    def italic(self) -> bool:
        return is_italic(self.fontname)

    @property
    def small_caps(self) -> bool:
        return self.caps or is_small_caps(self.fontname)


@dataclass(frozen=True)
class Line:
    """One text line: its spans left to right, and the size/font of most of its characters."""

    spans: tuple[Span, ...]
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    fontname: str
    bold: bool
    italic: bool
    page: int = 0

    @property
    def text(self) -> str:
        return join_spans(self.spans)


@dataclass(frozen=True)
class Rect:
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass
class PageData:
    index: int  # 1-based
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)
    rects: list[Rect] = field(default_factory=list)  # frames and rule lines (rects, lines, curves' boxes)
    chars: int = 0  # non-space characters
    bad_chars: int = 0  # (cid:NN), private-use and control characters: signs of a font without Unicode map
    rotated_by_viewer: bool = False  # the page has a /Rotate entry: viewers turn it, its text reads upright
    turn: int = 0  # degrees the page's text runs counter-clockwise (0, 90, 180, 270); read turned upright
    # on a page with bad characters: {(font, character): its usual advance width as a share of the size},
    # evidence for what a glyph without Unicode map draws (a ligature is about as wide as its letters)
    advances: dict[tuple[str, str], float] = field(default_factory=dict)


def content_roles(line: Line) -> set[str]:
    """The structure-tree roles of the line's visible spans ("" for an untagged span)."""
    return {span.role for span in line.spans if span.text.strip()}


def tagged_as(line: Line, *roles: str) -> bool:
    """The structure tree gives the line's tagged text (untagged spans, a list label outside the tree, aside)
    only these roles."""
    found = content_roles(line) - {""}
    return bool(found) and found <= set(roles)


def line_of(spans: tuple[Span, ...], page: int = 0) -> Line:
    """A line made of some spans (a piece of a line cut at a column gutter, a line without its margin
    text): its size and font are those of most of its characters, its extent that of its main-size spans."""
    return _assembled((replace(spans[0], space_before=False),) + tuple(spans[1:]),
                      [(s.size, s.fontname, len(s.text), s.x0, s.x1, s.top, s.bottom) for s in spans], page)


def _assembled(spans: tuple[Span, ...], pieces: list[tuple[float, str, int, float, float, float, float]],
               page: int) -> Line:
    """The line of `spans`, measured on its pieces (its characters, or its spans), in reading order:
    (size, fontname, characters, x0, x1, top, bottom). Its size and font are those carrying the most
    characters; its top and bottom those of the pieces at that size (a raised marker does not widen it)."""
    weights: dict[tuple[float, str], int] = {}
    for size, fontname, count, *_ in pieces:
        key = (round(size, 1), fontname)
        weights[key] = weights.get(key, 0) + count
    size, fontname = max(weights, key=weights.get)
    main = [p for p in pieces if abs(p[0] - size) < 0.1] or pieces
    return Line(spans=spans, x0=pieces[0][3], x1=max(p[4] for p in pieces), top=min(p[5] for p in main),
                bottom=max(p[6] for p in main), size=size, fontname=fontname, bold=is_bold(fontname),
                italic=is_italic(fontname), page=page)


def is_bold(fontname: str) -> bool:
    name = fontname.lower()
    return any(w in name for w in ("bold", "black", "heavy", "semibold", "demi")) or name.endswith((",b", "-b"))


def is_italic(fontname: str) -> bool:
    name = fontname.lower()
    return "italic" in name or "oblique" in name or name.endswith((",i", "-i"))


# "Minion-SC", "LinLibertine_RIS_SmallCaps", "CrimsonText-Caps": small caps set in a font of their own (small caps
# made with an OpenType feature of the body font show no sign in the PDF and are not recognised)
_SMALL_CAPS = re.compile(r"small.?caps|[-_+]sc$|[-_]caps$|[a-z]sc$", re.I)


def is_small_caps(fontname: str) -> bool:
    return bool(_SMALL_CAPS.search(fontname.split("+")[-1]))


def color_name(color) -> str:
    """A fill colour as a short stable string; black (grey 0, RGB 0,0,0, CMYK 0,0,0,1) and unset are ""."""
    if color is None:
        return ""
    values = tuple(color) if isinstance(color, (tuple, list)) else (color,)
    try:
        rounded = tuple(round(float(v), 2) for v in values)
    except (TypeError, ValueError):  # a pattern colour space: a name, not numbers
        return ""
    if all(v == 0 for v in rounded) or (len(rounded) == 4 and rounded[:3] == (0, 0, 0) and rounded[3] == 1):
        return ""
    return ",".join(f"{v:g}" for v in rounded)


def join_spans(spans) -> str:
    out = ""
    for span in spans:
        if out and span.space_before:
            out += " "
        out += span.text
    return out


def _bad(char: str) -> bool:
    code = ord(char[0]) if char else 0
    return 0xE000 <= code <= 0xF8FF or code < 0x20 or char == "\ufffd"


# What the structure tree can say about a piece of text, and the standard structure types (PDF 1.7 and 2.0)
# that say it. A span's role comes from its own element and that element's ancestors: the strongest role
# among them wins (ROLES is ordered strongest first), so a paragraph inside a table cell, a note or a list
# item reads "Table", "Note" or "LI", and a heading Word places inside a list stays a heading.
ROLES = ("Artifact", "TOCI", "Note", "Table", "H", "H1", "H2", "H3", "H4", "H5", "H6", "LI", "BlockQuote",
         "Quote", "P")
_ROLE_OF_TYPE = {"Artifact": "Artifact", "TOC": "TOCI", "TOCI": "TOCI", "Note": "Note", "FENote": "Note",
                 **{t: "Table" for t in ("Table", "TR", "TH", "TD", "THead", "TBody", "TFoot")},
                 **{h: h for h in ("H", "H1", "H2", "H3", "H4", "H5", "H6")},
                 "L": "LI", "LI": "LI", "LBody": "LI", "BlockQuote": "BlockQuote", "Quote": "Quote", "P": "P"}
# (a structure element of type "Artifact", standard only since PDF 2.0, follows the role map where it has one)
_STANDARD_TYPES = frozenset(_ROLE_OF_TYPE) - {"Artifact"} | {
    "Document", "DocumentFragment", "Part", "Art", "Sect", "Div", "Caption", "Index", "NonStruct", "Private",
    "Aside", "Title", "Sub", "Lbl", "Span", "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby", "RB", "RT",
    "RP", "Warichu", "WT", "WP", "Figure", "Formula", "Form", "Em", "Strong"}
# A structure element deeper than this (or a parent chain that loops) is read no further up.
DEFAULT_MAX_STRUCTURE_DEPTH = 64


class StructureTree:
    """A tagged PDF's structure tree, read once per document: which standard role the text of each
    marked-content sequence has (`role_of`). The page content marks text with a tag and an MCID; the MCID
    leads through the tree's parent tree to the structure element that holds the text, whose type (and its
    ancestors' types) the role map resolves to standard types. Without a tree (some producers drop it and
    keep the tags), the tag itself is resolved. "Artifact" marks text outside the tree: it is never looked
    up in the role map (Word maps a structure type called "Artifact" to P)."""

    def __init__(self, doc=None):
        from pdfminer.pdftypes import resolve1

        root = _dict(resolve1(doc.catalog.get("StructTreeRoot"))) if doc is not None else {}
        self._role_map = {str(key): _name(value) for key, value in _dict(resolve1(root.get("RoleMap"))).items()}
        self._parents: dict[int, object] = {}  # StructParents key → the page's MCID array (unresolved)
        _number_tree(root.get("ParentTree"), self._parents, set())
        self._elements: dict[int, tuple[str, int]] = {}  # element objid → (role, element giving it)

    def standard(self, name: str) -> str:
        """A structure type resolved through the role map to a standard type (transitively, without
        looping); a name that maps to nothing standard stays itself."""
        seen = set()
        while name not in _STANDARD_TYPES and name in self._role_map and name not in seen:
            seen.add(name)
            name = self._role_map[name]
        return name

    def page_roles(self, page_obj):
        """A function (tag, MCID) → (role, element) for the marked content of this page."""
        from pdfminer.pdftypes import resolve1

        key = (getattr(page_obj, "attrs", None) or {}).get("StructParents")
        try:
            marked = resolve1(self._parents.get(key)) if isinstance(key, int) else None
        except Exception:  # a damaged parent tree entry
            marked = None
        marked = marked if isinstance(marked, list) else []
        cache: dict[tuple, tuple[str, int]] = {}

        def role_of(tag, mcid) -> tuple[str, int]:
            try:
                return cache[tag, mcid]
            except KeyError:
                pass
            if not isinstance(tag, str):
                found = ("", 0)
            elif tag == "Artifact":
                found = ("Artifact", 0)
            elif isinstance(mcid, int) and 0 <= mcid < len(marked) and marked[mcid] is not None:
                try:
                    found = self._element_role(marked[mcid])
                except Exception:  # pdfminer's many errors on a damaged element: no evidence, not a bad page
                    found = ("", 0)
            else:
                found = (_ROLE_OF_TYPE.get(self.standard(tag), ""), 0)
            cache[tag, mcid] = found
            return found

        return role_of

    def _element_role(self, ref) -> tuple[str, int]:
        """The strongest role among the element and its ancestors, with the element that gives it (the
        nearest one of that role; for a list, the list item itself)."""
        from pdfminer.pdftypes import resolve1

        start = getattr(ref, "objid", None)
        if start in self._elements:
            return self._elements[start]
        best, best_rank, element, element_kind, seen, node = "", len(ROLES), 0, "", set(), ref
        for _ in range(DEFAULT_MAX_STRUCTURE_DEPTH):
            objid = getattr(node, "objid", id(node))
            item = _dict(resolve1(node))
            if objid in seen or not item or _name(item.get("Type")) == "StructTreeRoot":
                break
            seen.add(objid)
            kind = self.standard(_name(item.get("S")))
            role = _ROLE_OF_TYPE.get(kind)
            # a list's text (LBody) belongs to its own item: the nearest LI, not an outer list's
            nearest_item = role == best == "LI" and kind == "LI" and element_kind != "LI"
            if role is not None and (ROLES.index(role) < best_rank or nearest_item):
                best, best_rank, element, element_kind = role, ROLES.index(role), objid, kind
            node = item.get("P")
        if start is not None:
            self._elements[start] = (best, element)
        return best, element


def _dict(value) -> dict:
    return value if isinstance(value, dict) else {}


def _name(value) -> str:
    from pdfminer.pdftypes import resolve1
    from pdfminer.psparser import PSLiteral

    value = resolve1(value)
    if isinstance(value, PSLiteral):
        value = value.name
    if isinstance(value, bytes):
        return value.decode("latin-1")
    return value if isinstance(value, str) else ""


def _number_tree(node, into: dict, seen: set) -> None:
    """The entries of a PDF number tree (a parent tree), its kids read once each (a loop is cut)."""
    from pdfminer.pdftypes import resolve1

    node = _dict(resolve1(node))
    nums = resolve1(node.get("Nums"))
    if isinstance(nums, list):
        for key, value in zip(nums[::2], nums[1::2]):
            if isinstance(key, int):
                into[key] = value
    kids = resolve1(node.get("Kids"))
    for kid in kids if isinstance(kids, list) else ():
        objid = getattr(kid, "objid", id(kid))
        if objid not in seen and len(seen) < 100_000:
            seen.add(objid)
            _number_tree(kid, into, seen)


def read_pages(path: str | Path, password: str | None = None) -> Iterator[tuple[int, PageData]]:
    """Yield (page_count, PageData) for every page; raise NotAPdf / EncryptedPdf / PdfError for unreadable files."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    where = str(path)
    try:
        with open(path, "rb") as fh:
            head = fh.read(1024)
    except OSError as exc:
        raise NotAPdf(f"cannot read: {exc.strerror or exc}", where) from exc
    if b"%PDF-" not in head:
        raise NotAPdf("not a PDF file (no %PDF header)", where)
    try:
        pdf = pdfplumber.open(path, password=password or "")
    except Exception as exc:  # pdfminer raises many unrelated exception types for broken files
        raise _translate(exc, where, password) from exc
    with pdf:
        try:
            pages = pdf.pages
        except Exception as exc:
            raise _translate(exc, where, password) from exc
        total = len(pages)
        if total == 0:
            raise NotAPdf("the PDF has no pages", where)
        try:
            tree = StructureTree(pdf.doc)
        except Exception:  # a damaged structure tree is no evidence; the text is read without it
            tree = StructureTree()
        for number, page in enumerate(pages, start=1):
            try:
                data = _page_data(page, number, tree.page_roles(page.page_obj))
            except PDFPasswordIncorrect as exc:
                raise EncryptedPdf("wrong password" if password else "encrypted; give the password with --password", where) from exc
            except Exception as exc:
                raise _translate(exc, where, password, page=number) from exc
            finally:
                page.close()
            yield total, data


@dataclass(frozen=True)
class OutlineEntry:
    """One bookmark of the PDF's outline: its depth (1 = top), title and the page it points to (1-based)."""

    level: int
    title: str
    page: int | None


@dataclass(frozen=True)
class DocumentInfo:
    """The PDF's document information: what its producer wrote as title and author (None when absent)."""

    title: str | None = None
    author: str | None = None


def read_info(path: str | Path, password: str | None = None) -> DocumentInfo:
    """Title and Author of the document information dictionary, whitespace collapsed; never raises (the
    information is evidence to check against the title page, not a requirement)."""
    import pdfplumber

    def text(value) -> str | None:
        if isinstance(value, bytes):
            value = value.decode("utf-8", "replace")
        value = re.sub(r"\s+", " ", str(value or "")).strip()
        return value if value and value != "None" else None

    try:
        with pdfplumber.open(path, password=password or "") as pdf:
            return DocumentInfo(text(pdf.metadata.get("Title")), text(pdf.metadata.get("Author")))
    except Exception:  # pdfminer's many errors on a damaged trailer
        return DocumentInfo()


def read_outline(path: str | Path, password: str | None = None) -> list[OutlineEntry]:
    """The PDF's outline (bookmarks), in document order; [] when it has none or it cannot be read.

    An outline is evidence for headings, not a requirement: a broken one must never stop an extraction."""
    import pdfplumber

    try:
        with pdfplumber.open(path, password=password or "") as pdf:
            doc = pdf.doc
            page_of = {page.page_obj.pageid: number for number, page in enumerate(pdf.pages, start=1)}
            entries = []
            for level, title, dest, action, _ in doc.get_outlines():
                entries.append(OutlineEntry(level=int(level), title=re.sub(r"\s+", " ", str(title or "")).strip(),
                                            page=_outline_page(doc, dest, action, page_of)))
            return entries
    except Exception:  # PDFNoOutlines, or any of pdfminer's many errors on a damaged outline
        return []


def _outline_page(doc, dest, action, page_of: dict[int, int]) -> int | None:
    """The 1-based page a bookmark points to: an explicit destination, a named one, or a GoTo action's."""
    from pdfminer.pdftypes import resolve1
    from pdfminer.psparser import PSLiteral

    if dest is None and isinstance(resolve1(action), dict):
        dest = resolve1(action).get("D")
    dest = resolve1(dest)
    if isinstance(dest, (bytes, str, PSLiteral)):  # a named destination
        dest = resolve1(doc.get_dest(dest.name if isinstance(dest, PSLiteral) else dest))
    if isinstance(dest, dict):
        dest = resolve1(dest.get("D"))
    if isinstance(dest, list) and dest:
        return page_of.get(getattr(dest[0], "objid", None))
    return None


def _translate(exc: Exception, where: str, password: str | None, page: int | None = None) -> RbtoolError:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    chain, cause = [], exc
    while cause is not None and len(chain) < 5:
        chain.append(cause)
        cause = cause.__cause__ or cause.__context__
    # running out of memory or stack says nothing about the file being broken: never "malformed"
    for e in chain:
        if isinstance(e, LimitExceeded):
            return LimitExceeded(f"page {page}: {e.reason}" if page else e.reason, where)
        if isinstance(e, (MemoryError, RecursionError)):
            what = f"memory{_memory_limit_note}" if isinstance(e, MemoryError) else "stack depth (nesting)"
            return LimitExceeded(f"{f'page {page}: ' if page else ''}out of {what}; skipped", where)
    if any(isinstance(e, PDFPasswordIncorrect) for e in chain):
        return EncryptedPdf("wrong password" if password else "encrypted; give the password with --password", where)
    if any(isinstance(e, PDFEncryptionError) for e in chain):
        return EncryptedPdf("encrypted with an unsupported method", where)
    detail = str(chain[-1]).strip().splitlines()[0][:80] if str(chain[-1]).strip() else type(chain[-1]).__name__
    at = f" (page {page})" if page else ""
    return NotAPdf(f"malformed or truncated PDF{at}: {detail}", where)


def _layout_objects(page, role_of=None) -> tuple[list[dict], list[Rect]]:
    """The page's characters (as small dicts in pdfplumber's vocabulary, in content-stream order) and the
    boxes of its rects, lines and curves, read straight from pdfplumber's pdfminer layout (`page.layout`).

    `page.chars` would give the same characters, but converts every attribute of every object into a dict
    first (colours, matrices, marked content ...): on text-heavy pages that conversion costs more than all of
    rbtool's layout analysis, for fields rbtool never reads. Coordinates are made relative to the MediaBox
    exactly as pdfplumber does (`Page.process_object`). `role_of` (StructureTree.page_roles) gives each
    character's structure role and element."""
    from pdfminer.layout import LTChar, LTContainer, LTCurve

    height = float(page.height)
    mb_x0, mb_top = (float(v) for v in page.mediabox[:2])
    chars: list[dict] = []
    rects: list[Rect] = []
    colors: dict = {}  # raw fill colour → color_name (a page uses a handful of colours for thousands of glyphs)
    last_marked, role, element = None, "", 0  # the marked content (tag, MCID) of the last character, its role
    stack = [iter(page.layout._objs)]
    while stack:
        obj = next(stack[-1], None)
        if obj is None:
            stack.pop()
        elif isinstance(obj, LTChar):
            fontname = obj.fontname.decode("latin-1") if isinstance(obj.fontname, bytes) else obj.fontname
            a, b = obj.matrix[:2]
            turn = 0 if obj.upright and a > 0 else _turn(a, b)
            raw = getattr(obj.graphicstate, "ncolor", None)
            try:
                color = colors[raw]
            except KeyError:
                color = colors[raw] = color_name(raw)
            except TypeError:  # an unhashable (list) colour
                color = color_name(raw)
            marked = (getattr(obj, "tag", None), getattr(obj, "mcid", None))
            if marked != last_marked:  # a marked-content sequence runs over many characters
                last_marked, (role, element) = marked, role_of(*marked) if role_of else ("", 0)
            chars.append({"text": obj.get_text(), "x0": obj.x0 + mb_x0, "x1": obj.x1 + mb_x0,
                          "top": height - obj.y1 + mb_top, "bottom": height - obj.y0 + mb_top,
                          # a sideways glyph's size is its extent across the page
                          "size": obj.width if turn in (90, 270) else obj.size, "fontname": fontname,
                          "turn": turn, "color": color, "role": role, "element": element})
        elif isinstance(obj, LTCurve):  # rects and lines are curves too
            rects.append(Rect(obj.x0 + mb_x0, height - obj.y1 + mb_top, obj.x1 + mb_x0, height - obj.y0 + mb_top))
        elif isinstance(obj, LTContainer):  # figures: their characters count, in stream order
            stack.append(iter(obj._objs))
    return chars, rects


def _turn(a: float, b: float) -> int:
    """The direction a character's baseline runs, from its text matrix: 0, 90, 180 or 270 degrees."""
    if abs(a) >= abs(b):
        return 0 if a > 0 else 180
    return 90 if b > 0 else 270


def _turn_upright(ch: dict, turn: int, width: float, height: float) -> dict:
    """The character's box in the frame where text running `turn` degrees reads left to right."""
    x0, x1, top, bottom = ch["x0"], ch["x1"], ch["top"], ch["bottom"]
    if turn == 90:  # runs up the page: the page turned clockwise
        box = (height - bottom, height - top, x0, x1)
    elif turn == 270:  # runs down the page: the page turned counter-clockwise
        box = (top, bottom, width - x1, width - x0)
    else:  # upside down
        box = (width - x1, width - x0, height - bottom, height - top)
    return {**ch, "x0": box[0], "x1": box[1], "top": box[2], "bottom": box[3]}


def _page_data(page, number: int, role_of=None) -> PageData:
    data = PageData(index=number, width=float(page.width), height=float(page.height))
    data.rotated_by_viewer = bool((page.page_obj.attrs or {}).get("Rotate", 0)) if hasattr(page, "page_obj") else False
    chars, data.rects = _layout_objects(page, role_of)
    # the page is read in the direction most of its characters run (a page of sideways text, a table
    # turned to fit); characters running another way (a stamp up the margin) are left out
    turns: dict[int, int] = {}
    for ch in chars:
        text = ch["text"]
        if text.strip():
            data.chars += 1
            turns[ch["turn"]] = turns.get(ch["turn"], 0) + 1
            if _CID.fullmatch(text) or _bad(text):
                data.bad_chars += 1
    data.turn = max(turns, key=turns.get) if turns else 0
    # kept in stream order, spaces included: build_lines reads word spaces from them
    kept = [ch for ch in chars if ch["turn"] == data.turn]
    if data.turn:
        kept = [_turn_upright(ch, data.turn, data.width, data.height) for ch in kept]
        # frames and rules turn with the text (a turned table keeps its grid)
        data.rects = [Rect(b["x0"], b["top"], b["x1"], b["bottom"]) for b in
                      (_turn_upright({"x0": r.x0, "x1": r.x1, "top": r.top, "bottom": r.bottom}, data.turn,
                                     data.width, data.height) for r in data.rects)]
        if data.turn != 180:
            data.width, data.height = data.height, data.width
    data.lines = build_lines(kept, number)
    if data.bad_chars:
        data.advances = _advances(kept)
    return data


def _advances(chars: list[dict]) -> dict[tuple[str, str], float]:
    """The median advance width of each single glyph (a letter, a "(cid:N)") per font, a share of its size."""
    widths: dict[tuple[str, str], list[float]] = {}
    for ch in chars:
        text = ch["text"]
        if len(text) == 1 and text.strip() or _CID.fullmatch(text):
            widths.setdefault((ch["fontname"], text), []).append((ch["x1"] - ch["x0"]) / max(ch["size"], 0.1))
    return {key: sorted(values)[len(values) // 2] for key, values in widths.items()}


def build_lines(chars: list[dict], page: int = 0) -> list[Line]:
    """Group character dicts (pdfplumber vocabulary, in content-stream order) into lines, top to bottom,
    spans left to right. Space characters are not placed on lines; they mark the word space between the
    glyphs before and after them in the stream."""
    glyphs: list[dict] = []
    spaced: set[tuple[int, int]] = set()  # (id of glyph before, id of glyph after) a space character
    previous, blank = None, False
    for ch in chars:
        if not (ch.get("text") or "").strip():
            blank = True
            continue
        if blank and previous is not None:
            spaced.add((id(previous), id(ch)))
        previous, blank = ch, False
        glyphs.append(ch)
    # glyphs clearly smaller than the page's usual size (raised note markers, indices) are placed after the
    # others, on the line of the glyph beside them: sorted by their raised bottom they would reach a line
    # above before their own (a marker over a line's top half, a taller line beside it in the next column)
    sizes: dict[float, int] = {}
    for ch in glyphs:
        sizes[round(ch["size"], 1)] = sizes.get(round(ch["size"], 1), 0) + 1
    usual = max(sizes, key=sizes.get) if sizes else 0.0
    small = [ch for ch in glyphs if ch["size"] < DEFAULT_SMALL_GLYPH * usual]
    large = [ch for ch in glyphs if ch["size"] >= DEFAULT_SMALL_GLYPH * usual]
    rows = _rows(large)
    if small:
        beside, left_over = _neighbours(small, rows)
        if left_over:  # small text of its own (a colophon, fine print) is grouped as any text
            rows = _rows(large + left_over)
        row_of = {id(ch): row for row in rows for ch in row}
        for run, neighbour in beside:
            row_of[id(neighbour)].extend(run)
    _mark_small_caps(glyphs)
    rows = [sorted(row, key=lambda c: c["x0"]) for row in rows]
    digit_widths = _figure_widths(glyphs)
    for row in rows:
        _mark_synthetic_small_caps(row, spaced)
        _mark_superior_figures(row, spaced, digit_widths)
    lines = [_make_line(row, page, spaced) for row in rows]
    lines.sort(key=lambda l: (l.top, l.x0))
    return lines


def _rows(chars: list[dict]) -> list[list[dict]]:
    """Characters grouped into rows: a character joins a row whose tallest character's extent overlaps its
    own by DEFAULT_LINE_OVERLAP of the smaller one, unless the row holds characters of its size on another
    baseline (a tall heading in one column overlaps two lines of the next: they stay two lines)."""
    rows: list[list[dict]] = []
    bands: list[list[float]] = []  # [top, bottom] of the tallest chars in each row
    baselines: list[dict[float, float]] = []  # per row: size → bottom of its first character of that size
    for ch in sorted(chars, key=lambda c: (round(c["bottom"], 1), c["x0"])):
        top, bottom, size = ch["top"], ch["bottom"], round(ch["size"], 1)
        placed = False
        # chars arrive sorted by bottom, so only the last few rows can overlap
        for i in range(len(rows) - 1, max(-1, len(rows) - 4), -1):
            b_top, b_bottom = bands[i]
            overlap = min(bottom, b_bottom) - max(top, b_top)
            own = baselines[i].get(size)
            if overlap >= DEFAULT_LINE_OVERLAP * min(bottom - top, b_bottom - b_top) and (
                    own is None or abs(own - bottom) <= DEFAULT_LINE_OVERLAP * ch["size"]):
                rows[i].append(ch)
                baselines[i].setdefault(size, bottom)
                if bottom - top > b_bottom - b_top:
                    bands[i] = [top, bottom]
                placed = True
                break
        if not placed:
            rows.append([ch])
            bands.append([top, bottom])
            baselines.append({size: bottom})
    return rows


def _neighbours(small: list[dict], rows: list[list[dict]]) -> tuple[list[tuple[list[dict], dict]], list[dict]]:
    """Each run of small characters (touching, in stream order: a marker "25", an OCR word set small) with
    its nearest neighbour on the left or right in `rows`, within DEFAULT_NEIGHBOUR_DISTANCE of the
    neighbour's size, whose extent holds the run's middle: a raised marker stands beside its letters, within
    its own line's height. Returns ([(run, neighbour)], the characters of runs beside no such neighbour)."""
    from bisect import bisect_left, bisect_right

    index = []  # per row: its extent, its characters left to right and their left edges
    for row in rows:
        ordered = sorted(row, key=lambda c: c["x0"])
        index.append((min(c["top"] for c in row), max(c["bottom"] for c in row), ordered, [c["x0"] for c in ordered]))
    runs: list[list[dict]] = []
    for ch in small:
        last = runs[-1][-1] if runs else None
        if last is not None and abs(ch["top"] - last["top"]) < 0.1 * last["size"] \
                and 0 <= ch["x0"] - last["x1"] <= DEFAULT_SPACE_GAP * last["size"]:
            runs[-1].append(ch)
        else:
            runs.append([ch])
    beside, left_over = [], []
    for run in runs:
        x0, x1 = run[0]["x0"], run[-1]["x1"]
        top, bottom = min(c["top"] for c in run), max(c["bottom"] for c in run)
        middle, size = (top + bottom) / 2, run[0]["size"]
        best, best_gap = None, None
        for row_top, row_bottom, ordered, lefts in index:
            if not row_top - size <= top <= bottom <= row_bottom + size:
                continue
            at, after = bisect_left(lefts, x0), bisect_right(lefts, x1)
            for other in ordered[max(0, at - 1):at] + ordered[after:after + 1]:  # the neighbours left and right
                if not other["top"] <= middle <= other["bottom"]:
                    continue
                gap = max(other["x0"] - x1, x0 - other["x1"], 0.0)
                if gap <= DEFAULT_NEIGHBOUR_DISTANCE * other["size"] and (best_gap is None or gap < best_gap):
                    best, best_gap = other, gap
        if best is None:
            left_over.extend(run)
        else:
            beside.append((run, best))
    return beside, left_over


def _mark_small_caps(glyphs: list[dict]) -> None:
    """Set "caps" on every lower-case glyph of a letter whose widths tell small capitals apart on this page:
    True when the glyph's width (relative to the size) clearly differs from the letter's usual width in
    that font, False when it is the usual one. None for other glyphs, for letters set in one width only
    (a small "s" as wide as the lower-case one proves nothing either way) and for letters whose widths
    scatter (no usual width: OCR text layers)."""
    usual = {key: width for key, (width, widths) in _usual_widths(glyphs, str.islower).items()
             if any(_differs(other, width) for other in widths)}
    for ch in glyphs:
        width = usual.get((ch["fontname"], ch["text"])) if _is_letter(ch) else None
        ch["caps"] = None if width is None else _differs(_relative_width(ch), width)


def _usual_widths(glyphs: list[dict], kind) -> dict[tuple[str, str], tuple[float, set[float]]]:
    """Per (font, character) of single characters `kind` accepts: the usual width relative to the size
    (DEFAULT_USUAL_WIDTH_SHARE of them share it, so it is a typeset glyph's, not an OCR layer's scatter), with
    every width that character was set in."""
    widths: dict[tuple[str, str], Counter] = {}
    for ch in glyphs:
        if len(ch["text"]) == 1 and kind(ch["text"]):
            widths.setdefault((ch["fontname"], ch["text"]), Counter())[_relative_width(ch)] += 1
    return {key: (width, set(counts)) for key, counts in widths.items() if (width := _usual_width(counts))}


def _usual_width(counts: Counter | None) -> float | None:
    """The width most of these glyphs share (DEFAULT_USUAL_WIDTH_SHARE of them), or None where widths scatter."""
    if not counts:
        return None
    width, count = counts.most_common(1)[0]
    return width if count >= DEFAULT_USUAL_WIDTH_SHARE * sum(counts.values()) and width > 0 else None


def _figure_widths(glyphs: list[dict]) -> dict[tuple[str, str], float]:
    """Per (font, digit) on the page: the width (relative to the size) of the digit set as a full figure.
    That is the widest width the digit was set in, where that is not itself narrow against the font's usual
    figure width (the width most of its digits share; the page's, for a font with too few digits or only
    narrow ones); a digit set only narrow takes the usual figure width — except "1", which proportional
    figures set narrow."""
    pooled: dict[str, Counter] = {}
    widths: dict[tuple[str, str], set[float]] = {}
    for ch in glyphs:
        if len(ch["text"]) == 1 and ch["text"].isdigit():
            width = _relative_width(ch)
            pooled.setdefault(ch["fontname"], Counter())[width] += 1
            pooled.setdefault("", Counter())[width] += 1
            widths.setdefault((ch["fontname"], ch["text"]), set()).add(width)

    page_usual = _usual_width(pooled.get(""))
    full: dict[tuple[str, str], float] = {}
    for (font, digit), seen in widths.items():
        figure = _usual_width(pooled.get(font)) or page_usual
        if figure is None:  # an OCR layer's scattered widths: no evidence
            continue
        if page_usual and figure <= DEFAULT_SUPERIOR_WIDTH * page_usual:
            figure = page_usual  # a font whose every digit is narrow (markers after bold italic words only)
        if max(seen) > DEFAULT_SUPERIOR_WIDTH * figure:
            full[(font, digit)] = max(seen)
        elif digit != "1":
            full[(font, digit)] = figure
    return full


def _mark_superior_figures(row: list[dict], spaced: set[tuple[int, int]],
                           full: dict[tuple[str, str], float]) -> None:
    """Digits drawn as the font's superior figures: each at most DEFAULT_SUPERIOR_WIDTH of its full width,
    in a run that sticks to the word before it ("provincies²") or opens the row before a word (a note's
    number, "¹Zie"). They take the size their width shows, at the top of their box, so that they read as the
    raised marker they are drawn as."""
    def superior(ch: dict) -> float | None:
        known = full.get((ch["fontname"], ch["text"]))
        ratio = _relative_width(ch) / known if known else 1.0
        return ratio if ratio <= DEFAULT_SUPERIOR_WIDTH else None

    def touching(a: dict, b: dict) -> bool:  # no space between them, in the text or in the layout
        return (id(a), id(b)) not in spaced and b["x0"] - a["x1"] < DEFAULT_MIN_SPACE_GAP * b["size"]

    i = 0
    while i < len(row):
        ratios = []
        end = i
        while end < len(row) and (end == i or touching(row[end - 1], row[end])):
            ch, before = row[end], row[end - 1]
            ratio = superior(ch)
            if ratio is None and ratios and ch["text"].isdigit() and ch["fontname"] == before["fontname"] \
                    and _relative_width(ch) == _relative_width(before):
                ratio = ratios[-1]  # a digit without evidence of its own ("1") as wide as the superior one before
            if ratio is None:
                break
            ratios.append(ratio)
            end += 1
        if end == i:
            i += 1
            continue
        after_word = i > 0 and not row[i - 1]["text"].isdigit() and touching(row[i - 1], row[i])
        # a note's text opens with a letter or a quotation mark ("62‘The"), a section number goes on ("3.10")
        opens_row = i == 0 and end < len(row) and (row[end]["text"].isalpha() or row[end]["text"] in _QUOTE_MARKS) \
            and touching(row[end - 1], row[end])
        if after_word or opens_row:
            for ch, ratio in zip(row[i:end], ratios):
                ch["size"] *= ratio
                ch["bottom"] = ch["top"] + (ch["bottom"] - ch["top"]) * ratio
        i = end


def _mark_synthetic_small_caps(row: list[dict], spaced: set[tuple[int, int]]) -> None:
    """Small capitals made of smaller capitals: a full capital followed in the same word by capitals of the
    same font set smaller on its baseline ("D" + "E OPGAVE" for "De opgave"). The phrase they open — the
    capitals of either size that follow, with punctuation between them — takes the full capitals' size and
    is marked "caps", so it reads as one span in one style."""
    i = 0
    while i < len(row) - 1:
        big, small = row[i], row[i + 1]
        share = small["size"] / max(big["size"], 0.1)
        if not (_is_capital(big) and _is_capital(small) and (id(big), id(small)) not in spaced
                and small["fontname"] == big["fontname"]
                and DEFAULT_SYNTHETIC_CAPS_LOW <= share <= DEFAULT_SYNTHETIC_CAPS_HIGH
                and abs(small["bottom"] - big["bottom"]) <= DEFAULT_BASELINE_SHIFT * big["size"]):
            i += 1
            continue
        end = i + 1
        # capitals of either size and the punctuation between them ("A" "XES D" "’" "EVALUATION")
        while end < len(row) and (_is_capital(row[end]) or not row[end]["text"].isalnum()) \
                and row[end]["fontname"] == big["fontname"] \
                and row[end]["x0"] - row[end - 1]["x1"] <= DEFAULT_TAB_GAP * big["size"] \
                and min(abs(row[end]["size"] - big["size"]), abs(row[end]["size"] - small["size"])) < 0.1:
            end += 1
        for ch in row[i:end]:
            ch["size"], ch["caps"] = big["size"], True
        i = end


def _is_capital(ch: dict) -> bool:
    return len(ch["text"]) == 1 and ch["text"].isupper()


def _is_letter(ch: dict) -> bool:
    return len(ch["text"]) == 1 and ch["text"].islower()


def _differs(width: float, usual: float) -> bool:
    ratio = max(width, 1e-3) / usual
    return max(ratio, 1 / ratio) >= DEFAULT_SMALL_CAP_WIDTH


def _relative_width(ch: dict) -> float:
    """The glyph's width as a share of its size, rounded so that one glyph's widths compare equal."""
    return round((ch["x1"] - ch["x0"]) / max(ch["size"], 0.1), 3)


def word_gap(gaps: list[float]) -> float:
    """The share of the font size above which a gap of this line is a word space (gaps as shares of the size).

    The threshold sits in the middle of the widest jump between consecutive sorted gaps whose upper side
    could be a word space, kept within [DEFAULT_MIN_SPACE_GAP, DEFAULT_SPACE_GAP]."""
    ordered = sorted(g for g in gaps if g <= DEFAULT_TAB_GAP)
    best, threshold = 0.0, DEFAULT_SPACE_GAP
    for low, high in zip([0.0] + ordered, ordered):
        if high >= DEFAULT_MIN_SPACE_GAP and high - low > best:
            best, threshold = high - low, (low + high) / 2
    return min(DEFAULT_SPACE_GAP, max(DEFAULT_MIN_SPACE_GAP, threshold))


def _make_line(chars: list[dict], page: int, spaced: set[tuple[int, int]] = frozenset()) -> Line:
    pairs = list(zip(chars, chars[1:]))
    marked = [(id(a), id(b)) in spaced for a, b in pairs]
    shares = [(b["x0"] - a["x1"]) / max(a["size"], b["size"], 0.1) for a, b in pairs]
    # a line with its own space characters needs no guess; otherwise its gaps say how wide a word space is
    limit = DEFAULT_SPACE_GAP if any(marked) else word_gap(shares)
    tab_after = _label_ends(shares, marked, limit)
    spans: list[Span] = []
    run: list[dict] = []
    text = ""
    space_before = False
    word_caps = _word_caps_states(chars, [m or share > limit for m, share in zip(marked, shares)])
    for i, ch in enumerate(chars):
        if run:
            prev = run[-1]
            word_space = marked[i - 1] or shares[i - 1] > limit
            same_style = prev["fontname"] == ch["fontname"] and abs(prev["size"] - ch["size"]) < 0.1 \
                and prev.get("color", "") == ch.get("color", "")
            run_caps = _caps_state(run) if word_space and word_caps[i] is not None else None
            if shares[i - 1] > DEFAULT_TAB_GAP or i - 1 in tab_after or not same_style \
                    or (run_caps is not None and run_caps != word_caps[i]):
                # (small caps begin or end with this word: "De opgave Veel …")
                spans.append(_make_span(run, text, space_before))
                space_before = word_space
                run, text = [], ""
            elif word_space:
                text += " "
        run.append(ch)
        text += ch["text"]
    if run:
        spans.append(_make_span(run, text, space_before))
    if len(spans) > 1 and _CID.fullmatch(spans[0].text):
        # a glyph without Unicode map set apart before a line's text is a list bullet (a symbol font's
        # bullet reads "(cid:129)"); inside text such glyphs stay what they are
        spans[0] = replace(spans[0], text="•")
    return _assembled(tuple(spans), [(c["size"], c["fontname"], 1, c["x0"], c["x1"], c["top"], c["bottom"])
                                     for c in chars], page)


def _label_ends(shares: list[float], marked: list[bool], limit: float) -> set[int]:
    """The gap indices after short leading labels set off by a wider gap than their line's word spaces: one
    per run of text between tab-wide gaps (a row can carry two columns' text, each opening with a label)."""
    ends = set()
    starts = [0] + [i + 1 for i, share in enumerate(shares) if share > DEFAULT_TAB_GAP]
    for start, stop in zip(starts, starts[1:] + [len(shares) + 1]):
        words = [i for i in range(start, stop - 1) if marked[i] or shares[i] > limit]
        if len(words) < 2 or words[0] - start >= DEFAULT_MAX_LABEL:
            continue
        first, others = shares[words[0]], sorted(shares[i] for i in words[1:])
        typical = others[len(others) // 2]
        if first >= DEFAULT_LABEL_GAP and first >= DEFAULT_LABEL_GAP_RATIO * typical:
            ends.add(words[0])
    return ends


def _word_caps_states(chars: list[dict], spaced: list[bool]) -> list[bool | None]:
    """Per glyph, whether the word it belongs to is set in small caps (`_caps_state` of the word's glyphs):
    the word decides as a whole, so one letter whose small capital is hard to tell apart splits nothing.
    `spaced[i]`: a word space lies between glyph i and i + 1."""
    states: list[bool | None] = []
    start = 0
    for end in range(1, len(chars) + 1):
        if end == len(chars) or spaced[end - 1]:
            states.extend([_caps_state(chars[start:end])] * (end - start))
            start = end
    return states


def _caps_state(chars: list[dict]) -> bool | None:
    """Whether the lower-case letters among these glyphs are small caps (None without lower-case letters)."""
    states = [c.get("caps") for c in chars if c.get("caps") is not None]
    if not states:
        return None
    return sum(states) >= DEFAULT_SMALL_CAP_SHARE * len(states)


def _make_span(run: list[dict], text: str, space_before: bool) -> Span:
    return Span(
        text=re.sub(r"\s+", " ", text).strip(),
        x0=run[0]["x0"],
        x1=max(c["x1"] for c in run),
        top=min(c["top"] for c in run),
        bottom=max(c["bottom"] for c in run),
        size=run[0]["size"],
        fontname=run[0]["fontname"],
        space_before=space_before or text[:1].isspace(),
        color=run[0].get("color", ""),
        caps=bool(_caps_state(run)),
        role=run[0].get("role", ""),
        element=run[0].get("element", 0),
    )


# ------------------------------------------------------------------------------------ limits (worker only)

class _BoundedZlib:
    """Stands in for the zlib module inside pdfminer.pdftypes: the same calls, but a stream that inflates to
    more than `limit` bytes raises LimitExceeded instead of filling memory (a "zip bomb" PDF)."""

    def __init__(self, real, limit: int):
        self._real, self._limit = real, limit
        self.error = real.error

    def _too_large(self) -> LimitExceeded:
        return LimitExceeded(f"a compressed stream inflates to more than {self._limit // (1 << 20)} MB; skipped")

    def decompress(self, data: bytes) -> bytes:
        inflater = self._real.decompressobj()
        out = inflater.decompress(data, self._limit + 1)
        if len(out) > self._limit:
            raise self._too_large()
        if not inflater.eof:  # zlib.decompress raises here; pdfminer then tries its repair path
            raise self._real.error("incomplete or truncated stream")
        return out

    def decompressobj(self):
        limit, real_inflater, too_large = self._limit, self._real.decompressobj(), self._too_large

        class Inflater:  # the repair path feeds bytes one by one: count what comes out
            produced = 0

            def decompress(self, data: bytes, *args) -> bytes:
                out = real_inflater.decompress(data, *args)
                Inflater.produced += len(out)
                if Inflater.produced > limit:
                    raise too_large()
                return out

            def __getattr__(self, name):
                return getattr(real_inflater, name)

        return Inflater()


_memory_limit_note = ""  # " (limit 2048 MB)" once the worker has capped its memory


def install_limits(stream_bytes: int, page_chars: int, memory_mb: int | None = None) -> None:
    """Bound what one PDF may cost in this process: inflated stream size and characters per page
    (`memory_mb`, the process's own cap, only names the limit in an out-of-memory message).

    Called once by the extraction worker (rbtool.sandbox), a process that reads nothing but PDFs, so
    replacing pdfminer's zlib and pdfplumber's page device there affects no other code."""
    import zlib

    import pdfminer.pdftypes
    import pdfplumber.page

    global _memory_limit_note
    _memory_limit_note = f" (limit {memory_mb} MB)" if memory_mb else ""
    pdfminer.pdftypes.zlib = _BoundedZlib(zlib, stream_bytes)
    base = pdfplumber.page.PDFPageAggregatorWithMarkedContent

    class BoundedPageDevice(base):
        """Counts the characters a page draws and stops at `page_chars` (a page of 10 MB of text would
        otherwise take gigabytes of layout objects before anything downstream could refuse it)."""

        chars_drawn = 0

        def render_char(self, *args, **kwargs):
            self.chars_drawn += 1
            if self.chars_drawn > page_chars:
                raise LimitExceeded(f"more than {page_chars:,} characters; skipped")
            return super().render_char(*args, **kwargs)

    pdfplumber.page.PDFPageAggregatorWithMarkedContent = BoundedPageDevice
