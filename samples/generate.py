#!/usr/bin/python3
"""Deterministic sample generator for docket.

Run with Debian's Python (needs python3-pil and python3-reportlab, fonts from
fonts-dejavu-core and fonts-liberation2):

    /usr/bin/python3 samples/generate.py
        regenerate the committed set: samples/corpus/{train,heldout}/ and
        samples/bad/ (next to this script)

    /usr/bin/python3 samples/generate.py --out DIR [--seed S] [--per-type N]
        write a corpus into DIR/train and DIR/heldout.  Without --per-type
        the curated plan (44 documents) is used; with --per-type N, N
        documents of each type (invoice, loan, kyc, other) are made with
        layouts and formats cycled, e.g. for classifier training.

    /usr/bin/python3 samples/generate.py --bad --out DIR
        write the bad-input set (files docket must reject) into DIR.

Everything is a pure function of the seed (default 1): random.Random seeded
with strings, reportlab with rl_config.invariant = 1, no clock, no temp
names.  Two runs give byte-identical files.

Held-out rule (same for every plan): the i-th document of a type (i counted
from 0 within that type) is held out when i % 10 is 1, 4 or 7 (~30%).

Each document NAME.EXT has NAME.truth.json beside it; see samples/README.md.
"""
import argparse
import datetime
import hashlib
import io
import json
import os
import random
import shutil
import struct
import sys
import zlib
from decimal import Decimal, ROUND_HALF_UP

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont
from reportlab import rl_config

rl_config.invariant = 1
rl_config.useA85 = 0
from reportlab.lib.utils import ImageReader  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.ttfonts import TTFont  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
A4 = (595.28, 841.89)
TYPES = ["invoice", "loan", "kyc", "other"]
FORMATS = ["born_digital", "scanned_pdf", "mixed_pdf", "fax_standard",
           "fax_fine", "tiff", "photo"]

# --------------------------------------------------------------- fonts
FONT_FILES = {
    "DejaVuSans": "dejavu/DejaVuSans.ttf",
    "DejaVuSans-Bold": "dejavu/DejaVuSans-Bold.ttf",
    "DejaVuSerif": "dejavu/DejaVuSerif.ttf",
    "DejaVuSerif-Bold": "dejavu/DejaVuSerif-Bold.ttf",
    "DejaVuSansMono": "dejavu/DejaVuSansMono.ttf",
    "DejaVuSansMono-Bold": "dejavu/DejaVuSansMono-Bold.ttf",
    "LiberationSans": "liberation2/LiberationSans-Regular.ttf",
    "LiberationSans-Bold": "liberation2/LiberationSans-Bold.ttf",
    "LiberationSerif": "liberation2/LiberationSerif-Regular.ttf",
    "LiberationSerif-Bold": "liberation2/LiberationSerif-Bold.ttf",
    "LiberationMono": "liberation2/LiberationMono-Regular.ttf",
    "LiberationMono-Bold": "liberation2/LiberationMono-Bold.ttf",
}
FAMILIES = ["DejaVuSans", "DejaVuSerif", "DejaVuSansMono",
            "LiberationSans", "LiberationSerif", "LiberationMono"]
_registered = set()
WARNINGS = []
_pil_fonts = {}


def font_path(name):
    return os.path.join("/usr/share/fonts/truetype", FONT_FILES[name])


def reg(name):
    if name not in _registered:
        pdfmetrics.registerFont(TTFont(name, font_path(name)))
        _registered.add(name)
    return name


def pil_font(name, px):
    key = (name, px)
    if key not in _pil_fonts:
        _pil_fonts[key] = ImageFont.truetype(font_path(name), px)
    return _pil_fonts[key]


def has_rupee(fam):
    return fam.startswith("DejaVu")


# --------------------------------------------------------------- page model
class Page:
    """Drawing ops in points, y measured from the top (text y = baseline)."""

    def __init__(self, fam, w=A4[0], h=A4[1]):
        self.fam, self.w, self.h, self.ops = fam, w, h, []

    def fname(self, bold=False, fam=None):
        fam = fam or self.fam
        return reg(fam + ("-Bold" if bold else ""))

    def width(self, s, size, bold=False, fam=None):
        return pdfmetrics.stringWidth(s, self.fname(bold, fam), size)

    def text(self, x, y, s, size=10.5, bold=False, align="l", fam=None):
        fn = self.fname(bold, fam)
        w = pdfmetrics.stringWidth(s, fn, size)
        if align == "r":
            x -= w
        elif align == "c":
            x -= w / 2
        self.ops.append(("text", x, y, s, fn, size))
        return w

    def line(self, x1, y1, x2, y2, width=0.8):
        self.ops.append(("line", x1, y1, x2, y2, width))

    def rect(self, x, y, w, h, width=0.8, fill=None, stroke=True):
        self.ops.append(("rect", x, y, w, h, width, fill, stroke))

    def ellipse(self, x, y, w, h, fill):
        self.ops.append(("ellipse", x, y, w, h, fill))

    def poly(self, pts, width=1.0):
        self.ops.append(("poly", pts, width))

    def para(self, x, y, text, size=10.5, width=480, lead=1.45, bold=False):
        words, line, lines = text.split(), "", []
        for w in words:
            t = (line + " " + w).strip()
            if self.width(t, size, bold) > width and line:
                lines.append(line)
                line = w
            else:
                line = t
        if line:
            lines.append(line)
        for ln in lines:
            self.text(x, y, ln, size, bold)
            y += size * lead
        return y

    def kv(self, x, y, label, value, size=10.5, lw=130, bold_value=False):
        self.text(x, y, label, size)
        self.text(x + lw, y, value, size, bold_value)

    def table(self, x, y, cols, rows, size=10, row_h=None):
        """cols: [(title, width, align)]; returns y below the table."""
        row_h = row_h or size * 1.9
        total = sum(c[1] for c in cols)
        self.rect(x, y, total, row_h, fill=0.88)
        allrows = [[c[0] for c in cols]] + rows
        for r, row in enumerate(allrows):
            base = y + row_h * r + row_h * 0.68
            cx = x
            for (title, w, al), cell in zip(cols, row):
                if self.width(cell, size, r == 0) > w - 6:
                    WARNINGS.append("cell overflow: %r" % cell)
                if cell != "":
                    if al == "r":
                        self.text(cx + w - 4, base, cell, size, r == 0, "r")
                    else:
                        self.text(cx + 4, base, cell, size, r == 0)
                cx += w
            self.line(x, y + row_h * (r + 1), x + total, y + row_h * (r + 1), 0.6)
        bottom = y + row_h * len(allrows)
        cx = x
        for c in cols:
            self.line(cx, y, cx, bottom, 0.6)
            cx += c[1]
        self.line(cx, y, cx, bottom, 0.6)
        self.line(x, y, x + total, y, 0.6)
        return bottom

    def signature(self, rng, x, y, w=110):
        pts, cx = [], x
        while cx < x + w:
            pts.append((cx, y + rng.uniform(-9, 6)))
            cx += rng.uniform(5, 12)
        self.poly(pts, 1.2)

    def photo_box(self, x, y, w, h):
        self.rect(x, y, w, h, 0.8, fill=0.85)
        self.ellipse(x + w * 0.3, y + h * 0.15, w * 0.4, h * 0.4, 0.55)
        self.ellipse(x + w * 0.12, y + h * 0.6, w * 0.76, h * 0.7, 0.55)
        self.rect(x, y + h, w, h * 0.35, 0, fill=1.0, stroke=False)
        self.rect(x, y, w, h, 0.8)


def page_text(page):
    rows = {}
    for op in page.ops:
        if op[0] == "text":
            rows.setdefault(round(op[2] * 2), []).append((op[1], op[3]))
    out = []
    for k in sorted(rows):
        out.append(" ".join(s for _, s in sorted(rows[k])))
    return out


# --------------------------------------------------------------- rendering
def render(page, dpi, dpi_y=None):
    s = dpi / 72.0
    W, H = int(round(page.w * s)), int(round(page.h * s))
    im = Image.new("L", (W, H), 255)
    d = ImageDraw.Draw(im)
    for op in page.ops:
        k = op[0]
        if k == "text":
            _, x, y, txt, fn, size = op
            d.text((x * s, y * s), txt, font=pil_font(fn, int(round(size * s))),
                   fill=0, anchor="ls")
        elif k == "line":
            _, x1, y1, x2, y2, w = op
            d.line([(x1 * s, y1 * s), (x2 * s, y2 * s)], fill=0,
                   width=max(1, int(round(w * s))))
        elif k == "rect":
            _, x, y, w, h, lw, fill, stroke = op
            box = [x * s, y * s, (x + w) * s, (y + h) * s]
            if fill is not None:
                d.rectangle(box, fill=int(fill * 255))
            if stroke and lw:
                d.rectangle(box, outline=0, width=max(1, int(round(lw * s))))
        elif k == "ellipse":
            _, x, y, w, h, fill = op
            d.ellipse([x * s, y * s, (x + w) * s, (y + h) * s], fill=int(fill * 255))
        elif k == "poly":
            _, pts, w = op
            d.line([(px * s, py * s) for px, py in pts], fill=0,
                   width=max(1, int(round(w * s))), joint="curve")
    if dpi_y and dpi_y != dpi:
        im = im.resize((W, int(round(page.h * dpi_y / 72.0))), Image.LANCZOS)
    return im


def pdf_draw_vector(c, page):
    c.setPageSize((page.w, page.h))
    H = page.h
    for op in page.ops:
        k = op[0]
        if k == "text":
            _, x, y, txt, fn, size = op
            c.setFont(fn, size)
            c.setFillGray(0)
            c.drawString(x, H - y, txt)
        elif k == "line":
            _, x1, y1, x2, y2, w = op
            c.setLineWidth(w)
            c.line(x1, H - y1, x2, H - y2)
        elif k == "rect":
            _, x, y, w, h, lw, fill, stroke = op
            if fill is not None:
                c.setFillGray(fill)
            c.setLineWidth(lw or 0.1)
            c.rect(x, H - y - h, w, h, stroke=1 if (stroke and lw) else 0,
                   fill=1 if fill is not None else 0)
            c.setFillGray(0)
        elif k == "ellipse":
            _, x, y, w, h, fill = op
            c.setFillGray(fill)
            c.ellipse(x, H - y - h, x + w, H - y, stroke=0, fill=1)
            c.setFillGray(0)
        elif k == "poly":
            _, pts, w = op
            c.setLineWidth(w)
            p = c.beginPath()
            p.moveTo(pts[0][0], H - pts[0][1])
            for px, py in pts[1:]:
                p.lineTo(px, H - py)
            c.drawPath(p, stroke=1, fill=0)
    c.showPage()


def pdf_draw_image(c, jpeg_bytes, w_pt, h_pt):
    c.setPageSize((w_pt, h_pt))
    c.drawImage(ImageReader(io.BytesIO(jpeg_bytes)), 0, 0, width=w_pt, height=h_pt)
    c.showPage()


