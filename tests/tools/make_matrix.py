#!/usr/bin/env python3
"""Typeset the 2020 analysis and the 2021 edition in a matrix of styles, each with its exact ground truth.

`make_variant.py` gives one second layout; this gives many, each drawn from independent typographic
choices (issue 9), so that no extractor rule can lean on one house style:

    font             serif (Libertinus Serif, New Computer Modern, DejaVu Serif, Liberation Serif) or sans
                     (DejaVu Sans, Liberation Sans)
    size             body size 9-12 pt
    justified        justified with Dutch hyphenation, or ragged right without hyphenation
    numbered         heading numbers printed ("2.1 Duurzaamheid") or not
    heading_style    how headings and subheadings stand out: size / bold / italic / bold-italic /
                     smallcaps / colour (all but "bold" and "bold-italic" at regular weight)
    subheading_place spaced (own line, space after) / tight (own line, no space after) /
                     run-in (at the start of the paragraph that follows, ending where the style changes)
    header           running header with the current chapter's title / the document title / none
    page_number      top / bottom / outside (the outer corner of the header, alternating)
    note_numbering   footnotes numbered throughout the document or per page
    marker           superscript (raised, smaller digits), bracketed ("[12]" at body size on the baseline) or
                     superior (Typst's default: the font's OpenType superior figures, which keep the body's
                     size and box in the text layer: only their width tells them) note markers
    quote_frame      boxed / indented / ruled (a rule on the left) / italic (no frame: the quotation marks
                     are the evidence)
    attribution      right-aligned italics / left / after an em dash ("— Name")
    bullet           – • ▪ ○ ✓ ; sub-items "–", "•" or lettered "a)"; numbered items "1." "1)" or "a."
    columns          one column, or two columns from chapter 1 on with footnotes across the full width
    contents         a contents page (dot leaders, page numbers) after the title page, or none
    ligatures        mapped, or fi/fl/ff/ffi/ffl glyphs without a Unicode map (their ToUnicode entries
                     are removed after compiling, as in real PDFs where they read as "(cid:N)")
    heading_font     headings and subheadings in the body's family, or in another one (a sans family over
                     a serif body, as many reports set them)
    paragraphs       spaced (a gap between paragraphs) or indented (the first line of a paragraph that
                     follows another one is indented, with no gap: book style)
    hyphen_map       hyphen-minus (every hyphen glyph mapped to "-", as most producers do) or first-use
                     (Typst's own map: a glyph reads as the text of its first use, so once that was a
                     hyphenation every hyphen of the font, also in "sociaal-culturele", reads as U+00AD)

heading_font and paragraphs came with the held-out typesettings m17-m21, hyphen_map and the superior marker
with m22-m23; the rows before them leave each at its first value (the body's family, spaced, hyphen-minus),
which changes nothing in their sources.

The table `TYPESETTINGS` fixes the combinations (every value appears at least once; `main` checks that);
each is rendered from tests/data/analyse-rijksbegroting-2020.truth.json and seven of them also from the 2021
test edition. Outputs:

    tests/pdfs/matrix/<edition>-<name>.pdf
    tests/data/matrix/<edition>-<name>.truth.json
    tests/data/matrix/manifest.json        every typesetting's choices and files

Truth comes from the generator's own marks, never from rbtool: every block, footnote marker and footnote
text carries an invisible Typst `metadata` mark recording its page (and the footnote counter there), read
back with `typst.query` (see make_variant.py). An independent check then reads the compiled PDF with
pdftotext page by page and prints how many blocks, notes, markers, headers and contents entries stand where
the truth says.

What a choice changes in the truth (everything else is the source truth with pages recomputed):
  - pages: `page`/`page_end` of blocks and notes, `marker_page`; `pages[].label` is the printed number
    (none on the title page).
  - numbered=False: headings have `number: null`, and blocks `section: null` (no numbered heading encloses
    them); sections are then matched by title.
  - note_numbering="page": the printed numbers restart on every page, so they cannot identify a note. The
    truth keeps the notes keyed by their order in the document (1..N, the source numbers, which are in
    order) — what an export's `number` must be — and gives each note its printed `label`. The `[^N]`
    markers in the texts use the same document-order numbers. Typst moves a note that does not fit to
    the next page; there its printed number can repeat (the generator prints how often) — the truth keeps
    what is printed. In two columns Typst also prints a few notes at the foot of the page before the one
    whose column finally holds their marker (a marker moved on after its note was placed); the truth
    again records where each stands (`page` < `marker_page`), as the pdftotext check confirms.
  - every note has `label`, the marker as printed: "7" (superscript) or "[7]" (bracketed, per-page numbers
    when numbered per page). Bracketed markers are not text: the truth's texts do not contain them.
  - attribution="dash": the em dash is typography; the attribution stays the name without it.
  - numbered items carry the printed `label` ("3.", "3)" or "c.") and `number` ("3" or "c").
  - contents=True: the contents page is not a section and not a block; the truth names it in `contents`
    (its page and entries) so a test can check that no section or heading comes from it.
  - header: `furniture_strings` lists the running header texts (the document title, or each chapter
    title as printed); page numbers are not strings.
  - ligatures="unmapped": nothing — the text is the same; recovering it is the extractor's task.

Re-run (a development tool; Typst and pikepdf are not dependencies of rbtool; pdftotext for the check):

    pip install typst pikepdf && python tests/tools/make_matrix.py [--only m01 m02] [--keep-typ DIR]
"""
from __future__ import annotations

