#!/usr/bin/python3
"""docket's benchmark driver (run it through bench/run.sh).

Builds a corpus with samples/generate.py, runs docket and the programs a
back office would use instead on the same files in the same run, and
rewrites bench/RESULTS.md. Standard library only (Pillow for the synthetic
long PDF and small files, as the samples generator already needs it).

    bench.py --docket BIN --index-bench BIN --work DIR [--quick] [--out FILE]
"""
import argparse
import collections
import concurrent.futures
import datetime
import glob
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
GENERATOR = os.path.join(REPO, "samples", "generate.py")
OCR_FORMATS = ["scanned_pdf", "fax_fine", "fax_standard", "photo"]
FORMAT_NAMES = {"scanned_pdf": "scanned PDF", "fax_fine": "fine fax",
                "fax_standard": "standard fax", "photo": "photo"}
CORPUS_SEED = "3"


def log(*a):
    print("[bench %s]" % time.strftime("%H:%M:%S"), *a, file=sys.stderr, flush=True)


def run(cmd, env=None, check=True, capture=True, **kw):
    r = subprocess.run(cmd, env=env, check=False, text=True,
                       stdout=subprocess.PIPE if capture else None,
                       stderr=subprocess.PIPE if capture else None, **kw)
    if check and r.returncode != 0:
        raise SystemExit("command failed (%d): %s\n%s" % (r.returncode, " ".join(cmd),
                                                          (r.stderr or "")[-2000:]))
    return r


def base_env():
    """The environment a user has: without OMP_THREAD_LIMIT."""
    env = dict(os.environ)
    env.pop("OMP_THREAD_LIMIT", None)
    return env


# ----------------------------------------------------------------- recall
TOKEN = re.compile(r"[^\W_]+", re.UNICODE)


def tokens(text):
    return collections.Counter(TOKEN.findall(text.lower()))


def overlap(truth, got):
    """Words of the truth found (multiset intersection), and truth words."""
    t, g = tokens(truth), tokens(got)
    return sum(min(n, g[w]) for w, n in t.items()), sum(t.values())


# ----------------------------------------------------------------- corpus
def generate_corpus(work):
    out = os.path.join(work, "corpus")
    if not os.path.isdir(os.path.join(out, "train")):
        log("generating the corpus (samples/generate.py --per-type 7 --seed %s)" % CORPUS_SEED)
        run(["/usr/bin/python3", GENERATOR, "--out", out, "--per-type", "7",
             "--seed", CORPUS_SEED])
    docs = []
    for truth in sorted(glob.glob(os.path.join(out, "*", "*.truth.json"))):
        with open(truth) as f:
            t = json.load(f)
        base = truth[: -len(".truth.json")]
        files = [p for p in glob.glob(base + ".*") if not p.endswith(".truth.json")]
        if len(files) != 1:
            continue
        docs.append({"path": files[0], "format": t["format"], "pages": t["pages"],
                     "text": t["text"], "name": os.path.basename(files[0])})
    return docs


# ----------------------------------------------------------------- docket
_TRASH = []


def clear(path):
    """Makes way for a fresh `path` by moving the old one aside; the bench
    deletes what it moved aside at the very end. Deleting thousands of files
    right before a run slows ext4's inode allocation for a while after
    (measured: the same 200 born-digital PDFs took 1.4 s instead of 1.0 s,
    with three times the system time), which is the bench's doing, not the
    ingest's."""
    if os.path.lexists(path):
        trash = os.path.join(os.path.dirname(path), ".trash")
        os.makedirs(trash, exist_ok=True)
        dest = os.path.join(trash, "%d-%s" % (len(_TRASH), os.path.basename(path)))
        os.rename(path, dest)
        _TRASH.append(dest)


def empty_trash():
    for t in _TRASH:
        shutil.rmtree(t, ignore_errors=True)
    _TRASH.clear()


