#!/usr/bin/env python3
"""Knock on `teamplan serve`'s doors with raw HTTP (http.client, so that
Host and Origin can be forged).

    python3 serve_security.py ANSWER.json --url BASEURL --token T --folder FOLDER

BASEURL is http://127.0.0.1:PORT; FOLDER the folder served (with
westelijke-mijnstreek.yaml). Checks: no token or a wrong one is 401 on every
route; a foreign Origin or Host is 403 even with the token (CSRF, DNS
rebinding); paths out of FOLDER (../, encoded, absolute, a symlink in FOLDER
to a file outside it) are refused in every route's path parameter and in the
POST form field, never served; a body over 64 KiB is 413; nothing new is
written outside FOLDER/plans.

Writes {"checks": [{"name", "ok", "detail"}]} to ANSWER.json and exits 0
whether or not the checks pass; non-zero only when the script breaks.
"""
import argparse
import fnmatch
import http.client
import json
import os
import re
import signal
import sys
import tempfile
import time
import urllib.parse

EXAMPLE = "westelijke-mijnstreek.yaml"


def request(base, method, path, token=None, headers=None, body=None, cookie=False, timeout=30):
    """(status, headers dict, body bytes); status None when the server hung up
    or did not answer. token goes as a Bearer header (or as the cookie)."""
    u = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=timeout)
    h = {"Host": u.netloc}
    if token is not None:
        if cookie:
            h["Cookie"] = f"teamplan-token-{u.port}={token}"
        else:
            h["Authorization"] = f"Bearer {token}"
    h.update(headers or {})
    if isinstance(body, str):
        body = body.encode()
    if body is not None:
        h.setdefault("Content-Type", "application/x-www-form-urlencoded")
        h["Content-Length"] = str(len(body))
    try:
        conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        for k, v in h.items():
            conn.putheader(k, v)
        conn.endheaders(body)
        r = conn.getresponse()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
    except (OSError, http.client.HTTPException) as e:
        return None, {}, repr(e).encode()  # the server hung up: refused, not served
    finally:
        conn.close()


def listing(folder):
    try:
        return {n: os.lstat(os.path.join(folder, n)).st_mtime_ns for n in os.listdir(folder)}
    except FileNotFoundError:
        return {}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("answer")
    ap.add_argument("--url", required=True)
    ap.add_argument("--token", required=True)
    ap.add_argument("--folder", required=True)
    ap.add_argument("--tmp", default="/tmp",
                    help="the temporary folder the server was given (TMPDIR): watched beside FOLDER's parent")
    ap.add_argument("--ignore", action="append", default=[],
                    help="a glob of names in FOLDER's parent or /tmp that others may write meanwhile (repeatable)")
    args = ap.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # a kill still writes the answer so far
    base, token, folder = args.url.rstrip("/"), args.token, os.path.abspath(args.folder)
    checks = []

    def check(name, ok, detail=""):
        checks.append({"name": name, "ok": bool(ok), "detail": detail})
        print(("ok   " if ok else "FAIL ") + name + (f": {detail}" if detail else ""), file=sys.stderr)

    try:
        run(check, base, token, folder, args.ignore, args.tmp)
    finally:
        with open(args.answer, "w") as f:
            json.dump({"checks": checks}, f, indent=2)


