#!/usr/bin/env python3
"""Typeset the table test set: one small PDF per table trait and per look-alike, with exact truth.

Every table is drawn from a spec (header rows with spans, body rows, style), and the truth is computed from
the same spec — columns joined top-down with " / ", wrapped labels joined with a space, cells as printed — so
the truth cannot drift from the PDF. Look-alikes (a contents page, two-column prose, lists with amounts) have
an empty truth: any table found there is invented.

    tests/pdfs/tables/<case>.pdf          (output)
    tests/data/tables/<case>.truth.json   (output: {"trait", "lookalike", "tables": [contract fields]})

Re-run (a development tool; reportlab is not a dependency of rbtool, the PDFs are committed):

    pip install reportlab && python tests/tools/make_tables.py
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

TESTS = Path(__file__).resolve().parents[1]
PDFS = TESTS / "pdfs" / "tables"
TRUTH = TESTS / "data" / "tables"

# The typesetting; `use_style` switches it (every case is made in every style).
BODY, PITCH = 10.0, 13.5
CELL, ROW = 8.5, 14.0
FONT, FONT_BOLD = "Helvetica", "Helvetica-Bold"
HEAD_ALIGN = "right"  # single-column heads: right-aligned over their figures, or centred in their cell
LEFT = 70.0
STYLES = {
    "": dict(BODY=10.0, PITCH=13.5, CELL=8.5, ROW=14.0, FONT="Helvetica", FONT_BOLD="Helvetica-Bold",
             HEAD_ALIGN="right", LEFT=70.0),
    "-serif": dict(BODY=11.0, PITCH=14.0, CELL=9.0, ROW=12.0, FONT="Times-Roman", FONT_BOLD="Times-Bold",
                   HEAD_ALIGN="centre", LEFT=60.0),
}


def use_style(name: str) -> None:
    globals().update(STYLES[name])

PROSE = ("De begroting van het ministerie laat zien hoe de middelen over de artikelen worden verdeeld. "
         "In de tabel hieronder staan de budgettaire gevolgen van het beleid voor de komende jaren, met de "
         "stand van de ontwerpbegroting en de mutaties die sindsdien zijn verwerkt. De toelichting volgt na "
         "de tabel en gaat in op de grootste verschillen tussen de jaren en de oorzaken daarvan.")
NOTE_MARKS = "⁰¹²³⁴⁵⁶⁷⁸⁹"


@dataclass
class Spec:
    caption: str | None
    header: list[list[tuple[str, int]]]  # rows of (text, columns spanned); "" for an empty head
    rows: list[list[str]]  # body rows; a label with "\n" wraps; a leading "  " indents a sub-row
    widths: list[float]
    style: str = "none"  # grid | hrules | topbottom | zebra | none
    caption_below: bool = False
    unit: int | None = None
    bold_rows: set[int] = field(default_factory=set)
    notes: dict[tuple[int, int], int] = field(default_factory=dict)  # (row, col) -> footnote number


def truth_of(spec: Spec, page: int, page_end: int | None = None, rows=None) -> dict:
    width = len(spec.widths)
    labels: list[list[str]] = [[] for _ in range(width)]
    for header_row in spec.header:
        col = 0
        for text, span in header_row:
            for k in range(col, col + span):
                if text:
                    labels[k].append(text.replace("\n", " "))
            col += span
    body = []
    for r, row in enumerate(rows if rows is not None else spec.rows):
        cells = [" ".join(part.strip() for part in cell.split("\n")).strip() for cell in row]
        for (nr, nc), number in spec.notes.items():
            if nr == r:
                cells[nc] += NOTE_MARKS[number]
        body.append(cells)
    return {"page": page, "page_end": page_end or page, "caption": spec.caption, "unit": spec.unit,
            "columns": [" / ".join(parts) for parts in labels], "rows": body}


class Doc:
    def __init__(self, path: Path, size=A4, turned: str | None = None):
        """`turned`: None for an upright page; "content" for a landscape table turned to fit a portrait page
        (its text runs up the page); "viewer" for the same with /Rotate, so viewers show it upright."""
        self.canvas = Canvas(str(path), pagesize=size)
        self.width, self.height = size
        self.turned = turned
        if turned:
            self.width, self.height = size[1], size[0]  # draw in the landscape frame
        self.page = 1
        self.y = 70.0  # distance from the top
        self.notes: list[tuple[int, str]] = []
        self._start_page()

    def _start_page(self):
        if self.turned:
            self.canvas.translate(self.height, 0)  # landscape (x, y) → portrait (height - y, x)
            self.canvas.rotate(90)
            if self.turned == "viewer":
                self.canvas.setPageRotation(270)

    def top(self, y: float) -> float:
        return self.height - y

    def text(self, x: float, y: float, text: str, size=None, bold=False, right=False, centre=False):
        self.canvas.setFont(FONT_BOLD if bold else FONT, size or BODY)
        if centre:
            self.canvas.drawCentredString(x, self.top(y), text)
            return
        if right:
            self.canvas.drawRightString(x, self.top(y), text)
        else:
            self.canvas.drawString(x, self.top(y), text)

    def prose(self, text: str = PROSE, width: float | None = None, x: float | None = None):
        x = LEFT if x is None else x
        width = width or self.width - 2 * LEFT
        words, line = text.split(), ""
        for word in words:
            trial = f"{line} {word}".strip()
            if self.canvas.stringWidth(trial, FONT, BODY) > width and line:
                self.text(x, self.y, line)
                self.y += PITCH
                line = word
            else:
                line = trial
        if line:
            self.text(x, self.y, line)
            self.y += PITCH
        self.y += PITCH * 0.8

    def heading(self, text: str):
        self.text(LEFT, self.y, text, size=13, bold=True)
        self.y += PITCH * 1.8

    def new_page(self):
        self.footer()
        self.canvas.showPage()
        self.page += 1
        self.y = 70.0
        self._start_page()

    def footer(self):
        y = self.height - 60
        for number, text in self.notes:
            self.text(LEFT, y - 12 * (len(self.notes) - number + 1) + 12, f"{number}  {text}", size=7.5)
        self.notes = []

    def save(self):
        self.footer()
        self.canvas.save()

    # ---------------------------------------------------------------------------------------- tables
    def caption(self, text: str):
        self.text(LEFT, self.y, text, size=9, bold=True)
        self.y += PITCH * 1.2

    def table(self, spec: Spec, x: float | None = None, rows=None, header=True, caption=None) -> float:
        """Draw the table at the cursor; return its bottom. `rows` overrides the body (for a continuation)."""
        x = LEFT if x is None else x
        caption = spec.caption if caption is None else caption
        rows = spec.rows if rows is None else rows
        if caption and not spec.caption_below:
            self.text(x, self.y, caption, size=9, bold=True)
            self.y += PITCH * 1.3
        edges = [x]
        for w in spec.widths:
            edges.append(edges[-1] + w)
        top = self.y - CELL - 3
        y = self.y
        c = self.canvas
        c.setLineWidth(0.5)
        if header:
            for header_row in spec.header:
                col = 0
                lines = max(t.count("\n") + 1 for t, _ in header_row)
                for text, span in header_row:
                    for n, part in enumerate(text.split("\n")):
                        if col == 0:
                            self.text(edges[0] + 3, y + n * (CELL + 2), part, size=CELL, bold=True)
                        elif span > 1:  # a spanning head stands centred over its columns
                            self.text((edges[col] + edges[col + span]) / 2, y + n * (CELL + 2), part, size=CELL,
                                      bold=True, centre=True)
                        elif HEAD_ALIGN == "centre":
                            self.text((edges[col] + edges[col + 1]) / 2, y + n * (CELL + 2), part, size=CELL,
                                      bold=True, centre=True)
                        else:
                            self.text(edges[col + span] - 3, y + n * (CELL + 2), part, size=CELL, bold=True, right=True)
                    col += span
                y += ROW + (lines - 1) * (CELL + 2)
            if spec.style in ("grid", "hrules", "topbottom"):
                c.line(edges[0], self.top(y - CELL - 2), edges[-1], self.top(y - CELL - 2))
        for r, row in enumerate(rows):
            lines = max(cell.count("\n") + 1 for cell in row)
            band_top, band_bottom = y - CELL - 3, y + (lines - 1) * (CELL + 2) + 4
            if spec.style == "zebra" and r % 2 == 0:
                c.setFillColorRGB(0.88, 0.93, 0.97)
                c.rect(edges[0], self.top(band_bottom), edges[-1] - edges[0], band_bottom - band_top, stroke=0, fill=1)
                c.setFillColorRGB(0, 0, 0)
            bold = r in spec.bold_rows
            for col, cell in enumerate(row):
                for n, part in enumerate(cell.split("\n")):
                    line_y = y + n * (CELL + 2)
                    if col == 0:
                        indent = 10 if part.startswith("  ") else 0
                        self.text(edges[0] + 3 + indent, line_y, part.strip(), size=CELL, bold=bold)
                    else:
                        right = edges[col + 1] - 3
                        number = spec.notes.get((r, col))
                        if number:
                            c.setFont(FONT, 5.5)
                            c.drawString(right - 3, self.top(line_y - 3.5), str(number))
                            right -= 3.5
                        self.text(right, line_y, part, size=CELL, bold=bold, right=True)
            y += ROW + (lines - 1) * (CELL + 2)
            if spec.style in ("grid", "hrules") and r < len(rows) - 1:
                c.line(edges[0], self.top(y - CELL - 2), edges[-1], self.top(y - CELL - 2))
        bottom = y - CELL - 2
        if spec.style in ("grid", "hrules", "topbottom"):
            c.line(edges[0], self.top(top), edges[-1], self.top(top))
            c.line(edges[0], self.top(bottom), edges[-1], self.top(bottom))
        if spec.style == "grid":
            for e in edges:
                c.line(e, self.top(top), e, self.top(bottom))
        self.y = y + 4
        if caption and spec.caption_below:
            self.text(x, self.y, caption, size=9, bold=True)
            self.y += PITCH
        self.y += PITCH
        return bottom


YEARS = ["2019", "2020", "2021", "2022", "2023"]


def budget_rows(n=5, seed=1):
    labels = ["Verplichtingen", "Uitgaven", "Programma-uitgaven", "Apparaatsuitgaven", "Ontvangsten",
              "Bijdrage aan agentschappen", "Subsidies", "Opdrachten"]
    rows = []
    for i in range(n):
        rows.append([labels[i % len(labels)]] + [f"{(seed * 7919 + i * 104729 + k * 1299709) % 90000 + 1000:,}".replace(",", ".")
                                                 for k in range(5)])
    return rows


def year_header():
    return [[("", 1)] + [(y, 1) for y in YEARS]]


def make(case: str, trait: str, build, lookalike=False, size=A4, turned=None):
    PDFS.mkdir(parents=True, exist_ok=True)
    TRUTH.mkdir(parents=True, exist_ok=True)
    doc = Doc(PDFS / f"{case}.pdf", size, turned)
    tables = build(doc)
    doc.save()
    (TRUTH / f"{case}.truth.json").write_text(json.dumps(
        {"trait": trait, "lookalike": lookalike, "tables": tables}, ensure_ascii=False, indent=1) + "\n",
        encoding="utf-8")


def widths(first=170.0, n=5, w=56.0):
    return [first] + [w] * n


def simple(style, caption="Tabel 1 Budgettaire gevolgen van beleid artikel 1 (bedragen x € 1.000)", unit=1000,
           below=False, seed=1):
    def build(doc: Doc):
        doc.heading("1 Openbaar bestuur")
        doc.prose()
        spec = Spec(caption, year_header(), budget_rows(5, seed), widths(), style=style, caption_below=below,
                    unit=unit)
        doc.table(spec)
        doc.prose()
        return [truth_of(spec, doc.page)]
    return build


def multi_header(doc: Doc):
    doc.heading("2 Kerncijfers")
    doc.prose()
    spec = Spec("Tabel 2 Ontwikkeling uitgaven (x € mln)",
                [[("", 1), ("Realisatie", 2), ("Ontwerpbegroting 2020", 3)],
                 [("", 1), ("2017", 1), ("2018", 1), ("2019", 1), ("2020", 1), ("2021", 1)]],
                budget_rows(4, 3), widths(), style="topbottom", unit=10**6)
    doc.table(spec)
    doc.prose()
    return [truth_of(spec, doc.page)]


def wrapped(doc: Doc):
    doc.heading("3 Wonen")
    doc.prose()
    rows = [["Bijdrage aan medeoverheden\nvoor woningbouwimpuls", "120.000", "150.000", "150.000", "90.000", "–"],
            ["  waarvan juridisch verplicht", "110.000", "100.000", "60.000", "–", "–"],
            ["Huurtoeslag", "4.120.500", "4.230.900", "4.310.200", "4.402.000", "4.515.600"],
            ["Opdrachten en onderzoek naar\nde woningmarkt in krimpregio's", "12.400", "11.900", "11.900", "10.000", "9.000"],
            ["Totaal", "4.362.900", "4.492.800", "4.532.100", "4.502.000", "4.524.600"]]
    spec = Spec("Tabel 3 Budgettaire gevolgen van beleid artikel 3 (bedragen x € 1.000)", year_header(), rows,
                widths(), style="hrules", unit=1000, bold_rows={4})
    doc.table(spec)
    doc.prose()
    return [truth_of(spec, doc.page)]


def odd_cells(doc: Doc):
    doc.heading("4 Mutaties")
    doc.prose()
    rows = [["Stand ontwerpbegroting", "28.287", "28.288", "PM", "28.288", "28.288"],
            ["Mutatie nota van wijziging", "–", "– 1.234", "-1.234", "", "–"],
            ["Loonbijstelling", "626", "4.512", "626", "626", "626"],
            ["Stand begroting", "28.913", "31.566", "PM", "28.914", "28.914"]]
    spec = Spec("Tabel 4 Mutaties sinds de ontwerpbegroting (bedragen x € 1.000)", year_header(), rows, widths(),
                style="none", unit=1000, notes={(2, 2): 1})
    doc.notes.append((1, "Inclusief de loon- en prijsbijstelling van het lopende jaar."))
    doc.table(spec)
    doc.prose()
    spec2 = Spec("Tabel 5 Aandeel in de totale uitgaven (in %)", year_header(),
                 [["Openbaar bestuur", "12,5%", "12,0%", "11,8%", "11,5%", "11,2%"],
                  ["Wonen", "-0,4%", "0,0%", "0,4%", "0,9%", "1,1%"],
                  ["Overig", "88,0%", "88,1%", "87,7%", "87,5%", "87,6%"]], widths(), style="none", unit=None)
    doc.table(spec2)
    doc.prose()
    return [truth_of(spec, doc.page), truth_of(spec2, doc.page)]


def continued(doc: Doc):
    doc.heading("5 Subsidies")
    for _ in range(5):
        doc.prose()
    rows = budget_rows(8, 5) + [[f"Regeling {k}"] + budget_rows(1, 10 + k)[0][1:] for k in range(1, 9)]
    spec = Spec("Tabel 6 Subsidieregelingen (bedragen x € 1.000)", year_header(), rows, widths(), style="hrules",
                unit=1000)
    first, rest = rows[:10], rows[10:]
    doc.table(spec, rows=first)
    page = doc.page
    doc.new_page()
    doc.table(spec, rows=rest, caption="Tabel 6 Subsidieregelingen (vervolg)")
    doc.prose()
    return [truth_of(spec, page, doc.page)]


def side_by_side(doc: Doc):
    doc.heading("6 Twee overzichten")
    doc.prose()
    left = Spec("Tabel 7 Uitgaven (x € mln)", [[("", 1), ("2020", 1), ("2021", 1)]],
                [["Onderwijs", "1.200", "1.250"], ["Zorg", "3.400", "3.510"], ["Veiligheid", "800", "820"]],
                [100, 50, 50], style="topbottom", unit=10**6)
    right = Spec("Tabel 8 Ontvangsten (x € mln)", [[("", 1), ("2020", 1), ("2021", 1)]],
                 [["Belastingen", "5.100", "5.300"], ["Premies", "2.200", "2.260"], ["Overig", "300", "310"]],
                 [100, 50, 50], style="topbottom", unit=10**6)
    y = doc.y
    doc.table(left, x=LEFT)
    doc.y = y
    doc.table(right, x=LEFT + 245)
    doc.prose()
    return [truth_of(left, doc.page), truth_of(right, doc.page)]


def landscape_page(doc: Doc):
    doc.heading("7 Meerjarenraming")
    doc.prose()
    years = [str(y) for y in range(2016, 2026)]
    rows = [[label] + [f"{(i * 3571 + k * 7907) % 9000 + 100:,}".replace(",", ".") for k in range(10)]
            for i, label in enumerate(["Uitgaven", "Ontvangsten", "Verplichtingen", "Apparaat"])]
    spec = Spec("Tabel 9 Meerjarenraming (bedragen x € 1 mln)", [[("", 1)] + [(y, 1) for y in years]], rows,
                [150] + [52] * 10, style="zebra", unit=10**6)
    doc.table(spec)
    doc.prose()
    return [truth_of(spec, doc.page)]


def unit_cell(doc: Doc):
    doc.heading("8 Miljoenennota")
    doc.prose()
    spec = Spec("Tabel 10 Kerncijfers rijksbegroting (in miljarden euro)", year_header(),
                [["Uitgaven", "312,4", "319,8", "330,1", "338,0", "345,2"],
                 ["Inkomsten", "305,0", "311,2", "321,9", "329,4", "336,8"],
                 ["Saldo", "-7,4", "-8,6", "-8,2", "-8,6", "-8,4"]], widths(), style="grid", unit=10**9)
    doc.table(spec)
    doc.prose()
    spec2 = Spec("Overzicht 11 Fondsen", [[("x € 1 mln", 1)] + [(y, 1) for y in YEARS]],
                 [["Gemeentefonds", "31.200", "32.100", "33.000", "33.900", "34.800"],
                  ["Provinciefonds", "1.700", "1.750", "1.800", "1.850", "1.900"]], widths(), style="hrules",
                 unit=10**6)
    doc.table(spec2)
    doc.prose()
    t2 = truth_of(spec2, doc.page)
    return [truth_of(spec, doc.page), t2]


def bar_chart(doc: Doc):
    doc.heading("Resultaten van de enquête")
    doc.prose()
    doc.caption("Figuur 1 Aandeel van de antwoorden")
    axis = LEFT + 200
    for label, share in [("Zeer belangrijk", 62), ("Belangrijk", 26), ("Neutraal", 9), ("Onbelangrijk", 2),
                         ("Geen mening", 1)]:
        doc.text(axis - 8, doc.y, label, size=CELL, right=True)
        doc.canvas.setFillColorRGB(0.2, 0.4, 0.7)
        doc.canvas.rect(axis, doc.top(doc.y + 3), share * 3.5, 12, stroke=0, fill=1)
        doc.canvas.setFillColorRGB(0, 0, 0)
        doc.text(axis + share * 3.5 + 4, doc.y, f"{share}%", size=CELL)
        doc.y += ROW * 1.5
    doc.text(axis, doc.y, "0%", size=CELL)
    for k in range(1, 8):
        doc.text(axis + k * 35 - 8, doc.y, f"{k * 10}%", size=CELL)
    doc.y += PITCH * 2
    doc.prose()
    return []


def contents(doc: Doc):
    doc.heading("Inhoud")
    entries = [("1", "Inleiding", 3), ("2", "Openbaar bestuur", 5), ("2.1", "Gemeenten en provincies", 6),
               ("2.2", "Democratie", 9), ("3", "Wonen en ruimte", 12), ("3.1", "Woningmarkt", 14),
               ("4", "Financiën", 21), ("5", "Bijlagen", 27)]
    for number, title, page in entries:
        doc.text(LEFT, doc.y, number)
        doc.text(LEFT + 30, doc.y, title)
        doc.text(doc.width - LEFT, doc.y, str(page), right=True)
        doc.y += PITCH * 1.4
    doc.new_page()
    doc.prose()
    return []


def two_columns(doc: Doc):
    doc.heading("Twee kolommen")
    width = (doc.width - 2 * LEFT - 20) / 2
    y = doc.y
    text = PROSE + " In 2020 gaat het om 1.250 miljoen euro, in 2021 om 1.310 miljoen euro en daarna 1.400."
    for _ in range(3):
        doc.prose(text, width=width)
    doc.y = y
    for _ in range(3):
        doc.prose(text, width=width, x=LEFT + width + 20)
    return []


def amounts_list(doc: Doc):
    doc.heading("Maatregelen")
    doc.prose()
    for line in ["• Extra middelen voor jeugdzorg: € 300 miljoen in 2020 en 2021.",
                 "• Investering in woningbouw van 1 miljard euro tot 2023.",
                 "• Verlaging van de verhuurderheffing met 100 miljoen per jaar.",
                 "• Impuls voor de regio's: 950 miljoen, waarvan 2020: 200."]:
        doc.text(LEFT, doc.y, line)
        doc.y += PITCH
    doc.y += PITCH
    for label, amount in [("Jeugdzorg", "€ 300 mln"), ("Woningbouw", "€ 1 mld"), ("Verhuurderheffing", "€ 100 mln")]:
        doc.text(LEFT + 10, doc.y, "– " + label)
        doc.text(LEFT + 250, doc.y, amount)
        doc.y += PITCH
    doc.y += PITCH
    doc.prose()
    return []


CASES = [
    ("ruled-grid", "ruled", simple("grid")),
    ("ruled-horizontal", "partly ruled", simple("hrules", seed=2)),
    ("ruled-top-bottom", "partly ruled", simple("topbottom", caption="Tabel 1 Apparaatsuitgaven (bedragen x € 1.000)",
                                                 below=True, seed=3)),
    ("ruleless", "rule-less", simple("none", seed=4)),
    ("zebra", "zebra", simple("zebra", caption="Tabel 1 Uitgaven per artikel (x € mln)", unit=10**6, seed=5)),
    ("multi-header", "spanning header", multi_header),
    ("wrapped-subrows-totals", "wrapped labels, sub-rows, totals", wrapped),
    ("odd-cells", "empty, –, PM, negative, %, note markers", odd_cells),
    ("continued", "continued on next page", continued),
    ("side-by-side", "side by side", side_by_side),
    ("units", "units", unit_cell),
]
LOOKALIKES = [
    ("lookalike-contents", "look-alike: contents page", contents),
    ("lookalike-two-columns", "look-alike: two-column prose", two_columns),
    ("lookalike-amounts-list", "look-alike: list with amounts", amounts_list),
    ("lookalike-bar-chart", "look-alike: bar chart with value labels", bar_chart),
]


def main() -> None:
    for style in STYLES:
        use_style(style)
        for case, trait, build in CASES:
            make(case + style, trait, build)
        make("landscape" + style, "landscape", landscape_page, size=landscape(A4))
        make("landscape-turned" + style, "landscape", landscape_page, turned="content")
        make("landscape-rotate" + style, "landscape", landscape_page, turned="viewer")
        for case, trait, build in LOOKALIKES:
            make(case + style, trait, build, lookalike=True)
    print(f"wrote {len(STYLES) * (len(CASES) + 3 + len(LOOKALIKES))} cases to {PDFS.relative_to(TESTS.parent)}")


if __name__ == "__main__":
    main()
