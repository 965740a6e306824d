#!/usr/bin/env python3
"""Rough folder dependencies of a Swift module.

For each folder under ROOT (default Sources/TeamPlan), collect the top-level
type names declared there (struct|enum|class|protocol|typealias NAME, and
the extended type of `extension NAME`, which counts for the folder that
declares NAME), then look for `\\bNAME\\b` in the other folders' files
(comments and string literals stripped). Prints, per folder, which other
folders it uses and through which names, then every cycle.

    python3 Tests/folder_deps.py [--names] [ROOT]

Also prints each edge that points up the intended layering (LAYERS below,
lowest first; folders in one layer may use each other, without cycles).
Exit status 1 when there is a cycle or an edge up the layering.
"""
import os, re, sys
from itertools import combinations

args = sys.argv[1:]
show_names = '--names' in args
args = [a for a in args if a != '--names']
root = args[0] if args else 'Sources/TeamPlan'

decl = re.compile(r'^(?:(?:public|internal|fileprivate|private|package|final|indirect|@\w+(?:\([^)]*\))?)\s+)*'
                  r'(struct|enum|class|actor|protocol|typealias|extension)\s+([A-Za-z_][A-Za-z0-9_]*)', re.M)

def strip(text):
    """Source without comments and string literals, but with the code of
    string interpolations \\( … ) kept (rough: no raw strings #"…"#)."""
    out, i, n = [], 0, len(text)
    stack = []  # 'code' entries for interpolations: paren depth
    def code(i, depth_stop):
        """Copies code from i until an unmatched ')' when depth_stop, returns index after it."""
        nonlocal out
        depth = 0
        while i < n:
            c = text[i]
            if text.startswith('//', i):
                j = text.find('\n', i)
                i = n if j < 0 else j
                continue
            if text.startswith('/*', i):
                j = text.find('*/', i + 2)
                i = n if j < 0 else j + 2
                out.append(' ')
                continue
            if c == '"':
                i = string(i)
                continue
            if c == '(':
                depth += 1
            elif c == ')':
                if depth_stop and depth == 0:
                    return i + 1
                depth -= 1
            out.append(c)
            i += 1
        return i
    def string(i):
        """Skips a string literal at i (\"…\" or \"\"\"…\"\"\"), keeping interpolations' code."""
        triple = text.startswith('"""', i)
        end = '"""' if triple else '"'
        i += len(end)
        out.append(' "" ')
        while i < n:
            if text.startswith('\\(', i):
                out.append(' ')
                i = code(i + 2, True)
                out.append(' ')
                continue
            if text[i] == '\\':
                i += 2
                continue
            if text.startswith(end, i):
                return i + len(end)
            if not triple and text[i] == '\n':
                return i
            i += 1
        return i
    code(0, False)
    return ''.join(out)

LAYERS = [['Workbook'], ['Scenario'], ['Calendar'], ['Check', 'Plan'], ['Solver'], ['Reports', 'Explain', 'Sweep'], ['Workflows']]
layer = {f: i for i, fs in enumerate(LAYERS) for f in fs}

folders = sorted(d for d in os.listdir(root) if os.path.isdir(os.path.join(root, d)))
files = {f: [] for f in folders}
for f in folders:
    for dp, _, fs in os.walk(os.path.join(root, f)):
        for name in fs:
            if name.endswith('.swift'):
                files[f].append(os.path.join(dp, name))

source = {}
declared = {f: set() for f in folders}
extended = {f: set() for f in folders}
for f in folders:
    for p in files[f]:
        text = strip(open(p, encoding='utf-8').read())
        source[p] = text
        for m in decl.finditer(text):
            # top level only: no leading indentation
            kind, name = m.group(1), m.group(2)
            (extended if kind == 'extension' else declared)[f].add(name)

owner = {}
for f in folders:
    for n in declared[f]:
        owner.setdefault(n, set()).add(f)

uses = {f: {} for f in folders}   # folder -> {other folder: set(names)}
for f in folders:
    text = '\n'.join(source[p] for p in files[f])
    words = set(re.findall(r'\b[A-Za-z_][A-Za-z0-9_]*\b', text))
    for n in words:
        for o in owner.get(n, ()):
            if o != f and n not in declared[f]:
                uses[f].setdefault(o, set()).add(n)

print(f'Folder dependencies of {root} (a → b: a names a type declared in b)')
for f in folders:
    deps = sorted(uses[f])
    if show_names:
        print(f'  {f}:')
        for d in deps:
            print(f'      → {d}: {", ".join(sorted(uses[f][d]))}')
    else:
        print(f'  {f:10} → {", ".join(deps) if deps else "-"}')

# Cycles: every elementary cycle (Johnson-lite: DFS from each start, smallest node first).
graph = {f: sorted(uses[f]) for f in folders}
cycles = []
def dfs(start, node, path, seen):
    for nxt in graph[node]:
        if nxt == start:
            cycles.append(path[:])
        elif nxt not in seen and nxt > start:
            seen.add(nxt); path.append(nxt)
            dfs(start, nxt, path, seen)
            path.pop(); seen.discard(nxt)
for s in folders:
    dfs(s, s, [s], {s})

print()
if not cycles:
    print('No cycles.')
else:
    print(f'{len(cycles)} cycle(s):')
    for c in sorted(cycles, key=lambda c: (len(c), c)):
        print('  ' + ' → '.join(c + [c[0]]))
    print()
    print('The edges on a cycle, and the names that make them:')
    edges = sorted({(a, b) for c in cycles for a, b in zip(c, c[1:] + c[:1])})
    for a, b in edges:
        print(f'  {a} → {b}: {", ".join(sorted(uses[a][b]))}')

upward = [(a, b) for a in folders for b in sorted(uses[a])
          if a in layer and b in layer and layer[b] > layer[a]]
print()
print('Intended layering, lowest first: ' + ' → '.join(', '.join(fs) for fs in LAYERS))
if not upward:
    print('No edge points up the layering.')
else:
    print(f'{len(upward)} edge(s) point up the layering:')
    for a, b in upward:
        print(f'  {a} → {b}: {", ".join(sorted(uses[a][b]))}')
sys.exit(1 if cycles or upward else 0)
