"""Hostile PDFs written byte by byte (no PDF library needed): each one is small on disk and costly to read.

`pdf_bytes` writes a valid PDF 1.4 file (catalog, page tree, Helvetica, one content stream per page, a correct
cross-reference table); the other functions fill it with what a hostile or broken producer could write.
"""
from __future__ import annotations

import zlib

MB = 1 << 20


def pdf_bytes(contents: list[bytes], *, compressed: bool = False) -> bytes:
    """A PDF with one page per content stream (already compressed streams when `compressed`)."""
    objects: list[bytes] = []
    n_pages = len(contents)
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(n_pages))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    for i, content in enumerate(contents):
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> "
                       f">> /Contents {5 + 2 * i} 0 R >>".encode())
        flate = b" /Filter /FlateDecode" if compressed else b""
        objects.append(b"<< /Length %d%s >>\nstream\n" % (len(content), flate) + content + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def text_page(lines: list[str], size: int = 11) -> bytes:
    """A content stream setting each line of text on its own baseline, top to bottom."""
    ops = [b"BT", b"/F1 %d Tf" % size, b"72 770 Td", b"%d TL" % (size + 4)]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(b"(" + escaped.encode("cp1252") + b") '")
    ops.append(b"ET")
    return b"\n".join(ops)


def good_pdf(title: str, n_pages: int = 2) -> bytes:
    """A small ordinary document: a title and a few paragraphs of body text per page."""
    body = ("De gemeenten krijgen in {year} extra middelen voor de jeugdzorg en de woningbouw in de regio. "
            "Het kabinet trekt hiervoor geld uit op de begroting van het ministerie van BZK.")
    pages = []
    for page in range(1, n_pages + 1):
        lines = [title] if page == 1 else []
        words = (body.format(year=2020 + page) + " ") * 6
        lines += [words[i:i + 90] for i in range(0, len(words), 90)]
        pages.append(text_page(lines))
    return pdf_bytes(pages)


def compressed_bomb(inflated_mb: int) -> bytes:
    """One page whose content stream is a few hundred kB compressed and `inflated_mb` MB inflated (spaces,
    which pdfminer parses as nothing, so only the inflating costs)."""
    deflater = zlib.compressobj(9)
    chunk = b" " * MB
    packed = b"".join(deflater.compress(chunk) for _ in range(inflated_mb)) + deflater.flush()
    return pdf_bytes([packed], compressed=True)


def huge_page(text_mb: int) -> bytes:
    """One page with `text_mb` MB of text in one compressed stream (a 40 kB file, a 10 MB page), in runs of 100
    characters, as a producer that never breaks a page would write it."""
    run = b"(" + b"x" * 100 + b") Tj\n"
    content = b"BT /F1 1 Tf 0 0 Td\n" + run * (text_mb * MB // 100) + b"ET"
    return pdf_bytes([zlib.compress(content, 9)], compressed=True)


def many_operators(count: int) -> bytes:
    """One page with `count` text-positioning operators and no glyph: slow to interpret, nothing to count."""
    content = b"BT " + b"0 0 Td " * count + b"ET"
    return pdf_bytes([zlib.compress(content, 9)], compressed=True)


def many_pages(n_pages: int) -> bytes:
    """A long document: `n_pages` pages of two short lines each."""
    return pdf_bytes([text_page([f"De uitgaven in paragraaf {page} stijgen met {page % 97} miljoen euro per jaar.",
                                 f"Het kabinet trekt {page * 3} miljoen uit voor woningbouw en zorg."])
                      for page in range(1, n_pages + 1)])
