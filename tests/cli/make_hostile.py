#!/usr/bin/python3
"""Writes the hostile inputs of tests/cli/hostile_test.cc into OUT_DIR.

Run with Debian's Python (/usr/bin/python3): ReportLab and Pillow come from
python3-reportlab and python3-pil. Deterministic.
"""
import os
import sys

from PIL import Image, ImageDraw
from reportlab.pdfgen import canvas
from reportlab import rl_config

rl_config.invariant = 1


def raw_pdf(objects, trailer_root=1):
    """A PDF from object bodies (bytes), numbered from 1, with a correct xref."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, trailer_root, xref)
    return bytes(out)


def text_page_objects(text, extra_catalog=b"", extra_objects=()):
    content = b"BT /F1 14 Tf 72 720 Td (" + text.encode() + b") Tj ET"
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R " + extra_catalog + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return objs + list(extra_objects)


def main(out):
    os.makedirs(out, exist_ok=True)
    # Thousands of pages: over the page limit.
    c = canvas.Canvas(os.path.join(out, "thousands.pdf"))
    for i in range(3000):
        c.drawString(72, 720, "page %d" % i)
        c.showPage()
    c.save()
    # A page tree whose node is its own kid: a cycle.
    cyclic = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
        b"<< /Type /Pages /Parent 2 0 R /Kids [3 0 R] /Count 1 >>",
    ]
    open(os.path.join(out, "cyclic.pdf"), "wb").write(raw_pdf(cyclic))
    # Arrays nested a hundred thousand deep inside the page's resources.
    deep = b"[" * 100000 + b"]" * 100000
    objs = text_page_objects("deeply nested resources ocelot")
    objs[2] = objs[2].replace(b"/Resources <<", b"/Nest " + deep + b" /Resources <<")
    open(os.path.join(out, "nested.pdf"), "wb").write(raw_pdf(objs))
    # JavaScript run on opening and an embedded file: docket runs neither.
    js = text_page_objects(
        "invoice with script pelican",
        b"/OpenAction 6 0 R /Names << /EmbeddedFiles << /Names [(evil.exe) 7 0 R] >> >>",
        [b"<< /Type /Action /S /JavaScript /JS (app.alert\\('hello'\\);) >>",
         b"<< /Type /Filespec /F (evil.exe) /EF << /F 8 0 R >> >>",
         b"<< /Type /EmbeddedFile /Length 4 >>\nstream\nMZ\x90\x00\nendstream"])
    open(os.path.join(out, "script.pdf"), "wb").write(raw_pdf(js))
    # A TIFF of hundreds of pages (blank but the first).
    pages = []
    for i in range(300):
        im = Image.new("1", (850, 1100), 1)
        if i == 0:
            d = ImageDraw.Draw(im)
            d.rectangle([100, 100, 700, 110], fill=0)
        pages.append(im)
    pages[0].save(os.path.join(out, "hundreds.tif"), save_all=True, append_images=pages[1:],
                  compression="group4", dpi=(100, 100))


if __name__ == "__main__":
    main(sys.argv[1])
