"""Layout functions on small hand-made lines (no PDF needed)."""
from __future__ import annotations

from collections import Counter

from rbtool import model
from rbtool.extract import build_document
from rbtool.layout.blocks import Entry, build_structure
from rbtool.layout.columns import find_gutters, split_columns
from rbtool.layout.diagrams import diagram_frames, find_diagrams
from rbtool.layout.footnotes import (NoteDraft, NoteIndex, line_markers, marker_numbers, parse_notes,
                                    restarts_per_page, split_footnote_zone)
from rbtool.layout.furniture import find_furniture
from rbtool.layout.stats import DocStats
from rbtool.layout.text import Joiner, hyphenates, soft_hyphens_drawn, vocabulary
from rbtool.pdf import Line, OutlineEntry, PageData, Rect, Span, build_lines

REGULAR, BOLD, ITALIC = "X+Sans", "X+Sans-Bold", "X+Sans-Italic"
STATS = DocStats(body_size=10.0, pitch_ratio=1.4, left=70.0)


def span(text, x0, top, size=10.0, font=REGULAR, space=True, raised=0.0):
    width = 0.5 * size * len(text)
    return Span(text=text, x0=x0, x1=x0 + width, top=top - raised, bottom=top + size - raised, size=size,
                fontname=font, space_before=space)


def line(*spans_, page=1):
    main = max(spans_, key=lambda s: len(s.text))
    return Line(spans=tuple(spans_), x0=spans_[0].x0, x1=spans_[-1].x1, top=main.top, bottom=main.bottom,
                size=main.size, fontname=main.fontname, bold="Bold" in main.fontname,
                italic="Italic" in main.fontname, page=page)


def text_line(text, top, x0=70.0, size=10.0, font=REGULAR, page=1):
    return line(span(text, x0, top, size, font), page=page)


def structure(lines, notes=(), vocab=None, auto=False):
    entries = [Entry(line=l, page=l.page) for l in lines]
    return build_structure(entries, STATS, Joiner(Counter(vocab or {}), auto), NoteIndex.throughout(notes))


# ------------------------------------------------------------------------------------ pdf.build_lines

def char(text, x0, top, size=10.0, font=REGULAR):
    return {"text": text, "x0": x0, "x1": x0 + 0.5 * size, "top": top, "bottom": top + size, "size": size,
            "fontname": font}


def test_build_lines_inserts_spaces_from_gaps_and_keeps_a_raised_marker_on_its_line():
    chars = [char(c, 70 + 5 * i, 100) for i, c in enumerate("ab")] + [char(c, 88 + 5 * i, 100) for i, c in enumerate("cd")]
    chars.append(char("7", 98, 97, size=6.0))  # superscript: smaller, raised
    lines = build_lines(chars)
    assert len(lines) == 1
    assert lines[0].text == "ab cd7"
    assert lines[0].size == 10.0
    assert marker_numbers(lines[0].spans[-1], lines[0]) == [7]


def _word(text, x0, top, size=10.0, widths=None):
    """Characters of one word set left to right; `widths` gives a character's advance as a share of the size."""
    chars, x = [], x0
    for c in text:
        width = (widths or {}).get(c, 0.5) * size
        chars.append({"text": c, "x0": x, "x1": x + width, "top": top, "bottom": top + size, "size": size,
                      "fontname": REGULAR})
        x += width
    return chars


def test_superior_figures_read_as_raised_markers_by_their_width():
    # OpenType superior figures keep the size and box of the text: only the width (0.31 em against the
    # font's 0.47 em figures, the "1" of "2019" among them) tells the marker "1" after "jaren" and the note
    # number before "Zie"
    figures = {d: 0.465 for d in "0123456789"}
    chars = (_word("in", 70, 100) + [{"text": " ", "x0": 80, "x1": 83, "top": 100, "bottom": 110, "size": 10.0,
                                       "fontname": REGULAR}] + _word("2019", 83, 100, widths=figures)
             + _word("jaren", 70, 120) + _word("1", 95, 120, widths={"1": 0.307})
             + _word("1", 70, 140, widths={"1": 0.307}) + _word("Zie", 73.07, 140))
    lines = build_lines(chars)
    year, marked, note = lines
    assert year.text == "in 2019" and all(s.size == 10.0 for s in year.spans)
    assert marker_numbers(marked.spans[-1], marked) == [1]
    assert note.spans[0].text == "1" and note.spans[0].size < 0.8 * note.size


def test_a_proportional_one_set_narrow_is_no_superior_figure():
    # proportional figures set "1" narrow: without a wider "1" on the page it is its own full width
    figures = {d: 0.5 for d in "023456789"} | {"1": 0.3}
    chars = _word("2019", 70, 100, widths=figures) + _word("A1", 70, 120, widths=figures)
    assert [l.text for l in build_lines(chars)] == ["2019", "A1"]
    assert all(s.size == 10.0 for l in build_lines(chars) for s in l.spans)


def test_a_raised_marker_joins_its_own_line_not_a_taller_line_beside_it():
    # two columns: the right one's line is taller (15.6) and overlaps both left lines; the marker "25" sits
    # after "toe." on the lower left line, over that line's top half
    above = [char(c, 57 + 5 * i, 460.9) for i, c in enumerate("beleid")]
    beside = [char(c, 306 + 8 * i, 463.1, size=15.6) for i, c in enumerate("leid")]
    own = [char(c, 57 + 5 * i, 473.8) for i, c in enumerate("toe.")]
    marker = [char(c, 77.5 + 3 * i, 473.5, size=6.0) for i, c in enumerate("25")]
    lines = build_lines(above + beside + own + marker)
    assert [l.text for l in lines if l.text.startswith("toe")] == ["toe.25"]
    assert not any("25" in l.text for l in lines if not l.text.startswith("toe"))


def test_a_tall_heading_beside_two_lines_keeps_them_two_lines():
    heading = [char(c, 57 + 9 * i, 381.2, size=17.1) for i, c in enumerate("Economie")]
    first = [char(c, 306 + 5 * i, 378.4, size=11.0) for i, c in enumerate("trouwen")]
    second = [char(c, 306 + 5 * i, 392.3, size=11.0) for i, c in enumerate("economische")]
    texts = [l.text for l in build_lines(heading + first + second)]
    assert any(t.endswith("trouwen") for t in texts) and "economische" in texts


def test_a_small_word_of_a_line_stays_on_it():
    # an OCR text layer sizes each word by its own letters: "voor" is set far smaller than its line
    chars = [char(c, 100 + 5 * i, 100, size=8.0) for i, c in enumerate("Aanleiding")]
    chars += [char(c, 152 + 2 * i, 102, size=4.0) for i, c in enumerate("voor")]
    chars += [char(c, 163 + 3 * i, 101, size=6.0) for i, c in enumerate("deze")]
    lines = build_lines(chars)
    assert [l.text for l in lines] == ["Aanleiding voor deze"]


def _word_chars(words, x0, top, word_gap, size=10.0, blanks=True):
    """Characters of `words` set 0.5 em wide, `word_gap` em apart, with space characters when `blanks`."""
    chars, x = [], x0
    for w, word in enumerate(words):
        if w:
            if blanks:
                chars.append(char(" ", x, top, size) | {"x1": x + word_gap * size})
            x += word_gap * size
        for c in word:
            chars.append(char(c, x, top, size))
            x += 0.5 * size
    return chars


def test_build_lines_takes_the_pdfs_own_space_characters_even_on_a_tightly_justified_line():
    # 0.16 em word spaces, narrower than any fixed word-gap threshold, but each has its space character
    lines = build_lines(_word_chars(["In", "het", "Missie", "gedreven"], 70, 100, 0.16))
    assert lines[0].text == "In het Missie gedreven"


def test_build_lines_without_space_characters_finds_the_lines_own_word_gap():
    # no space characters: the gaps are bimodal (0 inside words, 0.17 em between them)
    lines = build_lines(_word_chars(["Tweede", "Kamer", "en", "Senaat"], 70, 100, 0.17, blanks=False))
    assert lines[0].text == "Tweede Kamer en Senaat"


def test_build_lines_kerning_does_not_split_a_word():
    chars = _word_chars(["Tweede", "Kamer"], 70, 100, 0.3, blanks=False)
    for ch in chars[1:]:
        ch["x0"] += 0.8  # a kerned "T" → "w" pair: 0.08 em more room after the capital
        ch["x1"] += 0.8
    assert build_lines(chars)[0].text == "Tweede Kamer"