def docket_ingest(docket, archive, files, jobs, extra=(), rss=False):
    """Runs `docket ingest`; returns (wall seconds, records, stats, peak RSS KiB)."""
    clear(archive)
    cmd = [docket, "ingest", "--archive", archive, "--jobs", str(jobs), "--json", "--stats",
           "--quiet", *extra, *files]
    if rss:
        cmd = ["/usr/bin/time", "-v"] + cmd
    t0 = time.monotonic()
    r = run(cmd, env=base_env())
    wall = time.monotonic() - t0
    records = [json.loads(line) for line in r.stdout.splitlines() if line.strip()]
    stats = None
    peak = None
    for line in r.stderr.splitlines():
        line = line.strip()
        if line.startswith('{"stats"'):
            stats = json.loads(line)["stats"]
        m = re.match(r"Maximum resident set size \(kbytes\): (\d+)", line)
        if m:
            peak = int(m.group(1))
    bad = [x for x in records if x.get("status") != "archived"]
    if bad:
        raise SystemExit("docket did not archive %s" % json.dumps(bad[:3]))
    return wall, records, stats, peak


def docket_text(archive, record):
    with open(os.path.join(archive, "pages", record["id"] + ".json")) as f:
        pages = json.load(f)
    if isinstance(pages, dict):
        pages = pages.get("pages", [])
    return "\n".join(p.get("text", "") for p in pages)


# ----------------------------------------------------------------- baselines
def page_images(docs, work):
    """What docket OCRs, as files for the tesseract command: PDF pages
    rasterised at 300 dpi in grey (as docket renders them); TIFF, PNG and
    JPEG files as they are. Made before the clocks start."""
    out = os.path.join(work, "pages")
    os.makedirs(out, exist_ok=True)
    for d in docs:
        if d["path"].endswith(".pdf"):
            prefix = os.path.join(out, d["name"][:-4])
            if not glob.glob(prefix + "-*.png"):
                run(["pdftoppm", "-r", "300", "-gray", "-png", d["path"], prefix])
            d["images"] = sorted(glob.glob(prefix + "-*.png"))
        else:
            d["images"] = [d["path"]]


def tesseract(image, env):
    r = run(["tesseract", image, "stdout", "-l", "eng"], env=env, check=False)
    if r.returncode != 0:
        log("tesseract failed on %s: %s" % (image, r.stderr[-300:]))
    return r.stdout


def baseline_sequential(docs):
    env = base_env()
    t0 = time.monotonic()
    per_format = collections.defaultdict(float)
    for d in docs:
        t = time.monotonic()
        d["text_a"] = "\n".join(tesseract(i, env) for i in d["images"])
        per_format[d["format"]] += time.monotonic() - t
    return time.monotonic() - t0, per_format


def baseline_parallel(docs, jobs):
    env = base_env()
    env["OMP_THREAD_LIMIT"] = "1"
    items = [(d, k, img) for d in docs for k, img in enumerate(d["images"])]
    t0 = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        texts = list(pool.map(lambda it: tesseract(it[2], env), items))
    wall = time.monotonic() - t0
    parts = collections.defaultdict(dict)
    for (d, k, _), text in zip(items, texts):
        parts[id(d)][k] = text
    for d in docs:
        d["text_b"] = "\n".join(parts[id(d)][k] for k in sorted(parts[id(d)]))
    return wall


def baseline_ocrmypdf(docs, jobs, work):
    out = os.path.join(work, "ocrmypdf")
    clear(out)
    os.makedirs(out)
    env = base_env()
    t0 = time.monotonic()
    per_format = collections.defaultdict(float)
    failures = []
    for d in docs:
        t = time.monotonic()
        pdf = os.path.join(out, d["name"] + ".pdf")
        txt = os.path.join(out, d["name"] + ".txt")
        # --output-type pdf: its fastest way to a text layer (no PDF/A pass
        # through Ghostscript); faster for the baseline, never for docket.
        r = run(["ocrmypdf", "--jobs", str(jobs), "--output-type", "pdf", "--quiet", d["path"], pdf], env=env,
                check=False)
        if r.returncode != 0:
            failures.append("%s: exit %d %s" % (d["name"], r.returncode,
                                                r.stderr.strip().splitlines()[-1:]))
            d["text_c"] = ""
        else:
            run(["pdftotext", "-layout", pdf, txt], env=env)
            with open(txt, errors="replace") as f:
                d["text_c"] = f.read()
        per_format[d["format"]] += time.monotonic() - t
    return time.monotonic() - t0, per_format, failures


