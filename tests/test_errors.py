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
