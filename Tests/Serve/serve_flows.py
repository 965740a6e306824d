#!/usr/bin/env python3
"""The manager's flows of `teamplan serve` in a real browser (Debian's Chromium
driven by Playwright), beside serve_e2e.py:

    python3 serve_flows.py ANSWER.json --url URL --folder FOLDER --shots DIR

1. the editor: break a cell of the workers table -> the reader's error at
   that cell; fix it -> no error; save -> the file on disk as before;
2. pin a session and avoid another pair from the plan page -> plan again ->
   the pin holds, the pair is gone, the objective's change is shown;
3. mark a worker away -> colleagues ranked -> replan from that date -> a
   plan that says it replans from that date, the leave saved in the table;
4. compare two plans.

Writes {"checks": [{"name", "ok", "detail"}], "screenshots": [...]} to
ANSWER.json and exits 0 whether checks pass or not (the Swift test reads
them); non-zero only when the script itself breaks.
"""
import argparse
import hashlib
import json
import os
import sys
import traceback

from playwright.sync_api import sync_playwright

checks, shots = [], []


def check(name, ok, detail=""):
    checks.append({"name": name, "ok": bool(ok), "detail": str(detail)[:2000]})
    return ok


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def plan_and_wait(page, timeout):
    page.click("#plan")
    page.wait_for_url("**/plan/**", timeout=timeout * 1000)
    page.wait_for_selector("#answer")
    return page.url


