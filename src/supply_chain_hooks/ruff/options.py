"""One config file's options, read as Ruff reads them, with Ruff's type and key checks.

Lint options are read from ``lint.X``, falling back to the deprecated top-level ``X`` per key;
``ignore`` and ``extend-ignore`` form one list. Every value keeps its :class:`Origin`, so a
cause can be reported at the entry that decides it. Unknown keys and wrong types are
problems, as Ruff's ``deny_unknown_fields`` rejects them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from supply_chain_hooks.model import Record
from supply_chain_hooks.ruff.config_file import ConfigFile, Problem
from supply_chain_hooks.ruff.origin import Origin
from supply_chain_hooks.ruff.table import RuleTable

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from typing import Any


class Layer(Record):
    """The raw values one config file (or the command line) contributes."""

    origin: Origin
    anchor: str
    select: tuple[tuple[str, Origin], ...] | None = None
    select_origin: Origin | None = None
    extend_select: tuple[tuple[str, Origin], ...] = ()
    ignore: tuple[tuple[str, Origin], ...] = ()
    modify: tuple[tuple[str, Origin], ...] = ()
    validate_only: tuple[tuple[str, Origin], ...] = ()
    preview: tuple[bool, Origin] | None = None
    lint_preview: tuple[bool, Origin] | None = None
    explicit: tuple[bool, Origin] | None = None
    fix_only: tuple[bool, Origin] | None = None
    force_exclude: tuple[bool, Origin] | None = None
    exclude: tuple[tuple[str, Origin], ...] | None = None
    extend_exclude: tuple[tuple[str, Origin], ...] = ()
    lint_exclude: tuple[tuple[str, Origin], ...] | None = None
    per_file_ignores: tuple[tuple[str, tuple[tuple[str, Origin], ...], Origin], ...] | None = None
    extend_per_file_ignores: tuple[tuple[str, tuple[tuple[str, Origin], ...], Origin], ...] = ()
    convention: str | None = None

    def at(self, origin: Origin) -> Layer:
        """The same values, from another origin (an inline `--config` override is
        reported at its command-line argument, not at the pseudo file read for it)."""
        values = [getattr(self, name) for name in self.__match_args__]
        values[self.__match_args__.index("origin")] = origin
        return Layer(*values)


class _Reader:
    """Reads one config file's options with type checks, recording problems."""

    def __init__(self, config: ConfigFile, table: RuleTable) -> None:
        self.config = config
        self.table = table
        self.problems: list[Problem] = []

    def problem(self, message: str, key: tuple[str | int, ...]) -> None:
        self.problems.append(Problem(message, self.config.origin(*key)))

    def lint(self, name: str) -> tuple[Any, tuple[str, ...]] | None:
        """`lint.NAME`, else the deprecated top-level `NAME` (Ruff merges per key)."""
        options = self.config.options
        lint = options.get("lint")
        if isinstance(lint, dict) and lint.get(name) is not None:
            return lint[name], ("lint", name)
        if name in self.table.legacy_lint_keys and options.get(name) is not None:
            return options[name], (name,)
        return None

    def top(self, name: str) -> tuple[Any, tuple[str, ...]] | None:
        value = self.config.options.get(name)
        return None if value is None else (value, (name,))

    def strings(
        self, found: tuple[Any, tuple[str, ...]] | None
    ) -> tuple[tuple[str, Origin], ...] | None:
        if found is None:
            return None
        value, key = found
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self.problem(f"`{_dotted(key)}` must be a list of strings", key)
            return None
        return tuple(
            (item, self.config.origin(*key, index, label=f'"{item}" in {_label(key)}'))
            for index, item in enumerate(value)
        )

    def boolean(self, found: tuple[Any, tuple[str, ...]] | None) -> tuple[bool, Origin] | None:
        if found is None:
            return None
        value, key = found
        if not isinstance(value, bool):
            self.problem(f"`{_dotted(key)}` must be true or false", key)
            return None
        return value, self.config.origin(*key, label=f"{_label(key)} = {str(value).lower()}")

    def per_file(
        self, found: tuple[Any, tuple[str, ...]] | None
    ) -> tuple[tuple[str, tuple[tuple[str, Origin], ...], Origin], ...] | None:
        if found is None:
            return None
        value, key = found
        if not isinstance(value, dict):
            self.problem(f"`{_dotted(key)}` must be a table of patterns to lists of rules", key)
            return None
        out = []
        for pattern, codes in value.items():
            codes_found = self.strings((codes, (*key, pattern)))
            if codes_found is None:
                continue
            origin = self.config.origin(*key, pattern, label=f'"{pattern}" in {_label(key)}')
            out.append((pattern, codes_found, origin))
        return tuple(out)


