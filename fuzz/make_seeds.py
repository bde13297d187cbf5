#!/usr/bin/python3
"""Writes the seed corpora under fuzz/corpus/ from samples/ (the truth
files' text, fields and zones), the label file, the README's queries and
deploy/watch.example.json, plus tiny images and PDFs drawn here. Run from
anywhere; rewrites fuzz/corpus/ whole. Seeds are small on purpose: the
fuzzer grows its own corpus, and `ctest -L fuzz` must load them quickly.

    /usr/bin/python3 fuzz/make_seeds.py
"""
import glob
import hashlib
import io
import json
import os
import re
import shutil

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "fuzz", "corpus")


def write(target, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def truths():
    for path in sorted(glob.glob(os.path.join(ROOT, "samples", "**", "*.truth.json"), recursive=True)):
        with open(path, encoding="utf-8") as f:
            yield json.load(f)


def text_seeds():
    lines = []
    for t in truths():
        lines += [l for l in t.get("text", "").split("\n") if l.strip()]
        for k, v in t.get("fields", {}).items():
            if k.endswith("id_number") or k == "vendor_tax_id":
                write("validators", re.sub(r"\s", "", str(v)).upper())
        if t.get("mrz"):
            write("mrz", "\n".join(t["mrz"]))
            write("mrz", "Nationality\n" + "\n".join(t["mrz"]) + "\nFiling keyword")
            for l in t["mrz"]:
                write("validators", l[:9])
    date_re = re.compile(r"\d{1,4}[-/. ](\d{1,2}|[A-Za-z]{3,9})[-/. ,]+\d{2,4}|[A-Za-z]{3,9} \d{1,2}, \d{4}")
    amount_re = re.compile(r"(\d[\d,. ]*\d|₹|Rs\.?|INR|\$|€|£|lakh|crore)")
    term_re = re.compile(r"(%|percent|years?|yrs?|months?)", re.I)
    picked = {"date": [], "amount": [], "term": []}
    for l in sorted(set(lines)):
        if date_re.search(l):
            picked["date"].append(l)
        if amount_re.search(l):
            picked["amount"].append(l)
        if term_re.search(l):
            picked["term"].append(l)
    # A spread of each kind, not every line: enough shapes to start from.
    for kind, ls in picked.items():
        step = max(1, len(ls) // 40)
        for i, l in enumerate(ls[::step]):
            prefix = b"" if kind == "term" else bytes([i % 3])  # date order / dot_groups
            write(kind, prefix + l.encode("utf-8"))
    for extra in ["07-MAR-24", "Mar 7, 2024", "2024-02-29", "31/12/1999", "01.02.2023"]:
        for order in range(3):
            write("date", bytes([order]) + extra.encode())
    for extra in ["Rs. 12,34,567.89/-", "1.234.567,89 EUR", "$1,000", "2.5 crore", "₹ 4 lakh"]:
        for opt in range(2):
            write("amount", bytes([opt]) + extra.encode())
    for extra in ["8.75% p.a.", "5,95 % p.a.", "20 years", "240 months", "5 yrs 6 months"]:
        write("term", extra)
    for extra in ["27AAPFU0939F1ZV", "ABCPE1234F", "234123412346", "GB82WEST12345698765432", "L898902C3"]:
        write("validators", extra)


def label_seeds():
    with open(os.path.join(ROOT, "classify", "fields", "labels.txt"), encoding="utf-8") as f:
        text = f.read()
    write("labels", text)
    for l in text.split("\n"):
        if ":" in l and not l.startswith("#"):
            write("labels", l + "\n")
    write("labels", "key: a (0.5) | ~b | c (x)\n")


def query_seeds():
    queries = [
        'steel chairs', '"office chairs"', 'chairs OR rods', 'steel NOT chairs', '( a OR b ) AND c',
        '+must -mustnot', 'NOT paid', 'paid not yet', 'ledg*', 'type:invoice type:loan', 'id:inv1',
        'invoice_number:"INV 2024/001"', 'pan:abcde1234f', 'invoice:INV*', 'vendor:acme',
        'vendor:"acme traders"', 'file:scan*', 'date:2024-01-01..2024-03-31', 'date:2024-03',
        'date:..2024-03-31', 'date:2024', 'amount:10000..50000', 'amount:1,00,000..', 'amount:..500',
        'amount:25000', 'gstin:27AAPFU0939F1ZV', 'dob:1990-01-01', 'applicant:"priya raman"',
        'loan:HL-0042 customer:northwind', 'steal chiars', '"not"', '',
    ]
    for i, q in enumerate(queries):
        write("query", bytes([i * 37 % 256]) + q.encode())


def watch_seeds():
    with open(os.path.join(ROOT, "deploy", "watch.example.json"), encoding="utf-8") as f:
        write("watch_config", f.read())
    write("watch_config", '{"inboxes": [{"path": "/tmp", "type_hint": "kyc"}], "jobs": 0}')
    write("watch_config", '{"batch_files": 0}')
    write("watch_config", '{"max_pixels": 1e300, "stable_seconds": -1}')
    write("watch_config", '[1, 2]')


def image_seeds():
    from PIL import Image, ImageDraw
    img = Image.new("L", (96, 64), 255)
    ImageDraw.Draw(img).text((4, 20), "INV 42", fill=0)
    for fmt, kw, target in [("PNG", {}, "png"), ("JPEG", {"quality": 50}, "jpg"),
                            ("TIFF", {"compression": "group4"}, "g4"),
                            ("TIFF", {"compression": "tiff_lzw"}, "lzw")]:
        src = img.convert("1") if kw.get("compression") == "group4" else img
        b = io.BytesIO()
        src.save(b, fmt, **kw)
        write("decode_image", b.getvalue())
    # A two-page TIFF (the multi-page path) and an RGB PNG.
    b = io.BytesIO()
    img.save(b, "TIFF", save_all=True, append_images=[img.rotate(90, expand=True)], compression="packbits")
    write("decode_image", b.getvalue())
    b = io.BytesIO()
    img.convert("RGB").save(b, "PNG")
    write("decode_image", b.getvalue())
    shutil.copy(os.path.join(ROOT, "samples", "corpus", "train", "kyc-003-fax_standard.tif"),
                os.path.join(OUT, "decode_image", "kyc-003-fax_standard.tif"))


def pdf(objects):
    """A PDF with a correct xref from a list of object bodies (1-based)."""
    out = b"%PDF-1.4\n"
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for o in offsets:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


def stream(data, extra=b""):
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def pdf_seeds():
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    text = b"BT /F1 12 Tf 72 720 Td (Tax Invoice INV-2024/001 Total 25,000.00) Tj ET"
    # A text layer (no rendering).
    write("decode_pdf", pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        font, stream(text)]))
    # An image only (rendered at 100 dpi), and a rotated page with a line.
    pixels = bytes((x * 7 + y * 3) % 256 for y in range(16) for x in range(16))
    write("decode_pdf", pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>",
        stream(pixels, b"/Type /XObject /Subtype /Image /Width 16 /Height 16 /ColorSpace /DeviceGray /BitsPerComponent 8 "),
        stream(b"q 180 0 0 90 10 5 cm /Im1 Do Q"),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Rotate 90 /Contents 7 0 R >>",
        stream(b"1 w 10 10 m 290 190 l S")]))
    for name in ["truncated.pdf", "corrupt.pdf"]:
        shutil.copy(os.path.join(ROOT, "samples", "bad", name), os.path.join(OUT, "decode_pdf", name))


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    text_seeds()
    label_seeds()
    query_seeds()
    watch_seeds()
    image_seeds()
    pdf_seeds()
    for d in sorted(os.listdir(OUT)):
        files = os.listdir(os.path.join(OUT, d))
        size = sum(os.path.getsize(os.path.join(OUT, d, f)) for f in files)
        print(f"{d}: {len(files)} seeds, {size} bytes")


if __name__ == "__main__":
    main()
