#!/usr/bin/env python3
"""Run the three serve scripts against a server started here, by hand.

    python3 run_all.py --teamplan PATH [--python PY] [--long FILE] [--jobs N] [--out DIR]

Makes a folder with inputs/westelijke-mijnstreek.yaml (and its tables,
inputs/westelijke-mijnstreek/*.csv) and long.yaml (FILE,
default bench/region-40x60.yaml), starts `teamplan serve FOLDER --port 0`,
reads the URL it prints, runs serve_e2e.py (with PY, a Python that has
Playwright), serve_security.py and serve_load.py, stops the server with
SIGINT and prints every failed check. Answers and screenshots go to DIR.
Exit 0 when every check passed. (The Swift test does the same on its own.)
"""
import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--teamplan", required=True)
    ap.add_argument("--python", default=sys.executable)
    ap.add_argument("--long", default=os.path.join(ROOT, "bench", "region-40x60.yaml"))
    ap.add_argument("--jobs", type=int)
    ap.add_argument("--out", help="where the answers go (default: a new temporary folder)")
    ap.add_argument("--only", choices=["e2e", "security", "load"], action="append")
    args = ap.parse_args()
    args.out = args.out or tempfile.mkdtemp(prefix="serve-tests-")
    work = tempfile.mkdtemp(prefix="serve-run-")
    folder = os.path.join(work, "scenarios")
    os.makedirs(folder)
    shutil.copy(os.path.join(ROOT, "inputs", "westelijke-mijnstreek.yaml"), folder)
    shutil.copytree(os.path.join(ROOT, "inputs", "westelijke-mijnstreek"), os.path.join(folder, "westelijke-mijnstreek"))
    shutil.copy(args.long, os.path.join(folder, "long.yaml"))
    os.makedirs(args.out, exist_ok=True)

    cmd = [args.teamplan, "serve", folder, "--port", "0"] + (["--jobs", str(args.jobs)] if args.jobs else [])
    server = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=open(os.path.join(args.out, "server.stderr"), "w"), text=True)
    url, lines = None, []
    deadline = time.monotonic() + 30
    while url is None and time.monotonic() < deadline:
        line = server.stdout.readline()
        if not line:
            break
        lines.append(line)
        m = re.search(r"http://[^\s]+/\?token=[0-9a-f]+", line)
        url = m.group(0) if m else None
    if url is None:
        server.kill()
        sys.exit(f"no URL on stdout within 30 s: {lines!r}")
    threading.Thread(target=lambda: [lines.append(x) for x in server.stdout], daemon=True).start()
    base, token = url.split("/?token=")
    print(f"server {server.pid} at {base}, folder {folder}", file=sys.stderr)

    runs = {
        "e2e": [args.python, os.path.join(HERE, "serve_e2e.py"), "--url", url, "--folder", folder,
                "--shots", os.path.join(args.out, "shots")],
        "security": [sys.executable, os.path.join(HERE, "serve_security.py"), "--url", base, "--token", token,
                     "--folder", folder, "--ignore", os.path.basename(args.out), "--ignore", "serve-run-*"],
        "load": [sys.executable, os.path.join(HERE, "serve_load.py"), "--url", base, "--token", token,
                 "--folder", folder, "--clients", "50", "--plans", "10", "--pid", str(server.pid)],
    }
    failed = 0
    try:
        for name in args.only or runs:
            answer = os.path.join(args.out, f"{name}.json")
            cmd = runs[name][:2] + [answer] + runs[name][2:]
            rc = subprocess.run(cmd).returncode
            checks = json.load(open(answer))["checks"] if os.path.exists(answer) else []
            bad = [c for c in checks if not c["ok"]]
            failed += len(bad) + (rc != 0)
            print(f"== {name}: exit {rc}, {len(checks) - len(bad)} of {len(checks)} checks passed", file=sys.stderr)
            for c in bad:
                print(f"   FAIL {c['name']}: {str(c['detail'])[:300]}", file=sys.stderr)
    finally:
        server.send_signal(signal.SIGINT)
        try:
            rc = server.wait(timeout=30)
            print(f"server ended on SIGINT with {rc}", file=sys.stderr)
        except subprocess.TimeoutExpired:
            server.kill()
            print("server did not end within 30 s of SIGINT", file=sys.stderr)
            failed += 1
        with open(os.path.join(args.out, "server.stdout"), "w") as f:
            f.writelines(lines)
    shutil.rmtree(work, ignore_errors=True)
    print(f"answers in {args.out}", file=sys.stderr)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
