#!/usr/bin/env python3
"""Write tests/pdfs/tagged-structure.pdf and its truth: a small tagged PDF (Typst >= 0.14 writes the
structure tree) whose layout alone is ambiguous where its tags are clear, so that the tests can show what the
structure tree adds and that it is checked against the layout:

- a tight list whose markers are drawn squares (no bullet glyph, no hanging indent, no space between the
  items): geometry sees one paragraph, the tree three list items (LI);
- a block quotation set apart by its indent only (upright, body size, no quotation marks), with an
  attribution after a dash: geometry sees a paragraph, the tree a BlockQuote;
- a block quotation the tree marks but the layout does not set apart (no indent): it must stay a paragraph;
- a table of contents of two entries (too short for the layout rule of three): the tree marks them TOCI;
- a table without rules whose cells are wrapped sentences side by side: geometry reads each row of lines
  across both cells as prose, the tree says which text is which cell (TD);
- a table without rules and two footnotes, which geometry already reads.

The truth is the generator's own content (the texts below), never rbtool's output.

    pip install typst && python tests/tools/make_tagged.py
"""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PDF = ROOT / "tests" / "pdfs" / "tagged-structure.pdf"
TRUTH = ROOT / "tests" / "data" / "tagged-structure.truth.json"
PDF_TIMESTAMP = 1572566400

HEADINGS = ["Inleiding", "Gevolgen voor de regio"]
ITEMS = ["extra middelen voor het gemeentefonds, verdeeld over de komende vier jaar naar rato van het aantal "
         "inwoners",
         "een nieuw investeringsfonds voor de regio’s met een looptijd van tien jaar",
         "meer geld voor de woningbouw in de grote steden en in de krimpregio’s"]
QUOTE = ("Wij hebben eindelijk de ruimte om zelf te bepalen waar het geld het meeste oplevert voor onze inwoners "
         "en voor de bedrijven in onze gemeente.")
ATTRIBUTION = "Jan de Vries, wethouder"
UNSET_QUOTE = "Ook de provincies kijken met belangstelling naar de nieuwe afspraken over de verdeling."
TABLE = [["Post", "2020", "2021"], ["Gemeentefonds", "1.200", "1.350"], ["Regiofonds", "300", "450"]]
GLOSSARY = [["Het gemeentefonds is het fonds waaruit het Rijk de algemene uitkering aan gemeenten betaalt, "
             "naar een verdeelsleutel.",
             "Het provinciefonds is het fonds waaruit het Rijk de algemene uitkering aan provincies betaalt, ook "
             "naar een sleutel."],
            ["Een specifieke uitkering is geld met een bestemming: de gemeente moet het besteden aan het doel dat "
             "het Rijk noemt.",
             "Een decentralisatieuitkering is geld dat buiten de verdeelsleutel om naar een of enkele gemeenten "
             "gaat."]]
FOOTNOTES = ["Zie de Miljoenennota 2020, hoofdstuk 3.", "Zie ook de brief over het provinciefonds."]

SOURCE = r"""
#set page(width: 16cm, height: 22cm, margin: 2cm)
#set text(size: 10pt, lang: "nl")
#set par(justify: true)
#outline()
#pagebreak()
= {h0}
De begroting van het Rijk wordt elk jaar op Prinsjesdag gepresenteerd. In deze analyse kijken we naar de
belangrijkste maatregelen voor gemeenten en regio's, en naar wat zij betekenen voor de opgaven van de komende
jaren#footnote[{f0}]. De volgende punten springen eruit:

#set list(marker: box(width: 4pt, height: 4pt, fill: black), indent: 0pt, body-indent: 0pt, spacing: 0.65em)
- {i0}
- {i1}
- {i2}

Daarnaast is er aandacht voor de energietransitie. Het kabinet zet in op een eerlijke verdeling van de lasten
tussen burgers en bedrijven, en wil de regio's meer ruimte geven om zelf keuzes te maken.

#quote(block: true, attribution: [{attribution}])[{quote}]

De reacties uit het land waren overwegend positief. Veel gemeenten gaven aan dat de extra middelen welkom zijn,
al vragen zij zich af of het geld op tijd beschikbaar komt.

= {h1}
Tot slot gaan we in op de gevolgen voor de provincies#footnote[{f1}]. Ook daar zijn de verwachtingen hoog
gespannen, al is er zorg over de uitvoering van de plannen in de komende jaren.

#show quote.where(block: true): it => block(it.body)
#quote(block: true)[{unset}]

De bedragen per post staan in de tabel hieronder, in miljoenen euro's.

#table(columns: 3, stroke: none, {cells})

Het kabinet verwacht dat de regio's de middelen binnen vier jaar besteden. Hieronder staan de begrippen die
we gebruiken.

#table(columns: (1fr, 1fr), stroke: none, column-gutter: 1.5em, {glossary})

Met deze begrippen is de rest van de analyse te lezen.
"""


def main() -> None:
    import typst

    cells = ", ".join(f"[{cell}]" for row in TABLE for cell in row)
    glossary = ", ".join(f"[{cell}]" for row in GLOSSARY for cell in row)
    source = SOURCE.replace("{cells}", cells).replace("{glossary}", glossary)
    for key, value in {"h0": HEADINGS[0], "h1": HEADINGS[1], "f0": FOOTNOTES[0], "f1": FOOTNOTES[1],
                       "i0": ITEMS[0], "i1": ITEMS[1], "i2": ITEMS[2], "quote": QUOTE,
                       "attribution": ATTRIBUTION, "unset": UNSET_QUOTE}.items():
        source = source.replace("{" + key + "}", value)
    with tempfile.TemporaryDirectory() as tmp:
        typ = Path(tmp) / "tagged.typ"
        typ.write_text(source, encoding="utf-8")
        PDF.write_bytes(typst.compile(str(typ), ignore_system_fonts=True, timestamp=PDF_TIMESTAMP))
    TRUTH.write_text(json.dumps({
        "typst": typst.__version__, "headings": HEADINGS, "contents": HEADINGS, "list_items": ITEMS,
        "quote": {"text": QUOTE, "attribution": ATTRIBUTION}, "unset_quote": UNSET_QUOTE, "table": TABLE,
        "glossary": GLOSSARY,
        "footnotes": FOOTNOTES}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {PDF.relative_to(ROOT)} ({PDF.stat().st_size} bytes) and {TRUTH.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
