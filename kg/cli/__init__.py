"""The ``kg`` command line: one thin command per stage.

Only :func:`main` turns errors into exit codes and one-line messages (``--debug`` shows the
traceback).  Exit codes: 0 success, 1 error, 2 usage error, 3 finished but some inputs failed,
4 conflicts found (``kg check --fail-on-conflict``).

The package, one job a module: :mod:`~kg.cli.common` (exit codes, the command registry, settings, store,
output), :mod:`~kg.cli.options` (the option groups commands share), :mod:`~kg.cli.parser` (the parser made
from the registry), and the commands: :mod:`~kg.cli.build`, :mod:`~kg.cli.query` (query, queries),
:mod:`~kg.cli.check` (check, eval), :mod:`~kg.cli.export` (export, push), :mod:`~kg.cli.contents`
(stats, events, validate), :mod:`~kg.cli.serve`, :mod:`~kg.cli.kb`, :mod:`~kg.cli.ontology`.
"""

from __future__ import annotations

import logging
import sys

from ..errors import KgError
from ..formats import FORMATS  # noqa: F401  (kg.cli.FORMATS: the one --format vocabulary)
from .common import (COMMANDS, EXIT_CONFLICT, EXIT_ERROR, EXIT_OK, EXIT_PARTIAL, EXIT_USAGE,  # noqa: F401
                     NO_OUTPUT, STDOUT_COMMANDS, command_path, err, os_message, settings_of, stdout_to)
from .options import add_setting  # noqa: F401
from .parser import build_parser

__all__ = ["main", "build_parser", "COMMANDS", "FORMATS", "NO_OUTPUT", "STDOUT_COMMANDS", "add_setting", "settings_of",
           "EXIT_OK", "EXIT_ERROR", "EXIT_USAGE", "EXIT_PARTIAL", "EXIT_CONFLICT"]


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return EXIT_USAGE
    logging.basicConfig(level=logging.DEBUG if args.debug else logging.WARNING, format="kg: %(message)s")
    from ..progress import set_quiet

    set_quiet(getattr(args, "quiet", False))
    code = _run(args)
    if argv is None and args.command in FAST_EXIT and not (sys.getprofile() or sys.gettrace()):
        exit_now(code)  # the process's own command line, not under a profiler or tracer: it ends here
    return code


#: Commands after which the process ends without tearing its heap down (see :func:`exit_now`):
#: their store is written, flushed and closed (dropped) by the time the command returns.
FAST_EXIT = frozenset({"build"})


def exit_now(code: int) -> None:
    """End the process with ``code`` once stdout and stderr are flushed and the ``atexit`` handlers
    have run, skipping the interpreter's teardown: freeing the knowledge base's and the model's
    millions of objects one by one took ≈1 s of every ``kg build`` (of 4).  Not under a profiler or
    a tracer (``python -m cProfile -m kg build ...`` writes its figures after ``main`` returns)."""
    import atexit
    import os

    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe or stream: nothing more to say on it
            pass
    atexit._run_exitfuncs()
    os._exit(code)


def _run(args) -> int:
    handler = COMMANDS[args.command][0]
    try:
        if command_path(args) in STDOUT_COMMANDS and getattr(args, "output", None) not in (None, "-"):
            with stdout_to(args.output):
                return handler(args)
        return handler(args)
    except KgError as exc:
        if args.debug:
            raise
        err(str(exc))
        return EXIT_ERROR
    except OSError as exc:  # a file kg was told to use: not a bug, a path to fix
        if args.debug or exc.filename is None:
            raise
        err(os_message(exc, None, "use"))
        return EXIT_ERROR
    except KeyboardInterrupt:
        err("interrupted")
        return 130
    except BrokenPipeError:
        return EXIT_OK
