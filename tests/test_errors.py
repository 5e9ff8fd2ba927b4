"""The exception tree: one root, HttpError under it, one table of HTTP statuses."""

from __future__ import annotations

import inspect

import pytest

from kg import errors
from kg.errors import HTTP_STATUS, HttpError, KgError, QueryError, StoreError, http_status

CLASSES = [c for _, c in inspect.getmembers(errors, inspect.isclass) if c.__module__ == errors.__name__]


def test_every_error_is_a_kg_error():
    assert HttpError in CLASSES
    assert all(issubclass(c, KgError) for c in CLASSES)


@pytest.mark.parametrize("cls", [c for c in CLASSES if c is not HttpError])
def test_every_error_class_has_its_status_in_the_table(cls):
    assert cls in HTTP_STATUS and 400 <= HTTP_STATUS[cls] <= 599


def test_http_status():
    assert http_status(HttpError(406, "cannot give text/csv")) == 406
    assert http_status(QueryError("bad query")) == 400
    assert http_status(StoreError("disk full")) == 500

    class Sub(QueryError):
        pass

    assert http_status(Sub("x")) == 400  # the nearest listed base class
    assert http_status(ValueError("not ours")) == 500
    assert str(HttpError(413, "too big")) == "too big" and HttpError(413, "too big").message == "too big"


#: What each row of kg.errors.HTTP_STATUS answers, written out: changing a row (or adding one) fails here.
EXPECTED = {
    errors.KgError: 500,
    errors.ConfigError: 500,
    errors.ArticleError: 400,
    errors.ExtractError: 500,
    errors.KbError: 502,
    errors.LinkError: 500,
    errors.StoreError: 500,
    errors.QueryError: 400,
    errors.QueryFailed: 500,
    errors.ExportError: 502,
    errors.OntologyError: 500,
}


def test_the_table_has_exactly_the_expected_rows():
    assert dict(HTTP_STATUS) == EXPECTED


def _app_raising(exc: BaseException):
    from starlette.routing import Route

    from kg.server import create_app
    from kg.store import Store

    async def boom(request):
        raise exc

    return create_app(Store(None), settings={}, extra_routes=[Route("/boom", boom)])


@pytest.mark.parametrize("cls, status", EXPECTED.items(), ids=lambda x: getattr(x, "__name__", str(x)))
def test_the_endpoint_answers_each_error_class_with_its_status(cls, status):
    from starlette.testclient import TestClient

    assert http_status(cls("what failed")) == status
    with TestClient(_app_raising(cls("what failed"))) as client:
        answer = client.get("/boom")
    assert answer.status_code == status
    assert answer.json() == {"error": "what failed", "status": status}


def test_an_http_error_is_answered_with_its_own_status():
    from starlette.testclient import TestClient

    with TestClient(_app_raising(HttpError(415, "send JSON"))) as client:
        answer = client.get("/boom")
    assert (answer.status_code, answer.json()) == (415, {"error": "send JSON", "status": 415})


def test_the_query_code_classifies_engine_errors_by_the_table():
    """kg.sparql_protocol: a query that does not parse is a client error (400), one the engine fails on is 500."""
    from kg.sparql_protocol import run_query
    from kg.store import Store

    with pytest.raises(HttpError) as caught:
        run_query(Store(None), "SELECT ?s WHERE { ?s ?p", {}, ["application/sparql-results+json"], 10)
    assert caught.value.status == 400
    from kg.sparql_protocol import _classified

    assert http_status(_classified(QueryError("engine failed"))) == 500
    syntax = QueryError("does not parse")
    syntax.__cause__ = SyntaxError("at 1:9")
    assert http_status(_classified(syntax)) == 400


def test_the_readme_error_table_is_the_generated_one():
    from kg.errors import http_status_markdown

    from .conftest import ROOT

    assert http_status_markdown() in (ROOT / "README.md").read_text(encoding="utf-8")
