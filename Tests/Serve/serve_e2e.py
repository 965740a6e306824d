#!/usr/bin/env python3
"""Drive `teamplan serve` in headless Chromium, as a person would.

    python3 serve_e2e.py ANSWER.json --url URL --folder FOLDER --shots DIR

URL is the one the server printed (http://127.0.0.1:PORT/?token=HEX).
FOLDER is the folder it serves; it must hold westelijke-mijnstreek.yaml and
long.yaml (a scenario that takes minutes to prove optimal, e.g. bench's
region-40x60.yaml). The flows: the token link, the scenarios page, a
scenario's check and capacity, Plan → job → plan page (answer, report
iframe, zip), a long plan stopped by the Stop button, the Dutch page.

Writes {"checks": [{"name", "ok", "detail"}], "screenshots": [...]} to
ANSWER.json and exits 0 whether or not the checks pass (the Swift test
reads the answer); non-zero only when the script itself breaks. Drives
Debian's chromium (/usr/bin/chromium, or --chromium); never downloads one.
"""
import argparse
import http.client
import io
import json
import os
import re
import signal
import sys
import time
import traceback
import urllib.parse
import zipfile

from playwright.sync_api import sync_playwright

EXAMPLE = "westelijke-mijnstreek.yaml"
LONG = "long.yaml"


class Answer:
    def __init__(self, path, shots):
        self.path, self.shots = path, shots
        self.checks, self.screenshots = [], []

    def check(self, name, ok, detail=""):
        self.checks.append({"name": name, "ok": bool(ok), "detail": detail})
        print(("ok   " if ok else "FAIL ") + name + (f": {detail}" if detail else ""), file=sys.stderr)
        return bool(ok)

    def flow(self, name, fn):
        """Runs one flow; an exception is a failed check, not a crash."""
        try:
            return fn()
        except Exception as e:  # noqa: BLE001 (a failing page, a timeout)
            self.check(name, False, f"{type(e).__name__}: {e}".splitlines()[0][:500])
            traceback.print_exc()
            return None

    def shot(self, page, name):
        path = os.path.join(self.shots, f"{len(self.screenshots) + 1:02d}-{name}.png")
        try:
            page.screenshot(path=path, full_page=True)
            self.screenshots.append(path)
        except Exception as e:  # noqa: BLE001
            print(f"screenshot {name}: {e}", file=sys.stderr)

    def write(self):
        with open(self.path, "w") as f:
            json.dump({"checks": self.checks, "screenshots": self.screenshots}, f, indent=2)