def test_a_list_label_set_off_wider_than_the_justified_word_spaces_is_its_own_span():
    label = _word_chars(["1."], 68, 100, 0.48)
    text = _word_chars(["Belastingdienst:", "goede", "uitvoering", "en", "toezicht."], 85, 100, 0.48)
    gap = text[0]["x0"] - label[-1]["x1"]  # 0.7 em between "1." and the text
    chars = label + [char(" ", label[-1]["x1"], 100) | {"x1": label[-1]["x1"] + gap}] + text
    first = build_lines(chars)[0]
    assert [s.text for s in first.spans] == ["1.", "Belastingdienst: goede uitvoering en toezicht."]
    more = text_line("vernieuwen van de dienst.", 114, x0=85)
    item = structure([first, more]).blocks[0]
    assert (item.kind, item.number, item.text) == (model.NUMBERED_ITEM, "1", "Belastingdienst: goede uitvoering "
                                                   "en toezicht. vernieuwen van de dienst.")
    # the same gap as the line's other word spaces is no label
    plain = build_lines(_word_chars(["1.", "Belastingdienst:", "goede"], 68, 100, 0.48))[0]
    assert len(plain.spans) == 1



def test_a_list_label_opening_the_second_column_of_a_row_is_its_own_span():
    # the row carries the left column's text, a gutter, then "3." set off 0.7 em from a justified text
    # whose word spaces are 0.41 em: the label is told by its own column's spaces, not the left column's
    left = _word_chars(["daalt", "richting", "het", "niveau"], 57, 100, 0.2)
    label = _word_chars(["3."], 310, 100, 0.41)
    text = _word_chars(["Nederland", "in", "Europa", "en", "de", "wereld."], 327, 100, 0.41)
    row = build_lines(left + label + text)[0]
    assert [s.text for s in row.spans] == ["daalt richting het niveau", "3.", "Nederland in Europa en de wereld."]


# ------------------------------------------------------------------------------------ furniture

def test_running_footer_found_by_repetition_and_page_number_label():
    pages = []
    for index in range(1, 6):
        body = [text_line(f"Body text {'abc'[i] * index} here", 300 + i * 14, page=index) for i in range(3)]
        footer = line(span("Annual report 2020", 70, 780, 8), span(str(index + 2), 500, 780, 8), page=index)
        pages.append((index, 842.0, body + [footer]))
    furniture = find_furniture(pages)
    assert {(i, 3) for i in range(1, 6)} == set(furniture.lines)
    assert furniture.labels == {i: str(i + 2) for i in range(1, 6)}
    assert furniture.text == "Annual report 2020"


def test_a_line_seen_on_one_page_only_is_not_furniture():
    pages = [(i, 842.0, [text_line(f"Unique line {i}a", 780, page=i)]) for i in range(1, 4)]
    pages[0] = (1, 842.0, [text_line("Something else entirely", 780)])
    furniture = find_furniture(pages)
    assert (1, 0) not in furniture.lines


# ------------------------------------------------------------------------------------ footnotes

def test_footnote_zone_below_rule_and_notes_continue_on_next_page():
    body = [text_line("Running text", 100 + i * 14) for i in range(3)]
    notes = [line(span("1", 70, 700, 8), span("First note", 85, 700, 8)),
             text_line("continues here", 710, x0=85, size=8)]
    rule = Rect(70, 695, 180, 695.5)
    got_body, zone = split_footnote_zone(body + notes, [rule], 10.0, 70, 520)
    assert got_body == body and zone == notes
    drafts: list[NoteDraft] = []
    parse_notes(zone, 1, drafts)
    parse_notes([text_line("and on the next page.", 700, x0=70, size=8, page=2),
                 line(span("2", 70, 712, 8), span("Second", 85, 712, 8), page=2)], 2, drafts)
    assert [(d.number, d.page, d.page_end) for d in drafts] == [(1, 1, 2), (2, 2, 2)]
    assert drafts[0].lines == ["First note", "continues here", "and on the next page."]


def test_superscript_note_numbers_start_notes_although_continuations_start_with_numbers():
    # Numbers raised and indented; continuation lines at the margin, one of them opening with page numbers.
    def note(number, text, top):
        return line(span(str(number), 80, top, 5.4, raised=2), span(text, 84, top, 9, space=False))

    zone = [note(19, "Ministerie van EZ, Energieagenda, blz.", 700),
            text_line("92 – 97; Dirk Sijmons, Landschap en energie.", 711, x0=70, size=9),
            note(20, "Lex Herweijer, Verschil in Nederland.", 722),
            note(21, "Zie paragraaf 2.2.", 733)]
    drafts = [NoteDraft(number=18, page=1, page_end=1, lines=["Zie ook 2.2."])]
    parse_notes(zone, 2, drafts)
    assert [d.number for d in drafts] == [18, 19, 20, 21]
    assert drafts[1].lines == ["Ministerie van EZ, Energieagenda, blz.", "92 – 97; Dirk Sijmons, Landschap en energie."]
    # a lost note (22 never seen) does not make 24 a continuation of 21
    parse_notes([note(24, "Later note.", 700)], 3, drafts)
    assert drafts[-1].number == 24


def test_marker_needs_small_raised_digits():
    host = text_line("some words", 100)
    assert marker_numbers(span("12", 120, 100, size=6, raised=3), host) == [12]
    # same size digits glued to a word ("CO2", "Platform31") are text
    assert marker_numbers(span("2", 120, 100, size=10), host) is None
    # a small digit on the baseline (a subscript) is not a marker
    assert marker_numbers(span("2", 120, 104, size=6), host) is None


def test_markers_are_removed_from_text_and_anchored():
    lines = [line(span("De aangekondigde maatregelen", 70, 100, font=BOLD), span("3", 230, 100, 6, BOLD, False, 3)),
             line(span("Het groeit met 2,9 procent", 70, 114), span("4", 200, 114, 6, REGULAR, False, 3),
                  span("per jaar.", 206, 114))]
    result = structure(lines, notes={3, 4})
    sub, para = result.blocks
    assert (sub.kind, sub.text, sub.footnote_refs) == (model.SUBHEADING, "De aangekondigde maatregelen", (3,))
    assert (para.text, para.footnote_refs) == ("Het groeit met 2,9 procent per jaar.", (4,))
    assert result.anchors[4] == (para.id, 1, "Het groeit met 2,9 procent")



def test_small_lines_at_a_pages_foot_are_notes_only_with_a_note_number_that_can_be_one():
    # a decision list: labels at 8 pt in the label column, values at the body size beside them; its last
    # agenda item, numbered "43.", ends the page — no footnote, the document has none before
    body = [text_line("Running text of the agenda item before.", 100 + i * 14) for i in range(3)]
    item = [line(span("43.", 50, 300, 8), span("Agendapunt:", 70, 300, 8), span("Rondvraag", 160, 300, 10, BOLD)),
            line(span("Noot:", 70, 312, 8), span("-", 160, 312, 10))]
    assert split_footnote_zone(body + item, [], 10.0, 50, 520) == (body + item, [])
    # the same small lines without a body-size value: still no note 43 after no notes at all, yet a note
    # that can follow the notes printed before
    labels = [line(span("43.", 50, 300, 8), span("Agendapunt: Rondvraag", 70, 300, 8))]
    assert split_footnote_zone(body + labels, [], 10.0, 50, 520) == (body + labels, [])
    assert split_footnote_zone(body + labels, [], 10.0, 50, 520, last_note=42) == (body, labels)
    # a raised number is a note's whatever came before
    raised = [line(span("43", 50, 700, 5, raised=2), span("Zie de brief van 3 mei.", 56, 700, 8, space=False))]
    assert split_footnote_zone(body + raised, [], 10.0, 50, 520) == (body, raised)


def bracketed_zone(numbers, page, top=700):
    """A footnote zone whose notes are labelled "[n]", indented, continuation lines at the margin."""
    lines = []
    for number in numbers:
        lines.append(line(span(f"[{number}]Note {number} on page {page}.", 78, top, 8), page=page))
        lines.append(text_line(f"{page} continues note {number}.", top + 10, x0=70, size=8, page=page))
        top += 20
    return lines


def test_bracketed_markers_count_only_where_their_note_stands():
    drafts: list[NoteDraft] = []
    parse_notes(bracketed_zone([1, 2], page=4), 4, drafts)
    parse_notes(bracketed_zone([3], page=9), 9, drafts)
    # plain numbers opening a line ("4 continues ...") continue a note where numbers are bracketed
    assert [(d.number, d.page, d.bracket) for d in drafts] == [(1, 4, "["), (2, 4, "["), (3, 9, "[")]
    assert drafts[0].lines == ["Note 1 on page 4.", "4 continues note 1."]
    notes = NoteIndex(drafts)
    body = line(span("onderwijs.[1] Daarnaast een jaartal [2020] en [3] elders", 70, 100), page=4)
    assert line_markers(body, notes) == ("onderwijs. Daarnaast een jaartal [2020] en [3] elders", [(10, 1)])
    # a marker wrapped to the start of the next line
    wrapped = line(span("[2] Inmiddels", 70, 114), page=4)
    assert line_markers(wrapped, notes) == ("Inmiddels", [(0, 2)])
    # a document whose notes are not bracketed has no bracketed markers
    assert line_markers(body, NoteIndex.throughout({1, 2, 3}))[1] == []


