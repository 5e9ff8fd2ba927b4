"""Progress on long work: the one gateway to tqdm.

A bar is drawn on stderr with its count, total (when known) and rate, and only when stderr is a
terminal and the user did not ask for quiet (``kg --quiet``, :func:`set_quiet`); piped or captured
stderr, a CI log, a notebook get nothing.  Callers pass ``enabled=True``/``False`` to force it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import Any

_quiet = False


def set_quiet(quiet: bool) -> None:
    """Silence every bar (``kg --quiet``) or let them show on a terminal again."""
    global _quiet
    _quiet = bool(quiet)


def is_quiet() -> bool:
    return _quiet


def shown(enabled: bool | None = None) -> bool:
    """Whether a bar would be drawn: ``enabled`` if given, else stderr is a terminal and not quiet."""
    if enabled is not None:
        return enabled
    return not _quiet and _isatty(sys.stderr)


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False


def bar(iterable: Iterable | None = None, *, total: int | None = None, unit: str = "it", desc: str | None = None,
        enabled: bool | None = None):
    """A tqdm bar over ``iterable`` (or updated by hand with ``.update(n)``) on stderr.

    When not :func:`shown` it is tqdm's disabled bar: iterating, ``update`` and ``close`` still
    work and draw nothing, so callers never test for it.
    """
    from tqdm import tqdm

    return tqdm(iterable, total=total, unit=f" {unit}" if unit != "it" else unit, desc=desc, file=sys.stderr,
                dynamic_ncols=True, disable=not shown(enabled))  # left on screen: the totals and the rate


class Tracker:
    """A bar driven by a ``progress(done, total)`` callback (the form :mod:`kg.kb.dump` and
    :mod:`kg.kb.live` report in); a new total (a second pass) starts the bar again."""

    def __init__(self, *, unit: str = "it", desc: str = "", enabled: bool | None = None):
        self.bar = bar(unit=unit, desc=desc, enabled=enabled)
        self.desc, self.total, self.done, self.passes = desc, None, 0, 1

    def __call__(self, done: int, total: int | None = None) -> None:
        if self.bar.disable:
            return
        if total != self.total:
            if self.done or self.total is not None:  # a new pass over the input
                self.passes += 1
                self.bar.set_description(f"{self.desc} (pass {self.passes})", refresh=False)
            self.bar.reset(total=total)
            self.total, self.done = total, 0
        self.bar.update(done - self.done)
        self.done = done

    def close(self) -> None:
        self.bar.close()

    def __enter__(self) -> "Tracker":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
