"""The export contract: a Document (and optionally its measures) as plain JSON-ready dicts; its tables in
the contract of `rbtool tables --format json`."""
from __future__ import annotations

from rbtool import model
from rbtool.queries.tables import table_to_dict


def document_to_dict(doc: model.Document, measures=None) -> dict:
    out = {
        "document": {"id": doc.id, "title": doc.title, "author": doc.author, "year": doc.year,
                     "sha256": doc.sha256, "source_path": doc.source_path, "page_count": doc.page_count,
                     "extractor_version": doc.extractor_version, "warnings": list(doc.warnings)},
        "pages": [{"index": p.index, "label": p.label} for p in doc.pages],
        "sections": [{"number": s.number, "title": s.title, "level": s.level, "page": s.page,
                      "block_id": s.block_id} for s in doc.sections],
        "blocks": [{"id": b.id, "kind": b.kind, "text": b.text, "page": b.page, "page_end": b.page_end,
                    "section": b.section, "footnote_refs": list(b.footnote_refs), "subheading": b.subheading,
                    "parent": b.parent, "number": b.number, "level": b.level, "box": b.box,
                    "page_breaks": [list(x) for x in b.page_breaks]}
                   for b in doc.blocks if b.kind != model.CONTENTS],
        # a table of contents is no running text: its entries name the headings, they are not the text
        "contents": [{"id": b.id, "page": b.page, "page_end": b.page_end, "entries": b.text.splitlines()}
                     for b in doc.blocks if b.kind == model.CONTENTS],
        "footnotes": [{"number": f.number, "text": f.text, "page": f.page, "page_end": f.page_end,
                       "anchor_block": f.anchor_block, "anchor_page": f.anchor_page,
                       "anchor_context": f.anchor_context} for f in doc.footnotes],
        "quotes": [{"text": q.text, "attribution": q.attribution, "page": q.page, "section": q.section,
                    "block_id": q.block_id} for q in doc.quotes],
        "tables": [table_to_dict(doc.id, doc.page_label(t.page), t) for t in doc.tables],
    }
    if measures is not None:
        from rbtool.queries.measures import measure_to_row

        out["measures"] = [measure_to_row(m) for m in measures]
    return out