def test_note_numbers_restarting_per_page_are_numbered_in_document_order():
    zones = [bracketed_zone([1, 2], page=4), bracketed_zone([1, 2, 3], page=5), bracketed_zone([1, 1], page=6),
             bracketed_zone([2], page=7)]
    assert restarts_per_page(zones)
    assert not restarts_per_page([bracketed_zone([1, 2], 4), bracketed_zone([3, 4], 5), bracketed_zone([5], 6)])
    drafts: list[NoteDraft] = []
    for page, zone in zip((4, 5, 6, 7), zones):
        parse_notes(zone, page, drafts, per_page=True)
    assert [(d.number, d.printed, d.page) for d in drafts] == [
        (1, 1, 4), (2, 2, 4), (3, 1, 5), (4, 2, 5), (5, 3, 5), (6, 1, 6), (7, 1, 6), (8, 2, 7)]
    notes = NoteIndex(drafts, per_page=True)
    # on its page; a marker whose note was placed on the page before (page 6's second "1")
    assert notes.resolve([2], 5, bracketed=True) == [4]
    assert notes.resolve([1], 7, bracketed=True) == [7]
    assert notes.resolve([3], 7, bracketed=True) is None
    # per page, "(1)" opening a line of text is a list label, not a marker
    assert line_markers(line(span("[1] eerste punt", 70, 100), page=5), notes) == ("[1] eerste punt", [])


def raised_zone(numbers, page, top=700):
    """A footnote zone whose notes open with a raised number."""
    return [line(span(str(n), 70, top + 12 * i, 5, raised=2), span(f"Note {n} on page {page}.", 74, top + 12 * i, 8,
                                                                  space=False), page=page)
            for i, n in enumerate(numbers)]


def test_per_page_notes_serve_the_markers_they_align_with_also_on_the_page_after():
    # page 19: its notes 1, 2, 3, then page 20's note 1 placed early; page 20: its note 2 (3 and 4 did not
    # fit); page 21: page 20's notes 3 and 4 before its own sequence starts again at 1
    zones = {19: raised_zone([1, 2, 3, 1], 19), 20: raised_zone([2], 20), 21: raised_zone([3, 4, 1], 21)}
    drafts: list[NoteDraft] = []
    for page, zone in zones.items():
        parse_notes(zone, page, drafts, per_page=True)
    assert [(d.number, d.printed, d.page) for d in drafts] == [
        (1, 1, 19), (2, 2, 19), (3, 3, 19), (4, 1, 19), (5, 2, 20), (6, 3, 21), (7, 4, 21), (8, 1, 21)]

    def marked(page, *numbers):
        return line(span("Zin", 70, 100), *(span(str(n), 90 + 10 * i, 100, 5, raised=3, space=False)
                                             for i, n in enumerate(numbers)), page=page)

    # page 20's "3" is not page 19's note 3: the notes in reading order pair with the markers
    body = [marked(19, 1, 2), marked(19, 3), marked(20, 1, 2), marked(20, 3), marked(20, 4), marked(21, 1)]
    notes = NoteIndex(drafts, per_page=True, body_lines=body)
    assert [[n for _, n in line_markers(b, notes)[1]] for b in body] == [[1, 2], [3], [4, 5], [6], [7], [8]]


# ------------------------------------------------------------------------------------ hyphenation

def test_hyphenation_uses_the_documents_vocabulary():
    joiner = Joiner(vocabulary(["de exportkredietverzekeraars en", "SDE-middelen"]), auto_hyphenation=True)
    assert joiner.join("de exportkre-", "dietverzekeraars") == "de exportkredietverzekeraars"
    assert joiner.join("de SDE-", "middelen") == "de SDE-middelen"
    assert joiner.join("voor milieu-", "en sociale") == "voor milieu- en sociale"
    assert joiner.join("niet-", "afbreekbare") == "niet-afbreekbare"
    assert joiner.join("micro-", "opleidingen") == "micro-opleidingen"
    assert joiner.join("Invest-", "NL") == "Invest-NL"
    assert joiner.join("2022–", "2027") == "2022–2027"


def test_a_word_broken_before_a_conjunction_is_joined_when_the_document_writes_it_whole():
    vocab = vocabulary(["de politieke partijen en", "voor milieu- en sociale doelen", "de milieuen"])
    joiner = Joiner(vocab, auto_hyphenation=True)
    assert joiner.join("de partij-", "en zijn") == "de partijen zijn"
    # "milieu-" stands elsewhere as an elided compound's head: the hyphen and the space stay
    assert joiner.join("voor milieu-", "en sociale") == "voor milieu- en sociale"
    # a document that does not hyphenate keeps every line-end hyphen before a conjunction
    assert Joiner(vocab, auto_hyphenation=False).join("de partij-", "en zijn") == "de partij- en zijn"


def test_a_hyphenating_document_keeps_real_hyphens_and_drops_its_own():
    vocab = vocabulary(["ter preventie van", "de preventie en", "de Wajong-uitkering of", "een Wajonguitkering"])
    joiner = Joiner(vocab, auto_hyphenation=True)
    # the vocabulary beats the prefix table ("pre-" is a prefix, "preventie" is one word)
    assert joiner.join("de pre-", "ventie") == "de preventie"
    # lower-case abbreviations cannot be syllables: the hyphen is real
    assert joiner.join("het btw-", "tarief") == "het btw-tarief"
    assert joiner.join("het vmbo-", "techniekonderwijs") == "het vmbo-techniekonderwijs"
    assert joiner.join("het mbo-", "diploma") == "het mbo-diploma"
    # both spellings seen: the hyphen is a spelling of this document
    assert joiner.join("de Wajong-", "uitkering") == "de Wajong-uitkering"
    # no evidence at all: a hyphenating document broke the word
    assert joiner.join("de strate-", "gie") == "de strategie"
    assert joiner.join("het stre-", "ven") == "het streven"


def test_a_document_that_never_hyphenates_keeps_line_end_hyphens():
    never = Joiner(Counter(), auto_hyphenation=False)
    assert never.join("de Financiële-", "verhoudingswet") == "de Financiële-verhoudingswet"
    always = Joiner(Counter(), auto_hyphenation=True)
    assert always.join("de ketenaan-", "pak") == "de ketenaanpak"


def test_hyphenating_documents_are_recognised_by_their_line_ends():
    assert hyphenates(["a line that ends in hyphena-", "tion"] * 10)
    assert not hyphenates(["a plain line"] * 200 + ["one Invest-"])


def test_soft_hyphens_drawn_inside_a_line_are_the_fonts_ordinary_hyphens():
    assert soft_hyphens_drawn(["de sociaal\u00adculturele ontwikkelingen", "blz. 158\u00ad163"])
    assert not soft_hyphens_drawn(["de snel stijgende collec\u00ad", "tieve lasten"])  # only where lines break
    assert not soft_hyphens_drawn(["geen afbreking hier"])


def test_a_document_drawing_its_hyphens_as_soft_hyphens_keeps_its_compounds():
    # Typst maps a hyphen glyph to the text of its first use: once that was a hyphenation, every hyphen of
    # the font reads as U+00AD, also in "sociaal-culturele" and at a line end inside "mkb-bedrijven"
    lines = [text_line("De sociaal\u00adculturele ontwikkelingen raken de mkb\u00ad", 100),
             text_line("bedrijven en de collec\u00ad", 114),
             text_line("tieve lasten van de mkb\u00adbedrijven.", 128)]
    page = PageData(index=1, width=595, height=842, lines=lines, chars=100)
    document = build_document([page], where="t.pdf", sha256="0" * 64)
    assert [b.text for b in document.blocks] == [
        "De sociaal-culturele ontwikkelingen raken de mkb-bedrijven en de collectieve lasten van de "
        "mkb-bedrijven."]


# ------------------------------------------------------------------------------------ blocks

def test_headings_paragraphs_and_page_break_continuation():
    lines = [text_line("2.1 Wonen en ruimte", 60, size=12, font=BOLD),
             text_line("Eerste regel van een alinea die", 90),
             text_line("doorloopt op de volgende regel.", 104),
             text_line("Nieuwe alinea na witruimte die niet", 130),
             text_line("eindigt op deze pagina", 760),
             text_line("maar op de volgende.", 60, page=2)]
    result = structure(lines)
    kinds = [(b.kind, b.text, b.page, b.page_end, b.section) for b in result.blocks]
    assert kinds[0] == (model.HEADING, "Wonen en ruimte", 1, 1, "2.1")
    assert kinds[1][1] == "Eerste regel van een alinea die doorloopt op de volgende regel."
    assert kinds[2][1:4] == ("Nieuwe alinea na witruimte die niet", 1, 1)
    assert [(s.number, s.level) for s in result.sections] == [("2.1", 2)]