def _dotted(key: tuple[str | int, ...]) -> str:
    return ".".join(str(part) for part in key)


def _label(key: tuple[str | int, ...]) -> str:
    text = _dotted(key)
    if not text.startswith("lint.") and text.split(".")[0] in _LEGACY_HINT:
        return f"top-level `{text}` (deprecated)"
    return f"`{text}`"


_LEGACY_HINT = frozenset(
    {
        "select",
        "extend-select",
        "ignore",
        "extend-ignore",
        "per-file-ignores",
        "extend-per-file-ignores",
        "fixable",
        "unfixable",
        "extend-fixable",
        "explicit-preview-rules",
    }
)


def read_layer(config: ConfigFile, table: RuleTable, anchor: str) -> tuple[Layer, list[Problem]]:
    """One config file's contribution, with its type and key problems."""
    reader = _Reader(config, table)
    validate_keys(config.options, table, lambda message, key: reader.problem(message, key))
    select = reader.strings(reader.lint("select"))
    found_select = reader.lint("select")
    ignore = (
        *(reader.strings(reader.lint("ignore")) or ()),
        *(reader.strings(reader.lint("extend-ignore")) or ()),
    )
    modify: list[tuple[str, Origin]] = []
    for name in ("fixable", "extend-fixable", "unfixable", "extend-unfixable"):
        modify += reader.strings(reader.lint(name)) or ()
    validate_only: list[tuple[str, Origin]] = []
    for name in ("extend-safe-fixes", "extend-unsafe-fixes"):
        validate_only += reader.strings(reader.lint(name)) or ()
    pydocstyle = reader.lint("pydocstyle")
    convention = None
    if pydocstyle is not None and isinstance(pydocstyle[0], dict):
        value = pydocstyle[0].get("convention")
        convention = value if isinstance(value, str) else None
    layer = Layer(
        origin=config.origin(label=config.path),
        anchor=anchor,
        select=select,
        select_origin=None
        if found_select is None
        else config.origin(*found_select[1], label=_label(found_select[1])),
        extend_select=reader.strings(reader.lint("extend-select")) or (),
        ignore=ignore,
        modify=tuple(modify),
        validate_only=tuple(validate_only),
        preview=reader.boolean(reader.top("preview")),
        lint_preview=_nested_bool(reader, ("lint", "preview")),
        explicit=reader.boolean(reader.lint("explicit-preview-rules")),
        fix_only=reader.boolean(reader.top("fix-only")),
        force_exclude=reader.boolean(reader.top("force-exclude")),
        exclude=reader.strings(reader.top("exclude")),
        extend_exclude=reader.strings(reader.top("extend-exclude")) or (),
        lint_exclude=_nested_strings(reader, ("lint", "exclude")),
        per_file_ignores=reader.per_file(reader.lint("per-file-ignores")),
        extend_per_file_ignores=reader.per_file(reader.lint("extend-per-file-ignores")) or (),
        convention=convention,
    )
    required = reader.top("required-version")
    if required is not None and not isinstance(required[0], str):
        reader.problem("`required-version` must be a string", required[1])
    return layer, reader.problems


def _nested_bool(reader: _Reader, key: tuple[str, str]) -> tuple[bool, Origin] | None:
    lint = reader.config.options.get(key[0])
    if not isinstance(lint, dict) or lint.get(key[1]) is None:
        return None
    return reader.boolean((lint[key[1]], key))


def _nested_strings(reader: _Reader, key: tuple[str, str]) -> tuple[tuple[str, Origin], ...] | None:
    lint = reader.config.options.get(key[0])
    if not isinstance(lint, dict) or lint.get(key[1]) is None:
        return None
    return reader.strings((lint[key[1]], key))


def validate_keys(
    options: Mapping[str, Any], table: RuleTable, report: Callable[[str, tuple[str, ...]], None]
) -> None:
    """Unknown option keys and misplaced tables, as Ruff's `deny_unknown_fields` rejects them."""
    known = table.options
    sections = table.option_sections

    def walk(values: Mapping[str, Any], prefix: str, key_path: tuple[str, ...]) -> None:
        for key, value in values.items():
            path = (*key_path, key)
            # Deprecated top-level lint options and plugin tables (`select`, `[isort]`).
            dotted = (
                f"lint.{key}" if not prefix and key in table.legacy_lint_keys else f"{prefix}{key}"
            )
            if dotted in known:
                if known[dotted].startswith("dict") and not isinstance(value, dict):
                    report(f"`{'.'.join(path)}` must be a table", path)
            elif dotted in sections:
                if isinstance(value, dict):
                    walk(value, dotted + ".", path)
                else:
                    report(f"`{'.'.join(path)}` must be a table", path)
            else:
                report(f"unknown field `{key}`", path)

    walk(options, "", ())