import argparse
import copy
import dataclasses
import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import typst

from make_variant import (MARKER, PDF_TIMESTAMP, fold, group_key, hyphens_as_hyphen_minus, inline, literal, mark,
                          read_marks, title_page)

TESTS = Path(__file__).resolve().parents[1]
PDF_DIR = TESTS / "pdfs" / "matrix"
TRUTH_DIR = TESTS / "data" / "matrix"
EDITIONS = {"2020": TESTS / "data" / "analyse-rijksbegroting-2020.truth.json",
            "2021": TESTS / "data" / "analyse-rijksbegroting-2021-testeditie.truth.json"}
# Typst embeds Libertinus Serif and New Computer Modern; the other families come from the system's fonts
SYSTEM_FONT_DIRS = {"DejaVu": "/usr/share/fonts/truetype/dejavu",
                    "Liberation": "/usr/share/fonts/truetype/liberation"}
LIGATURES = {"ff", "fi", "fl", "ffi", "ffl", "ft", "st"}
HEADING_COLOUR = "#1f4e79"
CONTENTS_TITLE = "Inhoud"


@dataclass(frozen=True)
class Typesetting:
    name: str
    font: str
    size: float
    justified: bool
    numbered: bool
    heading_style: str
    subheading_place: str
    header: str
    page_number: str
    note_numbering: str
    marker: str
    quote_frame: str
    attribution: str
    bullet: str
    subitem: str
    enumeration: str
    columns: int
    contents: bool
    ligatures: str
    editions: tuple[str, ...]
    heading_font: str = ""  # "" = the body's family
    paragraphs: str = "spaced"
    hyphen_map: str = "hyphen-minus"


CHOICES = {
    "font": ["Libertinus Serif", "New Computer Modern", "DejaVu Serif", "DejaVu Sans", "Liberation Serif",
             "Liberation Sans"],
    "size": [9, 10, 10.5, 11, 12],
    "justified": [True, False],
    "numbered": [True, False],
    "heading_style": ["size", "bold", "italic", "bold-italic", "smallcaps", "colour"],
    "subheading_place": ["spaced", "tight", "run-in"],
    "header": ["chapter", "title", "none"],
    "page_number": ["top", "bottom", "outside"],
    "note_numbering": ["document", "page"],
    "marker": ["superscript", "bracketed", "superior"],
    "quote_frame": ["boxed", "indented", "ruled", "italic"],
    "attribution": ["right", "left", "dash"],
    "bullet": ["–", "•", "▪", "○", "✓"],
    "subitem": ["–", "•", "a)"],
    "enumeration": ["1.", "1)", "a."],
    "columns": [1, 2],
    "contents": [False, True],
    "ligatures": ["mapped", "unmapped"],
    "heading_font": ["", "Liberation Sans", "DejaVu Sans"],
    "paragraphs": ["spaced", "indented"],
    "hyphen_map": ["hyphen-minus", "first-use"],
}

_COLUMNS = ("name font size justified numbered heading_style subheading_place header page_number note_numbering "
            "marker quote_frame attribution bullet subitem enumeration columns contents ligatures editions "
            "heading_font paragraphs hyphen_map").split()
