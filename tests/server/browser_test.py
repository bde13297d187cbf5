#!/usr/bin/python3
"""The clerks' web application as a person uses it, in headless Chromium.

Builds an archive from the born-digital samples with the real `docket`
binary, adds a clerk with `docket user add`, starts `docket serve` on a free
loopback port and drives Debian's chromium through chromedriver over the W3C
WebDriver protocol (Python's standard library only, no pip): log in through
the form, search, open a record, correct a field, search again and see the
change; then check the cookie's flags and the audit log.

All traffic stays on 127.0.0.1. Exit status 0 when every step passed.
"""

import argparse
import glob
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

ELEMENT = "element-6066-11e4-a52e-4f735466cecf"
ENTER = "\ue007"

# Never through a proxy: everything here is on this machine.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class Failure(Exception):
    pass


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http(method, url, body=None, timeout=60):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    try:
        with OPENER.open(req, timeout=timeout) as r:
            return json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        text = e.read().decode(errors="replace")
        raise Failure(f"{method} {url}: HTTP {e.code}: {text[:500]}") from None
    except (urllib.error.URLError, OSError) as e:
        raise Failure(f"{method} {url}: {e}") from None


def wait_for(what, check, timeout=20, every=0.1):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            value = check()
            if value:
                return value
        except Failure as e:
            last = e
        time.sleep(every)
    raise Failure(f"timed out waiting for {what}" + (f" ({last})" if last else ""))


class Browser:
    """A WebDriver session: the few commands a person's actions need."""

    def __init__(self, driver_url, profile_dir):
        self.base = driver_url
        caps = {"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "pageLoadStrategy": "normal",
            "goog:chromeOptions": {
                "binary": shutil.which("chromium") or "/usr/bin/chromium",
                "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--no-first-run", "--disable-background-networking",
                         "--disable-component-update", "--disable-sync", "--no-proxy-server",
                         "--window-size=1280,1000", f"--user-data-dir={profile_dir}"],
            },
        }}}
        self.session = http("POST", f"{self.base}/session", caps, timeout=90)["value"]["sessionId"]
        self.url = f"{self.base}/session/{self.session}"

    def cmd(self, method, path, body=None):
        return http(method, self.url + path, body)["value"]

    def go(self, url):
        self.cmd("POST", "/url", {"url": url})

    def current_url(self):
        return self.cmd("GET", "/url")

    def find(self, css):
        return self.cmd("POST", "/element", {"using": "css selector", "value": css})[ELEMENT]

    def find_all(self, css):
        return [e[ELEMENT] for e in self.cmd("POST", "/elements", {"using": "css selector", "value": css})]

    def wait_find(self, css, timeout=20):
        return wait_for(f"'{css}' on the page", lambda: self.find_all(css) and self.find(css), timeout)

    def type(self, element, text, clear=True):
        if clear:
            self.cmd("POST", f"/element/{element}/clear", {})
        self.cmd("POST", f"/element/{element}/value", {"text": text})

    def click(self, element):
        self.cmd("POST", f"/element/{element}/click", {})

    def text(self, element):
        return self.cmd("GET", f"/element/{element}/text")

    def script(self, source, *args):
        return self.cmd("POST", "/execute/sync", {"script": source, "args": list(args)})

    def cookies(self):
        return self.cmd("GET", "/cookie")

    def source(self):
        return self.cmd("GET", "/source")

    def quit(self):
        try:
            http("DELETE", self.url, timeout=30)
        except Exception:  # the browser may already be gone
            pass


def step(name):
    print(f"browser_test: {name}", flush=True)


