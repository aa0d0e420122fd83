"""``ruff check`` command-line options as they appear in a pre-commit hook's ``entry``/``args``.

Parsed the way clap parses them for ``ruff check``: ``--opt value`` and ``--opt=value``,
comma-separated selector lists that accumulate over repeats, the last of a ``--x``/``--no-x``
pair wins, ``--config`` is either an existing file or an inline ``key = value`` TOML override.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence

from supply_chain_hooks.model import Record
from supply_chain_hooks.ruff import cli_options
from supply_chain_hooks.ruff.origin import Origin

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from typing import Any

#: Options that take a value (the next argument unless written `--opt=value`): those of
#: `ruff check --help` (generated into cli_options.py) and the hidden ones clap still accepts.
WITH_VALUE = cli_options.WITH_VALUE | {
    "--extend-ignore",
    "--extend-unfixable",
    "--line-length",
    "--dummy-variable-rgx",
}

#: Why each option with which Ruff passes whatever it finds does so. Which options do is
#: generated from Ruff (cli_options.SILENCING); --fix-only has its own layer (SCH405).
_WHY = {
    "--exit-zero": "exits 0 whatever Ruff finds",
    "--diff": "reports nothing (--diff implies --fix-only)",
    "--add-noqa": "adds `# noqa` comments for every violation instead of reporting them",
    "--add-ignore": "adds `# ruff: ignore` comments for every violation instead of reporting them",
    "--show-settings": "prints the settings instead of checking",
    "--show-files": "prints the files instead of checking",
    "--watch": "watches instead of checking once",
    "--help": "prints the help instead of checking",
    "--stdin-filename": "lints standard input instead of the files",
}
_SHORT = {"-e": "--exit-zero", "-w": "--watch", "-h": "--help"}
SILENCING = {
    name: _WHY.get(_SHORT.get(name, name), "makes Ruff pass without reporting what it finds")
    for name in sorted(cli_options.SILENCING - {"--fix-only"})
}


COMMAND_LINE = Origin("<command line>", (), "the command line")


class CommandLine(Record):
    """The parts of ruff's command line that change settings (see :func:`parse`)."""

    isolated: bool = False
    config_file: str | None = None
    overrides: tuple[tuple[Mapping[str, Any], Origin], ...] = ()
    select: tuple[tuple[str, Origin], ...] | None = None
    select_origin: Origin | None = None
    extend_select: tuple[tuple[str, Origin], ...] = ()
    ignore: tuple[tuple[str, Origin], ...] = ()
    modify: tuple[tuple[str, Origin], ...] = ()
    preview: tuple[bool, Origin] | None = None
    fix_only: tuple[bool, Origin] | None = None
    force_exclude: tuple[bool, Origin] | None = None
    exclude: tuple[tuple[str, Origin], ...] | None = None
    extend_exclude: tuple[tuple[str, Origin], ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[tuple[str, Origin], ...], Origin], ...] | None = None
    extend_per_file_ignores: tuple[tuple[str, tuple[tuple[str, Origin], ...], Origin], ...] = ()
    origin: Origin = COMMAND_LINE


class Argument(Record):
    text: str
    origin: Origin


class ParsedArgs(Record):
    command: CommandLine
    #: Flags that silence Ruff entirely, with why.
    silencing: tuple[tuple[Argument, str], ...] = ()
    ignore_noqa: bool = False
    isolated_origin: Origin | None = None
    #: `--config FILE` not found, inline overrides that are not TOML, and the like.
    problems: tuple[tuple[str, Origin], ...] = ()
    #: Every argument that changes rule selection, for reporting.
    selection_args: tuple[Argument, ...] = ()