_TABLE = [
    # m01: the first example (serif, justified, bold-italic subheadings without space after them,
    # the chapter title as running header, boxed quotes with the attribution right in italics)
    ("m01", "Libertinus Serif", 10.5, True, True, "bold-italic", "tight", "chapter", "top", "document",
     "superscript", "boxed", "right", "•", "–", "1.", 1, False, "mapped", ("2020", "2021")),
    # m02: the second example (two columns, full-width notes, ligatures without a map)
    ("m02", "New Computer Modern", 10, True, True, "bold", "spaced", "title", "bottom", "document",
     "superscript", "ruled", "left", "–", "•", "1.", 2, False, "unmapped", ("2020", "2021")),
    ("m03", "DejaVu Sans", 9, False, False, "bold", "run-in", "none", "bottom", "page",
     "bracketed", "indented", "dash", "▪", "a)", "1)", 1, True, "mapped", ("2020", "2021")),
    ("m04", "DejaVu Serif", 12, False, True, "italic", "spaced", "chapter", "outside", "document",
     "bracketed", "italic", "right", "○", "–", "a.", 1, True, "unmapped", ("2020",)),
    ("m05", "Libertinus Serif", 11, True, False, "smallcaps", "tight", "title", "outside", "document",
     "superscript", "boxed", "dash", "✓", "–", "1.", 2, False, "mapped", ("2020", "2021")),
    ("m06", "DejaVu Sans", 10, True, True, "colour", "run-in", "chapter", "bottom", "document",
     "superscript", "indented", "left", "–", "–", "1.", 1, False, "unmapped", ("2020",)),
    ("m07", "New Computer Modern", 12, False, True, "size", "spaced", "none", "top", "document",
     "bracketed", "ruled", "right", "•", "a)", "a.", 1, True, "mapped", ("2020", "2021")),
    ("m08", "DejaVu Sans", 11, False, True, "bold-italic", "spaced", "chapter", "top", "page",
     "superscript", "italic", "left", "▪", "–", "1)", 1, True, "mapped", ("2020",)),
    ("m09", "Libertinus Serif", 9, True, True, "italic", "run-in", "title", "bottom", "document",
     "superscript", "ruled", "dash", "○", "•", "1.", 1, False, "unmapped", ("2020", "2021")),
    ("m10", "DejaVu Serif", 10, True, False, "colour", "tight", "chapter", "outside", "document",
     "superscript", "boxed", "right", "✓", "a)", "1.", 1, False, "mapped", ("2020",)),
    ("m11", "New Computer Modern", 11, True, True, "smallcaps", "spaced", "title", "top", "document",
     "bracketed", "indented", "right", "•", "–", "a.", 1, True, "unmapped", ("2020",)),
    ("m12", "New Computer Modern", 9, False, True, "size", "tight", "chapter", "bottom", "document",
     "bracketed", "boxed", "left", "–", "•", "1)", 2, False, "mapped", ("2020",)),
    # m13-m16: held out while the extractor was tuned on m01-m12, each a combination none of those has
    # m13: two columns with italic run-in subheadings (Liberation Serif: Typst sets it without ligatures)
    ("m13", "Liberation Serif", 10, True, True, "italic", "run-in", "chapter", "outside", "document",
     "superscript", "ruled", "right", "•", "a)", "1)", 2, False, "mapped", ("2020", "2021")),
    # m14: two columns after a contents page, notes numbered per page with superscripts, colour headings (sans)
    ("m14", "Liberation Sans", 9, False, True, "colour", "spaced", "title", "top", "page",
     "superscript", "italic", "left", "✓", "•", "a.", 2, True, "mapped", ("2020",)),
    # m15: a small size with bold-italic run-in subheadings, unnumbered, no running header
    ("m15", "DejaVu Serif", 9, True, False, "bold-italic", "run-in", "none", "bottom", "page",
     "bracketed", "boxed", "dash", "–", "–", "1.", 1, True, "unmapped", ("2020",)),
    # m16: small-caps run-in subheadings
    ("m16", "New Computer Modern", 10.5, True, True, "smallcaps", "run-in", "chapter", "top", "document",
     "superscript", "indented", "left", "▪", "a)", "a.", 1, True, "mapped", ("2020",)),
    # m17-m21: held out while the extractor was tuned on m01-m16, each a combination none of those has
    # m17: a 12 pt sans with colour headings, page numbers outside, bracketed notes numbered per page,
    # italic quotes attributed after an em dash
    ("m17", "Liberation Sans", 12, False, True, "colour", "tight", "chapter", "outside", "page",
     "bracketed", "italic", "dash", "✓", "a)", "1)", 1, True, "mapped", ("2020", "2021")),
    # m18: two columns at 12 pt after a contents page, small-caps headings, Libertinus without ligature maps
    ("m18", "Libertinus Serif", 12, True, False, "smallcaps", "spaced", "none", "bottom", "document",
     "superscript", "ruled", "right", "○", "•", "a.", 2, True, "unmapped", ("2020",)),
    # m19: bold-italic run-in subheadings in a sans family over a serif body, notes numbered per page
    ("m19", "Liberation Serif", 11, True, True, "bold-italic", "run-in", "chapter", "top", "page",
     "superscript", "boxed", "left", "▪", "–", "a.", 1, False, "mapped", ("2020", "2021"), "Liberation Sans"),
    # m20: two columns of book-style indented paragraphs in a sans, italic headings, bracketed markers
    ("m20", "DejaVu Sans", 10.5, False, True, "italic", "spaced", "title", "outside", "document",
     "bracketed", "indented", "dash", "•", "a)", "1.", 2, False, "unmapped", ("2020",), "", "indented"),
    # m21: indented paragraphs, unnumbered colour headings in a sans over a serif body, a contents page
    ("m21", "DejaVu Serif", 11, True, False, "colour", "tight", "chapter", "outside", "page",
     "superscript", "ruled", "left", "–", "a)", "a.", 1, True, "mapped", ("2020", "2021"), "DejaVu Sans",
     "indented"),
    # m22-m23: Typst's own defaults left in place (held out while superior figures and drawn soft hyphens
    # were read): note markers in Libertinus' superior figures, every hyphen mapped to its first use (U+00AD)
    ("m22", "Libertinus Serif", 10.5, True, True, "bold", "spaced", "chapter", "bottom", "document",
     "superior", "indented", "right", "•", "–", "1.", 1, False, "mapped", ("2020", "2021"), "", "spaced",
     "first-use"),
    # m23: the same in two columns at 9 pt, notes numbered per page, italic run-in subheadings
    ("m23", "Libertinus Serif", 9, True, True, "italic", "run-in", "title", "outside", "page",
     "superior", "boxed", "dash", "–", "•", "a.", 2, True, "mapped", ("2020",), "", "spaced", "first-use"),
]
TYPESETTINGS = [Typesetting(*row) for row in _TABLE]
assert all(len(_COLUMNS) - 3 <= len(row) <= len(_COLUMNS) for row in _TABLE)


