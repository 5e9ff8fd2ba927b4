"""`kg serve` opens the store read-only unless --allow-update (the server itself is not started)."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef

from kg.errors import StoreError
from kg.store import Store


@pytest.fixture()
def built(tmp_path):
    path = tmp_path / "store"
    store = Store(path)
    store.replace_graphs({URIRef("urn:test:g"): [(URIRef("urn:test:s"), URIRef("urn:test:p"), Literal("o"))]})
    store.flush()
    del store
    return path


@pytest.fixture()
def served(monkeypatch):
    import kg.server

    calls = []
    monkeypatch.setattr(kg.server, "serve", lambda store, settings, allow_update=False: calls.append((store, allow_update)))
    return calls


def test_serve_opens_the_store_read_only_without_allow_update(built, served, monkeypatch):
    from kg.cli import main

    monkeypatch.delenv("KG_TOKEN", raising=False)
    assert main(["serve", "--store", str(built)]) == 0
    (store, allow_update), = served
    assert allow_update is False
    assert store.select("SELECT ?o WHERE { ?s ?p ?o }") == [{"o": "o"}]
    with pytest.raises(StoreError):
        store.update("INSERT DATA { GRAPH <urn:test:g> { <urn:test:s> <urn:test:p> 'x' } }")


def test_serve_with_allow_update_opens_it_read_write(built, served, monkeypatch):
    from kg.cli import main

    monkeypatch.setenv("KG_TOKEN", "a-test-token")
    assert main(["serve", "--store", str(built), "--allow-update"]) == 0
    (store, allow_update), = served
    assert allow_update is True
    store.update("INSERT DATA { GRAPH <urn:test:g> { <urn:test:s> <urn:test:p> 'x' } }")
    assert len(store.select("SELECT ?o WHERE { ?s ?p ?o }")) == 2


def test_allow_update_without_a_token_is_refused(built, served, monkeypatch, capsys):
    from kg.cli import main

    monkeypatch.delenv("KG_TOKEN", raising=False)
    assert main(["serve", "--store", str(built), "--allow-update"]) != 0
    assert served == []
    assert "KG_TOKEN" in capsys.readouterr().err