def run(args, work):
    docket = args.docket
    archive = os.path.join(work, "archive")
    env = dict(os.environ, OMP_THREAD_LIMIT="1")

    samples = sorted(glob.glob(os.path.join(args.samples, "*born_digital.pdf")))
    if not samples:
        raise Failure(f"no born-digital samples in {args.samples}")
    step(f"ingesting {len(samples)} born-digital samples")
    out = subprocess.run([docket, "ingest", "--archive", archive, "--json", "--quiet", *samples],
                         env=env, capture_output=True, text=True, timeout=300)
    if out.returncode != 0:
        raise Failure(f"docket ingest failed: {out.stderr}")
    records = [json.loads(line) for line in out.stdout.splitlines() if line.strip()]
    # The record to correct: an invoice with a vendor, and a word only it has.
    target = next((r for r in records if r.get("type") == "invoice" and "vendor_name" in r.get("fields", {})
                   and "invoice-000" in r["source"]), None)
    if target is None:
        raise Failure("invoice-000 was not archived as an invoice with a vendor_name")
    old_vendor = target["fields"]["vendor_name"]["value"]
    new_vendor = "Juniper Office Supplies"

    password = "asha-browser-pw-1"
    out = subprocess.run([docket, "user", "add", "asha", "--role", "clerk", "--archive", archive],
                         input=password + "\n", env=env, capture_output=True, text=True, timeout=60)
    if out.returncode != 0:
        raise Failure(f"docket user add failed: {out.stderr}")

    step("starting docket serve")
    serve = subprocess.Popen([docket, "serve", "--archive", archive, "--listen", "127.0.0.1:0"],
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    driver = None
    browser = None
    try:
        line = serve.stdout.readline()
        if "http://127.0.0.1:" not in line:
            raise Failure(f"docket serve did not start: {line}{serve.stderr.read()}")
        site = line.split("http://", 1)[1].split("/", 1)[0]
        site = f"http://{site}"

        step("starting chromedriver")
        driver_port = free_port()
        driver_exe = shutil.which("chromedriver") or "/usr/bin/chromedriver"
        driver = subprocess.Popen([driver_exe, f"--port={driver_port}", "--allowed-ips=127.0.0.1",
                                   f"--log-path={os.path.join(work, 'chromedriver.log')}"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        driver_url = f"http://127.0.0.1:{driver_port}"
        wait_for("chromedriver", lambda: http("GET", f"{driver_url}/status", timeout=5)["value"]["ready"])
        browser = Browser(driver_url, os.path.join(work, "profile"))

        step("a search before logging in leads to the login form")
        browser.go(site + "/")
        wait_for("the login form", lambda: "/login" in browser.current_url())
        browser.type(browser.wait_find("#name"), "asha")
        browser.type(browser.find("#password"), "wrong-password")
        browser.click(browser.find("#login-form button[type=submit]"))
        wait_for("the refusal", lambda: "Wrong name or password" in browser.source())

        step("logging in through the form")
        browser.type(browser.wait_find("#name"), "asha")
        browser.type(browser.find("#password"), password)
        browser.click(browser.find("#login-form button[type=submit]"))
        wait_for("the search page", lambda: browser.current_url().rstrip("/") == site and browser.find_all("#q"))
        cookie = next((c for c in browser.cookies() if c["name"] == "docket_session"), None)
        if cookie is None:
            raise Failure("no docket_session cookie after logging in")
        if not cookie.get("httpOnly") or cookie.get("sameSite") != "Strict" or not cookie.get("secure"):
            raise Failure(f"the session cookie lacks HttpOnly, SameSite=Strict or Secure: {cookie}")
        if browser.script("return document.cookie").find("docket_session") >= 0:
            raise Failure("the session cookie is readable from JavaScript")

        step("searching for a word only the invoice prints")
        browser.type(browser.find("#q"), "marigold" + ENTER)
        wait_for("hits", lambda: browser.find_all(f'li.hit[data-id="{target["id"]}"]'))
        total = browser.text(browser.find("#total"))
        if not total.startswith("1 "):
            raise Failure(f"expected one document for 'marigold', the page says '{total}'")
        if browser.find_all("aside.facets section.facet") == []:
            raise Failure("the search page shows no facets")

        step("opening the record")
        browser.click(browser.find(f'li.hit[data-id="{target["id"]}"] a.title'))
        wait_for("the record page", lambda: browser.find_all("#record-id"))
        if browser.text(browser.find("#record-id")) != target["id"]:
            raise Failure("the record page shows another record")
        row = f'tr.field[data-field="vendor_name"]'
        if browser.text(browser.find(f"{row} td.value")) != old_vendor:
            raise Failure("the record page does not show the vendor as extracted")
        wait_for("the page image", lambda: browser.script(
            "var i = document.querySelector('.page-image img');"
            "return i && i.complete && i.naturalWidth > 100;"))
        if not browser.find_all('.fieldbox[data-field="vendor_name"]'):
            raise Failure("the vendor's box is not drawn over the page")
        if not browser.script("var b = document.querySelector('.fieldbox'); return b && b.style.width !== '';"):
            raise Failure("app.js did not place the field boxes")

        step("correcting the vendor")
        value = browser.find(f"{row} input[name=value]")
        browser.type(value, new_vendor)
        browser.click(browser.find(f"{row} button[type=submit]"))
        wait_for("the saved record", lambda: browser.find_all(".notice"))
        shown = browser.text(browser.find(f"{row} td.value"))
        if shown != new_vendor:
            raise Failure(f"after the correction the page shows '{shown}'")
        history = browser.text(browser.find("section.history"))
        if "asha" not in history or old_vendor not in history or new_vendor not in history:
            raise Failure(f"the history does not show who changed what: {history}")

        step("searching again: the index followed")
        browser.go(site + "/")
        browser.type(browser.wait_find("#q"), "vendor:juniper" + ENTER)
        wait_for("the corrected record among the hits",
                 lambda: browser.find_all(f'li.hit[data-id="{target["id"]}"]'))
        fields = browser.text(browser.find(f'li.hit[data-id="{target["id"]}"] dl.keyfields'))
        if new_vendor not in fields:
            raise Failure(f"the hit shows the old vendor: {fields}")
        old_word = old_vendor.split()[0].lower()
        browser.type(browser.find("#q"), f"vendor:{old_word}" + ENTER)
        wait_for("the search for the old vendor", lambda: browser.find_all("#total") and
                 f"vendor:{old_word}" in browser.current_url().replace("%3A", ":"))
        if browser.find_all(f'li.hit[data-id="{target["id"]}"]'):
            raise Failure("the record is still found under its old vendor")

        step("the review queue")
        browser.go(site + "/review")
        wait_for("the review queue", lambda: "Review queue" in browser.text(browser.find("main h1")))

        step("logging out")
        browser.click(browser.find("header .who button"))
        wait_for("the login form again", lambda: "/login" in browser.current_url())
        browser.go(site + "/records/" + target["id"])
        wait_for("the login form for a record", lambda: "/login" in browser.current_url())
    finally:
        if browser is not None:
            browser.quit()
        if driver is not None:
            driver.terminate()
            driver.wait(timeout=30)
        serve.terminate()
        try:
            serve.wait(timeout=30)
        except subprocess.TimeoutExpired:
            serve.kill()
            serve.wait()
    # SIGTERM is a clean stop: exit 0 (and, in a sanitizer build, no leaks).
    if serve.returncode != 0:
        raise Failure(f"docket serve exited {serve.returncode} on SIGTERM: {serve.stderr.read()[-2000:]}")

    step("checking the audit log")
    with open(os.path.join(archive, "logs", "audit.jsonl")) as f:
        audit = [json.loads(line) for line in f]
    actions = [(a["user"], a["action"]) for a in audit]
    for want in [("", "login_failed"), ("asha", "login"), ("asha", "search"), ("asha", "view"),
                 ("asha", "view_page"), ("asha", "correction"), ("asha", "logout")]:
        if want not in actions:
            raise Failure(f"the audit log lacks {want}: {actions}")
    correction = next(a for a in audit if a["action"] == "correction")
    if correction.get("old") != old_vendor or correction.get("new") != new_vendor:
        raise Failure(f"the audit log's correction is wrong: {correction}")
    record = json.load(open(os.path.join(archive, "records", target["id"] + ".json")))
    if record["fields"]["vendor_name"]["value"] != new_vendor:
        raise Failure("the stored record does not hold the correction")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docket", required=True, help="the docket binary")
    parser.add_argument("--samples", required=True, help="a folder with *born_digital.pdf samples")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args()
    for exe in ("chromium", "chromedriver"):
        if shutil.which(exe) is None and not os.path.exists(f"/usr/bin/{exe}"):
            print(f"browser_test: {exe} is not installed (scripts/setup.sh installs chromium and "
                  "chromium-driver)", file=sys.stderr)
            return 1
    work = tempfile.mkdtemp(prefix="docket-browser-")
    started = time.monotonic()
    try:
        run(args, work)
    except Failure as e:
        print(f"browser_test: FAILED: {e}", file=sys.stderr)
        log = os.path.join(work, "chromedriver.log")
        if os.path.exists(log):
            print("browser_test: chromedriver log tail:\n" + "".join(open(log).readlines()[-20:]), file=sys.stderr)
        print(f"browser_test: work folder kept: {work}", file=sys.stderr)
        return 1
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    print(f"browser_test: passed in {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
