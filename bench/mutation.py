"""One-line mutation testing of kg's key logic: do the tests notice when the logic breaks?

Each mutant changes one thing -- a comparison (``<`` <-> ``<=``, ``==`` <-> ``!=``, ``in`` <->
``not in``), a boolean operator (``and`` <-> ``or``), an arithmetic operator (``+`` <-> ``-``), an
integer constant (n -> n+1, n -> n-1), a short string constant emptied, a return value (``return
None``; a boolean one negated), a removed ``not``, a removed guard (``if cond: return/raise/continue``
never taken) -- in a Python module, or an operator (``<`` <-> ``<=``, ``=`` <-> ``!=``, ``&&`` <->
``||``), ``FILTER NOT EXISTS`` <-> ``FILTER EXISTS``, a date constant, a removed FILTER line or
``FILTER [NOT] EXISTS { ... }`` block in a conflict query (``queries/conflicts/*.rq``).  The mutant
is written into a temporary copy of the package (kg/, queries/, tests/; ontology/ and data/ are
linked), never into the files themselves, and the target's tests are run on it: a failing test
kills the mutant, a passing run lets it survive.

    python bench/mutation.py                         # the five default targets
    python bench/mutation.py --max 12                # at most 12 mutants per file (sample, --seed)
    python bench/mutation.py --target records -v     # one target, each mutant shown
    python bench/mutation.py --target names --list   # the mutants, nothing run
    python bench/mutation.py --at kg/check.py:147    # the mutants of one line (e.g. a survivor)
    python bench/mutation.py --out /tmp/mut.json     # the mutants and their fate, as JSON

mutmut 3 and cosmic-ray mutate Python only; the conflict queries are where most of kg's date
logic lives, so one script does both with the same operators.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import random
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
                                        "tests/test_mutation_gaps.py",
                                        "--doctest-modules", "kg/kb/records.py"]),
    "dates": (["kg/ingest/dates.py"], ["tests/test_ingest.py", "tests/test_ingest_props.py", "tests/test_dates_cases.py",
                                       "tests/test_mutation_gaps.py", "--doctest-modules", "kg/ingest/dates.py"]),
    "names": (["kg/link/names.py"], ["tests/test_names_props.py", "tests/test_names_cases.py",
                                     "tests/test_person_names.py", "tests/test_mutation_gaps.py",
                                     "--doctest-modules", "kg/link/names.py"]),
    "check": (["kg/check.py", "kg/check_evidence.py", "kg/conflict_kinds.py"],
              ["tests/test_conflict_cases.py", "tests/test_mutation_gaps.py", "tests/test_conflict_kinds.py", "tests/test_claim_row.py",
               "tests/test_check.py::test_lifespan_conflicts_are_written_with_the_item_as_evidence"]),
    "queries": (sorted(str(p.relative_to(ROOT)) for p in (ROOT / "queries" / "conflicts").glob("*.rq")),
                ["tests/test_conflict_queries.py", "tests/test_conflict_cases.py", "tests/test_mutation_gaps.py"]),
    # run only when named (--target, best with --at): the lines of two gaps issue #21 listed
    "linker": (["kg/link/linker.py"], ["tests/test_link_persons.py", "tests/test_link.py"]),
    "cli": (["kg/cli.py"], ["tests/test_serve_wiring.py"]),
}
DEFAULT_TARGETS = ("records", "dates", "names", "check", "queries")

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


def _unmutated_strings(tree: ast.AST) -> set[int]:
    """Docstrings, the parts of f-strings and the names in ``__all__``: no string mutants there."""
    out = _docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            out |= {id(v) for v in node.values}
        elif isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            out |= {id(c) for c in ast.walk(node.value)}
    return out


_BOOLISH = (ast.Compare, ast.BoolOp)
SHORT_STRING = 15  # string constants up to this length are emptied


def _return_mutation(node: ast.Return) -> str | None:
    v = node.value
    if v is None or (isinstance(v, ast.Constant) and v.value is None):
        return None
    if isinstance(v, ast.Constant) and isinstance(v.value, bool):
        return f"return {v.value} -> return {not v.value}"
    if isinstance(v, _BOOLISH) or (isinstance(v, ast.UnaryOp) and isinstance(v.op, ast.Not)):
        return "return X -> return not X"
    return "return X -> return None"


def _sites(tree: ast.AST) -> list[tuple[ast.AST, str, str]]:
    """(node, kind, description) for every place a mutation applies."""
    docs = _docstrings(tree)
    quiet = _unmutated_strings(tree)
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
            if 0 < abs(node.value) <= 100:
                sites.append((node, "intdown", f"{node.value} -> {node.value - 1}"))
        elif (isinstance(node, ast.Constant) and type(node.value) is str and id(node) not in quiet
              and 0 < len(node.value) <= SHORT_STRING):
            sites.append((node, "str", f"{node.value!r} -> ''"))
        elif isinstance(node, ast.Return) and (what := _return_mutation(node)):
            sites.append((node, "return", what))
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
        elif k == "intdown":
            return ast.copy_location(ast.Constant(node.value - 1), node)
        elif k == "str":
            return ast.copy_location(ast.Constant(""), node)
        elif k == "return":
            v = node.value
            if isinstance(v, ast.Constant) and isinstance(v.value, bool):
                node.value = ast.copy_location(ast.Constant(not v.value), v)
            elif isinstance(v, _BOOLISH) or (isinstance(v, ast.UnaryOp) and isinstance(v.op, ast.Not)):
                node.value = ast.copy_location(ast.UnaryOp(ast.Not(), v), v)
            else:
                node.value = ast.copy_location(ast.Constant(None), v)
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
    (re.compile(r"FILTER NOT EXISTS"), "FILTER EXISTS"), (re.compile(r"FILTER EXISTS"), "FILTER NOT EXISTS"),
    (re.compile(r"!REGEX"), "REGEX"),
    (re.compile(r'"-12-31"'), '"-12-30"'), (re.compile(r'"-01-01"'), '"-01-02"'),
    (re.compile(r'"-31"'), '"-30"'), (re.compile(r'"-01"(?!-)'), '"-02"'),
    (re.compile(r"STRLEN\((\?\w+)\) = 4"), r"STRLEN(\1) = 5"),
]
_FILTER_LINE = re.compile(r"^(\s*)(FILTER\(.*\))\s*$")
_EXISTS_BLOCK = re.compile(r"^\s*FILTER (NOT )?EXISTS\s*\{")


def _block_end(lines: list[str], start: int) -> int | None:
    """The line that closes the ``{`` opened on line ``start`` (comments and strings aside)."""
    depth = 0
    for n in range(start, len(lines)):
        code = re.sub(r'"[^"]*"|#.*', "", lines[n])
        depth += code.count("{") - code.count("}")
        if depth <= 0:
            return n
    return None


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
        if _EXISTS_BLOCK.match(line) and (end := _block_end(lines, n)) is not None:
            block = ["# " + x if x.strip() else x for x in lines[n:end + 1]]
            out.append(Mutant(rel, n + 1, f"removed {line.strip()[:40]} ... }} (lines {n + 1}-{end + 1})",
                              "".join(lines[:n] + block + lines[end + 1:])))
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


def sample(mutants: list[Mutant], most: int | None, seed: int) -> list[Mutant]:
    """At most ``most`` mutants of one file, the same ones for the same seed and file, in line order."""
    if most is None or len(mutants) <= most:
        return mutants
    rng = random.Random(f"{seed}:{mutants[0].file}")
    keep = set(rng.sample(range(len(mutants)), most))
    return [m for i, m in enumerate(mutants) if i in keep]


def target_mutants(name: str, box: Path, only: list[str] | None = None, at: list[str] | None = None,
                   most: int | None = None, seed: int = 0) -> list[Mutant]:
    files = [f for f in TARGETS[name][0] if not only or f in only]
    mutants: list[Mutant] = []
    for rel in files:
        path = box / rel
        found = (sparql_mutants if rel.endswith(".rq") else python_mutants)(path, rel)
        if at:
            found = [m for m in found if f"{m.file}:{m.line}" in at]
        mutants += sample(found, most, seed)
    return mutants


def run_target(name: str, box: Path, verbose: bool, timeout: float, only: list[str] | None = None,
               at: list[str] | None = None, most: int | None = None, seed: int = 0) -> list[Mutant]:
    tests = [t for t in TARGETS[name][1] if t.startswith("-") or (box / t.split("::")[0]).exists()]
    mutants = target_mutants(name, box, only, at, most, seed)
    if not mutants:
        return mutants
    status, took = run_tests(box, tests, timeout * 4)
    if status != "survived":
        raise SystemExit(f"{name}: the tests fail before any mutation ({' '.join(tests)}); fix them first")
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


def print_table(results: dict[str, list[Mutant]]) -> None:
    """Per target: mutants, killed, survived, score; then every survivor (file:line, the mutation).
    A mutant whose tests hang (run past the timeout) counts as detected, as in mutmut and Stryker."""
    print(f"\n{'target':8} {'mutants':>7} {'killed':>6} {'timeout':>7} {'survived':>8} {'score':>6}")
    rows = list(results.items())
    rows.append(("all", [m for ms in results.values() for m in ms]))
    for name, mutants in rows:
        k = sum(m.status == "killed" for m in mutants)
        t = sum(m.status == "timeout" for m in mutants)
        n = len(mutants)
        print(f"{name:8} {n:7} {k:6} {t:7} {n - k - t:8} {(k + t) / max(n, 1):6.0%}")
    survivors = [m for m in rows[-1][1] if m.status == "survived"]
    if survivors:
        print("\nsurvivors:")
        for m in survivors:
            print(f"  {m.file}:{m.line}  {m.what}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--target", action="append", choices=sorted(TARGETS), help=f"default: {', '.join(DEFAULT_TARGETS)}")
    parser.add_argument("--timeout", type=float, default=60.0,
                        help="seconds per test run, at least 3x the unmutated run (default 60)")
    parser.add_argument("--only", action="append", metavar="FILE", help="mutate only this file of the target(s)")
    parser.add_argument("--at", action="append", metavar="FILE:LINE",
                        help="run only the mutants on this line (e.g. the survivors of an earlier run)")
    parser.add_argument("--max", type=int, metavar="N",
                        help="at most N mutants per file, a sample fixed by --seed (default: all)")
    parser.add_argument("--seed", type=int, default=21, help="seed of the --max sample (default 21)")
    parser.add_argument("--list", action="store_true", help="list the mutants, run nothing")
    parser.add_argument("--out", help="write the mutants and their fate as JSON here")
    parser.add_argument("-v", "--verbose", action="store_true", help="show killed mutants too")
    args = parser.parse_args(argv)
    box = sandbox()
    results: dict[str, list[Mutant]] = {}
    try:
        for name in args.target or DEFAULT_TARGETS:
            if args.list:
                for m in target_mutants(name, box, args.only, args.at, args.max, args.seed):
                    print(f"{name:8} {m.file}:{m.line}  {m.what}")
                continue
            print(f"{name}:", flush=True)
            results[name] = run_target(name, box, args.verbose, args.timeout, args.only, args.at, args.max, args.seed)
    finally:
        shutil.rmtree(box, ignore_errors=True)
    if args.list:
        return 0
    print_table(results)
    if args.out:
        Path(args.out).write_text(json.dumps({n: [{k: v for k, v in asdict(m).items() if k != "source"} for m in ms]
                                              for n, ms in results.items()}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