def uncovered_choices(typesettings: list[Typesetting]) -> dict[str, list]:
    """Choice values that no typesetting of the table uses (must be none)."""
    return {key: missing for key, values in CHOICES.items()
            if (missing := [v for v in values if v not in {getattr(t, key) for t in typesettings}])}


# ------------------------------------------------------------------------------------------- markup

def styled(ts: Typesetting, body: str) -> str:
    """A heading or subheading body set in the typesetting's heading style (Typst code)."""
    weight = "bold" if ts.heading_style in ("bold", "bold-italic") else "regular"
    style = "italic" if ts.heading_style in ("italic", "bold-italic") else "normal"
    fill = f', fill: rgb("{HEADING_COLOUR}")' if ts.heading_style == "colour" else ""
    font = f", font: {literal(ts.heading_font)}" if ts.heading_font else ""
    inner = f"smallcaps({body})" if ts.heading_style == "smallcaps" else body
    return f'text(weight: "{weight}", style: "{style}"{fill}{font}, {inner})'


def header_code(ts: Typesetting, title: str) -> str:
    """The page header: running text, page number, and the per-page reset of the note counter."""
    running = {"chapter": 'let cs = query(<chapter>).filter(c => c.location().page() <= p)\n'
                          '    let run = if cs.len() > 0 { cs.last().value } else { "" }',
               "title": f"let run = {literal(title)}",
               "none": 'let run = ""'}[ts.header]
    number_top = ts.page_number in ("top", "outside")
    reset = "counter(footnote).update(0)" if ts.note_numbering == "page" else ""
    if ts.page_number == "outside":
        row = 'if calc.even(p) { grid(columns: (auto, 1fr), num, align(right, run)) } ' \
              'else { grid(columns: (1fr, auto), run, num) }'
    elif number_top:
        row = "grid(columns: (1fr, auto), run, num)"
    else:
        row = "grid(columns: (1fr,), run)"
    rule = "v(-0.5em)\n    line(length: 100%, stroke: 0.4pt + luma(120))" if ts.header != "none" else ""
    return f"""context {{
  {reset}
  let p = here().page()
  if p > 1 {{
    {running}
    let num = counter(page).display()
    set text(size: 0.8em, fill: luma(70), style: "{"italic" if ts.header == "chapter" else "normal"}")
    {row if (ts.header != "none" or number_top) else ""}
    {rule}
  }}
}}"""


def footer_code(ts: Typesetting) -> str:
    if ts.page_number != "bottom":
        return "none"
    return "context { if here().page() > 1 { align(center, text(size: 0.85em, counter(page).display())) } }"