def run(check, base, token, folder, ignore, tmp="/tmp"):
    parent = os.path.dirname(folder)
    before = {parent: listing(parent), tmp: listing(tmp)}
    in_folder = set(listing(folder))

    # A secret outside FOLDER, and a symlink in FOLDER pointing at it.
    outside_dir = tempfile.mkdtemp(prefix="teamplan-outside-")
    secret = "OUTSIDE-SECRET-" + os.urandom(6).hex()
    outside = os.path.join(outside_dir, "secret.yaml")
    with open(outside, "w") as f:
        f.write(f"name: {secret}\n")
    link = os.path.join(folder, "outside.yaml")
    if os.path.lexists(link):
        os.unlink(link)
    os.symlink(outside, link)
    # The planned run's own names, so that a plan written is not counted as "outside".
    after_setup = {parent: listing(parent), tmp: listing(tmp)}

    # A real plan and job, so that every route has an id to try.
    status, headers, _ = request(base, "POST", f"/scenario/{EXAMPLE}/plan", token, body="")
    job = headers.get("location", "")
    check("POST /scenario/NAME/plan with the token is 303 to /job/ID", status == 303 and "/job/" in job, f"{status} {job}")
    plan = wait_for_plan(base, token, job) if job else None
    check("the job ends with a plan", plan is not None, f"{job} → {plan}")
    job = urllib.parse.urlsplit(job).path or "/job/none"
    plan = plan or "/plan/westelijke-mijnstreek/none"

    routes = [("GET", "/"), ("GET", f"/scenario/{EXAMPLE}"), ("POST", f"/scenario/{EXAMPLE}/plan"),
              ("GET", job), ("GET", f"{job}/status"), ("GET", f"{job}/events"), ("POST", f"{job}/stop"),
              ("GET", plan), ("GET", f"{plan}/files/report.html"), ("GET", f"{plan}/files/plan.json"),
              ("GET", f"{plan}/zip"), ("GET", "/no/such/route")]

    # 1. No token, a wrong token (header, cookie, query): 401 everywhere.
    wrong = "0" * len(token) if token != "0" * len(token) else "1" * len(token)
    for method, path in routes:
        body = "" if method == "POST" else None
        for label, kw in [("no token", {}), ("wrong Bearer token", {"token": wrong}),
                          ("wrong cookie", {"token": wrong, "cookie": True})]:
            s, _, _ = request(base, method, path, body=body, **kw)
            check(f"{label}: {method} {path} is 401", s == 401, str(s))
        sep = "&" if "?" in path else "?"
        s, h, _ = request(base, method, f"{path}{sep}token={wrong}", body=body)
        check(f"wrong ?token=: {method} {path} is 401", s == 401 and "set-cookie" not in h, f"{s} {h.get('set-cookie')}")

    # The right ?token=: 303 to the same path without it, and the cookie.
    s, h, _ = request(base, "GET", f"/scenario/{EXAMPLE}?token={token}&lang=en")
    cookie = h.get("set-cookie", "")
    check("the right ?token= is 303 to the path without the token",
          s == 303 and h.get("location", "").startswith(f"/scenario/{EXAMPLE}") and "token=" not in h.get("location", ""),
          f"{s} {h.get('location')}")
    port = urllib.parse.urlsplit(base).port
    check("... with the cookie teamplan-token-PORT, HttpOnly, SameSite=Strict",
          f"teamplan-token-{port}={token}" in cookie and "httponly" in cookie.lower() and "samesite=strict" in cookie.lower(), cookie)

    for label, kw in [("the right Bearer token", {}), ("the right cookie", {"cookie": True})]:
        s, _, _ = request(base, "GET", "/", token, **kw)
        check(f"{label}: GET / is 200", s == 200, str(s))

    # 2. Foreign Origin and Host with the right token: 403.
    port = urllib.parse.urlsplit(base).port
    s, h, _ = request(base, "GET", f"/?token={token}", headers={"Host": f"evil.example:{port}"})
    check("the right ?token= under a foreign Host is 403, no cookie", s == 403 and "set-cookie" not in h,
          f"{s} {h.get('set-cookie')}")
    for method, path in routes:
        body = "" if method == "POST" else None
        s, _, _ = request(base, method, path, token, headers={"Origin": "http://evil.example"}, body=body)
        check(f"Origin http://evil.example: {method} {path} is 403", s == 403, str(s))
        s, _, _ = request(base, method, path, token, headers={"Host": f"evil.example:{port}"}, body=body)
        check(f"Host evil.example:{port}: {method} {path} is 403", s == 403, str(s))
    for origin in ["null", f"http://127.0.0.1:{port + 1}", f"https://127.0.0.1:{port}", f"http://evil.example:{port}"]:
        s, _, _ = request(base, "POST", f"{job}/stop", token, headers={"Origin": origin}, body="")
        check(f"Origin {origin}: POST {job}/stop is 403", s == 403, str(s))
    for host in [f"127.0.0.1:{port + 1}", "127.0.0.1", f"localhost.evil.example:{port}"]:
        s, _, _ = request(base, "GET", "/", token, headers={"Host": host})
        check(f"Host {host}: GET / is 403", s == 403, str(s))
    s, _, _ = request(base, "GET", "/", token, headers={"Host": f"localhost:{port}", "Origin": f"http://localhost:{port}"})
    check("Host and Origin localhost:PORT with the token: GET / is 200", s == 200, str(s))

    # 3. Paths out of FOLDER: refused (4xx), never the outside file's content.
    bad = ["../secret.yaml", "%2e%2e%2fsecret.yaml", "..%2fsecret.yaml", "%2e%2e/%2e%2e/etc/passwd",
           "..%2f..%2f..%2f..%2fetc%2fpasswd", "/etc/passwd", "%2Fetc%2Fpasswd", "outside.yaml",
           "..%5c..%5cetc%5cpasswd", "%252e%252e%252fetc%252fpasswd", "secret.yaml%00.yaml",
           urllib.parse.quote(outside, safe=""), "." + outside]
    rel_out = os.path.relpath(outside, folder)
    bad += [rel_out, urllib.parse.quote(rel_out, safe="")]
    stamp = plan.rsplit("/", 1)[-1]
    templates = [("GET", "/scenario/{}"), ("POST", "/scenario/{}/plan"), ("GET", "/job/{}"), ("GET", "/job/{}/status"),
                 ("GET", "/job/{}/events"), ("POST", "/job/{}/stop"), ("GET", "/plan/{}"), ("GET", "/plan/{}/zip"),
                 ("GET", "/plan/{}/" + stamp), ("GET", plan + "/files/{}"), ("GET", plan + "/files/calendars/{}")]
    for method, template in templates:
        for p in bad:
            path = template.format(p)
            s, h, b = request(base, method, path, token, body="" if method == "POST" else None)
            leaked = secret.encode() in b or b"root:x:0:0" in b
            check(f"{method} {path} is refused", s is None or (400 <= s < 500 and not leaked),
                  f"{s} leaked={leaked} {b[:120]!r}")
    # ... and in the POST form: time_limit a path (refused), and fields a form
    # might grow holding paths (ignored or refused; a job plans the example).
    for p in ["../secret.yaml", rel_out, outside, "/etc/passwd", "outside.yaml", "..%2f..%2fetc%2fpasswd"]:
        s, h, b = request(base, "POST", f"/scenario/{EXAMPLE}/plan", token, body=urllib.parse.urlencode({"time_limit": p}))
        leaked = secret.encode() in b or b"root:x:0:0" in b
        check(f"POST form time_limit={p!r} is refused", s is not None and 400 <= s < 500 and not leaked,
              f"{s} {h.get('location')} {b[:120]!r}")
        if s == 303:
            request(base, "POST", h["location"] + "/stop", token, body="")
    form = urllib.parse.urlencode({"time_limit": "30", "scenario": outside, "name": "../secret.yaml", "file": "/etc/passwd",
                                   "path": rel_out, "folder": outside_dir, "stem": "../../evil"})
    s, h, b = request(base, "POST", f"/scenario/{EXAMPLE}/plan", token, body=form)
    ok = s is not None and (400 <= s < 500 or s == 303 and "/job/" in h.get("location", ""))
    got = wait_for_plan(base, token, h["location"]) if s == 303 else None
    check("POST form with extra fields holding paths: refused, or plans the example only",
          ok and (got is None or got.startswith("/plan/westelijke-mijnstreek/")), f"{s} {h.get('location')} → {got}")
    s, h, b = request(base, "POST", "/scenario/outside.yaml/plan", token, body="time_limit=5")
    check("POST /scenario/outside.yaml/plan (the symlink) is 4xx", s is None or 400 <= s < 500, f"{s} {h.get('location')}")
    # time_limit itself, hostile.
    for value in ("-1", "1e309", "abc", "99999999999999999999", "../../x"):
        s, h, b = request(base, "POST", f"/scenario/{EXAMPLE}/plan", token, body=f"time_limit={urllib.parse.quote(value)}")
        check(f"time_limit={value!r} is refused or planned, not a 5xx", s is not None and s < 500, f"{s} {h.get('location')}")
        if s == 303 and "/job/" in h.get("location", ""):
            request(base, "POST", h["location"] + "/stop", token, body="")

    # Symlinks planted in the plans: a file in a plan's folder, a plan's folder.
    plan_dir = os.path.join(folder, "plans", *plan.split("/")[2:])
    planted = [(os.path.join(plan_dir, "leak.csv"), outside, f"{plan}/files/leak.csv"),
               (os.path.join(os.path.dirname(plan_dir), "2000-01-01T000000"), outside_dir,
                f"{plan.rsplit('/', 1)[0]}/2000-01-01T000000/files/secret.yaml")]
    for where, target, path in planted:
        if os.path.isdir(os.path.dirname(where)):
            os.symlink(target, where)
            s, h, b = request(base, "GET", path, token)
            leaked = secret.encode() in b
            check(f"GET {path} (a symlink planted in FOLDER/plans) is refused", s is None or (400 <= s < 500 and not leaked),
                  f"{s} leaked={leaked} {b[:120]!r}")
            os.unlink(where)

    # 4. A body over 64 KiB: 413 (a little over, and much over).
    for size in (64 * 1024 + 1, 1024 * 1024):
        s, _, b = request(base, "POST", f"/scenario/{EXAMPLE}/plan", token, body="time_limit=5&x=" + "a" * size)
        check(f"a POST body of {size} bytes is 413", s == 413, f"{s} {b[:80]!r}")
    s, _, b = request(base, "POST", f"/scenario/{EXAMPLE}/plan", token,
                      headers={"Content-Length": str(10 * 1024 * 1024)}, body=None, timeout=10)
    check("a Content-Length of 10 MiB, no body sent: 413 at once", s == 413, f"{s} {b[:80]!r}")

    # 5. Nothing new outside FOLDER: its parent and /tmp's top level as they were.
    time.sleep(1)
    for where in (parent, tmp):
        now = listing(where)
        new = sorted(n for n in set(now) - set(after_setup[where]) if not any(fnmatch.fnmatch(n, g) for g in ignore))
        builds = [n for n in new if swiftpm_temp(os.path.join(where, n))]
        if new:  # what a compiler run meanwhile leaves for a moment (swiftc's response-*.txt) is gone by now
            time.sleep(3)
        new = [n for n in new if n not in builds and os.path.lexists(os.path.join(where, n))]
        gone = sorted(set(before[where]) - set(now))
        changed = sorted(n for n in set(now) & set(after_setup[where]) if not any(fnmatch.fnmatch(n, g) for g in ignore)
                         if now[n] != after_setup[where][n] and os.path.join(where, n) != folder
                         and not os.path.isdir(os.path.join(where, n))
                         and where == parent)  # /tmp is shared: others' files change there; only new names count
        check(f"nothing new written in {where}", not new and not changed,
              f"new={new} changed={changed} gone={gone} (left aside, SwiftPM's: {builds})")
    new_in_folder = sorted(set(listing(folder)) - in_folder - {"plans", "outside.yaml"})
    check("nothing new in FOLDER but plans/", not new_in_folder, repr(new_in_folder))
    stems = sorted(os.listdir(os.path.join(folder, "plans"))) if os.path.isdir(os.path.join(folder, "plans")) else []
    scenarios = {n.rsplit(".", 1)[0] for n in os.listdir(folder)}
    check("FOLDER/plans holds only the scenarios' own plans", set(stems) <= scenarios - {"outside"}, repr(stems))
    outside_now = os.listdir(outside_dir)
    check("the directory outside FOLDER holds only the secret", outside_now == ["secret.yaml"], repr(outside_now))
    with open(outside) as f:
        check("the outside file is unchanged", f.read() == f"name: {secret}\n")
    os.unlink(link)
    os.unlink(outside)
    os.rmdir(outside_dir)


def swiftpm_temp(path):
    """A build's TemporaryDirectory.XXXXXX holding only .keep-directory (swift build
    and swift test make these in /tmp; another build may run meanwhile)."""
    try:
        return os.path.basename(path).startswith("TemporaryDirectory.") and os.listdir(path) == [".keep-directory"]
    except OSError:
        return False


def wait_for_plan(base, token, job, seconds=180):
    path = urllib.parse.urlsplit(job).path
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        s, _, b = request(base, "GET", path + "/status", token)
        if s == 200:
            st = json.loads(b)
            if st.get("state") in ("done", "failed", "stopped"):
                return st.get("plan")
        time.sleep(0.5)
    return None


if __name__ == "__main__":
    main()