# ----------------------------------------------------------------- sections
def ocr_section(args, docs, work, jobs):
    docs = [d for d in docs if d["format"] in OCR_FORMATS]
    pages = sum(d["pages"] for d in docs)
    log("OCR comparison: %d files, %d pages" % (len(docs), pages))
    page_images(docs, work)

    archive = os.path.join(work, "archive-ocr")
    # docket and (b) are close, and a shared machine's speed drifts by a
    # third from one minute to the next: they run in turns, several rounds,
    # and each is given its median round.
    rounds = 1 if args.quick else 3
    runs, walls_b = [], []
    for i in range(rounds):
        log("round %d of %d: docket ingest --jobs %d" % (i + 1, rounds, jobs))
        wall, records, stats, _ = docket_ingest(args.docket, archive, [d["path"] for d in docs], jobs)
        runs.append((wall, stats))
        log("round %d of %d: (b) tesseract command, OMP_THREAD_LIMIT=1, %d at a time" % (i + 1, rounds, jobs))
        walls_b.append(baseline_parallel(docs, jobs))
    runs.sort(key=lambda x: x[0])
    wall, stats = runs[len(runs) // 2]
    wall_b = sorted(walls_b)[len(walls_b) // 2]
    for d, r in zip(docs, records):
        d["text_docket"] = docket_text(archive, r)

    # What the preparation buys: the same files without deskew and the
    # orientation check (its share of the time against recall and
    # Tesseract's own time).
    log("docket ingest --jobs %d --no-deskew --no-orient" % jobs)
    archive_np = os.path.join(work, "archive-ocr-noprep")
    wall_np, records_np, stats_np, _ = docket_ingest(args.docket, archive_np, [d["path"] for d in docs], jobs,
                                                     ["--no-deskew", "--no-orient"])
    found_np = total_np = 0
    for d, r in zip(docs, records_np):
        f, t = overlap(d["text"], docket_text(archive_np, r))
        found_np, total_np = found_np + f, total_np + t

    log("(a) tesseract command, one after another, default environment")
    wall_a, _ = baseline_sequential(docs)
    log("(c) ocrmypdf --jobs %d + pdftotext" % jobs)
    wall_c, _, failures = baseline_ocrmypdf(docs, jobs, work)

    tools = [("docket", "text_docket", wall), ("a", "text_a", wall_a), ("b", "text_b", wall_b),
             ("c", "text_c", wall_c)]
    result = {"files": len(docs), "pages": pages, "jobs": jobs, "tools": {},
              "docket_stats": stats, "ocrmypdf_failures": failures, "rounds": rounds,
              "docket_walls": [x[0] for x in runs], "b_walls": walls_b,
              "noprep": {"wall": wall_np, "stats": stats_np,
                         "recall": found_np / total_np if total_np else 0.0},
              "formats": collections.Counter(d["format"] for d in docs)}
    for name, key, w in tools:
        found = total = 0
        by_format = {}
        for fmt in OCR_FORMATS:
            ff = ft = 0
            for d in docs:
                if d["format"] != fmt:
                    continue
                f, t = overlap(d["text"], d.get(key, ""))
                ff, ft = ff + f, ft + t
            by_format[fmt] = ff / ft if ft else 0.0
            found, total = found + ff, total + ft
        result["tools"][name] = {"wall": w, "pages_per_second": pages / w,
                                 "recall": found / total if total else 0.0,
                                 "recall_by_format": by_format}
    return result


def born_digital_section(args, docs, work, jobs, copies):
    """Born-digital PDFs of the corpus, each made `copies` times with a
    distinct trailing comment (other bytes, so not duplicates)."""
    src = [d for d in docs if d["format"] == "born_digital"]
    folder = os.path.join(work, "born_digital")
    clear(folder)
    os.makedirs(folder)
    files, pages = [], 0
    for i in range(copies):
        for d in src:
            path = os.path.join(folder, "%03d-%s" % (i, d["name"]))
            with open(d["path"], "rb") as f:
                data = f.read()
            with open(path, "wb") as f:
                f.write(data + b"\n%% docket bench copy " + str(i).encode() + b"\n")
            files.append(path)
            pages += d["pages"]
    log("born-digital: %d files, %d pages" % (len(files), pages))
    archive = os.path.join(work, "archive-born")
    wall, records, stats, _ = docket_ingest(args.docket, archive, files, jobs)
    ocr_pages = sum(r.get("ocr_pages", 0) for r in records)
    return {"files": len(files), "pages": pages, "wall": wall, "pages_per_second": pages / wall,
            "ocr_pages": ocr_pages, "stats_ocr_pages": stats.get("ocr_pages") if stats else None,
            "recognize_seconds": stats.get("recognize_seconds") if stats else None}


def long_scanned_pdf(path, pages):
    """An image-only PDF of `pages` light pages (a few lines of print each,
    every page different), as a scanner would write it."""
    from PIL import Image, ImageDraw, ImageFont
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 28)
    small = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", 22)
    words = ("ledger invoice payment balance account transfer branch cheque deposit "
             "statement interest principal schedule customer vendor amount").split()

    def page(i):
        im = Image.new("L", (1240, 1754), 250)  # A4 at 150 dpi
        d = ImageDraw.Draw(im)
        d.text((120, 120), "Statement page %d of %d" % (i + 1, pages), font=font, fill=20)
        for line in range(6):
            text = " ".join(words[(i * 7 + line * 3 + k) % len(words)] for k in range(8))
            d.text((120, 220 + line * 44), text, font=small, fill=30)
        d.text((120, 1600), "Reference %06d" % (i * 7919 % 1000000), font=small, fill=30)
        return im

    first = page(0)
    first.save(path, "PDF", resolution=150, save_all=True,
               append_images=(page(i) for i in range(1, pages)), quality=70)


def small_files(folder, n):
    """`n` small PNG images (a receipt strip each, all different)."""
    from PIL import Image, ImageDraw, ImageFont
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 26)
    os.makedirs(folder, exist_ok=True)
    files = []
    for i in range(n):
        im = Image.new("L", (900, 160), 255)
        d = ImageDraw.Draw(im)
        d.text((30, 30), "Receipt %05d paid in full" % i, font=font, fill=0)
        d.text((30, 90), "Amount %d.%02d branch %d" % (100 + i * 37 % 9000, i % 100, i % 97),
               font=font, fill=0)
        path = os.path.join(folder, "receipt-%05d.png" % i)
        im.save(path, dpi=(200, 200))
        files.append(path)
    return files