def preamble(ts: Typesetting, document: dict) -> str:
    heading_size = {"size": (2.0, 1.45, 1.15)}.get(ts.heading_style, (1.75, 1.3, 1.0))
    sub_below = {"spaced": "0.75em", "tight": "0.6em", "run-in": "0.6em"}[ts.subheading_place]
    quote_frames = {
        "boxed": '(width: 100%, inset: (x: 14pt, y: 10pt), stroke: 0.5pt + luma(110))',
        "indented": '(inset: (left: 2.4em, right: 2.4em))',
        "ruled": '(inset: (left: 12pt, y: 3pt), stroke: (left: 2pt + luma(90)))',
        "italic": '(inset: 0pt)',
    }
    quote_style = "italic" if ts.quote_frame in ("boxed", "italic") else "normal"
    quote_size = "1em" if ts.quote_frame == "italic" else "0.92em"
    attribution = {
        "right": 'align(right, text(style: "italic", body))',
        "left": 'text(size: 0.9em, body)',
        "dash": 'text(size: 0.92em, [— #body])',
    }[ts.attribution]
    marker_rules = {"bracketed": '#show super: it => it.body\n#set footnote(numbering: n => "[" + str(n) + "]")',
                    "superscript": "#set super(typographic: false)",
                    "superior": ""}[ts.marker]  # Typst's default: the font's superior figures
    justify = "true" if ts.justified else "false"
    paragraph_spacing = {"spaced": "spacing: 0.95em",
                         "indented": "spacing: 0.6em, first-line-indent: 1.5em"}[ts.paragraphs]
    bullet_markers = f"([{ts.bullet}], [{ts.subitem}])" if ts.subitem != "a)" else f"([{ts.bullet}],)"
    return f"""
#set document(title: {literal(document["title"])}, author: {literal(document["publisher"])})
#set page(paper: "a4", margin: (top: 3cm, bottom: 2.7cm, x: {"2cm" if ts.columns == 2 else "2.4cm"}),
  header-ascent: 35%, header: {header_code(ts, document["title"])}, footer: {footer_code(ts)})
#set text(font: {literal(ts.font)}, size: {ts.size}pt, lang: "nl", hyphenate: {justify})
#set par(justify: {justify}, leading: 0.6em, {paragraph_spacing})
#set list(marker: {bullet_markers}, indent: 0.3em, body-indent: 0.7em, spacing: 0.7em)
#set enum(indent: 0.3em, body-indent: 0.7em, spacing: 0.7em)
{marker_rules}
#set footnote.entry(separator: line(length: 35%, stroke: 0.4pt), gap: 0.45em)
#show heading: set text(font: {literal(ts.heading_font or ts.font)})
#show heading.where(level: 1): it => {{
  pagebreak(weak: true)
  block(above: 0.5em, below: 1.4em, sticky: true, {styled(ts, f"text(size: {heading_size[0]}em, it.body)")})
}}
#show heading.where(level: 2): it => block(above: 1.8em, below: 0.9em, sticky: true,
  {styled(ts, f"text(size: {heading_size[1]}em, it.body)")})
#let subheading(body) = block(above: 1.5em, below: {sub_below}, sticky: true,
  {styled(ts, f"text(size: {heading_size[2]}em, body)")})
#let runin(head, body) = par[#{styled(ts, f"text(size: {heading_size[2]}em, head)")}#h(0.5em)#body]
#let kader(body) = block(width: 100%, inset: (x: 11pt, y: 10pt), stroke: 0.7pt + luma(60), fill: luma(246),
  breakable: true, above: 1.4em, below: 1.4em, body)
#let quotebox(body) = block(..{quote_frames[ts.quote_frame]}, breakable: true, above: 1.3em, below: 0.6em,
  {{ set text(style: "{quote_style}", size: {quote_size}); body }})
#let attribution(body) = block(above: 0.6em, below: 1.4em, par(justify: false, {attribution}))
#let mark(key) = context [#metadata((key: key, page: here().page(), fn: counter(footnote).get().first()))<pos>]
#let toc-entry(level, title, target) = context {{
  let p = locate(target).page()
  block(above: 0.55em, below: 0.55em, inset: (left: (level - 1) * 1.6em),
    [#title #box(width: 1fr, repeat[.#h(0.25em)]) #str(p)])
}}
"""


