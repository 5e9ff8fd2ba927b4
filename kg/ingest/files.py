"""Opening input files safely: regular files only, reads bounded by bytes read, printable names.

* **Regular files only.**  A FIFO would block ``open()`` forever, a device
  (``/dev/zero``, ``/dev/urandom``) or a socket never ends: a file is opened with
  ``O_NONBLOCK`` (so opening a FIFO returns at once) and refused unless ``fstat``
  of the *opened* descriptor says it is a regular file -- a check on the path
  before opening could be raced by a swap.
* **Reads bounded by bytes actually read.**  ``stat`` sizes lie (a growing file,
  a ``/proc`` file that reports 0): :func:`read_limited` reads at most
  ``max_bytes + 1`` bytes and refuses the file when it got more than ``max_bytes``.
* **OS errors explained by their cause** (:func:`os_error_message`): a symbolic
  link loop, a dangling link, a directory, a permission problem.
* **File names that are not UTF-8** (:func:`display_path`): POSIX names are bytes;
  Python keeps undecodable bytes as lone surrogates, which cannot be written as
  UTF-8 (the store, the report, the terminal).  The name kg records and prints
  shows such bytes as ``\\xNN``, with a warning on the article.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

from kg.errors import ArticleError

#: How to raise the size limit, for error messages.
LIMIT_HINT = "the max_article_bytes setting: KG_MAX_ARTICLE_BYTES or kg.toml; max_bytes=N in Python"

_KINDS = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a directory"))


def file_kind(mode: int) -> str | None:
    """None for a regular file, else what the file is ("a named pipe (FIFO)", ...)."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def not_regular(path: str, kind: str) -> ArticleError:
    return ArticleError(f"is {kind}, not a regular file; kg reads only regular files: "
                        "copy the article into a file", source=path)


def os_error_message(exc: OSError, doing: str = "read the file") -> str:
    """What went wrong with a file, by its cause, and what to do."""
    code = exc.errno
    if code == errno.ELOOP:
        return "is a symbolic link that loops (it points, directly or not, to itself); fix or remove the link"
    if code == errno.ENOENT:
        return "does not exist (a symbolic link to a missing file, or it was removed while reading); check the path"
    if code == errno.EISDIR:
        if doing.startswith("write"):
            return "is a directory, not a file; give the name of a file to write"
        return "is a directory, not a file; give kg the folder itself to read its articles"
    if code in (errno.EACCES, errno.EPERM):
        return f"cannot {doing}: permission denied; check its permissions"
    if code == errno.ENAMETOOLONG:
        return "has a name too long for the file system; rename it"
    return f"cannot {doing} ({exc.strerror or exc}); check the file"


def open_regular(path: Path, source: str | None = None) -> BinaryIO:
    """The file opened for binary reading; ArticleError when it is not a regular file or cannot be opened."""
    source = source if source is not None else display_path(path)[0]
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise ArticleError(os_error_message(exc, "open the file"), source=source) from exc
    try:
        kind = file_kind(os.fstat(fd).st_mode)
        if kind is not None:
            raise not_regular(source, kind)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_limited(path: Path, max_bytes: int, source: str | None = None) -> bytes:
    """A whole regular file, refused when more than ``max_bytes`` bytes could be read from it."""
    source = source if source is not None else display_path(path)[0]
    with open_regular(path, source) as stream:
        try:
            data = stream.read(max_bytes + 1)
            size = os.fstat(stream.fileno()).st_size
        except OSError as exc:
            raise ArticleError(os_error_message(exc), source=source) from exc
    if len(data) > max_bytes:
        what = (f"{size:,} bytes" if size > max_bytes else
                f"more than {max_bytes:,} bytes (its size said {size:,}: it grew while being read)")
        raise ArticleError(f"file is {what}, over the limit of {max_bytes:,} bytes; split it, or raise the "
                           f"limit ({LIMIT_HINT})", source=source)
    return data


def display_path(path: Path | str) -> tuple[str, str | None]:
    """(the path as kg records and prints it, a warning when its name is not valid UTF-8)."""
    text = os.fspath(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        try:
            raw = text.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:
            raw = text.encode("utf-8", "backslashreplace")
        shown = raw.decode("utf-8", "backslashreplace")
        return shown, (f"the file name is not valid UTF-8; it is recorded as {shown!r}: "
                       "rename the file to a UTF-8 name")
    return text, None
