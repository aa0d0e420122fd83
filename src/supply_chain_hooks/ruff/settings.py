"""Ruff's configuration for each Python file: discovery, ``extend`` chains, merging, checks.

Discovery (``ruff_workspace::pyproject::settings_toml``): in each directory, from the file's
own up to the repository root, the first of ``.ruff.toml``, ``ruff.toml`` and a
``pyproject.toml`` that has a ``[tool.ruff]`` table wins; nothing merges with a parent config
except through ``extend``. A ``pyproject.toml`` Ruff reads on the way must parse as TOML.

Each config file of a chain is one layer. Lint options are read from ``lint.X``, falling back
to the deprecated top-level ``X`` per key; ``ignore`` and ``extend-ignore`` form one list.
Scalars (``preview``, ``lint.preview``, ``explicit-preview-rules``, ``fix-only``, ``exclude``,
``lint.exclude``, ``per-file-ignores``, ``force-exclude``) take the child's value, else the
parent's; ``extend-exclude`` and ``extend-per-file-ignores`` accumulate. Path patterns are
anchored at the directory of the config file that wrote them (at the working directory for
``--config FILE`` and command-line options). Anything Ruff refuses to start with (unknown keys,
wrong types, unknown selectors, removed rules selected, a broken ``extend``, a failed
``required-version``, invalid globs) is returned as a :class:`Problem`.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from supply_chain_hooks.ruff import globset
from supply_chain_hooks.ruff.selection import Entry, Origin, Resolved, RuleSelection, compute
from supply_chain_hooks.ruff.table import RuleTable, SelectorError
from supply_chain_hooks.source import InputError, Source

CONFIG_NAMES = (".ruff.toml", "ruff.toml", "pyproject.toml")


@dataclass(frozen=True, slots=True)
class Problem:
    """A configuration Ruff rejects (it stops before checking anything)."""

    message: str
    origin: Origin
    #: True for a file that is not valid TOML (reported as SCH001).
    syntax: bool = False


class ConfigProblem(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


@dataclass(frozen=True, eq=False)
class ConfigFile:
    """One Ruff configuration file, parsed."""

    #: Repository-relative path with `/` (absolute when outside the repository).
    path: str
    abspath: str
    pyproject: bool
    source: Source
    data: Mapping[str, Any]
    inside: bool
    #: For an inline `--config 'key = value'` override: the command-line argument.
    argument: Origin | None = None

    @property
    def base(self) -> tuple[str, ...]:
        """The key path of the Ruff options table in the file."""
        return ("tool", "ruff") if self.pyproject else ()

    @property
    def options(self) -> Mapping[str, Any]:
        if not self.pyproject:
            return self.data
        tool = self.data.get("tool")
        ruff = tool.get("ruff") if isinstance(tool, dict) else None
        return ruff if isinstance(ruff, dict) else {}

    @property
    def directory(self) -> str:
        return os.path.dirname(self.abspath)

    def origin(self, *key: str | int, label: str = "") -> Origin:
        if self.argument is not None:
            return Origin(
                self.argument.path, self.argument.key, f"{label} (from {self.argument.label})"
            )
        return Origin(self.path, self.base + key, label)

    def is_empty(self) -> bool:
        """Whether the file sets nothing at all (an empty file, a bare `[tool.ruff]`)."""
        return not _has_values(self.options)


def _has_values(table: Mapping[str, Any]) -> bool:
    return any(not isinstance(value, dict) or _has_values(value) for value in table.values())


@dataclass(frozen=True, slots=True)
class Pattern:
    """A compiled exclude or per-file-ignore pattern."""

    text: str
    origin: Origin
    absolute: re.Pattern[str]
    #: The basename matcher (exclude patterns only get one when they contain no `/`).
    basename: re.Pattern[str] | None
    negated: bool = False
    #: For per-file ignores: the selectors as written and every rule they name.
    codes: tuple[str, ...] = ()
    rules: frozenset[int] = frozenset()
    builtin: bool = False

    def matches_exclude(self, path: str, name: str) -> bool:
        globs = [self.absolute] if self.basename is None else [self.absolute, self.basename]
        return any(glob.match(candidate) for glob in globs for candidate in (path, name))

    def matches_file(self, path: str, name: str) -> bool:
        """Per-file-ignore semantics (`CompiledPerFileList::iter_matches`), negation included."""
        hit = (self.basename is not None and bool(self.basename.match(name))) or bool(
            self.absolute.match(path)
        )
        return hit != self.negated


@dataclass(frozen=True)
class Layer:
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


@dataclass(frozen=True)
class Settings:
    """Everything that decides which rules Ruff reports for the files one config governs."""

    #: The governing config file (None: Ruff's defaults).
    config: ConfigFile | None
    chain: tuple[ConfigFile, ...]
    #: Exclusion checks walk a file's ancestors up to this directory.
    project_root: str
    resolved: Resolved
    preview: bool
    fix_only: tuple[bool, Origin | None]
    force_exclude: bool
    exclude: tuple[Pattern, ...]
    extend_exclude: tuple[Pattern, ...]
    lint_exclude: tuple[Pattern, ...]
    per_file_ignores: tuple[Pattern, ...]
    problems: tuple[Problem, ...] = ()
    #: Every exclude/extend-exclude glob in one regex: a quick "no" for most paths.
    exclude_any: re.Pattern[str] | None = None
    layers: tuple[Layer, ...] = field(default=(), repr=False)


# -- reading values ----------------------------------------------------------------------


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


_LEGACY_HINT = frozenset({"select", "extend-select", "ignore", "extend-ignore", "per-file-ignores",
                          "extend-per-file-ignores", "fixable", "unfixable", "extend-fixable",
                          "explicit-preview-rules"})  # fmt: skip


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


# -- loading files --------------------------------------------------------------------------


class Loader:
    """Parses config files once (through a reader so in-memory fixes are seen)."""

    def __init__(self, root: str, read: Callable[[str], Source]) -> None:
        self.root = os.path.abspath(root)
        self._read = read
        self._cache: dict[str, ConfigFile | Problem] = {}

    def relative(self, abspath: str) -> tuple[str, bool]:
        rel = os.path.relpath(abspath, self.root)
        inside = not rel.startswith("..") and not os.path.isabs(rel)
        return (rel.replace(os.sep, "/") if inside else abspath), inside

    def load(self, abspath: str, *, pyproject: bool | None = None) -> ConfigFile:
        cached = self._cache.get(abspath)
        if cached is None:
            cached = self._load(abspath, pyproject)
            self._cache[abspath] = cached
        if isinstance(cached, Problem):
            raise ConfigProblem(cached)
        return cached

    def _load(self, abspath: str, pyproject: bool | None) -> ConfigFile | Problem:
        path, inside = self.relative(abspath)
        read_path = path if inside else abspath
        try:
            source = self._read(read_path)
            data = _load_toml(source)
        except InputError as error:
            return Problem(
                error.message, Origin(path, (), f"{error.line}:{error.column}"), syntax=True
            )
        is_pyproject = (
            os.path.basename(abspath) == "pyproject.toml" if pyproject is None else pyproject
        )
        config = ConfigFile(path, abspath, is_pyproject, source, data, inside)
        if is_pyproject:
            tool = data.get("tool")
            if tool is not None and not isinstance(tool, dict):
                return Problem("`tool` must be a table", config.origin(label="tool"))
            ruff = tool.get("ruff") if isinstance(tool, dict) else None
            if ruff is not None and not isinstance(ruff, dict):
                return Problem(
                    "`tool.ruff` must be a table", Origin(path, ("tool", "ruff"), "tool.ruff")
                )
        return config

    def has_ruff_table(self, config: ConfigFile) -> bool:
        tool = config.data.get("tool")
        return isinstance(tool, dict) and isinstance(tool.get("ruff"), dict)


def _load_toml(source: Source) -> dict[str, Any]:
    """tomllib, or tomlkit for TOML 1.1 that Ruff accepts and Python 3.11's tomllib does not
    (multi-line inline tables with trailing commas)."""
    from supply_chain_hooks import toml_doc

    try:
        return toml_doc.load(source)
    except InputError as error:
        import tomlkit
        from tomlkit.exceptions import TOMLKitError

        try:
            document = tomlkit.parse(source.text)
        except (TOMLKitError, ValueError):
            raise error from None
        unwrapped: dict[str, Any] = document.unwrap()
        return unwrapped


class Discovery:
    """The config file governing each directory, cached per directory."""

    def __init__(self, loader: Loader, exists: Callable[[str], bool]) -> None:
        self.loader = loader
        self._exists = exists
        self._own: dict[str, ConfigFile | Problem | None] = {}
        self._governing: dict[str, ConfigFile | Problem | None] = {}

    def own(self, directory: str) -> ConfigFile | Problem | None:
        """The config Ruff takes from this directory alone (`settings_toml`)."""
        if directory in self._own:
            return self._own[directory]
        found: ConfigFile | Problem | None = None
        for name in CONFIG_NAMES:
            abspath = os.path.join(directory, name)
            if not self._exists(abspath):
                continue
            try:
                config = self.loader.load(abspath, pyproject=name == "pyproject.toml")
            except ConfigProblem as error:
                found = error.problem
                break
            if name == "pyproject.toml" and not self.loader.has_ruff_table(config):
                continue
            found = config
            break
        self._own[directory] = found
        return found

    def problems(self) -> list[Problem]:
        """Configs found on the way that Ruff cannot read."""
        return [found for found in self._own.values() if isinstance(found, Problem)]

    def governing(self, directory: str) -> ConfigFile | Problem | None:
        """The nearest config from `directory` up to the repository root."""
        if directory in self._governing:
            return self._governing[directory]
        found = self.own(directory)
        if found is None and directory != self.loader.root:
            parent = os.path.dirname(directory)
            if parent != directory:
                found = self.governing(parent)
        self._governing[directory] = found
        return found


# -- extend chains ----------------------------------------------------------------------------

_VAR = re.compile(r"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))")


def expand(value: str, environ: Mapping[str, str]) -> str:
    """shellexpand::full: a leading `~`, then `$VAR` and `${VAR}`; unset variables fail."""
    if value == "~" or value.startswith("~/"):
        home = environ.get("HOME")
        if home is None:
            raise KeyError("HOME")
        value = home + value[1:]

    def replace(match: re.Match[str]) -> str:
        name = match.group(1) or match.group(2)
        if name not in environ:
            raise KeyError(name)
        return environ[name]

    return _VAR.sub(replace, value)


def chain_of(
    config: ConfigFile, loader: Loader, environ: Mapping[str, str]
) -> tuple[ConfigFile, ...]:
    """The `extend` chain, base first; raises ConfigProblem like Ruff's hard errors."""
    seen: list[str] = []
    chain = [config]
    current = config
    while True:
        extend = current.options.get("extend")
        if extend is None:
            break
        origin = current.origin("extend", label=f'extend = "{extend}"')
        if not isinstance(extend, str):
            raise ConfigProblem(Problem("`extend` must be a string", origin))
        try:
            expanded = expand(extend, environ)
        except KeyError as error:
            raise ConfigProblem(
                Problem(
                    f'cannot expand `extend = "{extend}"`: environment variable {error} is not set',
                    origin,
                )
            ) from None
        target = globset._normalize(os.path.join(current.directory, expanded).replace(os.sep, "/"))
        seen.append(current.abspath)
        if target in seen:
            raise ConfigProblem(
                Problem(
                    f"circular `extend`: {current.path} extends {extend}, which is already in the chain",
                    origin,
                )
            )
        if not os.path.isfile(target):
            raise ConfigProblem(Problem(f"`extend` target {extend} does not exist", origin))
        try:
            current = loader.load(target)
        except ConfigProblem as error:
            raise ConfigProblem(
                Problem(f"`extend` target {extend} cannot be read: {error.problem.message}", origin)
            ) from None
        chain.append(current)
    chain.reverse()
    return tuple(chain)


