"""Build a `Document` from a ground-truth file, so query code can be tested apart from extraction quality.

The truth files (tests/data/*.truth.json) list every block of a reference PDF in reading order with footnote
markers written `[^N]`; this turns them into the same model objects extraction produces.
"""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from rbtool import model

DATA = Path(__file__).parent / "data"
MARKER = re.compile(r"\[\^(\d+)\]")
ANCHOR_CONTEXT_CHARS = 80  # as extraction records: the running text ending at the marker


def _strip(text: str) -> tuple[str, tuple[int, ...]]:
    refs = tuple(int(n) for n in MARKER.findall(text or ""))
    return re.sub(r"\s+", " ", MARKER.sub("", text or "")).strip(), refs


def document_from_truth(name: str, doc_id: str | None = None) -> model.Document:
    path = DATA / name
    truth = json.loads(path.read_text(encoding="utf-8"))
    meta = truth["document"]
    blocks: list[model.Block] = []
    sections: list[model.Section] = []
    quotes: list[model.Quote] = []
    subheading = None
    serial = 0

    def add(kind, text, b, **extra):
        nonlocal serial
        serial += 1
        clean, refs = _strip(text)
        block = model.Block(id=f"b{serial:04d}", kind=kind, text=clean, page=b["page"],
                            page_end=b.get("page_end") or b["page"], section=b.get("section"),
                            footnote_refs=refs, subheading=extra.pop("subheading", subheading), **extra)
        blocks.append(block)
        return block

    contexts: dict[int, str] = {}
    for b in truth["blocks"]:
        for piece in [b.get("text") or "", *(b.get("subitems") or []), *(b.get("paragraphs") or []),
                      b.get("attribution") or ""]:
            for m in MARKER.finditer(piece):
                contexts[int(m.group(1))] = _strip(piece[: m.start()])[0][-ANCHOR_CONTEXT_CHARS:]
        kind = b["kind"]
        if kind == "heading":
            subheading = None
            block = add(model.HEADING, b["text"], b, number=b.get("number"), level=b.get("level"))
            sections.append(model.Section(b.get("number"), block.text, b.get("level"), b["page"], block.id))
        elif kind == "subheading":
            block = add(model.SUBHEADING, b["text"], b, box=bool(b.get("box")), subheading=None)
            subheading = block.text
        elif kind == "paragraph":
            add(model.PARAGRAPH, b["text"], b, box=bool(b.get("box")))
        elif kind == "bullet":
            item = add(model.LIST_ITEM, b["text"], b)
            for sub in b.get("subitems") or []:
                add(model.SUB_ITEM, sub, b, parent=item.id)
        elif kind == "numbered":
            add(model.NUMBERED_ITEM, b["text"], b, number=str(b.get("number")))
        elif kind == "quote":
            quote = add(model.QUOTE, " ".join(b.get("paragraphs") or []), b)
            attribution = add(model.ATTRIBUTION, b.get("attribution", ""), b, parent=quote.id)
            quotes.append(model.Quote(quote.text, attribution.text, quote.page, quote.section, quote.id))

    anchor = {n: blk for blk in blocks for n in blk.footnote_refs}
    footnotes = []
    for key, note in sorted(truth["footnotes"].items(), key=lambda kv: int(kv[0])):
        number = int(key)
        blk = anchor.get(number)
        footnotes.append(model.Footnote(number, _strip(note["text"])[0], note["page"],
                                        note.get("page_end") or note["page"], blk.id if blk else None,
                                        note.get("marker_page"), contexts.get(number, "")))
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    return model.Document(
        id=doc_id or sha[:12], title=meta["title"], year=meta.get("year"), sha256=sha,
        source_path=meta.get("file", name), page_count=meta["page_count"],
        pages=tuple(model.Page(p["index"], p.get("label")) for p in truth["pages"]),
        sections=tuple(sections), blocks=tuple(blocks), footnotes=tuple(footnotes), quotes=tuple(quotes),
        extractor_version="truth")
