"""The check state's identity covers the code the verdicts come from: a change of any module the
check code imports (but those kg.check_state.NOT_VERDICTS names) voids the recorded verdicts."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from kg import check_state
from kg.store import Store

KG = Path(check_state.__file__).resolve().parent
#: Modules whose imports are not followed, and why.
UNWALKED = {"link/index_cache.py": "its imports build the linker's index, whose code digest is in the fingerprint"}


def _imports(path: Path) -> set[str]:
    """The kg modules a module imports (relative imports and absolute ``kg.`` ones), as paths under kg/."""
    package = path.parent.relative_to(KG).parts
    out = set()

    def module(parts) -> str | None:
        for candidate in (KG.joinpath(*parts).with_suffix(".py"), KG.joinpath(*parts, "__init__.py")):
            if parts and candidate.exists():
                return str(candidate.relative_to(KG))
        return None

    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.level:  # from .x import y, from ..x import y
            parts = [*package[:len(package) - node.level + 1], *(node.module.split(".") if node.module else [])]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "kg":  # from kg.x import y
            parts = node.module.split(".")[1:]
        elif isinstance(node, ast.Import):  # import kg.x
            for alias in node.names:
                if alias.name.split(".")[0] == "kg" and (found := module(alias.name.split(".")[1:])):
                    out.add(found)
            continue
        else:
            continue
        for alias in node.names:  # `from .kb import sources`: a module; `from .model import Conflict`: a name
            found = module([*parts, alias.name]) or module(parts)
            if found:
                out.add(found)
    return out


def test_every_module_the_check_code_imports_is_in_its_identity_or_named_as_deciding_nothing():
    # the closure of the imports of both lists: a module the gateway imports is classified too
    known = set(check_state.CODE) | set(check_state.NOT_VERDICTS)
    missing = {}
    for name in sorted(known - UNWALKED.keys()):
        for imported in _imports(KG / name):
            if imported not in known:
                missing.setdefault(imported, []).append(name)
    assert missing == {}


def test_the_module_walk_sees_relative_and_absolute_imports():
    assert {"check_evidence.py", "store.py", "kb/sources.py", "vocab.py"} <= _imports(KG / "check.py")
    assert "check_state.py" in _imports(KG / "cross_article.py")  # (`from . import check_state, queries`)
    assert "kb/wikibase.py" in _imports(KG / "kb" / "sources.py")  # (`from kg.kb import wikibase`)
    assert "sparql_bind.py" in _imports(KG / "kb" / "wikibase.py")  # (`from kg.sparql_bind import to_ox`)


@pytest.mark.parametrize("name", check_state.CODE)
def test_a_change_of_a_module_of_the_check_code_changes_the_identity(name, monkeypatch):
    store = Store(None)
    before = check_state.identity(store)
    original = Path.read_bytes
    target = (KG / name).resolve()
    monkeypatch.setattr(Path, "read_bytes", lambda self: original(self) + (b"#" if self.resolve() == target else b""))
    assert check_state.identity(store) != before

