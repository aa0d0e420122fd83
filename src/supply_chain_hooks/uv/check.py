"""The `check-uv-exclude-newer` analysis: every uv project, the file uv reads, the policy.

Reading goes through the runner's :class:`Workspace` (so fixes are re-checked in memory);
findings carry minimal :func:`toml_doc.edit` fixes. The rules themselves (codes, names,
documentation) live in ``supply_chain_hooks/uv/rules/``.
"""

from __future__ import annotations

import functools
import os
import posixpath
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from supply_chain_hooks.model import Applicability, Edit, Finding, Fix, Location, Rule
from supply_chain_hooks.rules import invalid_file
from supply_chain_hooks.source import InputError, Source
from supply_chain_hooks.uv import exclude_newer as en
from supply_chain_hooks.uv.projects import UV_LOCK, UV_TOML, Layout, Project, directory_of, discover
from supply_chain_hooks.uv.rules import (
    uv_cooldown_too_short,
    uv_exclude_newer_absolute_recent,
    uv_exclude_newer_disabled,
    uv_exclude_newer_in_member,
    uv_exclude_newer_index_override,
    uv_exclude_newer_invalid,
    uv_exclude_newer_missing,
    uv_exclude_newer_package_disabled,
    uv_exclude_newer_package_shorter,
    uv_exclude_newer_pip_only,
    uv_exclude_newer_shadowed,
    uv_exclude_newer_time_dropped,
    uv_lock_exclude_newer_stale,
    uv_unknown_setting,
)

if TYPE_CHECKING:
    from supply_chain_hooks.toml_doc import TomlIndex
    from supply_chain_hooks.workspace import Workspace


#: Top-level keys of `[tool.uv]` / `uv.toml` that uv 0.13.9 accepts (its own error lists them).
KNOWN_KEYS = frozenset(
    {
        "required-version", "system-certs", "native-tls", "offline", "no-cache", "cache-dir",
        "preview", "preview-features", "python-preference", "python-downloads",
        "concurrent-downloads", "concurrent-builds", "concurrent-installs", "index", "index-url",
        "extra-index-url", "no-index", "find-links", "index-strategy", "keyring-provider",
        "http-proxy", "https-proxy", "no-proxy", "allow-insecure-host", "resolution", "prerelease",
        "prerelease-package", "fork-strategy", "dependency-metadata", "config-settings",
        "config-settings-package", "no-build-isolation", "require-build-hashes",
        "no-build-isolation-package", "extra-build-dependencies", "extra-build-variables",
        "exclude-newer", "exclude-newer-package", "link-mode", "compile-bytecode", "no-sources",
        "no-sources-package", "upgrade", "upgrade-package", "reinstall", "reinstall-package",
        "no-build", "no-build-package", "no-binary", "no-binary-package", "torch-backend",
        "python-install-mirror", "pypy-install-mirror", "graalpy-install-mirror",
        "pyodide-install-mirror", "python-downloads-json-url", "publish-url", "trusted-publishing",
        "check-url", "add-bounds", "audit", "pip", "cache-keys", "override-dependencies",
        "exclude-dependencies", "constraint-dependencies", "build-constraint-dependencies",
        "environments", "required-environments", "minimum-libc-version", "conflicts", "workspace",
        "sources", "managed", "package", "default-groups", "dependency-groups", "dev-dependencies",
        "build-backend",
    }
)  # fmt: skip
KEY = "exclude-newer"
PACKAGE_KEY = "exclude-newer-package"
_NAME = re.compile(r"^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$", re.IGNORECASE)
_DAY_NS = 86_400 * 1_000_000_000
UV_LOCK_HINT = "run `uv lock` to update uv.lock"


@dataclass(frozen=True)
class Options:
    min_cooldown: str = "3 days"
    fix_value: str = "7 days"
    check_lock: bool = False
    exclude: tuple[str, ...] = ()
    #: The current time in nanoseconds (None: the clock); tests pin it.
    now_ns: int | None = None


class OptionsError(ValueError):
    """A --min-cooldown or --fix-value that cannot be used."""


def validate(options: Options) -> int:
    """The minimum cooldown in nanoseconds; raises OptionsError for unusable options."""
    minimum = en.parse(options.min_cooldown, now_ns=options.now_ns)
    if isinstance(minimum, en.Invalid):
        raise OptionsError(f"--min-cooldown {options.min_cooldown!r}: {minimum.reason}")
    if minimum.span is None:
        raise OptionsError(
            f"--min-cooldown {options.min_cooldown!r} must be a duration such as '3 days'"
        )
    minimum_ns = minimum.span.fixed_nanoseconds()
    fix = en.parse(options.fix_value, now_ns=options.now_ns)
    if isinstance(fix, en.Invalid):
        raise OptionsError(f"--fix-value {options.fix_value!r}: {fix.reason}")
    if fix.span is None or fix.span.fixed_nanoseconds() < max(minimum_ns, 1):
        raise OptionsError(
            f"--fix-value {options.fix_value!r} must be a duration of at least "
            f"--min-cooldown ({options.min_cooldown})"
        )
    return minimum_ns


