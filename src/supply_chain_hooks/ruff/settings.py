"""The settings Ruff uses for the files one config governs: a chain's layers merged.

Each config file of an ``extend`` chain (base first) is one :class:`Layer`; inline
``--config`` overrides and the command line come last. Scalars (``preview``, ``lint.preview``,
``explicit-preview-rules``, ``fix-only``, ``exclude``, ``lint.exclude``, ``per-file-ignores``,
``force-exclude``) take the child's value, else the parent's; ``extend-exclude`` and
``extend-per-file-ignores`` accumulate. Path patterns are anchored at the directory of the
config file that wrote them (at the working directory for ``--config FILE`` and command-line
options). Unknown selectors, removed rules selected and invalid globs are
problems, as Ruff refuses to start with them.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence

from supply_chain_hooks.model import Record, field
from supply_chain_hooks.ruff import globset
from supply_chain_hooks.ruff.config_file import ConfigFile, Problem
from supply_chain_hooks.ruff.options import Layer, read_layer
from supply_chain_hooks.ruff.origin import Origin
from supply_chain_hooks.ruff.selection import Entry, Resolved, RuleSelection, compute
from supply_chain_hooks.ruff.table import RuleTable, SelectorError
from supply_chain_hooks.source import Source

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from typing import Any

    from supply_chain_hooks.ruff.cli import CommandLine


class Pattern(Record):
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


class FileGlobs:
    """Every exclude, extend-exclude, lint.exclude and per-file-ignores glob of one Settings,
    asked once per folder and once per file name whether any can concern a file.

    A pattern concerns a file only if one of its globs matches the file's absolute path or
    its name. Matched against absolute paths below `root`, a glob can only match in a folder
    whose path (with a final `/`) and the glob's literal prefix (:func:`globset.literal_prefix`)
    start one with the other; most folders keep none. Names are matched once each.
    """

    __slots__ = ("_clean", "_folders", "any_name", "by_path", "names", "negated", "texts")

    def __init__(self, settings: Settings, root: str) -> None:
        globs = list(
            dict.fromkeys(
                glob
                for pattern in (
                    *settings.exclude,
                    *settings.extend_exclude,
                    *settings.lint_exclude,
                    *settings.per_file_ignores,
                )
                for glob in (pattern.absolute, pattern.basename)
                if glob is not None
            )
        )
        #: The globs that match one plain text, as texts (a set lookup), and one regex of
        #: the others: together, whether a glob matches a name.
        self.texts: frozenset[str] = frozenset(
            text for glob in globs if (text := globset.literal_text(glob.pattern)) is not None
        )
        self.any_name = _union(glob for glob in globs if globset.literal_text(glob.pattern) is None)
        below = root.rstrip("/") + "/"
        #: The globs that may match a path below the root, with their literal prefixes.
        self.by_path = [
            (glob, prefix)
            for glob in globs
            for prefix in (globset.literal_prefix(glob.pattern),)
            if below.startswith(prefix) or prefix.startswith(below)
        ]
        #: Whether a glob may match a file of this name (as a name), by name.
        self.names: dict[str, bool] = {}
        #: The names no glob may match (those of `names` that map to False).
        self._clean: set[str] = set()
        #: A per-file-ignores pattern is negated: it concerns the files its glob does not
        #: match, so every file must be asked.
        self.negated = any(pattern.negated for pattern in settings.per_file_ignores)
        self._folders: dict[tuple[re.Pattern[str], ...], re.Pattern[str] | None] = {}

    def folder(self, directory: str) -> re.Pattern[str] | None:
        """One regex of the globs that may match the absolute path of a file of this absolute
        directory (None: no glob can)."""
        below = directory.rstrip("/") + "/"
        live = tuple(
            glob
            for glob, prefix in self.by_path
            if below.startswith(prefix) or prefix.startswith(below)
        )
        if not live:
            return None
        union = self._folders.get(live)
        if union is None:
            union = self._folders[live] = _union(live)
        return union

    def name(self, name: str) -> bool:
        """Whether a glob may match a file of this name (as a name)."""
        found = self.names.get(name)
        if found is None:
            any_name = self.any_name
            found = self.names[name] = name in self.texts or (
                any_name is not None and any_name.match(name) is not None
            )
            if not found:
                self._clean.add(name)
        return found

    def clean(self, names: Sequence[str]) -> bool:
        """Whether no glob may match a file of any of these names (as a name)."""
        if self._clean.issuperset(names):
            return True
        return not any(self.name(name) for name in names)


class Settings(Record):
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
    #: The raw layers merged (not compared, hashed or shown: the fields above are their sum).
    layers: tuple[Layer, ...] = field(default=(), compare=False)

    def config_at(self, path: str) -> ConfigFile | None:
        """The config file of the chain at this path."""
        for config in self.chain:
            if config.path == path:
                return config
        return None


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
        layers.append(layer.at(origin))
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
                Pattern(
                    text,
                    Origin("<default>", (), f'Ruff\'s default exclude "{text}"'),
                    globset.compile_glob(text),
                    globset.compile_glob(text),
                    builtin=True,
                )
                for text in table.default_exclude
            ]
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

    return Settings(
        exclude_any=_union(
            dict.fromkeys(
                glob
                for pattern in (*exclude, *extend_exclude)
                for glob in (pattern.absolute, pattern.basename)
            )
        ),
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


def _union(globs: Iterable[re.Pattern[str] | None]) -> re.Pattern[str] | None:
    """One regex that matches what any of the globs matches (None: there is none)."""
    patterns = [glob.pattern for glob in globs if glob is not None]
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns)) if patterns else None