def test_list_items_sub_items_and_numbered_items():
    lines = [line(span("–", 70, 100), span("Eerste maatregel met", 88, 100)),
             text_line("een vervolgregel;", 114, x0=88),
             line(span(">", 88, 131), span("een subpunt", 105, 131)),
             line(span("–", 70, 148), span("Tweede maatregel.", 88, 148)),
             line(span("1.", 70, 170), span("Eerste ambitie.", 88, 170)),
             line(span("2.", 70, 187), span("Tweede ambitie.", 88, 187))]
    result = structure(lines)
    got = [(b.kind, b.text, b.number) for b in result.blocks]
    assert got == [(model.LIST_ITEM, "Eerste maatregel met een vervolgregel;", None),
                   (model.SUB_ITEM, "een subpunt", None),
                   (model.LIST_ITEM, "Tweede maatregel.", None),
                   (model.NUMBERED_ITEM, "Eerste ambitie.", "1"),
                   (model.NUMBERED_ITEM, "Tweede ambitie.", "2")]
    assert result.blocks[1].parent == result.blocks[0].id


def test_words_second_level_bullet_is_a_lone_o_in_another_font():
    courier = "ABCDEF+CourierNewPSMT"
    lines = [line(span("•", 70, 100), span("Eerste maatregel:", 88, 100)),
             line(span("o", 88, 117, font=courier), span("een subpunt", 106, 117)),
             line(span("o", 88, 134, font=courier), span("nog een subpunt", 106, 134)),
             # a lone "o" in the text's own font is a word of the text, not a bullet
             line(span("o", 70, 160), span("tempora, o mores!", 88, 160))]
    got = [(b.kind, b.text) for b in structure(lines).blocks]
    assert got == [(model.LIST_ITEM, "Eerste maatregel:"), (model.SUB_ITEM, "een subpunt"),
                   (model.SUB_ITEM, "nog een subpunt"), (model.PARAGRAPH, "o tempora, o mores!")]


def test_a_form_label_before_a_bullet_is_its_own_block_and_the_item_starts_after_it():
    # "Noot:" in the label column, its first item on the same line in the value column
    lines = [line(span("Noot:", 70, 100, 8), span("•", 160, 100), span("Het verdrag is ter stilzwijgende", 178, 100)),
             text_line("goedkeuring overgelegd.", 114, x0=178),
             line(span("•", 160, 128), span("Zie ook Trb. 2015, 103.", 178, 128))]
    got = [(b.kind, b.text) for b in structure(lines).blocks]
    assert got == [(model.PARAGRAPH, "Noot:"),
                   (model.LIST_ITEM, "Het verdrag is ter stilzwijgende goedkeuring overgelegd."),
                   (model.LIST_ITEM, "Zie ook Trb. 2015, 103.")]
    # a colon at a word space before a dash is prose, not a label
    prose = [line(span("Zo:", 70, 100), span("– en dan verder.", 87, 100))]
    assert [b.kind for b in structure(prose).blocks] == [model.PARAGRAPH]


def test_the_text_of_a_chart_in_a_frame_is_one_paragraph_never_a_heading():
    # a bar chart: its title at 18 pt (a heading by size), labels and figures apart from each other; beside
    # it a box of running text wrapped at its measure, with a box title
    chart = Rect(60, 100, 500, 300)
    box = Rect(60, 400, 500, 480)
    lines = [text_line("Synthèse des résultats", 110, x0=200, size=18),
             line(span("JAMAIS", 90, 150, 8), span("3%", 200, 150, 8)),
             line(span("TOUS LES JOURS", 80, 175, 8), span("60%", 400, 175, 8)),
             line(*(span(f"{p}%", 150 + 50 * i, 280, 9) for i, p in enumerate((0, 10, 20, 30)))),
             text_line("Een kader", 410, x0=70, font=BOLD),
             text_line("Lopende tekst in een kader die tot aan de rechterkant van het kader doorloopt", 428, x0=70),
             text_line("en op de volgende regel verder gaat.", 442, x0=70)]
    frames = diagram_frames(lines, [chart, box])
    assert [frames.get(id(l)) for l in lines] == [chart] * 4 + [None] * 3
    entries = [Entry(line=l, page=1, box=True, diagram=frames.get(id(l))) for l in lines]
    result = build_structure(entries, STATS, Joiner(Counter(), False), NoteIndex())
    assert [(b.kind, b.text[:30]) for b in result.blocks] == [
        (model.PARAGRAPH, "Synthèse des résultats JAMAIS "), (model.SUBHEADING, "Een kader"),
        (model.PARAGRAPH, "Lopende tekst in een kader die")]
    assert result.sections == []


def test_boxes_of_one_size_are_a_diagram_read_box_by_box():
    # a process diagram: three boxes of one size in a row, their lines on shared baselines (one line each
    # across the boxes, as a PDF reader joins them); a single box of another size holds a framed remark
    boxes = [Rect(60 + 150 * i, 100, 180 + 150 * i, 140) for i in range(3)]
    remark = Rect(60, 200, 500, 230)
    lines = [line(span("Beschrijf de", 70, 105, 8), span("Vraag input", 220, 105, 8), span("Bepaal de", 370, 105, 8)),
             line(span("verwerkingen", 70, 117, 8), span("van experts", 220, 117, 8), span("rollen", 370, 117, 8)),
             text_line("Let op", 205, x0=70, font=BOLD)]
    kept, diagrams = find_diagrams(lines, boxes + [remark])
    assert [(l.text, diagrams.get(id(l))) for l in kept] == [
        ("Beschrijf de", boxes[0]), ("verwerkingen", boxes[0]), ("Vraag input", boxes[1]), ("van experts", boxes[1]),
        ("Bepaal de", boxes[2]), ("rollen", boxes[2]), ("Let op", None)]
    entries = [Entry(line=l, page=1, box=True, diagram=diagrams.get(id(l))) for l in kept]
    result = build_structure(entries, STATS, Joiner(Counter(), False), NoteIndex())
    assert [(b.kind, b.text) for b in result.blocks] == [
        (model.PARAGRAPH, "Beschrijf de verwerkingen"), (model.PARAGRAPH, "Vraag input van experts"),
        (model.PARAGRAPH, "Bepaal de rollen"), (model.SUBHEADING, "Let op")]


def test_quote_with_attribution():
    lines = [text_line("“Het is goed dat het Rijk", 100, x0=99, size=9.5, font=ITALIC),
             text_line("veel aandacht heeft.”", 113.5, x0=99, size=9.5, font=ITALIC),
             text_line("Roy Nieuwenhuis, adviseur", 130, x0=99, size=9, font=BOLD),
             text_line("Gewone tekst daarna.", 160)]
    result = structure(lines)
    assert [b.kind for b in result.blocks] == [model.QUOTE, model.ATTRIBUTION, model.PARAGRAPH]
    assert result.quotes[0].text == "“Het is goed dat het Rijk veel aandacht heeft.”"
    assert result.quotes[0].attribution == "Roy Nieuwenhuis, adviseur"
    assert result.blocks[1].parent == result.blocks[0].id


def test_subheading_is_remembered_by_following_blocks():
    lines = [text_line("1 Inleiding", 60, size=16, font=BOLD),
             text_line("Migratie", 90, font=BOLD),
             text_line("Tekst onder de subkop.", 104)]
    result = structure(lines)
    assert result.blocks[2].subheading == "Migratie" and result.blocks[2].section == "1"


# ------------------------------------------------------------------------------------ columns

def test_three_columns_are_read_column_by_column():
    lines = []
    for row in range(15):
        top = 100 + row * 12
        lines.append(line(span(f"a{row:02d} left text", 50, top, 8), span(f"b{row:02d} middle", 230, top, 8),
                          span(f"c{row:02d} right", 410, top, 8)))
    gutters = find_gutters(lines, 8.0)
    assert len(gutters) == 2
    columns = split_columns(lines, gutters)
    assert [len(column) for column in columns] == [15, 15, 15]
    assert [l.text[:3] for l in columns[0][:2]] == ["a00", "a01"]
    assert columns[1][0].text.startswith("b00") and columns[2][-1].text.startswith("c14")


def test_labels_beside_values_are_not_columns():
    lines = [line(span("Zaak:", 50, 100 + 12 * r, 9), span("a long value text that fills the line " * 2, 180, 100 + 12 * r, 9))
             for r in range(15)]
    assert find_gutters(lines, 9.0) == []