def sessions(page):
    return set(page.eval_on_selector_all("tr[data-session]", "rows => rows.map(r => r.dataset.session)"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("answer")
    ap.add_argument("--url", required=True)
    ap.add_argument("--folder", required=True)
    ap.add_argument("--shots", required=True)
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    ap.add_argument("--plan-timeout", type=float, default=180)
    args = ap.parse_args()
    base = args.url.split("/?")[0]
    table = os.path.join(args.folder, "westelijke-mijnstreek", "workers.csv")
    os.makedirs(args.shots, exist_ok=True)

    def shot(page, name):
        path = os.path.join(args.shots, name + ".png")
        page.screenshot(path=path, full_page=True)
        shots.append(path)

    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=args.chromium, args=["--no-sandbox"])
            page = browser.new_context(viewport={"width": 1200, "height": 900}, locale="en-GB").new_page()
            errors = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(args.url)

            # 1. The editor.
            before = digest(table)
            page.goto(base + "/scenario/westelijke-mijnstreek.yaml/edit")
            page.wait_for_function("() => document.getElementById('status').textContent.length > 0"
                                   " && !document.getElementById('status').textContent.startsWith('Check')")
            check("editor opens without errors", page.inner_text("#status").startswith("No error"), page.inner_text("#status"))
            grid = page.locator('table.grid[data-table="westelijke-mijnstreek/workers.csv"]')
            cell = grid.locator("tbody tr").nth(1).locator("input").nth(2)
            label = cell.get_attribute("aria-label")
            old = cell.input_value()
            cell.fill("lots")
            page.wait_for_selector("input.error", timeout=10000)
            marked = page.locator("input.error")
            check("a broken cell is marked at that cell", marked.count() == 1 and marked.first.get_attribute("aria-label") == label,
                  f"{marked.count()} marked, first {marked.first.get_attribute('aria-label') if marked.count() else None}, expected {label}")
            message = grid.locator("xpath=ancestor::section").locator("ul.errors li").first.inner_text()
            check("its message is the reader's", "'lots' is not a number" in message and "hours_per_week" in message, message)
            shot(page, "flows-1-editor-error")
            page.click("#save")
            page.wait_for_function("() => document.getElementById('status').textContent.indexOf('error') >= 0")
            check("a draft with errors is not saved", digest(table) == before, page.inner_text("#status"))
            cell.fill(old)
            page.wait_for_function("() => document.querySelectorAll('input.error').length === 0", timeout=10000)
            check("fixed, the mark goes", page.locator("input.error").count() == 0)
            page.click("#save")
            page.wait_for_function("() => document.getElementById('status').textContent.startsWith('Saved')", timeout=10000)
            check("saved unchanged, the table is byte for byte as before", digest(table) == before)

            # 1b. The pickers: a worker's slots as boxes to tick, the leave as periods of dates.
            row = grid.locator("tbody tr").first
            slots_cell = row.locator("td").nth(4).locator("input")
            slots_before = slots_cell.input_value()
            row.locator('button.pick[data-pick="slots"]').click()
            boxes = page.locator("#picker input[type=checkbox]")
            ticked = [boxes.nth(i).get_attribute("value") for i in range(boxes.count()) if boxes.nth(i).is_checked()]
            check("the slot picker offers every slot of the week, the cell's ticked",
                  boxes.count() >= 10 and "|".join(ticked) == slots_before, f"{boxes.count()} boxes, ticked {ticked}, cell {slots_before}")
            untick = ticked[0]
            page.locator(f'#picker input[value="{untick}"]').uncheck()
            check("unticking a slot takes it out of the cell", slots_cell.input_value() == "|".join(ticked[1:]), slots_cell.input_value())
            page.locator(f'#picker input[value="{untick}"]').check()
            check("ticking it again puts it back in the week's order", slots_cell.input_value() == slots_before, slots_cell.input_value())
            page.keyboard.press("Escape")
            check("Escape closes the picker and goes back to the cell",
                  page.locator("#picker").count() == 0 and page.evaluate("document.activeElement.getAttribute('aria-label')") == slots_cell.get_attribute("aria-label"))
            leave_cell = row.locator("td").nth(7).locator("input")
            leave_before = leave_cell.input_value()
            row.locator('button.pick[data-pick="dates"]').click()
            periods = page.locator("#picker .period")
            check("the leave picker shows each period", periods.count() == len([p for p in leave_before.split("|") if p]),
                  f"{periods.count()} periods for {leave_before!r}")
            page.locator("#picker .actions button").first.click()
            new = page.locator("#picker .period").last.locator("input[type=date]")
            new.first.fill("2027-03-15")
            new.first.dispatch_event("change")
            wanted = (leave_before + "|" if leave_before else "") + "2027-03-15..2027-03-15"
            check("a new period from a date picker is written as FROM..TO", leave_cell.input_value() == wanted, leave_cell.input_value())
            new.last.fill("2027-03-19")
            new.last.dispatch_event("change")
            wanted = (leave_before + "|" if leave_before else "") + "2027-03-15..2027-03-19"
            check("its end date too", leave_cell.input_value() == wanted, leave_cell.input_value())
            page.wait_for_function("() => document.getElementById('status').textContent.startsWith('No error')", timeout=10000)
            shot(page, "flows-1b-editor-pickers")
            page.locator("#picker .period").last.locator("button").click()
            check("removing the period gives the cell back", leave_cell.input_value() == leave_before, leave_cell.input_value())
            check("nothing is saved until Save", digest(table) == before)

            # 2. Pin and avoid, plan again.
            page.goto(base + "/scenario/westelijke-mijnstreek.yaml")
            first = plan_and_wait(page, args.plan_timeout)
            had = sorted(sessions(page))
            pinned = had[0]
            avoided = next(s for s in had if s.split("|")[:2] != pinned.split("|")[:2])
            page.click(f'tr[data-session="{pinned}"] button.pin')
            check("pinning goes back to the scenario with what was saved", page.locator("#saved").count() == 1,
                  page.inner_text("main")[:300])
            page.goto(first)
            page.click(f'tr[data-session="{avoided}"] button.avoid')
            with open(os.path.join(args.folder, "westelijke-mijnstreek.yaml")) as f:
                yaml = f.read()
            w, pr, slot = pinned.split("|")
            aw, ap_, _ = avoided.split("|")
            check("the pin and the avoid are in the YAML",
                  f"{{worker: {w}, practice: {pr}, slot: {slot}}}" in yaml and f"{{worker: {aw}, practice: {ap_}}}" in yaml, yaml[-400:])
            second = plan_and_wait(page, args.plan_timeout)
            now = sessions(page)
            check("the pin holds in the new plan", pinned in now, sorted(now))
            check("the avoided pair is gone", not any(s.split("|")[:2] == [aw, ap_] for s in now), sorted(now))
            check("the pinned session is marked pinned", page.locator(f'tr[data-session="{pinned}"] .pinned').count() == 1)
            change = page.inner_text("#change") if page.locator("#change").count() else ""
            check("the objective's change is shown", "objective" in change and "→" in change, change)
            shot(page, "flows-2-replanned")

            # 3. A worker away.
            worker = had[0].split("|")[0]
            page.select_option("#away-worker", worker)
            page.fill("#away-from", "2027-02-01")
            page.fill("#away-to", "2027-02-12")
            page.click("#cover")
            standins = page.inner_text("#standins")
            check("colleagues ranked", "best first" in standins or "no one can stand in" in standins, standins[:500])
            shot(page, "flows-3-cover")
            page.click("#replan")
            page.wait_for_url("**/plan/**", timeout=args.plan_timeout * 1000)
            page.wait_for_selector("#answer")
            answer = page.inner_text("#answer")
            with open(table, encoding="utf-8-sig") as f:
                rows = f.read()
            check("the leave is saved in the workers table", "2027-02-01..2027-02-12" in rows, rows[:300])
            check("the replan says its date", "2027-02-01" in answer or "replan" in answer.lower(), answer[:500])
            shot(page, "flows-4-replan")

            # 4. Compare the plan before the pin with the one after.
            page.goto(f"{base}/compare?a={first.split('/plan/')[1]}&b={second.split('/plan/')[1]}")
            terms = page.inner_text("#terms")
            check("compare shows the objective's terms", "Objective" in terms and "Gap term" in terms, terms[:300])
            check("compare shows gap per practice and money per stream",
                  page.locator("#practices tbody tr").count() > 0 and page.locator("#streams tbody tr").count() > 0)
            check("compare shows who moves where", page.locator("#moves").count() == 1)
            shot(page, "flows-5-compare")
            check("no script error on any page", not errors, errors)
            browser.close()
    except Exception:
        check("the flows ran to their end", False, traceback.format_exc())
    with open(args.answer, "w") as f:
        json.dump({"checks": checks, "screenshots": shots}, f, indent=1)


if __name__ == "__main__":
    main()
