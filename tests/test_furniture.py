"""Page furniture on hand-made lines: running headers that change per chapter, margin columns, merged lines."""
from __future__ import annotations

from rbtool.layout.furniture import find_furniture, strip_margin_column, text_column
from test_layout import ITALIC, line, span, text_line

WORDS = "nul een twee drie vier vijf zes zeven acht negen tien elf twaalf".split()
CHAPTERS = ["1 Inleiding"] * 3 + ["2 Analyse van de begroting"] * 4 + ["3 Maatregelen per ministerie"] * 5


def _pages_with_chapter_headers():
    pages = []
    for index, chapter in enumerate(CHAPTERS, start=1):
        header = line(span(chapter, 70, 40, 9, ITALIC), span(str(index + 4), 520, 40, 9, ITALIC), page=index)
        body = [text_line(f"Lopende tekst {WORDS[index]} regel {WORDS[i]} met eigen woorden", 100 + 14 * i,
                          page=index) for i in range(4)]
        pages.append((index, 842.0, [header] + body))
    return pages


def test_a_running_header_that_changes_per_chapter_is_furniture_with_its_page_numbers():
    furniture = find_furniture(_pages_with_chapter_headers())
    assert {(i, 0) for i in range(1, 13)} == set(furniture.lines)
    assert furniture.labels == {i: str(i + 4) for i in range(1, 13)}


def test_a_chapter_heading_repeating_the_running_header_in_large_type_is_no_furniture():
    pages = []
    for index, chapter in enumerate(CHAPTERS, start=1):
        header = text_line(chapter, 40, size=8, font=ITALIC, page=index)
        body = [text_line(f"Lopende tekst {WORDS[index]} regel {WORDS[i]}", 100 + 14 * i, page=index) for i in range(4)]
        pages.append((index, 842.0, [header] + body + [text_line(str(index), 800, page=index)]))
    # chapter 2 opens on page 4: its heading, under the header, repeats the header's text at twice the body size
    index, height, lines = pages[3]
    pages[3] = (index, height, lines[:1] + [text_line(CHAPTERS[3], 70, size=20, page=index)] + lines[1:])
    furniture = find_furniture(pages)
    assert (4, 0) in furniture.lines and (4, 1) not in furniture.lines


def test_page_tops_with_text_of_their_own_are_not_a_running_header():
    pages = [(i, 842.0, [text_line(f"Hoofdstuk {'abcdefghijkl'[i - 1] * 3} begint hier", 40, page=i),
                         text_line(f"en de tekst loopt door met {WORDS[i]}", 54, page=i)]) for i in range(1, 13)]
    assert not find_furniture(pages).lines


def test_memo_margin_column_is_stripped_form_labels_are_not():
    body = [text_line("Dit is de lopende tekst van de nota die de hele kolom vult tot de rand", 100 + 12 * i)
            for i in range(6)]
    margin = [text_line(word, 100 + 12 * i, x0=480, size=7) for i, word in enumerate(["Datum", "Kenmerk"], 1)]
    merged = line(span("met een regel", 70, 190), span("Bijlage(n)", 480, 190, 7))
    page = [text_line("171436", 30)] + body[:1] + margin + body[1:] + [merged, text_line("1", 800)]
    lines = [l for l in page]
    column = text_column(lines, 10.0)
    stripped = strip_margin_column([lines], column, 10.0)[0]
    texts = [l.text for l in stripped]
    assert "Datum" not in texts and "Kenmerk" not in texts and "met een regel" in texts
    assert texts[0] == "171436" and texts[-1] == "1"  # the outermost lines are left to find_furniture
    # labels beside their values on the same lines are a form
    form = [line(span("Zaak:", 20, 100 + 12 * i, 8), span("Een zaak die op de lijst staat en de regel vult", 70,
                                                          100 + 12 * i)) for i in range(6)]
    form = [text_line("kop", 30)] + form + [text_line("1", 800)]
    assert strip_margin_column([form], text_column(form, 10.0), 10.0)[0] == form


def test_a_recurring_footer_merged_with_a_colophon_line_is_furniture():
    pages = []
    for index in range(1, 6):
        body = [text_line(f"Tekst {index} {i}", 300 + i * 14, page=index) for i in range(3)]
        footer = [span("Tweede Kamer, vergaderjaar 2023–2024, Aanhangsel", 220, 780, 9), span(str(index), 530, 780, 9)]
        if index == 1:
            footer.insert(0, span("’s-Gravenhage 2024", 55, 781, 6))
        pages.append((index, 842.0, body + [line(*footer, page=index)]))
    furniture = find_furniture(pages)
    assert {(i, 3) for i in range(1, 6)} == set(furniture.lines)
    assert furniture.labels == {i: str(i) for i in range(1, 6)}


def test_a_running_header_with_the_section_title_of_each_page_is_furniture():
    """A book class prints chapter and section titles over every page, each page's text its own, in a band
    set apart from the text below it (debian-faq.nl: "HOOFDSTUK 1. DEFINITIES EN OVERZICHT 1.3. OK, NU…");
    page tops whose text runs on at line distance are body text (test above)."""
    pages = []
    for index in range(1, 9):
        header = text_line(f"HOOFDSTUK {index // 3 + 1}. SECTIE {WORDS[index].upper()}", 38, size=10, font=ITALIC,
                           page=index)
        body = [text_line(f"Lopende tekst {WORDS[index]} regel {WORDS[i]}", 77 + 12 * i, page=index) for i in range(4)]
        pages.append((index, 842.0, [header] + body + [text_line(str(index), 801, page=index)]))
    furniture = find_furniture(pages)
    assert {(i, 0) for i in range(1, 9)} <= set(furniture.lines)
    assert not any((i, 1) in furniture.lines for i in range(1, 9))