def test_a_plain_line_naming_a_person_after_a_closed_quote_is_its_attribution():
    quote = [text_line("“Het is goed dat het Rijk veel aandacht heeft", 100, x0=84, font=ITALIC),
             text_line("voor de woningmarkt.”", 114, x0=84, font=ITALIC)]
    signed = text_line("drs. Patricia van den Brink, directeur Pharos", 132)
    result = structure(quote + [signed])
    assert [b.kind for b in result.blocks] == [model.QUOTE, model.ATTRIBUTION]
    assert result.quotes[0].attribution == "drs. Patricia van den Brink, directeur Pharos"
    # running text after the quote is no attribution, even when it opens with capitals and a comma
    prose = text_line("In Nederland blijft de bouw achter. Volgens het CBS, dat", 132)
    assert [b.kind for b in structure(quote + [prose]).blocks] == [model.QUOTE, model.PARAGRAPH]



def test_a_prose_dash_wrapped_to_a_line_start_is_no_sub_item():
    item = line(span("•", 70, 100), span("de wegtrajecten A1/A30, A7/A8 Amsterdam", 84, 100))
    wrapped = text_line("– Hoorn. De verkenning start in 2020.", 114, x0=84)
    blocks = structure([item, wrapped]).blocks
    assert [(b.kind, b.text) for b in blocks] == [
        (model.LIST_ITEM, "de wegtrajecten A1/A30, A7/A8 Amsterdam – Hoorn. De verkenning start in 2020.")]
    # after an item that introduces a list, the same line is a sub-item
    intro = line(span("•", 70, 100), span("de wegtrajecten:", 84, 100))
    blocks = structure([intro, wrapped]).blocks
    assert [b.kind for b in blocks] == [model.LIST_ITEM, model.SUB_ITEM]


def test_cut_pieces_take_their_own_size_and_a_raised_marker_rejoins_its_column():
    heading = line(span("Twee koppen", 70, 100), span("3.5 Landbouw", 320, 96, 16), page=1)
    marker = line(span("87", 200, 114, 6), span("rechts verder", 320, 114), page=1)
    body = [line(span(f"links regel {i} met tekst", 70, 118 + 14 * i), span(f"rechts regel {i}", 320, 118 + 14 * i))
            for i in range(12)]
    pieces = [piece for column in split_columns([heading, marker] + body, [300.0]) for piece in column]
    right_heading = next(p for p in pieces if p.text == "3.5 Landbouw")
    assert right_heading.size == 16
    left = [p.text for p in pieces if p.x0 < 300]
    assert "87" not in left and any(t.startswith("links regel 0") and "87" in t for t in left)


def test_a_short_last_column_is_still_a_column():
    lines = [line(span("linker kolom met lopende tekst tot de rand", 50, 100 + 12 * r, 9)) for r in range(24)]
    lines += [line(span("rechter kolom met een paar regels tekst", 300, 100 + 12 * r, 9)) for r in range(4)]
    assert len(find_gutters(lines, 9.0)) == 1


def columned(*columns_):
    """Entries of one page: each argument a column's lines, read one after the other."""
    entries = [Entry(line=l, page=1, column=c) for c, lines in enumerate(columns_) for l in lines]
    return build_structure(entries, STATS, Joiner(Counter(), False), NoteIndex.throughout(()))


def _column_text(x0, first_top, texts):
    return [text_line(t, first_top + 14 * i, x0=x0) for i, t in enumerate(texts)]


def test_an_item_goes_on_in_the_next_column_at_its_hanging_indent_and_keeps_its_level():
    # the item ends a sentence at the foot of the left column and goes on at its text's indent in the right
    left = _column_text(56, 100, [f"regel {i} van een lopende alinea links" for i in range(4)] + [
        "De maatregelen van het ministerie voor dit jaar", "zijn de volgende:"]) + [
        line(span("–", 59, 184), span("Het perspectief op werk wordt verbeterd", 71, 184)),
        text_line("met de aanpak van discriminatie.", 198, x0=71)]
    right = [text_line("De werkwijze wordt vereenvoudigd.", 100, x0=320),
             line(span("–", 308, 114), span("Het ministerie zet in op meer gemeenten.", 320, 114))]
    right += _column_text(305, 136, [f"regel {i} van een nieuwe alinea aan de rand" for i in range(4)])
    result = columned(left, right)
    assert [(b.kind, b.text[:30]) for b in result.blocks] == [
        (model.PARAGRAPH, "regel 0 van een lopende alinea"),
        (model.LIST_ITEM, "Het perspectief op werk wordt "), (model.LIST_ITEM, "Het ministerie zet in op meer "),
        (model.PARAGRAPH, "regel 0 van een nieuwe alinea ")]
    assert result.blocks[1].text.endswith("met de aanpak van discriminatie. De werkwijze wordt vereenvoudigd.")


def test_an_item_goes_on_in_the_next_column_with_a_quoted_word():
    # mid-sentence at the foot of the left column; the right column's first line opens with a quotation
    # mark at the item's text indent: the item's next words, not a quote
    left = _column_text(56, 100, [f"regel {i} van een lopende alinea links" for i in range(4)]) + [
        line(span("•", 59, 156), span("Het programma is gericht op mensen met", 71, 156))]
    right = [text_line("‘stapelingsproblematiek’. Het is belangrijk", 100, x0=320),
             text_line("dat zij een dak boven hun hoofd hebben.", 114, x0=320)]
    right += _column_text(305, 136, [f"regel {i} van een nieuwe alinea aan de rand" for i in range(4)])
    result = columned(left, right)
    assert [b.kind for b in result.blocks] == [model.PARAGRAPH, model.LIST_ITEM, model.PARAGRAPH]
    assert result.blocks[1].text.endswith("mensen met ‘stapelingsproblematiek’. Het is belangrijk dat zij een dak "
                                          "boven hun hoofd hebben.")


def test_a_quote_goes_on_across_the_column_break():
    left = _column_text(56, 100, [f"regel {i} van een lopende alinea links" for i in range(6)])
    left += [text_line("“Het is goed dat het Rijk veel aandacht", 190, x0=68, size=9.0),
             text_line("heeft voor de woningmarkt, want", 202, x0=68, size=9.0)]
    right = [text_line("dat is hard nodig.”", 100, x0=317, size=9.0),
             text_line("drs. Patricia van den Brink, directeur Pharos", 116, x0=305, size=9.0)]
    right += _column_text(305, 140, [f"regel {i} van een lopende alinea rechts" for i in range(6)])
    result = columned(left, right)
    assert [(q.text, q.attribution) for q in result.quotes] == [
        ("“Het is goed dat het Rijk veel aandacht heeft voor de woningmarkt, want dat is hard nodig.”",
         "drs. Patricia van den Brink, directeur Pharos")]


def test_dash_items_in_lower_case_follow_the_glyph_of_their_list():
    lines = [text_line("Ingezet wordt op de volgende maatregelen:", 100),
             line(span("–", 73, 114), span("het verlengen van het programma;", 85, 114)),
             text_line("– het beschikbaar stellen van 80 miljoen", 128, x0=73),
             text_line("euro voor armoedebestrijding;", 142, x0=85),
             text_line("– een wetsvoorstel over incasso.", 156, x0=73)]
    blocks = structure(lines).blocks
    assert [(b.kind, b.text) for b in blocks[1:]] == [
        (model.LIST_ITEM, "het verlengen van het programma;"),
        (model.LIST_ITEM, "het beschikbaar stellen van 80 miljoen euro voor armoedebestrijding;"),
        (model.LIST_ITEM, "een wetsvoorstel over incasso.")]
    # in running text the same dash and lower case is prose
    prose = [text_line("Het kabinet trekt geld uit voor de bouw", 100),
             text_line("– en voor het onderhoud van wegen.", 114)]
    assert [b.kind for b in structure(prose).blocks] == [model.PARAGRAPH]


def test_numbered_items_whose_label_is_not_set_apart_follow_a_colon_or_their_numbering():
    lines = [text_line("De prioriteiten zijn onderverdeeld in drie thema’s:", 100),
             text_line("1. Nederland financieel gezond. Naast gezonde", 114, x0=73),
             text_line("overheidsfinanciën werkt het ministerie aan welvaart.", 128, x0=88),
             text_line("2. Belastingdienst: goede uitvoering en toezicht.", 142, x0=73),
             text_line("4. Dit nummer volgt niet op het vorige.", 156, x0=73)]
    blocks = structure(lines).blocks
    assert [(b.kind, b.number, b.text[:24]) for b in blocks[1:]] == [
        (model.NUMBERED_ITEM, "1", "Nederland financieel gez"), (model.NUMBERED_ITEM, "2", "Belastingdienst: goede u"),
        (model.PARAGRAPH, None, "4. Dit nummer volgt niet")]
    assert blocks[1].text.endswith("werkt het ministerie aan welvaart.")
    # an enumeration inside a sentence that wraps after its colon stays in the sentence
    inline = [text_line("EZK werkt aan een nieuwe Energiewet met drie opgaven:", 100),
              text_line("1) overzichtelijke wetgeving, 2) implementatie van", 114),
              text_line("pakket en 3) quick wins uit het Klimaatakkoord.", 128)]
    assert [b.kind for b in structure(inline).blocks] == [model.PARAGRAPH]


