"""pip's options in a requirements file: its option table, parsed as pip parses it.

The options part of a logical line is split like a shell (``shlex``) and parsed with the same
option table as pip (pip 26.3 ``SUPPORTED_OPTIONS`` and ``SUPPORTED_OPTIONS_REQ``) through
``optparse``, so abbreviations such as ``--has`` and missing values behave as they do in pip.
Each option comes back with pip's long name and the index of its token, so that the line
reader can give it a span.
"""

from __future__ import annotations

import optparse

from supply_chain_hooks.model import Record
from supply_chain_hooks.patterns import lazy

_SHELL_SPECIAL = lazy(r"['\"\\]")
_SHELL_TOKEN = lazy(r"[^ \t\r\n]+")

#: pip's SUPPORTED_OPTIONS + SUPPORTED_OPTIONS_REQ (pip 26.3): flags, and whether a value follows.
_OPTION_TABLE: tuple[tuple[tuple[str, ...], bool], ...] = (
    (("-i", "--index-url", "--pypi-url"), True),
    (("--extra-index-url",), True),
    (("--no-index",), False),
    (("-c", "--constraint"), True),
    (("-r", "--requirement"), True),
    (("-e", "--editable"), True),
    (("-f", "--find-links"), True),
    (("--no-binary",), True),
    (("--only-binary",), True),
    (("--prefer-binary",), False),
    (("--require-hashes",), False),
    (("--no-require-hashes",), False),
    (("--pre",), False),
    (("--all-releases",), True),
    (("--only-final",), True),
    (("--trusted-host",), True),
    (("--use-feature",), True),
    (("--hash",), True),
    (("-C", "--config-settings"), True),
)


#: pip 26.3's choices for --use-feature (``cmdoptions.use_new_feature``): any other value
#: makes pip refuse the whole file, while uv ignores the option.
USE_FEATURE_CHOICES = (
    "fast-deps",
    "inprocess-build-deps",
    "venv-isolation",
    "truststore",
    "no-binary-enable-wheel-cache",
    "build-constraint",
)


class _OptionError(Exception):
    pass


class _Parser(optparse.OptionParser):
    def error(self, msg: str) -> None:  # type: ignore[override]
        raise _OptionError(msg)

    def exit(self, status: int = 0, msg: str | None = None) -> None:  # type: ignore[override]
        raise _OptionError(msg or "invalid options")


def _record(
    option: optparse.Option, opt_str: str, value: object, parser: optparse.OptionParser
) -> None:
    events: list[tuple[str, str | None, int]] = vars(parser.values)["events"]
    long_name = option._long_opts[0] if option._long_opts else opt_str
    if long_name == "--use-feature" and value not in USE_FEATURE_CHOICES:
        choices = ", ".join(repr(choice) for choice in USE_FEATURE_CHOICES)
        raise _OptionError(
            f"option --use-feature: invalid choice: {value!r} (choose from {choices})"
        )
    if long_name == "--config-settings" and "=" not in str(value):
        raise _OptionError(f"Arguments to {opt_str} must be of the form KEY=VAL")
    events.append((long_name, None if value is None else str(value), len(parser.rargs or ())))


_PARSER: _Parser | None = None


def _option_parser() -> _Parser:
    global _PARSER
    if _PARSER is None:
        parser = _Parser(add_help_option=False)
        for flags, takes_value in _OPTION_TABLE:
            if takes_value:
                parser.add_option(*flags, action="callback", callback=_record, type="string")
            else:
                parser.add_option(*flags, action="callback", callback=_record)
        _PARSER = parser
    return _PARSER


def _tokens(options: str) -> tuple[list[str], list[int]] | None:
    """shlex.split(options) with each token's offset; None when quoting makes offsets moot."""
    if _SHELL_SPECIAL.search(options) is None:
        parts = options.split(" ")
        if "" not in parts and "\t" not in options and "\r" not in options and "\n" not in options:
            offsets, position = [], 0
            for part in parts:
                offsets.append(position)
                position += len(part) + 1
            return parts, offsets
        found = [(m.group(), m.start()) for m in _SHELL_TOKEN.finditer(options)]
        return [token for token, _ in found], [start for _, start in found]
    return None


class ParsedOptions(Record):
    events: list[tuple[str, str | None, int]]  #: (long name, value, token index)
    tokens: list[str]
    offsets: list[int] | None  #: token offsets in the option text (None after shell quoting)
    positional: list[str]  #: tokens that are not options (pip drops them silently)
    error: str | None


def parse_options(options: str) -> ParsedOptions:
    """Parse an option string as pip does (shlex, then pip's option table)."""
    located = _tokens(options)
    if located is None:
        import shlex

        try:
            tokens = shlex.split(options)
        except ValueError:
            return ParsedOptions([], [], None, [], f"cannot split the options: {options}")
        offsets = None
    else:
        tokens, offsets = located
    if all(token.startswith("--hash=") for token in tokens):
        events: list[tuple[str, str | None, int]] = [
            ("--hash", token[7:], index) for index, token in enumerate(tokens)
        ]
        return ParsedOptions(events, tokens, offsets, [], None)
    values = optparse.Values({"events": []})
    try:
        _, positional = _option_parser().parse_args(tokens, values)
    except _OptionError as error:
        return ParsedOptions([], tokens, offsets, [], str(error))
    recorded: list[tuple[str, str | None, int]] = values.events
    total = len(tokens)
    result = []
    for name, value, remaining in recorded:
        index = total - remaining - 1
        if value is not None and index > 0 and not tokens[index].startswith("-"):
            index -= 1  # `--hash VALUE`: point at the option, not its value
        result.append((name, value, max(index, 0)))
    return ParsedOptions(result, tokens, offsets, list(positional), None)