# -- merging --------------------------------------------------------------------------------


COMMAND_LINE = Origin("<command line>", (), "the command line")


@dataclass(frozen=True)
class CommandLine:
    """The parts of ruff's command line that change settings (see `ruff.cli`)."""

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


def _first(values: Sequence[Any]) -> Any:
    for value in values:
        if value is not None:
            return value
    return None


def merge(
    table: RuleTable,
    governing: ConfigFile | None,
    chain: Sequence[ConfigFile],
    *,
    project_root: str,
    anchor_at_cwd: bool,
    cwd: str,
    cli: CommandLine,
    track: frozenset[int],
) -> Settings:
    """Merge a chain (base first) with the command line into Settings."""
    problems: list[Problem] = []
    layers: list[Layer] = []
    for config in chain:
        layer, found = read_layer(config, table, cwd if anchor_at_cwd else config.directory)
        layers.append(layer)
        problems += found
    for override, origin in cli.overrides:
        pseudo = ConfigFile(
            origin.path,
            os.path.join(cwd, "ruff.toml"),
            False,
            Source(origin.path, ""),
            override,
            False,
            origin,
        )
        layer, found = read_layer(pseudo, table, cwd)
        layers.append(dataclasses.replace(layer, origin=origin))
        problems += found
    newest_first = list(reversed(layers))
    preview_top = _first([cli.preview] + [layer.preview for layer in newest_first])
    lint_preview = _first([cli.preview] + [layer.lint_preview for layer in newest_first])
    preview = bool((lint_preview or preview_top or (False, None))[0])
    explicit = bool((_first([layer.explicit for layer in newest_first]) or (False, None))[0])
    fix_only = _first([cli.fix_only] + [layer.fix_only for layer in newest_first])
    force_exclude = _first([cli.force_exclude] + [layer.force_exclude for layer in newest_first])
    convention = _first([layer.convention for layer in newest_first])

    selections: list[RuleSelection] = []

    def parse(values: Sequence[tuple[str, Origin]], where: str) -> tuple[Entry, ...]:
        entries = []
        for text, origin in values:
            try:
                selector = table.parse(text, preview)
            except SelectorError as error:
                if error.unknown and preview and table.preview_unknown_warns:
                    continue  # Ruff warns and drops the selector
                problems.append(Problem(f"{error.message} in `{where}`", origin))
                continue
            entries.append(Entry(selector, origin))
        return tuple(entries)

    for layer in layers:
        selections.append(
            RuleSelection(
                origin=layer.origin,
                select=None if layer.select is None else parse(layer.select, "select"),
                select_origin=layer.select_origin,
                extend_select=parse(layer.extend_select, "extend-select"),
                ignore=parse(layer.ignore, "ignore"),
                modify=parse(layer.modify, "fixable"),
            )
        )
        parse(layer.validate_only, "extend-safe-fixes")
    selections.append(
        RuleSelection(
            origin=cli.origin,
            select=None if cli.select is None else parse(cli.select, "--select"),
            select_origin=cli.select_origin,
            extend_select=parse(cli.extend_select, "--extend-select"),
            ignore=parse(cli.ignore, "--ignore"),
            modify=parse(cli.modify, "--fixable"),
        )
    )
    resolved = compute(
        table, selections, preview=preview, explicit=explicit, convention=convention, track=track
    )
    problems += [Problem(message, origin) for message, origin in resolved.errors]

    def compile_patterns(values: Sequence[tuple[str, Origin]], anchor: str) -> list[Pattern]:
        out = []
        for text, origin in values:
            try:
                absolute = globset.compile_glob(globset.absolute(text, anchor))
                basename = None if "/" in text else globset.compile_glob(text)
            except globset.GlobError as error:
                problems.append(Problem(f"invalid glob `{text}`: {error}", origin))
                continue
            out.append(Pattern(text, origin, absolute, basename))
        return out

    def per_file(
        values: Sequence[tuple[str, tuple[tuple[str, Origin], ...], Origin]], anchor: str
    ) -> list[Pattern]:
        out = []
        for text, codes, origin in values:
            negated = text.startswith("!")
            pattern = text[1:] if negated else text
            rules: set[int] = set()
            for entry in parse(codes, "per-file-ignores"):
                rules |= entry.selector.members
            try:
                absolute = globset.compile_glob(globset.absolute(pattern, anchor))
                basename = globset.compile_glob(pattern)
            except globset.GlobError as error:
                problems.append(Problem(f"invalid glob `{pattern}`: {error}", origin))
                continue
            out.append(
                Pattern(
                    text,
                    origin,
                    absolute,
                    basename,
                    negated,
                    tuple(c for c, _ in codes),
                    frozenset(rules),
                )
            )
        return out

    exclude: list[Pattern] = []
    extend_exclude: list[Pattern] = []
    lint_exclude: list[Pattern] = []
    pfi: list[Pattern] = []
    if cli.exclude is not None:
        exclude = compile_patterns(cli.exclude, cwd)
    else:
        for layer in newest_first:
            if layer.exclude is not None:
                exclude = compile_patterns(layer.exclude, layer.anchor)
                break
        else:
            exclude = [
                Pattern(text, Origin("<default>", (), f'Ruff\'s default exclude "{text}"'),
                        globset.compile_glob(text), globset.compile_glob(text), builtin=True)
                for text in table.default_exclude
            ]  # fmt: skip
    for layer in layers:
        extend_exclude += compile_patterns(layer.extend_exclude, layer.anchor)
    extend_exclude += compile_patterns(cli.extend_exclude, cwd)
    for layer in newest_first:
        if layer.lint_exclude is not None:
            lint_exclude = compile_patterns(layer.lint_exclude, layer.anchor)
            break
    if cli.per_file_ignores is not None:
        pfi = per_file(cli.per_file_ignores, cwd)
    else:
        for layer in newest_first:
            if layer.per_file_ignores is not None:
                pfi = per_file(layer.per_file_ignores, layer.anchor)
                break
    for layer in layers:
        pfi += per_file(layer.extend_per_file_ignores, layer.anchor)
    pfi += per_file(cli.extend_per_file_ignores, cwd)

    globs = [
        glob.pattern
        for pattern in (*exclude, *extend_exclude)
        for glob in (pattern.absolute, pattern.basename)
        if glob is not None
    ]
    return Settings(
        exclude_any=re.compile("|".join(f"(?:{glob})" for glob in globs)) if globs else None,
        config=governing,
        chain=tuple(chain),
        project_root=project_root,
        resolved=resolved,
        preview=preview,
        fix_only=(bool(fix_only[0]), fix_only[1]) if fix_only else (False, None),
        force_exclude=bool(force_exclude[0]) if force_exclude else False,
        exclude=tuple(exclude),
        extend_exclude=tuple(extend_exclude),
        lint_exclude=tuple(lint_exclude),
        per_file_ignores=tuple(pfi),
        problems=tuple(dict.fromkeys(problems)),
        layers=tuple(layers),
    )