def text(page, selector):
    loc = page.locator(selector)
    return loc.first.inner_text().strip() if loc.count() else ""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("answer")
    ap.add_argument("--url", required=True)
    ap.add_argument("--folder", required=True)
    ap.add_argument("--shots", required=True)
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    ap.add_argument("--plan-timeout", type=float, default=180, help="seconds the example may take, queue included")
    args = ap.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # a kill still writes the answer so far
    global ARGS
    ARGS = args
    os.makedirs(args.shots, exist_ok=True)
    a = Answer(args.answer, args.shots)
    u = urllib.parse.urlsplit(args.url)
    base = f"{u.scheme}://{u.netloc}"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=args.chromium, headless=True)
            context = browser.new_context(accept_downloads=True, locale="en-US",
                                          viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.set_default_timeout(20_000)
            run(a, page, context, base, args)
            browser.close()
    finally:
        a.write()


def run(a, page, context, base, args):
    # 1. The token link: a cookie (HttpOnly, SameSite=Strict), then the page without the token.
    def token_link():
        page.goto(args.url)
        a.check("token link lands on / without the token", urllib.parse.urlsplit(page.url).query == ""
                and urllib.parse.urlsplit(page.url).path == "/", page.url)
        cookies = {c["name"]: c for c in context.cookies(base)}
        # The cookie's name has the port in it: cookies are shared by every port of a host.
        name = "teamplan-token-%d" % urllib.parse.urlsplit(base).port
        c = cookies.get(name)
        a.check("cookie teamplan-token-PORT is HttpOnly and SameSite=Strict",
                c is not None and c["httpOnly"] and c["sameSite"] == "Strict", repr(c))
        row = page.locator(f'#scenarios tr[data-scenario="{EXAMPLE}"]')
        a.check("scenarios page lists the example", row.count() == 1, f"rows: {page.locator('#scenarios tr').count()}")
        a.check("the example's row links to its scenario page",
                row.locator(f'a[href="/scenario/{EXAMPLE}"]').count() >= 1, row.first.inner_html()[:300] if row.count() else "")
        row_text = row.first.inner_text().strip() if row.count() else ""
        a.check("the example's row has a headline or 'no plan yet'",
                re.search(r"no plan yet", row_text, re.I) or re.search(r"optimal|feasible|stopped", row_text, re.I), row_text)
        seen["h1"] = text(page, "h1")
        a.shot(page, "scenarios")
    seen = {}
    a.flow("token link and scenarios page", token_link)

    # 2. The scenario page: its check (no errors) and capacity.
    def scenario_page():
        page.goto(f"{base}/")
        page.click(f'#scenarios tr[data-scenario="{EXAMPLE}"] a[href="/scenario/{EXAMPLE}"]')
        page.wait_for_url(f"**/scenario/{EXAMPLE}")
        check = text(page, "#check")
        errors = page.locator("#check .error, #check .problem, #check [data-severity=error]").count()
        data_errors = page.locator("#check").get_attribute("data-errors") if page.locator("#check").count() else None
        a.check("scenario page shows the check, without errors",
                page.locator("#check").count() == 1 and errors == 0 and data_errors in (None, "0"),
                f"data-errors={data_errors!r} {check[:300]}")
        cap = text(page, "#capacity")
        a.check("scenario page shows the capacity", cap != "", cap[:300])
        a.check("scenario page has the plan form", page.locator("form#plan-form button#plan").count() == 1
                and (page.locator("form#plan-form").get_attribute("action") or "").endswith(f"/scenario/{EXAMPLE}/plan"),
                page.locator("form#plan-form").get_attribute("action") if page.locator("form#plan-form").count() else "no form")
        a.shot(page, "scenario")
    a.flow("scenario page", scenario_page)

    # 3. Plan: the job page, then the plan page by itself.
    plan_url = a.flow("plan the example", lambda: plan_example(a, page, context, base, args))

    # 4. The plan page: answer, report iframe, the files, the zip.
    if plan_url:
        a.flow("plan page", lambda: plan_page(a, page, context, plan_url))
        def listed_afterwards():
            page.goto(f"{base}/")
            row = page.locator(f'#scenarios tr[data-scenario="{EXAMPLE}"]')
            row_text = row.first.inner_text().strip() if row.count() else ""
            plan_path = urllib.parse.urlsplit(plan_url).path
            a.check("scenarios page shows the last plan's headline (status, gap hours, money, when)",
                    re.search(r"optimal|feasible", row_text, re.I) and re.search(r"\d", row_text)
                    and not re.search(r"no plan yet", row_text, re.I), row_text)
            a.check("... linking that plan", row.locator(f'a[href="{plan_path}"]').count() >= 1,
                    row.first.inner_html()[:400] if row.count() else "")
            page.goto(f"{base}/scenario/{EXAMPLE}")
            a.check("scenario page lists the plan under #plans",
                    page.locator(f'#plans a[href="{plan_path}"]').count() >= 1, text(page, "#plans")[:300])
        a.flow("the plan listed afterwards", listed_afterwards)

    # 5. A long plan, stopped with the Stop button.
    a.flow("stop a long plan", lambda: stop_long(a, page, base))

    # 6. Dutch.
    def dutch():
        page.goto(f"{base}/?lang=nl")
        lang = page.locator("html").get_attribute("lang")
        heading = text(page, "h1")
        a.check("?lang=nl gives a Dutch page (<html lang=nl>)", lang == "nl", f"lang={lang!r} h1={heading!r}")
        cookies = {c["name"]: c["value"] for c in context.cookies(base)}
        a.check("?lang=nl sets the cookie teamplan-lang", cookies.get("teamplan-lang") == "nl", repr(cookies.get("teamplan-lang")))
        a.check("the Dutch heading differs from the English one", heading != "" and heading != seen.get("h1"),
                f"nl {heading!r}, en {seen.get('h1')!r}")
        a.shot(page, "scenarios-nl")
        page.goto(f"{base}/?lang=en")
        # No cookie, no ?lang: the browser's language (Accept-Language) decides.
        nl = context.browser.new_context(locale="nl-NL")
        try:
            p2 = nl.new_page()
            p2.goto(args.url)
            lang = p2.locator("html").get_attribute("lang")
            a.check("a Dutch browser (Accept-Language: nl-NL) gets the Dutch page", lang == "nl", f"lang={lang!r}")
        finally:
            nl.close()
    a.flow("Dutch page", dutch)


def press_plan(a, page, what):
    """Clicks button#plan: the browser's own form POST must be a 303 to /job/ID."""
    with page.expect_response(lambda r: r.request.method == "POST" and r.url.endswith("/plan")) as posted:
        page.click("button#plan")
    r = posted.value
    location = r.headers.get("location", "")
    a.check(f"{what}: the form POST is 303 to /job/ID", r.status == 303 and "/job/" in location,
            f"{r.status} {location or r.text()[:200]!r} (request Origin: {r.request.headers.get('origin')!r})")


def plan_example(a, page, context, base, args):
    page.goto(f"{base}/scenario/{EXAMPLE}")
    seen = []
    page.on("framenavigated", lambda f: f == page.main_frame and seen.append(f.url))
    press_plan(a, page, "Plan")
    page.wait_for_url(re.compile(r"/(job|plan)/"), timeout=20_000)
    job_url = next((s for s in seen if "/job/" in s), None)
    a.check("Plan goes to a job page", job_url is not None, " → ".join(seen))
    if "/job/" in page.url:
        try:
            page.wait_for_selector("#state", timeout=5_000)
            a.shot(page, "job")
        except Exception:  # noqa: BLE001 (it went on to the plan page meanwhile)
            pass
    page.wait_for_url(re.compile(r"/plan/"), timeout=args.plan_timeout * 1000)
    a.check("the job page goes to the plan page by itself", "/plan/" in page.url, " → ".join(seen))
    if job_url:
        html = context.request.get(job_url).text()
        a.check("the job page shows progress (#state, #elapsed, #gap, #bound, #stop)",
                all(f'id="{i}"' in html for i in ("state", "elapsed", "gap", "bound", "stop")),
                [i for i in ("state", "place", "elapsed", "gap", "bound", "stop") if f'id="{i}"' not in html])
        status = context.request.get(job_url.rstrip("/") + "/status")
        body = status.json() if status.ok else {}
        a.check("/job/ID/status says done with the plan", body.get("state") == "done"
                and body.get("plan") == urllib.parse.urlsplit(page.url).path, f"{status.status} {body}")
    on_disk(a, args.folder, page.url)
    return page.url


def on_disk(a, folder, plan_url):
    """The plan /plan/STEM/STAMP is the folder FOLDER/plans/STEM/STAMP, with plan.json."""
    parts = urllib.parse.unquote(urllib.parse.urlsplit(plan_url).path).split("/")[2:]
    where = os.path.join(folder, "plans", *parts)
    a.check("the plan is written to FOLDER/plans/STEM/STAMP", len(parts) == 2 and os.path.isfile(os.path.join(where, "plan.json")),
            where)


def plan_page(a, page, context, plan_url):
    page.goto(plan_url)
    plan_path = urllib.parse.urlsplit(plan_url).path
    answer = text(page, "#answer")
    a.check("#answer is there and mentions the gap hours", re.search(r"gap\D{0,60}\d", answer, re.I), answer[:300])
    src = page.locator("iframe#report").get_attribute("src") if page.locator("iframe#report").count() else None
    a.check("iframe#report points at report.html", src == f"{plan_path}/files/report.html", repr(src))
    frame = page.locator("iframe#report").element_handle().content_frame()
    frame.wait_for_load_state("load")
    body = frame.locator("body").inner_text() if frame else ""
    a.check("the report iframe loads", len(body.strip()) > 100, body.strip()[:200])
    a.shot(page, "plan")
    ics = page.locator(f'a[href^="{plan_path}/files/calendars/"][href$=".ics"]')
    csv = page.locator(f'a[href^="{plan_path}/files/"][href$=".csv"]')
    a.check("plan page links the calendars and the CSVs", ics.count() >= 1 and csv.count() >= 1,
            f"{ics.count()} .ics, {csv.count()} .csv")
    if ics.count():
        r = context.request.get(urllib.parse.urljoin(plan_url, ics.first.get_attribute("href")))
        a.check("a calendar link serves an iCalendar file", r.status == 200 and r.text().startswith("BEGIN:VCALENDAR"),
                f"{r.status} {r.headers.get('content-type')}")
    with page.expect_download() as d:
        page.click("a#download-zip")
    a.check("a#download-zip points at /plan/ID/zip",
            page.locator("a#download-zip").get_attribute("href") == f"{plan_path}/zip",
            page.locator("a#download-zip").get_attribute("href"))
    data = open(d.value.path(), "rb").read()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = z.namelist()
        top = {n.split("/", 1)[0] for n in names}
        prefix = (top.pop() + "/") if len(top) == 1 and all("/" in n for n in names) else ""
        rel = [n[len(prefix):] for n in names]
        missing = [n for n in ("plan.json", "report.html", "schedule.csv") if n not in rel]
        has_ics = any(re.fullmatch(r"calendars/[^/]+\.ics", n) for n in rel)
        a.check("the zip holds plan.json, report.html, schedule.csv, calendars/*.ics",
                not missing and has_ics, f"prefix={prefix!r} missing={missing} ics={has_ics} names={names[:20]}")
        try:
            json.loads(z.read(prefix + "plan.json"))
            a.check("plan.json in the zip parses", True, f"{len(data)} bytes zip")
        except (KeyError, ValueError) as e:
            a.check("plan.json in the zip parses", False, str(e))


def stop_long(a, page, base):
    page.goto(f"{base}/scenario/{LONG}")
    page.fill("form#plan-form [name=time_limit]", "600")
    press_plan(a, page, "Plan with a 600 s time limit")
    page.wait_for_url(re.compile(r"/job/"))
    job_url = page.url
    try:
        stop_running(a, page)
    finally:  # never leave a 600 s plan running behind
        if "/plan/" not in page.url:
            page.context.request.post(job_url.rstrip("/") + "/stop")


def events(a, job_url):
    """/job/ID/events: a text/event-stream that sends an event within 10 s."""
    u = urllib.parse.urlsplit(job_url)
    token = urllib.parse.parse_qs(urllib.parse.urlsplit(ARGS.url).query).get("token", [""])[0]
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=10)
    try:
        conn.request("GET", u.path.rstrip("/") + "/events", headers={"Authorization": f"Bearer {token}",
                                                                   "Accept": "text/event-stream"})
        r = conn.getresponse()
        first = b""
        while r.status == 200 and not first.startswith((b"data:", b"event:")):
            first = r.fp.readline()
            if not first:
                break
        a.check("/job/ID/events is an event stream sending events", r.status == 200
                and r.getheader("content-type", "").startswith("text/event-stream") and first != b"",
                f"{r.status} {r.getheader('content-type')} {first[:120]!r}")
    finally:
        conn.close()


