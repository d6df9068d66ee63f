"""The tagged-PDF structure tree as evidence checked against the layout (issue 9, point 2).

tests/pdfs/tagged-structure.pdf is written by tests/tools/make_tagged.py (Typst); its truth is the generator's
own content. Real tagged PDFs: the bundled sample (LibreOffice, custom types role-mapped to standard ones),
chelsea (Word: a RoleMap that maps a type called "Artifact" to P), the model DPIA and Kamervragen (tags kept,
structure tree dropped)."""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from rbtool import model
from rbtool.extract import build_document
from rbtool.pdf import StructureTree, read_info, read_outline, read_pages

ROOT = Path(__file__).resolve().parents[1]
PDFS = ROOT / "tests" / "pdfs"
TAGGED = PDFS / "tagged-structure.pdf"
TRUTH = json.loads((ROOT / "tests" / "data" / "tagged-structure.truth.json").read_text(encoding="utf-8"))


def _document(path: Path, untagged: bool = False) -> model.Document:
    pages = [page for _, page in read_pages(path)]
    if untagged:  # the same pages with the structure tree forgotten: what the layout alone says
        for page in pages:
            page.lines = [replace(line, spans=tuple(replace(s, role="", element=0) for s in line.spans))
                          for line in page.lines]
    return build_document(pages, where=str(path), sha256="0" * 64, outline=read_outline(path), info=read_info(path))


@pytest.fixture(scope="module")
def tagged() -> model.Document:
    return _document(TAGGED)


@pytest.fixture(scope="module")
def untagged() -> model.Document:
    return _document(TAGGED, untagged=True)


def _roles(path: Path) -> Counter:
    """Characters per role."""
    roles = Counter()
    for _, page in read_pages(path):
        for line in page.lines:
            for span in line.spans:
                roles[span.role] += len(span.text.strip())
    return roles


def test_roles_come_from_the_structure_tree_through_the_role_map():
    """Typst tags every text run "Span": only the tree (MCID → parent tree → element and its ancestors) says
    what it is. The sample's LibreOffice types ("Text body", "List Paragraph", "Footnote") resolve through its
    role map and their ancestors (LBody/LI, Note) to standard roles."""
    typst = _roles(TAGGED)
    assert {"H1", "TOCI", "P", "LI", "BlockQuote", "Table", "Note"} <= set(typst)
    assert "Span" not in typst
    sample = _roles(ROOT / "src" / "rbtool" / "data" / "analyse-rijksbegroting-2020.pdf")
    assert {"P", "LI", "Note", "BlockQuote", "H1", "H2", "Artifact"} <= set(sample)
    assert not {"Text body", "List Paragraph", "Footnote", "Subheading"} & set(sample)


def test_word_s_role_map_entry_for_artifact_is_never_applied_to_artifact_marked_content():
    """chelsea's RoleMap maps a structure type "Artifact" to P; the running header, marked content outside
    the tree, stays an artifact. Its table of contents (Reference inside TOCI) reads TOCI, its tables' cells
    Table, its list bodies LI."""
    roles = _roles(PDFS / "chelsea-pdta-french.pdf")
    assert roles["Artifact"] > 1000 and {"TOCI", "Table", "LI"} <= set(roles)


def test_a_pdf_whose_tree_was_dropped_keeps_its_tags_as_roles():
    """Kamervragen keep their marked-content tags (P, Note, H) without a structure tree."""
    roles = _roles(PDFS / "kamervragen-vws-2023-2024.pdf")
    assert roles["P"] > 10000 and roles["Note"] > 500 and roles["H"] > 100


def test_role_map_resolution_is_transitive_and_stops_at_a_loop():
    tree = StructureTree()
    tree._role_map = {"Kop": "Titel", "Titel": "H1", "A": "B", "B": "A"}
    assert tree.standard("Kop") == "H1"
    assert tree.standard("A") in ("A", "B")
    assert tree.standard("P") == "P"


def test_a_tight_list_with_drawn_markers_is_read_as_list_items(tagged, untagged):
    """The items carry no bullet glyph, no hanging indent and no space between them: the layout reads one
    paragraph, the tree three list items."""
    items = [b.text for b in tagged.blocks if b.kind == model.LIST_ITEM]
    assert items == TRUTH["list_items"]
    first, *_, last = TRUTH["list_items"]
    assert [b.kind for b in untagged.blocks if first in b.text and last in b.text] == [model.PARAGRAPH]


def test_a_block_quotation_set_apart_by_its_indent_is_a_quote_with_its_attribution(tagged, untagged):
    assert [(q.text, q.attribution) for q in tagged.quotes] == [(TRUTH["quote"]["text"],
                                                                 TRUTH["quote"]["attribution"])]
    assert not untagged.quotes


def test_a_block_quotation_the_layout_does_not_set_apart_stays_a_paragraph(tagged):
    """The tree marks it BlockQuote, but it stands at the body's edge in the body's type: nothing invented."""
    assert [b.kind for b in tagged.blocks if b.text == TRUTH["unset_quote"]] == [model.PARAGRAPH]


def test_a_table_of_contents_of_two_entries_is_contents_not_sections(tagged, untagged):
    contents = [b for b in tagged.blocks if b.kind == model.CONTENTS]
    assert len(contents) == 1 and all(title in contents[0].text for title in TRUTH["contents"])
    assert [s.title for s in tagged.sections] == TRUTH["headings"]
    assert not [b for b in untagged.blocks if b.kind == model.CONTENTS]