# ------------------------------------------------------------------------------------ structure evidence

BOLD_ITALIC = "X+Sans-BoldItalic"


def right_aligned(title, number, top, right=400.0, page=1):
    """A contents entry: the title at the left margin, its page number ending at a common right edge."""
    return line(span(title, 70, top), span(number, right - 5.0 * len(number), top), page=page)


def test_a_table_of_contents_is_one_toc_block_and_never_sections():
    lines = [text_line("Inhoud", 60, size=16, font=BOLD),
             right_aligned("1 Inleiding", "3", 90), right_aligned("1.1 Wonen en ruimte", "4", 104),
             text_line("2 Economie ........................ 9", 118),
             right_aligned("Bijlage", "12", 132),
             text_line("1 Inleiding", 60, size=16, font=BOLD, page=2),
             text_line("Gewone tekst van het eerste hoofdstuk.", 90, page=2)]
    result = structure(lines)
    assert [b.kind for b in result.blocks] == [model.CONTENTS, model.HEADING, model.PARAGRAPH]
    assert result.blocks[0].text.splitlines() == ["Inhoud", "1 Inleiding 3", "1.1 Wonen en ruimte 4",
                                                  "2 Economie ........................ 9", "Bijlage 12"]
    assert [(s.number, s.title, s.page) for s in result.sections] == [("1", "Inleiding", 2)]


def test_contents_entries_wrapped_over_several_lines_and_over_a_page_break_stay_in_the_contents():
    """Questions as section titles wrap over three lines before the leader to their page number, and the
    last entry of a contents page may go on at the top of the next (debian-faq-nl, pages 3-6)."""
    lines = [text_line("Inhoudsopgave", 60, size=16, font=BOLD),
             text_line("3.1.6 Wat is het verschil? . . . . . . . . . . 8", 90),
             text_line("3.1.7 Wat is de reden waarom testing gedurende maanden defect kan zijn? Schuiven", 104),
             text_line("de reparaties die in unstable geïntroduceerd worden, niet onmiddellijk door naar", 118),
             text_line("testing? . . . . . . . . . . 9", 132),
             text_line("3.1.8 Welke distributie vereist meer aandacht? . . . . . . . . . . 10", 146),
             text_line("3.1.9 Wat gebeurt er als er een nieuwe release gemaakt wordt? . . . . . . 10", 160),
             text_line("4.5 Kan ik Debian-pakketten gebruiken op mijn Red Hat/Slackware/...", 60, page=2),
             text_line("Linux-systeem? . . . . . . . . . . 17", 74, page=2),
             text_line("4.6 Hoe moet ik een programma installeren? . . . . . . . . . . 18", 88, page=2),
             text_line("5 In Debian aanwezige software . . . . . . . . . . 21", 102, page=2),
             text_line("Hoofdstuk 1", 60, size=20, font=BOLD, page=3),
             text_line("Definities", 100, size=25, font=BOLD, page=3),
             text_line("Gewone tekst van het eerste hoofdstuk.", 140, page=3)]
    result = structure(lines)
    assert [b.kind for b in result.blocks] == [model.CONTENTS, model.CONTENTS, model.HEADING, model.PARAGRAPH]


def test_table_rows_ending_in_numbers_are_no_table_of_contents():
    rows = [line(span("Pour le loisir", 70, 100 + 14 * r), span(str(10 + r), 250, 100 + 14 * r),
                 span(str(3 + r), 395, 100 + 14 * r)) for r in range(4)]
    assert model.CONTENTS not in [b.kind for b in structure(rows).blocks]


def test_italic_alone_is_no_quote_and_a_numbered_line_is_no_attribution():
    lines = [text_line("Beschrijf op gestructureerde wijze de gegevensverwerkingen,", 100, x0=84, font=ITALIC),
             text_line("het doel en de belangen.", 114, x0=84, font=ITALIC),
             line(span("1.", 70, 140, font=BOLD), span("Voorstel", 84, 140, font=BOLD)),
             text_line("Beschrijf het voorstel.", 160)]
    result = structure(lines)
    assert result.quotes == []
    assert [b.kind for b in result.blocks][0] == model.PARAGRAPH
    assert model.ATTRIBUTION not in [b.kind for b in result.blocks]


def test_an_upright_indented_quote_in_quotation_marks_with_an_attribution_after_a_dash():
    lines = [text_line("“Het is goed dat het Rijk", 100, x0=99), text_line("veel aandacht heeft.”", 114, x0=99),
             text_line("— Roy Nieuwenhuis", 130, x0=99), text_line("Gewone tekst daarna.", 160)]
    result = structure(lines)
    assert [b.kind for b in result.blocks] == [model.QUOTE, model.ATTRIBUTION, model.PARAGRAPH]
    assert (result.quotes[0].text, result.quotes[0].attribution) == ("“Het is goed dat het Rijk veel aandacht heeft.”",
                                                                     "Roy Nieuwenhuis")


def test_a_run_in_subheading_ends_where_the_style_changes():
    lines, top = [], 100
    for head, rest in [("Wonen.", "De woningbouw blijft achter bij de vraag,"),
                       ("Werk.", "De arbeidsmarkt is krap en blijft krap,")]:
        lines.append(line(span(head, 70, top, font=BOLD), span(rest, 73 + 5 * len(head), top)))
        lines.append(text_line("en dat blijft zo in de komende jaren.", top + 14))
        top += 40
    result = structure(lines)
    assert [(b.kind, b.text) for b in result.blocks] == [
        (model.SUBHEADING, "Wonen."), (model.PARAGRAPH, "De woningbouw blijft achter bij de vraag, en dat blijft zo "
                                                        "in de komende jaren."),
        (model.SUBHEADING, "Werk."), (model.PARAGRAPH, "De arbeidsmarkt is krap en blijft krap, en dat blijft zo in "
                                                       "de komende jaren.")]
    assert result.blocks[1].subheading == "Wonen."


def test_a_run_in_subheading_set_apart_by_size_alone():
    # "De opgave" in the body font at 1.15 times the body size, the paragraph running on after it
    lines, top = [], 100
    for head, rest in [("De opgave", "Veel seinen op de woningmarkt staan op rood,"),
                       ("De maatregelen", "Het kabinet maakt twee miljard euro vrij,")]:
        lines.append(line(span(head, 70, top, size=11.5), span(rest, 75 + 5.75 * len(head), top)))
        lines.append(text_line("en dat blijft zo in de komende jaren.", top + 14))
        top += 40
    result = structure(lines)
    assert [b.text for b in result.blocks if b.kind == model.SUBHEADING] == ["De opgave", "De maatregelen"]
    assert result.blocks[1].text.startswith("Veel seinen") and not result.sections


def test_bold_italic_subheadings_at_body_size_without_space_after_them():
    lines = []
    for i, title in enumerate(["Migratie en integratie", "Wonen en ruimte"]):
        top = 100 + 60 * i
        lines += [text_line(title, top, font=BOLD_ITALIC),
                  text_line("Gewone tekst die direct onder de subkop staat", top + 14),
                  text_line("en doorloopt tot het einde van de alinea.", top + 28)]
    result = structure(lines)
    assert [(b.kind, b.text) for b in result.blocks if b.kind == model.SUBHEADING] == [
        (model.SUBHEADING, "Migratie en integratie"), (model.SUBHEADING, "Wonen en ruimte")]
    assert result.blocks[-1].subheading == "Wonen en ruimte"


def test_unnumbered_heading_levels_follow_the_sizes_used_for_headings():
    lines = [text_line("Deel een", 60, size=20, font=BOLD), text_line("Hoofdstuk over wonen", 100, size=14, font=BOLD),
             text_line("Gewone tekst.", 130), text_line("Hoofdstuk over werk", 160, size=14, font=BOLD),
             text_line("Gewone tekst.", 190)]
    result = structure(lines)
    assert [(s.title, s.level) for s in result.sections] == [("Deel een", 1), ("Hoofdstuk over wonen", 2),
                                                             ("Hoofdstuk over werk", 2)]


