"""Where kg's own files are: the checkout's top-level folders, or the installed copies.

In a source checkout (or an editable install) ``queries/``, ``ontology/`` and
``data/`` sit next to ``kg/``; a wheel ships them as the ``kg._res`` packages
(see ``[tool.setuptools.package-dir]`` in pyproject.toml).
"""

from __future__ import annotations

import functools
import importlib.resources
from pathlib import Path

_PACKAGED = {
    "queries": "kg._res.queries",
    "ontology": "kg._res.ontology",
    "data/wikidata": "kg._res.wikidata",
    "data/samples": "kg._res.samples",
}


@functools.cache
def resource_dir(name: str) -> Path:
    """The directory holding ``name`` (one of ``queries``, ``ontology``, ``data/wikidata``, ``data/samples``)."""
    source = Path(__file__).resolve().parent.parent / name
    if source.is_dir():
        return source
    try:
        return Path(str(importlib.resources.files(_PACKAGED[name])))
    except (KeyError, ModuleNotFoundError) as exc:
        raise FileNotFoundError(f"kg resource {name!r} is missing; reinstall kg") from exc
