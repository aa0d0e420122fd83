"""Per Python file: which stable S rules Ruff really reports, and every reason it does not.

For each tracked ``*.py``/``*.pyi`` file the required rules are the stable S rules of the Ruff
version in use, minus the allowed ones (S101 anywhere, every S rule in test files, and
``--allow-ignore``). A required rule is missing when any layer switches it off; each layer is
examined independently so one run reports every reason:

* the ruff hook: not run on commit, skipped by pre-commit.ci, files filtered out of it,
  arguments that silence Ruff;
* exclusion (``exclude``/``extend-exclude`` on the file and its directories up to the project
  root, ``lint.exclude`` on the file) when ``--force-exclude`` is in effect;
* ``fix-only``;
* rule selection (defaults, select/extend-select/ignore over the ``extend`` chain and the
  command line), with the entry or ``select`` responsible;
* per-file ignores (basename or anchored absolute match, ``!`` negation);
* file-level ``# ruff: noqa`` and ``# ruff: file-ignore[...]`` (unless ``--ignore-noqa``).

Causes are grouped by the place responsible, so each is reported once with its files.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from supply_chain_hooks.ruff import cli as ruff_cli
from supply_chain_hooks.ruff import noqa, precommit
from supply_chain_hooks.ruff import settings as settings_module
from supply_chain_hooks.ruff.fix import Removal
from supply_chain_hooks.ruff.selection import Origin, RuleSelection
from supply_chain_hooks.ruff.settings import (
    CommandLine,
    ConfigFile,
    ConfigProblem,
    Discovery,
    Loader,
    Pattern,
    Problem,
    Settings,
    chain_of,
    merge,
)
from supply_chain_hooks.ruff.table import LINTER, RuleTable, choose, load
from supply_chain_hooks.source import InputError, Source

PYTHON_SUFFIXES = (".py", ".pyi")

# Cause kinds, mapped to rule codes by the hook.
NOT_SELECTED = "not-selected"
IGNORED = "ignored"
SHADOWED = "shadowed"
PER_FILE = "per-file"
PER_FILE_ALL = "per-file-everywhere"
EXCLUDED = "excluded"
FIX_ONLY = "fix-only"
NOQA = "noqa"
NOQA_CODES = "noqa-codes"
HOOK_ARGS = "hook-args"
HOOK_FILES = "hook-files"
HOOK_CI_SKIP = "hook-ci-skip"
HOOK_STAGES = "hook-stages"
HOOK_MISSING = "hook-missing"
INVALID = "invalid"
SYNTAX = "syntax"


#: (kind, where to report, detail, the config file whose planned edit fixes it)
Cause = tuple[str, Origin, str, "str | None"]


@dataclass(frozen=True)
class Policy:
    #: S codes that may be switched off anywhere (S101 and `--allow-ignore`).
    allow: frozenset[str] = frozenset({"S101"})
    require_hook: bool = False
    #: Force the Ruff version instead of taking it from the hook's rev.
    version: tuple[int, int, int] | None = None
    #: Test files may switch any S rule off (False: check them like other files).
    exempt_tests: bool = True


@dataclass
class Group:
    kind: str
    origin: Origin
    detail: str
    files: dict[str, frozenset[int]] = field(default_factory=dict)
    #: The config file whose planned edit fixes this cause.
    fix_path: str | None = None


@dataclass
class Plan:
    """What the fix does to one config file."""

    config: ConfigFile
    add_s: bool = False
    removals: list[Removal] = field(default_factory=list)


@dataclass
class Analysis:
    table: RuleTable
    groups: dict[tuple[str, Origin, str], Group] = field(default_factory=dict)
    plans: dict[str, Plan] = field(default_factory=dict)
    #: Per checked file: the required S rules that Ruff does report.
    effective: dict[str, frozenset[int]] = field(default_factory=dict)
    #: Per checked file: every S rule Ruff reports (for the differential tests).
    reported: dict[str, frozenset[int]] = field(default_factory=dict)
    #: Checked files for which Ruff would stop with a configuration error.
    invalid_files: set[str] = field(default_factory=set)
    version_origin: Origin | None = None

    def add(self, kind: str, origin: Origin, detail: str, path: str | None, rules: Iterable[int],
            fix_path: str | None = None) -> None:  # fmt: skip
        group = self.groups.get((kind, origin, detail))
        if group is None:
            group = self.groups[(kind, origin, detail)] = Group(
                kind, origin, detail, fix_path=fix_path
            )
        if path is not None:
            group.files[path] = group.files.get(path, frozenset()) | frozenset(rules)


def is_test_file(path: str) -> bool:
    parts = path.split("/")
    name = parts[-1]
    stem = name.rsplit(".", 1)[0]
    return (
        "tests" in parts[:-1]
        or "test" in parts[:-1]
        or stem.startswith("test_")
        or stem.endswith("_test")
        or stem == "conftest"
    )


class Analyzer:
    """Runs the analysis over a repository (cwd = its root)."""

    def __init__(
        self,
        read: Callable[[str], Source],
        policy: Policy,
        *,
        root: str = ".",
        environ: Mapping[str, str] | None = None,
        candidates: frozenset[str] | None = None,
    ) -> None:
        self.read = read
        self.policy = policy
        self.root = os.path.abspath(root)
        self.environ = dict(os.environ if environ is None else environ)
        self.loader = Loader(self.root, read)
        self.discovery = Discovery(self.loader, os.path.isfile)
        self._settings: dict[str | None, Settings | Problem] = {}
        self._excluded_dirs: dict[tuple[int, str], Pattern | None] = {}
        self._by_directory: dict[str, Settings | Problem] = {}
        self._derived_cache: dict[int, tuple[frozenset[int], list[int]]] = {}
        self._causes: dict[tuple[int, str], list[tuple[Cause, frozenset[int]]]] = {}
        #: Files that may hold a file-level directive (None: read every file to find out).
        self.candidates = candidates

    # -- entry point ----------------------------------------------------------------------

    def run(self, files: Sequence[str], problems_out: list[tuple[str, InputError]]) -> Analysis:
        hooks: list[precommit.RuffHook] = []
        if os.path.isfile(os.path.join(self.root, precommit.PATH)):
            from supply_chain_hooks import yaml_doc

            try:
                document = yaml_doc.parse(self.read(precommit.PATH))
            except InputError as error:
                problems_out.append((precommit.PATH, error))
            else:
                hooks = precommit.find_hooks(document)
        hook = next(
            (h for h in hooks if h.runs_on_commit() and h.ci_skip is None),
            hooks[0] if hooks else None,
        )
        self.hook_version = None if self.policy.version else (hook.version if hook else None)
        version = self.policy.version or (hook.version if hook else None)
        version_origin = hook.version_origin if hook and hook.version else None
        if version is None:
            version, version_origin = self._required_version()
        table = load(choose(version))
        analysis = Analysis(table, version_origin=version_origin)
        self.table = table
        self.analysis = analysis
        self.allowed = frozenset(
            i for i in table.s_rules if table.rules[i].label in self.policy.allow
        )
        self.required = table.stable_s - self.allowed
        self.track = table.s_rules

        parsed = ruff_cli.parse(hook.arguments if hook else (), self.root)
        self.parsed = parsed
        self.cli: CommandLine = parsed.command
        for message, origin in parsed.problems:
            analysis.add(INVALID, origin, message, None, ())
        if self.cli.force_exclude is not None:
            self.force_exclude: bool | None = self.cli.force_exclude[0]
        else:
            self.force_exclude = True if hook is None or hook.force_exclude else None

        python_files = [f for f in files if f.endswith(PYTHON_SUFFIXES)]
        checked = [f for f in python_files if not (self.policy.exempt_tests and is_test_file(f))]
        if parsed.problems:
            # Ruff stops at a command line it cannot parse: nothing is checked at all.
            analysis.invalid_files.update(checked)
            return analysis
        if checked:
            self._hook_level(hook, checked)
        for path in checked:
            self._check_file(path, hook)
        for problem in self._problems():
            if problem.syntax:
                line, _, column = problem.origin.label.partition(":")
                problems_out.append(
                    (
                        problem.origin.path,
                        InputError(problem.message, int(line or 1), int(column or 1)),
                    )
                )
            else:
                analysis.add(INVALID, problem.origin, problem.message, None, ())
        return analysis

    # -- version ----------------------------------------------------------------------------

    def _required_version(self) -> tuple[tuple[int, int, int] | None, Origin | None]:
        found = self.discovery.governing(self.root)
        if not isinstance(found, ConfigFile):
            return None, None
        value = found.options.get("required-version")
        if not isinstance(value, str):
            return None, None
        from packaging.specifiers import InvalidSpecifier, SpecifierSet
        from packaging.version import InvalidVersion, Version

        from supply_chain_hooks.ruff.table import versions

        try:
            spec = SpecifierSet(f"=={value}" if value[:1].isdigit() else value)
        except InvalidSpecifier:
            return None, None
        origin = found.origin("required-version", label=f'required-version = "{value}"')
        try:
            exact = Version(value)
        except InvalidVersion:
            exact = None
        if exact is not None:
            return (exact.major, exact.minor, exact.micro), origin
        matching = [v for v in versions() if Version(".".join(map(str, v))) in spec]
        return (matching[-1] if matching else None), origin

    # -- pre-commit level --------------------------------------------------------------------

    def _hook_level(self, hook: precommit.RuffHook | None, files: list[str]) -> None:
        analysis = self.analysis
        rules = self.required
        if hook is None:
            if self.policy.require_hook:
                origin = Origin(precommit.PATH, (), "no ruff hook")
                for path in files:
                    analysis.add(HOOK_MISSING, origin, "", path, rules)
            return
        if hook.ci_skip is not None:
            for path in files:
                analysis.add(HOOK_CI_SKIP, hook.ci_skip, hook.hook_id, path, rules)
        if not hook.runs_on_commit():
            origin = hook.stages_origin or hook.origin
            for path in files:
                analysis.add(HOOK_STAGES, origin, ", ".join(hook.stages or ()), path, rules)
        for argument, why in self.parsed.silencing:
            for path in files:
                analysis.add(HOOK_ARGS, argument.origin, why, path, rules)

    # -- settings ----------------------------------------------------------------------------

    def settings_for(self, config: ConfigFile | None) -> Settings | Problem:
        key = None if config is None else config.abspath
        cached = self._settings.get(key)
        if cached is not None:
            return cached
        try:
            chain = () if config is None else chain_of(config, self.loader, self.environ)
        except ConfigProblem as error:
            problem = error.problem
            self._settings[key] = problem
            return problem
        project_root = self.root if config is None else config.directory
        settings = merge(
            self.table, config, chain, project_root=project_root, anchor_at_cwd=False,
            cwd=self.root, cli=self.cli, track=self.track,
        )  # fmt: skip
        self._settings[key] = settings
        return settings

    def _fixed_settings(self, config_file: str) -> Settings | Problem:
        key = "<fixed>"
        cached = self._settings.get(key)
        if cached is not None:
            return cached
        abspath = os.path.normpath(os.path.join(self.root, config_file))
        try:
            config = self.loader.load(abspath)
            chain = chain_of(config, self.loader, self.environ)
        except ConfigProblem as error:
            self._settings[key] = error.problem
            return error.problem
        settings = merge(
            self.table, config, chain, project_root=self.root, anchor_at_cwd=True,
            cwd=self.root, cli=self.cli, track=self.track,
        )  # fmt: skip
        self._settings[key] = settings
        return settings

    def governing(self, path: str) -> ConfigFile | Problem | None:
        if self.cli.isolated:
            return None
        directory = os.path.dirname(os.path.join(self.root, path))
        return self.discovery.governing(directory)

    def _problems(self) -> list[Problem]:
        found: list[Problem] = []
        for settings in self._settings.values():
            if isinstance(settings, Problem):
                found.append(settings)
            else:
                found += settings.problems
                found += self._version_problems(settings)
        found += self.discovery.problems()
        return list(dict.fromkeys(found))

    def _version_problems(self, settings: Settings) -> list[Problem]:
        """`required-version`s that exclude the ruff hook's version (Ruff refuses to run)."""
        hook_version = self.hook_version
        if hook_version is None:
            return []
        from packaging.specifiers import InvalidSpecifier, SpecifierSet
        from packaging.version import Version

        running = Version(".".join(map(str, hook_version)))
        out = []
        for config in settings.chain:
            value = config.options.get("required-version")
            if not isinstance(value, str):
                continue
            try:
                ok = running in SpecifierSet(f"=={value}" if value[:1].isdigit() else value)
            except InvalidSpecifier:
                ok = False
            if not ok:
                message = (
                    f"required-version `{value}` excludes ruff {running}, the ruff hook's version"
                )
                out.append(
                    Problem(message, config.origin("required-version", label="required-version"))
                )
        return out

    # -- one file ----------------------------------------------------------------------------

    def _file_settings(self, path: str) -> Settings | None:
        """The settings Ruff uses for a file (None when Ruff would refuse to run)."""
        if self.cli.config_file is not None and not self.cli.isolated:
            found = self._fixed_settings(self.cli.config_file)
        else:
            directory = path.rpartition("/")[0]
            cached = self._by_directory.get(directory)
            if cached is not None:
                return cached if isinstance(cached, Settings) else None
            governing = self.governing(path)
            found = governing if isinstance(governing, Problem) else self.settings_for(governing)
            if isinstance(found, Settings) and self._version_problems(found):
                found = Problem("required-version", Origin("<version>", (), ""))
            self._by_directory[directory] = found
        return found if isinstance(found, Settings) and not found.problems else None

    def _check_file(self, path: str, hook: precommit.RuffHook | None) -> None:
        analysis = self.analysis
        settings = self._file_settings(path)
        if settings is None:
            analysis.invalid_files.add(path)
            return
        required = self.required
        abspath = f"{self.root}/{path}"
        name = path.rpartition("/")[2]

        if hook is not None:
            reason = hook.filtered_out(path)
            if reason is not None:
                analysis.add(HOOK_FILES, reason, "", path, required)

        silent = False
        force = self.force_exclude if self.force_exclude is not None else self._root_force_exclude()
        if force:
            pattern = self._excluded(settings, abspath)
            if pattern is not None:
                self._add_exclusion(settings, pattern, path, "exclude")
                silent = True
        if force or settings.force_exclude:
            for pattern in settings.lint_exclude:
                if pattern.matches_exclude(abspath, name):
                    self._add_exclusion(settings, pattern, path, "lint.exclude")
                    silent = True
                    break

        fix_only, fix_only_origin = settings.fix_only
        if fix_only and fix_only_origin is not None:
            kind = HOOK_ARGS if fix_only_origin.path == precommit.PATH else FIX_ONLY
            analysis.add(kind, fix_only_origin, "reports nothing (fix-only)", path, required)
            silent = True

        enabled_s, missing = self._derived(settings)
        if missing:
            for (kind, origin, detail, fix_path), rules in self._selection_causes(
                settings, path, missing
            ):
                analysis.add(kind, origin, detail, path, rules, fix_path=fix_path)

        reported = set(enabled_s)
        for pattern in settings.per_file_ignores:
            if pattern.matches_file(abspath, name):
                hit = pattern.rules & self.table.s_rules
                reported -= hit
                hit_required = hit & required
                if hit_required:
                    self._per_file_cause(settings, pattern, path, hit_required)

        if not self.parsed.ignore_noqa:
            for exemption in self._exemptions(path):
                rules = self._exempted(exemption, settings.preview)
                reported -= rules
                hit_required = rules & required
                if hit_required:
                    origin = Origin(
                        path,
                        ("line", exemption.line, exemption.column, exemption.end_column),
                        exemption.text,
                    )
                    kind = NOQA if exemption.codes is None else NOQA_CODES
                    analysis.add(kind, origin, exemption.text, path, hit_required)
        if silent:
            reported.clear()
        analysis.reported[path] = frozenset(reported)
        analysis.effective[path] = frozenset(reported) & required

    def _derived(self, settings: Settings) -> tuple[frozenset[int], list[int]]:
        """(S rules enabled, required rules missing) for a settings object, computed once."""
        cached = self._derived_cache.get(id(settings))
        if cached is None:
            enabled = settings.resolved.enabled
            cached = (enabled & self.table.s_rules, sorted(self.required - enabled))
            self._derived_cache[id(settings)] = cached
        return cached

    def _root_force_exclude(self) -> bool:
        found = self.discovery.governing(self.root)
        if isinstance(found, Problem):
            return False
        settings = self.settings_for(found)
        return not isinstance(settings, Problem) and settings.force_exclude

    def _excluded(self, settings: Settings, abspath: str) -> Pattern | None:
        """`is_file_excluded`: the file and its directories up to the project root."""
        name = abspath.rpartition("/")[2]
        pattern = _first_exclude(settings, abspath, name)
        if pattern is not None:
            return pattern
        if abspath == settings.project_root:
            return None
        return self._excluded_dir(settings, abspath.rpartition("/")[0])

    def _excluded_dir(self, settings: Settings, directory: str) -> Pattern | None:
        key = (id(settings), directory)
        if key in self._excluded_dirs:
            return self._excluded_dirs[key]
        found: Pattern | None = None
        name = directory.rpartition("/")[2]
        if name:
            found = _first_exclude(settings, directory, name)
            if found is None and directory != settings.project_root:
                parent = directory.rpartition("/")[0]
                if parent and parent != directory:
                    found = self._excluded_dir(settings, parent)
        self._excluded_dirs[key] = found
        return found

    def _add_exclusion(self, settings: Settings, pattern: Pattern, path: str, what: str) -> None:
        origin = pattern.origin
        if pattern.builtin:
            config = settings.config
            origin = (
                config.origin(label=pattern.origin.label) if config is not None and config.inside
                else Origin(path, ("line", 1, 1, 1), pattern.origin.label)
            )  # fmt: skip
        if origin.path == precommit.PATH:
            self.analysis.add(HOOK_ARGS, origin, "excludes files from Ruff", path, self.required)
            return
        label = pattern.origin.label if pattern.origin.label else f"{what} {pattern.text}"
        self.analysis.add(EXCLUDED, origin, label, path, self.required)

    def _selection_causes(
        self, settings: Settings, path: str, missing: list[int]
    ) -> list[tuple[Cause, frozenset[int]]]:
        """The causes of the missing rules, grouped; computed once per settings (and, without
        any config, per directory, since the pyproject.toml to fix depends on it)."""
        directory = path.rpartition("/")[0] if settings.config is None else ""
        key = (id(settings), directory)
        cached = self._causes.get(key)
        if cached is None:
            grouped: dict[Cause, set[int]] = {}
            for rule in missing:
                cause = self._cause(settings, rule, path)
                if cause is not None:
                    grouped.setdefault(cause, set()).add(rule)
            cached = self._causes[key] = [
                (cause, frozenset(rules)) for cause, rules in grouped.items()
            ]
        return cached

    def _cause(self, settings: Settings, rule: int, path: str) -> Cause | None:
        """Why selection leaves a rule off, where to report it, and the planned fix."""
        why = settings.resolved.why_not.get(rule)
        if why is None:
            return None
        entry = why.ignored_by
        if entry is not None:
            origin = entry.origin
            if origin.path == precommit.PATH:
                return HOOK_ARGS, origin, "switches S rules off", None
            config = self._config_at(settings, origin.path)
            if config is not None and config.inside and entry.selector.specificity >= LINTER:
                # Put back the allowed codes the entry really switched off (not those a more
                # specific select keeps on), so nothing that was reported stops being reported.
                allowed_off = (entry.selector.members & self.allowed) - settings.resolved.enabled
                index = origin.key[-1] if isinstance(origin.key[-1], int) else 0
                removal = Removal(origin.key[:-1], index, tuple(self.table.code_set(allowed_off)))
                plan = self._plan(config)
                if removal not in plan.removals:
                    plan.removals.append(removal)
                return IGNORED, origin, origin.label, config.path
            if config is not None and config is settings.config and config.inside:
                self._plan(config).add_s = True  # "S" in extend-select beats ALL/categories
                return IGNORED, origin, origin.label, config.path
            position = self._position(settings, origin.path)
            return self._not_selected(
                settings, None, path, rule, position + 1, f"{origin.label} in {origin.path}"
            )
        selection = why.left_out_by
        if (
            selection is not None
            and selection.select_origin is not None
            and (
                selection.select_origin.path == precommit.PATH
                or selection.origin == self.cli.origin
            )
        ):
            return HOOK_ARGS, selection.select_origin, "selects rules without S", None
        if self.cli.isolated and self.parsed.isolated_origin is not None:
            return HOOK_ARGS, self.parsed.isolated_origin, "ignores every config file", None
        position = 0 if selection is None else self._position(settings, selection.origin.path)
        return self._not_selected(settings, selection, path, rule, position)

    def _position(self, settings: Settings, path: str) -> int:
        for index, config in enumerate(settings.chain):
            if config.path == path:
                return index
        return 0

    def _not_selected(
        self, settings: Settings, selection: RuleSelection | None, path: str, rule: int, start: int,
        because: str = "",
    ) -> Cause:  # fmt: skip
        """Report at, and fix, the first config in the repository from chain position `start`:
        adding "S" to its extend-select wins over everything before it, and nothing after it
        resets the selection (else that `select` would be the cause)."""
        if settings.config is None:
            target = self._pyproject_for(path)
            if target is None:
                return (
                    NOT_SELECTED,
                    Origin(path, ("line", 1, 1, 1), "no Ruff configuration"),
                    "no-config",
                    None,
                )
            self._plan(target).add_s = True
            return NOT_SELECTED, target.origin(label=target.path), "no-config", target.path
        config = next((c for c in settings.chain[start:] if c.inside), None)
        if config is None:
            outside = settings.chain[-1]
            return NOT_SELECTED, Origin(outside.path, (), outside.path), "outside", None
        parent = self._shadowed_parent(config, rule) if config is settings.config else None
        if parent is not None and config.is_empty():
            return SHADOWED, config.origin(label=config.path), parent, None
        if because:
            origin = (
                config.origin("extend", label="extend")
                if "extend" in config.options
                else self._lint_table_origin(config)
            )
            detail = f"off:{because}"
        elif (
            selection is not None
            and selection.origin.path == config.path
            and selection.select_origin is not None
        ):
            origin = selection.select_origin
            detail = "select"
        elif selection is not None and selection.select_origin is not None:
            origin = config.origin("extend", label="extend")
            detail = f"select-in:{selection.select_origin.path}"
        else:
            origin = self._lint_table_origin(config)
            detail = "defaults"
        if parent is not None:
            detail += f"|shadows:{parent}"
        self._plan(config).add_s = True
        return NOT_SELECTED, origin, detail, config.path

    def _lint_table_origin(self, config: ConfigFile) -> Origin:
        options = config.options
        if isinstance(options.get("lint"), dict):
            return config.origin("lint", label="lint")
        return config.origin(label=config.path)

    def _shadowed_parent(self, config: ConfigFile, rule: int) -> str | None:
        """A config this (extend-less) one hides, if that one would enable the rule.

        Ruff reads one config per directory (`.ruff.toml` over `ruff.toml` over a
        `pyproject.toml` with `[tool.ruff]`) and never merges with a parent directory's.
        """
        if "extend" in config.options:
            return None
        hidden: list[ConfigFile] = []
        names = settings_module.CONFIG_NAMES
        own_name = os.path.basename(config.abspath)
        for name in names[names.index(own_name) + 1 :] if own_name in names else ():
            candidate = os.path.join(config.directory, name)
            if os.path.isfile(candidate):
                try:
                    loaded = self.loader.load(candidate)
                except ConfigProblem:
                    continue
                if name != "pyproject.toml" or self.loader.has_ruff_table(loaded):
                    hidden.append(loaded)
        if config.directory != self.root:
            parent = self.discovery.governing(os.path.dirname(config.directory))
            if isinstance(parent, ConfigFile):
                hidden.append(parent)
        for other in hidden:
            settings = self.settings_for(other)
            if not isinstance(settings, Problem) and rule in settings.resolved.enabled:
                return other.path
        return None

    def _pyproject_for(self, path: str) -> ConfigFile | None:
        """The pyproject.toml to add `[tool.ruff]` to when no config governs a file."""
        parts = path.split("/")[:-1]
        for depth in range(len(parts) + 1):
            candidate = os.path.join(self.root, *parts[:depth], "pyproject.toml")
            if os.path.isfile(candidate):
                try:
                    return self.loader.load(candidate)
                except ConfigProblem:
                    return None
        return None

    def _per_file_cause(
        self, settings: Settings, pattern: Pattern, path: str, rules: frozenset[int]
    ) -> None:
        origin = pattern.origin
        if origin.path == precommit.PATH:
            self.analysis.add(HOOK_ARGS, origin, "per-file ignore", path, rules)
            return
        config = self._config_at(settings, origin.path)
        if config is None or not config.inside:
            origin = self._extend_origin(settings)
        kind = PER_FILE_ALL if self._universal(pattern) else PER_FILE
        self.analysis.add(kind, origin, pattern.text, path, rules)

    def _universal(self, pattern: Pattern) -> bool:
        """Whether a per-file pattern matches any Python file, wherever it is."""
        probes = (f"{self.root}/zz_probe.py", f"{self.root}/zz_probe_dir/zz_sub/zz_probe.py")
        return all(pattern.matches_file(probe, probe.rpartition("/")[2]) for probe in probes)

    def _config_at(self, settings: Settings, path: str) -> ConfigFile | None:
        for config in settings.chain:
            if config.path == path:
                return config
        return None

    def _extend_origin(self, settings: Settings) -> Origin:
        config = settings.config
        if config is None:
            return Origin("<unknown>", (), "")
        if "extend" in config.options:
            return config.origin("extend", label="extend")
        return config.origin(label=config.path)

    def _plan(self, config: ConfigFile) -> Plan:
        plan = self.analysis.plans.get(config.path)
        if plan is None:
            plan = self.analysis.plans[config.path] = Plan(config)
        return plan

    def _exemptions(self, path: str) -> list[noqa.Exemption]:
        if self.candidates is not None and path not in self.candidates:
            return []
        try:
            data = _read_bytes(f"{self.root}/{path}")
        except OSError:
            return []
        if not noqa.could_contain(data):
            return []
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return []
        found = noqa.find(text)
        if found:
            # Through the reader too, so `# supply-chain-hooks: ignore[...]` on the line counts.
            with contextlib.suppress(InputError):
                self.read(path)
        return found

    def _exempted(self, exemption: noqa.Exemption, preview: bool) -> frozenset[int]:
        table = self.table
        if exemption.codes is None:
            return table.s_rules
        out = set()
        for code in exemption.codes:
            target = table.redirects.get(code, code)
            index = table.by_code.get(target)
            if index is None and preview and table.names_selectable:
                index = table.by_name.get(code)
            if index is not None:
                out.add(index)
        return frozenset(out) & table.s_rules


def _first_exclude(settings: Settings, path: str, name: str) -> Pattern | None:
    union = settings.exclude_any
    if union is None or not (union.match(path) or union.match(name)):
        return None
    for pattern in (*settings.exclude, *settings.extend_exclude):
        if pattern.matches_exclude(path, name):
            return pattern
    return None


def _read_bytes(path: str) -> bytes:
    """A whole file with the least overhead (no buffered file object)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
    finally:
        os.close(fd)
    return b"".join(chunks)
