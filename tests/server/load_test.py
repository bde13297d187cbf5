#!/usr/bin/python3
"""docket serve under load and attack while docket ingest writes the archive.

Builds an archive from the born-digital samples with the real `docket`
binary, adds a clerk with `docket user add`, starts `docket serve` on a free
loopback port, logs in over the JSON API and then, all at once:

- wrk (a second process, Debian's `wrk`) sends the clerk's requests for a
  bounded time over keep-alive connections with the session cookie: searches,
  records, page texts, page images, the HTML pages;
- `docket ingest` (a third process) archives more samples, with OCR, into
  the same archive, so searches run while the index is being written;
- this script sends hostile requests on raw sockets now and then
  (malformed HTTP, path traversal, oversized headers and bodies, forged and
  missing sessions, a correction without its CSRF token) and checks each is
  refused with the right status;
- the server's resident memory (VmRSS from /proc) is sampled.

It passes when wrk saw no socket error and no status other than 200, every
attack was refused, the ingest archived everything and the server finds the
new records, the server's memory did not grow (see MEMORY below), and
SIGTERM stops it cleanly.

All traffic stays on 127.0.0.1 and stops by itself: wrk runs for --seconds,
the attacks stop with it. Exit status 0 when every check passed.
"""

import argparse
import glob
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

# Never through a proxy: everything here is on this machine.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))

# MEMORY. The server's resident memory swings by the size of the page
# images in flight (61 to 71 MiB, measured), so single samples and even
# means are noisy; its floor, the lowest sample, is what it keeps between
# requests, and a leak raises it. The floor of the last third of the run may
# exceed the floor of the first third by at most max(GROWTH_MIB,
# GROWTH_FRACTION of it). The first samples are taken only after a warm-up
# run of wrk has touched every endpoint, so allocator arenas, the index's
# block cache and Poppler's state have reached their working size.
# Measured on a busy 2-core machine: the floor of a steady server moved by
# 0.0 to 0.1 MiB between the thirds; with a shim that leaked 64 KiB on every
# audited request (578 requests, 36 MiB in all) it rose by 15 MiB and this
# test failed. A leaked page image fails it at once; a leak of a few bytes a
# request is LeakSanitizer's to find, at the server's clean exit in the
# sanitizer suite, where this same test runs.
GROWTH_MIB = 8
GROWTH_FRACTION = 0.10


class Failure(Exception):
    pass


def step(name):
    print(f"load_test: {name}", flush=True)


def http(method, url, body=None, headers=None, timeout=30):
    """One request; returns (status, headers, parsed JSON or raw bytes)."""
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method,
                                 headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with OPENER.open(req, timeout=timeout) as r:
            raw = r.read()
            status, hdrs = r.status, r.headers
    except urllib.error.HTTPError as e:
        raw, status, hdrs = e.read(), e.code, e.headers
    except (urllib.error.URLError, OSError) as e:
        raise Failure(f"{method} {url}: {e}") from None
    try:
        return status, hdrs, json.loads(raw or b"null")
    except ValueError:
        return status, hdrs, raw


def session_cookie(headers):
    for value in headers.get_all("Set-Cookie") or []:
        m = re.match(r"docket_session=([^;]*)", value)
        if m:
            return m.group(1)
    return None


def login(site, name, password):
    """GET /api/session, then POST /api/login with its CSRF token."""
    status, hdrs, body = http("GET", site + "/api/session")
    if status != 200:
        raise Failure(f"GET /api/session: {status}")
    cookie = session_cookie(hdrs)
    status, hdrs, body = http("POST", site + "/api/login", {"name": name, "password": password},
                              {"Cookie": f"docket_session={cookie}", "X-CSRF-Token": body["csrf_token"]})
    if status != 200:
        raise Failure(f"POST /api/login: {status} {body}")
    return session_cookie(hdrs), body["csrf_token"]


