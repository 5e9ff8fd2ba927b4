"""kg.queries.get: a query name is its file under queries/ (read again when it changes), without a
walk of every query file; other names go through the catalogue."""

import os

import pytest

from kg import queries
from kg.errors import QueryError


def test_a_name_is_read_from_its_file_without_the_catalogue(monkeypatch):
    def walked(*a, **k):
        raise AssertionError("the catalogue was walked")

    monkeypatch.setattr(queries, "catalogue", walked)
    assert queries.get("kb/label").name == "kb/label"


def test_an_edited_query_file_is_read_again(tmp_path):
    (tmp_path / "kb").mkdir()
    path = tmp_path / "kb" / "x.rq"
    path.write_text("# name: kb/x\nSELECT ?a WHERE { ?a ?b ?c }\n")
    assert "?a ?b ?c" in queries.get("kb/x", tmp_path).text
    path.write_text("# name: kb/x\nSELECT ?d WHERE { ?d ?e ?f . }\n")
    os.utime(path, ns=(1, 1))  # another modification time, whatever the clock's resolution
    assert "?d ?e ?f" in queries.get("kb/x", tmp_path).text


@pytest.mark.parametrize("name", ["../queries/kb/label", "kb/../kb/label", "/kb/label"])
def test_a_name_that_leaves_the_folder_is_not_a_file_of_it(name):
    with pytest.raises(QueryError):
        queries.get(name)


def test_a_short_name_still_finds_its_query():
    assert queries.get("wrong-name").name == "conflicts/wrong-name"


def test_the_store_reads_a_named_query_without_the_catalogue(monkeypatch):
    from kg.store import Store

    def walked(*a, **k):
        raise AssertionError("the catalogue was walked")

    monkeypatch.setattr(queries, "catalogue", walked)
    assert Store(None).select("kb/snapshot-date") == []


def test_the_store_refuses_a_name_that_is_no_query():
    from kg.store import Store

    with pytest.raises(QueryError, match="no query named"):
        Store(None).select("kb/no-such-query")
