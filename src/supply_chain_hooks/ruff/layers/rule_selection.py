"""The rule-selection layer: which required rules the settings leave off, and why, and the fix.

The enabled set comes from :mod:`..selection`; for each required rule it leaves off this layer
finds the place to blame and to fix: the ignore entry that switches it off (the fix removes
it, keeping the allowed codes it covered), or the first config in the repository from which
adding "S" to ``lint.extend-select`` wins (the `select` that leaves S out, the ``extend`` whose
base does, the lint table). A config without ``extend`` that replaces one enabling the rules
is blamed as such, and an empty one is its own cause. Without any config, the nearest
``pyproject.toml`` gets the fix.
"""

from __future__ import annotations

import os

from supply_chain_hooks.ruff import precommit
from supply_chain_hooks.ruff.causes import (
    ConfigFix,
    Gap,
    HookArgument,
    Ignored,
    NotSelected,
    Removal,
    Shadowed,
)
from supply_chain_hooks.ruff.config_file import ConfigFile, ConfigProblem, Problem
from supply_chain_hooks.ruff.discovery import CONFIG_NAMES
from supply_chain_hooks.ruff.origin import Origin
from supply_chain_hooks.ruff.table import LINTER

#: Where files no config governs are reported when no `pyproject.toml` can take the fix.
REPOSITORY_ROOT = Origin("<repository root>", (), "the repository root")

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from supply_chain_hooks.ruff.causes import Cause, Collector
    from supply_chain_hooks.ruff.cli import ParsedArgs
    from supply_chain_hooks.ruff.resolution import Resolver
    from supply_chain_hooks.ruff.selection import RuleSelection
    from supply_chain_hooks.ruff.settings import Settings
    from supply_chain_hooks.ruff.table import RuleTable


class _Plan:
    """What the fix does to one config file, as the layer finds out."""

    __slots__ = ("add_s", "config", "removals", "s101_on")

    def __init__(self, config: ConfigFile) -> None:
        self.config = config
        self.add_s = False
        self.removals: list[Removal] = []
        #: S101 is already enabled for some file this config governs (adding S keeps it).
        self.s101_on = False


