"""The facts one run of check-uv-exclude-newer establishes, as typed values the rules read.

:func:`analyse` reads the repository's pyproject.toml, uv.toml and uv.lock files through the
run's :class:`Workspace` (so fixes are re-checked in memory), groups them into uv
projects (``projects.py``), and for each file uv reads settings from works out what its
`exclude-newer` values mean to uv and to the policy. The result, a :class:`UvContext`, is
immutable; each rule in ``uv/rules/`` turns some of its facts into findings.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping

from supply_chain_hooks.model import Record
from supply_chain_hooks.source import InputError, Source
from supply_chain_hooks.uv import exclude_newer as en
from supply_chain_hooks.uv.files import mentions_uv
from supply_chain_hooks.uv.policy import Options, Policy, Problem
from supply_chain_hooks.uv.projects import UV_LOCK, UV_TOML, Layout, Project, directory_of, discover
from supply_chain_hooks.uv.settings import (
    KEY,
    PACKAGE_KEY,
    SettingsFile,
    misspelling,
    name_problem,
    spans_supported,
    unknown_keys,
    uv_table,
)

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterable

    from supply_chain_hooks.uv.lock import Change
    from supply_chain_hooks.workspace import Workspace

# The facts are model.Record values (immutable, compared by their fields) rather than frozen
# dataclasses: a hook process builds these classes on every run (see model.py).


class Value(Record):
    """One exclude-newer value as written, and what uv makes of it now."""

    #: Where it is, below the settings table: ("exclude-newer",), ("pip", "exclude-newer"),
    #: ("exclude-newer-package", name) or ("index", number, "exclude-newer").
    keys: tuple[str | int, ...]
    #: The TOML value, as tomllib reads it.
    raw: object
    setting: en.Setting
    #: For a cutoff: how long ago it is, in nanoseconds (negative: in the future).
    cooldown_ns: int | None

    @property
    def cutoff(self) -> en.Cutoff | None:
        return self.setting if isinstance(self.setting, en.Cutoff) else None

    @property
    def invalid(self) -> str | None:
        """uv's reason for refusing the value, None when uv accepts it."""
        return self.setting.reason if isinstance(self.setting, en.Invalid) else None

    @property
    def disabled(self) -> bool:
        """`false`: uv applies no cutoff at all."""
        return isinstance(self.setting, en.Disabled)

    @property
    def no_cooldown(self) -> bool:
        """`false`, or a span of zero: nothing is held back."""
        setting = self.setting
        return isinstance(setting, en.Disabled) or (
            isinstance(setting, en.Cutoff) and setting.span is not None and setting.span.is_zero
        )


class Reference(Record):
    """The cooldown package and index overrides are measured against."""

    cooldown_ns: int
    #: True: the global exclude-newer of the same table; False: the policy's minimum.
    is_global: bool


class UnknownKey(Record):
    """A key uv does not know in a settings table, at any depth."""

    #: Its path below the settings table: ("exclude_newer",), ("pip", "exclude_newer"),
    #: ("dependency-metadata", 0, "bogus").
    keys: tuple[str | int, ...]
    #: The setting it is presumably a misspelling of (`exclude_newer` -> `exclude-newer`).
    meant: str | None

    @property
    def key(self) -> str:
        return str(self.keys[-1])


class Package(Record):
    """An `exclude-newer-package` entry (uv refuses the value when it refuses the name)."""

    name: str
    value: Value


class Index(Record):
    """An `[[index]]` entry with its own exclude-newer."""

    number: int
    #: Its name, else its url, else `#<number + 1>`.
    name: str
    value: Value


class Missing(Record):
    """A settings table that sets no exclude-newer although uv reads it."""

    #: The value a fix inserts (moved from elsewhere when one passes the policy).
    value: str
    #: The workspace member's pyproject.toml that value is moved from, if any.
    moved_from: str | None
    #: The directories of the projects that read this table.
    readers: tuple[str, ...]
    #: The value is set only under [pip], which `uv lock`/`uv sync` ignore.
    pip_only: bool


