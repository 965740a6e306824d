#!/usr/bin/env python3
"""Open every CSV teamplan writes in LibreOffice Calc, with formulas
evaluated, and show that no cell became a formula (CSV injection, OWASP).

    python3 Tests/csv_injection_libreoffice.py [--teamplan PATH]

Needs LibreOffice Calc (Debian: apt-get install libreoffice-calc); not part
of `make test`, which has no office suite. It makes scenarios whose file
names and names look like formulas (`=1+2.yaml`, `@SUM(1+1).yaml`,
`=HYPERLINK("http:x","click").yaml`, a worker named `=cmd|' /C calc'!A0`),
runs `teamplan sweep` and `teamplan plan` (both CSV dialects), and converts
each CSV with `soffice --headless --convert-to fods`, the CSV filter told to
evaluate formulas (the 13th token of its options) — what a double-click
does. In the flat ODS XML a formula is a cell with `table:formula`; text is
`office:value-type="string"`. A control CSV holding the same cells without
neutralising must come out with formulas, or the check proves nothing
(LibreOffice runs a CSV cell that begins with `=`; Excel also `+`, `-`,
`@`, which LibreOffice reads as text).
Exit 0 when teamplan's CSVs hold no formula and the control does.
"""

import argparse
import glob
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
HOSTILE_FILES = ["=1+2", "+1+2", "-1+2", "@SUM(1+1)", '=HYPERLINK("http:x","click")']
# Their labels in sweep.csv's scenario column: the points' plain folder
# names (anything but letters, digits, '.', '-', '_' becomes '-', numbered
# when two agree), which still begin with '-' and so are neutralised too.
SWEEP_LABELS = ["-1-2-1", "-1-2-2", "-1-2-3", "-SUM-1-1--4", "-HYPERLINK--http-x---click---5"]


def cells(fods):
    """(attributes, text) of every cell of the first sheet's rows."""
    xml = open(fods, encoding="utf-8").read()
    body = xml[xml.index("<table:table "):xml.index("</table:table>")]
    found = []
    for m in re.finditer(r"<table:table-cell([^>]*?)(/>|>(.*?)</table:table-cell>)", body, re.S):
        attributes, text = m.group(1), html.unescape(re.sub(r"<[^>]+>", "", m.group(3) or "")).strip()
        if 'office:value-type' in attributes:
            found.append((attributes, text))
    return found


def convert(files, separator, language, folder):
    """Each CSV as LibreOffice reads it (formulas evaluated), to .fods."""
    out = os.path.join(folder, "fods")
    profile = "file://" + os.path.join(folder, "lo-profile")
    options = f"CSV:{ord(separator)},34,76,1,,{language},false,true,false,false,false,-1,true"
    run = subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", f"--infilter={options}",
                          "--convert-to", "fods", "--outdir", out] + files, capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"soffice failed: {run.stderr}")
    return {f: os.path.join(out, os.path.splitext(os.path.basename(f))[0] + ".fods") for f in files}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--teamplan", default=os.path.join(ROOT, ".build", "debug", "teamplan"))
    args = parser.parse_args()
    if not shutil.which("soffice"):
        sys.exit("soffice not found: apt-get install libreoffice-calc")
    teamplan = os.path.abspath(args.teamplan)
    failures = []
    with tempfile.TemporaryDirectory() as folder:
        base = open(os.path.join(ROOT, "inputs", "baandert.yaml"), encoding="utf-8").read()
        hostile = (base.replace("name: Lieke Custers", "name: \"=cmd|' /C calc'!A0\"")
                   .replace("name: Huisartsenpraktijk De Baandert", 'name: "@SUM(1+1)"')
                   .replace("name: De Baandert pilot, Q2 2021", 'name: "-2+3"'))
        for name in HOSTILE_FILES:
            open(os.path.join(folder, name + ".yaml"), "w", encoding="utf-8").write(hostile)
        def teamplan_run(*arguments):
            run = subprocess.run([teamplan, *arguments], cwd=folder, capture_output=True, text=True)
            if run.returncode != 0:
                sys.exit(f"teamplan {' '.join(arguments)}: exit {run.returncode}\n{run.stderr}")
        teamplan_run("sweep", *["./" + n + ".yaml" for n in HOSTILE_FILES], "--out", "sweep", "--quiet")
        teamplan_run("plan", "=1+2.yaml", "--out", "plan-rfc", "--quiet")
        teamplan_run("plan", "=1+2.yaml", "--out", "plan-nl", "--csv", "excel-nl", "--quiet")

        # The control: the sweep's scenario cells as they would be without
        # neutralising, and a negative number, which must stay a number.
        control = os.path.join(folder, "control.csv")
        with open(control, "w", encoding="utf-8", newline="") as f:
            f.write("scenario,value\r\n")
            for name in HOSTILE_FILES:
                f.write('"' + name.replace('"', '""') + '",-3\r\n')

        comma = [os.path.join(folder, "sweep", "sweep.csv"), control] + sorted(glob.glob(os.path.join(folder, "plan-rfc", "*.csv")))
        semicolon = sorted(glob.glob(os.path.join(folder, "plan-nl", "*.csv")))
        # Separate folders per dialect: the file names repeat.
        read = convert(comma, ",", 0, os.path.join(folder, "comma"))
        read.update(convert(semicolon, ";", 1043, os.path.join(folder, "semicolon")))

        for csv, fods in read.items():
            found = cells(fods)
            formulas = [text for attributes, text in found if "table:formula" in attributes]
            strings = sum('office:value-type="string"' in a for a, _ in found)
            numbers = sum('office:value-type="float"' in a or 'office:value-type="percentage"' in a for a, _ in found)
            label = os.path.relpath(csv, folder)
            print(f"{label:24} {len(found):4} cells: {strings:4} text, {numbers:4} numbers, {len(formulas)} formulas")
            if csv == control:
                # LibreOffice runs a CSV cell beginning with '=' (Excel also
                # those with + - @, which OWASP lists for it): those of the
                # control must come out as formulas.
                expected = [n for n in HOSTILE_FILES if n.startswith("=")]
                if len(formulas) != len(expected):
                    failures.append(f"the control should hold {len(expected)} formulas, LibreOffice found {len(formulas)}")
                if sum('office:value="-3"' in a for a, _ in found) != len(HOSTILE_FILES):
                    failures.append("the control's -3 did not stay numbers")
            elif formulas:
                failures.append(f"{label}: LibreOffice read formulas: {formulas}")
            if csv.endswith("sweep.csv"):
                texts = [text for attributes, text in found if 'office:value-type="string"' in attributes]
                for name in SWEEP_LABELS:
                    if "'" + name not in texts:
                        failures.append(f"sweep.csv: the scenario {name!r} is not the text '{name}")
        if not failures:
            print("LibreOffice ran no cell of teamplan's CSVs as a formula; the control's cells ran as formulas.")
    for failure in failures:
        print("FAILED:", failure, file=sys.stderr)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