class RuleSelectionLayer:
    """The rule-selection layer of one run (causes computed once per settings)."""

    def __init__(
        self,
        resolver: Resolver,
        parsed: ParsedArgs,
        *,
        table: RuleTable,
        allowed: frozenset[int],
        required: frozenset[int],
        collector: Collector,
    ) -> None:
        self.resolver = resolver
        self.parsed = parsed
        self.cli = parsed.command
        self.root = resolver.root
        self.table = table
        self.allowed = allowed
        self.required = required
        self.collector = collector
        self._derived_cache: dict[int, tuple[frozenset[int], list[int]]] = {}
        self._causes: dict[tuple[int, str], list[tuple[Cause, frozenset[int]]]] = {}
        self._plans: dict[str, _Plan] = {}

    def file(self, settings: Settings, path: str) -> frozenset[int]:
        """Report why required rules are not selected for the file; the S rules that are."""
        enabled_s, causes = self.folder(settings, path)
        add = self.collector.add
        for cause, rules in causes:
            add(cause, path, rules)
        return enabled_s

    def folder(
        self, settings: Settings, path: str
    ) -> tuple[frozenset[int], list[tuple[Cause, frozenset[int]]]]:
        """For the files of the folder of this one: the S rules selected, and why required
        rules are not, as :meth:`file` reports them."""
        derived = self._derived_cache.get(id(settings))
        if derived is None:
            derived = self._derived(settings)
        enabled_s, missing = derived
        return enabled_s, self._selection_causes(settings, path, missing) if missing else []

    def fixes(self) -> dict[str, ConfigFix]:
        """The planned fix of each config file, by path."""
        return {
            path: ConfigFix(
                path,
                plan.config.base,
                plan.add_s,
                tuple(plan.removals),
                ignore_s101=plan.add_s and not plan.s101_on,
            )
            for path, plan in self._plans.items()
        }

    def _derived(self, settings: Settings) -> tuple[frozenset[int], list[int]]:
        """(S rules enabled, required rules missing) for a settings object, remembered."""
        enabled = settings.resolved.enabled
        derived = (enabled & self.table.s_rules, sorted(self.required - enabled))
        self._derived_cache[id(settings)] = derived
        return derived

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
                return HookArgument(origin, "switches S rules off")
            config = settings.config_at(origin.path)
            if config is not None and config.inside and entry.selector.specificity >= LINTER:
                # Put back the allowed codes the entry really switched off (not those a more
                # specific select keeps on), so nothing that was reported stops being reported.
                allowed_off = (entry.selector.members & self.allowed) - settings.resolved.enabled
                index = origin.key[-1] if isinstance(origin.key[-1], int) else 0
                removal = Removal(origin.key[:-1], index, tuple(self.table.code_set(allowed_off)))
                plan = self._plan(config)
                if removal not in plan.removals:
                    plan.removals.append(removal)
                return Ignored(origin, fix_config=config.path, by_removal=True)
            if config is not None and config is settings.config and config.inside:
                self._add_s(config, settings)  # "S" in extend-select beats ALL/categories
                return Ignored(origin, fix_config=config.path)
            position = self._position(settings, origin.path)
            return self._not_selected(settings, None, path, rule, position + 1, origin)
        selection = why.left_out_by
        if (
            selection is not None
            and selection.select_origin is not None
            and (
                selection.select_origin.path == precommit.PATH
                or selection.origin == self.cli.origin
            )
        ):
            return HookArgument(selection.select_origin, "selects rules without S")
        if self.cli.isolated and self.parsed.isolated_origin is not None:
            return HookArgument(self.parsed.isolated_origin, "ignores every config file")
        position = 0 if selection is None else self._position(settings, selection.origin.path)
        return self._not_selected(settings, selection, path, rule, position)

    def _position(self, settings: Settings, path: str) -> int:
        for index, config in enumerate(settings.chain):
            if config.path == path:
                return index
        return 0

    def _not_selected(
        self,
        settings: Settings,
        selection: RuleSelection | None,
        path: str,
        rule: int,
        start: int,
        ignored_by: Origin | None = None,
    ) -> Cause:
        """Report at, and fix, the first config in the repository from chain position `start`:
        adding "S" to its extend-select wins over everything before it, and nothing after it
        resets the selection (else that `select` would be the cause)."""
        if settings.config is None:
            target = self._pyproject_for(path)
            if target is None:
                # Reported once, at the repository root, where a `ruff.toml` would go.
                return NotSelected(REPOSITORY_ROOT, Gap.NO_CONFIG)
            self._add_s(target, settings)
            return NotSelected(
                target.origin(label=target.path), Gap.NO_CONFIG, fix_config=target.path
            )
        config = next((c for c in settings.chain[start:] if c.inside), None)
        if config is None:
            outside = settings.chain[-1]
            return NotSelected(Origin(outside.path, (), outside.path), Gap.OUTSIDE)
        parent = self._shadowed_parent(config, rule) if config is settings.config else None
        if parent is not None and config.is_empty():
            return Shadowed(config.origin(label=config.path), parent)
        decided_in: str | None = None
        if ignored_by is not None:
            origin = (
                config.origin("extend", label="extend")
                if "extend" in config.options
                else self._lint_table_origin(config)
            )
            gap, decided_in = Gap.SWITCHED_OFF, ignored_by.path
        elif (
            selection is not None
            and selection.origin.path == config.path
            and selection.select_origin is not None
        ):
            origin, gap = selection.select_origin, Gap.SELECT
        elif selection is not None and selection.select_origin is not None:
            origin = config.origin("extend", label="extend")
            gap, decided_in = Gap.EXTENDED_SELECT, selection.select_origin.path
        else:
            origin, gap = self._lint_table_origin(config), Gap.DEFAULTS
        self._add_s(config, settings)
        return NotSelected(
            origin,
            gap,
            decided_in=decided_in,
            entry=None if ignored_by is None else ignored_by.label,
            shadows=parent,
            fix_config=config.path,
        )

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
        loader = self.resolver.loader
        hidden: list[ConfigFile] = []
        own_name = os.path.basename(config.abspath)
        names = CONFIG_NAMES
        for name in names[names.index(own_name) + 1 :] if own_name in names else ():
            candidate = os.path.join(config.directory, name)
            if os.path.isfile(candidate):
                try:
                    loaded = loader.load(candidate)
                except ConfigProblem:
                    continue
                if name != "pyproject.toml" or loader.has_ruff_table(loaded):
                    hidden.append(loaded)
        if config.directory != self.root:
            parent = self.resolver.discovery.governing(os.path.dirname(config.directory))
            if isinstance(parent, ConfigFile):
                hidden.append(parent)
        for other in hidden:
            settings = self.resolver.settings_for(other)
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
                    return self.resolver.loader.load(candidate)
                except ConfigProblem:
                    return None
        return None

    def _add_s(self, config: ConfigFile, settings: Settings) -> None:
        """Plan "S" in the config's extend-select; remember whether S101 is on already (else
        the fix keeps it off: the hook never requires S101)."""
        plan = self._plan(config)
        plan.add_s = True
        s101 = self.table.by_code.get("S101")
        plan.s101_on = plan.s101_on or (s101 is not None and s101 in settings.resolved.enabled)

    def _plan(self, config: ConfigFile) -> _Plan:
        plan = self._plans.get(config.path)
        if plan is None:
            plan = self._plans[config.path] = _Plan(config)
        return plan
