"""The examples in the docstrings of the pure date, name, id and coverage functions run as tests
(the same as ``pytest --doctest-modules`` on these modules)."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["kg.kb.records", "kg.ingest.dates", "kg.wikidata_ids", "kg.link.titles", "kg.link.names",
           "kg.namefold", "kg.conflict_kinds", "kg.model", "kg.check_evidence"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0, f"{name} has no examples"
    assert result.failed == 0
