"""Where kg keeps what it can compute again: ``KG_CACHE_DIR``, else ``$XDG_CACHE_HOME/kg``, else ``~/.cache/kg``.

Everything in it is keyed by what it was computed from, so a stale entry is never read; deleting
the folder only makes the next start slower.  ``KG_NO_CACHE=1`` turns off the caches that honour
:func:`enabled` (the knowledge-base index, :mod:`kg.link.index_cache`): nothing is read or written.
"""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    """The cache folder (not created here)."""
    if os.environ.get("KG_CACHE_DIR"):
        return Path(os.environ["KG_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "kg"


def enabled() -> bool:
    """False when ``KG_NO_CACHE`` is set to anything but ``""`` or ``"0"``."""
    return os.environ.get("KG_NO_CACHE", "").strip() in ("", "0")


def digest_files(digest, files) -> None:
    """Feed ``(name, path)`` pairs into a hashlib ``digest``: each name, then the file's bytes (a
    marker for a file that cannot be read), so a renamed, edited or missing file changes it."""
    for name, path in files:
        digest.update(name.encode() + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"\1missing")
        digest.update(b"\0")


def write_atomic(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` through a temporary file and a rename, so that a reader (several
    processes may start at once) sees the old file or the whole new one, never half of it.
    False, and nothing left behind, when the folder cannot be written (start-up is then slower,
    nothing else changes)."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tmp.open("wb") as f:
            f.write(data)
        os.replace(tmp, path)
        return True
    except OSError:
        try:
            tmp.unlink()
        except OSError:
            pass
        return False


def prune(pattern: str, keep: int) -> list[Path]:
    """Remove all but the ``keep`` most recently used files of the cache folder matching ``pattern``
    (a glob); returns the removed ones. Used means written or read: readers touch what they read."""
    try:
        found = sorted(cache_dir().glob(pattern), key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return []
    removed = []
    for path in found[keep:]:
        try:
            path.unlink()
            removed.append(path)
        except OSError:
            pass
    return removed


def touch(path: Path) -> None:
    """Mark ``path`` as just used (for :func:`prune`); a read-only folder is no error."""
    try:
        os.utime(path)
    except OSError:
        pass