def test_ocr_size_noise_makes_no_headings_of_wrapped_lines():
    ocr = "X+InvisibleMono"

    def noisy(words, top, sizes):
        spans, x = [], 70.0
        for word, size in zip(words.split(), sizes):
            spans.append(span(word, x, top, size=size, font=ocr))
            x += 0.5 * size * len(word) + 3
        return line(*spans)

    lines = [noisy("1 Aanleiding voor deze nota", 60, [12, 13, 12, 13, 13]),
             noisy("Bijgaand treft u aan een nota over", 80, [8, 10, 7, 9, 8, 10, 9]),
             noisy("Daarnaast zijn er regels waaraan een", 92, [13, 12, 13, 13, 12, 13]),
             noisy("organisatie moet voldoen. Verder moeten", 104, [9, 8, 10, 8, 9])]
    result = structure(lines)
    assert [(s.number, s.title) for s in result.sections] == [("1", "Aanleiding voor deze nota")]


def test_an_outline_entry_makes_a_standing_out_line_a_heading_with_its_level():
    lines = [text_line("Migratie en integratie", 90, font=BOLD), text_line("Gewone tekst.", 104),
             text_line("Wonen en ruimte", 130), text_line("Gewone tekst.", 144)]
    entries = [Entry(line=l, page=l.page) for l in lines]
    outline = [OutlineEntry(level=2, title="3.1 Migratie en integratie", page=1),
               OutlineEntry(level=2, title="Wonen en ruimte", page=1)]
    result = build_structure(entries, STATS, Joiner(Counter(), False), NoteIndex(), outline)
    # the bold line is the bookmark's heading; the body-style line of the same text is not (layout disagrees)
    assert [(s.title, s.level) for s in result.sections] == [("Migratie en integratie", 2)]


def test_a_size_below_every_heading_the_outline_names_is_a_subheading():
    # unnumbered headings by size alone: the outline names the chapter (20 pt) and the section (14 pt) but
    # none of the 11.5 pt titles, which sit below the outline's deepest level
    lines = [text_line("Inleiding", 60, size=20), text_line("Wonen en ruimte", 100, size=14),
             text_line("De opgave", 130, size=11.5), text_line("Er is een tekort aan woningen.", 146),
             text_line("De maatregelen", 170, size=11.5), text_line("Het kabinet bouwt meer.", 186)]
    entries = [Entry(line=l, page=l.page) for l in lines]
    outline = [OutlineEntry(level=1, title="Inleiding", page=1), OutlineEntry(level=2, title="Wonen en ruimte", page=1)]
    result = build_structure(entries, STATS, Joiner(Counter(), False), NoteIndex(), outline)
    assert [(s.title, s.level) for s in result.sections] == [("Inleiding", 1), ("Wonen en ruimte", 2)]
    assert [b.text for b in result.blocks if b.kind == model.SUBHEADING] == ["De opgave", "De maatregelen"]


def test_a_bookmark_names_a_heading_whose_first_line_ends_in_a_hyphen():
    lines = [text_line("Inleiding", 60, size=20),
             text_line("In dertig jaar tijd een ingrijpende energietran-", 100, size=14),
             text_line("sitie realiseren", 118, size=14), text_line("Gewone tekst over de opgave.", 146)]
    entries = [Entry(line=l, page=l.page) for l in lines]
    outline = [OutlineEntry(level=1, title="Inleiding", page=1),
               OutlineEntry(level=3, title="In dertig jaar tijd een ingrijpende energietransitie realiseren", page=1)]
    result = build_structure(entries, STATS, Joiner(Counter({"energietransitie": 2}), False), NoteIndex(), outline)
    assert [(s.title, s.level) for s in result.sections] == [
        ("Inleiding", 1), ("In dertig jaar tijd een ingrijpende energietransitie realiseren", 3)]


def test_a_bookmark_names_a_heading_wrapped_in_a_narrow_column_by_its_lines_together():
    # the first line is too short a share of the title to be matched alone: its level came from its size
    # (ranked below the title page's sizes); the lines together are the level-2 bookmark
    lines = [text_line("Analyse van de begroting", 40, size=24), text_line("Inleiding", 70, size=20),
             text_line("Wonen en ruimte", 96, size=14), text_line("Gewone tekst over de opgave.", 112),
             text_line("Betere uitvoering van be-", 140, size=14), text_line("leid door Rijk, provincies en", 158, size=14),
             text_line("gemeenten", 176, size=14), text_line("Gewone tekst over de opgave.", 200)]
    entries = [Entry(line=l, page=l.page) for l in lines]
    outline = [OutlineEntry(level=1, title="Inleiding", page=1), OutlineEntry(level=2, title="Wonen en ruimte", page=1),
               OutlineEntry(level=2, title="Betere uitvoering van beleid door Rijk, provincies en gemeenten", page=1)]
    result = build_structure(entries, STATS, Joiner(Counter({"beleid": 2}), False), NoteIndex(), outline)
    assert [(s.title, s.level) for s in result.sections][-3:] == [
        ("Inleiding", 1), ("Wonen en ruimte", 2), ("Betere uitvoering van beleid door Rijk, provincies en gemeenten", 2)]


def _glyph_row(text, x0, top, width, widths=None):
    """Glyph dicts of `text` in the body font, each letter `width` wide unless `widths` names its own."""
    out = []
    for letter in text:
        advance = 2.5 if letter == " " else (widths or {}).get(letter, width)
        out.append({"text": letter, "x0": x0, "x1": x0 + advance, "top": top, "bottom": top + 10, "size": 10.0,
                    "fontname": REGULAR})
        x0 += advance
    return out


def test_small_capitals_of_the_font_itself_are_told_by_their_width():
    # "De opgave" in the body font's small capitals: the same font name, lower-case letters set wider than
    # that font's own lower case elsewhere on the page; the span ends where the small caps end
    body = [g for row in range(3) for g in _glyph_row("gewone tekst met de opgave erin", 70, 120 + 14 * row, 5.0)]
    heading = _glyph_row("De opgave", 70, 100, 6.0) + _glyph_row(" Veel seinen", 70 + 9 * 6.0 - 3.5, 100, 5.0)
    lines = build_lines(heading + body)
    assert [(s.text, s.small_caps) for s in lines[0].spans] == [("De opgave", True), ("Veel seinen", False)]
    assert not any(s.small_caps for s in lines[1].spans)


def test_small_capitals_decide_per_word_and_letters_of_one_width_prove_nothing():
    # Libertinus-like small caps: "m" and "p" narrower than their lower case, "b" within a few per cent of it,
    # "s" exactly as wide; one hard letter neither splits a small-caps word nor makes body text small caps
    widths = {"m": (8.0, 6.7), "b": (5.0, 5.1), "o": (5.0, 5.6), "p": (5.2, 4.6), "s": (4.0, 4.0)}

    def glyphs(text, top, caps):
        out, x0 = [], 70.0
        for letter in text:
            advance = 2.5 if letter == " " else widths.get(letter, (5.0, 5.6))[caps and letter.islower()]
            out.append({"text": letter, "x0": x0, "x1": x0 + advance, "top": top, "bottom": top + 10,
                        "size": 10.0, "fontname": REGULAR})
            x0 += advance
        return out

    heading = glyphs("voor het mbo", 100, True)
    body = [g for row in range(3) for g in glyphs("ons mbo bos op de som", 120 + 14 * row, False)]
    lines = build_lines(heading + body)
    assert [(s.text, s.small_caps) for s in lines[0].spans] == [("voor het mbo", True)]
    assert all([(s.text, s.small_caps) for s in line.spans] == [("ons mbo bos op de som", False)]
               for line in lines[1:])


def test_small_capitals_made_of_smaller_capitals_are_one_small_caps_span_at_the_capitals_size():
    # Word's small caps: "De opgave" set as "D" at 10 pt and "E OPGAVE" in capitals at 8 pt on its baseline
    def caps(text, x0, top):
        out = []
        for i, letter in enumerate(text):
            size = 10.0 if i == 0 else 8.0
            if letter != " ":
                out.append({"text": letter, "x0": x0, "x1": x0 + 0.6 * size, "top": top + 10 - size,
                            "bottom": top + 10, "size": size, "fontname": REGULAR})
            x0 += 0.6 * size
        return out

    heading = build_lines(caps("DE OPGAVE", 70, 100))[0]
    assert [(s.text, s.size, s.small_caps) for s in heading.spans] == [("DE OPGAVE", 10.0, True)]
    assert heading.size == 10.0
    # two heading uses make it a subheading style, and each heading its own block
    body = "Veel seinen op de woningmarkt staan op rood, zoals bekend is."
    lines = [heading, text_line(body, 114), text_line(body, 128),
             build_lines(caps("DE MAATREGELEN", 70, 160))[0], text_line(body, 174)]
    assert [(b.kind, b.text) for b in structure(lines).blocks if b.kind == model.SUBHEADING] == [
        (model.SUBHEADING, "DE OPGAVE"), (model.SUBHEADING, "DE MAATREGELEN")]
    # a raised smaller capital is a superscript, not a small capital
    raised = [char("N", 70, 100), char("A", 75, 98, size=7.0)]
    assert [s.small_caps for s in build_lines(raised)[0].spans] == [False, False]