def test_what_the_layout_reads_alone_stays_as_it_was(tagged, untagged):
    """The figures table without rules and the footnotes: geometry reads them, with or without the tree."""
    for doc in (tagged, untagged):
        assert [f.text for f in doc.footnotes] == TRUTH["footnotes"]
        table = next(t for t in doc.tables if t.strategy == "aligned")
        assert [list(table.columns), *map(list, table.rows)] == TRUTH["table"]


def test_wrapped_cells_side_by_side_are_read_cell_by_cell(tagged, untagged):
    """Two cells of wrapped sentences side by side, no rules: the layout reads each row of lines across both
    cells as one line of prose; the tree names each line's cell."""
    (table,) = [t for t in tagged.tables if t.strategy == "tagged"]
    assert [list(table.columns), *map(list, table.rows)] == TRUTH["glossary"]
    first_cell = TRUTH["glossary"][0][0]
    assert not any(first_cell in b.text for b in tagged.blocks)
    assert not [t for t in untagged.tables if t.strategy == "tagged"]
    assert not any(first_cell in b.text for b in untagged.blocks)  # scrambled with the next cell's lines


def _line_with(pages, role: str, size_below: float):
    return next(line for page in pages for line in page.lines
                if {s.role for s in line.spans if s.text.strip()} == {role} and line.size < size_below)


def test_tags_are_checked_against_the_layout():
    """A list-item tag on a heading-size line starts no item; a quote tag on a line at the body's edge in the
    body's type makes no quote; a heading tag on body type makes no heading."""
    from types import SimpleNamespace

    from rbtool.layout.blocks import Builder, Entry
    from rbtool.layout.styles import style_inventory

    pages = [page for _, page in read_pages(TAGGED)]
    lines = [line for page in pages for line in page.lines]
    stats = SimpleNamespace(body_size=10.0, left=min(line.x0 for line in lines))
    builder = SimpleNamespace(inventory=style_inventory(lines), stats=stats, lefts={},
                              _left=lambda entry: stats.left)
    builder._indent = lambda entry, x=None: Builder._indent(builder, entry, x)
    item = _line_with(pages, "LI", 11)
    assert Builder._tagged_item(builder, Entry(line=item, page=2), None)
    large = replace(item, size=14.0)
    assert not Builder._tagged_item(builder, Entry(line=large, page=2), None)
    quote = _line_with(pages, "BlockQuote", 11)
    assert Builder._tagged_quote(builder, Entry(line=quote, page=2), False)
    at_edge = replace(quote, x0=stats.left)
    assert not Builder._tagged_quote(builder, Entry(line=at_edge, page=2), False)


def test_an_element_whose_parent_chain_loops_or_breaks_gives_what_it_can():
    """A damaged tree never stops a page: a parent chain that loops ends, a missing element gives no role."""
    from types import SimpleNamespace

    from pdfminer.psparser import LIT

    item = {"S": LIT("LBody")}
    loop = {"S": LIT("LI"), "P": item}
    item["P"] = loop  # LBody → LI → LBody → ...
    tree = StructureTree()
    tree._parents = {0: [item, None]}
    role_of = tree.page_roles(SimpleNamespace(attrs={"StructParents": 0}))
    assert role_of("Span", 0) == ("LI", id(loop))
    assert role_of("P", 1) == ("P", 0)  # no element: the tag itself
    assert role_of("Artifact", 0) == ("Artifact", 0)
    assert tree.page_roles(SimpleNamespace(attrs={}))("Footnote", 3) == ("", 0)


def test_tagged_cells_that_form_no_grid_are_no_table():
    """chelsea's table titles and legends are cells of a Word table (the tree says Table) but form no grid —
    a title beside a three-line legend — so the tree alone makes no table of them."""
    from rbtool.layout.tables import _tagged_tables

    page = next(data for _, data in read_pages(PDFS / "chelsea-pdta-french.pdf") if data.index == 26)
    legend = [line for line in page.lines[:3]]
    assert all({s.role for s in line.spans} == {"Table"} for line in legend)
    assert _tagged_tables(legend, 26) == []


@pytest.mark.parametrize("name", ["kamervragen-bzk-2023-2024-1178.pdf", "kamervragen-vws-2023-2024.pdf"])
def test_every_note_the_tags_name_is_a_footnote_by_the_layout_alone(name):
    """Why no rule reads Note: the layout already finds every note the tags name (each numbered Note line
    opens a footnote of that number)."""
    import re

    from rbtool.extract import extract_document

    numbers = {int(m.group(1)) for _, page in read_pages(PDFS / name) for line in page.lines
               if {s.role for s in line.spans if s.text.strip()} == {"Note"}
               and (m := re.match(r"(\d+)\s", line.text))}
    assert len(numbers) >= 15
    assert numbers == {note.number for note in extract_document(PDFS / name).footnotes}


def test_superior_figures_are_note_markers(tagged):
    # Typst sets note markers in the font's superior figures by default: the marker "1" after "jaren" has the
    # size and box of the text around it, only its width (0.31 em against the font's 0.47 em digits) tells it;
    # the generator puts the notes after "jaren" and "provincies"
    notes = {note.number: note for note in tagged.footnotes}
    assert [notes[n].text for n in (1, 2)] == TRUTH["footnotes"]
    assert notes[1].anchor_context.endswith("komende jaren")
    assert notes[2].anchor_context.endswith("gevolgen voor de provincies")
    assert all("jaren1" not in block.text and "provincies2" not in block.text for block in tagged.blocks)