class Markup:
    """Typst markup of a truth's blocks in one typesetting."""

    def __init__(self, ts: Typesetting, truth: dict):
        self.ts, self.notes = ts, truth["footnotes"]

    def inline(self, text: str) -> str:
        return inline(text, self.notes)

    def marked(self, block: dict, body: str) -> str:
        return mark(block["id"] + "<") + self.inline(body) + mark(block["id"] + ">")

    def heading_title(self, block: dict) -> str:
        return f"{block['number']} {block['text']}" if self.ts.numbered and block.get("number") else block["text"]

    def heading(self, block: dict) -> str:
        chapter = ""
        if block["level"] == 1:
            chapter = f"#metadata({literal(MARKER.sub('', self.heading_title(block)))})<chapter>"
        return (f"#heading(level: {block['level']})[{chapter}{self.marked(block, self.heading_title(block))}]"
                f" <h-{block['id']}>")

    def single(self, block: dict) -> str:
        kind = block["kind"]
        if kind == "heading":
            return self.heading(block)
        if kind == "subheading":
            return f"#subheading[{self.marked(block, block['text'])}]"
        if kind == "paragraph":
            return f"#par[{self.marked(block, block['text'])}]"
        if kind == "quote":
            paragraphs = [self.inline(p) for p in block["paragraphs"]]
            paragraphs[0] = mark(block["id"] + "<") + paragraphs[0]
            body = "".join(f"#par[{p}]" for p in paragraphs)
            return (f"#quotebox[{body}]\n"
                    f"#attribution[{self.inline(block['attribution'])}{mark(block['id'] + '>')}]")
        raise ValueError(f"no single-block markup for {kind}")

    def bullets(self, blocks: list[dict]) -> str:
        items = []
        for block in blocks:
            head = mark(block["id"] + "<") + self.inline(block["text"])
            subitems = [self.inline(s) for s in block.get("subitems") or []]
            nested = ""
            if subitems:
                joined = ", ".join(f"[{s}]" for s in subitems)
                nested = f'#enum(numbering: "a)", {joined})' if self.ts.subitem == "a)" else f"#list({joined})"
            items.append(f"[{head}{nested}{mark(block['id'] + '>')}]")
        return "#list(\n  " + ",\n  ".join(items) + ")"

    def enumeration(self, blocks: list[dict]) -> str:
        items = [f"enum.item({int(b['number'])})[{self.marked(b, b['text'])}]" for b in blocks]
        return f"#enum(numbering: {literal(self.ts.enumeration)},\n  " + ",\n  ".join(items) + ")"

    def sequence(self, blocks: list[dict]) -> list[str]:
        """Markup of consecutive blocks: lists grouped, boxes framed, run-in subheadings joined."""
        out, i = [], 0
        while i < len(blocks):
            block = blocks[i]
            key = group_key(block)
            j = i + 1
            while j < len(blocks) and group_key(blocks[j]) == key:
                j += 1
            if key[0] == "box":
                out.append("#kader[\n" + "\n".join(self.sequence_inside_box(blocks[i:j])) + "\n]")
            elif key[0] == "bullet":
                out.append(self.bullets(blocks[i:j]))
            elif key[0] == "numbered":
                out.append(self.enumeration(blocks[i:j]))
            elif self.runs_in(blocks, i):
                out.append(self.run_in(block, blocks[i + 1]))
                j = i + 2
            else:
                out.append(self.single(block))
            i = j
        return out

    def sequence_inside_box(self, blocks: list[dict]) -> list[str]:
        unboxed = [dict(b, box=None) for b in blocks]
        return self.sequence(unboxed)

    def runs_in(self, blocks: list[dict], i: int) -> bool:
        return (self.ts.subheading_place == "run-in" and blocks[i]["kind"] == "subheading"
                and i + 1 < len(blocks) and blocks[i + 1]["kind"] == "paragraph"
                and blocks[i + 1].get("box") == blocks[i].get("box"))

    def run_in(self, head: dict, paragraph: dict) -> str:
        return f"#runin[{self.marked(head, head['text'])}][{self.marked(paragraph, paragraph['text'])}]"

    def body(self, blocks: list[dict]) -> str:
        """Chapters in turn; with two columns every chapter after the first heading flows in two columns
        below its full-width heading (footnotes stay across the full page width)."""
        chapters, current = [], []
        for block in blocks:
            if block["kind"] == "heading" and block["level"] == 1 and current:
                chapters.append(current)
                current = []
            current.append(block)
        chapters.append(current)
        out = []
        for index, chapter in enumerate(chapters):
            head, rest = chapter[0], chapter[1:]
            if self.ts.columns == 2 and index > 0 and head["kind"] == "heading":
                out.append(self.single(head))
                out.append("#columns(2, gutter: 1.6em)[\n" + "\n\n".join(self.sequence(rest)) + "\n]")
            else:
                out.extend(self.sequence(chapter))
        return "\n\n".join(out)

    def contents(self, blocks: list[dict]) -> str:
        entries = [f"#toc-entry({b['level']}, {literal(MARKER.sub('', self.heading_title(b)))}, <h-{b['id']}>)"
                   for b in blocks if b["kind"] == "heading"]
        return (f"#text(size: 1.6em, weight: \"bold\", {literal(CONTENTS_TITLE)})\n#v(1em)\n"
                + "\n".join(entries) + "\n#pagebreak()")


def source(ts: Typesetting, truth: dict) -> str:
    markup = Markup(ts, truth)
    parts = [preamble(ts, truth["document"]).strip(), title_page(truth["document"])]
    if ts.contents:
        parts.append(markup.contents(truth["blocks"]))
    parts.append(markup.body(truth["blocks"]))
    return "\n\n".join(parts) + "\n"


# ------------------------------------------------------------------------------------------- PDF

def unmap_ligatures(pdf: bytes) -> tuple[bytes, int]:
    """Remove the ToUnicode entries of ligature glyphs (fi, ffi, …): they then read as "(cid:N)"."""
    import pikepdf

    removed = 0
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        seen = set()
        for page in doc.pages:
            for font in (page.Resources.get("/Font") or {}).values():
                cmap = font.get("/ToUnicode")
                if cmap is None or cmap.objgen in seen:
                    continue
                seen.add(cmap.objgen)
                text = cmap.read_bytes().decode("latin-1")
                kept, dropped = [], 0
                for line in text.split("\n"):
                    m = re.fullmatch(r"\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*", line)
                    if m and bytes.fromhex(m.group(2)).decode("utf-16-be", "replace") in LIGATURES:
                        dropped += 1
                        continue
                    kept.append(line)
                if not dropped:
                    continue
                removed += dropped
                text = "\n".join(kept)
                text = _recount_bfchar(text)
                cmap.write(text.encode("latin-1"))
        out = io.BytesIO()
        doc.save(out, deterministic_id=True, compress_streams=True)
    return out.getvalue(), removed


def _recount_bfchar(cmap: str) -> str:
    """Fix the entry counts of `N beginbfchar … endbfchar` sections after removing entries."""
    def recount(m: re.Match) -> str:
        entries = [ln for ln in m.group(2).split("\n") if ln.strip()]
        return f"{len(entries)} beginbfchar{m.group(2)}endbfchar"
    return re.sub(r"(\d+) beginbfchar(.*?)endbfchar", recount, cmap, flags=re.S)


