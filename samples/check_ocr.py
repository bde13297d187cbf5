#!/usr/bin/python3
"""Spot-check that the sample images survive OCR.

    /usr/bin/python3 samples/check_ocr.py [DIR_OR_FILE...]   (default: samples/corpus)

For every document with a NAME.truth.json beside it, OCRs its raster pages
with the `tesseract` CLI (TIFF frames, PNG/JPEG, and the JPEG page images
embedded in scanned/mixed PDFs; born-digital pages are skipped, they carry a
text layer).  Standard-resolution faxes (204x98 dpi) get their rows doubled
first, and a page whose keyword is not found is retried turned by 180, 90 and
270 degrees, as docket's orientation detection would.  Prints, per document,
whether the keyword was read and how many truth field values appear in the
OCR text (ignoring spaces and case).  Needs only Pillow and tesseract.
"""
import io
import json
import os
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))


def pdf_jpegs(path):
    data = open(path, "rb").read()
    out = []
    for m in re.finditer(rb"/Filter\s*\[?\s*/DCTDecode.*?stream\r?\n", data, re.S):
        start = m.end()
        end = data.find(b"\xff\xd9", start)
        out.append(Image.open(io.BytesIO(data[start:end + 2])))
    return out


def images(path):
    if path.endswith(".pdf"):
        return pdf_jpegs(path)
    im = Image.open(path)
    frames = []
    for i in range(getattr(im, "n_frames", 1)):
        im.seek(i)
        f = im.convert("L")
        dpi = im.info.get("dpi", (300, 300))
        if dpi and abs(dpi[0] - 2 * dpi[1]) < 5:
            f = f.resize((f.width, f.height * 2), Image.NEAREST)
        frames.append(f)
    return frames


def ocr(im):
    with tempfile.NamedTemporaryFile(suffix=".png") as t:
        im.save(t.name)
        env = dict(os.environ, OMP_THREAD_LIMIT="1")
        r = subprocess.run(["tesseract", t.name, "-", "--psm", "3"], capture_output=True, text=True, env=env)
        return r.stdout


def check(path):
    base = path.rsplit(".", 1)[0]
    truth = json.load(open(base + ".truth.json"))
    kw = truth["keyword"]
    texts, turned = [], []
    for im in images(path):
        t = ocr(im)
        if kw not in t.lower():
            for angle in (180, 90, 270):
                t2 = ocr(im.rotate(angle, expand=True))
                if kw in t2.lower():
                    t = t2
                    turned.append(angle)
                    break
        texts.append(t)
    if not texts:
        return os.path.basename(path), None, "", "no raster pages"
    allt = re.sub(r"\s+", "", "\n".join(texts)).upper()
    fields = {k: v for k, v in truth["fields"].items() if k not in ("id_type", "currency")}
    hits = sum(1 for v in fields.values() if re.sub(r"\s+", "", v).upper() in allt)
    if truth["format"] == "mixed_pdf":  # the keyword is on the text page
        return os.path.basename(path), True, "%d/%d" % (hits, len(fields)), "keyword on text page, not checked"
    return (os.path.basename(path), kw.upper() in allt, "%d/%d" % (hits, len(fields)),
            ("turned %s" % turned) if turned else "")


def main():
    args = sys.argv[1:] or [os.path.join(HERE, "corpus")]
    files = []
    for a in args:
        if os.path.isdir(a):
            for root, _, names in os.walk(a):
                files += [os.path.join(root, n) for n in names
                          if not n.endswith(".json") and os.path.exists(
                              os.path.join(root, n.rsplit(".", 1)[0] + ".truth.json"))]
        else:
            files.append(a)
    files.sort()
    bad = 0
    with ThreadPoolExecutor(2) as ex:
        for name, ok, fields, note in ex.map(check, files):
            if ok is None:
                continue
            bad += not ok
            print("%-36s keyword %-4s fields(raw match) %-6s %s" % (name, "ok" if ok else "MISS", fields, note))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
