#!/usr/bin/env python3
"""Derive a PDF whose pages carry text rotated by 90°, 180° and 270° from a real Kamervragen document.

    pip install pikepdf && python tests/tools/make_rotated.py

tests/pdfs/kamervragen-vws-2023-2024.pdf (6 pages) → tests/pdfs/kamervragen-vws-2023-2024-rotated.pdf: the
content of page 2 is turned by 90°, page 3 by 180° and page 4 by 270° inside the page (a transformation
before the content, the media box turned with it), as a scanner or a landscape insert leaves them; the
page's /Rotate stays 0, so a reader sees the text on its side and an extractor gets sideways characters.
The other pages are unchanged. Development tool (pikepdf is not a dependency of rbtool).
"""
from __future__ import annotations

from pathlib import Path

import pikepdf

PDFS = Path(__file__).resolve().parents[1] / "pdfs"
SOURCE = PDFS / "kamervragen-vws-2023-2024.pdf"
TARGET = PDFS / "kamervragen-vws-2023-2024-rotated.pdf"
TURNS = {2: 90, 3: 180, 4: 270}  # page number → degrees counter-clockwise


def turn(pdf: pikepdf.Pdf, page: pikepdf.Page, degrees: int) -> None:
    x0, y0, x1, y1 = (float(v) for v in page.mediabox)
    w, h = x1 - x0, y1 - y0
    matrix = {90: (0, 1, -1, 0, h, 0), 180: (-1, 0, 0, -1, w, h), 270: (0, -1, 1, 0, 0, w)}[degrees]
    page.contents_coalesce()
    prefix = b"q %s %s %s %s %s %s cm 1 0 0 1 %s %s cm\n" % (*(b"%g" % v for v in matrix), b"%g" % -x0, b"%g" % -y0)
    page.Contents.write(prefix + page.Contents.read_bytes() + b"\nQ")
    page.mediabox = [0, 0, h, w] if degrees in (90, 270) else [0, 0, w, h]
    if "/CropBox" in page.obj:
        del page.obj["/CropBox"]


def main() -> None:
    with pikepdf.open(SOURCE) as pdf:
        for number, degrees in TURNS.items():
            turn(pdf, pdf.pages[number - 1], degrees)
        pdf.save(TARGET, deterministic_id=True)
    print(f"{TARGET.name}: pages {', '.join(f'{n} turned {d}°' for n, d in TURNS.items())}")


if __name__ == "__main__":
    main()
