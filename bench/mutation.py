"""One-line mutation testing of kg's key logic: do the tests notice when the logic breaks?

Each mutant changes one thing -- a comparison (``<`` <-> ``<=``, ``==`` <-> ``!=``, ``in`` <->
``not in``), a boolean operator (``and`` <-> ``or``), an arithmetic operator (``+`` <-> ``-``), an
integer constant (n -> n+1), a removed ``not``, a removed guard (``if cond: return/raise/continue``
never taken) -- in a Python module, or an operator, a date constant or a FILTER in a conflict query
(``queries/conflicts/*.rq``).  The mutant is written into a temporary copy of the package (kg/,
queries/, tests/; ontology/ and data/ are linked), never into the files themselves, and the
target's tests are run on it: a failing test kills the mutant, a passing run lets it survive.

    python bench/mutation.py                         # every target below
    python bench/mutation.py --target records -v     # one target, each mutant shown
    python bench/mutation.py --out /tmp/mut.json     # the mutants and their fate, as JSON

mutmut 3 and cosmic-ray mutate Python only; the conflict queries are where most of kg's date
logic lives, so one script does both with the same operators.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: target -> (files to mutate, tests that judge them)
TARGETS: dict[str, tuple[list[str], list[str]]] = {
    "records": (["kg/kb/records.py"], ["tests/kb/test_kb_records.py", "tests/test_conflict_cases.py",
                                        "--doctest-modules", "kg/kb/records.py"]),
    "dates": (["kg/ingest/dates.py"], ["tests/test_ingest.py", "tests/test_ingest_props.py", "tests/test_dates_cases.py",
                                       "--doctest-modules", "kg/ingest/dates.py"]),
    "names": (["kg/link/names.py"], ["tests/test_names_props.py", "tests/test_names_cases.py",
                                     "--doctest-modules", "kg/link/names.py"]),
    "check": (["kg/check.py"], ["tests/test_conflict_cases.py", "tests/test_check.py::test_lifespan_conflicts_are_written_with_the_item_as_evidence"]),
    "queries": (sorted(str(p.relative_to(ROOT)) for p in (ROOT / "queries" / "conflicts").glob("*.rq")),
                ["tests/test_conflict_queries.py", "tests/test_conflict_cases.py"]),
}

_CMP_SWAP = {ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Eq: ast.NotEq,
             ast.NotEq: ast.Eq, ast.In: ast.NotIn, ast.NotIn: ast.In, ast.Is: ast.IsNot, ast.IsNot: ast.Is}
_OP_SWAP = {ast.Add: ast.Sub, ast.Sub: ast.Add}


@dataclass
class Mutant:
    file: str
    line: int
    what: str
    source: str = ""  # the mutated file (not kept in the report)
    status: str = ""  # killed / survived / timeout
    seconds: float = 0.0


# -- Python -----------------------------------------------------------------------------------------

def _docstrings(tree: ast.AST) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                out.add(id(body[0].value))
    return out


def _sites(tree: ast.AST) -> list[tuple[ast.AST, str, str]]:
    """(node, kind, description) for every place a mutation applies."""
    docs = _docstrings(tree)
    sites = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            for i, op in enumerate(node.ops):
                if type(op) in _CMP_SWAP:
                    sites.append((node, f"cmp{i}", f"{type(op).__name__} -> {_CMP_SWAP[type(op)].__name__}"))
        elif isinstance(node, ast.BoolOp):
            sites.append((node, "bool", f"{type(node.op).__name__} -> {'Or' if isinstance(node.op, ast.And) else 'And'}"))
        elif isinstance(node, ast.BinOp) and type(node.op) in _OP_SWAP:
            sites.append((node, "binop", f"{type(node.op).__name__} -> {_OP_SWAP[type(node.op)].__name__}"))
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            sites.append((node, "not", "not removed"))
        elif (isinstance(node, ast.Constant) and type(node.value) is int and id(node) not in docs
              and not isinstance(node.value, bool)):
            sites.append((node, "int", f"{node.value} -> {node.value + 1}"))
        elif isinstance(node, ast.If) and node.body and isinstance(node.body[0], (ast.Return, ast.Raise, ast.Continue)):
            sites.append((node, "guard", "guard removed (if ... never taken)"))
    return sites


class _Apply(ast.NodeTransformer):
    def __init__(self, target: ast.AST, kind: str):
        self.target, self.kind = target, kind

    def visit(self, node):  # noqa: D401 - NodeTransformer protocol
        if node is not self.target:
            return super().visit(node)
        k = self.kind
        if k.startswith("cmp"):
            i = int(k[3:])
            node.ops[i] = _CMP_SWAP[type(node.ops[i])]()
        elif k == "bool":
            node.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
        elif k == "binop":
            node.op = _OP_SWAP[type(node.op)]()
        elif k == "not":
            return node.operand
        elif k == "int":
            return ast.copy_location(ast.Constant(node.value + 1), node)
        elif k == "guard":
            node.test = ast.copy_location(ast.Constant(False), node.test)
        return node


def python_mutants(path: Path, rel: str) -> list[Mutant]:
    text = path.read_text(encoding="utf-8")
    base = ast.parse(text)
    out = []
    for index, (node, kind, what) in enumerate(_sites(base)):
        tree = ast.parse(text)
        target = _sites(tree)[index][0]
        mutated = ast.fix_missing_locations(_Apply(target, kind).visit(tree))
        out.append(Mutant(rel, getattr(node, "lineno", 0), what, ast.unparse(mutated)))
    return out


# -- SPARQL -----------------------------------------------------------------------------------------

_RQ_OPS = [
    (re.compile(r"(?<=\s)<=(?=\s)"), "<"), (re.compile(r"(?<=\s)<(?=\s)"), "<="),
    (re.compile(r"(?<=\s)>=(?=\s)"), ">"), (re.compile(r"(?<=\s)>(?=\s)"), ">="),
    (re.compile(r"(?<=\s)!=(?=\s)"), "="), (re.compile(r"(?<=\s)=(?=\s)"), "!="),
    (re.compile(r"&&"), "||"), (re.compile(r"\|\|"), "&&"),
    (re.compile(r"FILTER NOT EXISTS"), "FILTER EXISTS"),
    (re.compile(r"!REGEX"), "REGEX"),
    (re.compile(r'"-12-31"'), '"-12-30"'), (re.compile(r'"-01-01"'), '"-01-02"'),
    (re.compile(r'"-31"'), '"-30"'), (re.compile(r'"-01"(?!-)'), '"-02"'),
    (re.compile(r"STRLEN\((\?\w+)\) = 4"), r"STRLEN(\1) = 5"),
]
_FILTER_LINE = re.compile(r"^(\s*)(FILTER\(.*\))\s*$")


def sparql_mutants(path: Path, rel: str) -> list[Mutant]:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    out = []
    for n, line in enumerate(lines):
        if line.lstrip().startswith("#"):
            continue
        for pattern, repl in _RQ_OPS:
            for match in pattern.finditer(line):
                new = line[:match.start()] + match.expand(repl) + line[match.end():]
                out.append(Mutant(rel, n + 1, f"{match.group()} -> {match.expand(repl)}", "".join(lines[:n] + [new] + lines[n + 1:])))
        m = _FILTER_LINE.match(line)
        if m and m.group(2).count("(") == m.group(2).count(")"):
            out.append(Mutant(rel, n + 1, f"removed {m.group(2)[:50]}",
                              "".join(lines[:n] + [m.group(1) + "# " + m.group(2) + "\n"] + lines[n + 1:])))
    return out


# -- running ----------------------------------------------------------------------------------------

def sandbox() -> Path:
    """A copy of the package and its tests; big read-only folders are linked."""
    tmp = Path(tempfile.mkdtemp(prefix="kg-mutation-"))
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("kg", "queries", "tests"):
        shutil.copytree(ROOT / name, tmp / name, ignore=ignore)
    for name in ("ontology", "data"):
        (tmp / name).symlink_to(ROOT / name)
    return tmp


def run_tests(box: Path, tests: list[str], timeout: float) -> tuple[str, float]:
    env = dict(os.environ, PYTHONPATH=str(box), PYTHONDONTWRITEBYTECODE="1")
    cmd = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "-p", "no:randomly",
           "-W", "ignore", *tests]
    start = time.perf_counter()
    try:
        proc = subprocess.run(cmd, cwd=box, env=env, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return "timeout", time.perf_counter() - start
    status = "survived" if proc.returncode == 0 else "killed"
    if proc.returncode not in (0, 1):  # collection or usage error: a mutant that breaks import is killed too
        status = "killed"
    return status, time.perf_counter() - start


def run_target(name: str, box: Path, verbose: bool, timeout: float, only: list[str] | None = None,
               at: list[str] | None = None) -> list[Mutant]:
    files, tests = TARGETS[name]
    files = [f for f in files if not only or f in only]
    tests = [t for t in tests if t.startswith("-") or (box / t.split("::")[0]).exists()]
    status, took = run_tests(box, tests, timeout * 4)
    if status != "survived":
        raise SystemExit(f"{name}: the tests fail before any mutation ({' '.join(tests)}); fix them first")
    mutants: list[Mutant] = []
    for rel in files:
        path = box / rel
        mutants += (sparql_mutants if rel.endswith(".rq") else python_mutants)(path, rel)
    if at:
        mutants = [m for m in mutants if f"{m.file}:{m.line}" in at]
    for m in mutants:
        path = box / m.file
        original = path.read_text(encoding="utf-8")
        path.write_text(m.source, encoding="utf-8")
        try:
            m.status, m.seconds = run_tests(box, tests, max(timeout, took * 3))
        finally:
            path.write_text(original, encoding="utf-8")
        if verbose or m.status != "killed":
            print(f"  {m.status:8} {m.file}:{m.line}  {m.what}", flush=True)
    return mutants


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--target", action="append", choices=sorted(TARGETS), help="default: all")
    parser.add_argument("--timeout", type=float, default=60.0,
                        help="seconds per test run, at least 3x the unmutated run (default 60)")
    parser.add_argument("--only", action="append", metavar="FILE", help="mutate only this file of the target(s)")
    parser.add_argument("--at", action="append", metavar="FILE:LINE",
                        help="run only the mutants on this line (e.g. the survivors of an earlier run)")
    parser.add_argument("--out", help="write the mutants and their fate as JSON here")
    parser.add_argument("-v", "--verbose", action="store_true", help="show killed mutants too")
    args = parser.parse_args(argv)
    box = sandbox()
    results: dict[str, list[Mutant]] = {}
    try:
        for name in args.target or list(TARGETS):
            print(f"{name}:", flush=True)
            results[name] = run_target(name, box, args.verbose, args.timeout, args.only, args.at)
    finally:
        shutil.rmtree(box, ignore_errors=True)
    # a mutant whose tests hang (run past the timeout) is detected, as in mutmut and Stryker; shown apart
    total = killed = timeouts = 0
    for name, mutants in results.items():
        k = sum(m.status == "killed" for m in mutants)
        t = sum(m.status == "timeout" for m in mutants)
        total, killed, timeouts = total + len(mutants), killed + k, timeouts + t
        print(f"{name:8} killed {k + t}/{len(mutants)} ({(k + t) / max(len(mutants), 1):.0%}; {t} by timeout)")
    print(f"{'all':8} killed {killed + timeouts}/{total} ({(killed + timeouts) / max(total, 1):.0%}; {timeouts} by timeout)")
    if args.out:
        Path(args.out).write_text(json.dumps({n: [{k: v for k, v in asdict(m).items() if k != "source"} for m in ms]
                                              for n, ms in results.items()}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
