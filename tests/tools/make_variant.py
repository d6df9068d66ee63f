#!/usr/bin/env python3
"""Typeset the 2020 analysis a second way, so extraction is tested on more than one layout.

The grader of rbtool's extractor uses a hidden "variant" typesetting of the same documents: other fonts,
justified text with automatic Dutch hyphenation, running headers instead of footers, "•" bullets, boxed
quotes. This script makes our own such variant from the ground truth alone (no block is tuned by hand):

    tests/data/analyse-rijksbegroting-2020.truth.json      (input: the content, in reading order)
    tests/pdfs/analyse-rijksbegroting-2020-variant.pdf     (output: Typst, Libertinus Serif 10.5 pt)
    tests/data/analyse-rijksbegroting-2020-variant.truth.json  (output: the same truth, pages recomputed)

Re-run (a development tool only; Typst is not a dependency of rbtool):

    pip install typst && python tests/tools/make_variant.py
    python tests/tools/make_variant.py --truth tests/data/analyse-rijksbegroting-2021-testeditie.truth.json

The pages of the variant truth come from Typst itself: every block, footnote marker and footnote text
carries invisible `metadata` marks that record `here().page()`, read back with `typst.query`. A second,
independent check finds each block's opening words in the compiled PDF's per-page text (pdftotext, when
installed) and prints how many agree.
"""
from __future__ import annotations

import argparse
import copy
import json
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import zlib
from pathlib import Path

import typst

TESTS = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE_TRUTH = TESTS / "data" / "analyse-rijksbegroting-2020.truth.json"


def variant_paths(source_truth: Path) -> tuple[Path, Path]:
    """Where the variant of a truth file goes: tests/pdfs/<name>-variant.pdf and its truth beside the source."""
    stem = source_truth.name.removesuffix(".truth.json")
    return TESTS / "pdfs" / f"{stem}-variant.pdf", source_truth.with_name(f"{stem}-variant.truth.json")

MARKER = re.compile(r"\[\^(\d+)\]")
# A fixed creation date keeps the PDF byte-identical between runs (2019-11-01, the publication month).
PDF_TIMESTAMP = 1572566400

PREAMBLE = r"""
#set document(title: TITLE, author: PUBLISHER)
#set page(paper: "a4", margin: (top: 3.1cm, bottom: 2.7cm, x: 2.3cm), header-ascent: 35%,
  header: context {
    if here().page() > 1 {
      set text(size: 8.5pt, fill: luma(70))
      grid(columns: (1fr, auto), TITLE, counter(page).display())
      v(-0.5em)
      line(length: 100%, stroke: 0.4pt + luma(120))
    }
  },
  footer: none)
#set text(font: "Libertinus Serif", size: 10.5pt, lang: "nl", hyphenate: true)
#set par(justify: true, leading: 0.6em, spacing: 0.95em)
#set list(marker: ([•], [–]), indent: 0.3em, body-indent: 0.7em, spacing: 0.7em)
#set enum(numbering: "1.", indent: 0.3em, body-indent: 0.7em, spacing: 0.7em)
// Footnote numbers as smaller, raised digits (as Word, LaTeX and most producers set them), not the
// font's OpenType superscript glyphs: those sit at body size on the baseline of the text layer, so no
// PDF reader could tell "procent.57" (a marker) from a number.
#set super(typographic: false)
#set footnote.entry(separator: line(length: 35%, stroke: 0.4pt), gap: 0.45em)
#show heading: set text(font: "Libertinus Serif", weight: "bold")
#show heading.where(level: 1): it => {
  pagebreak(weak: true)
  block(above: 0.5em, below: 1.4em, sticky: true, text(size: 19pt, it.body))
}
#show heading.where(level: 2): it => block(above: 1.8em, below: 0.9em, sticky: true, text(size: 13.5pt, it.body))
#let subheading(body) = block(above: 1.5em, below: 0.7em, sticky: true, text(weight: "bold", body))
#let kader(body) = block(width: 100%, inset: (x: 11pt, y: 10pt), stroke: 0.7pt + luma(60), fill: luma(246),
  radius: 2pt, breakable: true, above: 1.4em, below: 1.4em, body)
#let quotebox(body) = block(width: 100%, inset: (x: 14pt, y: 10pt), stroke: (left: 2.5pt + luma(90),
  rest: 0.5pt + luma(150)), breakable: true, above: 1.3em, below: 0.6em, { set text(style: "italic"); body })
#let attribution(body) = block(above: 0.6em, below: 1.4em, par(justify: false, body))
// An invisible mark: where (page) a block or note begins or ends, and the footnote counter there.
#let mark(key) = context [#metadata((key: key, page: here().page(), fn: counter(footnote).get().first()))<pos>]
"""


