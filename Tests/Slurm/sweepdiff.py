"""Two sweep output folders compared file for file, the solve times aside.

A sweep run twice (or sharded and merged) writes the same bytes but for the
seconds the solver took. These are exactly the timings, found in teamplan's
writers, and nothing else is masked:

  sweep.json       each row's "solve_seconds" (SweepTable, JSONOutput)
  sweep.csv        the solve_seconds column, found by its header (SweepTable.csv)
  sweep.html       the "seconds" column of the points table, found by its
                   header (SweepReport.pointCells)
  points/*/plan.json    "solve_seconds" (PlanFile)
  points/*/summary.txt  the seconds on three lines (Labels.english, PlanSummary):
                   the outcome line ("... optimal plan (proven) in 0.01 s",
                   "... after 12.30 s"), "Solved in 0.01 s: ...; root LP bound
                   ... after 0.00 s, ..." and "Where the time went: first plan
                   after 0.00 s, ..."
  .teamplan-output the SHA-256 of the files above (the manifest's hashes are
                   first checked against the folder's own files)

Everything else — sweep.svg, the order of the files, objective values, the
number of subproblems, every other character — must be byte-equal. Only
English summaries are masked (the words "in" and "after"); a scenario in
Dutch would show up as a difference, never pass unseen.

    python3 Tests/Slurm/sweepdiff.py EXPECTED ACTUAL   # exit 0 when equal
"""

import hashlib
import os
import re
import sys

SECONDS = b"<seconds>"
MANIFEST = ".teamplan-output"

_json_seconds = re.compile(rb'("solve_seconds"\s*:\s*)-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?')
_summary_seconds = re.compile(rb"(?:(?<=\bin )|(?<=\bafter ))[0-9]+\.[0-9]{2} s\b")


def _splice(data, spans):
    """data with each (start, end) span replaced by SECONDS."""
    out, last = [], 0
    for start, end in sorted(spans):
        out += [data[last:start], SECONDS]
        last = end
    out.append(data[last:])
    return b"".join(out)


def _csv_records(data):
    """RFC 4180 records as lists of (start, end) spans of the raw fields."""
    records, fields, i, n = [], [], 0, len(data)
    while i < n:
        start = i
        if data[i:i + 1] == b'"':
            i += 1
            while True:
                j = data.find(b'"', i)
                if j < 0:
                    raise ValueError("a quoted field does not end")
                if data[j + 1:j + 2] == b'"':
                    i = j + 2
                    continue
                i = j + 1
                break
        else:
            while i < n and data[i:i + 1] not in (b",", b"\r", b"\n"):
                i += 1
        fields.append((start, i))
        if i < n and data[i:i + 1] == b",":
            i += 1
            if i == n:
                fields.append((i, i))
            continue
        i += 2 if data[i:i + 2] == b"\r\n" else 1
        records.append(fields)
        fields = []
    if fields:
        records.append(fields)
    return records


def _mask_csv(data):
    records = _csv_records(data)
    if not records:
        return data, 0
    header = [data[s:e] for s, e in records[0]]
    if b"solve_seconds" not in header:
        raise ValueError("sweep.csv has no solve_seconds column")
    column = header.index(b"solve_seconds")
    spans = [record[column] for record in records[1:] if len(record) > column]
    return _splice(data, spans), len(spans)


def _mask_html(data):
    head = re.search(rb"<thead><tr>(.*?)</tr></thead>", data, re.S)
    body = re.search(rb"<tbody>(.*?)</tbody>", data, re.S)
    if not head or not body:
        raise ValueError("sweep.html has no points table")
    titles = [m.group(1) for m in re.finditer(rb"<th[^>]*>(.*?)</th>", head.group(1), re.S)]
    if b"seconds" not in titles:
        raise ValueError("sweep.html's points table has no seconds column")
    column = titles.index(b"seconds")
    spans = []
    for row in re.finditer(rb"<tr>(.*?)</tr>", data[body.start(1):body.end(1)], re.S):
        cells = list(re.finditer(rb"<td[^>]*>(.*?)</td>", row.group(1), re.S))
        if len(cells) > column:
            offset = body.start(1) + row.start(1)
            spans.append((offset + cells[column].start(1), offset + cells[column].end(1)))
    return _splice(data, spans), len(spans)


