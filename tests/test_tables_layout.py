"""layout.tables on hand-made lines and rules: each strategy's evidence on its own."""
from __future__ import annotations

from rbtool.layout.tables import ALIGNED, RULED, continues, find_tables
from rbtool.pdf import Line, Rect, Span

SIZE, PITCH = 9.0, 11.0


def line(top: float, *cells: tuple[str, float], bold: bool = False) -> Line:
    """A line of cells, each (text, x0) set 5 points a character."""
    spans, previous = [], None
    for text, x0 in cells:
        x1 = x0 + 5 * len(text)
        spans.append(Span(text, x0, x1, top, top + SIZE, SIZE, "Helvetica-Bold" if bold else "Helvetica",
                          space_before=previous is not None))
        previous = x1
    return Line(tuple(spans), spans[0].x0, spans[-1].x1, top, top + SIZE, SIZE,
                "Helvetica-Bold" if bold else "Helvetica", bold, False, page=1)


def figures(top: float, label: str, *values: str) -> Line:
    """A row: its label at 50, its figures right-aligned on 300, 360, 420."""
    return line(top, (label, 50), *((v, 300 + 60 * k - 5 * len(v)) for k, v in enumerate(values)))


def budget(top: float = 100.0, squeezed: bool = False) -> list[Line]:
    rows = [line(top, ("Tabel 1 Uitgaven (bedragen x € 1.000)", 50), bold=True),
            line(top + 15, ("2020", 280), ("2021", 340), ("2022", 400)),
            figures(top + 26, "Verplichtingen", "1.234", "– 56", "PM"),
            figures(top + 37, "Uitgaven", "2.345", "–", "12.000")]
    if squeezed:  # two figures where the first column has room for one
        rows.append(line(top + 48, ("Ontvangsten", 50), ("12", 262), ("345", 285), ("8", 355), ("9", 415)))
    return rows


def test_aligned_figures_make_a_table_with_caption_unit_and_header():
    [table] = find_tables(budget(), [], SIZE, PITCH, page=1)
    assert table.strategy == ALIGNED and table.caption == "Tabel 1 Uitgaven (bedragen x € 1.000)"
    assert table.unit == 1000 and table.columns == ["", "2020", "2021", "2022"]
    assert table.rows == [["Verplichtingen", "1.234", "– 56", "PM"], ["Uitgaven", "2.345", "–", "12.000"]]
    assert len(table.lines) == 4 and table.doubts == []


def test_a_table_that_cannot_be_read_cleanly_says_why():
    [table] = find_tables(budget(squeezed=True), [], SIZE, PITCH, page=1)
    assert table.doubts == ["two figures in one column"]


def test_a_contents_page_is_not_a_table():
    lines = [line(100 + 14 * k, (f"{k + 1}", 50), (f"Hoofdstuk {k + 1}", 70), (str(3 + 4 * k), 420))
             for k in range(8)]
    assert find_tables(lines, [], SIZE, PITCH, page=1) == []


def test_prose_lines_are_not_a_table():
    lines = [line(100 + 11 * k, ("De begroting laat zien hoe de middelen over de artikelen gaan", 50))
             for k in range(6)]
    assert find_tables(lines, [], SIZE, PITCH, page=1) == []


def test_a_grid_of_rules_is_read_cell_by_cell():
    lines = [line(104, ("Naam", 55), ("Rol", 205), bold=True),
             line(124, ("Ministerie van", 55), ("Verwerker", 205)),
             line(135, ("Financiën", 55)),
             line(154, ("SSC-ICT", 55), ("Verwerker", 205))]
    rules = [Rect(50, y, 350, y + 0.5) for y in (100, 118, 148, 170)] + \
            [Rect(x, 100, x + 0.5, 170) for x in (50, 200, 350)]
    [table] = find_tables(lines, rules, SIZE, PITCH, page=1)
    assert table.strategy == RULED and table.columns == ["Naam", "Rol"]
    assert table.rows == [["Ministerie van Financiën", "Verwerker"], ["SSC-ICT", "Verwerker"]]


def test_a_frame_without_inner_rules_is_not_a_table():
    lines = [line(110, ("Kader: de begroting in het kort", 60)), line(121, ("Meer geld voor wonen", 60))]
    frame = [Rect(50, 100, 350, 100.5), Rect(50, 140, 350, 140.5), Rect(50, 100, 50.5, 140), Rect(350, 100, 350.5, 140)]
    assert find_tables(lines, frame, SIZE, PITCH, page=1) == []


def test_a_continuation_needs_the_same_columns_and_a_repeated_header_or_vervolg():
    [first] = find_tables(budget(), [], SIZE, PITCH, page=1)
    [again] = find_tables(budget(), [], SIZE, PITCH, page=2)
    assert continues(first, again)
    again.caption = "Tabel 2 Ontvangsten (bedragen x € 1.000)"
    assert not continues(first, again)
    again.caption = "Tabel 1 Uitgaven (vervolg)"
    assert continues(first, again)
    again.columns = again.columns[:-1]
    assert not continues(first, again)