def page_count_of(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


# ------------------------------------------------------------------------------------------- truth

def note_label(ts: Typesetting, printed_number: int) -> str:
    return f"[{printed_number}]" if ts.marker == "bracketed" else str(printed_number)


def item_label(ts: Typesetting, n: int) -> tuple[str, str]:
    """(number, label) of a numbered item as printed: ("3", "3."), ("3", "3)") or ("c", "c.")."""
    number = chr(ord("a") + n - 1) if ts.enumeration == "a." else str(n)
    return number, number + ts.enumeration[-1]


def describe(ts: Typesetting) -> str:
    """The choices, those with a default (heading_font, paragraphs) only where they differ from it."""
    defaults = {f.name: f.default for f in dataclasses.fields(Typesetting)}
    return ", ".join(f"{k}={v}" for k, v in dataclasses.asdict(ts).items()
                     if k not in ("name", "editions") and v != defaults[k])


def matrix_truth(ts: Typesetting, truth: dict, marks: dict, page_count: int, source_truth: Path, pdf: Path) -> dict:
    out = copy.deepcopy(truth)
    out["about"] = (f"Ground truth for {pdf.name}, the content of {source_truth.name} typeset by "
                    f"tests/tools/make_matrix.py as typesetting {ts.name}; pages come from the generator's marks "
                    f"and the docstring of make_matrix.py says what each choice changes. " + truth.get("about", ""))
    out["document"].update(file=pdf.name, page_count=page_count, style=f"matrix {ts.name}: {describe(ts)}")
    out["pages"] = [{"index": i, "label": None if i == 1 else str(i)} for i in range(1, page_count + 1)]
    chapters = [b for b in out["blocks"] if b["kind"] == "heading" and b["level"] == 1]
    if ts.header == "title":
        out["furniture_strings"] = [truth["document"]["title"]]
    elif ts.header == "chapter":
        out["furniture_strings"] = [MARKER.sub("", Markup(ts, truth).heading_title(b)) for b in chapters]
    else:
        out["furniture_strings"] = []
    for block in out["blocks"]:
        block["page"] = marks[block["id"] + "<"]["page"]
        block["page_end"] = marks[block["id"] + ">"]["page"]
        if not ts.numbered:
            block["section"] = None
            if block["kind"] == "heading":
                block["number"] = None
        if block["kind"] == "numbered":
            block["number"], block["label"] = item_label(ts, int(block["number"]))
    for number, note in out["footnotes"].items():
        marker = marks["marker" + number]
        if ts.note_numbering == "document" and marker["fn"] != int(number):
            raise SystemExit(f"Typst numbered note {number} as {marker['fn']}: the truth's markers are out of order")
        note["marker_page"] = marker["page"]
        note["page"] = marks["note<" + number]["page"]
        note["page_end"] = marks["note>" + number]["page"]
        note["label"] = note_label(ts, marker["fn"])
    if ts.contents:
        out["contents"] = {"page": 2, "title": CONTENTS_TITLE,
                           "entries": [{"title": MARKER.sub("", Markup(ts, truth).heading_title(b)),
                                        "level": b["level"], "page": b["page"]}
                                       for b in out["blocks"] if b["kind"] == "heading"]}
    return out


def comparable(text: str) -> str:
    """Letters only (make_variant.fold) and no digits: a note marker's digits sit inside the running text."""
    return re.sub(r"\d", "", fold(text))


def closing_text(block: dict) -> str:
    """The text a block ends with: its last sub-item, a quote's attribution, or its own text."""
    return ((block.get("subitems") or [None])[-1] or block.get("attribution") or block.get("text") or "")


def cross_check(truth: dict, ts: Typesetting, pdf: Path) -> dict[str, tuple[int, int]]:
    """Agreement of the truth with pdftotext's per-page text: (agreeing, total) per kind of claim."""
    # pdftotext's default reading order (not -layout, which lays two columns side by side on one line)
    pages = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
                           ).stdout.split("\f")
    folded = [comparable(p) for p in pages]
    raw = [re.sub(r"\s+", " ", p) for p in pages]
    result = {}
    blocks = truth["blocks"]
    result["blocks on their first page"] = (
        sum(comparable(b.get("text") or b["paragraphs"][0])[:40] in folded[b["page"] - 1] for b in blocks), len(blocks))
    result["blocks ending on page_end"] = (
        sum(comparable(closing_text(b))[-30:] in folded[b["page_end"] - 1] for b in blocks), len(blocks))
    notes = truth["footnotes"]
    result["notes on their page"] = (
        sum(comparable(n["text"])[:30] in folded[n["page"] - 1] for n in notes.values()), len(notes))
    if ts.marker == "bracketed":
        result["bracketed markers on the marker page"] = (
            sum(raw[n["marker_page"] - 1].count(n["label"]) >= 1 for n in notes.values()), len(notes))
    if truth["furniture_strings"]:
        printed = [p for p in range(2, truth["document"]["page_count"] + 1)]
        result["pages carrying a running header"] = (
            sum(any(comparable(s) in folded[p - 1] for s in truth["furniture_strings"]) for p in printed), len(printed))
    if ts.contents:
        toc = raw[truth["contents"]["page"] - 1]
        entries = truth["contents"]["entries"]
        result["contents entries with their page"] = (
            sum(bool(re.search(re.escape(e["title"][:25]) + r".*?\.\s+" + str(e["page"]) + r"\b", toc))
                for e in entries), len(entries))
    return result


