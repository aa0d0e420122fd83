"""The verdict as typed values: why required S rules are not in force, and where.

The analysis (:mod:`.verdict`) finds causes; each rule of the family turns the causes of its
kind into findings (:mod:`.rules`). A cause is a hashable value: the analysis groups the files
it affects under it (a :class:`Reason`), so each cause is reported once, with its files, at
its :class:`~.origin.Origin`. A cause that the offline fix repairs names the config file whose
planned edit (a :class:`ConfigFix`) does it.

The values are records (:class:`~supply_chain_hooks.model.Record`), like the core model:
defining a score of frozen dataclasses would cost every run milliseconds of start-up.
"""

from __future__ import annotations

import enum

from supply_chain_hooks.model import Record, field

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Mapping

    from supply_chain_hooks.ruff.origin import Origin
    from supply_chain_hooks.ruff.table import RuleTable
    from supply_chain_hooks.source import InputError


class Gap(enum.Enum):
    """Why rule selection leaves required rules out."""

    #: No Ruff config governs the files: Ruff's defaults apply.
    NO_CONFIG = "no-config"
    #: The config that decides is outside the repository.
    OUTSIDE = "outside"
    #: A `select` in this config leaves them out.
    SELECT = "select"
    #: The `select` of an extended config leaves them out.
    EXTENDED_SELECT = "extended-select"
    #: An ignore entry this config cannot fix (an extended or outside config's) switches them
    #: off, and this config does not switch them back on.
    SWITCHED_OFF = "switched-off"
    #: Ruff's default rules leave them out, and no config adds them.
    DEFAULTS = "defaults"


class NotSelected(Record):
    """Rule selection leaves required rules out; reported at the config that can add "S"."""

    origin: Origin
    gap: Gap
    #: EXTENDED_SELECT: the config whose `select` leaves them out; SWITCHED_OFF: the
    #: config holding the ignore entry.
    decided_in: str | None = None
    #: SWITCHED_OFF: the ignore entry, as a human names it.
    entry: str | None = None
    #: A config that this one (without `extend`) replaces and that would enable the rules.
    shadows: str | None = None
    #: The config file whose planned edit fixes this cause (None: no fix).
    #: It follows from the origin, so it takes no part in grouping causes.
    fix_config: str | None = field(default=None, compare=False)


class Ignored(Record):
    """An `ignore`/`extend-ignore` entry (the origin) switches required rules off."""

    origin: Origin
    #: The config file whose planned edit fixes this cause (None: no fix).
    #: It follows from the origin, so it takes no part in grouping causes.
    fix_config: str | None = field(default=None, compare=False)
    #: The fix removes the entry (a deliberate choice: unsafe), rather than adding "S".
    by_removal: bool = field(default=False, compare=False)


class Shadowed(Record):
    """An empty config (the origin) replaces one that enables the rules (no `extend`)."""

    origin: Origin
    replaces: str


class PerFileIgnored(Record):
    """A per-file ignore switches required rules off for the files it matches."""

    origin: Origin
    #: The pattern as written.
    pattern: str
    #: The pattern matches every Python file, wherever it is.
    everywhere: bool


class Excluded(Record):
    """An exclude pattern drops the files from Ruff (the ruff hook passes --force-exclude)."""

    origin: Origin
    #: The pattern as a human names it, e.g. ``"gen" in `extend-exclude```.
    pattern: str


class FixOnly(Record):
    """`fix-only = true` (the origin): Ruff reports nothing."""

    origin: Origin


class FileNoqa(Record):
    """A file-level ``# ruff: noqa`` (every rule) or one that lists codes."""

    origin: Origin
    comment: str
    #: The codes it lists (None: every rule).
    codes: tuple[str, ...] | None


class HookArgument(Record):
    """An argument of the ruff hook (or its entry) that keeps required rules from being
    enforced."""

    origin: Origin
    #: What the argument does, as a phrase, e.g. "exits 0 whatever Ruff finds".
    effect: str


class HookSkippedInCi(Record):
    """The ruff hook's id is listed in `ci: skip` (the origin)."""

    origin: Origin
    hook_id: str


class HookStages(Record):
    """The ruff hook's stages leave out the commit stage."""

    origin: Origin
    stages: tuple[str, ...]


class HookMissing(Record):
    """No ruff hook in .pre-commit-config.yaml (with --require-pre-commit-hook)."""

    origin: Origin


class HookFiles(Record):
    """A file filter of the ruff hook (the origin) keeps files away from it."""

    origin: Origin


