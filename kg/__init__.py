"""kg: a knowledge-graph builder for diplomacy news that fact-checks what it reads against Wikidata.

The Python API (see README "Python API")::

    import kg
    checker = kg.open()            # an embedded store with the Wikidata snapshot
    result = checker.check_text(text, date="2022-01-21")
    result.conflicts               # kg.model.Conflict records, each with .to_dict()

``import kg`` stays light: the API (spaCy, rdflib, pyoxigraph) is imported on first use.
"""

from __future__ import annotations

__version__ = "0.1.0"

#: The public surface, pinned (tests/test_api.py checks it).
__all__ = ["CheckResult", "Kg", "KgError", "NotChecked", "__version__", "open"]

_LAZY = {"CheckResult": "kg.api", "Kg": "kg.api", "NotChecked": "kg.api", "open": "kg.api",
         "KgError": "kg.errors"}


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