# -- the analysis ------------------------------------------------------------------------------


@dataclass
class _File:
    """One TOML file with uv settings: where the table is and how to edit it."""

    path: str
    source: Source
    table: Mapping[str, Any]  # [tool.uv] or the uv.toml document
    prefix: tuple[str, ...]  # ("tool", "uv") or ()
    _index: TomlIndex | None = None

    @property
    def is_uv_toml(self) -> bool:
        return not self.prefix

    @property
    def label(self) -> str:
        return "uv.toml" if self.is_uv_toml else "[tool.uv]"

    def index(self) -> TomlIndex:
        if self._index is None:
            from supply_chain_hooks.toml_doc import TomlIndex

            self._index = TomlIndex(self.source.text)
        return self._index

    def value_location(self, *keys: str | int) -> Location:
        entry = self.index().get(*self.prefix, *keys)
        if entry is None:
            return self.table_location()
        return self.source.location(entry.value_start, entry.value_end)

    def key_location(self, *keys: str | int) -> Location:
        entry = self.index().get(*self.prefix, *keys)
        if entry is None:
            return self.table_location()
        return self.source.location(entry.key_start, entry.key_end)

    def table_location(self) -> Location:
        entry = self.index().get(*self.prefix) if self.prefix else None
        if entry is None:
            return Location(1, 1, 1, 1)
        return self.source.location(entry.key_start, entry.value_end)


@dataclass
class _Run:
    workspace: Workspace
    options: Options
    minimum_ns: int
    now_ns: int
    findings: list[Finding] = field(default_factory=list)

    def add(
        self, rule: Rule, path: str, location: Location, message: str, fix: Fix | None = None
    ) -> None:
        self.findings.append(Finding(rule, path, location, message, fix))

    # -- values and policy -----------------------------------------------------------------

    def setting(self, value: object) -> en.Setting:
        return en.parse_setting(value, now_ns=self.now_ns)

    def acceptable(self, value: object, table: Mapping[str, Any]) -> str | None:
        """A string value that passes the policy in this table (for moving it), else None."""
        if not isinstance(value, str):
            return None
        parsed = self.setting(value)
        if not isinstance(parsed, en.Cutoff) or self.policy(parsed) is not None:
            return None
        if parsed.is_relative and not spans_supported(table):
            return None
        return value

    def default_value(self, table: Mapping[str, Any]) -> str:
        """--fix-value, or, when `required-version` only allows uv without durations, a
        timestamp that far back (UTC midnight): old uv would drop a duration and the table."""
        if spans_supported(table):
            return self.options.fix_value
        fix = en.parse(self.options.fix_value, now_ns=self.now_ns)
        assert isinstance(fix, en.Cutoff)  # noqa: S101 - validated with the options
        cutoff = fix.cutoff_nanoseconds(self.now_ns)
        day = cutoff - cutoff % _DAY_NS
        return en.Timestamp.from_nanoseconds(day).iso()

    def policy(self, parsed: en.Cutoff) -> tuple[Rule, str] | None:
        cooldown = parsed.cooldown_nanoseconds(self.now_ns)
        if parsed.span is not None:
            if parsed.span.is_zero:
                return uv_exclude_newer_disabled.RULE, f"the span {parsed.span.iso()} is zero"
            if cooldown <= 0:
                why = "cannot be subtracted from now, so uv uses now as the cutoff"
                return uv_exclude_newer_disabled.RULE, f"the span {parsed.span.iso()} {why}"
            if cooldown < self.minimum_ns:
                why = f"a cooldown of {_human(cooldown)} is shorter than the minimum"
                return uv_cooldown_too_short.RULE, f"{why} ({self.options.min_cooldown})"
            return None
        at = parsed.describe().split(" ", 1)[1]
        if cooldown < 0:
            why = f"the cutoff {at} is in the future: until then every new release is allowed"
            return uv_exclude_newer_absolute_recent.RULE, why
        if cooldown < self.minimum_ns:
            why = f"the cutoff {at} is only {_human(cooldown)} ago, less than the minimum cooldown"
            return uv_exclude_newer_absolute_recent.RULE, f"{why} ({self.options.min_cooldown})"
        return None

    def replacement(self, original: object, table: Mapping[str, Any]) -> str:
        """The value a fix writes: the original lower-cased when that passes, else the default."""
        if isinstance(original, str):
            candidate = original.strip().lower()
            if self.acceptable(candidate, table) is not None:
                return candidate
        return self.default_value(table)


#: uv learnt relative durations in 0.9.17 (astral-sh/uv#16814).
SPANS_SINCE = "0.9.17"