def noise_img(rng, size, amp):
    n = Image.frombytes("L", size, rng.randbytes(size[0] * size[1]))
    return n.point(lambda v: v * amp // 255)


def add_noise(im, rng, amp):
    if amp <= 0:
        return im
    return ImageChops.add(im, noise_img(rng, im.size, amp), 1.0, -(amp // 2))


def scan_degrade(page, dpi, rng, angle=0.0, noise=8, blur=0.5, paper=242, ink=25):
    im = render(page, dpi)
    im = im.point(lambda v: ink + v * (paper - ink) // 255)
    if angle:
        im = im.rotate(angle, resample=Image.BICUBIC, fillcolor=paper)
    if blur:
        im = im.filter(ImageFilter.GaussianBlur(blur))
    return add_noise(im, rng, noise)


def jpeg_bytes(im, quality, dpi=None):
    b = io.BytesIO()
    kw = {"quality": quality, "optimize": True}
    if dpi:
        kw["dpi"] = (dpi, dpi)
    im.save(b, "JPEG", **kw)
    return b.getvalue()


def to_bilevel(im, threshold=150):
    return im.point(lambda v: 255 if v > threshold else 0).convert("1", dither=Image.NONE)


def speckle(im, rng, count):
    d = ImageDraw.Draw(im)
    W, H = im.size
    for _ in range(count):
        x, y = rng.randrange(W), rng.randrange(H)
        r = rng.choice([0, 0, 0, 1])
        d.rectangle([x, y, x + r, y + r], fill=0)
    return im


# --------------------------------------------------------------- output writers
def write_born_digital(doc, path):
    c = canvas.Canvas(path, pagesize=A4)
    for p in doc.pages:
        pdf_draw_vector(c, p)
    c.save()


def scanned_page_jpeg(doc, p, i, rng):
    o = doc.opts
    dpi = o.get("dpi", 200)
    angle = o.get("angle", 0.0) if i == 0 or o.get("angle_all") else o.get("angle", 0.0) / 2
    im = scan_degrade(p, dpi, rng, angle=angle, noise=o.get("noise", 8),
                      blur=o.get("blur", 0.5))
    w, h = p.w, p.h
    if o.get("sideways") and i == o.get("sideways_page", 0):
        im = im.transpose(Image.ROTATE_90)
        w, h = h, w
    return jpeg_bytes(im, o.get("quality", 60)), w, h


def write_scanned_pdf(doc, path, rng, vector_pages=()):
    c = canvas.Canvas(path, pagesize=A4)
    for i, p in enumerate(doc.pages):
        if i in vector_pages:
            pdf_draw_vector(c, p)
        else:
            jb, w, h = scanned_page_jpeg(doc, p, i, rng)
            pdf_draw_image(c, jb, w, h)
    c.save()


FAX_WIDTH = 1728  # pixels per line of an ITU-T T.4 fax (A4/letter)


def fax_frames(doc, rng, fine):
    o = doc.opts
    frames = []
    for i, p in enumerate(doc.pages):
        im = render(p, 204, 196 if fine else 98)
        pad = Image.new("L", (FAX_WIDTH, im.height), 255)
        pad.paste(im, ((FAX_WIDTH - im.width) // 2, 0))
        im = pad
        im = im.point(lambda v: 20 + v * 225 // 255)
        ang = o.get("angle", 0.0)
        if ang:
            # skew in real (square) space: the vertical axis is squashed
            im = im.rotate(ang if fine else ang * 0.5, resample=Image.BICUBIC, fillcolor=245)
        im = im.filter(ImageFilter.GaussianBlur(0.4))
        im = add_noise(im, rng, o.get("noise", 0))
        im = to_bilevel(im, o.get("threshold", 150))
        if o.get("speckle"):
            im = speckle(im, rng, o["speckle"])
        if o.get("upside_down"):
            im = im.transpose(Image.ROTATE_180)
        frames.append(im)
    return frames


def write_tiff(frames, path, compression, dpi):
    kw = {"dpi": dpi}
    if compression:
        kw["compression"] = compression
    if len(frames) > 1:
        kw["save_all"] = True
        kw["append_images"] = frames[1:]
    frames[0].save(path, "TIFF", **kw)


def write_fax(doc, path, rng, fine):
    frames = fax_frames(doc, rng, fine)
    write_tiff(frames, path, doc.opts.get("compression", "group4"),
               (204, 196) if fine else (204, 98))


def write_square_tiff(doc, path, rng):
    o = doc.opts
    frames = []
    for i, p in enumerate(doc.pages):
        im = scan_degrade(p, 300, rng, angle=o.get("angle", 0.0), noise=o.get("noise", 0),
                          blur=o.get("blur", 0.4), paper=255 if o.get("mode") == "1" else 244)
        if o.get("mode") == "1":
            im = to_bilevel(im, 150)
        elif o.get("levels"):
            step = 256 // o["levels"]
            im = im.point(lambda v: min(255, (v // step) * step + step // 2 if v < 250 else 255))
        if o.get("sideways"):
            im = im.transpose(Image.ROTATE_90)
        frames.append(im)
    write_tiff(frames, path, o.get("compression"), (300, 300))


def write_photo(doc, path, rng):
    o = doc.opts
    p = doc.pages[0]
    dpi = o.get("dpi", 160)
    im = render(p, dpi).point(lambda v: 35 + v * 205 // 255)
    W, H = im.size
    m = int(0.05 * W)
    png = path.endswith(".png")
    bg = Image.new("L", (W + 2 * m, H + 2 * m), 85)
    if not png:  # PNG stays noise-free, or it would not compress
        bg = add_noise(bg, rng, 30).filter(ImageFilter.GaussianBlur(2))
    bg.paste(im, (m, m))
    bg = bg.rotate(o.get("angle", 1.5), resample=Image.BICUBIC, fillcolor=80)
    grad = Image.linear_gradient("L").rotate(o.get("light_angle", 30), resample=Image.BICUBIC,
                                             expand=False, fillcolor=128)
    grad = grad.crop((40, 40, 216, 216)).resize(bg.size, Image.BICUBIC)
    lo = o.get("light_lo", 175)
    grad = grad.point(lambda v: lo + v * (255 - lo) // 255)
    im = ImageChops.multiply(bg, grad)
    im = im.filter(ImageFilter.GaussianBlur(o.get("blur", 0.7)))
    if png:
        im.save(path, "PNG", dpi=(dpi, dpi), optimize=True)
    else:
        im = add_noise(im, rng, 6)
        rgb = Image.merge("RGB", (im, im.point(lambda v: v * 97 // 100),
                                  im.point(lambda v: v * 88 // 100)))
        with open(path, "wb") as f:
            f.write(jpeg_bytes(rgb, o.get("quality", 80), dpi))


# --------------------------------------------------------------- check digits
def icao_check(s):
    tot = 0
    for i, ch in enumerate(s):
        if ch.isdigit():
            v = int(ch)
        elif ch.isalpha():
            v = ord(ch) - 55
        else:
            v = 0
        tot += v * (7, 3, 1)[i % 3]
    return str(tot % 10)


_VD = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
       [2, 3, 4, 0, 1, 7, 8, 9, 5, 6], [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
       [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
       [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
       [8, 7, 6, 5, 9, 3, 2, 1, 0, 4], [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]]
_VP = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
       [5, 8, 0, 3, 7, 9, 6, 1, 4, 2], [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
       [9, 4, 5, 3, 1, 2, 6, 8, 7, 0], [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
       [2, 7, 9, 3, 8, 0, 6, 4, 1, 5], [7, 0, 4, 6, 9, 1, 3, 2, 5, 8]]
_VINV = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9]


def verhoeff_digit(num):
    c = 0
    for i, ch in enumerate(reversed(num)):
        c = _VD[c][_VP[(i + 1) % 8][int(ch)]]
    return str(_VINV[c])


def verhoeff_ok(num):
    c = 0
    for i, ch in enumerate(reversed(num)):
        c = _VD[c][_VP[i % 8][int(ch)]]
    return c == 0


GST_ALPHA = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def gstin_check(s14):
    tot = 0
    for i, ch in enumerate(s14):
        p = GST_ALPHA.index(ch) * (1 if i % 2 == 0 else 2)
        tot += p // 36 + p % 36
    return GST_ALPHA[(36 - tot % 36) % 36]


def iban_make(country, bban):
    s = bban + country + "00"
    num = int("".join(str(int(ch, 36)) for ch in s))
    return country + "%02d" % (98 - num % 97) + bban


def iban_ok(iban):
    s = iban[4:] + iban[:4]
    return int("".join(str(int(ch, 36)) for ch in s)) % 97 == 1


def group4(s):
    return " ".join(s[i:i + 4] for i in range(0, len(s), 4))


UP = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def make_pan(rng, holder, initial):
    return ("".join(rng.choice(UP) for _ in range(3)) + holder + initial.upper()
            + "%04d" % rng.randrange(1, 10000) + rng.choice(UP))


def make_gstin(rng, state, company):
    pan = make_pan(rng, rng.choice("CCCF"), company[0])
    s = "%02d" % state + pan + rng.choice("123") + "Z"
    return s + gstin_check(s)


def make_aadhaar(rng):
    s = str(rng.randint(2, 9)) + "".join(str(rng.randrange(10)) for _ in range(10))
    return s + verhoeff_digit(s)


# --------------------------------------------------------------- money, dates
D2 = Decimal("0.01")


def money(x):
    return Decimal(x).quantize(D2, ROUND_HALF_UP)


def fmt_intl(a):
    return "{:,.2f}".format(a)


def fmt_eu(a):
    return fmt_intl(a).replace(",", "_").replace(".", ",").replace("_", ".")


def fmt_inr(a, decimals=True):
    a = money(a)
    whole, frac = divmod(int(a * 100), 100)
    s = str(whole)
    if len(s) > 3:
        head, tail = s[:-3], s[-3:]
        parts = []
        while len(head) > 2:
            parts.insert(0, head[-2:])
            head = head[:-2]
        if head:
            parts.insert(0, head)
        s = ",".join(parts + [tail])
    return s + (".%02d" % frac if decimals else "")


ONES = ("Zero One Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve Thirteen "
        "Fourteen Fifteen Sixteen Seventeen Eighteen Nineteen").split()
TENS = "_ _ Twenty Thirty Forty Fifty Sixty Seventy Eighty Ninety".split()


def w99(n):
    if n < 20:
        return ONES[n]
    return TENS[n // 10] + ("" if n % 10 == 0 else " " + ONES[n % 10])


def w999(n):
    h, r = divmod(n, 100)
    out = []
    if h:
        out.append(ONES[h] + " Hundred")
    if r:
        out.append(w99(r))
    return " ".join(out)


def inr_words(n):
    n = int(n)
    parts = []
    for div, name in ((10 ** 7, "Crore"), (10 ** 5, "Lakh"), (1000, "Thousand")):
        q, n = divmod(n, div)
        if q:
            parts.append(w999(q) + " " + name)
    if n:
        parts.append(w999(n))
    return " ".join(parts) or "Zero"


MON = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
MONTH = ("January February March April May June July August September October "
         "November December").split()


def fdate(d, style):
    return {
        "dmy/": "%02d/%02d/%d" % (d.day, d.month, d.year),
        "dmy-": "%02d-%02d-%d" % (d.day, d.month, d.year),
        "dmy.": "%02d.%02d.%d" % (d.day, d.month, d.year),
        "d-mon-y": "%02d-%s-%d" % (d.day, MON[d.month - 1], d.year),
        "mon d, y": "%s %d, %d" % (MON[d.month - 1], d.day, d.year),
        "month d, y": "%s %d, %d" % (MONTH[d.month - 1], d.day, d.year),
        "d month y": "%d %s %d" % (d.day, MONTH[d.month - 1], d.year),
        "d MON y": "%02d %s %d" % (d.day, MON[d.month - 1].upper(), d.year),
        "iso": d.isoformat(),
    }[style]


def rdate(rng, y0=2023, y1=2024):
    start = datetime.date(y0, 1, 1)
    return start + datetime.timedelta(days=rng.randrange((datetime.date(y1, 12, 31) - start).days))


def dob(rng):
    return datetime.date(1958, 1, 1) + datetime.timedelta(days=rng.randrange(365 * 42))


def yymmdd(d):
    return d.strftime("%y%m%d")


# --------------------------------------------------------------- data pools
IN_FIRST_M = ["Arjun", "Rohan", "Vikram", "Rahul", "Sanjay", "Aditya", "Suresh", "Farhan",
              "Karthik", "Manoj", "Deepak", "Nikhil", "Imran", "Gaurav", "Harish", "Anil"]
IN_FIRST_F = ["Priya", "Kavita", "Ananya", "Meera", "Sunita", "Lakshmi", "Neha", "Harpreet",
              "Divya", "Pooja", "Shalini", "Asha", "Nandini", "Rekha", "Sneha", "Zoya"]
IN_LAST = ["Raman", "Mehta", "Nair", "Deshpande", "Iyer", "Rathore", "Krishnan", "Bhattacharya",
           "Pillai", "Gupta", "Venkatesh", "Qureshi", "Kaur", "Joshi", "Kulkarni", "Reddy",
           "Chatterjee", "Agarwal", "Menon", "Patil", "Banerjee", "Sharma", "Shetty", "Rao"]
W_FIRST_M = ["James", "Oliver", "Daniel", "Michael", "David", "Thomas", "Lucas", "Henrik",
             "Pieter", "Marco", "Javier", "Patrick", "Samuel", "Benjamin", "Andrew", "Stefan"]
W_FIRST_F = ["Emma", "Sophie", "Hannah", "Sarah", "Maria", "Anna", "Isabella", "Charlotte",
             "Laura", "Eva", "Claire", "Olivia", "Rachel", "Julia", "Grace", "Ingrid"]
W_LAST = ["Whitfield", "Clarke", "Bennett", "Martin", "Rossi", "Kowalski", "Schmidt", "Johnson",
          "Chen", "Garcia", "Dubois", "Jansen", "Morgan", "Turner", "Walsh", "Novak",
          "Fischer", "Hughes", "Lindqvist", "Moreau", "Bakker", "Sullivan", "Harper", "Keller"]

IN_CITIES = [("Mumbai", "Maharashtra", 27, "400"), ("Pune", "Maharashtra", 27, "411"),
             ("Bengaluru", "Karnataka", 29, "560"), ("Chennai", "Tamil Nadu", 33, "600"),
             ("Hyderabad", "Telangana", 36, "500"), ("Ahmedabad", "Gujarat", 24, "380"),
             ("New Delhi", "Delhi", 7, "110"), ("Kolkata", "West Bengal", 19, "700"),
             ("Jaipur", "Rajasthan", 8, "302"), ("Kochi", "Kerala", 32, "682")]
IN_STREETS = ["MG Road", "Linking Road", "Nehru Nagar", "Anna Salai", "Park Street",
              "Banjara Hills Road No. 3", "FC Road", "Residency Road", "Ashram Road",
              "Laxmi Industrial Estate", "Sector 18", "Gandhi Bazaar", "Station Road"]
IN_COMPANIES = ["Shree Ganesh Traders Pvt. Ltd.", "Sahyadri Steel Fabricators",
                "Vardhman Office Supplies LLP", "Kaveri Logistics Private Limited",
                "Annapurna Foods and Beverages", "Deccan Electricals",
                "Bluewave Infotech Solutions Pvt Ltd", "Narmada Packaging Industries",
                "Trident Auto Components Ltd.", "Lotus Pharma Distributors",
                "Indus Valley Textiles", "Konark Engineering Works",
                "Mahalaxmi Hardware Stores", "Srinivasa Printers and Stationers"]
US_COMPANIES = ["Harbor Point Supply Co.", "Redwood Analytics LLC",
                "Summit Ridge Office Products, Inc.", "Lakeside Print & Design",
                "Granite State Electrical LLC", "Blue Heron Catering Co.",
                "Prairie Wind Software, Inc.", "Copperfield Janitorial Services"]
US_CITIES = [("Portland", "OR", "97205"), ("Austin", "TX", "78701"), ("Columbus", "OH", "43215"),
             ("Denver", "CO", "80202"), ("Raleigh", "NC", "27601"), ("Madison", "WI", "53703"),
             ("Boston", "MA", "02110"), ("Sacramento", "CA", "95814")]
US_STREETS = ["Oak Street", "Main Street", "Commerce Drive", "Lincoln Avenue",
              "Industrial Parkway", "Elm Court", "Market Street", "Riverside Drive"]
EU = [  # country, city, postcode, street, vat prefix, vat rate, iban country
    ("Germany", "Hamburg", "20095", "Mönckebergstraße", "DE", 19, "DE"),
    ("Germany", "Munich", "80331", "Sendlinger Straße", "DE", 19, "DE"),
    ("Netherlands", "Rotterdam", "3011 AD", "Coolsingel", "NL", 21, "NL"),
    ("Netherlands", "Utrecht", "3511 LX", "Oudegracht", "NL", 21, "NL"),
    ("Belgium", "Antwerp", "2000", "Meir", "BE", 21, "BE"),
    ("Ireland", "Dublin 2", "D02 X285", "Baggot Street", "IE", 23, "IE"),
]
EU_COMPANIES = ["Brandt Industrietechnik GmbH", "Van der Berg Logistics B.V.",
                "Nordlicht Software GmbH", "Hollandia Verpakkingen B.V.",
                "Vlaamse Drukkerij NV", "Liffey Components Ltd", "Keller Maschinenbau GmbH",
                "Zuidkust Installaties B.V."]
UK_COMPANIES = ["Thames Valley Stationers Ltd", "Pennine Engineering Ltd",
                "Harrow & Finch Consulting LLP", "Severn Office Interiors Ltd",
                "Cotswold Catering Supplies Ltd", "Mersey Freight Services Ltd"]
UK_CITIES = [("Leeds", "LS1 4DY"), ("Bristol", "BS1 5TR"), ("Manchester", "M2 3WQ"),
             ("Reading", "RG1 2LU"), ("Norwich", "NR2 1TF"), ("Sheffield", "S1 2HE")]
UK_STREETS = ["Wellington Street", "Queen Square", "Deansgate", "Friar Street",
              "London Road", "Castle Court"]

ITEMS_IN = [("Copier paper A4 75 GSM (ream)", "4802", 210, 420), ("Printer toner cartridge", "8443", 2400, 6800),
            ("MS angle 50x50x6 mm (kg)", "7216", 62, 78), ("Corrugated boxes 5 ply", "4819", 28, 55),
            ("Annual maintenance contract", "998713", 18000, 65000),
            ("LED panel light 40W", "9405", 850, 1600), ("Copper cable 2.5 sq mm (coil)", "8544", 1900, 3200),
            ("Office chairs, ergonomic", "9401", 5200, 9800), ("Freight charges", "996511", 1500, 6000),
            ("Software licence (annual)", "997331", 12000, 45000), ("Steel almirah", "9403", 9000, 16000)]
ITEMS_W = [("Consulting services (hours)", 85, 180), ("Office chairs", 140, 420), ("Laptop docking station", 120, 260),
           ("Catering - staff lunch", 12, 25), ("Cleaning services (monthly)", 650, 1800),
           ("Printing - brochures (100 pcs)", 90, 240), ("Network switch 24-port", 180, 420),
           ("Software subscription (seat)", 15, 60), ("Shipping and handling", 25, 140),
           ("Wooden pallets", 9, 22), ("Installation labour (hours)", 45, 95)]

KEYWORDS = """marigold lantern pebble walnut meadow thimble falcon juniper sparrow cobalt
orchard lagoon compass velvet pelican tangerine cinnamon lavender glacier magnolia
hazelnut kestrel biscuit chestnut dolphin emerald fennel gazelle hammock iceberg
jasmine kettle lobster nutmeg octopus parsley raccoon seahorse tortoise umbrella vanilla
walrus anchovy blossom canyon firefly gondola jigsaw kingfisher lemonade mandolin
nectarine oatmeal pumpkin rhubarb sapphire thistle violin squirrel pinecone teapot
buttercup seashell snowflake mushroom cucumber hedgehog dragonfly starfish porcupine
pancake popcorn reindeer sunflower lighthouse carousel trumpet goldfish honeybee
acrobat mongoose platypus flamingo penguin cauliflower paprika antelope crocodile
puffin marmalade tadpole toucan wombat zucchini almond avocado blueberry cherries
coconut cranberry lollipop meringue pistachio pretzel raspberry strawberry treacle
kangaroo leopard manatee narwhal ostrich panther buffalo chipmunk cricket""".split()


def person(rng, region, sex=None):
    sex = sex or rng.choice("MF")
    if region == "in":
        first = rng.choice(IN_FIRST_M if sex == "M" else IN_FIRST_F)
        return first, rng.choice(IN_LAST), sex
    first = rng.choice(W_FIRST_M if sex == "M" else W_FIRST_F)
    return first, rng.choice(W_LAST), sex


def in_address(rng):
    city, state, code, pin = rng.choice(IN_CITIES)
    return ["%d, %s" % (rng.randint(2, 480), rng.choice(IN_STREETS)),
            "%s - %s%03d, %s" % (city, pin, rng.randrange(1, 99), state)], city, state, code


def us_address(rng):
    city, st, zp = rng.choice(US_CITIES)
    return ["%d %s" % (rng.randint(100, 9800), rng.choice(US_STREETS)),
            "%s, %s %s" % (city, st, zp)]


def uk_address(rng):
    city, pc = rng.choice(UK_CITIES)
    return ["%d %s" % (rng.randint(1, 220), rng.choice(UK_STREETS)), "%s %s" % (city, pc)]


def kwline(p, x, y, doc, size=12, label=None):
    rng = doc.rng
    label = label or rng.choice(["Reference word:", "Filing keyword:", "Archive tag:",
                                 "Reference word:", "Index word:"])
    p.text(x, y, "%s %s" % (label, doc.keyword), size, True)


# --------------------------------------------------------------- document
class Doc:
    def __init__(self, name, dtype, layout, fmt, opts, keyword, rng, split):
        self.name, self.type, self.layout, self.format = name, dtype, layout, fmt
        self.opts, self.keyword, self.rng, self.split = opts, keyword, rng, split
        self.pages, self.fields = [], {}
        fam = opts.get("font") or rng.choice(FAMILIES)
        self.fam = fam

    def page(self, w=A4[0], h=A4[1]):
        p = Page(self.fam, w, h)
        self.pages.append(p)
        return p

    def text(self):
        lines = []
        for p in self.pages:
            lines += page_text(p)
        return "\n".join(lines)


# --------------------------------------------------------------- invoices
def inv_items(rng, pool, n, indian):
    rows, sub = [], Decimal(0)
    for it in rng.sample(pool, n):
        if indian:
            desc, hsn, lo, hi = it
        else:
            desc, lo, hi = it
            hsn = None
        qty = rng.choice([1, 1, 2, 3, 4, 5, 6, 10, 12, 20, 25])
        rate = money(Decimal(rng.randint(lo * 100, hi * 100)) / 100)
        if indian and rate > 1000:
            rate = money(int(rate / 10) * 10)
        amt = money(rate * qty)
        sub += amt
        rows.append((desc, hsn, qty, rate, amt))
    return rows, money(sub)


def build_invoice_in_gst(doc):
    rng, p = doc.rng, doc.page()
    sym = "₹" if has_rupee(doc.fam) else "Rs."
    vend = rng.choice(IN_COMPANIES)
    cust = rng.choice([c for c in IN_COMPANIES if c != vend])
    vaddr, vcity, vstate, vcode = in_address(rng)
    caddr, ccity, cstate, ccode = in_address(rng)
    vg, cg = make_gstin(rng, vcode, vend), make_gstin(rng, ccode, cust)
    d = rdate(rng)
    due = d + datetime.timedelta(days=rng.choice([15, 30, 45]))
    ds = rng.choice(["dmy-", "dmy/", "d-mon-y"])
    fy = "%02d-%02d" % ((d.year - (d.month < 4)) % 100, (d.year - (d.month < 4) + 1) % 100)
    prefix = "".join(w[0] for w in vend.split()[:3]).upper()
    invno = rng.choice(["%s/%s/%04d" % (prefix, fy, rng.randint(12, 2400)),
                        "INV-%d%04d" % (d.year, rng.randint(1, 9999)),
                        "%s%05d" % (prefix, rng.randint(100, 99999))])
    po = "45000%05d" % rng.randint(0, 99999)
    show_due, show_po = rng.random() < 0.75, rng.random() < 0.7
    L, R = 45, 550
    p.text(297, 60, rng.choice(["TAX INVOICE", "Tax Invoice", "TAX INVOICE (ORIGINAL FOR RECIPIENT)"]),
           15, True, "c")
    p.text(L, 95, vend, 14, True)
    y = 112
    for ln in vaddr:
        p.text(L, y, ln, 10.5)
        y += 14
    p.text(L, y, "GSTIN: " + vg, 10.5, True)
    p.text(L, y + 14, "Phone: +91 %d %04d %04d" % (rng.randint(20, 99), rng.randint(1000, 9999),
                                                  rng.randint(0, 9999)), 10.5)
    lab = rng.choice([("Tax Invoice No.", "Invoice Date", "Due Date", "PO No."),
                      ("Invoice No.", "Invoice Date", "Payment Due", "Buyer's Order No."),
                      ("Invoice Number", "Dated", "Due Date", "P.O. Number")])
    ry = 112
    rows = [(lab[0], invno), (lab[1], fdate(d, ds))]
    if show_due:
        rows.append((lab[2], fdate(due, ds)))
    if show_po:
        rows.append((lab[3], po))
    rows.append(("Place of Supply", "%s (%02d)" % (cstate, ccode)))
    for k, v in rows:
        p.text(330, ry, k + ":", 10.5)
        p.text(445, ry, v, 10.5, k == lab[0])
        ry += 14
    y = max(y, ry) + 30
    p.rect(L, y - 14, R - L, 74, 0.6)
    p.text(L + 6, y, rng.choice(["Bill To:", "Billed To:", "Details of Receiver (Billed to):"]), 10.5, True)
    p.text(L + 6, y + 15, cust, 11, True)
    p.text(L + 6, y + 29, ", ".join(caddr), 10.5)
    p.text(L + 6, y + 43, "GSTIN: " + cg, 10.5)
    y += 78
    items, sub = inv_items(rng, ITEMS_IN, rng.randint(2, 5), True)
    trows = [[str(i + 1), it[0], it[1], str(it[2]), fmt_inr(it[3]), fmt_inr(it[4])]
             for i, it in enumerate(items)]
    y = p.table(L, y, [("S.No", 34, "l"), ("Description of Goods/Services", 200, "l"), ("HSN/SAC", 68, "l"),
                       ("Qty", 40, "r"), ("Rate", 78, "r"), ("Amount", 85, "r")], trows, 10)
    rate = rng.choice([18, 18, 12, 5, 28])
    if cstate == vstate:
        half = money(sub * rate / 200)
        taxes = [("CGST @ %s%%" % (rate / 2 if rate % 2 else rate // 2), half),
                 ("SGST @ %s%%" % (rate / 2 if rate % 2 else rate // 2), half)]
    else:
        taxes = [("IGST @ %d%%" % rate, money(sub * rate / 100))]
    tax = sum(t[1] for t in taxes)
    total = sub + tax
    y += 20
    p.text(350, y, rng.choice(["Taxable Value", "Sub Total"]), 10.5)
    p.text(R, y, fmt_inr(sub), 10.5, False, "r")
    for k, v in taxes:
        y += 15
        p.text(350, y, k, 10.5)
        p.text(R, y, fmt_inr(v), 10.5, False, "r")
    y += 8
    p.line(345, y, R, y)
    y += 17
    p.text(350, y, rng.choice(["Grand Total", "Total Amount", "Invoice Total"]), 12, True)
    p.text(R, y, sym + fmt_inr(total), 12, True, "r")
    y += 28
    words = inr_words(int(total))
    paise = int((total * 100) % 100)
    wtxt = "Amount in words: Rupees " + words + (" and %s Paise" % w99(paise) if paise else "") + " Only"
    y = p.para(L, y, wtxt, 10.5, R - L)
    y += 12
    p.text(L, y, "Bank: %s Bank, A/c No. %d, IFSC %s0%06d" % (
        rng.choice(["HDFC", "ICICI", "State Bank of India", "Axis", "Canara"]),
        rng.randint(10 ** 10, 10 ** 11), rng.choice(["HDFC", "ICIC", "SBIN", "UTIB", "CNRB"]),
        rng.randint(0, 999999)), 10.5)
    y += 15
    p.text(L, y, "Terms: Interest @ 18% p.a. will be charged on payments received after the due date.", 10)
    y += 40
    kwline(p, L, y, doc)
    p.text(R, y, "For " + vend, 10.5, True, "r")
    p.signature(rng, R - 120, y + 28)
    p.text(R, y + 50, "Authorised Signatory", 10.5, False, "r")
    doc.fields = {"invoice_number": invno.upper().replace(" ", ""), "invoice_date": d.isoformat(),
                  "vendor_name": vend, "customer_name": cust, "total_amount": str(total),
                  "tax_amount": str(tax), "currency": "INR", "vendor_tax_id": vg}
    if show_due:
        doc.fields["due_date"] = due.isoformat()
    if show_po:
        doc.fields["po_number"] = po
    doc.annex = ("invoice_in", vend, cust, invno)


def build_invoice_us(doc):
    rng, p = doc.rng, doc.page()
    vend = rng.choice(US_COMPANIES)
    cf, cl, _ = person(rng, "w")
    cust = rng.choice([c for c in US_COMPANIES if c != vend] + ["%s %s" % (cf, cl)])
    d = rdate(rng)
    due = d + datetime.timedelta(days=30)
    invno = str(rng.randint(1000, 99999))
    po = "PO-%05d" % rng.randint(100, 99999)
    ein = "%02d-%07d" % (rng.randint(10, 99), rng.randint(0, 9999999))
    show_ein, show_po = rng.random() < 0.6, rng.random() < 0.7
    ds = rng.choice(["mon d, y", "month d, y"])
    L, R = 50, 545
    p.text(L, 70, vend, 16, True)
    y = 88
    for ln in us_address(rng) + ["Tel (%03d) %03d-%04d" % (rng.randint(201, 989), rng.randint(200, 999),
                                                          rng.randint(0, 9999))]:
        p.text(L, y, ln, 10.5)
        y += 14
    if show_ein:
        p.text(L, y, "EIN: " + ein, 10.5)
        y += 14
    p.text(R, 70, "INVOICE", 22, True, "r")
    ry = 96
    lab = rng.choice([("Invoice #", "Date", "Due Date", "P.O. #"),
                      ("Invoice No.", "Invoice Date", "Payment Due", "PO Number")])
    rows = [(lab[0], invno), (lab[1], fdate(d, ds)), (lab[2], fdate(due, ds))]
    if show_po:
        rows.append((lab[3], po))
    for k, v in rows:
        p.text(400, ry, k + ":", 10.5, True)
        p.text(R, ry, v, 10.5, False, "r")
        ry += 15
    y = max(y, ry) + 25
    p.text(L, y, "Bill To:", 11, True)
    p.text(L, y + 15, cust, 10.5)
    for i, ln in enumerate(us_address(rng)):
        p.text(L, y + 29 + 14 * i, ln, 10.5)
    y += 75
    items, sub = inv_items(rng, ITEMS_W, rng.randint(2, 5), False)
    y = p.table(L, y, [("Description", 240, "l"), ("Qty", 50, "r"), ("Unit Price", 95, "r"), ("Amount", 110, "r")],
                [[it[0], str(it[2]), fmt_intl(it[3]), fmt_intl(it[4])] for it in items], 10.5)
    rate = rng.choice([Decimal("8.25"), Decimal("6.5"), Decimal("7.25"), Decimal("5.5"), Decimal("0")])
    tax = money(sub * rate / 100)
    total = sub + tax
    y += 22
    tl = [("Subtotal", fmt_intl(sub))]
    if rate:
        tl.append(("Sales Tax (%s%%)" % rate, fmt_intl(tax)))
    tl.append(("Total", "$" + fmt_intl(total)))
    for k, v in tl:
        p.text(380, y, k, 10.5)
        p.text(R, y, v, 10.5, False, "r")
        y += 15
    y += 6
    p.rect(370, y - 4, R - 370 + 5, 24, 0.8, fill=0.9)
    due_lab = rng.choice(["Amount Due", "Balance Due", "Total Due"])
    p.text(380, y + 13, due_lab, 12, True)
    p.text(R, y + 13, "$" + fmt_intl(total), 12, True, "r")
    y += 55
    y = p.para(L, y, "Please make checks payable to %s. Payment is due within 30 days. "
                     "A late fee of 1.5%% per month applies to overdue balances. Thank you for your business!"
               % vend, 10.5, R - L)
    y += 25
    kwline(p, L, y, doc)
    doc.fields = {"invoice_number": invno, "invoice_date": d.isoformat(), "due_date": due.isoformat(),
                  "vendor_name": vend, "customer_name": cust, "total_amount": str(total),
                  "currency": "USD"}
    if rate:  # no tax line is printed at a zero rate: the field is absent (CONTRACT.md)
        doc.fields["tax_amount"] = str(tax)
    if show_ein:
        doc.fields["vendor_tax_id"] = ein
    if show_po:
        doc.fields["po_number"] = po
    doc.annex = ("invoice_w", vend, cust, invno)


def build_invoice_eu(doc):
    rng, p = doc.rng, doc.page()
    country, city, pc, street, vp, vrate, ic = rng.choice(EU)
    vend = rng.choice(EU_COMPANIES)
    cust = rng.choice([c for c in EU_COMPANIES if c != vend])
    c2 = rng.choice(EU)
    if vp == "DE":
        vat = "DE%09d" % rng.randint(10 ** 8, 10 ** 9 - 1)
        iban = iban_make("DE", "%08d%010d" % (rng.randint(10 ** 7, 10 ** 8 - 1), rng.randint(0, 10 ** 10 - 1)))
    elif vp == "NL":
        vat = "NL%09dB01" % rng.randint(10 ** 8, 10 ** 9 - 1)
        iban = iban_make("NL", rng.choice(["ABNA", "RABO", "INGB"]) + "%010d" % rng.randint(0, 10 ** 10 - 1))
    elif vp == "BE":
        vat = "BE0%09d" % rng.randint(10 ** 8, 10 ** 9 - 1)
        iban = iban_make("BE", "%012d" % rng.randint(0, 10 ** 12 - 1))
    else:
        vat = "IE%07dW" % rng.randint(10 ** 6, 10 ** 7 - 1)
        iban = iban_make("IE", rng.choice(["AIBK", "BOFI"]) + "%06d%08d" % (rng.randint(0, 999999),
                                                                           rng.randint(0, 10 ** 8 - 1)))
    assert iban_ok(iban)
    d = rdate(rng)
    due = d + datetime.timedelta(days=rng.choice([14, 30]))
    invno = rng.choice(["%d-%04d" % (d.year, rng.randint(1, 9999)), "RE%d%05d" % (d.year % 100, rng.randint(1, 99999)),
                        "F%06d" % rng.randint(1, 999999)])
    po = "%04d-%d" % (rng.randint(1000, 9999), d.year)
    show_po = rng.random() < 0.6
    ds = "dmy." if vp in ("DE", "NL", "BE") else rng.choice(["dmy/", "d month y"])
    sym_after = rng.random() < 0.6
    def eur(a):
        return (fmt_eu(a) + " €") if sym_after else ("EUR " + fmt_eu(a))
    L, R = 50, 545
    p.text(L, 62, vend, 10)
    p.text(L + p.width(vend, 10) + 4, 62, "· %d %s · %s %s" % (rng.randint(1, 120), street, pc, city), 10)
    p.line(L, 67, 300, 67, 0.5)
    p.text(L, 90, cust, 11, True)
    c2street, c2city, c2pc = c2[3], c2[1], c2[2]
    p.text(L, 105, "%s %d" % (c2street, rng.randint(1, 200)), 10.5)
    p.text(L, 119, "%s %s" % (c2pc, c2city), 10.5)
    p.text(L, 133, c2[0], 10.5)
    p.text(R, 62, vend, 13, True, "r")
    for i, ln in enumerate(["%s %d" % (street, rng.randint(1, 120)), "%s %s, %s" % (pc, city, country),
                            "VAT ID: " + vat]):
        p.text(R, 78 + 14 * i, ln, 10.5, False, "r")
    p.text(L, 185, "INVOICE", 18, True)
    y = 210
    rows = [("Invoice no.", invno), ("Invoice date", fdate(d, ds)), ("Due date", fdate(due, ds)),
            ("Customer no.", "K-%05d" % rng.randint(1, 99999))]
    if show_po:
        rows.append(("Your order ref.", po))
    for k, v in rows:
        p.text(L, y, k + ":", 10.5)
        p.text(L + 110, y, v, 10.5, k == "Invoice no.")
        y += 14
    y += 18
    items, sub = inv_items(rng, ITEMS_W, rng.randint(2, 5), False)
    y = p.table(L, y, [("Pos.", 35, "l"), ("Description", 220, "l"), ("Qty", 45, "r"),
                       ("Unit price", 90, "r"), ("Amount", 105, "r")],
                [[str(i + 1), it[0], str(it[2]), fmt_eu(it[3]), fmt_eu(it[4])] for i, it in enumerate(items)], 10)
    tax = money(sub * vrate / 100)
    total = sub + tax
    y += 22
    for k, v, b in [("Net amount", eur(sub), False), ("VAT %d %%" % vrate, eur(tax), False),
                    ("Total amount", eur(total), True)]:
        p.text(350, y, k, 11 if b else 10.5, b)
        p.text(R, y, v, 11 if b else 10.5, b, "r")
        y += 16
    y += 25
    y = p.para(L, y, "Please transfer the total amount quoting the invoice number by %s to the account below. "
                     "Thank you for your order." % fdate(due, ds), 10.5, R - L)
    y += 10
    bank = {"DE": "Hamburger Sparkasse", "NL": "ABN AMRO", "BE": "KBC Bank", "IE": "Allied Irish Banks"}[vp]
    if ic == "NL":
        bank = {"ABNA": "ABN AMRO", "RABO": "Rabobank", "INGB": "ING Bank"}[iban[4:8]]
    p.text(L, y, "Bank: %s   IBAN: %s   BIC: %s" % (bank, group4(iban), iban[4:8] + vp + "2X"), 10.5)
    y += 40
    kwline(p, L, y, doc)
    doc.fields = {"invoice_number": invno.upper(), "invoice_date": d.isoformat(), "due_date": due.isoformat(),
                  "vendor_name": vend, "customer_name": cust, "total_amount": str(total), "tax_amount": str(tax),
                  "currency": "EUR", "vendor_tax_id": vat}
    if show_po:
        doc.fields["po_number"] = po
    doc.annex = ("invoice_w", vend, cust, invno)


def build_invoice_uk(doc):
    rng, p = doc.rng, doc.page()
    vend = rng.choice(UK_COMPANIES)
    cust = rng.choice([c for c in UK_COMPANIES if c != vend] + ["Northgate Primary School",
                                                                "St Anne's Medical Practice"])
    vat = "GB %03d %04d %02d" % (rng.randint(100, 999), rng.randint(0, 9999), rng.randint(0, 99))
    d = rdate(rng)
    due = d + datetime.timedelta(days=30)
    ds = rng.choice(["d month y", "dmy/"])
    invno = rng.choice(["INV-%04d" % rng.randint(1, 9999), "%s%05d" % (vend[:2].upper(), rng.randint(1, 99999))])
    po = "PO-%05d" % rng.randint(1, 99999)
    show_po = rng.random() < 0.6
    L, R = 55, 540
    p.rect(L, 45, R - L, 50, 0, fill=0.9, stroke=False)
    p.text(L + 10, 77, vend, 16, True)
    p.text(R - 10, 77, "INVOICE", 18, True, "r")
    y = 118
    for ln in uk_address(rng) + ["Company No. %08d" % rng.randint(1, 99999999), "VAT Reg No: " + vat]:
        p.text(L, y, ln, 10.5)
        y += 14
    ry = 118
    rows = [("Invoice Number", invno), ("Invoice Date", fdate(d, ds)),
            (rng.choice(["Payment Due", "Due Date"]), fdate(due, ds))]
    if show_po:
        rows.append(("Purchase Order", po))
    for k, v in rows:
        p.text(330, ry, k, 10.5, True)
        p.text(R, ry, v, 10.5, False, "r")
        ry += 15
    y = max(y, ry) + 22
    p.text(L, y, "Invoice to:", 10.5, True)
    p.text(L, y + 15, cust, 10.5)
    for i, ln in enumerate(uk_address(rng)):
        p.text(L, y + 29 + 14 * i, ln, 10.5)
    y += 75
    items, sub = inv_items(rng, ITEMS_W, rng.randint(2, 4), False)
    y = p.table(L, y, [("Description", 235, "l"), ("Qty", 45, "r"), ("Unit Price", 90, "r"), ("Net", 115, "r")],
                [[it[0], str(it[2]), fmt_intl(it[3]), fmt_intl(it[4])] for it in items], 10.5)
    tax = money(sub * 20 / 100)
    total = sub + tax
    y += 22
    for k, v, b in [("Net Total", "£" + fmt_intl(sub), False), ("VAT @ 20%", "£" + fmt_intl(tax), False),
                    (rng.choice(["Total Due", "Invoice Total", "Amount Payable"]), "£" + fmt_intl(total), True)]:
        p.text(360, y, k, 11 if b else 10.5, b)
        p.text(R, y, v, 11 if b else 10.5, b, "r")
        y += 16
    y += 25
    p.text(L, y, "Payment by BACS to: Sort code %02d-%02d-%02d  Account %08d" % (
        rng.randint(10, 99), rng.randint(0, 99), rng.randint(0, 99), rng.randint(0, 99999999)), 10.5)
    y += 15
    y = p.para(L, y, "Please quote the invoice number as your payment reference. Payment terms: 30 days "
                     "from the invoice date.", 10.5, R - L)
    y += 25
    kwline(p, L, y, doc)
    doc.fields = {"invoice_number": invno, "invoice_date": d.isoformat(), "due_date": due.isoformat(),
                  "vendor_name": vend, "customer_name": cust, "total_amount": str(total), "tax_amount": str(tax),
                  "currency": "GBP", "vendor_tax_id": vat.replace(" ", "")}
    if show_po:
        doc.fields["po_number"] = po
    doc.annex = ("invoice_w", vend, cust, invno)


# --------------------------------------------------------------- loans
def loan_term(rng, months_choices, years_ok=True):
    m = rng.choice(months_choices)
    if years_ok and m % 12 == 0 and rng.random() < 0.5:
        return m, "%d years" % (m // 12)
    return m, "%d months" % m


IN_BANKS = ["Bharat Sahakari Bank Ltd.", "Deccan Grameen Bank", "Sahyadri Co-operative Bank Ltd.",
            "Coromandel Finance Limited", "Vishwas Housing Finance Ltd.", "Ganga Urban Co-op Bank"]


def build_loan_in_application(doc):
    rng, p = doc.rng, doc.page()
    sym = "₹" if has_rupee(doc.fam) else "Rs."
    first, last, sex = person(rng, "in")
    who = doc.opts.get("who")  # a loan file: the same applicant on every paper
    if who:
        first, last, sex = who["first"], who["last"], who["sex"]
    name = "%s %s" % (first, last)
    bank = rng.choice(IN_BANKS)
    kind, mchoices, lo, hi = rng.choice([("HOME LOAN", [120, 180, 240, 300], 15, 90),
                                         ("PERSONAL LOAN", [24, 36, 48, 60], 1, 10),
                                         ("VEHICLE LOAN", [36, 48, 60, 84], 3, 15),
                                         ("EDUCATION LOAN", [60, 84, 120], 4, 30)])
    amount = money(rng.randint(lo * 2, hi * 2) * 50000)
    months, term_s = loan_term(rng, mchoices)
    rate = Decimal(rng.choice(["8.50", "8.75", "9.15", "9.40", "10.25", "10.99", "11.50", "12.00"]))
    d = rdate(rng)
    ds = rng.choice(["dmy/", "dmy-"])
    pan = make_pan(rng, "P", last[0])
    if who:
        pan = who["pan"]
    city = rng.choice(IN_CITIES)[0]
    appno = "%s/%s/%d/%05d" % ({"HOME LOAN": "HL", "PERSONAL LOAN": "PL", "VEHICLE LOAN": "VL",
                                 "EDUCATION LOAN": "EL"}[kind], city[:3].upper(), d.year, rng.randint(1, 99999))
    L, R = 50, 545
    p.text(297, 55, bank, 15, True, "c")
    p.text(297, 73, "Regd. Office: " + ", ".join(in_address(rng)[0]), 10, False, "c")
    p.rect(L, 88, R - L, 26, 0.8, fill=0.88)
    p.text(297, 106, kind + " APPLICATION FORM", 13, True, "c")
    p.text(L, 138, "Application No.: " + appno, 11, True)
    p.text(R, 138, "Date: " + fdate(d, ds), 11, False, "r")
    p.photo_box(R - 90, 150, 80, 95)
    y = 168
    p.text(L, y, "A. APPLICANT DETAILS", 11, True)
    y += 20
    addr = in_address(rng)[0]
    rel = rng.choice(IN_FIRST_M) + " " + last
    born = dob(rng)  # drawn here, as before, so other documents stay byte-identical
    for k, v in [("Name of Applicant", name), ("Father's / Spouse Name", rel),
                 ("Date of Birth", fdate(who["dob"] if who else born, ds)),
                 ("Gender", {"M": "Male", "F": "Female"}[sex]),
                 ("PAN", pan), ("Mobile", "+91 9%09d" % rng.randint(0, 10 ** 9 - 1)),
                 ("Residential Address", addr[0]), ("", addr[1]),
                 ("Occupation", rng.choice(["Salaried", "Self-employed professional", "Business"])),
                 ("Employer / Business", rng.choice(IN_COMPANIES)),
                 ("Net Monthly Income", sym + fmt_inr(rng.randint(40, 400) * 1000, False))]:
        p.kv(L, y, k + (":" if k else ""), v, 10.5, 150)
        y += 17
    y += 12
    p.text(L, y, "B. LOAN DETAILS", 11, True)
    y += 20
    amt_s = sym + fmt_inr(amount, False) + "/-"
    for k, v in [("Loan Amount Required", amt_s), ("Tenure", term_s),
                 (rng.choice(["Rate of Interest", "Applicable ROI"]), "%s%% p.a. (%s)" % (rate, rng.choice(
                     ["floating", "fixed"]))),
                 ("Purpose of Loan", {"HOME LOAN": "Purchase of residential flat", "PERSONAL LOAN": "Medical expenses",
                                      "VEHICLE LOAN": "Purchase of new car", "EDUCATION LOAN": "Post-graduate studies"}[kind]),
                 ("Repayment Mode", "ECS / NACH mandate")]:
        p.kv(L, y, k + ":", v, 10.5, 150)
        y += 17
    y += 14
    p.text(L, y, "C. DECLARATION", 11, True)
    y += 18
    y = p.para(L, y, "I/We declare that all the particulars and information given in this application form are true, "
                     "correct and complete and that they shall form the basis of any loan %s may decide to grant "
                     "to me/us. I/We authorise the Bank to verify the details with credit information companies." % bank,
               10.5, R - L)
    y += 30
    p.signature(rng, L, y)
    p.text(L, y + 20, "Signature of Applicant", 10.5)
    p.text(R, y + 20, "Place: %s" % city, 10.5, False, "r")
    y += 55
    kwline(p, L, y, doc)
    doc.fields = {"loan_number": appno, "applicant_name": name, "loan_amount": str(amount), "currency": "INR",
                  "interest_rate": str(rate), "term_months": str(months), "application_date": d.isoformat()}
    doc.fields["applicant_id_number"] = pan
    doc.fields["applicant_date_of_birth"] = (who["dob"] if who else born).isoformat()
    doc.annex = ("loan", bank, name, appno)


def build_loan_in_sanction(doc):
    rng, p = doc.rng, doc.page()
    sym = "₹" if has_rupee(doc.fam) else "Rs."
    first, last, sex = person(rng, "in")
    name = "%s %s" % (first, last)
    bank = rng.choice(IN_BANKS)
    kind, mchoices, lo, hi = rng.choice([("Home Loan", [180, 240, 300], 20, 120), ("Personal Loan", [36, 48, 60], 1, 15),
                                         ("Loan Against Property", [84, 120, 180], 10, 80),
                                         ("Two Wheeler Loan", [12, 24, 36], 1, 2)])
    amount = money(rng.randint(lo * 4, hi * 4) * 25000)
    months, term_s = loan_term(rng, mchoices)
    rate = Decimal(rng.choice(["8.65", "8.90", "9.25", "10.50", "11.75", "13.25", "14.00"]))
    adate = rdate(rng)
    ldate = adate + datetime.timedelta(days=rng.randint(5, 25))
    ds = rng.choice(["dmy-", "dmy/", "d-mon-y"])
    pan = make_pan(rng, "P", last[0])
    acct = "%d" % rng.randint(10 ** 10, 10 ** 11 - 1)
    r = rate / 1200
    emi = money(amount * r * (1 + r) ** months / ((1 + r) ** months - 1))
    L, R = 60, 535
    p.text(L, 60, bank, 16, True)
    p.text(L, 76, "%s Branch  |  IFSC %s%07d" % (rng.choice(IN_CITIES)[0], bank[:4].upper(), rng.randint(0, 9999999)), 10)
    p.line(L, 84, R, 84, 1.2)
    p.text(L, 108, "Ref: SL/%s/%d/%05d" % ("".join(w[0] for w in kind.split()), ldate.year, rng.randint(1, 99999)), 10.5)
    p.text(R, 108, "Date: " + fdate(ldate, ds), 10.5, False, "r")
    y = 134
    addr = in_address(rng)[0]
    for ln in ["To,", ("Mr. " if sex == "M" else "Ms. ") + name] + addr:
        p.text(L, y, ln, 10.5)
        y += 14
    y += 12
    y = p.para(L, y, "Sub: SANCTION LETTER - %s (Loan Account No. %s)" % (kind.upper(), acct), 11, R - L,
               bold=True) + 8
    p.text(L, y, "Dear %s," % ("Sir" if sex == "M" else "Madam"), 10.5)
    y += 20
    y = p.para(L, y, "With reference to your application dated %s, we are pleased to inform you that a %s has been "
                     "sanctioned to you on the following terms and conditions:" % (fdate(adate, ds), kind), 10.5, R - L)
    y += 10
    rows = [["Borrower", name], ["PAN", pan], ["Loan Account No.", acct], ["Sanctioned Amount", sym + fmt_inr(amount)],
            ["Rate of Interest", "%s%% p.a. (%s)" % (rate, rng.choice(["floating, linked to RLLR", "fixed"]))],
            ["Tenure", term_s], ["EMI", sym + fmt_inr(emi)],
            ["Processing Fee", sym + fmt_inr(money(amount * Decimal("0.005")).min(Decimal(25000))) + " plus GST"]]
    y = p.table(L, y, [("Particulars", 140, "l"), ("Details", R - L - 140, "l")], rows, 10.5)
    y += 20
    y = p.para(L, y, "Sanctioned amount in words: Rupees %s Only." % inr_words(int(amount)), 10.5, R - L)
    y += 10
    y = p.para(L, y, "This sanction is valid for 60 days from the date of this letter. Disbursement is subject to "
                     "execution of the loan agreement, submission of post-dated cheques or NACH mandate, and "
                     "satisfactory verification of documents.", 10.5, R - L)
    y += 30
    p.text(L, y, "Yours faithfully,", 10.5)
    p.text(L, y + 14, "For " + bank, 10.5)
    p.signature(rng, L, y + 42)
    p.text(L, y + 62, rng.choice(["Branch Manager", "Chief Manager (Credit)", "Authorised Signatory"]), 10.5)
    y += 100
    kwline(p, L, y, doc)
    doc.fields = {"loan_number": acct, "applicant_name": name, "loan_amount": str(amount), "currency": "INR",
                  "interest_rate": str(rate), "term_months": str(months), "application_date": adate.isoformat()}
    doc.fields["applicant_id_number"] = pan
    doc.annex = ("loan", bank, name, acct)


def build_loan_us(doc):
    rng, p = doc.rng, doc.page()
    first, last, _ = person(rng, "w")
    name = "%s %s" % (first, last)
    lender = rng.choice(["Cascade Federal Credit Union", "Heartland Savings Bank", "Pioneer Mortgage Company",
                         "First Lakeshore Bank, N.A."])
    kind, mchoices, lo, hi = rng.choice([("Mortgage", [180, 360], 150, 700), ("Auto", [36, 48, 60, 72], 12, 60),
                                         ("Personal", [24, 36, 60], 3, 40)])
    amount = money(rng.randint(lo, hi) * 1000)
    months, term_s = loan_term(rng, mchoices)
    rate = Decimal(rng.choice(["6.875", "7.125", "5.99", "8.49", "6.25", "9.75"]))
    d = rdate(rng)
    ds = rng.choice(["month d, y", "mon d, y"])
    appno = "%d-LA-%06d" % (d.year, rng.randint(1, 999999))
    L, R = 50, 545
    p.text(L, 60, lender, 15, True)
    p.text(L, 76, "Member FDIC  |  NMLS #%d" % rng.randint(100000, 999999), 10)
    p.text(R, 60, "LOAN APPLICATION", 14, True, "r")
    p.line(L, 86, R, 86, 1.5)
    y = 110
    p.kv(L, y, "Application Number:", appno, 10.5, 140, True)
    p.kv(320, y, "Date of Application:", fdate(d, ds), 10.5, 120)
    y += 28
    p.rect(L, y - 13, R - L, 19, 0, fill=0.88, stroke=False)
    p.text(L + 5, y, "Section 1: Borrower Information", 11, True)
    y += 22
    addr = us_address(rng)
    ssn = rng.randint(0, 9999)  # drawn in the order they print, as before
    born = dob(rng)
    for k, v in [("Name", name), ("Social Security Number", "XXX-XX-%04d" % ssn),
                 ("Date of Birth", fdate(born, "mon d, y")),
                 ("Current Address", addr[0]), ("", addr[1]), ("Phone", "(%03d) %03d-%04d" % (
                     rng.randint(201, 989), rng.randint(200, 999), rng.randint(0, 9999))),
                 ("Employer", rng.choice(US_COMPANIES)), ("Gross Monthly Income", "$" + fmt_intl(rng.randint(35, 180) * 100))]:
        p.kv(L, y, k + (":" if k else ""), v, 10.5, 160)
        y += 17
    y += 14
    p.rect(L, y - 13, R - L, 19, 0, fill=0.88, stroke=False)
    p.text(L + 5, y, "Section 2: Loan Information", 11, True)
    y += 22
    for k, v in [("Loan Type", kind), ("Loan Amount Requested", "$" + fmt_intl(amount)), ("Loan Term", term_s),
                 ("Interest Rate", "%s%% (fixed)" % rate), ("Purpose", {"Mortgage": "Purchase of primary residence",
                                                                        "Auto": "Purchase of vehicle",
                                                                        "Personal": "Debt consolidation"}[kind])]:
        p.kv(L, y, k + ":", v, 10.5, 160)
        y += 17
    y += 14
    p.rect(L, y - 13, R - L, 19, 0, fill=0.88, stroke=False)
    p.text(L + 5, y, "Section 3: Acknowledgment and Agreement", 11, True)
    y += 22
    y = p.para(L, y, "I certify that the information provided in this application is true and correct as of the date "
                     "set forth opposite my signature. I authorize the Lender to obtain a consumer credit report and "
                     "to verify any information contained in this application.", 10.5, R - L)
    y += 34
    p.signature(rng, L, y)
    p.line(L, y + 8, L + 200, y + 8, 0.6)
    p.text(L, y + 22, "Borrower's Signature", 10.5)
    p.line(330, y + 8, R, y + 8, 0.6)
    p.text(330, y + 22, "Date", 10.5)
    y += 60
    kwline(p, L, y, doc)
    doc.fields = {"loan_number": appno, "applicant_name": name, "loan_amount": str(amount), "currency": "USD",
                  "interest_rate": str(rate), "term_months": str(months), "application_date": d.isoformat()}
    doc.fields["applicant_date_of_birth"] = born.isoformat()
    doc.annex = ("loan", lender, name, appno)


def build_loan_uk(doc):
    rng, p = doc.rng, doc.page()
    first, last, _ = person(rng, "w")
    name = "%s %s" % (first, last)
    soc = rng.choice(["Northgate Building Society", "Albion Mortgages plc", "Wessex Building Society"])
    amount = money(rng.randint(60, 480) * 1000)
    months, term_s = loan_term(rng, [180, 240, 300, 360, 420])
    rate = Decimal(rng.choice(["4.49", "4.89", "5.19", "3.99", "5.54"]))
    adate = rdate(rng)
    odate = adate + datetime.timedelta(days=rng.randint(14, 45))
    acct = "%04d %04d %02d" % (rng.randint(1000, 9999), rng.randint(0, 9999), rng.randint(0, 99))
    ds = "d month y"
    L, R = 60, 535
    p.text(L, 62, soc, 16, True)
    p.text(L, 78, ", ".join(uk_address(rng)), 10)
    p.text(L, 118, "MORTGAGE OFFER", 15, True)
    y = 145
    for k, v in [("Mortgage account number", acct), ("Applicant", name), ("Date of application", fdate(adate, ds)),
                 ("Date of this offer", fdate(odate, ds)), ("Property", ", ".join(uk_address(rng)))]:
        p.kv(L, y, k + ":", v, 10.5, 165)
        y += 16
    y += 18
    p.text(L, y, "1. Amount of loan and term", 11, True)
    y += 18
    y = p.para(L, y, "We are offering you a repayment mortgage of £%s over a term of %s, secured on the property "
                     "named above." % (fmt_intl(amount), term_s), 10.5, R - L)
    y += 10
    p.text(L, y, "2. Interest rate", 11, True)
    y += 18
    fixy = rng.choice([2, 3, 5])
    y = p.para(L, y, "The initial interest rate is %s%% p.a. fixed until %s, after which the Society's Standard "
                     "Variable Rate, currently 7.74%% p.a., applies for the remainder of the term." % (
                         rate, fdate(odate.replace(year=odate.year + fixy, day=min(odate.day, 28)), ds)), 10.5, R - L)
    y += 10
    r = rate / 1200
    pay = money(amount * r * (1 + r) ** months / ((1 + r) ** months - 1))
    p.text(L, y, "3. Monthly payments", 11, True)
    y += 18
    y = p.para(L, y, "Your first monthly payment will be £%s. This offer is valid for six months from the date of "
                     "this offer. Your home may be repossessed if you do not keep up repayments on your mortgage."
               % fmt_intl(pay), 10.5, R - L)
    y += 30
    p.text(L, y, "Signed on behalf of " + soc, 10.5)
    p.signature(rng, L, y + 28)
    p.text(L, y + 48, "Mortgage Underwriting Team", 10.5)
    y += 85
    kwline(p, L, y, doc)
    doc.fields = {"loan_number": acct.replace(" ", ""), "applicant_name": name, "loan_amount": str(amount),
                  "currency": "GBP", "interest_rate": str(rate), "term_months": str(months),
                  "application_date": adate.isoformat()}
    doc.annex = ("loan", soc, name, acct)


def build_loan_eu(doc):
    rng, p = doc.rng, doc.page()
    first, last, _ = person(rng, "w")
    name = "%s %s" % (first, last)
    bank = rng.choice(["Hanseatische Kreditbank AG", "Rijnland Consumentenkrediet B.V.", "Banque Mosane SA"])
    amount = money(rng.randint(5, 60) * 1000)
    months, term_s = loan_term(rng, [24, 36, 48, 60, 72, 84], years_ok=False)
    rate = Decimal(rng.choice(["5.95", "6.49", "4.79", "7.20", "3.99"]))
    d = rdate(rng)
    cno = "KV-%d-%06d" % (d.year, rng.randint(1, 999999))
    ds = "dmy."
    L, R = 55, 540
    p.text(L, 60, bank, 15, True)
    p.text(L, 90, "CONSUMER CREDIT AGREEMENT", 14, True)
    p.text(L, 106, "European Standard Consumer Credit Information applies", 10)
    y = 135
    for k, v in [("Contract no.", cno), ("Borrower", name), ("Date of application", fdate(d, ds)),
                 ("Net loan amount", fmt_eu(amount) + " €"), ("Duration", term_s),
                 ("Borrowing rate (fixed)", "%s %% p.a." % str(rate).replace(".", ",")),
                 ("Annual percentage rate (APR)", "%s %%" % str(rate + Decimal("0.21")).replace(".", ",")),
                 ("Monthly instalment", fmt_eu(money(amount * (rate / 1200) / (1 - (1 + rate / 1200) ** -months))) + " €")]:
        p.kv(L, y, k + ":", v, 10.5, 190)
        y += 17
    y += 15
    y = p.para(L, y, "The borrower may withdraw from this agreement within 14 days without giving any reason. "
                     "Early repayment is possible at any time; the lender may claim compensation of at most 1% of "
                     "the amount repaid early.", 10.5, R - L)
    y += 40
    p.signature(rng, L, y)
    p.text(L, y + 20, "Borrower", 10.5)
    p.signature(rng, 330, y)
    p.text(330, y + 20, "For the lender", 10.5)
    y += 60
    kwline(p, L, y, doc)
    doc.fields = {"loan_number": cno, "applicant_name": name, "loan_amount": str(amount), "currency": "EUR",
                  "interest_rate": str(rate), "term_months": str(months), "application_date": d.isoformat()}
    doc.annex = ("loan", bank, name, cno)


# --------------------------------------------------------------- kyc
def card_page(doc, cw, ch, card_only):
    """Returns (page, ox, oy): card drawn at (ox, oy) on an A4 photocopy or a tight page."""
    rng = doc.rng
    if card_only:
        p = doc.page(cw + 60, ch + 95)
        ox, oy = 30, 30
        kwline(p, ox, oy + ch + 40, doc)
        return p, ox, oy
    p = doc.page()
    ox, oy = rng.choice([60, 80, 100]), rng.choice([70, 100, 130])
    ox = min(ox, A4[0] - cw - 30)
    ytxt = oy + ch + 45
    if rng.random() < 0.6:
        p.text(ox, ytxt, "Self-attested copy", 12, True)
        p.signature(rng, ox + 140, ytxt)
        ytxt += 28
    kwline(p, ox, ytxt, doc)
    return p, ox, oy


def mrz_name(surname, given, n):
    s = surname.upper().replace(" ", "<").replace("'", "") + "<<" + given.upper().replace(" ", "<")
    return (s + "<" * n)[:n]


def build_passport(doc):
    rng = doc.rng
    ctry = doc.opts.get("country") or rng.choice(["IND", "GBR", "USA", "IND"])
    first, last, sex = person(rng, "in" if ctry == "IND" else "w")
    if rng.random() < 0.3:
        pool = (IN_FIRST_M if sex == "M" else IN_FIRST_F) if ctry == "IND" else (W_FIRST_M if sex == "M" else W_FIRST_F)
        first += " " + rng.choice([n for n in pool if n != first])
    b = dob(rng)
    who = doc.opts.get("who")
    if who:
        first, last, sex, b = who["first"], who["last"], who["sex"], who["dob"]
    issue = rdate(rng, 2016, 2023)
    exp = issue.replace(year=issue.year + 10) - datetime.timedelta(days=1)
    if ctry == "IND":
        num = rng.choice(UP.replace("O", "").replace("I", "")) + "%07d" % rng.randint(0, 9999999)
        title, natw, ds = "REPUBLIC OF INDIA", "INDIAN", "dmy/"
        pob = rng.choice(IN_CITIES)[0].upper()
    elif ctry == "GBR":
        num = "%09d" % rng.randint(10 ** 8, 10 ** 9 - 1)
        title, natw, ds = "UNITED KINGDOM OF GREAT BRITAIN AND NORTHERN IRELAND", "BRITISH CITIZEN", "d MON y"
        pob = rng.choice(UK_CITIES)[0].upper()
    else:
        num = "%09d" % rng.randint(10 ** 8, 10 ** 9 - 1)
        title, natw, ds = "UNITED STATES OF AMERICA", "UNITED STATES OF AMERICA", "d MON y"
        pob = rng.choice(["OREGON, U.S.A.", "TEXAS, U.S.A.", "OHIO, U.S.A.", "NEW YORK, U.S.A."])
    n9 = (num + "<<<")[:9]
    opt = ("<" * 14)
    l1 = ("P<" + ctry + mrz_name(last, first, 39))[:44]
    l2 = n9 + icao_check(n9) + ctry + yymmdd(b) + icao_check(yymmdd(b)) + sex + yymmdd(exp) + \
        icao_check(yymmdd(exp)) + opt + icao_check(opt)
    l2 += icao_check(l2[0:10] + l2[13:20] + l2[21:43])
    assert len(l1) == 44 and len(l2) == 44
    cw, ch = 500, 340
    p, ox, oy = card_page(doc, cw, ch, doc.opts.get("card_only"))
    p.rect(ox, oy, cw, ch, 1.2)
    p.text(ox + 15, oy + 24, title, 11 if len(title) > 30 else 13, True)
    p.text(ox + cw - 15, oy + 24, "PASSPORT", 13, True, "r")
    p.photo_box(ox + 15, oy + 45, 105, 135)
    x1, x2, y = ox + 135, ox + 330, oy + 50
    def f(x, yy, lab, val):
        p.text(x, yy, lab, 10)
        p.text(x, yy + 14, val, 11, True)
    f(x1, y, "Type / Code", "P / " + ctry)
    f(x2, y, "Passport No.", num)
    f(x1, y + 32, "Surname", last.upper())
    f(x1, y + 64, "Given Name(s)", first.upper())
    f(x1, y + 96, "Nationality", natw)
    f(x2, y + 96, "Sex", sex)
    f(x1, y + 128, "Date of Birth", fdate(b, ds))
    f(x2, y + 128, "Place of Birth", pob)
    f(x1, y + 160, "Date of Issue", fdate(issue, ds))
    f(x2, y + 160, "Date of Expiry", fdate(exp, ds))
    p.signature(rng, ox + 20, oy + 210, 90)
    for i, ln in enumerate([l1, l2]):
        p.text(ox + 14, oy + 275 + 24 * i, ln, 13.5, False, fam="DejaVuSansMono")
    doc.fields = {"full_name": "%s %s" % (first.upper(), last.upper()), "date_of_birth": b.isoformat(),
                  "id_type": "passport", "id_number": num, "nationality": ctry, "expiry_date": exp.isoformat()}
    doc.mrz = [l1, l2]


def build_national_id(doc):
    rng = doc.rng
    ctry = doc.opts.get("country") or rng.choice(["NLD", "BEL", "PRT"])
    first, last, sex = person(rng, "w")
    b = dob(rng)
    issue = rdate(rng, 2017, 2023)
    exp = issue.replace(year=issue.year + 10) - datetime.timedelta(days=1)
    letters = UP.replace("O", "")
    num = "".join(rng.choice(letters) for _ in range(2)) + "".join(rng.choice(letters[:10] + "0123456789")
                                                                    for _ in range(6)) + str(rng.randrange(10))
    title = {"NLD": "KINGDOM OF THE NETHERLANDS", "BEL": "KINGDOM OF BELGIUM", "PRT": "PORTUGUESE REPUBLIC"}[ctry]
    natw = {"NLD": "Dutch", "BEL": "Belgian", "PRT": "Portuguese"}[ctry]
    l1 = "I<" + ctry + num + icao_check(num) + "<" * 15
    l2 = yymmdd(b) + icao_check(yymmdd(b)) + sex + yymmdd(exp) + icao_check(yymmdd(exp)) + ctry + "<" * 11
    l2 += icao_check(l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29])
    l3 = mrz_name(last, first, 30)
    assert len(l1) == len(l2) == len(l3) == 30
    cw, ch = 420, 330
    p, ox, oy = card_page(doc, cw, ch, doc.opts.get("card_only"))
    p.rect(ox, oy, cw, ch, 1.2)
    p.text(ox + 15, oy + 24, title, 12, True)
    p.text(ox + 15, oy + 40, "IDENTITY CARD", 11, True)
    p.photo_box(ox + 15, oy + 55, 90, 115)
    x, y = ox + 125, oy + 62
    ds = "dmy."
    for lab, val in [("Surname", last.upper()), ("Given names", first.upper()), ("Nationality", natw + " / " + ctry),
                     ("Date of birth", fdate(b, ds)), ("Sex", sex), ("Document no.", num),
                     ("Date of expiry", fdate(exp, ds))]:
        p.text(x, y, lab + ":", 10)
        p.text(x + 90, y, val, 11, True)
        y += 18
    for i, ln in enumerate([l1, l2, l3]):
        p.text(ox + 18, oy + 250 + 24 * i, ln, 15, False, fam="DejaVuSansMono")
    doc.fields = {"full_name": "%s %s" % (first.upper(), last.upper()), "date_of_birth": b.isoformat(),
                  "id_type": "national_id", "id_number": num, "nationality": ctry, "expiry_date": exp.isoformat()}
    doc.mrz = [l1, l2, l3]


def build_pan(doc):
    rng = doc.rng
    first, last, sex = person(rng, "in")
    father = rng.choice(IN_FIRST_M) + " " + last
    b = dob(rng)
    pan = make_pan(rng, "P", last[0])
    who = doc.opts.get("who")
    if who:
        first, last, sex, b, pan = who["first"], who["last"], who["sex"], who["dob"], who["pan"]
        father = who["father"]
    cw, ch = 400, 250
    p, ox, oy = card_page(doc, cw, ch, doc.opts.get("card_only"))
    p.rect(ox, oy, cw, ch, 1.2)
    p.text(ox + 15, oy + 24, "INCOME TAX DEPARTMENT", 12, True)
    p.text(ox + cw - 15, oy + 24, "GOVT. OF INDIA", 12, True, "r")
    p.line(ox, oy + 33, ox + cw, oy + 33, 0.6)
    y = oy + 58
    for lab, val in [("Name", (first + " " + last).upper()), ("Father's Name", father.upper()),
                     ("Date of Birth", fdate(b, "dmy/"))]:
        p.text(ox + 15, y, lab, 10)
        p.text(ox + 15, y + 15, val, 12, True)
        y += 40
    p.text(ox + 15, y, "Permanent Account Number", 10)
    p.text(ox + 15, y + 19, pan, 15, True)
    p.photo_box(ox + cw - 105, oy + 45, 85, 105)
    p.signature(rng, ox + cw - 120, oy + 190, 80)
    p.text(ox + cw - 115, oy + 232, "Signature", 10)
    doc.fields = {"full_name": (first + " " + last).upper(), "date_of_birth": b.isoformat(), "id_type": "pan",
                  "id_number": pan}


def build_aadhaar(doc):
    rng = doc.rng
    first, last, sex = person(rng, "in")
    b = dob(rng)
    num = make_aadhaar(rng)
    assert verhoeff_ok(num)
    masked = doc.opts.get("masked", False)
    shown = "XXXX XXXX " + num[8:] if masked else "%s %s %s" % (num[:4], num[4:8], num[8:])
    cw, ch = 420, 260
    p, ox, oy = card_page(doc, cw, ch, doc.opts.get("card_only"))
    p.rect(ox, oy, cw, ch, 1.2)
    p.rect(ox, oy, cw, 34, 0, fill=0.88, stroke=False)
    p.text(ox + cw / 2, oy + 23, "Government of India", 13, True, "c")
    p.photo_box(ox + 15, oy + 50, 90, 112)
    x, y = ox + 125, oy + 68
    p.text(x, y, "%s %s" % (first, last), 12, True)
    p.text(x, y + 22, rng.choice(["DOB", "Date of Birth"]) + ": " + fdate(b, "dmy/"), 11)
    p.text(x, y + 44, {"M": "Male", "F": "Female"}[sex] + " / " + {"M": "MALE", "F": "FEMALE"}[sex], 11)
    p.text(x, y + 66, "Issue Date: " + fdate(rdate(rng, 2015, 2022), "dmy/"), 10)
    p.line(ox + 15, oy + 190, ox + cw - 15, oy + 190, 0.6)
    p.text(ox + cw / 2, oy + 220, shown, 18, True, "c")
    p.text(ox + cw / 2, oy + 245, "Aadhaar - Mera Aadhaar, Meri Pehchaan", 10, False, "c")
    doc.fields = {"full_name": "%s %s" % (first, last), "date_of_birth": b.isoformat(), "id_type": "aadhaar",
                  "id_number": shown.replace(" ", "")}


def build_dl_in(doc):
    rng = doc.rng
    first, last, sex = person(rng, "in")
    b = dob(rng)
    city, state, code, pin = rng.choice([c for c in IN_CITIES if c[1] in ("Maharashtra", "Karnataka", "Tamil Nadu",
                                                                           "Gujarat", "Kerala")])
    sc = {"Maharashtra": "MH", "Karnataka": "KA", "Tamil Nadu": "TN", "Gujarat": "GJ", "Kerala": "KL"}[state]
    issue = rdate(rng, 2010, 2022)
    valid = max(issue.replace(year=issue.year + 20), b.replace(year=b.year + 50, day=min(b.day, 28))) - datetime.timedelta(days=1)
    num = "%s%02d %d%07d" % (sc, rng.randint(1, 50), issue.year, rng.randint(0, 9999999))
    cw, ch = 430, 280
    p, ox, oy = card_page(doc, cw, ch, doc.opts.get("card_only"))
    p.rect(ox, oy, cw, ch, 1.2)
    p.text(ox + cw / 2, oy + 22, "INDIAN UNION DRIVING LICENCE", 12, True, "c")
    p.text(ox + cw / 2, oy + 38, "Issued by Government of " + state, 10, False, "c")
    p.photo_box(ox + cw - 100, oy + 55, 82, 100)
    x, y = ox + 15, oy + 65
    for lab, val in [("DL No.", num), ("Name", (first + " " + last).upper()),
                     ("S/D/W of", (rng.choice(IN_FIRST_M) + " " + last).upper()), ("DOB", fdate(b, "dmy-")),
                     ("Date of Issue", fdate(issue, "dmy-")), ("Valid Till (NT)", fdate(valid, "dmy-")),
                     ("Blood Group", rng.choice(["B+", "O+", "A+", "AB+", "O-"])),
                     ("Address", in_address(rng)[0][0])]:
        p.text(x, y, lab + ":", 10)
        p.text(x + 95, y, val, 11, lab in ("DL No.", "Name"))
        y += 21
    p.text(ox + cw - 100, oy + 180, "Class: MCWG, LMV", 10)
    p.signature(rng, ox + cw - 110, oy + 220, 80)
    doc.fields = {"full_name": (first + " " + last).upper(), "date_of_birth": b.isoformat(),
                  "id_type": "driving_licence", "id_number": num.replace(" ", ""), "expiry_date": valid.isoformat()}


def build_dl_uk(doc):
    rng = doc.rng
    first, last, sex = person(rng, "w")
    middle = rng.choice(W_FIRST_F if sex == "F" else W_FIRST_M)
    b = dob(rng)
    issue = rdate(rng, 2015, 2023)
    exp = issue.replace(year=issue.year + 10) - datetime.timedelta(days=1)
    sur5 = (last.upper().replace("'", "") + "99999")[:5]
    mm = b.month + (50 if sex == "F" else 0)
    num = "%s%s%02d%02d%s%s%d%s" % (sur5, str(b.year)[2], mm, b.day, str(b.year)[3], (first[0] + middle[0]).upper(),
                                    rng.randrange(10), "".join(rng.choice(UP) for _ in range(2)))
    cw, ch = 430, 270
    p, ox, oy = card_page(doc, cw, ch, doc.opts.get("card_only"))
    p.rect(ox, oy, cw, ch, 1.2)
    p.text(ox + 15, oy + 24, "DRIVING LICENCE", 14, True)
    p.text(ox + cw - 15, oy + 24, "UK", 14, True, "r")
    p.photo_box(ox + 15, oy + 45, 95, 120)
    x, y = ox + 125, oy + 58
    for ln, bold in [("1. " + last.upper(), True), ("2. %s %s" % (first.upper(), middle.upper()), True),
                     ("3. %s  UNITED KINGDOM" % fdate(b, "dmy."), False),
                     ("4a. %s   4c. DVLA" % fdate(issue, "dmy."), False), ("4b. " + fdate(exp, "dmy."), False),
                     ("5. %s %02d" % (num, rng.randint(10, 99)), True), ("8. " + ", ".join(uk_address(rng)), False),
                     ("9. AM/A/B1/B/f/k/l/n/p/q", False)]:
        p.text(x, y, ln, 11, bold)
        y += 20
    p.signature(rng, ox + 20, oy + 200, 80)
    p.text(ox + 15, oy + 230, "7.", 10)
    doc.fields = {"full_name": "%s %s %s" % (first.upper(), middle.upper(), last.upper()),
                  "date_of_birth": b.isoformat(), "id_type": "driving_licence", "id_number": num,
                  "expiry_date": exp.isoformat()}


def build_voter_id(doc):
    rng = doc.rng
    first, last, sex = person(rng, "in")
    b = dob(rng)
    epic = "".join(rng.choice(UP) for _ in range(3)) + "%07d" % rng.randint(0, 9999999)
    cw, ch = 400, 270
    p, ox, oy = card_page(doc, cw, ch, doc.opts.get("card_only"))
    p.rect(ox, oy, cw, ch, 1.2)
    p.text(ox + cw / 2, oy + 22, "ELECTION COMMISSION OF INDIA", 12, True, "c")
    p.text(ox + cw / 2, oy + 38, "IDENTITY CARD", 11, True, "c")
    p.text(ox + cw / 2, oy + 60, epic, 15, True, "c")
    p.photo_box(ox + 15, oy + 75, 85, 105)
    x, y = ox + 115, oy + 92
    for lab, val in [("Elector's Name", "%s %s" % (first, last)), ("Father's Name", rng.choice(IN_FIRST_M) + " " + last),
                     ("Sex", {"M": "Male", "F": "Female"}[sex]), ("Date of Birth", fdate(b, "dmy/"))]:
        p.text(x, y, lab + ":", 10)
        p.text(x + 95, y, val, 11, True)
        y += 22
    p.text(ox + 15, oy + 215, "Assembly Constituency: %s" % rng.choice(["Kothrud", "Andheri West", "Jayanagar",
                                                                        "Mylapore", "Salt Lake"]), 10)
    p.text(ox + 15, oy + 240, "Electoral Registration Officer", 10)
    doc.fields = {"full_name": "%s %s" % (first, last), "date_of_birth": b.isoformat(), "id_type": "voter_id",
                  "id_number": epic}


# --------------------------------------------------------------- other
def build_letter(doc):
    rng, p = doc.rng, doc.page()
    indian = rng.random() < 0.5
    f1, l1, _ = person(rng, "in" if indian else "w")
    f2, _, _ = person(rng, "in" if indian else "w")
    addr = in_address(rng)[0] if indian else uk_address(rng)
    d = rdate(rng)
    L, R = 70, 525
    y = 70
    for ln in addr:
        p.text(R, y, ln, 10.5, False, "r")
        y += 14
    p.text(R, y + 6, fdate(d, rng.choice(["d month y", "month d, y"])), 10.5, False, "r")
    y += 50
    p.text(L, y, "Dear %s," % f2, 11)
    y += 24
    paras = [
        "It was so lovely to hear from you last week. The garden has finally come back to life after the rains and "
        "the children spend every evening outside until it gets dark. We have started taking long walks by the lake "
        "on Sundays, which has become a small family ritual.",
        rng.choice([
            "You will be pleased to know that we paid off the last instalment of the car loan this month, so things "
            "feel a little lighter. We are thinking of saving for a short trip in the winter instead.",
            "Work has been busy. I spent most of last month chasing an unpaid invoice for a client, which was more "
            "tiring than the actual job, but it is sorted now.",
            "Dad is recovering well after his operation. The doctors are happy with his progress and he is already "
            "complaining about the hospital food, which we take as a good sign."]),
        "Do let us know when you are next in town. There is always a spare room for you, and Mum has promised to "
        "make her famous lemon cake. Give my love to everyone at home.",
    ]
    for para in paras:
        y = p.para(L, y, para, 11, R - L, 1.5) + 10
    y += 10
    p.text(L, y, rng.choice(["With love,", "Warm regards,", "Yours affectionately,"]), 11)
    p.signature(rng, L, y + 30, 80)
    p.text(L, y + 52, f1, 11)
    y += 95
    kwline(p, L, y, doc, label="P.S. Our word of the month is")


def build_memo(doc):
    rng, p = doc.rng, doc.page()
    indian = rng.random() < 0.5
    comp = rng.choice(IN_COMPANIES if indian else US_COMPANIES + UK_COMPANIES)
    f1, l1, _ = person(rng, "in" if indian else "w")
    d = rdate(rng)
    L, R = 60, 535
    p.text(L, 65, comp, 12, True)
    p.text(L, 100, "MEMORANDUM", 20, True)
    p.line(L, 110, R, 110, 1.5)
    subj, body = rng.choice([
        ("Office closure for maintenance",
         ["The office will remain closed on Saturday for electrical maintenance of the server room. Please shut down "
          "your workstations before leaving on Friday evening.",
          "Staff who need access during the weekend should contact the facilities desk in advance. Security staff "
          "will be on duty as usual."]),
        ("Submission of vendor bills before month end",
         ["All vendor invoices for the current month must reach the accounts team by the 25th so that payments can "
          "be processed in the regular cycle. Invoices received later will be paid in the next cycle.",
          "Please ensure that each bill carries an approved purchase order reference and the signature of the "
          "department head."]),
        ("Annual health check-up camp",
         ["We are happy to announce a free health check-up camp for all employees and their families on the ground "
          "floor conference room. Tests include blood sugar, blood pressure and an eye examination.",
          "Please register your name with the HR department by Wednesday so that we can plan the time slots."]),
        ("Staff welfare fund and salary advances",
         ["The staff welfare committee has revised the rules for salary advances and emergency loans from the "
          "welfare fund. The maximum advance is now two months of basic pay, repayable in twelve instalments.",
          "Applications should be submitted on the new form available on the intranet."])])
    y = 135
    for k, v in [("To", "All Staff"), ("From", "%s %s, %s" % (f1, l1, rng.choice(["HR Manager", "Office Administrator",
                                                                                 "Finance Controller"]))),
                 ("Date", fdate(d, rng.choice(["dmy/", "month d, y", "d month y"]))), ("Subject", subj)]:
        p.text(L, y, k + ":", 11, True)
        p.text(L + 70, y, v, 11)
        y += 18
    p.line(L, y - 6, R, y - 6, 0.6)
    y += 16
    for para in body:
        y = p.para(L, y, para, 11, R - L) + 10
    y += 30
    kwline(p, L, y, doc)


def build_flyer(doc):
    rng, p = doc.rng, doc.page()
    title, lines = rng.choice([
        ("COMMUNITY YOGA CAMP", ["Join us for a free seven-day yoga and wellness camp", "Every morning 6:30 to 8:00",
                                 "Venue: Municipal Park, near the old water tank", "Bring your own mat and a water bottle",
                                 "All ages welcome. No registration fee."]),
        ("GARAGE SALE THIS SATURDAY", ["Furniture, books, toys, kitchenware and much more", "From 9 am to 3 pm",
                                       "Everything must go - bargains for everyone!",
                                       "Cash only. Early birds welcome.", "Follow the yellow signs from the corner shop."]),
        ("LOST CAT - PLEASE HELP", ["Grey tabby with a white patch on the chest", "Answers to the name Tiger",
                                    "Last seen near the railway station on Tuesday evening",
                                    "Very friendly but may be scared", "Reward offered. Please call 98450 12345"]),
        ("HOME LOANS MADE SIMPLE - FREE SEMINAR", ["Thinking of buying your first home?",
                                                  "Learn how home loans, EMIs and interest rates work",
                                                  "Free entry, refreshments provided", "Community hall, 5 pm onwards",
                                                  "No products will be sold at this event."])])
    W = p.w
    p.rect(40, 40, W - 80, 760, 3)
    y = 130
    for part in [title] if p.width(title, 24, True) < W - 120 else title.split(" - "):
        p.text(W / 2, y, part, 24, True, "c")
        y += 34
    y += 30
    for ln in lines:
        p.text(W / 2, y, ln, 14, False, "c")
        y += 30
    y += 20
    d = rdate(rng)
    p.text(W / 2, y, fdate(d, rng.choice(["d month y", "month d, y"])), 16, True, "c")
    y += 60
    p.text(W / 2, y, "Contact: %s %s" % person(rng, rng.choice(["in", "w"]))[:2], 13, False, "c")
    kwline(p, 90, 740, doc, 13)


def build_bank_statement(doc):
    rng, p = doc.rng, doc.page()
    indian = rng.random() < 0.6
    f1, l1, _ = person(rng, "in" if indian else "w")
    bank = rng.choice(IN_BANKS) if indian else rng.choice(["Heartland Savings Bank", "Albion Bank plc"])
    cur = ("₹" if has_rupee(doc.fam) else "Rs.") if indian else ("$" if "Heartland" in bank else "£")
    fmt = fmt_inr if indian else fmt_intl
    start = rdate(rng)
    start = start.replace(day=1)
    L, R = 45, 550
    p.text(L, 60, bank, 15, True)
    p.text(L, 90, "STATEMENT OF ACCOUNT", 13, True)
    y = 115
    for k, v in [("Account Holder", "%s %s" % (f1, l1)), ("Account No.", "XXXXXX%04d" % rng.randint(0, 9999)),
                 ("Statement Period", "%s to %s" % (fdate(start, "dmy/"), fdate(start + datetime.timedelta(days=29), "dmy/")))]:
        p.kv(L, y, k + ":", v, 10.5, 110)
        y += 15
    y += 15
    bal = money(rng.randint(20000, 400000) if indian else rng.randint(1500, 20000))
    rows = [[fdate(start, "dmy/"), "Opening Balance", "", "", fmt(bal)]]
    descs = (["UPI/%s/grocery" % rng.choice(["BigBasket", "DMart", "Reliance Fresh"]), "NEFT salary credit",
              "EMI HOME LOAN A/C %d" % rng.randint(10 ** 7, 10 ** 8), "ATM withdrawal", "Electricity bill - BESCOM",
              "IMPS transfer to %s" % rng.choice(IN_FIRST_F), "Mobile recharge", "Interest credit",
              "Payment against invoice %d" % rng.randint(1000, 9999)] if indian else
             ["Card purchase - supermarket", "Salary", "Mortgage payment", "ATM withdrawal", "Water utility",
              "Transfer to savings", "Phone bill", "Interest paid", "Direct debit - car loan"])
    dt = start
    for desc in rng.sample(descs, 7):
        dt = dt + datetime.timedelta(days=rng.randint(1, 4))
        amt = money(Decimal(rng.randint(200, 60000 if indian else 2500)) + Decimal(rng.randint(0, 99)) / 100)
        credit = desc in ("NEFT salary credit", "Interest credit", "Salary", "Interest paid")
        if credit:
            amt = amt * 3
            bal += amt
        else:
            bal -= amt
        rows.append([fdate(dt, "dmy/"), desc, "" if credit else fmt(amt), fmt(amt) if credit else "", fmt(bal)])
    y = p.table(L, y, [("Date", 70, "l"), ("Description", 205, "l"), ("Debit", 75, "r"), ("Credit", 75, "r"),
                       ("Balance", 80, "r")], rows, 10)
    y += 25
    p.text(L, y, "Closing Balance: %s%s" % (cur, fmt(bal)), 11, True)
    y += 30
    y = p.para(L, y, "This is a computer generated statement and does not require a signature. Please report any "
                     "discrepancy within 15 days of receipt.", 10, R - L)
    y += 30
    kwline(p, L, y, doc)


def build_fax_cover(doc):
    rng, p = doc.rng, doc.page()
    indian = rng.random() < 0.5
    f1, l1, _ = person(rng, "in" if indian else "w")
    f2, l2, _ = person(rng, "in" if indian else "w")
    c1 = rng.choice(IN_COMPANIES if indian else US_COMPANIES + UK_COMPANIES)
    c2 = rng.choice(IN_COMPANIES if indian else US_COMPANIES + UK_COMPANIES)
    d = rdate(rng)
    L, R = 60, 535
    p.text(L, 80, "FAX", 34, True)
    p.text(R, 80, c1, 12, True, "r")
    p.line(L, 95, R, 95, 2)
    y = 130
    re = rng.choice(["Copies of pending invoices", "Signed loan documents - please countersign",
                     "Revised delivery schedule", "Meeting agenda for Thursday"])
    for k, v in [("To", "%s %s, %s" % (f2, l2, c2)), ("Fax", "+%d %d %04d %04d" % (
            rng.choice([91, 1, 44]), rng.randint(20, 99), rng.randint(1000, 9999), rng.randint(0, 9999))),
                 ("From", "%s %s" % (f1, l1)), ("Date", fdate(d, rng.choice(["dmy/", "month d, y"]))),
                 ("Pages", "%d (including cover)" % rng.randint(2, 6)), ("Re", re)]:
        p.text(L, y, k + ":", 12, True)
        p.text(L + 70, y, v, 12)
        y += 22
    p.line(L, y, R, y, 1)
    y += 28
    for box in ["Urgent", "For Review", "Please Reply"]:
        pass
    xb = L
    for box in ["Urgent", "For Review", "Please Comment", "Please Reply"]:
        p.rect(xb, y - 10, 10, 10, 0.8)
        p.text(xb + 15, y, box, 11)
        xb += 120
    y += 35
    y = p.para(L, y, rng.choice([
        "Please find attached the documents we discussed on the phone this morning. Kindly confirm receipt and let "
        "me know if any page is unclear so that I can send it again.",
        "As requested, the attached pages are being sent for your records. The originals will follow by courier. "
        "Call me if you have any questions about the invoice amounts or the payment dates."]), 11.5, R - L)
    y += 30
    p.text(L, y, "CONFIDENTIALITY NOTICE", 11, True)
    y += 16
    y = p.para(L, y, "The information in this fax is confidential and intended only for the recipient named above. "
                     "If you have received it in error, please notify the sender immediately.", 10.5, R - L)
    y += 35
    kwline(p, L, y, doc)


# --------------------------------------------------------------- annex pages (for multi-page docs)
def add_annex(doc):
    """A second page that fits the document (shown as an attachment or continuation)."""
    rng = doc.rng
    kind, a, b, ref = getattr(doc, "annex", ("other", "", "", ""))
    p = doc.page()
    L, R = 60, 535
    if kind.startswith("invoice"):
        p.text(L, 70, "DELIVERY NOTE / GOODS RECEIPT", 14, True)
        y = 100
        for k, v in [("Supplier", a), ("Delivered to", b), ("Against invoice", ref),
                     ("Vehicle / Carrier", rng.choice(["MH12 KT 4471", "Blue Dart", "DHL Express", "Own transport"]))]:
            p.kv(L, y, k + ":", v, 11, 130)
            y += 18
        y += 20
        y = p.para(L, y, "Received the goods listed in the above invoice in good order and condition. Any shortage "
                         "or damage has been noted below.", 11, R - L)
        y += 20
        p.text(L, y, "Remarks: no shortage, all cartons sealed.", 11)
        y += 60
        p.signature(rng, L, y)
        p.text(L, y + 22, "Receiver's signature and stamp", 11)
    elif kind == "loan":
        p.text(L, 70, "DOCUMENT CHECKLIST AND DECLARATION", 14, True)
        y = 100
        p.text(L, y, "Applicant: %s      Reference: %s" % (b, ref), 11)
        y += 28
        for item in ["Proof of identity", "Proof of address", "Income proof: last 3 salary slips",
                     "Bank statements for 6 months", "Property documents (if applicable)"]:
            p.rect(L, y - 10, 10, 10, 0.8)
            p.text(L + 18, y, item, 11)
            y += 20
        y += 20
        y = p.para(L, y, "I confirm that the documents listed above are true copies of the originals and that %s "
                         "may retain them for its records." % a, 11, R - L)
        y += 50
        p.signature(rng, L, y)
        p.text(L, y + 22, "Signature of applicant", 11)
    else:
        p.text(L, 70, "Continued", 14, True)
        y = 100
        y = p.para(L, y, "Further notes for the file. Nothing on this page changes the contents of the first page. "
                         "Please keep both pages together.", 11, R - L)
        y += 30
        for i in range(4):
            p.text(L, y, "%d. %s" % (i + 1, rng.choice(["Noted and filed.", "Copy sent to records.",
                                                         "Original retained.", "Reviewed, no action needed."])), 11)
            y += 20


# --------------------------------------------------------------- novel invoice (docket train test)
def build_invoice_fee_memo(doc):
    """An invoice in a layout and wording none of the corpus layouts use: a
    professional firm's "memorandum of fees", laid out like an office memo,
    never saying invoice, total or tax. The default model should get it
    wrong; `docket train` on a few of them should put it right."""
    rng, p = doc.rng, doc.page()
    firm = rng.choice(["Iyer & Deshpande", "Kulkarni Mehta & Co.", "Banerjee Rao Associates",
                       "Whitfield Clarke LLP", "Nair Krishnan & Partners"])
    prof = rng.choice(["Chartered Accountants", "Advocates and Solicitors", "Cost Accountants",
                       "Company Secretaries"])
    client_first, client_last, _ = person(rng, "in")
    client = rng.choice(IN_COMPANIES)
    d = rdate(rng)
    ref = "FN/%d-%02d/%04d" % (d.year % 100, d.year % 100 + 1, rng.randint(1, 9999))
    sym = "Rs."
    L, R = 60, 535
    p.text(L, 65, firm, 13, True)
    p.text(L, 80, prof, 10.5)
    p.text(L, 112, "MEMORANDUM OF FEES", 18, True)
    p.line(L, 122, R, 122, 1.5)
    y = 146
    for k, v in [("To", "%s %s, %s" % (client_first, client_last, client)),
                 ("From", firm), ("Date", fdate(d, rng.choice(["dmy/", "d month y"]))), ("Our ref.", ref)]:
        p.text(L, y, k + ":", 11, True)
        p.text(L + 80, y, v, 11)
        y += 18
    p.line(L, y - 6, R, y - 6, 0.6)
    y += 16
    period = rng.choice(["the quarter ended 30 June", "the half year ended 30 September",
                         "the year ended 31 March", "the month of " + MONTH[d.month - 1]])
    y = p.para(L, y, "For professional services rendered to you during %s, as agreed in our engagement "
                     "letter:" % period, 11, R - L) + 12
    services = rng.sample([("Statutory audit and certification", 40000, 150000),
                           ("Preparation and e-filing of returns", 5000, 25000),
                           ("Drafting of agreements and deeds", 15000, 60000),
                           ("Representation before the assessing officer", 20000, 80000),
                           ("Secretarial compliance and board minutes", 8000, 30000),
                           ("Advisory meetings (hours as per time sheet)", 6000, 45000)], rng.randint(2, 3))
    services.append(("Out-of-pocket expenses, travel and stamp paper", 500, 4000))
    sum_ = Decimal(0)
    for i, (what, lo, hi) in enumerate(services):
        amt = money(Decimal(rng.randint(lo, hi)))
        sum_ += amt
        p.text(L, y, "%d.  %s" % (i + 1, what), 11)
        p.text(R, y, fmt_inr(amt), 11, False, "r")
        y += 18
    p.line(R - 120, y - 8, R, y - 8, 0.6)
    y += 6
    p.text(L, y, rng.choice(["Fees now payable", "Sum payable to us", "Amount of our fees"]), 11.5, True)
    p.text(R, y, "%s %s" % (sym, fmt_inr(sum_)), 11.5, True, "r")
    y += 18
    p.text(L, y, "(Rupees %s only)" % inr_words(int(sum_)), 10.5)
    y += 30
    y = p.para(L, y, "Kindly remit the above by cheque in favour of %s or by transfer to our account with "
                     "%s, quoting our reference. Thank you for your continued confidence." %
               (firm, rng.choice(IN_BANKS)), 11, R - L) + 30
    p.signature(rng, L, y)
    p.text(L, y + 22, "For %s" % firm, 11)
    kwline(p, L, y + 60, doc)
    doc.fields = {"invoice_number": ref, "invoice_date": d.isoformat(), "vendor_name": firm,
                  "customer_name": client, "total_amount": str(sum_), "currency": "INR"}


def generate_novel_invoices(out, seed, n):
    """N fee-memo invoices, born digital, split by the usual held-out rule."""
    # Not in BUILDERS, so that --per-type corpora never draw this layout.
    docs = []
    for i in range(n):
        name = "invoice-%03d-born_digital" % i
        rng = random.Random("doc:novel:%s:%s" % (seed, name))
        doc = Doc(name, "invoice", "fee_memo", "born_digital", {}, KEYWORDS[i % len(KEYWORDS)], rng, split_of(i))
        build_invoice_fee_memo(doc)
        doc.ext = "pdf"
        docs.append(doc)
    check_layout(docs)
    for sub in ("train", "heldout"):
        if os.path.isdir(os.path.join(out, sub)):
            shutil.rmtree(os.path.join(out, sub))
    for d in docs:
        write_doc(d, out, seed)
    summarize(docs)


def generate_loan_file(out, seed):
    """One applicant's loan file as separate documents: the application (a
    scan), the PAN card (a photo) and the passport (a scan), all of the same
    person, for `docket pull --loan`. Written to OUT/ with truth files."""
    rng = random.Random("loanfile:%s" % seed)
    first, last, sex = person(rng, "in")
    who = {"first": first, "last": last, "sex": sex, "dob": dob(rng),
           "pan": make_pan(rng, "P", last[0]), "father": rng.choice(IN_FIRST_M) + " " + last}
    plan = [("loan", "in_application", "scanned_pdf", {"who": who}),
            ("kyc", "pan", "photo", {"who": who, "ext": "jpg", "angle": 1.2, "dpi": 170, "card_only": False}),
            ("kyc", "passport", "scanned_pdf", {"who": who, "country": "IND"})]
    words = ["quillwort", "saxifrage", "tamarack"]  # not in the corpus word list
    docs = []
    for (t, layout, fmt, o), w, n in zip(plan, words, ["application", "pan-card", "passport"]):
        name = "%s-%s" % (n, fmt)
        doc = Doc(name, t, layout, fmt, dict(o), w, random.Random("loanfile:%s:%s" % (seed, name)), ".")
        BUILDERS[t][layout](doc)
        doc.ext = o.get("ext") or EXT[fmt]
        docs.append(doc)
    check_layout(docs)
    if os.path.isdir(out):
        shutil.rmtree(out)
    for d in docs:
        write_doc(d, out, seed)
    summarize(docs)


# --------------------------------------------------------------- plans
BUILDERS = {
    "invoice": {"in_gst": build_invoice_in_gst, "us": build_invoice_us, "eu": build_invoice_eu,
                "uk": build_invoice_uk},
    "loan": {"in_application": build_loan_in_application, "in_sanction": build_loan_in_sanction,
             "us_application": build_loan_us, "uk_offer": build_loan_uk, "eu_agreement": build_loan_eu},
    "kyc": {"passport": build_passport, "national_id": build_national_id, "pan": build_pan,
            "aadhaar": build_aadhaar, "driving_licence_in": build_dl_in, "driving_licence_uk": build_dl_uk,
            "voter_id": build_voter_id},
    "other": {"letter": build_letter, "memo": build_memo, "flyer": build_flyer,
              "bank_statement": build_bank_statement, "fax_cover": build_fax_cover},
}

# Curated committed plan: (type, layout, format, options).  Options:
#   font, pages, dpi, angle, noise, blur, quality, compression, speckle,
#   upside_down, sideways, mode, levels, card_only, masked, country, ext.
G3, G4, LZW = "group3", "group4", "tiff_lzw"
CURATED = [
    ("invoice", "in_gst", "born_digital", {"font": "DejaVuSans"}),
    ("invoice", "us", "born_digital", {"font": "LiberationSans"}),
    ("invoice", "in_gst", "scanned_pdf", {"font": "DejaVuSerif", "angle": 1.2, "dpi": 200}),
    ("invoice", "eu", "born_digital", {"font": "DejaVuSans"}),
    ("invoice", "uk", "scanned_pdf", {"font": "LiberationSerif", "angle": -0.8, "dpi": 240}),
    ("invoice", "in_gst", "mixed_pdf", {"font": "DejaVuSans", "pages": 2}),
    ("invoice", "us", "fax_standard", {"font": "LiberationSans", "compression": G3, "angle": 1.5}),
    ("invoice", "uk", "fax_fine", {"font": "DejaVuSans", "compression": G4, "speckle": 1500}),
    ("invoice", "eu", "tiff", {"font": "LiberationSans", "compression": LZW, "mode": "1"}),
    ("invoice", "us", "photo", {"font": "DejaVuSerif", "ext": "jpg", "angle": 1.8, "dpi": 160}),
    ("invoice", "uk", "photo", {"font": "LiberationSans", "ext": "png", "angle": -1.2, "dpi": 150}),
    ("invoice", "in_gst", "fax_fine", {"font": "DejaVuSansMono", "compression": G3, "angle": -2.0}),

    ("loan", "in_sanction", "born_digital", {"font": "DejaVuSerif"}),
    ("loan", "uk_offer", "born_digital", {"font": "LiberationSerif"}),
    ("loan", "in_application", "scanned_pdf", {"font": "DejaVuSans", "sideways": True, "dpi": 200}),
    ("loan", "us_application", "mixed_pdf", {"font": "LiberationSans", "pages": 2}),
    ("loan", "in_application", "fax_standard", {"font": "DejaVuSans", "pages": 2, "compression": G3,
                                                "speckle": 800}),
    ("loan", "in_sanction", "fax_fine", {"font": "DejaVuSerif", "compression": G4, "upside_down": True}),
    ("loan", "uk_offer", "tiff", {"font": "LiberationSans", "compression": G4, "mode": "1", "angle": 0.7}),
    ("loan", "eu_agreement", "photo", {"font": "DejaVuSans", "ext": "jpg", "angle": -1.5, "dpi": 170}),
    ("loan", "us_application", "scanned_pdf", {"font": "LiberationMono", "angle": -1.5, "dpi": 200}),
    ("loan", "eu_agreement", "born_digital", {"font": "LiberationSans"}),

    ("kyc", "passport", "born_digital", {"font": "DejaVuSans", "country": "IND"}),
    ("kyc", "pan", "scanned_pdf", {"font": "DejaVuSans", "angle": 1.0, "dpi": 200}),
    ("kyc", "passport", "scanned_pdf", {"font": "LiberationSans", "country": "GBR", "angle": -0.6, "dpi": 240}),
    ("kyc", "aadhaar", "fax_standard", {"font": "DejaVuSans", "compression": G4}),
    ("kyc", "national_id", "fax_fine", {"font": "LiberationSans", "country": "NLD", "compression": G3,
                                        "angle": 1.0}),
    ("kyc", "driving_licence_in", "fax_fine", {"font": "DejaVuSans", "compression": G4, "speckle": 1000}),
    ("kyc", "pan", "tiff", {"font": "LiberationSans", "compression": G4, "mode": "1"}),
    ("kyc", "aadhaar", "tiff", {"font": "DejaVuSans", "compression": None, "mode": "1", "card_only": True,
                                "masked": True}),
    ("kyc", "passport", "photo", {"font": "DejaVuSans", "country": "USA", "ext": "jpg", "card_only": True,
                                  "angle": 2.0, "dpi": 200}),
    ("kyc", "national_id", "photo", {"font": "DejaVuSans", "country": "BEL", "ext": "png", "card_only": True,
                                     "angle": -1.5, "dpi": 180}),
    ("kyc", "driving_licence_uk", "photo", {"font": "LiberationSans", "ext": "jpg", "card_only": True,
                                            "angle": 1.0, "dpi": 200}),
    ("kyc", "voter_id", "born_digital", {"font": "DejaVuSans"}),

    ("other", "memo", "born_digital", {"font": "LiberationSans"}),
    ("other", "bank_statement", "born_digital", {"font": "DejaVuSans"}),
    ("other", "letter", "scanned_pdf", {"font": "DejaVuSerif", "angle": 0.9, "dpi": 200}),
    ("other", "bank_statement", "mixed_pdf", {"font": "LiberationSans", "pages": 2}),
    ("other", "fax_cover", "fax_standard", {"font": "DejaVuSans", "compression": G4, "angle": -1.2}),
    ("other", "fax_cover", "fax_fine", {"font": "LiberationMono", "compression": G3, "speckle": 1200}),
    ("other", "flyer", "tiff", {"font": "DejaVuSans", "compression": LZW, "mode": "L", "levels": 8}),
    ("other", "letter", "photo", {"font": "LiberationSerif", "ext": "png", "angle": 1.4, "dpi": 150}),
    ("other", "memo", "fax_standard", {"font": "DejaVuSerif", "compression": G3, "speckle": 600}),
    ("other", "flyer", "mixed_pdf", {"font": "LiberationSans", "pages": 2}),
]

FMT_CYCLE = ["born_digital", "scanned_pdf", "fax_standard", "photo", "mixed_pdf", "fax_fine", "tiff"]


def procedural_plan(per_type, seed):
    plan = []
    for t_i, t in enumerate(TYPES):
        layouts = list(BUILDERS[t])
        for i in range(per_type):
            rng = random.Random("plan:%s:%s:%d" % (seed, t, i))
            layout = layouts[(i + i // len(FMT_CYCLE)) % len(layouts)]
            fmt = FMT_CYCLE[(i + 2 * t_i) % len(FMT_CYCLE)]
            if t == "kyc" and fmt == "mixed_pdf":
                fmt = "scanned_pdf"
            o = {"font": rng.choice(FAMILIES)}
            if fmt in ("scanned_pdf", "tiff", "fax_standard", "fax_fine", "photo"):
                o["angle"] = round(rng.choice([0, 0, 1, -1]) * rng.uniform(0.3, 2.5), 2)
            if fmt == "scanned_pdf":
                o["dpi"] = rng.choice([200, 200, 240])
                o["sideways"] = rng.random() < 0.06
            if fmt in ("fax_standard", "fax_fine"):
                o["compression"] = rng.choice([G3, G4])
                o["speckle"] = rng.choice([0, 0, 600, 1200])
                o["upside_down"] = rng.random() < 0.06
            if fmt == "tiff":
                o["compression"], o["mode"] = rng.choice([(G4, "1"), (LZW, "1"), (None, "1")])
                if o["compression"] is None:
                    o["card_only"] = True if t == "kyc" else False
            if fmt == "photo":
                o["ext"] = rng.choice(["jpg", "jpg", "png"])
                o["dpi"] = rng.choice([150, 160, 180])
            if t == "kyc":
                o["card_only"] = o.get("card_only") or (fmt == "photo" and rng.random() < 0.5)
                o["masked"] = layout == "aadhaar" and rng.random() < 0.3
            if fmt == "mixed_pdf":
                o["pages"] = 2
            elif t != "kyc" and fmt in ("scanned_pdf", "fax_standard", "fax_fine") and rng.random() < 0.15:
                o["pages"] = 2
            if fmt == "tiff" and o.get("compression") is None and t != "kyc":
                o["compression"] = LZW
            plan.append((t, layout, fmt, o))
    return plan


def split_of(i):
    return "heldout" if i % 10 in (1, 4, 7) else "train"


EXT = {"born_digital": "pdf", "scanned_pdf": "pdf", "mixed_pdf": "pdf", "fax_standard": "tif",
       "fax_fine": "tif", "tiff": "tif"}


def make_docs(plan, seed):
    docs, counters = [], {}
    for k, (t, layout, fmt, o) in enumerate(plan):
        i = counters.get(t, 0)
        counters[t] = i + 1
        name = "%s-%03d-%s" % (t, i, fmt)
        kw = KEYWORDS[k % len(KEYWORDS)]
        rng = random.Random("doc:%s:%s" % (seed, name))
        doc = Doc(name, t, layout, fmt, dict(o), kw, rng, split_of(i))
        BUILDERS[t][layout](doc)
        for _ in range(o.get("pages", 1) - 1):
            add_annex(doc)
        if fmt.startswith("fax"):
            add_fax_headers(doc)
        doc.ext = o.get("ext") or EXT[fmt]
        docs.append(doc)
    return docs


def add_fax_headers(doc):
    """The sending machine's header line on every page of a fax."""
    rng = doc.rng
    d = rdate(rng)
    hdr = "%02d-%s-%d %02d:%02d  FROM: +%d %d %04d %04d" % (
        d.day, MON[d.month - 1].upper(), d.year, rng.randint(8, 19), rng.randint(0, 59),
        rng.choice([91, 44, 1, 49]), rng.randint(20, 99), rng.randint(1000, 9999), rng.randint(0, 9999))
    n = len(doc.pages)
    for i, p in enumerate(doc.pages):
        p.text(30, 24, hdr, 10, fam="DejaVuSansMono")
        p.text(p.w - 30, 24, "P.%d/%d" % (i + 1, n), 10, align="r", fam="DejaVuSansMono")


def check_layout(docs):
    for d in docs:
        for p in d.pages:
            for op in p.ops:
                if op[0] == "text":
                    w = pdfmetrics.stringWidth(op[3], op[4], op[5])
                    if op[1] < 14 or op[1] + w > p.w - 14:
                        WARNINGS.append("%s: text outside page: %r" % (d.name, op[3]))
    for w in WARNINGS:
        print("warning:", w, file=sys.stderr)
    del WARNINGS[:]


def check_keywords(docs, strict):
    texts = {d.name: d.text().lower() for d in docs}
    problems = []
    seen = {}
    for d in docs:
        if d.keyword in seen:
            problems.append("keyword %s reused by %s and %s" % (d.keyword, seen[d.keyword], d.name))
        seen.setdefault(d.keyword, d.name)
        for o in docs:
            if o is not d and o.keyword != d.keyword and d.keyword in texts[o.name]:
                problems.append("keyword %s of %s appears in %s" % (d.keyword, d.name, o.name))
    if problems and strict:
        raise SystemExit("keyword check failed:\n" + "\n".join(problems))
    if problems:
        print("note: %d keyword collisions (allowed for large corpora)" % len(problems), file=sys.stderr)


def write_doc(doc, root, seed):
    outdir = os.path.join(root, doc.split)
    os.makedirs(outdir, exist_ok=True)
    path = os.path.join(outdir, "%s.%s" % (doc.name, doc.ext))
    rng = random.Random("render:%s:%s" % (seed, doc.name))
    f = doc.format
    if f == "born_digital":
        write_born_digital(doc, path)
    elif f == "scanned_pdf":
        write_scanned_pdf(doc, path, rng)
    elif f == "mixed_pdf":
        write_scanned_pdf(doc, path, rng, vector_pages=(0,))
    elif f == "fax_standard":
        write_fax(doc, path, rng, False)
    elif f == "fax_fine":
        write_fax(doc, path, rng, True)
    elif f == "tiff":
        write_square_tiff(doc, path, rng)
    elif f == "photo":
        write_photo(doc, path, rng)
    truth = {"type": doc.type, "format": f, "pages": len(doc.pages), "layout": doc.layout,
             "keyword": doc.keyword, "text": doc.text(), "fields": dict(sorted(doc.fields.items()))}
    o = doc.opts
    if o.get("upside_down"):
        truth["orientation"] = 180
    if o.get("sideways"):
        truth["orientation"] = 90
    if getattr(doc, "mrz", None):
        truth["mrz"] = doc.mrz
    with open(os.path.join(outdir, doc.name + ".truth.json"), "w", encoding="utf-8") as fh:
        json.dump(truth, fh, ensure_ascii=False, indent=1)
        fh.write("\n")
    return path


# --------------------------------------------------------------- bad inputs
BAD_README = """# Bad inputs

Files docket must reject (status `rejected` with a reason) without crashing
and without stopping the rest of a batch. Regenerate with
`/usr/bin/python3 samples/generate.py --bad --out samples/bad`.

| file | what it is | why it must be rejected |
|---|---|---|
| `empty.pdf` | 0 bytes | nothing to read |
| `truncated.pdf` | the first half of a valid one-page PDF | no xref/trailer, page content cut off |
| `corrupt.pdf` | `%PDF-1.4` header followed by random bytes | header claims PDF, body is garbage |
| `encrypted.pdf` | valid PDF encrypted with a user password (`s3cret`, RC4 128) | cannot be opened without the password (poppler reports it *locked*) |
| `lying-header.tif` | TIFF whose IFD claims 60000x60000 8-bit grey, uncompressed, one strip of 3.6 GB, but holds 16 bytes | size limits: never allocate what the header claims before checking it against the file |
| `bomb.png` | PNG whose IHDR says 100000x100000 grey 8-bit; the IDAT is a short zlib stream | decompression/allocation bomb (10 GB of pixels); reject on the declared size |
| `not-a-document.pdf` | plain text with a `.pdf` extension | content does not match the extension |
| `notes.txt` | plain text | not a supported document type |
"""


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)


def write_bad(out, seed):
    os.makedirs(out, exist_ok=True)
    rng = random.Random("bad:%s" % seed)
    j = lambda n: os.path.join(out, n)  # noqa: E731
    open(j("empty.pdf"), "wb").close()
    # a valid PDF to cut in half
    doc = Doc("bad-src", "invoice", "us", "born_digital", {"font": "LiberationSans"}, "sample", rng, "train")
    build_invoice_us(doc)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    for p in doc.pages:
        pdf_draw_vector(c, p)
    c.save()
    full = buf.getvalue()
    with open(j("truncated.pdf"), "wb") as f:
        f.write(full[:len(full) // 2])
    with open(j("corrupt.pdf"), "wb") as f:
        f.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + rng.randbytes(4000))
    from reportlab.lib import pdfencrypt
    enc = pdfencrypt.StandardEncryption("s3cret", ownerPassword="owner-%s" % seed, strength=128)
    c = canvas.Canvas(j("encrypted.pdf"), pagesize=A4, encrypt=enc)
    for p in doc.pages:
        pdf_draw_vector(c, p)
    c.save()
    # lying TIFF: little-endian, one IFD
    entries = [(256, 4, 1, 60000), (257, 4, 1, 60000), (258, 3, 1, 8), (259, 3, 1, 1), (262, 3, 1, 1),
               (273, 4, 1, 0), (277, 3, 1, 1), (278, 4, 1, 60000), (279, 4, 1, 60000 * 60000)]
    ifd_off = 8
    data_off = ifd_off + 2 + 12 * len(entries) + 4
    ifd = struct.pack("<H", len(entries))
    for tag, typ, cnt, val in entries:
        if tag == 273:
            val = data_off
        if typ == 3:
            ifd += struct.pack("<HHIHH", tag, typ, cnt, val, 0)
        else:
            ifd += struct.pack("<HHII", tag, typ, cnt, val)
    ifd += struct.pack("<I", 0)
    with open(j("lying-header.tif"), "wb") as f:
        f.write(b"II*\x00" + struct.pack("<I", ifd_off) + ifd + bytes(range(16)))
    # PNG bomb: header claims 100000 x 100000, short IDAT
    ihdr = struct.pack(">IIBBBBB", 100000, 100000, 8, 0, 0, 0, 0)
    raw = (b"\x00" + b"\x00" * 100000) * 40
    with open(j("bomb.png"), "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) + png_chunk(b"IDAT", zlib.compress(raw, 9))
                + png_chunk(b"IEND", b""))
    with open(j("not-a-document.pdf"), "w") as f:
        f.write("This is a plain text file that only pretends to be a PDF by its name.\n"
                "There is no %PDF header, no objects and no pages in it.\n")
    with open(j("notes.txt"), "w") as f:
        f.write("Notes from the Monday meeting\n\n- Archive the March invoices by Friday.\n"
                "- Ask the bank for the revised loan schedule.\n- Plain text: docket should reject this file.\n")
    with open(j("README.md"), "w") as f:
        f.write(BAD_README)


# --------------------------------------------------------------- packets (issue #9)
SEPARATOR_TEXT = "DOCKET SEPARATOR SHEET"
PACKET_MIX = [("invoice", 3), ("loan", 2), ("kyc", 3), ("other", 2)]


def separator_page(fam, rng):
    """A mailroom's separator sheet: a keyword and a barcode-like strip."""
    p = Page(fam)
    p.text(p.w / 2, 300, SEPARATOR_TEXT, 26, True, align="c")
    x = 150
    while x < p.w - 150:
        w = rng.choice([1.5, 1.5, 3, 4.5])
        p.rect(x, 340, w, 70, 0, fill=0, stroke=False)
        x += w + rng.choice([1.5, 3, 4.5])
    p.text(p.w / 2, 450, "Place before each document", 12, align="c")
    return p


# Code 39: each character is 9 elements (bar, space, bar, ... bar), 3 of
# them wide; characters are parted by a narrow space, and the value is
# framed by the start/stop character '*'. n = narrow, w = wide.
CODE39 = {
    "0": "nnnwwnwnn", "1": "wnnwnnnnw", "2": "nnwwnnnnw", "3": "wnwwnnnnn", "4": "nnnwwnnnw",
    "5": "wnnwwnnnn", "6": "nnwwwnnnn", "7": "nnnwnnwnw", "8": "wnnwnnwnn", "9": "nnwwnnwnn",
    "A": "wnnnnwnnw", "B": "nnwnnwnnw", "C": "wnwnnwnnn", "D": "nnnnwwnnw", "E": "wnnnwwnnn",
    "F": "nnwnwwnnn", "G": "nnnnnwwnw", "H": "wnnnnwwnn", "I": "nnwnnwwnn", "J": "nnnnwwwnn",
    "K": "wnnnnnnww", "L": "nnwnnnnww", "M": "wnwnnnnwn", "N": "nnnnwnnww", "O": "wnnnwnnwn",
    "P": "nnwnwnnwn", "Q": "nnnnnnwww", "R": "wnnnnnwwn", "S": "nnwnnnwwn", "T": "nnnnwnwwn",
    "U": "wwnnnnnnw", "V": "nwwnnnnnw", "W": "wwwnnnnnn", "X": "nwnnwnnnw", "Y": "wwnnwnnnn",
    "Z": "nwwnwnnnn", "-": "nwnnnnwnw", ".": "wwnnnnwnn", " ": "nwwnnnwnn", "*": "nwnnwnwnn",
}
SEPARATOR_BARCODE = "DOCKET-SEPARATOR"


def draw_code39(p, x, y, value, narrow=1.5, height=60):
    """Draws `value` as a Code 39 barcode with its left edge at x, top at y
    (points); wide elements are 3 narrow ones. Returns the width drawn."""
    x0 = x
    for ch in "*" + value + "*":
        for i, e in enumerate(CODE39[ch]):
            w = narrow * (3 if e == "w" else 1)
            if i % 2 == 0:
                p.rect(x, y, w, height, 0, fill=0, stroke=False)
            x += w
        x += narrow  # the gap between characters
    return x - x0


def code39_width(value, narrow=1.5):
    return (len(value) + 2) * 16 * narrow - narrow


def barcode_separator_page(fam, rng):
    """A mailroom's separator sheet that says so only in its barcode: the
    label around it is the batch's, without any separator keyword, so a
    reader of text alone takes it for a page of a document."""
    p = Page(fam)
    p.text(p.w / 2, 200, "Mailroom batch %04d" % rng.randint(1, 9999), 18, True, align="c")
    p.text(p.w / 2, 230, "Scanned %d %s 2024 by operator %s" % (rng.randint(1, 28), MON[rng.randint(0, 11)],
                                                              rng.choice(["R. Shah", "A. Iyer", "M. Khan"])),
           12, align="c")
    draw_code39(p, (p.w - code39_width(SEPARATOR_BARCODE)) / 2, 300, SEPARATOR_BARCODE)
    return p


def add_page_numbers(doc):
    """'Page i of n' at the foot of every page, as many forms print."""
    n = len(doc.pages)
    for i, p in enumerate(doc.pages):
        p.text(p.w / 2, p.h - 28, "Page %d of %d" % (i + 1, n), 9, align="c")


def packet_docs(rng, seed, name, n, who=None, plan=None):
    """n documents of mixed types for one packet (or the given plan)."""
    docs = []
    weights = [t for t, w in PACKET_MIX for _ in range(w)]
    prev = None
    for j in range(n):
        if plan:
            t, layout, o = plan[j]
        else:
            t = rng.choice(weights)
            layout = rng.choice(list(BUILDERS[t]))
            # two "other" papers in a row carry nothing that tells them apart
            # but their looks; a mailroom stacks them as they come, so can we
            if prev == "other" and t == "other":
                t, layout = "invoice", rng.choice(list(BUILDERS["invoice"]))
            o = {}
        prev = t
        o = dict(o)
        o.setdefault("font", rng.choice(FAMILIES))
        if t == "kyc":
            o.setdefault("card_only", False)
        dname = "%s-%d-%s" % (name, j + 1, t)
        kw = KEYWORDS[(hash_str(dname) + j) % len(KEYWORDS)]
        doc = Doc(dname, t, layout, "packet", o, kw, random.Random("pdoc:%s:%s" % (seed, dname)), ".")
        BUILDERS[t][layout](doc)
        if t != "kyc" and rng.random() < 0.3:
            add_annex(doc)
        if len(doc.pages) > 1 and rng.random() < 0.5:
            add_page_numbers(doc)
        docs.append(doc)
    return docs


def hash_str(s):
    return int(hashlib.sha256(s.encode()).hexdigest()[:8], 16)


def write_packet(docs, path, fmt, rng, separators):
    """One file of all the documents' pages, in order, with a separator sheet
    before every document but the first when `separators`. Returns the truth."""
    pages, parts, seps = [], [], []
    for j, d in enumerate(docs):
        if separators == "barcode" and j > 0:
            pages.append(("sep", barcode_separator_page(d.fam, rng)))
            seps.append(len(pages))
        elif separators and j > 0:
            pages.append(("sep", separator_page(d.fam, rng)))
            seps.append(len(pages))
        first = len(pages) + 1
        for i, p in enumerate(d.pages):
            pages.append((d, p))
        parts.append({"type": d.type, "layout": d.layout, "pages": [first, len(pages)],
                      "keyword": d.keyword, "fields": dict(sorted(d.fields.items()))})
    if fmt == "pdf":
        # born-digital and scanned documents mixed, as a PDF put together
        # from an e-mail and a scanner is
        scanned = {id(d): rng.random() < 0.5 for d in docs}
        c = canvas.Canvas(path, pagesize=A4)
        for d, p in pages:
            if d == "sep" or not scanned[id(d)]:
                pdf_draw_vector(c, p)
            else:
                im = scan_degrade(p, 200, rng, angle=rng.uniform(-1, 1), noise=6, blur=0.5)
                pdf_draw_image(c, jpeg_bytes(im, 60), p.w, p.h)
        c.save()
    elif fmt == "scanned_pdf":
        # every page through the scanner, the separator sheets too
        c = canvas.Canvas(path, pagesize=A4)
        for d, p in pages:
            im = scan_degrade(p, 200, rng, angle=rng.uniform(-1, 1), noise=6, blur=0.5)
            pdf_draw_image(c, jpeg_bytes(im, 60), p.w, p.h)
        c.save()
    elif fmt == "tiff":
        frames = []
        for d, p in pages:
            im = scan_degrade(p, 300, rng, angle=rng.uniform(-0.8, 0.8), noise=0, blur=0.4, paper=255)
            frames.append(to_bilevel(im, 150))
        write_tiff(frames, path, "group4", (300, 300))
    else:  # one fax transmission: the machine numbers the pages of the whole stack
        hdr = "%02d-%s-%d %02d:%02d  FROM: +91 22 %04d %04d" % (
            rng.randint(1, 28), MON[rng.randint(0, 11)].upper(), 2024, rng.randint(8, 19),
            rng.randint(0, 59), rng.randint(1000, 9999), rng.randint(0, 9999))
        frames = []
        for k, (d, p) in enumerate(pages):
            p.text(30, 24, hdr, 10, fam="DejaVuSansMono")
            p.text(p.w - 30, 24, "P.%d/%d" % (k + 1, len(pages)), 10, align="r", fam="DejaVuSansMono")
            fake = Doc("fax", "other", "", "fax_fine", {"compression": "group4"}, "", rng, ".")
            fake.pages = [p]
            frames += fax_frames(fake, rng, True)
        write_tiff(frames, path, "group4", (204, 196))
    return {"type": "packet", "format": fmt, "pages": len(pages), "parts": parts, "separator_pages": seps}


def write_truth(path, truth):
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(truth, fh, ensure_ascii=False, indent=1)
        fh.write("\n")


def generate_packets(out, seed, n, separator_share):
    """n stacked packets of 3 to 8 documents into OUT/, each with its truth
    (the parts' page ranges, types and fields; the separator pages)."""
    os.makedirs(out, exist_ok=True)
    for k in range(n):
        rng = random.Random("packet:%s:%d" % (seed, k))
        fmt = rng.choice(["pdf", "pdf", "tiff", "fax"])
        seps = rng.random() < separator_share
        name = "packet-%03d-%s%s" % (k, fmt, "-sep" if seps else "")
        docs = packet_docs(rng, seed, name, rng.randint(3, 8))
        ext = "pdf" if fmt == "pdf" else "tif"
        truth = write_packet(docs, os.path.join(out, name + "." + ext), fmt, rng, seps)
        write_truth(os.path.join(out, name + ".truth.json"), truth)
        print("%s: %d documents, %d pages" % (name, len(docs), truth["pages"]))


def generate_barcode_packets(out, seed, n):
    """n stacked packets of 3 or 4 documents with a barcode separator sheet
    (Code 39, DOCKET-SEPARATOR, no keyword) before each document but the
    first: by turns a fine fax TIFF and a scanned PDF."""
    os.makedirs(out, exist_ok=True)
    for k in range(n):
        rng = random.Random("barcodepacket:%s:%d" % (seed, k))
        fmt = ["fax", "scanned_pdf"][k % 2]
        name = "barcode-packet-%03d-%s" % (k, fmt.replace("_", "-"))
        docs = packet_docs(rng, seed, name, rng.randint(3, 4))
        ext = "tif" if fmt == "fax" else "pdf"
        truth = write_packet(docs, os.path.join(out, name + "." + ext), fmt, rng, "barcode")
        write_truth(os.path.join(out, name + ".truth.json"), truth)
        print("%s: %d documents, %d pages" % (name, len(docs), truth["pages"]))


def generate_loan_packet(out, seed):
    """One applicant's whole loan file stacked into one scanned PDF: the
    application, the PAN card, the passport, a bank statement and an
    invoice, as a mailroom feeds it to the scanner (for `docket pull`)."""
    rng = random.Random("loanpacket:%s" % seed)
    first, last, sex = person(rng, "in")
    who = {"first": first, "last": last, "sex": sex, "dob": dob(rng),
           "pan": make_pan(rng, "P", last[0]), "father": rng.choice(IN_FIRST_M) + " " + last}
    plan = [("loan", "in_application", {"who": who}),
            ("kyc", "pan", {"who": who}),
            ("kyc", "passport", {"who": who, "country": "IND"}),
            ("other", "bank_statement", {}),
            ("invoice", "in_gst", {})]
    docs = packet_docs(rng, seed, "loan-packet", len(plan), plan=plan)
    os.makedirs(out, exist_ok=True)
    truth = write_packet(docs, os.path.join(out, "loan-packet.pdf"), "pdf", rng, False)
    write_truth(os.path.join(out, "loan-packet.truth.json"), truth)


def generate_rescans(out, seed):
    """The same invoice twice as different files: a born-digital PDF and a
    fax of its print-out (for business duplicates)."""
    os.makedirs(out, exist_ok=True)
    rng = random.Random("rescan:%s" % seed)
    for fmt, ext in [("born_digital", "pdf"), ("fax_fine", "tif")]:
        doc = Doc("invoice-rescan-" + fmt, "invoice", "in_gst", fmt, {"font": "DejaVuSans", "compression": G4},
                  "", random.Random("rescan-doc:%s" % seed), ".")
        build_invoice_in_gst(doc)
        if fmt.startswith("fax"):
            add_fax_headers(doc)
        path = os.path.join(out, doc.name + "." + ext)
        if fmt == "born_digital":
            write_born_digital(doc, path)
        else:
            write_fax(doc, path, rng, True)
        write_truth(os.path.join(out, doc.name + ".truth.json"),
                    {"type": "invoice", "format": fmt, "pages": len(doc.pages), "layout": doc.layout,
                     "fields": dict(sorted(doc.fields.items()))})


# --------------------------------------------------------------- main
def summarize(docs):
    tab = {}
    for d in docs:
        tab[(d.type, d.format)] = tab.get((d.type, d.format), 0) + 1
    print("%-8s" % "" + "".join("%14s" % f for f in FORMATS) + "   total")
    for t in TYPES:
        row = [tab.get((t, f), 0) for f in FORMATS]
        print("%-8s" % t + "".join("%14d" % n for n in row) + "%8d" % sum(row))
    print("%-8s" % "total" + "".join("%14d" % sum(tab.get((t, f), 0) for t in TYPES) for f in FORMATS)
          + "%8d" % len(docs))


def generate_corpus(out, seed, per_type):
    plan = procedural_plan(per_type, seed) if per_type else CURATED
    docs = make_docs(plan, seed)
    check_keywords(docs, strict=len(docs) <= len(KEYWORDS))
    check_layout(docs)
    for sub in ("train", "heldout"):
        if os.path.isdir(os.path.join(out, sub)):
            shutil.rmtree(os.path.join(out, sub))
    for d in docs:
        write_doc(d, out, seed)
    summarize(docs)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", help="output directory (default: samples/corpus, and samples/bad)")
    ap.add_argument("--seed", default="1")
    ap.add_argument("--per-type", type=int, default=0, help="N documents per type (procedural plan)")
    ap.add_argument("--bad", action="store_true", help="write the bad-input set into --out instead")
    ap.add_argument("--novel-invoice", type=int, default=0, metavar="N",
                    help="write N invoices of a layout the corpus lacks (fee memoranda) into --out instead")
    ap.add_argument("--loan-file", action="store_true",
                    help="write one applicant's loan file (application, PAN card, passport) into --out instead")
    ap.add_argument("--packets", type=int, default=0, metavar="N",
                    help="write N stacked packets (3 to 8 documents each) with truth into --out instead")
    ap.add_argument("--separator-share", type=float, default=0.5,
                    help="with --packets: the share of packets with separator sheets (0: none)")
    ap.add_argument("--barcode-packets", type=int, default=0, metavar="N",
                    help="write N packets with barcode separator sheets (fax and scanned PDF) into --out instead")
    ap.add_argument("--loan-packet", action="store_true",
                    help="write one applicant's loan file stacked into one PDF into --out instead")
    ap.add_argument("--rescans", action="store_true",
                    help="write one invoice as a PDF and as a fax of it into --out instead")
    a = ap.parse_args()
    if a.packets:
        generate_packets(a.out or os.path.join(HERE, "packets"), a.seed, a.packets, a.separator_share)
        return
    if a.barcode_packets:
        generate_barcode_packets(a.out or os.path.join(HERE, "packets"), a.seed, a.barcode_packets)
        return
    if a.loan_packet:
        generate_loan_packet(a.out or os.path.join(HERE, "packets"), a.seed)
        return
    if a.rescans:
        generate_rescans(a.out or os.path.join(HERE, "rescans"), a.seed)
        return
    if a.loan_file:
        generate_loan_file(a.out or os.path.join(HERE, "loanfile"), a.seed)
        return
    if a.novel_invoice:
        generate_novel_invoices(a.out or os.path.join(HERE, "novel"), a.seed, a.novel_invoice)
        return
    if a.out is None:
        if a.bad:
            write_bad(os.path.join(HERE, "bad"), a.seed)
            return
        generate_corpus(os.path.join(HERE, "corpus"), a.seed, a.per_type)
        write_bad(os.path.join(HERE, "bad"), a.seed)
        generate_loan_file(os.path.join(HERE, "loanfile"), a.seed)
        generate_packets(os.path.join(HERE, "packets"), a.seed, 3, a.separator_share)
        generate_loan_packet(os.path.join(HERE, "packets"), a.seed)
        generate_barcode_packets(os.path.join(HERE, "packets"), a.seed, 2)
        generate_rescans(os.path.join(HERE, "rescans"), a.seed)
    elif a.bad:
        write_bad(a.out, a.seed)
    else:
        generate_corpus(a.out, a.seed, a.per_type)


if __name__ == "__main__":
    main()