class Settings(Record):
    """A file uv reads settings from, and what its exclude-newer values amount to."""

    file: SettingsFile
    unknown_keys: tuple[UnknownKey, ...]
    #: The top-level exclude-newer (None: not set).
    global_value: Value | None
    #: The global value is a duration, but `required-version` allows only uv that cannot
    #: parse durations.
    duration_unsupported: bool
    #: The policy's verdict on the global cutoff (None: fine, or not a usable cutoff).
    problem: Problem | None
    #: Set when the table sets no exclude-newer (and no misspelt or masked one stands for it).
    missing: Missing | None
    #: uv's reason when `exclude-newer-package` is not a table at all.
    packages_invalid: str | None
    packages: tuple[Package, ...]
    indexes: tuple[Index, ...]
    #: exclude-newer under [pip].
    pip_value: Value | None
    reference: Reference


class Unconfigured(Record):
    """A uv project whose settings come from no file at all."""

    #: Its pyproject.toml, with an empty [tool.uv] (fixes create it).
    file: SettingsFile
    #: The value a fix inserts, and the member's pyproject.toml it is moved from, if any.
    value: str
    moved_from: str | None


class IgnoredTable(Record):
    """A [tool.uv] table uv never reads: in a workspace member, or masked by a uv.toml."""

    file: SettingsFile
    global_value: Value | None
    #: For a member: the directory of its workspace root ("" for the repository root).
    member_of: str | None
    #: Otherwise the uv.toml beside it, which uv reads instead.
    masked_by: str | None
    #: That uv.toml's settings (None when it could not be read).
    masked_by_settings: SettingsFile | None
    #: What a fix writes into that uv.toml when it sets no exclude-newer but this table does.
    value_for_masking: str | None


class StaleLock(Record):
    """A uv.lock resolved under another exclude-newer than the configuration (--check-lock)."""

    path: str
    source: Source
    change: Change


class UvContext(Record):
    """Everything the uv rules check, for one repository at one time."""

    policy: Policy
    layout: Layout
    #: Files that matter to uv but cannot be read or parsed.
    errors: tuple[tuple[str, InputError], ...]
    settings: tuple[Settings, ...]
    unconfigured: tuple[Unconfigured, ...]
    ignored: tuple[IgnoredTable, ...]
    stale_locks: tuple[StaleLock, ...]

    def related(self, paths: Iterable[str]) -> set[str]:
        """The given paths and every file of the projects they belong to."""
        wanted = set(paths)
        related: set[str] = set()
        for project in self.layout.projects:
            files = {project.pyproject, project.lock, project.settings, *project.members}
            if files & wanted:
                related |= {path for path in files if path is not None}
        return related | wanted


# -- the analysis ------------------------------------------------------------------------------


def analyse(workspace: Workspace, options: Options, files: Iterable[str]) -> UvContext:
    """The facts of the repository whose uv files are `files` (raises OptionsError)."""
    policy = Policy.from_options(options)
    files = list(files)
    layout = discover(files, lambda path: _load_pyproject(workspace, path))
    lock_dirs = {directory_of(path) for path in files if posixpath.basename(path) == UV_LOCK}
    errors = [
        (path, error)
        for path, error in layout.errors
        if directory_of(path) in lock_dirs or mentions_uv(workspace, path)
    ]
    files_read: dict[str, SettingsFile | None] = {}
    for path in layout.settings_files():
        files_read[path] = _settings_file(workspace, layout, path, errors)
    settings = tuple(
        _settings(policy, layout, file) for file in files_read.values() if file is not None
    )
    broken = {path for path, _ in layout.errors}
    unconfigured = []
    for project in layout.projects:
        pyproject = project.pyproject
        if project.settings is None and pyproject is not None and pyproject not in broken:
            found = _unconfigured(workspace, policy, layout, pyproject, project)
            if found is not None:
                unconfigured.append(found)
    ignored = tuple(_ignored_tables(workspace, policy, layout, files_read))
    stale: list[StaleLock] = []
    if options.check_lock:
        for project in layout.projects:
            if project.lock is not None:
                file = files_read.get(project.settings) if project.settings else None
                lock = _stale_lock(workspace, policy, project.lock, file, errors)
                if lock is not None:
                    stale.append(lock)
    return UvContext(
        policy, layout, tuple(errors), settings, tuple(unconfigured), ignored, tuple(stale)
    )


