#!/usr/bin/env python3
"""Load on `teamplan serve`: many readers while plans queue up.

    python3 serve_load.py ANSWER.json --url BASEURL --token T --folder FOLDER \\
        --clients 50 --plans 10 --pid PID [--seconds 15]

BASEURL is http://127.0.0.1:PORT; PID the server's process (its memory is
read from /proc/PID/status). CLIENTS threads read /, the example's scenario
page and a plan page for SECONDS while PLANS plans of the example are asked
for at once. Every response must be 200 (or 303); every job must end with a
plan. The answer holds the figures: requests, failures, p50/p95 latency,
seconds for the queue to drain, VmRSS before and after, VmHWM.

Writes {"checks": [...], "figures": {...}} to ANSWER.json and exits 0
whether or not the checks pass; non-zero only when the script breaks.
"""
import argparse
import http.client
import json
import os
import signal
import sys
import threading
import time
import urllib.parse

EXAMPLE = "westelijke-mijnstreek.yaml"
QUEUED, NOT_QUEUED_WITH_PLACE = [], []  # places seen in /job/ID/status
MISSING_KEYS = []  # statuses without one of the keys state, place, plan, message (null when empty)


class Client:
    """One keep-alive connection with the token as a Bearer header."""

    def __init__(self, base, token):
        u = urllib.parse.urlsplit(base)
        self.host, self.port, self.token = u.hostname, u.port, token
        self.conn = None

    def request(self, method, path, body=None):
        for attempt in (0, 1):  # once more on a fresh connection if the kept one was closed
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
            try:
                headers = {"Authorization": f"Bearer {self.token}"}
                if body is not None:
                    headers["Content-Type"] = "application/x-www-form-urlencoded"
                self.conn.request(method, path, body=body, headers=headers)
                r = self.conn.getresponse()
                data = r.read()
                if r.getheader("connection", "").lower() == "close":
                    self.close()
                return r.status, r.getheader("location"), data
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError) as e:
                self.close()
                if attempt:
                    return None, None, repr(e).encode()
            except OSError as e:
                self.close()
                return None, None, repr(e).encode()

    def close(self):
        if self.conn:
            self.conn.close()
        self.conn = None


def memory(pid):
    """VmRSS and VmHWM of PID in MiB."""
    out = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                out[key] = round(int(value.split()[0]) / 1024, 1)
    return out


