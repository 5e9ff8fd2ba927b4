"""POST /check and GET /check on the kg serve app (in-process: starlette's TestClient, no network)."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

import kg
from kg import check_service
from kg.config import Settings
from kg.server import create_app
from kg.store import Store

from .test_check_inputs import ARTICLE, FRENCH, site  # noqa: F401 - the local page server fixture


@pytest.fixture(scope="module")
def client(nlp_kb):
    checker = kg.open()
    checker._nlp = nlp_kb[0]  # the session's pipeline: loaded once per test run
    saved, check_service._checker = check_service._checker, checker
    app = create_app(Store(None), settings={"max_body_bytes": 20_000, "query_timeout": 30})
    with TestClient(app) as client:
        yield client
    check_service._checker = saved


def test_post_check_answers_the_conflicts_as_jsonl_records(client) -> None:
    response = client.post("/check", json={"text": ARTICLE, "date": "2022-01-21"})
    assert response.status_code == 200, response.text
    data = response.json()
    assert sorted(c["type"] for c in data["conflicts"]) == ["out-of-term", "wrong-name"]
    for record in data["conflicts"]:
        assert data["text"][record["start"]:record["end"]] == record["surface"]
        assert {"article", "explanation", "evidence", "claim_date"} <= record.keys()
    assert isinstance(data["unverifiable"], list) and isinstance(data["events"], list)
    assert data["articles"] and data["date"] == "2022-01-21"


def test_the_service_store_does_not_grow(client) -> None:
    client.post("/check", json={"text": ARTICLE.replace("Berlin", "Bonn"), "date": "2022-01-21"})
    assert check_service._checker.query("articles") == []  # each request's graph is dropped


@pytest.mark.parametrize("body, status, message", [
    ({"text": FRENCH, "date": "2022-01-21"}, 422, "is in French"),
    ({"text": "   "}, 422, "is empty"),
    ({}, 422, 'give the article as "text"'),
    (["not", "an", "object"], 400, "must be a JSON object"),
    ({"text": "x" * 30_000}, 413, "over max_body_bytes"),
])
def test_what_cannot_be_checked_is_an_error_not_an_empty_answer(client, body, status, message) -> None:
    response = client.post("/check", json=body)
    assert response.status_code == status and message in response.json()["error"]
    assert "conflicts" not in response.json()


def test_a_url_on_the_services_own_network_is_not_fetched(client, site) -> None:  # noqa: F811
    response = client.post("/check", json={"url": f"{site}/article.html"})
    assert response.status_code == 422 and "private or local address" in response.json()["error"]


def test_only_json_is_accepted(client) -> None:
    assert client.post("/check", content=b"text=hello", headers={"Content-Type": "application/x-www-form-urlencoded"}).status_code == 415
    assert client.post("/check", content=b"{bad json", headers={"Content-Type": "application/json"}).status_code == 400


def test_the_paste_page_is_served(client) -> None:
    response = client.get("/check")
    assert response.status_code == 200 and "text/html" in response.headers["content-type"]
    assert '<textarea id="article"' in response.text and "fetch('check'" in response.text


@pytest.mark.parametrize("settings", [Settings(max_body_bytes=100), {"max_body_bytes": "100"}])
def test_the_routes_read_the_body_limit_from_the_settings(settings) -> None:
    """check_routes reads the typed Settings (a mapping is converted as Settings.of converts it)."""
    from starlette.applications import Starlette

    with TestClient(Starlette(routes=check_service.check_routes(settings))) as client:
        assert client.post("/check", json={"text": "x" * 200}).status_code == 413
        assert client.post("/check", json={"text": ""}).status_code != 413  # under the limit: another answer