def parse(arguments: Sequence[Argument], cwd: str) -> ParsedArgs:
    import tomllib

    values: dict[str, list[tuple[str, Origin]]] = {}
    flags: dict[str, tuple[bool, Origin]] = {}
    silencing: list[tuple[Argument, str]] = []
    problems: list[tuple[str, Origin]] = []
    overrides: list[tuple[dict[str, Any], Origin]] = []
    config_file: str | None = None
    isolated = False
    isolated_origin: Origin | None = None
    ignore_noqa = False
    selection_args: list[Argument] = []
    seen_flags: set[str] = set()
    index = 0
    while index < len(arguments):
        argument = arguments[index]
        text = argument.text
        index += 1
        name, has_value, value = text.partition("=")
        if not name.startswith("-"):
            continue
        if name in WITH_VALUE:
            if not has_value:
                if index >= len(arguments):
                    problems.append((f"`{name}` needs a value", argument.origin))
                    break
                value = arguments[index].text
                index += 1
            origin = Origin(argument.origin.path, argument.origin.key, f"`{name} {value}`")
            if name in SILENCING:
                silencing.append((Argument(text, origin), SILENCING[name]))
            if name == "--config":
                if os.path.isfile(os.path.join(cwd, value)):
                    config_file = value
                else:
                    try:
                        overrides.append((tomllib.loads(value), origin))
                    except tomllib.TOMLDecodeError as error:
                        problems.append(
                            (
                                f"`--config {value}` is neither a file nor valid TOML: {error}",
                                origin,
                            )
                        )
                selection_args.append(Argument(text, origin))
                continue
            values.setdefault(name, []).extend(
                (item.strip(), origin) for item in value.split(",") if item.strip()
            )
            selection_args.append(Argument(text, origin))
            continue
        origin = Origin(argument.origin.path, argument.origin.key, f"`{text}`")
        if name in seen_flags:
            problems.append((f"the argument '{name}' cannot be used multiple times", origin))
        seen_flags.add(name)
        if name in SILENCING:
            silencing.append((Argument(text, origin), SILENCING[name]))
        if name == "--isolated":
            isolated = True
            isolated_origin = origin
        elif name == "--ignore-noqa":
            ignore_noqa = True
        for flag in ("preview", "fix-only", "force-exclude"):
            if name == f"--{flag}":
                flags[flag] = (True, origin)
            elif name == f"--no-{flag}":
                flags[flag] = (False, origin)

    def pairs(name: str) -> tuple[tuple[str, tuple[tuple[str, Origin], ...], Origin], ...]:
        out = []
        for raw, origin in values.get(name, []):
            parts = raw.split(":")
            if len(parts) != 2:
                problems.append((f"`{name} {raw}` is not of the form PATTERN:CODE", origin))
                continue
            out.append((parts[0].strip(), ((parts[1].strip(), origin),), origin))
        return tuple(out)

    if isolated and config_file is not None and isolated_origin is not None:
        # A config *file* and --isolated exclude each other (inline TOML overrides do not).
        problems.append(
            (f"`--config {config_file}` cannot be used with `--isolated`", isolated_origin)
        )
    select = values.get("--select")
    command = CommandLine(
        isolated=isolated,
        config_file=config_file,
        overrides=tuple(overrides),
        select=None if select is None else tuple(select),
        select_origin=select[0][1] if select else None,
        extend_select=tuple(values.get("--extend-select", [])),
        ignore=(*values.get("--ignore", []), *values.get("--extend-ignore", [])),
        modify=tuple(
            item
            for name in ("--fixable", "--unfixable", "--extend-fixable", "--extend-unfixable")
            for item in values.get(name, [])
        ),
        preview=flags.get("preview"),
        fix_only=flags.get("fix-only"),
        force_exclude=flags.get("force-exclude"),
        exclude=None if "--exclude" not in values else tuple(values["--exclude"]),
        extend_exclude=tuple(values.get("--extend-exclude", [])),
        per_file_ignores=pairs("--per-file-ignores") if "--per-file-ignores" in values else None,
        extend_per_file_ignores=pairs("--extend-per-file-ignores"),
    )
    return ParsedArgs(
        command,
        tuple(silencing),
        ignore_noqa,
        isolated_origin,
        tuple(problems),
        tuple(selection_args),
    )