def percentile(values, p):
    if not values:
        return None
    values = sorted(values)
    return round(values[min(len(values) - 1, int(p / 100 * len(values)))] * 1000, 1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("answer")
    ap.add_argument("--url", required=True)
    ap.add_argument("--token", required=True)
    ap.add_argument("--folder", required=True)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--plans", type=int, default=10)
    ap.add_argument("--pid", type=int, required=True)
    ap.add_argument("--seconds", type=float, default=15)
    ap.add_argument("--drain-timeout", type=float, default=600)
    args = ap.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # a kill still writes the answer so far
    base = args.url.rstrip("/")
    checks, figures = [], {}

    def check(name, ok, detail=""):
        checks.append({"name": name, "ok": bool(ok), "detail": detail})
        print(("ok   " if ok else "FAIL ") + name + (f": {detail}" if detail else ""), file=sys.stderr)

    try:
        run(check, figures, base, args)
    finally:
        with open(args.answer, "w") as f:
            json.dump({"checks": checks, "figures": figures}, f, indent=2)


def run(check, figures, base, args):
    figures["before"] = memory(args.pid)
    # A plan page to read: one plan of the example, first.
    c = Client(base, args.token)
    status, job, _ = c.request("POST", f"/scenario/{EXAMPLE}/plan", "")
    check("a first plan is queued (303 to /job/ID)", status == 303 and job and "/job/" in job, f"{status} {job}")
    first = wait(c, [urllib.parse.urlsplit(job).path], args.drain_timeout)[0] if job else {}
    plan = first.get("plan") or "/"
    check("the first plan is done", first.get("state") == "done" and first.get("plan"), repr(first))
    pages = ["/", f"/scenario/{EXAMPLE}", plan]

    lock = threading.Lock()
    latencies, bad, by_path = [], [], {}
    stop = threading.Event()
    start = threading.Barrier(args.clients + args.plans)

    def reader(i):
        cl = Client(base, args.token)
        start.wait()
        n = i
        while not stop.is_set():
            path = pages[n % len(pages)]
            n += 1
            t = time.monotonic()
            s, _, b = cl.request("GET", path)
            dt = time.monotonic() - t
            with lock:
                latencies.append(dt)
                by_path.setdefault(path, []).append(dt)
                if s not in (200, 303):
                    bad.append(f"GET {path}: {s} {b[:100]!r}")
        cl.close()

    jobs = [None] * args.plans

    def planner(i):
        cl = Client(base, args.token)
        start.wait()
        t = time.monotonic()
        s, loc, b = cl.request("POST", f"/scenario/{EXAMPLE}/plan", "")
        with lock:
            latencies.append(time.monotonic() - t)
            if s != 303 or not loc or "/job/" not in loc:
                bad.append(f"POST plan: {s} {loc} {b[:100]!r}")
            else:
                jobs[i] = urllib.parse.urlsplit(loc).path
        cl.close()

    readers = [threading.Thread(target=reader, args=(i,)) for i in range(args.clients)]
    planners = [threading.Thread(target=planner, args=(i,)) for i in range(args.plans)]
    for t in readers + planners:
        t.start()
    t0 = time.monotonic()
    for t in planners:
        t.join()
    queued = [j for j in jobs if j]
    drain = {}  # the jobs' ends, polled while the readers go on

    def drainer():
        drain["ends"] = wait(Client(base, args.token), queued, args.drain_timeout)
        drain["seconds"] = time.monotonic() - t0
    watcher = threading.Thread(target=drainer)
    watcher.start()
    time.sleep(max(0.0, args.seconds - (time.monotonic() - t0)))
    stop.set()
    for t in readers:
        t.join()
    read_seconds = time.monotonic() - t0
    watcher.join()
    ends, drained = drain.get("ends", []), drain.get("seconds", float("nan"))
    figures.update({
        "clients": args.clients, "plans": args.plans, "seconds": round(read_seconds, 1),
        "requests": len(latencies), "failures": len(bad), "failure_examples": bad[:10],
        "p50_ms": percentile(latencies, 50), "p95_ms": percentile(latencies, 95),
        "max_ms": round(max(latencies) * 1000, 1) if latencies else None,
        "by_path": {p: {"requests": len(v), "p50_ms": percentile(v, 50), "p95_ms": percentile(v, 95)} for p, v in by_path.items()},
        "queue_drain_seconds": round(drained, 1),
        "after": memory(args.pid),
    })
    figures["VmHWM_MiB"] = figures["after"].get("VmHWM")
    check(f"every response of {len(latencies)} is 200 or 303", not bad, f"{len(bad)} failures: {bad[:5]}")
    check(f"all {args.plans} plan requests were queued", len(queued) == args.plans, f"{len(queued)} jobs")
    done = [e for e in ends if e.get("state") == "done" and e.get("plan")]
    check(f"all {args.plans} jobs end with a plan", len(done) == args.plans,
          f"{len(done)} done in {drained:.1f} s; others: {[e for e in ends if e not in done][:5]}")
    plans = [e["plan"] for e in done]
    folders = [os.path.join(args.folder, "plans", *urllib.parse.unquote(p).split("/")[2:]) for p in plans]
    check("each job has its own plan, written whole to FOLDER/plans/STEM/STAMP",
          len(set(plans)) == len(plans) and all(os.path.isfile(os.path.join(f, "plan.json")) for f in folders),
          f"{len(set(plans))} distinct of {len(plans)}: {sorted(plans)[:3]}…; missing: "
          f"{[f for f in folders if not os.path.isfile(os.path.join(f, 'plan.json'))][:3]}")
    figures["queue_places_seen"] = sorted(set(p for p in QUEUED if isinstance(p, int)))
    check("a queued job's status has its place (an integer from 1), others null",
          all(isinstance(p, int) and p >= 1 for p in QUEUED) and not NOT_QUEUED_WITH_PLACE,
          f"queued places {sorted(set(map(repr, QUEUED)))}; not queued with a place: {NOT_QUEUED_WITH_PLACE[:3]}")
    check("/job/ID/status always has state, place, plan, message (null when empty)", not MISSING_KEYS,
          f"{len(MISSING_KEYS)} statuses lack keys, e.g. {sorted(set(map(str, MISSING_KEYS)))[:4]}")
    check("the server is still up", Client(base, args.token).request("GET", "/")[0] == 200)
    print(json.dumps(figures), file=sys.stderr)


def wait(client, jobs, timeout):
    """Polls /job/ID/status until every job has ended; their last statuses."""
    last = {j: {} for j in jobs}
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        pending = [j for j in jobs if last[j].get("state") not in ("done", "failed", "stopped")]
        if not pending:
            break
        for j in pending:
            s, _, b = client.request("GET", j + "/status")
            if s == 200:
                last[j] = json.loads(b)
                missing = {"state", "place", "plan", "message"} - set(last[j])
                if missing:
                    MISSING_KEYS.append((last[j].get("state"), sorted(missing)))
                if last[j].get("state") == "queued":
                    QUEUED.append(last[j].get("place"))
                elif last[j].get("place") is not None:
                    NOT_QUEUED_WITH_PLACE.append(last[j])
            else:
                last[j] = {"state": None, "http": s}
        time.sleep(0.5)
    return [dict(last[j], job=j) for j in jobs]


if __name__ == "__main__":
    main()