# ------------------------------------------------------------------------------------------- main

def build(ts: Typesetting, edition: str, keep_typ: Path | None) -> dict:
    source_truth = EDITIONS[edition]
    truth = json.loads(source_truth.read_text(encoding="utf-8"))
    pdf_path = PDF_DIR / f"{edition}-{ts.name}.pdf"
    truth_path = TRUTH_DIR / f"{edition}-{ts.name}.truth.json"
    markup = source(ts, truth)
    font_paths = tuple(path for family, path in SYSTEM_FONT_DIRS.items()
                       if ts.font.startswith(family) or ts.heading_font.startswith(family))
    with tempfile.TemporaryDirectory() as tmp:
        typ_path = Path(tmp) / f"{edition}-{ts.name}.typ"
        typ_path.write_text(markup, encoding="utf-8")
        if keep_typ:
            shutil.copy(typ_path, keep_typ / typ_path.name)
        pdf = typst.compile(str(typ_path), ignore_system_fonts=True, font_paths=list(font_paths),
                            timestamp=PDF_TIMESTAMP, pdf_tags=False)
        if ts.hyphen_map == "hyphen-minus":
            pdf = hyphens_as_hyphen_minus(pdf)
        marks = read_marks(typ_path, font_paths)
        mapped_pdf = Path(tmp) / "mapped.pdf"  # the cross-check reads the text before ligatures lose their map
        mapped_pdf.write_bytes(pdf)
        unmapped = 0
        if ts.ligatures == "unmapped":
            pdf, unmapped = unmap_ligatures(pdf)
            if not unmapped:
                raise SystemExit(f"{ts.name}: {ts.font} as Typst sets it has no ligature glyphs to unmap")
        pdf_path.write_bytes(pdf)
        page_count = page_count_of(pdf_path)
        out = matrix_truth(ts, truth, marks, page_count, source_truth, pdf_path)
        check = cross_check(out, ts, mapped_pdf)
    truth_path.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    moved = sum(n["page"] > n["marker_page"] for n in out["footnotes"].values())
    early = sum(n["page"] < n["marker_page"] for n in out["footnotes"].values())
    labels_on_page = [(n["page"], n["label"]) for n in out["footnotes"].values()]
    repeated = len(labels_on_page) - len(set(labels_on_page))
    print(f"{pdf_path.name}: {page_count} pages, {pdf_path.stat().st_size / 1024:.0f} KiB, "
          f"{len(out['blocks'])} blocks, {len(out['footnotes'])} notes ({moved} printed on a later page, {early} on an earlier one, "
          f"{repeated} with a label printed twice on their page)"
          + (f", {unmapped} ligature glyph maps removed" if ts.ligatures == "unmapped" else ""))
    print("  cross-check with pdftotext: " + "; ".join(f"{k} {a}/{b}" for k, (a, b) in check.items()))
    return {"edition": edition, "pdf": str(pdf_path.relative_to(TESTS.parent)),
            "truth": str(truth_path.relative_to(TESTS.parent)), "pages": page_count,
            "cross_check": {k: f"{a}/{b}" for k, (a, b) in check.items()}}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", nargs="+", metavar="NAME", help="build only these typesettings (e.g. m01 m03)")
    ap.add_argument("--keep-typ", type=Path, metavar="DIR", help="also write the Typst sources here")
    args = ap.parse_args()
    if missing := uncovered_choices(TYPESETTINGS):
        raise SystemExit(f"choice values no typesetting uses: {missing}")
    if not (shutil.which("pdftotext") and shutil.which("pdfinfo")):
        raise SystemExit("needs pdftotext and pdfinfo (poppler-utils) for the independent check")
    PDF_DIR.mkdir(parents=True, exist_ok=True)
    TRUTH_DIR.mkdir(parents=True, exist_ok=True)
    manifest_path = TRUTH_DIR / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.exists() else {}
    entries = {t["name"]: t for t in manifest.get("typesettings", [])}
    for ts in TYPESETTINGS:
        choices = {k: v for k, v in dataclasses.asdict(ts).items() if k not in ("name", "editions")}
        if args.only and ts.name not in args.only:  # not rebuilt: its files stay, its choices are the table's
            if ts.name in entries:
                entries[ts.name]["choices"] = choices
            continue
        files = [build(ts, edition, args.keep_typ) for edition in ts.editions]
        entries[ts.name] = {"name": ts.name, "choices": choices, "files": files}
    manifest = {"about": "The style matrix of issue 9: each typesetting's choices and files, written by "
                         "tests/tools/make_matrix.py (see its docstring for what each choice means and changes "
                         "in the truth).",
                "typesettings": [entries[name] for name in sorted(entries)]}
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    total = sum(p.stat().st_size for p in PDF_DIR.glob("*.pdf"))
    print(f"{len(list(PDF_DIR.glob('*.pdf')))} matrix PDFs, {total / 2**20:.1f} MiB in total")
    return 0


if __name__ == "__main__":
    sys.exit(main())