def memory_section(args, work, jobs, long_pages, short_pages, many, few):
    out = {}
    for n in (short_pages, long_pages):
        path = os.path.join(work, "long-%d.pdf" % n)
        if not os.path.exists(path):
            log("making a %d-page scanned PDF" % n)
            long_scanned_pdf(path, n)
        log("docket ingest of the %d-page PDF" % n)
        wall, records, stats, peak = docket_ingest(args.docket, os.path.join(work, "archive-long"),
                                                   [path], jobs, rss=True)
        out["pdf_%d" % n] = {"pages": n, "peak_rss_mb": peak / 1024, "wall": wall,
                             "pages_per_second": n / wall,
                             "overhead_share": stats.get("overhead_share") if stats else None}
    files = small_files(os.path.join(work, "small"), many)
    for n in (few, many):
        log("docket ingest of %d small files" % n)
        wall, records, stats, peak = docket_ingest(args.docket, os.path.join(work, "archive-small"),
                                                   files[:n], jobs, rss=True)
        out["files_%d" % n] = {"files": n, "peak_rss_mb": peak / 1024, "wall": wall,
                               "files_per_second": n / wall}
    return out


def index_section(args, work, sizes, queries):
    folder = os.path.join(work, "index-bench")
    clear(folder)
    log("index_bench --sizes %s" % sizes)
    r = run([args.index_bench, "--dir", folder, "--sizes", sizes, "--queries", str(queries)])
    shutil.rmtree(folder, ignore_errors=True)
    return json.loads(r.stdout)