def test_scattered_glyph_widths_are_no_small_caps_evidence():
    # an OCR text layer: every glyph has its own width, so no letter has a usual width to differ from
    chars = []
    for row in range(3):
        x0 = 70.0
        for i, letter in enumerate("aeo aeo aeo"):
            advance = 2.5 if letter == " " else 4.0 + ((i * 7 + row * 3) % 9) * 0.3
            chars.append({"text": letter, "x0": x0, "x1": x0 + advance, "top": 100 + 14 * row,
                          "bottom": 110 + 14 * row, "size": 10.0, "fontname": REGULAR})
            x0 += advance
    assert all(len(line.spans) == 1 and not line.spans[0].small_caps for line in build_lines(chars))


def test_small_capitals_are_weighed_per_word_not_per_letter():
    # many fonts set a small "m" or "p" no wider than their lower case: letter by letter, "met" and "mkb"
    # would end the heading; on average over each word, the whole line is in small caps
    plain = {"m": 8.3, "p": 5.6, "k": 5.3, "b": 5.6}
    small = {"m": 7.5, "p": 5.6, "k": 6.4, "b": 5.8}
    body = [g for row in range(3)
            for g in _glyph_row("mkb tekst met ambities en een plan per week", 70, 120 + 14 * row, 5.0, plain)]
    lines = build_lines(_glyph_row("Rem op de groei van het mkb", 70, 100, 6.2, small) + body)
    assert [(s.text, s.small_caps) for s in lines[0].spans] == [("Rem op de groei van het mkb", True)]
    assert [(s.text, s.small_caps) for s in lines[1].spans] == [("mkb tekst met ambities en een plan per week", False)]


def test_bracketed_markers_and_notes():
    notes = NoteIndex([NoteDraft(number=5, page=1, page_end=1, lines=["Zie ..."], bracket="[")])
    assert line_markers(text_line("niet kunt wonen.[5] Maar [12] blijft", 100), notes) == (
        "niet kunt wonen. Maar [12] blijft", [(16, 5)])
    zone = [line(span("[6]Plaform31, Kennisdossier", 78, 684, 8)), text_line("vernieuwing).", 696, x0=68, size=8),
            line(span("[7]Diane Stiemer, Effectief planaanbod", 78, 708, 8)), text_line("11.", 720, x0=68, size=8)]
    drafts = [NoteDraft(number=5, page=4, page_end=4, lines=["vorige"])]
    parse_notes(zone, 5, drafts)
    assert [(d.number, " ".join(d.lines)) for d in drafts[1:]] == [
        (6, "Plaform31, Kennisdossier vernieuwing)."), (7, "Diane Stiemer, Effectief planaanbod 11.")]


def test_wrapped_lines_join_with_word_breaks_only_between_lower_case_letters():
    from rbtool.layout.text import join_wrapped

    assert join_wrapped(["Analyse Rijksbe-", " groting 2020", ""]) == "Analyse Rijksbegroting 2020"
    assert join_wrapped(["COVID-", "maatregelen"]) == "COVID- maatregelen"  # an abbreviation keeps its hyphen
    assert join_wrapped(["Uitgaven niet-", "Beleidsartikel"]) == "Uitgaven niet- Beleidsartikel"


def test_a_chapter_label_over_its_title_is_one_heading_with_the_labels_number():
    """A book class sets "Hoofdstuk 1" in large bold over the chapter's title: one chapter, numbered 1, at
    the title's level, with its sections below it (debian-faq.nl: "Hoofdstuk 1" / "Definities en overzicht")."""
    lines = [text_line("Hoofdstuk 1", 145, size=20, font=BOLD), text_line("Definities en overzicht", 193, size=25, font=BOLD),
             text_line("1.1 Wat is deze FAQ?", 257, size=14, font=BOLD),
             text_line("Dit document bevat vaak gestelde vragen over de distributie.", 282)]
    result = structure(lines)
    assert [(s.number, s.title, s.level) for s in result.sections] == [
        ("1", "Definities en overzicht", 1), ("1.1", "Wat is deze FAQ?", 2)]
    # a heading that only looks like a label keeps its own line when no heading follows it
    alone = structure([text_line("Bijlage A", 145, size=20, font=BOLD), text_line("Tekst van de bijlage.", 193)])
    assert [s.title for s in alone.sections] == ["Bijlage A"]


def test_a_line_that_quotes_a_few_words_and_goes_on_unquoted_is_no_quote():
    """Quoted strings of code in an indented description (zoo.pdf: '"its", "irts" (plus a default method).
    … "list", "irts", "its" and "ts".') open and end with quotation marks, but the first mark is answered
    after one word: no quote. A quote of two paragraphs, each in its own marks, stays one."""
    code = [text_line('"its", "irts" (plus a default method). as.class.zoo coercion from "zoo" to', 100, x0=120),
            text_line('other classes, available for class in "list", "irts", "its" and "ts".', 114, x0=120)]
    assert structure(code).quotes == []
    quote = [text_line("“Het is goed dat het Rijk aandacht heeft voor woningen.”", 100, x0=100, size=9),
             text_line("“Er raken nu echt groepen in de knel.”", 114, x0=100, size=9),
             text_line("Jouke van Dijk, hoogleraar regionale economie", 128, x0=100, size=9, font=ITALIC)]
    assert len(structure(quote).quotes) == 1


def test_a_bold_dotted_heading_at_body_size_keeps_its_wrapped_second_line():
    """sandwich.pdf: "4.3. Testing and dating structural changes in the presence of" / "heteroskedasticity and
    autocorrelation", bold, a little larger than the body but not set apart by size: one heading."""
    lines = [line(span("4.3.", 70, 100, 10.5, BOLD), span("Testing and dating structural changes in the presence of",
                                                          100, 100, 10.5, BOLD)),
             text_line("heteroskedasticity and autocorrelation", 114, size=10.5, font=BOLD),
             text_line("The data are monthly observations of the series.", 132)]
    result = structure(lines)
    assert [(s.number, s.title) for s in result.sections] == [
        ("4.3", "Testing and dating structural changes in the presence of heteroskedasticity and autocorrelation")]
    assert [b.kind for b in result.blocks] == [model.HEADING, model.PARAGRAPH]


def test_a_bold_dotted_heading_with_a_word_in_the_code_face_is_a_heading():
    """zoo.pdf: '2.1. Creation of "zoo" objects', bold at about body size with "zoo" in the typewriter face
    (no bold weight): a numbered heading, not a paragraph."""
    mono = "X+Mono12-Regular"
    lines = [line(span("2.1.", 70, 100, 10.5, BOLD), span("Creation of", 95, 100, 10.5, BOLD),
                  span('"zoo"', 150, 100, 10.5, mono), span("objects", 180, 100, 10.5, BOLD)),
             text_line("The simple idea for the creation of objects is to have some vector.", 120)]
    result = structure(lines)
    assert [(s.number, s.title, s.level) for s in result.sections] == [("2.1", 'Creation of "zoo" objects', 2)]


def test_an_appendix_subsection_number_starts_its_own_heading():
    """acmart: "A RESEARCH METHODS" over "A.1 Part One": two headings, the second numbered A.1 at level 2;
    a capital alone before a title ("A Title") is no number."""
    lines = [text_line("1 INTRODUCTION", 60, size=12, font=BOLD), text_line("Lorem ipsum dolor sit amet.", 78),
             text_line("2 METHODS", 96, size=12, font=BOLD), text_line("Lorem ipsum dolor sit amet.", 114),
             text_line("A RESEARCH METHODS", 132, size=12, font=BOLD), text_line("A.1 Part One", 150, size=12, font=BOLD),
             text_line("Lorem ipsum dolor sit amet, consectetur adipiscing elit.", 168)]
    result = structure(lines)
    assert [(s.number, s.title, s.level) for s in result.sections][2:] == [
        (None, "A RESEARCH METHODS", 1), ("A.1", "Part One", 2)]


def test_a_table_row_with_a_large_sample_beside_body_size_labels_is_no_heading():
    """charis-features (a web page printed to PDF): a feature table's row "Standard | a à á â … | ss01=0" sets
    its sample cell large; the labels at body size say the row is no heading. A heading with a smaller
    note marker stays one."""
    row = line(span("Standard", 70, 100), span("a à á â ã ä å ā ă ą ǎ ǟ ǡ ǻ ȁ ȃ ȧ", 150, 97, 16),
               span("ss01=0", 420, 100))
    lines = [text_line("Het lettertype kent veel varianten voor letters.", 80), row,
             line(span("Zorg", 70, 140, 16, BOLD), span("2", 110, 138, 9, BOLD, False, 4)),
             text_line("Gewone tekst.", 170)]
    result = structure(lines, notes={2})
    assert [s.title for s in result.sections] == ["Zorg"]
