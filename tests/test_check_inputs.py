"""`kg check -`, `kg check URL`, `kg check --text`: text, stdin and fetched pages, and the errors.

Pages are served by a local http.server on 127.0.0.1 (a free port), never the internet.
The articles are written for these tests.
"""

from __future__ import annotations

import csv
import io
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from kg.cli import main
from kg.errors import ArticleError
from kg.ingest.fetch import fetch_article

#: Two claims Wikidata contradicts on 2022-01-21: a wrong given name, a president out of term.
ARTICLE = ("Envoys meet in Berlin\n\n"
           "In Berlin, US Secretary of State John Blinken said that the talks with European envoys "
           "had been useful.\n\n"
           "After the meeting, President Barack Obama declared that sanctions would follow any attack.\n")
FRENCH = ("Les ministres se retrouvent à Genève\n\n"
          "Le ministre français des Affaires étrangères a rencontré mardi son homologue russe à Genève "
          "pour parler de la sécurité en Europe, a indiqué un porte-parole du ministère.\n")
PAGE = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Envoys meet in Berlin</title>
<meta property="article:published_time" content="2022-01-21T10:00:00Z"></head>
<body><nav>Home | World | Politics</nav><article><h1>Envoys meet in Berlin</h1>
{''.join(f'<p>{p}</p>' for p in ARTICLE.split(chr(10) * 2)[1:])}</article>
<footer>Copyright 2022 Example News</footer></body></html>"""


class _Pages(BaseHTTPRequestHandler):
    routes: dict = {}

    def do_GET(self):  # noqa: N802
        status, kind, body, delay = self.routes.get(self.path, (404, "text/plain", b"not found", 0))
        if status in (301, 302):
            self.send_response(status)
            self.send_header("Location", body.decode())
            self.end_headers()
            return
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        time.sleep(delay)
        try:
            self.wfile.write(body)
        except OSError:
            pass

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site():
    _Pages.routes = {
        "/article.html": (200, "text/html; charset=utf-8", PAGE.encode(), 0),
        "/plain.txt": (200, "text/plain; charset=utf-8", ARTICLE.encode(), 0),
        "/french.html": (200, "text/html", f"<html><body><article><p>{FRENCH}</p></article></body></html>".encode(), 0),
        "/big.html": (200, "text/html", b"<p>" + b"x" * 200_000 + b"</p>", 0),
        "/slow.html": (200, "text/html", PAGE.encode(), 3),
        "/image.png": (200, "image/png", b"\x89PNG\r\n\x1a\n", 0),
        "/to-file": (302, "", b"file:///etc/passwd", 0),
        "/to-article": (302, "", b"/article.html", 0),
    }
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


# -- fetching (no NLP) ---------------------------------------------------------------------

def test_a_page_is_fetched_with_its_main_text_title_and_date(site) -> None:
    article = fetch_article(f"{site}/article.html")
    assert article.title == "Envoys meet in Berlin" and article.date == "2022-01-21"
    assert "Secretary of State John Blinken" in article.text and "Home | World" not in article.text
    assert article.path == f"{site}/article.html"
    assert fetch_article(f"{site}/to-article").text == article.text  # an http redirect is followed
    assert fetch_article(f"{site}/plain.txt").text == ARTICLE


@pytest.mark.parametrize("path, kwargs, message", [
    ("/missing.html", {}, "the server answered 404"),
    ("/big.html", {"max_bytes": 100_000}, "the page is over 100,000 bytes"),
    ("/slow.html", {"timeout": 0.5}, "no answer within 0.5 s"),
    ("/image.png", {}, "is image/png, not a web page or text"),
    ("/to-file", {}, "redirects to a file URL, not http(s)"),
    ("/article.html", {"allow_private": False}, "a private or local address"),
])
def test_fetch_failures_say_what_and_what_to_do(site, path, kwargs, message) -> None:
    with pytest.raises(ArticleError) as caught:
        fetch_article(f"{site}{path}", **kwargs)
    assert message in str(caught.value) and str(caught.value).startswith(f"{site}{path}: ")


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/a", "javascript:alert(1)", "http://"])
def test_only_http_urls_are_fetched(url) -> None:
    with pytest.raises(ArticleError, match="not an http\\(s\\) URL"):
        fetch_article(url)


def test_an_unreachable_host_is_an_error(site) -> None:
    port = site.rsplit(":", 1)[1]
    with pytest.raises(ArticleError, match="cannot be fetched|no answer"):
        fetch_article(f"http://127.0.0.1:{int(port) + 1 if int(port) < 65535 else 1}/x", timeout=2)


# -- the command line -------------------------------------------------------------------------

def _check(capsys, monkeypatch, *argv, stdin: bytes = b"") -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    code = main(["check", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("argv, message", [
    (["missing.txt"], "missing.txt: no such file or directory"),
    (["http://127.0.0.1:9/unreachable"], "cannot be fetched"),
    (["--text", FRENCH], "is in French (fr, confidence"),
    (["-"], "<stdin>: is empty"),
    (["--text", "   "], "<text>: is empty"),
])
def test_unread_input_is_an_error_never_no_conflicts(tmp_path, capsys, monkeypatch, argv, message) -> None:
    code, out, err = _check(capsys, monkeypatch, *argv, "--store", str(tmp_path / "s"))
    assert code == 1, err
    assert message in err and "nothing was checked" in err
    assert "No conflicts" not in out + err and out == ""


def test_a_french_page_is_not_checked(site, tmp_path, capsys, monkeypatch) -> None:
    code, out, err = _check(capsys, monkeypatch, f"{site}/french.html", "--store", str(tmp_path / "s"))
    assert code == 1 and "is in French" in err and "nothing was checked" in err


def test_a_bad_date_is_a_usage_error(tmp_path, capsys, monkeypatch) -> None:
    code, _, err = _check(capsys, monkeypatch, "--text", ARTICLE, "--date", "21/01/2022x", "--store", str(tmp_path / "s"))
    assert code == 1 and "--date '21/01/2022x': not a date" in err


def test_stdin_a_url_and_text_are_checked_in_one_run(site, tmp_path, capsys, monkeypatch) -> None:
    other = ARTICLE.replace("Envoys meet in Berlin", "Talks in Berlin")  # another text: another article
    code, out, err = _check(capsys, monkeypatch, "-", f"{site}/article.html", "--text", other,
                            "--date", "2022-01-21", "--format", "csv", "--fail-on-conflict",
                            "--store", str(tmp_path / "s"), stdin=ARTICLE.replace("Envoys", "Diplomats").encode())
    assert code == 4, err  # --fail-on-conflict
    rows = list(csv.DictReader(io.StringIO(out)))
    by_article: dict[str, set] = {}
    for row in rows:
        by_article.setdefault(row["article"], set()).add(row["type"])
    assert len(by_article) == 3 and all(kinds == {"wrong-name", "out-of-term"} for kinds in by_article.values()), rows
    assert "built 3 articles" in err


def test_check_without_fail_on_conflict_exits_0_with_conflicts(tmp_path, capsys, monkeypatch) -> None:
    code, out, err = _check(capsys, monkeypatch, "--text", ARTICLE, "--date", "2022-01-21", "--format", "jsonl",
                            "--store", str(tmp_path / "s"))
    assert code == 0, err
    records = [json.loads(line) for line in out.splitlines()]
    assert {r["type"] for r in records} == {"wrong-name", "out-of-term"}
    assert {r["surface"] for r in records} >= {"Secretary of State John Blinken"}