# ----------------------------------------------------------------- machine
def first_line(cmd):
    try:
        r = subprocess.run(cmd, text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        return r.stdout.strip().splitlines()[0] if r.stdout.strip() else "?"
    except OSError:
        return "?"


def dpkg_version(pkg):
    return first_line(["dpkg-query", "-W", "-f=${Version}", pkg])


def machine():
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = "?"
    try:
        with open("/proc/meminfo") as f:
            mem = "%.0f GB" % (int(f.readline().split()[1]) / 1024 / 1024)
    except OSError:
        pass
    osname = "?"
    try:
        with open("/etc/os-release") as f:
            for line in f:
                if line.startswith("PRETTY_NAME="):
                    osname = line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    commit = first_line(["git", "-C", REPO, "rev-parse", "--short", "HEAD"])
    dirty = run(["git", "-C", REPO, "status", "--porcelain", "--untracked-files=no"],
                check=False).stdout.strip()
    return {
        "cpu": cpu, "cores": os.cpu_count(), "memory": mem, "os": osname,
        "kernel": platform.release(), "load": os.getloadavg(),
        "docket": commit + (" (with local changes)" if dirty else ""),
        "versions": {
            "Tesseract": dpkg_version("libtesseract5"),
            "eng model": dpkg_version("tesseract-ocr-eng"),
            "Leptonica": dpkg_version("liblept5"),
            "Poppler": dpkg_version("libpoppler-cpp0v5"),
            "Xapian": dpkg_version("libxapian30"),
            "OCRmyPDF": dpkg_version("ocrmypdf"),
            "Ghostscript": dpkg_version("ghostscript"),
        },
    }


# ----------------------------------------------------------------- report
def verdict(ok):
    return "**met**" if ok else "**missed**"


def report(res):
    m = res["machine"]
    o = res["ocr"]
    t = o["tools"]
    d = t["docket"]
    L = []
    w = L.append
    w("# docket benchmark results")
    w("")
    w("Rewritten by `bash bench/run.sh` (see README, \"Benchmark\"); do not edit by hand.")
    w("")
    w("| | |")
    w("|---|---|")
    w("| run | %s, %s |" % ("**full run**" if not res["quick"] else "quick run (`--quick`, smaller sizes: not the reference figures)",
                          res["date"]))
    w("| machine | %s, %d cores, %s RAM; %s, Linux %s |" % (m["cpu"], m["cores"], m["memory"], m["os"], m["kernel"]))
    w("| load average at start | %.2f %.2f %.2f |" % tuple(m["load"]))
    w("| docket | commit %s, Release build |" % m["docket"])
    w("| libraries | %s |" % ", ".join("%s %s" % kv for kv in m["versions"].items()))
    w("| took | %.1f minutes (the whole command: install, build, corpus, every measurement) |" % (res["total_seconds"] / 60))
    w("")

    w("## Targets")
    w("")
    ratio = lambda k: d["pages_per_second"] / t[k]["pages_per_second"]
    rec_ok = lambda k: d["recall"] >= t[k]["recall"]
    idx = res["index"]["levels"][-1]
    p99 = max(q["p99_ms"] for q in idx["queries"].values())
    mem = res["memory"]
    long_key = "pdf_%d" % res["sizes"]["long_pages"]
    bd = res["born_digital"]
    w("| target | measured | |")
    w("|---|---|---|")
    w("| OCR ≥ 2× (a) tesseract one after another, same or better recall | %.2f× (recall %.1f%% vs %.1f%%) | %s |" % (
        ratio("a"), 100 * d["recall"], 100 * t["a"]["recall"], verdict(ratio("a") >= 2 and rec_ok("a"))))
    w("| OCR ≥ 1.1× (b) tesseract at its best, same or better recall | %.2f× (recall %.1f%% vs %.1f%%) | %s |" % (
        ratio("b"), 100 * d["recall"], 100 * t["b"]["recall"], verdict(ratio("b") >= 1.1 and rec_ok("b"))))
    w("| OCR ≥ 2× (c) OCRmyPDF + pdftotext, same or better recall | %.2f× (recall %.1f%% vs %.1f%%) | %s |" % (
        ratio("c"), 100 * d["recall"], 100 * t["c"]["recall"], verdict(ratio("c") >= 2 and rec_ok("c"))))
    ov = o["docket_stats"]["overhead_share"]
    w("| docket's time outside recognition ≤ 5%% | %.1f%% | %s |" % (100 * ov, verdict(ov <= 0.05)))
    w("| born-digital ≥ 200 pages/s | %.0f pages/s, %d pages OCR'd | %s |" % (
        bd["pages_per_second"], bd["ocr_pages"], verdict(bd["pages_per_second"] >= 200 and bd["ocr_pages"] == 0)))
    w("| search p99 ≤ 25 ms at %s records, snippets and facets | %.1f ms (worst kind) | %s |" % (
        "{:,}".format(idx["records"]), p99, verdict(p99 <= 25 and idx["records"] >= 100000)))
    w("| peak RSS ≤ 600 MB on the %d-page scanned PDF | %.0f MB | %s |" % (
        res["sizes"]["long_pages"], mem[long_key]["peak_rss_mb"], verdict(mem[long_key]["peak_rss_mb"] <= 600 and res["sizes"]["long_pages"] >= 500)))
    w("")

    w("## 1. OCR throughput and word recall")
    w("")
    fm = ", ".join("%d %s" % (n, FORMAT_NAMES[f]) for f, n in sorted(o["formats"].items()))
    w("Same files, same run: %d files, %d pages (%s) from `samples/generate.py --per-type 7 --seed %s`; "
      "%d cores, every tool with `eng` (Debian's fast LSTM model). Word recall: the generator's "
      "truth words (lower-cased letter/digit runs) found in the tool's text, as a multiset." % (
          o["files"], o["pages"], fm, CORPUS_SEED, o["jobs"]))
    w("")
    w("| tool | how it ran | wall s | pages/s | docket is | recall | %s |" % " | ".join(
        "recall " + FORMAT_NAMES[f] for f in OCR_FORMATS))
    w("|---|---|---|---|---|---|%s" % ("---|" * len(OCR_FORMATS)))
    how = {
        "docket": "`docket ingest --jobs %d` (decode, OCR, classify, extract, store, index)" % o["jobs"],
        "a": "(a) `tesseract IMAGE stdout`, one page after another, default environment",
        "b": "(b) `tesseract` with `OMP_THREAD_LIMIT=1`, %d processes at a time" % o["jobs"],
        "c": "(c) `ocrmypdf --jobs %d --output-type pdf` per file, then `pdftotext`" % o["jobs"],
    }
    for k in ("docket", "a", "b", "c"):
        x = t[k]
        w("| %s | %s | %.1f | %.2f | %s | %.1f%% | %s |" % (
            "docket" if k == "docket" else k, how[k], x["wall"], x["pages_per_second"],
            "" if k == "docket" else "%.2f×" % ratio(k), 100 * x["recall"],
            " | ".join("%.1f%%" % (100 * x["recall_by_format"][f]) for f in OCR_FORMATS)))
    w("")
    if o.get("rounds", 1) > 1:
        w("docket and (b) ran in turns, %d rounds; each is given its median round (docket %s s, (b) %s s)." % (
            o["rounds"], " / ".join("%.1f" % x for x in sorted(o["docket_walls"])),
            " / ".join("%.1f" % x for x in sorted(o["b_walls"]))))
        w("")
    w("The tesseract command gets the same page images docket OCRs: PDF pages rasterised at 300 dpi "
      "in grey by `pdftoppm` *before* its clock starts (docket's time includes its own rendering); "
      "TIFF, PNG and JPEG files as they are. OCRmyPDF gets the original files.")
    if o["ocrmypdf_failures"]:
        w("OCRmyPDF failed on: %s (counted with no text)." % "; ".join(o["ocrmypdf_failures"]))
    w("")

    s = o["docket_stats"]
    w("## 2. docket's own overhead (`docket ingest --stats`, same run)")
    w("")
    w("Thread CPU seconds of docket's workers (waiting for a core, a lock or the disk counts nowhere), "
      "from `--stats`. *Outside recognition* is everything but Tesseract's recognition calls; "
      "Tesseract's orientation detection (OSD, run only for pages found turned) and loading its "
      "models count as outside too.")
    w("")
    w("| run | CPU s | decode (read, hash, render) | load models | prepare (grey, square, despeckle, deskew, orientation check, reading results) | recognise (Tesseract) | OSD (Tesseract) | finish (classify, extract, store, index) | outside recognition | outside Tesseract | wall s | recall |")
    w("|---|---|---|---|---|---|---|---|---|---|---|---|")
    rows = [("`docket ingest`", s, t["docket"]["wall"], d["recall"])]
    if o.get("noprep") and o["noprep"].get("stats"):
        rows.append(("`--no-deskew --no-orient`", o["noprep"]["stats"], o["noprep"]["wall"], o["noprep"]["recall"]))
    for name, x, wall, recall in rows:
        busy = x["busy_seconds"]
        w("| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | **%.1f%%** | %.1f%% | %.1f | %.1f%% |" % (
            name, busy, x["decode_seconds"], x.get("load_seconds", 0), x["prepare_seconds"],
            x["recognize_seconds"], x.get("osd_seconds", 0), x["finish_seconds"], 100 * x["overhead_share"],
            100 * x.get("outside_tesseract_share", x["overhead_share"]), wall, 100 * recall))
    w("")
    if len(rows) == 2:
        np_ = rows[1][1]
        w("The second row is the same files without docket's deskew and orientation check: "
          "%.1f%% of the time is then outside recognition, but Tesseract itself works %.2f s "
          "instead of %.2f s, all CPU is %.2f s instead of %.2f s, and recall is %.1f%% instead of %.1f%%. %s" % (
              100 * np_["overhead_share"], np_["recognize_seconds"] + np_.get("osd_seconds", 0),
              s["recognize_seconds"] + s.get("osd_seconds", 0), np_["busy_seconds"], s["busy_seconds"],
              100 * rows[1][3], 100 * d["recall"],
              "The preparation pays for itself: less time in all and better recall."
              if np_["busy_seconds"] >= s["busy_seconds"] and rows[1][3] <= d["recall"] else
              "The preparation costs %.2f CPU seconds more in all for %+.1f points of recall." % (
                  s["busy_seconds"] - np_["busy_seconds"], 100 * (d["recall"] - rows[1][3]))))
        w("")

    w("## 3. Born-digital PDFs")
    w("")
    w("| files | pages | wall s | pages/s | pages OCR'd (records) | recognition seconds (`--stats`) |")
    w("|---|---|---|---|---|---|")
    w("| %d | %d | %.2f | %.0f | %d | %.2f |" % (bd["files"], bd["pages"], bd["wall"], bd["pages_per_second"],
                                              bd["ocr_pages"], bd["recognize_seconds"] or 0))
    w("")
    w("Every docket run of this benchmark writes into a new archive folder, and folders are deleted only at the end: "
      "deleting thousands of files just before a run slowed ext4's inode allocation (the same 200 files took "
      "1.4 s instead of 1.0 s).")
    w("")
    w("The corpus's born-digital PDFs, each copied with a distinct trailing comment so that every "
      "file is new to the archive (not a duplicate); one `docket ingest` of all of them. Each file "
      "is hashed, stored durably (fsync), classified, extracted and indexed.")
    w("")

    ix = res["index"]
    w("## 4. Index and search")
    w("")
    w("`bench/index_bench`: synthetic records (200–300 words of Zipf-distributed text, fields by "
      "type, dates over 2023–2024) written through `IndexWriter`; then %d queries of each kind "
      "through `Searcher` (10 hits, snippets for each, facet counts per type, vendor and month over "
      "all matches; warm-up queries not counted)." % ix["levels"][0]["queries"]["word"]["queries"])
    w("")
    w("| records | docs/s into Xapian | kind | example | mean matches | p50 ms | p99 ms |")
    w("|---|---|---|---|---|---|---|")
    for lv in ix["levels"]:
        first = True
        for kind in ("word", "phrase", "field", "range"):
            q = lv["queries"][kind]
            w("| %s | %s | %s | `%s` | %.0f | %.2f | %.2f |" % (
                "{:,}".format(lv["records"]) if first else "",
                "%.0f" % lv["docs_per_second"] if first else "", kind, q["example"],
                q["mean_matches"], q["p50_ms"], q["p99_ms"]))
            first = False
    w("")

    w("## 5. Memory (peak RSS, `/usr/bin/time -v`)")
    w("")
    w("| input | peak RSS MB | wall s | rate |")
    w("|---|---|---|---|")
    for n in (res["sizes"]["short_pages"], res["sizes"]["long_pages"]):
        x = mem["pdf_%d" % n]
        w("| scanned PDF, %d pages (image-only, light pages) | %.0f | %.1f | %.2f pages/s |" % (
            n, x["peak_rss_mb"], x["wall"], x["pages_per_second"]))
    for n in (res["sizes"]["few_files"], res["sizes"]["many_files"]):
        x = mem["files_%d" % n]
        w("| %d small PNG files | %.0f | %.1f | %.1f files/s |" % (
            n, x["peak_rss_mb"], x["wall"], x["files_per_second"]))
    w("")
    w("Raw figures: `bench/results.json`.")
    w("")
    return "\n".join(L)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--docket", required=True)
    ap.add_argument("--index-bench", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--out", default=os.path.join(HERE, "RESULTS.md"))
    ap.add_argument("--json", default=os.path.join(HERE, "results.json"))
    ap.add_argument("--jobs", type=int, default=os.cpu_count())
    ap.add_argument("--quick", action="store_true", help="small sizes, to try the harness")
    ap.add_argument("--only", default="", help="comma list of sections (ocr,born,index,memory)")
    ap.add_argument("--started", type=float, default=None, help="epoch seconds the command began")
    a = ap.parse_args()
    start = a.started or time.time()
    os.makedirs(a.work, exist_ok=True)
    sizes = {"long_pages": 40 if a.quick else 500, "short_pages": 10 if a.quick else 20,
             "many_files": 100 if a.quick else 1000, "few_files": 10 if a.quick else 100,
             "index": "1000,5000" if a.quick else "10000,100000",
             "queries": 50 if a.quick else 300, "born_copies": 10 if a.quick else 50}
    only = set(a.only.split(",")) if a.only else {"ocr", "born", "index", "memory"}
    res = {"quick": a.quick, "sizes": sizes, "machine": machine(),
           "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")}
    prev = {}
    if os.path.exists(a.json):
        with open(a.json) as f:
            prev = json.load(f)
    docs = generate_corpus(a.work)
    res["ocr"] = ocr_section(a, docs, a.work, a.jobs) if "ocr" in only else prev.get("ocr")
    res["born_digital"] = (born_digital_section(a, docs, a.work, a.jobs, sizes["born_copies"])
                           if "born" in only else prev.get("born_digital"))
    res["index"] = index_section(a, a.work, sizes["index"], sizes["queries"]) if "index" in only else prev.get("index")
    res["memory"] = (memory_section(a, a.work, a.jobs, sizes["long_pages"], sizes["short_pages"],
                                    sizes["many_files"], sizes["few_files"])
                     if "memory" in only else prev.get("memory"))
    empty_trash()
    res["total_seconds"] = time.time() - start
    with open(a.json, "w") as f:
        json.dump(res, f, indent=1, default=str)
    text = report(res)
    with open(a.out, "w") as f:
        f.write(text)
    print(text)


if __name__ == "__main__":
    main()