def spans_supported(table: Mapping[str, Any]) -> bool:
    """False when the table's `required-version` allows no uv that parses durations."""
    required = table.get("required-version")
    if not isinstance(required, str):
        return True
    from packaging.specifiers import InvalidSpecifier, SpecifierSet
    from packaging.version import InvalidVersion, Version

    try:
        specifiers = SpecifierSet(required)
    except InvalidSpecifier:
        try:
            specifiers = SpecifierSet(f"=={required.strip()}")
        except InvalidSpecifier:
            return True
    floor = Version(SPANS_SINCE)
    probes = {floor, Version("0.9.99"), Version("0.99"), Version("1.0"), Version("99.0")}
    for specifier in specifiers:
        try:
            version = Version(specifier.version.removesuffix(".*"))
        except InvalidVersion:
            return True
        release = (*version.release, 0, 0)
        probes |= {version, Version(f"{release[0]}.{release[1]}.{release[2] + 1}"),
                   Version(f"{release[0]}.{release[1] + 1}")}  # fmt: skip
    return any(probe >= floor and specifiers.contains(probe, prereleases=True) for probe in probes)


def _human(nanoseconds: int) -> str:
    seconds = abs(nanoseconds) // 1_000_000_000
    days, rest = divmod(seconds, 86_400)
    hours, rest = divmod(rest, 3_600)
    minutes = rest // 60
    parts = [(days, "day"), (hours, "hour"), (minutes, "minute")]
    shown = [f"{n} {unit}{'s' if n != 1 else ''}" for n, unit in parts if n][:2]
    return " ".join(shown) if shown else f"{seconds} seconds"