class ConfigInvalid(Record):
    """Something Ruff refuses to start with: nothing it governs is checked."""

    origin: Origin
    message: str


Cause = (
    NotSelected
    | Ignored
    | Shadowed
    | PerFileIgnored
    | Excluded
    | FixOnly
    | FileNoqa
    | HookArgument
    | HookSkippedInCi
    | HookStages
    | HookMissing
    | HookFiles
    | ConfigInvalid
)


class Reason(Record):
    """One cause and the files it affects."""

    cause: Cause
    #: Per file: the required S rules the cause switches off there (empty for a config
    #: Ruff refuses, which concerns no file in particular).
    files: Mapping[str, frozenset[int]]

    @property
    def rules(self) -> frozenset[int]:
        return frozenset().union(*self.files.values())


class Removal(Record):
    """Drop element ``index`` of the array at ``key`` and put ``replacement`` in its place."""

    key: tuple[str | int, ...]
    index: int
    replacement: tuple[str, ...] = ()


class ConfigFix(Record):
    """What the offline fix does to one config file."""

    path: str
    #: The key path of Ruff's options table in the file.
    base: tuple[str, ...]
    #: Add "S" to `lint.extend-select`.
    add_s: bool
    #: Ignore entries to remove.
    removals: tuple[Removal, ...]
    #: Add "S101" to the ignore list Ruff reads, so adding "S" does not switch S101 on.
    ignore_s101: bool = False


class Collector:
    """Groups causes as the analysis finds them: each cause once, with the files it affects.

    A file that never reaches Ruff (pre-commit does not pass it, an exclude drops it) is
    reported for that one cause only: what Ruff would do with it after that is no cause of
    anything for it. The analysis marks it `unseen` once that first cause is added.
    """

    __slots__ = ("_groups", "_known", "unseen")

    def __init__(self) -> None:
        #: The file of the analysis that Ruff never sees: causes added for it are dropped.
        self.unseen: str | None = None
        self._groups: dict[Cause, dict[str, frozenset[int]]] = {}
        #: The files of each cause object already added, by identity: most causes are added
        #: once per file (a config's selection causes are computed once and reused), and
        #: hashing them field by field for every file would cost more than the rest of `add`.
        #: The objects are kept alive here, so an id is never reused during the run.
        self._known: dict[int, tuple[Cause, dict[str, frozenset[int]]]] = {}

    def add(self, cause: Cause, path: str | None, rules: frozenset[int]) -> None:
        """Record a cause, and that it switches `rules` off for `path` (None: no file)."""
        if path is not None and path == self.unseen:
            return
        files = self._files(cause)
        if path is not None:
            files[path] = files.get(path, frozenset()) | rules

    def add_all(self, cause: Cause, paths: list[str], rules: frozenset[int]) -> None:
        """``add(cause, path, rules)`` for each of paths, in order (none of them unseen)."""
        files = self._files(cause)
        if files.keys().isdisjoint(paths):
            files.update(dict.fromkeys(paths, rules))
        else:
            for path in paths:
                files[path] = files.get(path, frozenset()) | rules

    def _files(self, cause: Cause) -> dict[str, frozenset[int]]:
        """The files of a cause (added now if it is new)."""
        known = self._known.get(id(cause))
        if known is not None:
            return known[1]
        files = self._groups.get(cause)
        if files is None:
            files = self._groups[cause] = {}
        self._known[id(cause)] = (cause, files)
        return files

    def reasons(self) -> tuple[Reason, ...]:
        return tuple(Reason(cause, files) for cause, files in self._groups.items())


class Verdict(Record):
    """What Ruff really reports for every checked file, and every reason it does not."""

    table: RuleTable
    #: Every cause, once, in the order found.
    reasons: tuple[Reason, ...]
    #: Per config file (by path): its planned fix.
    fixes: Mapping[str, ConfigFix]
    #: Per checked file: the required S rules that Ruff does report.
    effective: Mapping[str, frozenset[int]]
    #: Per checked file: every S rule Ruff reports (for the differential tests).
    reported: Mapping[str, frozenset[int]]
    #: Checked files for which Ruff would stop with a configuration error.
    invalid_files: frozenset[str]
    #: Files that cannot be parsed at all (reported as SCH001).
    input_errors: tuple[tuple[str, InputError], ...]
    #: Where the Ruff version comes from (the hook's rev, `required-version`).
    version_origin: Origin | None