def _mask_summary(data):
    lines = data.split(b"\n")
    count = 0
    for i, line in enumerate(lines):
        if i == 0 or line.startswith(b"Solved in ") or line.startswith(b"Where the time went:"):
            lines[i], n = _summary_seconds.subn(SECONDS, line)
            count += n
    return b"\n".join(lines), count


def masked(relative, data):
    """(the file's bytes with its timings masked, how many were masked)."""
    name = os.path.basename(relative)
    if name in ("sweep.json", "plan.json"):
        return _json_seconds.subn(rb"\1" + SECONDS, data)
    if relative == "sweep.csv":
        return _mask_csv(data)
    if relative == "sweep.html":
        return _mask_html(data)
    if name == "summary.txt":
        return _mask_summary(data)
    return data, 0


def _files(folder):
    found = {}
    for directory, folders, names in os.walk(folder):
        folders.sort()
        for name in names:
            path = os.path.join(directory, name)
            relative = os.path.relpath(path, folder)
            if os.path.islink(path) or not os.path.isfile(path):
                found[relative] = None
            else:
                with open(path, "rb") as f:
                    found[relative] = f.read()
    return found


def _manifest_problems(folder, files):
    """The manifest must name every other file of the folder with its SHA-256."""
    data = files.get(MANIFEST)
    if data is None:
        return [f"{folder}: no {MANIFEST}"]
    listed = {}
    for line in data.decode("utf-8", "replace").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        digest, _, name = line.partition("  ")
        listed[name] = digest
    problems = []
    others = {name for name in files if name != MANIFEST}
    if set(listed) != others:
        problems.append(f"{folder}/{MANIFEST} lists {sorted(set(listed) ^ others)} wrongly")
    for name, digest in listed.items():
        if files.get(name) is not None and hashlib.sha256(files[name]).hexdigest() != digest:
            problems.append(f"{folder}/{MANIFEST}: the hash of {name} is not the file's")
    return problems


def _mask_manifest(data, timed):
    lines = data.split(b"\n")
    for i, line in enumerate(lines):
        digest, sep, name = line.partition(b"  ")
        if sep and name.decode("utf-8", "replace") in timed:
            lines[i] = SECONDS + sep + name
    return b"\n".join(lines)


def compare(expected, actual):
    """(differences as sentences, {file: timings masked}); no differences: equal."""
    want, got = _files(expected), _files(actual)
    problems = _manifest_problems(expected, want) + _manifest_problems(actual, got)
    if sorted(want) != sorted(got):
        only_want = sorted(set(want) - set(got))
        only_got = sorted(set(got) - set(want))
        problems.append(f"the files differ: only in {expected}: {only_want}; only in {actual}: {only_got}")
    masks, timed = {}, set()
    for relative in sorted(set(want) & set(got)):
        if relative == MANIFEST:
            continue
        a, b = want[relative], got[relative]
        if a is None or b is None:
            problems.append(f"{relative} is not a regular file")
            continue
        try:
            (ma, na), (mb, nb) = masked(relative, a), masked(relative, b)
        except ValueError as error:
            problems.append(f"{relative}: {error}")
            continue
        if na or nb:
            timed.add(relative)
            masks[relative] = na
        if ma != mb:
            problems.append(f"{relative} differs: {_first_difference(ma, mb)}")
    if MANIFEST in want and MANIFEST in got:
        if _mask_manifest(want[MANIFEST], timed) != _mask_manifest(got[MANIFEST], timed):
            problems.append(f"{MANIFEST} differs beyond the hashes of files with timings")
    return problems, masks


def _first_difference(a, b):
    la, lb = a.split(b"\n"), b.split(b"\n")
    for i, (x, y) in enumerate(zip(la, lb)):
        if x != y:
            return f"line {i + 1}: {x[:160]!r} against {y[:160]!r}"
    return f"{len(la)} lines against {len(lb)}"


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 64
    problems, masks = compare(argv[1], argv[2])
    for problem in problems:
        print(problem)
    if not problems:
        print(f"equal: {len(masks)} files with timings masked ({sum(masks.values())} values), the rest byte for byte")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