def _quote(value: object) -> str:
    """A TOML-looking rendering of a value for messages."""
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Mapping):
        return "{ " + ", ".join(f"{key} = {_quote(item)}" for key, item in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(_quote(item) for item in value) + "]"
    return str(value)


# -- edits -----------------------------------------------------------------------------------


def _set_value(file: _File, keys: tuple[str, ...], value: str) -> Edit | None:
    """Insert or replace `keys = "value"` (creating [tool.uv] when needed), minimally."""
    from supply_chain_hooks import toml_doc

    literal = False
    entry = file.index().get(*file.prefix, *keys)
    if entry is not None:
        literal = (
            file.source.text[entry.value_start : entry.value_start + 1] == "'" and "'" not in value
        )

    def change(document: Any) -> None:
        import tomlkit

        container = document
        for key in (*file.prefix, *keys[:-1]):
            child = container.get(key)
            if child is None:
                child = tomlkit.table(is_super_table=key == "tool")
                container[key] = child
            container = child
        container[keys[-1]] = tomlkit.string(value, literal=literal)

    return toml_doc.edit(file.source, change)


def _remove_value(file: _File, keys: tuple[str, ...]) -> Edit | None:
    from supply_chain_hooks import toml_doc

    def change(document: Any) -> None:
        container = document
        for key in (*file.prefix, *keys[:-1]):
            container = container[key]
        del container[keys[-1]]

    return toml_doc.edit(file.source, change)


def _fix(title: str, edit: Edit | None) -> Fix | None:
    return None if edit is None else Fix(title, (edit,), Applicability.SAFE)


def _safe_edit(make: Callable[[], Edit | None]) -> Edit | None:
    try:
        return make()
    except InputError:
        return None
    except Exception as error:  # tomlkit refuses some exotic layouts; report without a fix
        if type(error).__module__.startswith("tomlkit"):
            return None
        raise


# -- entry point -------------------------------------------------------------------------------


def check(
    workspace: Workspace,
    paths: tuple[str, ...],
    options: Options,
    files: Iterable[str] | None = None,
) -> list[Finding]:
    """Check the repository (paths == ()) or the projects the given files belong to.

    files: the repository's pyproject.toml, uv.toml and uv.lock files (default: listed here).
    """
    import time

    minimum_ns = validate(options)
    run = _Run(workspace, options, minimum_ns, options.now_ns or time.time_ns())
    if files is None:
        from supply_chain_hooks.uv.files import repository_files

        files = repository_files(workspace)
    files = list(files)
    layout = discover(files, lambda path: _load_pyproject(workspace, path))
    lock_dirs = {directory_of(path) for path in files if posixpath.basename(path) == UV_LOCK}
    for path, error in layout.errors:
        if directory_of(path) in lock_dirs or _mentions_uv(workspace, path):
            location = Location(error.line, error.column, error.line, error.column)
            run.add(invalid_file.RULE, path, location, error.message)
    broken = {path for path, _ in layout.errors}
    settings: dict[str, _File | None] = {}
    for path in layout.settings_files():
        settings[path] = _settings_file(run, layout, path)
    for file in settings.values():
        if file is not None:
            _check_settings(run, layout, file)
    for project in layout.projects:
        if (
            project.settings is None
            and project.pyproject is not None
            and project.pyproject not in broken
        ):
            _check_unconfigured(run, layout, project)
    _check_ignored_tables(run, layout, settings)
    if options.check_lock:
        for project in layout.projects:
            if project.lock is not None:
                file = settings.get(project.settings) if project.settings else None
                _check_lock(run, project, file)
    return _select(run.findings, layout, paths, options)


def _load_pyproject(workspace: Workspace, path: str) -> Mapping[str, Any] | None:
    return workspace.toml(path)


def _mentions_uv(workspace: Workspace, path: str) -> bool:
    """Whether a file could configure uv at all (a key can only hide behind an escape)."""
    try:
        text = workspace.source(path).text
    except InputError:
        return True
    return "uv" in text or "\\" in text


def _settings_file(run: _Run, layout: Layout, path: str) -> _File | None:
    from supply_chain_hooks import toml_doc

    try:
        source = run.workspace.source(path)
        if posixpath.basename(path) == UV_TOML:
            return _File(path, source, toml_doc.load(source), ())
    except InputError as error:
        run.add(
            invalid_file.RULE,
            path,
            Location(error.line, error.column, error.line, error.column),
            error.message,
        )
        return None
    table = layout.uv_tables[path].get("tool", {}).get("uv", {})
    return _File(path, source, table, ("tool", "uv"))


def _readers(layout: Layout, path: str) -> str:
    names = [project.directory or "." for project in layout.projects_reading(path)]
    return ", ".join(names[:4]) + (f" and {len(names) - 4} more" if len(names) > 4 else "")


# -- checks ----------------------------------------------------------------------------------


def _check_settings(run: _Run, layout: Layout, file: _File) -> None:
    _check_unknown_keys(run, file)
    value = file.table.get(KEY)
    global_cutoff: en.Cutoff | None = None
    if KEY in file.table:
        global_cutoff = _check_global(run, file, value)
    elif not _shadowing(layout, file) and KEY not in map(_misspelling, file.table):
        _report_missing(run, layout, file)  # (a misspelt key is renamed by SCH309's fix)
    _check_packages(run, file, global_cutoff)
    _check_indexes(run, file, global_cutoff)
    pip = file.table.get("pip")
    if isinstance(pip, Mapping) and KEY in pip:
        parsed = run.setting(pip[KEY])
        if isinstance(parsed, en.Invalid):
            _report_invalid(run, file, ("pip", KEY), parsed.reason, fixable=False)


_MISSPELLINGS = {
    "exclude-newer": KEY, "excludenewer": KEY, "exclude-newers": KEY,
    "exclude-newer-package": PACKAGE_KEY, "exclude-newer-packages": PACKAGE_KEY,
    "excludenewerpackage": PACKAGE_KEY,
}  # fmt: skip


def _misspelling(key: str) -> str | None:
    """The setting an unknown key was meant to be (`exclude_newer` -> `exclude-newer`)."""
    if key in KNOWN_KEYS:
        return None
    return _MISSPELLINGS.get(key.lower().replace("_", "-").replace(" ", ""))


def _check_unknown_keys(run: _Run, file: _File) -> None:
    for key in file.table:
        if key in KNOWN_KEYS:
            continue
        target = _misspelling(key)
        fix = None
        if target is not None and target not in file.table:
            fix = _fix(
                f"rename `{key}` to `{target}`",
                _safe_edit(functools.partial(_rename, file, key, target)),
            )
        hint = f" (did you mean `{target}`?)" if target else ""
        run.add(
            uv_unknown_setting.RULE, file.path, file.key_location(key),
            f"uv does not know `{key}` in {file.label}{hint}: it rejects the table"
            + (", ignoring all of [tool.uv] (no cooldown)" if not file.is_uv_toml else " and fails"),
            fix,
        )  # fmt: skip


def _rename(file: _File, old: str, new: str) -> Edit | None:
    entry = file.index().get(*file.prefix, old)
    if entry is None:
        return None
    raw = file.source.text[entry.key_start : entry.key_end]
    if raw.split(".")[-1].strip().strip("\"'") != old:
        return None
    start = entry.key_end - len(raw.split(".")[-1].strip()) if "." in raw else entry.key_start
    return Edit(start, entry.key_end, new)


def _check_global(run: _Run, file: _File, value: object) -> en.Cutoff | None:
    parsed = run.setting(value)
    where = f"{file.label} {KEY} = {_quote(value)}"
    if isinstance(parsed, en.Invalid):
        _report_invalid(run, file, (KEY,), parsed.reason, fixable=True)
        return None
    if isinstance(parsed, en.Disabled):
        replacement = run.default_value(file.table)
        run.add(
            uv_exclude_newer_disabled.RULE, file.path, file.value_location(KEY),
            f"{where} turns the dependency cooldown off",
            _fix(f'set {KEY} = "{replacement}"', _safe_edit(lambda: _set_value(file, (KEY,), replacement))),
        )  # fmt: skip
        return None
    if parsed.dropped_time:
        run.add(
            uv_exclude_newer_time_dropped.RULE, file.path, file.value_location(KEY),
            f"{where} has a time but no offset: uv drops the time and uses the next midnight "
            "in the local time zone of whoever runs it; write a `Z` or an offset",
        )  # fmt: skip
    if parsed.is_relative and not spans_supported(file.table):
        replacement = run.default_value(file.table)
        required = file.table.get("required-version")
        run.add(
            uv_exclude_newer_invalid.RULE, file.path, file.value_location(KEY),
            f"{where} is a duration, but required-version = {_quote(required)} allows only uv "
            f"older than {SPANS_SINCE}, which cannot parse durations and ignores all of "
            f"{file.label}: use a timestamp",
            _fix(f'set {KEY} = "{replacement}"', _safe_edit(lambda: _set_value(file, (KEY,), replacement))),
        )  # fmt: skip
        return None
    problem = run.policy(parsed)
    if problem is not None:
        rule, why = problem
        replacement = run.default_value(file.table)
        run.add(
            rule, file.path, file.value_location(KEY), f"{where}: {why}",
            _fix(f'set {KEY} = "{replacement}"', _safe_edit(lambda: _set_value(file, (KEY,), replacement))),
        )  # fmt: skip
        return parsed if rule is not uv_exclude_newer_disabled.RULE else None
    return parsed


def _report_invalid(
    run: _Run, file: _File, keys: tuple[str | int, ...], reason: str, *, fixable: bool
) -> None:
    consequence = (
        "uv refuses this uv.toml (every command fails)"
        if file.is_uv_toml
        else "uv ignores all of [tool.uv] with only a warning and resolves without a cooldown"
    )
    shown = ".".join(str(key) for key in keys)
    fix = None
    if fixable:
        original = file.table.get(KEY)
        replacement = run.replacement(original, file.table)
        fix = _fix(
            f'set {KEY} = "{replacement}"',
            _safe_edit(lambda: _set_value(file, (KEY,), replacement)),
        )
    run.add(
        uv_exclude_newer_invalid.RULE, file.path, file.value_location(*keys),
        f"invalid `{shown}` in {file.label}, so {consequence}: {reason}", fix,
    )  # fmt: skip


def _shadowing(layout: Layout, file: _File) -> bool:
    """A uv.toml beside a pyproject.toml whose [tool.uv] sets exclude-newer (SCH313 covers it)."""
    if not file.is_uv_toml:
        return False
    pyproject = (
        posixpath.join(directory_of(file.path), "pyproject.toml")
        if directory_of(file.path)
        else "pyproject.toml"
    )
    data = layout.uv_tables.get(pyproject)
    return data is not None and KEY in data.get("tool", {}).get("uv", {})


def _candidate_value(run: _Run, layout: Layout, file: _File) -> tuple[str, str]:
    """The value to insert and where it came from: a member's or pip's value, else the default."""
    pip = file.table.get("pip")
    if isinstance(pip, Mapping) and run.acceptable(pip.get(KEY), file.table) is not None:
        return str(pip[KEY]), "[tool.uv.pip]" if not file.is_uv_toml else "[pip]"
    for project in layout.projects_reading(file.path):
        for member in project.members:
            data = layout.uv_tables.get(member)
            value = data.get("tool", {}).get("uv", {}).get(KEY) if data else None
            if run.acceptable(value, file.table) is not None:
                return str(value), member
    return run.default_value(file.table), ""


def _report_missing(run: _Run, layout: Layout, file: _File) -> None:
    value, origin = _candidate_value(run, layout, file)
    pip = file.table.get("pip")
    readers = _readers(layout, file.path)
    read_by = f" (uv reads it for {readers})" if readers else ""
    fix = _fix(f'set {KEY} = "{value}"', _safe_edit(lambda: _set_value(file, (KEY,), value)))
    if isinstance(pip, Mapping) and KEY in pip:
        run.add(
            uv_exclude_newer_pip_only.RULE, file.path, file.key_location("pip", KEY),
            f"{KEY} is set only under {'[pip]' if file.is_uv_toml else '[tool.uv.pip]'}, which "
            f"`uv pip` reads but `uv lock`/`uv sync` ignore: set it at the top level of {file.label}",
            fix,
        )  # fmt: skip
        return
    moved = (
        f" (moving the value from {origin})" if origin and origin.endswith("pyproject.toml") else ""
    )
    run.add(
        uv_exclude_newer_missing.RULE, file.path, file.table_location(),
        f"{file.label} sets no `{KEY}`{read_by}: uv resolves with the newest uploads, no "
        f"cooldown; add `{KEY} = \"{value}\"`{moved}",
        fix,
    )  # fmt: skip


def _check_unconfigured(run: _Run, layout: Layout, project: Project) -> None:
    """A project with no settings file at all: create [tool.uv] in its pyproject.toml."""
    assert project.pyproject is not None  # noqa: S101 - checked by the caller
    try:
        source = run.workspace.source(project.pyproject)
    except InputError:
        return
    file = _File(project.pyproject, source, {}, ("tool", "uv"))
    value = run.options.fix_value
    origin = ""
    for member in project.members:
        data = layout.uv_tables.get(member)
        candidate = data.get("tool", {}).get("uv", {}).get(KEY) if data else None
        if run.acceptable(candidate, {}) is not None:
            value, origin = str(candidate), member
            break
    moved = f" (moving the value from {origin})" if origin else ""
    run.add(
        uv_exclude_newer_missing.RULE, project.pyproject, Location(1, 1, 1, 1),
        f"no uv settings set `{KEY}` for this project: uv resolves with the newest uploads, "
        f"no cooldown; add [tool.uv] `{KEY} = \"{value}\"`{moved}",
        _fix(f'add [tool.uv] {KEY} = "{value}"', _safe_edit(lambda: _set_value(file, (KEY,), value))),
    )  # fmt: skip


def _check_packages(run: _Run, file: _File, global_cutoff: en.Cutoff | None) -> None:
    if PACKAGE_KEY not in file.table:
        return
    table = file.table[PACKAGE_KEY]
    if not isinstance(table, Mapping):
        _report_invalid(
            run, file, (PACKAGE_KEY,),
            f"invalid type: {en.unexpected(table)}, expected a map", fixable=False,
        )  # fmt: skip
        return
    reference = _reference(run, global_cutoff)
    for name, value in table.items():
        if not _NAME.match(str(name)):
            _report_invalid(
                run, file, (PACKAGE_KEY, name),
                f'Not a valid package or extra name: "{name}". Names must start and end with a '
                "letter or digit and may only contain -, _, ., and alphanumeric characters.",
                fixable=False,
            )  # fmt: skip
            continue
        parsed = run.setting(value)
        where = f"{PACKAGE_KEY} {name} = {_quote(value)}"
        location = file.value_location(PACKAGE_KEY, name)
        if isinstance(parsed, en.Invalid):
            _report_invalid(run, file, (PACKAGE_KEY, name), parsed.reason, fixable=False)
        elif isinstance(parsed, en.Disabled) or (parsed.span is not None and parsed.span.is_zero):
            run.add(
                uv_exclude_newer_package_disabled.RULE, file.path, location,
                f"{where} exempts `{name}` from the cooldown: its newest release is allowed at once "
                "(suppress with a reason if intended)",
            )  # fmt: skip
        else:
            cooldown = parsed.cooldown_nanoseconds(run.now_ns)
            if cooldown < reference[0]:
                run.add(
                    uv_exclude_newer_package_shorter.RULE, file.path, location,
                    f"{where} gives `{name}` a shorter cooldown ({_describe_cooldown(cooldown)}) "
                    f"than {reference[1]}",
                )  # fmt: skip


def _reference(run: _Run, global_cutoff: en.Cutoff | None) -> tuple[int, str]:
    if global_cutoff is not None:
        cooldown = global_cutoff.cooldown_nanoseconds(run.now_ns)
        if cooldown > 0:
            return cooldown, f"the global {KEY} ({_human(cooldown)})"
    return run.minimum_ns, f"the minimum ({run.options.min_cooldown})"


def _describe_cooldown(cooldown: int) -> str:
    return f"a cutoff {_human(cooldown)} in the future" if cooldown < 0 else _human(cooldown)


def _check_indexes(run: _Run, file: _File, global_cutoff: en.Cutoff | None) -> None:
    indexes = file.table.get("index")
    if not isinstance(indexes, list):
        return
    reference = _reference(run, global_cutoff)
    for number, index in enumerate(indexes):
        if not isinstance(index, Mapping) or KEY not in index:
            continue
        value = index[KEY]
        name = index.get("name") or index.get("url") or f"#{number + 1}"
        parsed = run.setting(value)
        location = file.value_location("index", number, KEY)
        if isinstance(parsed, en.Invalid):
            _report_invalid(run, file, ("index", number, KEY), parsed.reason, fixable=False)
            continue
        if isinstance(parsed, en.Disabled) or (parsed.span is not None and parsed.span.is_zero):
            message = f"index `{name}` sets {KEY} = {_quote(value)}: its packages get no cooldown"
        else:
            cooldown = parsed.cooldown_nanoseconds(run.now_ns)
            if cooldown >= reference[0]:
                continue
            message = (
                f"index `{name}` sets {KEY} = {_quote(value)}: a shorter cooldown "
                f"({_describe_cooldown(cooldown)}) than {reference[1]}"
            )
        run.add(uv_exclude_newer_index_override.RULE, file.path, location, message)


def _check_ignored_tables(run: _Run, layout: Layout, settings: Mapping[str, _File | None]) -> None:
    """[tool.uv] tables uv never reads: in workspace members, or masked by a uv.toml."""
    uv_toml_dirs = {directory_of(path): path for path in layout.uv_tomls}
    for path, data in sorted(layout.uv_tables.items()):
        if path in settings:
            continue
        table = data.get("tool", {}).get("uv", {})
        try:
            source = run.workspace.source(path)
        except InputError:
            continue
        file = _File(path, source, table, ("tool", "uv"))
        if KEY in table:
            parsed = run.setting(table[KEY])
            if isinstance(parsed, en.Invalid):
                _report_invalid(run, file, (KEY,), parsed.reason, fixable=False)
        beside = uv_toml_dirs.get(directory_of(path))
        if path in layout.member_of:
            _report_member(run, layout, file)
        elif beside is not None:
            _report_shadowed(run, file, beside, settings.get(beside))


def _report_member(run: _Run, layout: Layout, file: _File) -> None:
    root = layout.member_of[file.path] or "."
    pip = file.table.get("pip")
    keys: list[tuple[str, ...]] = [(key,) for key in (KEY, PACKAGE_KEY) if key in file.table]
    if isinstance(pip, Mapping) and KEY in pip:
        keys.append(("pip", KEY))
    for keys_path in keys:
        fix = None
        if keys_path == (KEY,):
            fix = _fix(f"remove the ignored {KEY} (it belongs in the workspace root)",
                       _safe_edit(lambda: _remove_value(file, (KEY,))))  # fmt: skip
        run.add(
            uv_exclude_newer_in_member.RULE, file.path, file.key_location(*keys_path),
            f"`{'.'.join(keys_path)}` in a workspace member is ignored: uv reads settings from "
            f"the workspace root ({root}), so this cooldown never applies",
            fix,
        )  # fmt: skip


def _report_shadowed(run: _Run, file: _File, uv_toml: str, target: _File | None) -> None:
    for key in (KEY, PACKAGE_KEY):
        if key not in file.table:
            continue
        fix = None
        if key == KEY:
            fix = _fix(f"remove {KEY} from pyproject.toml (uv reads {uv_toml})",
                       _safe_edit(lambda: _remove_value(file, (KEY,))))  # fmt: skip
        run.add(
            uv_exclude_newer_shadowed.RULE, file.path, file.key_location(key),
            f"`{key}` here is ignored: {uv_toml} beside this file masks all of [tool.uv]; "
            f"set it in {uv_toml}",
            fix,
        )  # fmt: skip
    if KEY not in file.table or target is None:
        return
    if KEY in target.table:
        run.add(
            uv_exclude_newer_shadowed.RULE, target.path, target.key_location(KEY),
            f"uv uses this `{KEY}` and ignores the one in {file.path} [tool.uv]",
        )  # fmt: skip
        return
    value = run.acceptable(file.table[KEY], target.table) or run.default_value(target.table)
    run.add(
        uv_exclude_newer_shadowed.RULE, target.path, Location(1, 1, 1, 1),
        f"uv reads this uv.toml and ignores [tool.uv] in {file.path}, whose `{KEY}` therefore "
        f"has no effect: this file sets none, so there is no cooldown",
        _fix(f'set {KEY} = "{value}"', _safe_edit(lambda: _set_value(target, (KEY,), value))),
    )  # fmt: skip


# -- --check-lock ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Config:
    """uv's `ExcludeNewer`: the global cutoff and the package map (normalised names)."""

    global_value: en.Cutoff | None
    packages: Mapping[str, en.Cutoff | en.Disabled]


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _config_of(run: _Run, file: _File | None) -> _Config | None:
    """The configuration uv applies, or None when uv would not read it (invalid)."""
    if file is None:
        return _Config(None, {})
    if any(key not in KNOWN_KEYS for key in file.table):
        return None
    value = file.table.get(KEY)
    global_value: en.Cutoff | None = None
    if KEY in file.table:
        parsed = run.setting(value)
        if isinstance(parsed, en.Invalid):
            return None
        global_value = parsed if isinstance(parsed, en.Cutoff) else None
    packages: dict[str, en.Cutoff | en.Disabled] = {}
    table = file.table.get(PACKAGE_KEY, {})
    if not isinstance(table, Mapping):
        return None
    for name, raw in table.items():
        parsed = run.setting(raw)
        if isinstance(parsed, en.Invalid) or not _NAME.match(str(name)):
            return None
        packages[_normalise(str(name))] = parsed
    return _Config(global_value, packages)


def _lock_value(raw: object, span: object) -> en.Cutoff | None:
    timestamp = en.parse_timestamp(raw) if isinstance(raw, str) else None
    parsed_span = en.parse_span(span) if isinstance(span, str) else None
    if isinstance(parsed_span, en.Span):
        return en.Cutoff(en.Kind.SPAN, span=parsed_span,
                         timestamp=timestamp if isinstance(timestamp, en.Timestamp) else None)  # fmt: skip
    if isinstance(timestamp, en.Timestamp):
        return en.Cutoff(en.Kind.TIMESTAMP, timestamp=timestamp)
    return None


def _lock_config(options: Mapping[str, Any]) -> _Config:
    global_value = _lock_value(options.get(KEY), options.get("exclude-newer-span"))
    packages: dict[str, en.Cutoff | en.Disabled] = {}
    table = options.get(PACKAGE_KEY)
    if isinstance(table, Mapping):
        for name, raw in table.items():
            if raw is False:
                packages[_normalise(str(name))] = en.Disabled()
            elif isinstance(raw, Mapping):
                value = _lock_value(raw.get("timestamp"), raw.get("span"))
                if value is not None:
                    packages[_normalise(str(name))] = value
            else:
                value = _lock_value(raw, None)
                if value is not None:
                    packages[_normalise(str(name))] = value
    return _Config(global_value, packages)


def _timestamp_text(value: en.Cutoff, now_ns: int) -> str:
    return en.Timestamp.from_nanoseconds(value.cutoff_nanoseconds(now_ns)).iso()


def _value_change(this: en.Cutoff, other: en.Cutoff, now_ns: int) -> str | None:
    """uv's `compare_exclude_newer_value`, relative-timestamp changes excluded."""
    if this.span is None and other.span is not None:
        return f"addition of exclude newer span `{other.span.iso()}`"
    if this.span is not None and other.span is None:
        return "removal of exclude newer span"
    if this.span is not None and other.span is not None:
        if this.span != other.span:
            return f"change of exclude newer span from `{this.span.iso()}` to `{other.span.iso()}`"
        return None
    if other.cutoff_nanoseconds(now_ns) < this.cutoff_nanoseconds(now_ns):
        return (
            f"change of exclude newer timestamp from `{_timestamp_text(this, now_ns)}` "
            f"to `{_timestamp_text(other, now_ns)}`"
        )
    return None


def _compare(lock: _Config, config: _Config, now_ns: int) -> str | None:
    """uv's `ExcludeNewer::compare(lock, configuration)`: why the lock is stale, or None."""
    if lock.global_value is not None and config.global_value is not None:
        change = _value_change(lock.global_value, config.global_value, now_ns)
        if change is not None:
            return change
    elif config.global_value is not None:
        return f"addition of global exclude newer {_timestamp_text(config.global_value, now_ns)}"
    elif lock.global_value is not None:
        return "removal of global exclude newer"
    for name in sorted(lock.packages):
        mine = lock.packages[name]
        theirs = config.packages.get(name)
        if theirs is None:
            return f"removal of exclude newer for package `{name}`"
        if isinstance(mine, en.Cutoff) and isinstance(theirs, en.Cutoff):
            change = _value_change(mine, theirs, now_ns)
            if change is not None:
                return f"{change} for package `{name}`"
        elif isinstance(mine, en.Disabled) and isinstance(theirs, en.Cutoff):
            return (
                f"remove exclude newer exclusion (now `{_timestamp_text(theirs, now_ns)}`) "
                f"for package `{name}`"
            )
    for name in sorted(config.packages):
        value = config.packages[name]
        if name not in lock.packages and isinstance(value, en.Cutoff):
            shown = _timestamp_text(value, now_ns)
            return f"addition of exclude newer `{shown}` for package `{name}`"
    return None


def _check_lock(run: _Run, project: Project, file: _File | None) -> None:
    from supply_chain_hooks import toml_doc

    assert project.lock is not None  # noqa: S101 - checked by the caller
    config = _config_of(run, file)
    if config is None:
        return  # the configuration itself is reported; uv would not use it
    try:
        source = run.workspace.source(project.lock)
        data = toml_doc.load(source)
    except InputError as error:
        location = Location(error.line, error.column, error.line, error.column)
        run.add(invalid_file.RULE, project.lock, location, error.message)
        return
    options = data.get("options")
    lock = _lock_config(options if isinstance(options, Mapping) else {})
    # uv compares only the package entries of packages in the resolution (the lock's).
    packages = data.get("package")
    resolved = {
        _normalise(str(entry.get("name")))
        for entry in (packages if isinstance(packages, list) else [])
        if isinstance(entry, Mapping)
    }
    config = _Config(
        config.global_value, {n: v for n, v in config.packages.items() if n in resolved}
    )
    change = _compare(lock, config, run.now_ns)
    if change is None:
        return
    from supply_chain_hooks.toml_doc import TomlIndex

    entry = TomlIndex(source.text).get("options")
    location = source.location(entry.key_start, entry.value_end) if entry else Location(1, 1, 1, 1)
    run.add(
        uv_lock_exclude_newer_stale.RULE, project.lock, location,
        f"uv.lock was resolved under a different exclude-newer ({change}): it is stale and "
        f"`uv sync --locked` fails; {UV_LOCK_HINT}",
    )  # fmt: skip


# -- selection -------------------------------------------------------------------------------


def _select(
    findings: list[Finding], layout: Layout, paths: tuple[str, ...], options: Options
) -> list[Finding]:
    from supply_chain_hooks.globs import matches_any

    kept = [f for f in findings if not (options.exclude and matches_any(f.path, options.exclude))]
    if not paths:
        return kept
    wanted = {posixpath.normpath(path.replace(os.sep, "/")) for path in paths}
    related: set[str] = set()
    for project in layout.projects:
        files = {project.pyproject, project.lock, project.settings, *project.members}
        if files & wanted:
            related |= {path for path in files if path is not None}
    related |= wanted
    return [finding for finding in kept if posixpath.normpath(finding.path) in related]


def after_fix(paths: Iterable[str]) -> list[str]:
    """The note printed after --fix changed settings: the lock must be refreshed."""
    changed = sorted(set(paths))
    if not changed:
        return []
    shown = ", ".join(changed[:5]) + (f" and {len(changed) - 5} more" if len(changed) > 5 else "")
    return [f"check-uv-exclude-newer: changed exclude-newer settings in {shown}; {UV_LOCK_HINT}"]
