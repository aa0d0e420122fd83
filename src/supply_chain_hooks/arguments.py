"""A hook's command line: argparse, and the fast path for a command line of paths.

pre-commit runs a hook with file names only. Reading those needs no parser at all, and
importing argparse (with re and gettext) is a fifth of a small run, so :func:`parse` finds
what argparse would return without it whenever it can be sure (see :func:`plain_arguments`)
and runs argparse for anything else: options, ``--help``, errors.
"""

from __future__ import annotations

import os
import sys

from supply_chain_hooks import report

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

    from supply_chain_hooks.runner import Hook


def parse(hook: Hook, argv: Sequence[str] | None) -> argparse.Namespace:
    """The hook's arguments (``sys.argv[1:]`` when argv is None), as argparse reads them."""
    args = plain_arguments(hook, sys.argv[1:] if argv is None else argv)
    if args is None:
        import argparse

        parser = argparse.ArgumentParser(
            prog=hook.id, description=hook.description, formatter_class=help_formatter()
        )
        add_common_arguments(parser, fixable=hook.fixable)
        hook.add_arguments(parser)
        args = parser.parse_args(argv)
    return args


def add_common_arguments(parser: argparse.ArgumentParser, *, fixable: bool) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or directories to check")
    parser.add_argument(
        "--format",
        dest="output_format",
        choices=report.FORMATS,
        default="text",
        help="output format (default: text)",
    )
    if fixable:
        add_fix_arguments(parser)
    add_output_arguments(parser)


def add_fix_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--fix", action="store_true", help="apply safe fixes in place")
    parser.add_argument(
        "--diff",
        action="store_true",
        help="print the unified diff of the fixes instead of writing them (exit 1 when "
        "there is one)",
    )
    parser.add_argument(
        "--unsafe-fixes",
        action="store_true",
        help="with --fix or --diff, also apply unsafe fixes (those that remove or weaken a "
        "deliberate choice)",
    )


def add_output_arguments(parser: argparse.ArgumentParser) -> None:
    """The text report's layout options, shared by every hook and `check`."""
    parser.add_argument(
        "--show-hints",
        action="store_true",
        help="show how to fix each finding under it (from the rule's documentation)",
    )
    parser.add_argument(
        "--statistics",
        action="store_true",
        help="print the number of findings per rule instead of the findings",
    )
    parser.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="print the findings only, without the summary line",
    )
    parser.add_argument(
        "--baseline",
        metavar="PATH",
        default=None,
        help="hide the findings recorded in this baseline file (default: "
        ".supply-chain-hooks-baseline.json at the repository root, when it exists)",
    )
    parser.add_argument(
        "--no-baseline", action="store_true", help="report every finding, ignoring any baseline"
    )
    parser.add_argument(
        "--offline",
        action="store_true",
        help="skip everything that needs the network (--fix then applies offline fixes only)",
    )


