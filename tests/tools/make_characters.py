#!/usr/bin/env python3
"""Write tests/pdfs/characters-turned-ligatures.pdf: pages whose text runs 0, 90, 270 and 180 degrees, a page
with a /Rotate entry, and a page whose ligatures have no usable Unicode map.

The PDF is written by hand (no typesetter needed; standard Helvetica, so any reader shows it):
- page 1 upright; pages 2-4 the same kind of text drawn with a turned text matrix (a landscape table page
  rotated into a portrait document); page 5 upright text on a page with /Rotate 90;
- page 6: "fi" drawn with a code whose ToUnicode entry points into the private-use area (U+E01E), "ft" with a
  code that has no Unicode map at all (read as "(cid:1)"), and one PUA glyph (U+E01F) in a word the rest of
  the document never writes out, so it cannot be recovered.

    python tests/tools/make_characters.py
"""
from __future__ import annotations

from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "pdfs" / "characters-turned-ligatures.pdf"
WIDTH, HEIGHT = 595, 842
SIZE, PITCH = 10, 13

TURNED = {
    1: (0, ["Gedraaide pagina's", "Deze pagina staat rechtop. De tekst loopt van links naar rechts en",
            "van boven naar beneden, zoals in elk gewoon document."]),
    2: (90, ["Tabel zonder plaats", "Deze tekst loopt omhoog langs de pagina. Een lezer draait het blad",
             "een kwartslag om de regels te lezen; rbtool doet dat ook."]),
    3: (270, ["Tabel naar beneden", "Deze tekst loopt omlaag langs de pagina. Ook hier draait het blad",
              "een kwartslag, maar de andere kant op."]),
    4: (180, ["Op zijn kop", "Deze tekst staat op zijn kop. Wie het blad omdraait, leest hem",
              "gewoon van links naar rechts."]),
}
ROTATE_PAGE = ["Liggende pagina", "Deze pagina heeft een Rotate-ingang van negentig graden; de tekst zelf",
               "staat rechtop in het blad."]
# "\x01" = ft without any Unicode map, "\xa1" = fi mapped to U+E01E, "\xa2" = a glyph mapped to U+E01F
LIGATURES = ["Ligaturen", "Het kabinet hee\x01 de \xa1nanciering van het ge\xa1nancierde",
             "programma vastgesteld. Het kabinet heeft ook de financiering geregeld en de officiele",
             "stukken staan online. Alleen het woord kwa\xa2ig komt nergens voluit voor."]


def _escape(text: str) -> bytes:
    out = bytearray()
    for ch in text:
        code = ord(ch)
        if ch in "()\\":
            out += b"\\" + ch.encode()
        elif code < 32 or code > 126:
            out += b"\\%03o" % code
        else:
            out += ch.encode("latin-1")
    return bytes(out)


def _matrix(turn: int, u: float, v: float) -> tuple[int, int, int, int, float, float]:
    """Text matrix placing frame point (u along the text, v up from its foot) on the page."""
    if turn == 90:
        return 0, 1, -1, 0, WIDTH - v, u
    if turn == 270:
        return 0, -1, 1, 0, v, HEIGHT - u
    if turn == 180:
        return -1, 0, 0, -1, WIDTH - u, HEIGHT - v
    return 1, 0, 0, 1, u, v


def _content(turn: int, lines: list[str], font: str = "F1") -> bytes:
    frame_height = WIDTH if turn in (90, 270) else HEIGHT
    out = [b"BT"]
    for i, text in enumerate(lines):
        size = 16 if i == 0 else SIZE
        a, b, c, d, e, f = _matrix(turn, 72, frame_height - 90 - i * PITCH - (10 if i else 0))
        out.append(b"/%s %d Tf %d %d %d %d %.1f %.1f Tm (%s) Tj" % (font.encode(), size, a, b, c, d, e, f,
                                                                     _escape(text)))
    out.append(b"ET")
    return b"\n".join(out)


def build() -> bytes:
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Lig def\n"
            b"1 begincodespacerange <00> <FF> endcodespacerange\n"
            b"2 beginbfchar <A1> <E01E> <A2> <E01F> endbfchar\n"
            b"95 beginbfrange <20> <7E> <0020> endbfrange\n"
            b"endcmap CMapName currentdict /CMap defineresource pop end end")
    to_unicode = add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(cmap), cmap))
    ligature_font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Differences "
                        b"[1 /.notdef 161 /.notdef /.notdef] >> /ToUnicode %d 0 R >>" % to_unicode)
    pages_id = len(objects) + 1
    add(b"")  # the page tree, filled in below
    kids = []
    specs = [(turn, lines, b"") for turn, lines in TURNED.values()]
    specs.append((0, ROTATE_PAGE, b" /Rotate 90"))
    specs.append((0, LIGATURES, b""))
    for turn, lines, extra in specs:
        stream = _content(turn, lines, "F2" if lines is LIGATURES else "F1")
        content = add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R /Resources "
                        b"<< /Font << /F1 %d 0 R /F2 %d 0 R >> >>%s >>"
                        % (pages_id, WIDTH, HEIGHT, content, font, ligature_font, extra)))
    objects[pages_id - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref)
    return bytes(out)


if __name__ == "__main__":
    OUT.write_bytes(build())
    print(OUT)