def stop_running(a, page):
    # A best plan so far: #gap filled while the state is running.
    page.wait_for_function(
        """() => { const s = document.querySelector('#state'), g = document.querySelector('#gap');
                   return s && g && s.dataset.state === 'running' && g.textContent.trim() !== ''; }""",
        timeout=240_000)
    a.check("the long job shows a best plan while running", True,
            f"gap={text(page, '#gap')!r} bound={text(page, '#bound')!r} elapsed={text(page, '#elapsed')!r}")
    a.shot(page, "job-running")
    events(a, page.url)
    t0 = time.monotonic()
    page.click("button#stop")
    page.wait_for_url(re.compile(r"/plan/"), timeout=30_000)
    seconds = time.monotonic() - t0
    answer = text(page, "#answer")
    status = page.locator("#answer").get_attribute("data-status") if page.locator("#answer").count() else None
    a.check("Stop ends on a plan page within 30 s", seconds <= 30, f"{seconds:.1f} s, {page.url}")
    a.check("the stopped plan's answer says stopped/feasible, not proven optimal",
            re.search(r"stopped|feasible", answer, re.I) and not re.search(r"\(proven\)|optimal plan \(", answer, re.I)
            and status in (None, "feasible", "stopped"), f"data-status={status!r} {answer[:300]}")
    on_disk(a, ARGS.folder, page.url)
    a.shot(page, "plan-stopped")


if __name__ == "__main__":
    main()