def raw_exchange(port, data, timeout=30):
    """Writes `data` as it is; what comes back until the server closes."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        try:
            s.sendall(data)
        except OSError:
            pass  # the server may answer and close before reading it all
        out = b""
        try:
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                out += chunk
        except (ConnectionResetError, socket.timeout):
            pass
    return out


def status_of(reply):
    m = re.match(rb"HTTP/1\.1 (\d{3}) ", reply)
    return int(m.group(1)) if m else None


def attacks(port, cookie, record_id):
    """(name, raw request, expected status): refused without harm."""
    auth = f"Cookie: docket_session={cookie}\r\n".encode()
    big = 2 << 20
    fix = b'{"type": "kyc"}'
    length = f"Content-Length: {len(fix)}\r\n".encode()
    return [
        ("not HTTP", b"THIS IS NOT HTTP\r\n\r\n", 400),
        ("bad Content-Length", b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n", 400),
        ("path traversal", b"GET /api/records/..%2F..%2F..%2Fetc%2Fpasswd HTTP/1.1\r\nHost: x\r\n" + auth +
         b"Connection: close\r\n\r\n", 404),
        ("traversal in a page", f"GET /api/records/{record_id}/pages/..%2F..%2Fusers.json HTTP/1.1\r\n"
         "Host: x\r\nConnection: close\r\n".encode() + auth + b"\r\n", 404),
        ("traversal to a static file", b"GET /static/..%2F..%2Fetc%2Fpasswd HTTP/1.1\r\nHost: x\r\n"
         b"Connection: close\r\n\r\n", 404),
        ("oversized headers", b"GET / HTTP/1.1\r\nHost: x\r\nX-Filler: " + b"a" * (64 << 10) + b"\r\n\r\n", 431),
        ("oversized body", b"POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
         b"Content-Length: " + str(big).encode() + b"\r\n\r\n{", 413),
        ("no session", f"GET /api/records/{record_id} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode(), 401),
        ("forged session", f"GET /api/records/{record_id} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
         f"Cookie: docket_session={'f' * 64}\r\n\r\n".encode(), 401),
        ("correction without CSRF token", f"POST /api/records/{record_id}/corrections HTTP/1.1\r\nHost: x\r\n"
         "Content-Type: application/json\r\nConnection: close\r\n".encode() + length + auth + b"\r\n" + fix, 403),
        ("correction with a forged CSRF token", f"POST /api/records/{record_id}/corrections HTTP/1.1\r\n"
         "Host: x\r\nContent-Type: application/json\r\nConnection: close\r\n"
         f"X-CSRF-Token: {'0' * 43}\r\n".encode() + length + auth + b"\r\n" + fix, 403),
    ]


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise Failure("no VmRSS for the server")


WRK_SCRIPT = r"""
-- Written by load_test.py: the clerk's requests, in turn, with the session
-- cookie; counts every status other than 200 (wrk itself counts only >= 400
-- as errors, and a 302 to the login form would mean the session was lost).
local paths = {PATHS}
wrk.headers["Cookie"] = "docket_session={COOKIE}"
local threads = {}
function setup(thread)
  table.insert(threads, thread)
end
function init(args)
  n = 0
  bad = 0
  last_bad = 0
end
function request()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end
function response(status, headers, body)
  if status ~= 200 then
    bad = bad + 1
    last_bad = status
  end
