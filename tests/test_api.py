"""The Python API: kg.open() -> check_text / check_url / build / check / query; the pinned surface."""

from __future__ import annotations

import doctest
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import kg
from kg.api import CheckResult, NotChecked

from .conftest import ROOT
from .test_check_inputs import ARTICLE, FRENCH, site  # noqa: F401 - the local page server fixture

SEED = ROOT.parent / "shared" / "eval" / "seeds" / "000_e7c274958c08526b.txt"


@pytest.fixture(scope="module")
def checker(nlp_kb):
    checker = kg.open()
    checker._nlp = nlp_kb[0]  # the session's pipeline (the same model and KB names): loaded once per run
    return checker


def test_the_public_surface_is_pinned() -> None:
    assert kg.__all__ == ["CheckResult", "Kg", "KgError", "NotChecked", "__version__", "open"]
    for name in kg.__all__:
        assert getattr(kg, name) is not None
    assert kg.open is kg.api.open and kg.KgError is kg.errors.KgError
    with pytest.raises(AttributeError):
        kg.no_such_name  # noqa: B018


def test_import_kg_and_kg_version_stay_light() -> None:
    code = ("import sys, kg; heavy = {'spacy', 'rdflib', 'pyoxigraph', 'py3langid'} & set(sys.modules); "
            "assert not heavy, heavy; print(kg.__version__)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and result.stdout.strip() == kg.__version__, result.stderr
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "kg", "--version"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and result.stdout.strip() == f"kg {kg.__version__}"
    imported = {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in result.stderr.splitlines()}
    assert not {"spacy", "rdflib", "pyoxigraph", "py3langid", "trafilatura"} & imported


def test_check_text_finds_the_two_conflicts(checker) -> None:
    result = checker.check_text(ARTICLE, date="2022-01-21")
    assert isinstance(result, CheckResult) and result.checked and len(result.articles) == 1
    assert sorted(c.kind for c in result.conflicts) == ["out-of-term", "wrong-name"]
    record = next(c for c in result.conflicts if c.kind == "wrong-name").to_dict()
    assert record["surface"] == "Secretary of State John Blinken" and record["evidence"]
    assert ARTICLE[record["start"]:record["end"]] == record["surface"]
    json.dumps(result.to_dict())  # the service's answer: JSON as it is
    assert result.to_dict()["conflicts"][0].keys() >= {"article", "start", "end", "type", "explanation"}


def test_a_correct_article_has_no_conflicts_but_is_checked(checker) -> None:
    fixed = ARTICLE.replace("John Blinken", "Antony Blinken").replace("President Barack Obama", "President Joe Biden")
    result = checker.check_text(fixed, date="2022-01-21")
    assert result.checked and result.conflicts == []


@pytest.mark.parametrize("text, message", [(FRENCH, "is in French"), ("  \n", "is empty")])
def test_text_that_cannot_be_checked_raises(checker, text, message) -> None:
    with pytest.raises(NotChecked if message == "is in French" else kg.KgError, match=message):
        checker.check_text(text, date="2022-01-21")


def test_check_url_fetches_and_checks(checker, site) -> None:  # noqa: F811
    result = checker.check_url(f"{site}/article.html")
    assert sorted(c.kind for c in result.conflicts) == ["out-of-term", "wrong-name"]
    with pytest.raises(kg.KgError, match="private or local address"):
        checker.check_url(f"{site}/article.html", allow_private=False)


@pytest.mark.skipif(not SEED.exists(), reason="needs ../shared/eval/seeds")
def test_the_seed_article_gives_its_two_conflicts(checker) -> None:
    result = checker.check_text(SEED.read_text(encoding="utf-8"), date="2022-01-21")
    assert sorted(c.kind for c in result.conflicts) == ["out-of-term", "wrong-name"]


def test_build_check_and_query(checker, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    summary = checker.build([tmp_path])
    assert summary.articles + summary.skipped == 1
    rows = checker.query("mentions-of", entity="wd:Q7821917")
    assert any(row["mention"] == "John Blinken" for row in rows)
    sparql = checker.query("SELECT ?l WHERE { ?who rdfs:label ?l } LIMIT 1", who="wd:Q76")
    assert sparql == [{"l": "Barack Obama"}]
    assert checker.check().conflicts  # the whole store
    with pytest.raises(kg.KgError, match="no query named"):
        checker.query("no-such-query")


def test_to_pandas(checker) -> None:
    pd = pytest.importorskip("pandas")
    frame = checker.check_text(ARTICLE, date="2022-01-21").to_pandas()
    assert isinstance(frame, pd.DataFrame) and set(frame["type"]) == {"wrong-name", "out-of-term"}


def test_the_readme_python_example_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"^## Python API\n.*?```python\n(.*?)```", readme, re.S | re.M)
    assert block, "README.md: no python block in 'Python API'"
    parser = doctest.DocTestParser()
    test = parser.get_doctest(block[1], {}, "README.md#python-api", "README.md", 0)
    assert len(test.examples) >= 5
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    assert runner.summarize(verbose=False).failed == 0