def _load_pyproject(workspace: Workspace, path: str) -> Mapping[str, object] | None:
    from supply_chain_hooks import toml_doc

    return workspace.parsed(path, toml_doc.load_1_1)


def _settings_file(
    workspace: Workspace, layout: Layout, path: str, errors: list[tuple[str, InputError]]
) -> SettingsFile | None:
    from supply_chain_hooks import toml_doc

    try:
        source = workspace.source(path)
        if posixpath.basename(path) == UV_TOML:
            return SettingsFile(path, source, workspace.parsed(path, toml_doc.load_1_1), ())
    except InputError as error:
        errors.append((path, error))
        return None
    return SettingsFile(path, source, uv_table(layout.uv_tables[path]) or {}, ("tool", "uv"))


def _value(policy: Policy, keys: tuple[str | int, ...], raw: object) -> Value:
    setting = policy.setting(raw)
    cooldown = (
        setting.cooldown_nanoseconds(policy.now_ns) if isinstance(setting, en.Cutoff) else None
    )
    return Value(keys, raw, setting, cooldown)


def _settings(policy: Policy, layout: Layout, file: SettingsFile) -> Settings:
    table = file.table
    global_value = _value(policy, (KEY,), table[KEY]) if KEY in table else None
    cutoff = global_value.cutoff if global_value is not None else None
    unsupported = cutoff is not None and cutoff.is_relative and not spans_supported(table)
    problem = policy.problem(cutoff) if cutoff is not None and not unsupported else None
    missing = None
    if (
        global_value is None
        and not _masked_uv_toml(layout, file)
        and KEY not in map(misspelling, table)  # a misspelt key is renamed by SCH309's fix
    ):
        missing = _missing(policy, layout, file)
    packages_invalid, packages = _packages(policy, table)
    pip = table.get("pip")
    pip_value = None
    if isinstance(pip, Mapping) and KEY in pip:
        pip_value = _value(policy, ("pip", KEY), pip[KEY])
    disabled = unsupported or (problem is not None and problem.disables)
    return Settings(
        file=file,
        unknown_keys=tuple(
            UnknownKey(keys, misspelling(str(keys[-1])) if keys[:-1] in ((), ("pip",)) else None)
            for keys in unknown_keys(table)
        ),
        global_value=global_value,
        duration_unsupported=unsupported,
        problem=problem,
        missing=missing,
        packages_invalid=packages_invalid,
        packages=packages,
        indexes=_indexes(policy, table),
        pip_value=pip_value,
        reference=_reference(policy, None if disabled else cutoff),
    )


def _reference(policy: Policy, cutoff: en.Cutoff | None) -> Reference:
    if cutoff is not None:
        cooldown = cutoff.cooldown_nanoseconds(policy.now_ns)
        if cooldown > 0:
            return Reference(cooldown, is_global=True)
    return Reference(policy.minimum_ns, is_global=False)


def _masked_uv_toml(layout: Layout, file: SettingsFile) -> bool:
    """A uv.toml beside a pyproject.toml whose [tool.uv] sets exclude-newer (SCH313 covers it)."""
    if not file.is_uv_toml:
        return False
    directory = directory_of(file.path)
    pyproject = posixpath.join(directory, "pyproject.toml") if directory else "pyproject.toml"
    data = layout.uv_tables.get(pyproject)
    table = uv_table(data) if data is not None else None
    return table is not None and KEY in table


def _member_value(layout: Layout, member: str) -> object:
    """The exclude-newer in a workspace member's [tool.uv] (None when it sets none)."""
    table = uv_table(layout.uv_tables.get(member))
    return table.get(KEY) if table is not None else None


def _missing(policy: Policy, layout: Layout, file: SettingsFile) -> Missing:
    """The value to insert: one that passes the policy from [pip] or a member, else the default."""
    readers = tuple(project.directory or "." for project in layout.projects_reading(file.path))
    pip = file.table.get("pip")
    pip_only = isinstance(pip, Mapping) and KEY in pip
    if isinstance(pip, Mapping) and policy.acceptable(pip.get(KEY), file.table) is not None:
        return Missing(str(pip[KEY]), None, readers, pip_only)
    for project in layout.projects_reading(file.path):
        for member in project.members:
            value = _member_value(layout, member)
            if policy.acceptable(value, file.table) is not None:
                return Missing(str(value), member, readers, pip_only)
    return Missing(policy.default_value(file.table), None, readers, pip_only)