end
function done(summary, latency, requests)
  local bad_total, last = 0, 0
  for _, t in ipairs(threads) do
    bad_total = bad_total + t:get("bad")
    if t:get("last_bad") ~= 0 then last = t:get("last_bad") end
  end
  local e = summary.errors
  io.write(string.format(
    'LOAD_RESULT {"requests": %d, "seconds": %.3f, "not_200": %d, "last_not_200": %d, ' ..
    '"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d, ' ..
    '"latency_p50_ms": %.1f, "latency_p99_ms": %.1f, "latency_max_ms": %.1f}\n',
    summary.requests, summary.duration / 1e6, bad_total, last,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
"""


def run_wrk(site, script, seconds, connections):
    out = subprocess.run(["wrk", "--threads", "2", "--connections", str(connections), "--duration", f"{seconds}s",
                          "--timeout", "20s", "--latency", "--script", script, site + "/"],
                         capture_output=True, text=True, timeout=seconds + 120)
    if out.returncode != 0:
        raise Failure(f"wrk failed ({out.returncode}): {out.stderr}{out.stdout}")
    line = next((l for l in out.stdout.splitlines() if l.startswith("LOAD_RESULT ")), None)
    if line is None:
        raise Failure(f"wrk printed no result: {out.stdout}{out.stderr}")
    return json.loads(line[len("LOAD_RESULT "):]), out.stdout


def run(args, work):
    docket = args.docket
    archive = os.path.join(work, "archive")
    env = dict(os.environ, OMP_THREAD_LIMIT="1")

    born = sorted(glob.glob(os.path.join(args.samples, "*born_digital.pdf")))
    # Scans and faxes for the ingest during the load: real OCR, a few seconds each.
    scanned = sorted(glob.glob(os.path.join(args.samples, "*scanned_pdf.pdf")) +
                     glob.glob(os.path.join(args.samples, "*fax_*.tif")))[:args.ingest_files]
    if not born or not scanned:
        raise Failure(f"no born-digital or scanned samples in {args.samples}")
    step(f"ingesting {len(born)} born-digital samples")
    out = subprocess.run([docket, "ingest", "--archive", archive, "--json", "--quiet", *born],
                         env=env, capture_output=True, text=True, timeout=600)
    if out.returncode != 0:
        raise Failure(f"docket ingest failed: {out.stderr}")
    records = [json.loads(l) for l in out.stdout.splitlines() if l.strip()]
    records = [r for r in records if r.get("status") == "archived"]
    if len(records) < 2:
        raise Failure(f"only {len(records)} born-digital samples archived")

    password = "asha-load-pw-1"
    out = subprocess.run([docket, "user", "add", "asha", "--role", "clerk", "--archive", archive],
                         input=password + "\n", env=env, capture_output=True, text=True, timeout=60)
    if out.returncode != 0:
        raise Failure(f"docket user add failed: {out.stderr}")

    step("starting docket serve")
    serve_err = open(os.path.join(work, "serve.stderr"), "w+")
    serve = subprocess.Popen([docket, "serve", "--archive", archive, "--listen", "127.0.0.1:0"],
                             env=env, stdout=subprocess.PIPE, stderr=serve_err, text=True)
    ingest = None
    try:
        line = serve.stdout.readline()
        m = re.search(r"http://127\.0\.0\.1:(\d+)", line)
        if not m:
            serve_err.seek(0)
            raise Failure(f"docket serve did not start: {line}{serve_err.read()}")
        port = int(m.group(1))
        site = f"http://127.0.0.1:{port}"
        cookie, csrf = login(site, "asha", password)

        ids = [r["id"] for r in records]
        paths = ["/api/search?q=marigold", "/api/search?q=type:invoice&sort=newest", "/api/search?q=&limit=20",
                 "/", "/?q=invoice", "/review"]
        for i in ids[:4]:
            paths += [f"/api/records/{i}", f"/api/records/{i}/pages", f"/api/records/{i}/pages/1.png",
                      f"/records/{i}"]
        for p in paths:  # every path answers 200 before the load: a typo is no load failure
            status, _, _ = http("GET", site + p, headers={"Cookie": f"docket_session={cookie}"})
            if status != 200:
                raise Failure(f"GET {p}: {status} before the load")
        script = os.path.join(work, "load.lua")
        with open(script, "w") as f:
            f.write(WRK_SCRIPT.replace("{PATHS}", "{" + ", ".join(json.dumps(p) for p in paths) + "}")
                    .replace("{COOKIE}", cookie))

        step(f"warming up: wrk for {args.warmup} s")
        warm, _ = run_wrk(site, script, args.warmup, args.connections)
        if warm["not_200"] or warm["connect"] + warm["read"] + warm["write"] + warm["timeout"]:
            raise Failure(f"errors during the warm-up: {warm}")

        step(f"wrk for {args.seconds} s, {args.connections} connections; "
             f"docket ingest of {len(scanned)} scans; attacks on raw sockets")
        ingest_out = open(os.path.join(work, "ingest.jsonl"), "w+")
        ingest_err = open(os.path.join(work, "ingest.stderr"), "w+")
        ingest = subprocess.Popen([docket, "ingest", "--archive", archive, "--json", "--quiet", "--jobs", "1",
                                   *scanned], env=env, stdout=ingest_out, stderr=ingest_err)
        result = {}
        wrk_error = []

        def load():
            try:
                result["wrk"], result["text"] = run_wrk(site, script, args.seconds, args.connections)
            except Failure as e:
                wrk_error.append(e)

        loader = threading.Thread(target=load)
        started = time.monotonic()
        loader.start()
        samples = []  # (seconds since the start, VmRSS KiB), every 0.2 s while wrk runs

        def sample():
            while loader.is_alive():
                samples.append((time.monotonic() - started, rss_kib(serve.pid)))
                time.sleep(0.2)

        sampler = threading.Thread(target=sample)
        sampler.start()
        refused = []
        hostile = attacks(port, cookie, ids[0])
        k = 0
        ingest_done = None
        while loader.is_alive():
            if ingest_done is None and ingest.poll() is not None:
                ingest_done = time.monotonic() - started
            elapsed = time.monotonic() - started
            # One attack every half second, in turn, while wrk runs.
            if elapsed >= (k + 1) / 2 and elapsed < args.seconds - 1:
                name, data, want = hostile[k % len(hostile)]
                got = status_of(raw_exchange(port, data))
                refused.append((name, want, got))
                k += 1
            time.sleep(0.1)
        sampler.join()
        loader.join()
        if wrk_error:
            raise wrk_error[0]
        w = result["wrk"]
        print(result["text"], end="", flush=True)

        step(f"wrk: {w['requests']} requests in {w['seconds']:.1f} s, "
             f"{w['requests'] / w['seconds']:.0f}/s, p50 {w['latency_p50_ms']} ms, p99 {w['latency_p99_ms']} ms")
        errors = w["connect"] + w["read"] + w["write"] + w["timeout"]
        if w["not_200"] or errors:
            raise Failure(f"wrk saw {w['not_200']} answers other than 200 (the last {w['last_not_200']}) "
                          f"and {errors} socket errors: {w}")
        if w["requests"] < 100:
            raise Failure(f"only {w['requests']} requests in {args.seconds} s: the server hardly answered")

        wrong = [r for r in refused if r[1] != r[2]]
        step(f"{len(refused)} attacks during the load: " +
             ", ".join(f"{n} -> {g}" for n, _, g in refused[:len(hostile)]))
        if wrong:
            raise Failure(f"attacks not refused as they should be (name, expected, got): {wrong}")
        if len(refused) < len(hostile):
            raise Failure(f"only {len(refused)} of {len(hostile)} attacks were sent during the load")

        mib = [kib / 1024 for _, kib in samples]
        third = len(mib) // 3
        if third < 5:
            raise Failure(f"only {len(mib)} memory samples")
        first, last = min(mib[:third]), min(mib[-third:])
        bound = max(GROWTH_MIB, GROWTH_FRACTION * first)
        step(f"server VmRSS (MiB), {len(mib)} samples: min {min(mib):.1f}, max {max(mib):.1f}, "
             f"mean {statistics.mean(mib):.1f}; floor of the first third {first:.1f}, of the last third "
             f"{last:.1f} (allowed growth {bound:.1f}); every 5th sample: " + " ".join(f"{v:.0f}" for v in mib[::5]))
        if args.sanitized:
            # ASan holds freed memory in its quarantine (256 MiB by default), so
            # RSS climbs by design; LeakSanitizer checks at the clean exit instead.
            step("sanitizer build: the memory bound is left to LeakSanitizer at exit")
        elif last - first > bound:
            raise Failure(f"the server's memory floor rose from {first:.1f} to {last:.1f} MiB during the load "
                          f"(more than {bound:.1f} MiB): a leak?")
        if ingest_done is None:
            step("the ingest was still running when wrk stopped")
        else:
            step(f"the ingest finished {ingest_done:.1f} s into the {args.seconds} s of load")

        step("waiting for the ingest")
        try:
            ingest.wait(timeout=args.ingest_timeout)
        except subprocess.TimeoutExpired:
            raise Failure(f"docket ingest did not finish within {args.ingest_timeout} s") from None
        ingest_err.seek(0)
        ingest_out.seek(0)
        if ingest.returncode != 0:
            raise Failure(f"docket ingest exited {ingest.returncode}: {ingest_err.read()[-2000:]}")
        added = [json.loads(l) for l in ingest_out.read().splitlines() if l.strip()]
        if len(added) != len(scanned) or any(r.get("status") != "archived" for r in added):
            raise Failure(f"the ingest during the load did not archive every scan: "
                          f"{[(r.get('source'), r.get('status'), r.get('error')) for r in added]}")
        # The server sees what was ingested while it served: the index was
        # reopened, not left at the state it had when the load began.
        status, _, body = http("GET", site + "/api/search?q=&limit=100",
                               headers={"Cookie": f"docket_session={cookie}"})
        found = {h["id"] for h in body["hits"]} if status == 200 else set()
        missing = [r["id"] for r in added if r["id"] not in found]
        if status != 200 or missing:
            raise Failure(f"after the ingest the server does not find {missing} (status {status})")
        step(f"the server finds the {len(added)} records ingested during the load")
        for p in paths[:3]:
            status, _, _ = http("GET", site + p, headers={"Cookie": f"docket_session={cookie}"})
            if status != 200:
                raise Failure(f"GET {p} after the load: {status}")
    finally:
        if ingest is not None and ingest.poll() is None:
            ingest.kill()
            ingest.wait()
        serve.terminate()
        try:
            serve.wait(timeout=60)
        except subprocess.TimeoutExpired:
            serve.kill()
            serve.wait()
    # SIGTERM is a clean stop: exit 0 (and, in a sanitizer build, no leaks).
    if serve.returncode != 0:
        serve_err.seek(0)
        raise Failure(f"docket serve exited {serve.returncode} on SIGTERM: {serve_err.read()[-4000:]}")
    serve_err.seek(0)
    errors = [l for l in serve_err.read().splitlines() if "internal error" in l or "server:" in l]
    if errors:
        raise Failure(f"docket serve logged errors: {errors[:5]}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docket", required=True, help="the docket binary")
    parser.add_argument("--samples", required=True, help="a folder with born-digital and scanned samples")
    parser.add_argument("--seconds", type=int, default=25, help="how long wrk runs (25)")
    parser.add_argument("--warmup", type=int, default=4, help="wrk's warm-up before the measured run (4)")
    parser.add_argument("--connections", type=int, default=8, help="wrk's open connections (8)")
    parser.add_argument("--ingest-files", type=int, default=4, help="scans ingested during the load (4)")
    parser.add_argument("--ingest-timeout", type=int, default=600, help="seconds the ingest may take (600)")
    parser.add_argument("--sanitized", action="store_true",
                        help="docket is built with ASan: no RSS bound (its quarantine grows by design)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("load_test: wrk is not installed (scripts/setup.sh installs it)", file=sys.stderr)
        return 1
    work = tempfile.mkdtemp(prefix="docket-load-")
    started = time.monotonic()
    try:
        run(args, work)
    except Failure as e:
        print(f"load_test: FAILED: {e}", file=sys.stderr)
        print(f"load_test: work folder kept: {work}", file=sys.stderr)
        return 1
    if args.keep:
        print(f"load_test: work folder kept: {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    print(f"load_test: passed in {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