def _terminal_columns() -> int:
    """``shutil.get_terminal_size().columns``, without importing shutil (and its
    compression modules) into every hook process."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns > 0:
        return columns
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80


def help_formatter() -> type[argparse.HelpFormatter]:
    import argparse

    class HelpFormatter(argparse.HelpFormatter):
        """argparse's formatter, measuring the terminal as shutil does. argparse builds one
        for every ``add_argument`` call, and the stock one imports shutil to do it."""

        def __init__(
            self,
            prog: str,
            indent_increment: int = 2,
            max_help_position: int = 24,
            width: int | None = None,
        ) -> None:
            if width is None:
                width = _terminal_columns() - 2
            super().__init__(prog, indent_increment, max_help_position, width)

    return HelpFormatter


class _NotPlain(Exception):
    pass


#: What argparse stores for an option that is not given, by action (when no default).
_ACTION_DEFAULTS: dict[str, object] = {
    "store": None,
    "store_const": None,
    "append": None,
    "append_const": None,
    "extend": None,
    "count": None,
    "store_true": False,
    "store_false": True,
}


class _OptionRecorder:
    """Stands in for an ArgumentParser while a hook registers its options, to learn what
    argparse would store for each when the command line gives none. Anything it does not
    reproduce exactly raises _NotPlain, and the real parser is used."""

    def __init__(self, defaults: dict[str, object], taken: set[str]) -> None:
        self.defaults = defaults
        self.taken = taken

    def add_argument(self, *names: str, **options: object) -> None:
        if not names or options.get("required") or ("dest" in options and not options["dest"]):
            raise _NotPlain
        for name in names:
            if len(name) < 2 or name[0] != "-" or name in self.taken:
                raise _NotPlain  # a positional, or a conflict argparse reports
        self.taken.update(names)
        action = options.get("action", "store")
        if action in ("help", "version"):
            return
        if not isinstance(action, str) or action not in _ACTION_DEFAULTS:
            raise _NotPlain
        default = options["default"] if "default" in options else _ACTION_DEFAULTS[action]
        if isinstance(default, str) and ("type" in options or default == "==SUPPRESS=="):
            raise _NotPlain  # argparse converts string defaults with `type`
        long = [name for name in names if name[1] == "-"]
        dest = options.get("dest") or (long or names)[0].lstrip("-").replace("-", "_")
        if not isinstance(dest, str) or not dest:
            raise _NotPlain
        self.defaults.setdefault(dest, default)

    def __getattr__(self, name: str) -> object:
        raise _NotPlain  # argument groups, set_defaults...: leave them to argparse


class _Namespace:
    """Attribute access like argparse.Namespace (its equality and `in` included)."""

    def __init__(self, **values: object) -> None:
        self.__dict__.update(values)

    def __eq__(self, other: object) -> bool:
        return vars(self) == vars(other) if isinstance(other, _Namespace) else NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __contains__(self, key: str) -> bool:
        return key in self.__dict__

    def __repr__(self) -> str:
        return "Namespace(" + ", ".join(f"{k}={v!r}" for k, v in vars(self).items()) + ")"


def namespace(**values: object) -> argparse.Namespace:
    """An object that reads like argparse's Namespace of these values."""
    return _Namespace(**values)  # type: ignore[return-value]


#: What the options every hook and `check` share store when none is given.
NO_OUTPUT_OPTIONS: dict[str, object] = {
    "output_format": "text",
    "show_hints": False,
    "statistics": False,
    "quiet": False,
    "baseline": None,
    "no_baseline": False,
    "offline": False,
}
#: What the fix options (of a fixable hook and of `check`) store when none is given.
NO_FIX_OPTIONS: dict[str, object] = {"fix": False, "diff": False, "unsafe_fixes": False}


def plain_arguments(hook: Hook, argv: Sequence[str]) -> argparse.Namespace | None:
    """What ``parse_args(argv)`` returns when the command line holds only paths (how
    pre-commit runs a hook), found without importing argparse: with re and gettext it is a
    fifth of a small run. None when an argument starts with `-` or the hook's options use
    anything the stand-in does not reproduce (then argparse runs, errors and help included).
    """
    if any(argument.startswith("-") for argument in argv):
        return None
    taken = {"-h", "--help", "--format", "--show-hints", "--statistics", "-q", "--quiet"}
    taken |= {"--baseline", "--no-baseline", "--offline"}
    if hook.fixable:
        taken |= {"--fix", "--diff", "--unsafe-fixes"}
    defaults: dict[str, object] = {"paths": list(argv), **NO_OUTPUT_OPTIONS}
    if hook.fixable:
        defaults.update(NO_FIX_OPTIONS)
    try:
        hook.add_arguments(_OptionRecorder(defaults, taken))  # type: ignore[arg-type]
    except _NotPlain:
        return None
    return _Namespace(**defaults)  # type: ignore[return-value]