def _packages(
    policy: Policy, table: Mapping[str, object]
) -> tuple[str | None, tuple[Package, ...]]:
    """uv's reason when `exclude-newer-package` is no table, and its entries."""
    if PACKAGE_KEY not in table:
        return None, ()
    entries = table[PACKAGE_KEY]
    if not isinstance(entries, Mapping):
        return f"invalid type: {en.unexpected(entries)}, expected a map", ()
    packages = []
    for name, raw in entries.items():
        keys = (PACKAGE_KEY, name)
        problem = name_problem(str(name))
        value = (
            _value(policy, keys, raw)
            if problem is None
            else Value(keys, raw, en.Invalid(problem), None)
        )
        packages.append(Package(str(name), value))
    return None, tuple(packages)


def _indexes(policy: Policy, table: Mapping[str, object]) -> tuple[Index, ...]:
    indexes = table.get("index")
    if not isinstance(indexes, list):
        return ()
    found = []
    for number, index in enumerate(indexes):
        if not isinstance(index, Mapping) or KEY not in index:
            continue
        name = index.get("name") or index.get("url") or f"#{number + 1}"
        found.append(Index(number, str(name), _value(policy, ("index", number, KEY), index[KEY])))
    return tuple(found)


def _unconfigured(
    workspace: Workspace, policy: Policy, layout: Layout, pyproject: str, project: Project
) -> Unconfigured | None:
    """A project with no settings file at all: [tool.uv] is to be created in its pyproject.toml."""
    try:
        source = workspace.source(pyproject)
    except InputError:
        return None
    file = SettingsFile(pyproject, source, {}, ("tool", "uv"))
    for member in project.members:
        value = _member_value(layout, member)
        if policy.acceptable(value, {}) is not None:
            return Unconfigured(file, str(value), member)
    return Unconfigured(file, policy.fix_value, None)


def _ignored_tables(
    workspace: Workspace,
    policy: Policy,
    layout: Layout,
    files_read: Mapping[str, SettingsFile | None],
) -> Iterable[IgnoredTable]:
    """[tool.uv] tables uv never reads: in workspace members, or masked by a uv.toml."""
    uv_toml_dirs = {directory_of(path): path for path in layout.uv_tomls}
    for path, data in sorted(layout.uv_tables.items()):
        if path in files_read:
            continue
        table = uv_table(data) or {}
        try:
            source = workspace.source(path)
        except InputError:
            continue
        file = SettingsFile(path, source, table, ("tool", "uv"))
        global_value = _value(policy, (KEY,), table[KEY]) if KEY in table else None
        member_of = layout.member_of.get(path)
        masked_by = uv_toml_dirs.get(directory_of(path)) if member_of is None else None
        target = files_read.get(masked_by) if masked_by is not None else None
        value_for_masking = None
        if global_value is not None and target is not None and KEY not in target.table:
            value_for_masking = policy.acceptable(
                global_value.raw, target.table
            ) or policy.default_value(target.table)
        yield IgnoredTable(file, global_value, member_of, masked_by, target, value_for_masking)


def _stale_lock(
    workspace: Workspace,
    policy: Policy,
    path: str,
    settings: SettingsFile | None,
    errors: list[tuple[str, InputError]],
) -> StaleLock | None:
    from supply_chain_hooks import toml_doc
    from supply_chain_hooks.uv.lock import compare, lock_config, resolved_packages
    from supply_chain_hooks.uv.lock import settings_config as lock_settings_config

    config = lock_settings_config(settings.table if settings else None, policy.now_ns)
    if config is None:
        return None  # the configuration itself is reported; uv would not use it
    try:
        source = workspace.source(path)
        data = workspace.parsed(path, toml_doc.load_1_1)
    except InputError as error:
        errors.append((path, error))
        return None
    options = data.get("options")
    lock = lock_config(options if isinstance(options, Mapping) else {})
    change = compare(lock, config.resolving(resolved_packages(data)), policy.now_ns)
    return StaleLock(path, source, change) if change is not None else None