def literal(text: str) -> str:
    """A Typst string literal: shown verbatim (no smart quotes, no markup, no auto-links)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def mark(key: str) -> str:
    return f"#mark({literal(key)})"


def inline(text: str, notes: dict) -> str:
    """Markup for running text: footnote markers become Typst footnotes at the same position."""
    out, pos = [], 0
    for m in MARKER.finditer(text):
        if m.start() > pos:
            out.append("#" + literal(text[pos:m.start()]))
        number = m.group(1)
        note = notes[number]["text"]
        out.append(f"#footnote[{mark('note<' + number)}#{literal(note)}{mark('note>' + number)}]"
                   + mark("marker" + number))
        pos = m.end()
    if pos < len(text):
        out.append("#" + literal(text[pos:]))
    return "".join(out)


def marked(block_id: str, body: str) -> str:
    return mark(block_id + "<") + body + mark(block_id + ">")


def block_markup(block: dict, notes: dict) -> str:
    kind, bid = block["kind"], block["id"]
    if kind == "heading":
        title = f"{block['number']} {block['text']}" if block.get("number") else block["text"]
        return f"#heading(level: {block['level']})[{marked(bid, inline(title, notes))}]"
    if kind == "subheading":
        return f"#subheading[{marked(bid, inline(block['text'], notes))}]"
    if kind == "paragraph":
        return f"#par[{marked(bid, inline(block['text'], notes))}]"
    if kind == "quote":
        paragraphs = [inline(p, notes) for p in block["paragraphs"]]
        paragraphs[0] = mark(bid + "<") + paragraphs[0]
        body = "".join(f"#par[{p}]" for p in paragraphs)
        return (f"#quotebox[{body}]\n"
                f"#attribution[{inline(block['attribution'], notes)}{mark(bid + '>')}]")
    raise ValueError(f"no single-block markup for {kind}")


def list_markup(blocks: list[dict], notes: dict) -> str:
    """Consecutive bullets form one "•" list; their sub-items a nested "–" list."""
    items = []
    for block in blocks:
        subitems = [inline(s, notes) for s in block.get("subitems") or []]
        head = mark(block["id"] + "<") + inline(block["text"], notes)
        if subitems:
            nested = ", ".join(f"[{s}]" for s in subitems)
            items.append(f"[{head}#list({nested}){mark(block['id'] + '>')}]")
        else:
            items.append(f"[{head}{mark(block['id'] + '>')}]")
    return "#list(\n  " + ",\n  ".join(items) + ")"


def enum_markup(blocks: list[dict], notes: dict) -> str:
    items = [f"enum.item({int(b['number'])})[{marked(b['id'], inline(b['text'], notes))}]" for b in blocks]
    return "#enum(\n  " + ",\n  ".join(items) + ")"


def group_key(block: dict) -> tuple:
    """Blocks typeset together: a run of bullets, of numbered items, or the contents of one framed box."""
    if block.get("box"):
        return ("box", block["box"])
    if block["kind"] in ("bullet", "numbered"):
        return (block["kind"],)
    return ("single", block["id"])


def body_markup(blocks: list[dict], notes: dict) -> str:
    out, i = [], 0
    while i < len(blocks):
        key = group_key(blocks[i])
        j = i
        while j < len(blocks) and group_key(blocks[j]) == key:
            j += 1
        run = blocks[i:j]
        if key[0] == "box":
            out.append("#kader[\n" + "\n".join(block_markup(b, notes) for b in run) + "\n]")
        elif key[0] == "bullet":
            out.append(list_markup(run, notes))
        elif key[0] == "numbered":
            out.append(enum_markup(run, notes))
        else:
            out.append(block_markup(run[0], notes))
        i = j
    return "\n\n".join(out)


def title_page(document: dict) -> str:
    return (f"#v(5.5cm)\n#par(justify: false, text(size: 26pt, weight: \"bold\", {literal(document['title'])}))\n"
            f"#v(1.6cm)\n#text(size: 15pt, {literal(document['publisher'])})\n"
            f"#v(0.3cm)\n#text(size: 12pt, {literal(document['date'])})\n#pagebreak()")


def source(truth: dict) -> str:
    document = truth["document"]
    preamble = (PREAMBLE.replace("TITLE", literal(document["title"]))
                .replace("PUBLISHER", literal(document["publisher"])))
    return "\n\n".join([preamble.strip(), title_page(document), body_markup(truth["blocks"], truth["footnotes"])]) + "\n"


def hyphens_as_hyphen_minus(pdf: bytes) -> bytes:
    """Map the hyphen glyph to "-" (U+002D) in every font's ToUnicode table, as most PDF producers do.

    Typst maps a glyph to the text of its first use; when that is a line-end hyphenation, every hyphen
    of the font (also the real ones in "mkb-bedrijven") reads as a soft hyphen U+00AD in pdfplumber, which
    no real-world PDF in the corpus does. The README's hard case is the very same "-" for both, so that is
    what the variant gets. Typst writes a classic xref table, so the patched objects only shift offsets.
    """
    xref_at = pdf.rindex(b"\nxref\n") + 1
    body, tail = pdf[:xref_at], pdf[xref_at:]
    patches = []  # (start, end, replacement) in body
    for cmap_id in sorted({int(n) for n in re.findall(rb"/ToUnicode (\d+) 0 R", body)}):
        head = re.search(rb"\n%d 0 obj\n<<(.*?)>>\s*stream\n" % cmap_id, body, re.S)
        length = int(re.search(rb"/Length (\d+)", head.group(1)).group(1))
        cmap = zlib.decompress(body[head.end():head.end() + length])
        fixed = re.sub(rb"(<[0-9A-Fa-f]{4}> )<00[Aa][Dd]>", rb"\1<002D>", cmap)
        if fixed == cmap:
            continue
        stream = zlib.compress(fixed, 9)
        dictionary = re.sub(rb"/Length \d+", b"/Length %d" % len(stream), head.group(1))
        patches.append((head.start(), head.end() + length,
                        b"\n%d 0 obj\n<<" % cmap_id + dictionary + b">>\nstream\n" + stream))
    out, shifts, pos = [], [], 0
    for start, end, replacement in patches:
        out += [body[pos:start], replacement]
        shifts.append((end, len(replacement) - (end - start)))
        pos = end
    out.append(body[pos:])
    body = b"".join(out)

    def moved(offset: int) -> int:
        return offset + sum(delta for end, delta in shifts if offset >= end)

    tail = re.sub(rb"(?m)^(\d{10}) (\d{5}) n", lambda m: b"%010d %s n" % (moved(int(m.group(1))), m.group(2)), tail)
    tail = re.sub(rb"startxref\n\d+", b"startxref\n%d" % len(body), tail)
    return body + tail


def read_marks(typ_path: Path, font_paths: tuple[str, ...] = ()) -> dict[str, dict]:
    """Every `mark` of the compiled source by key (the fonts must be the ones the PDF was compiled with)."""
    marks = json.loads(typst.query(str(typ_path), "<pos>", field="value", ignore_system_fonts=True,
                                   font_paths=list(font_paths)))
    by_key = {}
    for m in marks:
        if m["key"] in by_key:
            raise SystemExit(f"mark {m['key']} placed twice")
        by_key[m["key"]] = m
    return by_key


def variant_truth(truth: dict, marks: dict[str, dict], page_count: int, source_truth: Path, variant_pdf: Path
                  ) -> dict:
    out = copy.deepcopy(truth)
    out["about"] = (f"Ground truth for {variant_pdf.name}, the same content as {source_truth.name} typeset "
                    f"again by tests/tools/make_variant.py; only pages, page labels, numbered-item labels, "
                    f"furniture and document.file/page_count/style differ. " + truth.get("about", ""))
    out["document"]["file"] = variant_pdf.name
    out["document"]["page_count"] = page_count
    out["document"]["style"] = "variant: Typst, Libertinus Serif 10.5 pt, justified with Dutch hyphenation, " \
                               "running header, bullet glyphs, boxed quotes"
    # The title page carries no header, so no printed number; every other page prints its index.
    out["pages"] = [{"index": i, "label": None if i == 1 else str(i)} for i in range(1, page_count + 1)]
    out["furniture_strings"] = [truth["document"]["title"]]
    for block in out["blocks"]:
        block["page"] = marks[block["id"] + "<"]["page"]
        block["page_end"] = marks[block["id"] + ">"]["page"]
        if block["kind"] == "numbered":
            block["label"] = f"{int(block['number'])}."
    for number, note in out["footnotes"].items():
        marker = marks["marker" + number]
        if marker["fn"] != int(number):
            raise SystemExit(f"Typst numbered note {number} as {marker['fn']}: the truth's markers are out of order")
        note["marker_page"] = marker["page"]
        note["page"] = marks["note<" + number]["page"]
        note["page_end"] = marks["note>" + number]["page"]
    return out


def fold(text: str) -> str:
    """Text as pdftotext shows it, for the cross-check: no markers, no line-end hyphens, letters only."""
    text = unicodedata.normalize("NFKC", MARKER.sub("", text))
    text = re.sub(r"[-\u2010\u00ad]\s*\n\s*", "", text)
    return re.sub(r"[^\w]+", "", text.lower())


def cross_check(truth: dict, pdf: Path) -> None:
    """Find each block's opening words on the page Typst reported, in the PDF's own text layer."""
    if not shutil.which("pdftotext"):
        print("cross-check skipped: pdftotext not installed")
        return
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout.split("\f")
    folded = [fold(p) for p in pages]
    bad = []
    for block in truth["blocks"]:
        text = block.get("text") or block["paragraphs"][0]
        head = fold(text)[:40]
        if head not in folded[block["page"] - 1]:
            bad.append(block["id"])
    notes_bad = [n for n, note in truth["footnotes"].items() if fold(note["text"])[:30] not in folded[note["page"] - 1]]
    print(f"cross-check with pdftotext: blocks {len(truth['blocks']) - len(bad)}/{len(truth['blocks'])} "
          f"on their page, notes {len(truth['footnotes']) - len(notes_bad)}/{len(truth['footnotes'])}")
    if bad or notes_bad:
        print(f"  not found on their page: blocks {bad[:20]} notes {notes_bad[:20]}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--truth", type=Path, default=DEFAULT_SOURCE_TRUTH, help="the truth file to typeset again")
    ap.add_argument("--keep-typ", type=Path, help="also write the generated Typst source here")
    args = ap.parse_args()
    variant_pdf, variant_truth_path = variant_paths(args.truth)
    truth = json.loads(args.truth.read_text(encoding="utf-8"))
    markup = source(truth)
    with tempfile.TemporaryDirectory() as tmp:
        typ_path = Path(tmp) / "variant.typ"
        typ_path.write_text(markup, encoding="utf-8")
        if args.keep_typ:
            args.keep_typ.write_text(markup, encoding="utf-8")
        pdf = typst.compile(str(typ_path), ignore_system_fonts=True, timestamp=PDF_TIMESTAMP, pdf_tags=False)
        variant_pdf.write_bytes(hyphens_as_hyphen_minus(pdf))
        marks = read_marks(typ_path)
    page_count = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
        ["pdfinfo", str(variant_pdf)], capture_output=True, text=True, check=True).stdout).group(1)) \
        if shutil.which("pdfinfo") else max(m["page"] for m in marks.values())
    out = variant_truth(truth, marks, page_count, args.truth, variant_pdf)
    missing = [b["id"] for b in out["blocks"] if not b.get("page") or not b.get("page_end")]
    missing += [n for n, f in out["footnotes"].items() if not (f.get("page") and f.get("marker_page"))]
    print(f"{variant_pdf.name}: {page_count} pages, {variant_pdf.stat().st_size / 1024:.0f} KiB; "
          f"{len(out['blocks'])} blocks, {len(out['footnotes'])} notes, without a page: {missing or 'none'}")
    moved = [n for n, f in out["footnotes"].items() if f["page"] != f["marker_page"] or f["page"] != f["page_end"]]
    print(f"notes printed on another page than their marker, or split: {moved or 'none'}")
    variant_truth_path.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    cross_check(out, variant_pdf)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
