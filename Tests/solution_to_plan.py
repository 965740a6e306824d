#!/usr/bin/env python3
"""Solve a scenario's exported model with HiGHS and write the solution as a
plan.json, for `teamplan verify` to judge.

    python3 Tests/solution_to_plan.py [--teamplan PATH] SCENARIO.yaml PLAN.json

This is the proof that teamplan reads plans it did not make: another
solver's values, float noise and all (a funding line of 23.999999999997 h,
a MIP gap of 5.5e-15), written as they come, not rounded. It runs
`teamplan export SCENARIO --lp` (docs/solvers.md), solves the LP file with
HiGHS (`pip install highspy`), and turns the columns docs/solver.md names
into the plan format of docs/plan.md:

    x[w,p,s] = 1   a session of worker w at practice p in slot s
    b[w,p]   = 1   w is a backup of p
    m[w,p]   = 1   w attends p's MDO
    F[k,p,a] > 0   hours of activity a at p paid by stream k

GLPK's LP writer turns `[` `]` into `(` `)` and `-` into `~`; ids hold only
letters, digits, `-` and `_`, so the names read back unambiguously.
Binaries are read as 1 above 0.5; a funding value is written when it is
not exactly 0, as HiGHS gives it. The plan states no totals (they are
optional): verify recounts them, and compares the objective HiGHS states.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile

import highspy


def column(name):
    """`x(anja,baandert,tue~am)` → ('x', ['anja', 'baandert', 'tue-am'])."""
    if "(" not in name or not name.endswith(")"):
        return name, []
    head, rest = name.split("(", 1)
    return head, [part.replace("~", "-") for part in rest[:-1].split(",")]


def scenario_name(teamplan, scenario, folder):
    """The scenario's name as teamplan reads it: verify an empty plan and
    take the name from its JSON (exit 1 is fine: the empty plan may leave
    a practice unserved without breaking a rule, or state nothing)."""
    empty = os.path.join(folder, "empty.json")
    with open(empty, "w") as f:
        json.dump({"scenario": "", "status": "feasible", "sessions": []}, f)
    run = subprocess.run([teamplan, "verify", scenario, empty, "--json"], capture_output=True, text=True)
    if run.returncode not in (0, 1):
        sys.exit(f"teamplan verify could not read {scenario}:\n{run.stderr}")
    return json.loads(run.stdout)["scenario"]


def solve(model, time_limit):
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    if time_limit:
        h.setOptionValue("time_limit", float(time_limit))
    h.readModel(model)
    h.run()
    status = h.getModelStatus()
    info = h.getInfo()
    names = h.getLp().col_names_
    values = h.getSolution().col_value
    return h, status, info, dict(zip(names, values))


def plan_from(values, name, status, info, seconds):
    sessions, backups, mdo, funding = [], [], [], []
    for col, value in values.items():
        kind, args = column(col)
        if kind == "x" and value > 0.5:
            sessions.append({"worker": args[0], "practice": args[1], "slot": args[2]})
        elif kind == "b" and value > 0.5:
            backups.append({"worker": args[0], "practice": args[1]})
        elif kind == "m" and value > 0.5:
            mdo.append({"worker": args[0], "practice": args[1]})
        elif kind == "F" and value != 0:
            funding.append({"stream": args[0], "practice": args[1], "activity": args[2], "hours": value})
    return {
        "scenario": name,
        "status": status,
        "objective": info.objective_function_value,
        "bound": info.mip_dual_bound,
        "mip_gap": info.mip_gap,
        "solve_seconds": seconds,
        "sessions": sessions,
        "backups": backups,
        "mdo": mdo,
        "funding": funding,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("scenario")
    parser.add_argument("plan")
    parser.add_argument("--teamplan", default=os.path.join(os.path.dirname(__file__), "..", ".build", "debug", "teamplan"))
    parser.add_argument("--time-limit", type=float, default=None)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        model = os.path.join(folder, "model.lp")
        export = subprocess.run([args.teamplan, "export", args.scenario, "--lp", model], capture_output=True, text=True)
        if export.returncode != 0:
            sys.exit(f"teamplan export failed ({export.returncode}):\n{export.stderr}")
        name = scenario_name(args.teamplan, args.scenario, folder)
        h, status, info, values = solve(model, args.time_limit)

    if status == highspy.HighsModelStatus.kOptimal:
        word = "optimal"
    elif info.primal_solution_status == 2:  # a feasible solution, search stopped
        word = "feasible"
    else:
        sys.exit(f"HiGHS found no plan: {h.modelStatusToString(status)}")
    plan = plan_from(values, name, word, info, h.getRunTime())
    # Python's json writes floats with repr: the shortest text that reads
    # back as the same double, so nothing is rounded.
    with open(args.plan, "w") as f:
        json.dump(plan, f, indent=2)
        f.write("\n")
    print(f"{word} {info.objective_function_value!r} mip_gap {info.mip_gap!r}")


if __name__ == "__main__":
    main()
