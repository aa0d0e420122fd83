"""uv's `ExcludeNewer` of a settings table and of a uv.lock, and whether the lock is stale.

uv writes the exclude-newer it resolved under into ``[options]`` of uv.lock and, on
``uv lock --check`` / ``uv sync --locked``, compares it with the configuration
(``ExcludeNewer::compare``); any difference but a relative cutoff moving with the clock
makes the lock stale. :func:`compare` is that comparison, :class:`Change` its answer.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping

from supply_chain_hooks.model import Record
from supply_chain_hooks.uv import exclude_newer as en
from supply_chain_hooks.uv.settings import KEY, PACKAGE_KEY, name_problem, normalise, unknown_keys


class Config(Record):
    """uv's `ExcludeNewer`: the global cutoff and the package map (normalised names)."""

    global_value: en.Cutoff | None
    packages: Mapping[str, en.Cutoff | en.Disabled]

    def resolving(self, names: set[str]) -> Config:
        """Only the package entries of packages in a resolution (uv compares only those)."""
        packages = {name: value for name, value in self.packages.items() if name in names}
        return Config(self.global_value, packages)


def settings_config(table: Mapping[str, object] | None, now_ns: int) -> Config | None:
    """The configuration uv applies from a settings table (None: there is none), or None
    when uv would not read the table at all (an unknown key or an invalid value)."""
    if table is None:
        return Config(None, {})
    if next(unknown_keys(table), None) is not None:
        return None
    global_value: en.Cutoff | None = None
    if KEY in table:
        parsed = en.parse_setting(table.get(KEY), now_ns=now_ns)
        if isinstance(parsed, en.Invalid):
            return None
        global_value = parsed if isinstance(parsed, en.Cutoff) else None
    packages: dict[str, en.Cutoff | en.Disabled] = {}
    entries = table.get(PACKAGE_KEY, {})
    if not isinstance(entries, Mapping):
        return None
    for name, raw in entries.items():
        parsed = en.parse_setting(raw, now_ns=now_ns)
        if isinstance(parsed, en.Invalid) or name_problem(str(name)) is not None:
            return None
        packages[normalise(str(name))] = parsed
    return Config(global_value, packages)


def _lock_value(raw: object, span: object) -> en.Cutoff | None:
    timestamp = en.parse_timestamp(raw) if isinstance(raw, str) else None
    parsed_span = en.parse_span(span) if isinstance(span, str) else None
    if isinstance(parsed_span, en.Span):
        return en.Cutoff(
            en.Kind.SPAN,
            span=parsed_span,
            timestamp=timestamp if isinstance(timestamp, en.Timestamp) else None,
        )
    if isinstance(timestamp, en.Timestamp):
        return en.Cutoff(en.Kind.TIMESTAMP, timestamp=timestamp)
    return None


def lock_config(options: Mapping[str, object]) -> Config:
    """The configuration a uv.lock was resolved under, from its `[options]` table."""
    global_value = _lock_value(options.get(KEY), options.get("exclude-newer-span"))
    packages: dict[str, en.Cutoff | en.Disabled] = {}
    table = options.get(PACKAGE_KEY)
    if isinstance(table, Mapping):
        for name, raw in table.items():
            if raw is False:
                packages[normalise(str(name))] = en.Disabled()
            elif isinstance(raw, Mapping):
                value = _lock_value(raw.get("timestamp"), raw.get("span"))
                if value is not None:
                    packages[normalise(str(name))] = value
            else:
                value = _lock_value(raw, None)
                if value is not None:
                    packages[normalise(str(name))] = value
    return Config(global_value, packages)


def resolved_packages(data: Mapping[str, object]) -> set[str]:
    """The normalised names of the packages a uv.lock resolved."""
    packages = data.get("package")
    return {
        normalise(str(entry.get("name")))
        for entry in (packages if isinstance(packages, list) else [])
        if isinstance(entry, Mapping)
    }


class ChangeKind(enum.Enum):
    """The difference uv reports first, in the order `ExcludeNewer::compare` looks."""

    SPAN_ADDED = "span added"
    SPAN_REMOVED = "span removed"
    SPAN_CHANGED = "span changed"
    TIMESTAMP_CHANGED = "timestamp changed"
    GLOBAL_ADDED = "global added"
    GLOBAL_REMOVED = "global removed"
    PACKAGE_REMOVED = "package removed"
    EXCLUSION_REMOVED = "package exclusion removed"
    PACKAGE_ADDED = "package added"


class Change(Record):
    """Why a uv.lock is stale: what changed, for which package (None: the global value)."""

    kind: ChangeKind
    package: str | None = None
    old: en.Span | en.Timestamp | None = None
    new: en.Span | en.Timestamp | None = None

    def describe(self) -> str:
        """uv's own wording of the change (as `uv lock --check` prints it)."""
        old = self.old.iso() if self.old is not None else ""
        new = self.new.iso() if self.new is not None else ""
        text = {
            ChangeKind.SPAN_ADDED: f"addition of exclude newer span `{new}`",
            ChangeKind.SPAN_REMOVED: "removal of exclude newer span",
            ChangeKind.SPAN_CHANGED: f"change of exclude newer span from `{old}` to `{new}`",
            ChangeKind.TIMESTAMP_CHANGED: (
                f"change of exclude newer timestamp from `{old}` to `{new}`"
            ),
            ChangeKind.GLOBAL_ADDED: f"addition of global exclude newer {new}",
            ChangeKind.GLOBAL_REMOVED: "removal of global exclude newer",
            ChangeKind.PACKAGE_REMOVED: "removal of exclude newer",
            ChangeKind.EXCLUSION_REMOVED: f"remove exclude newer exclusion (now `{new}`)",
            ChangeKind.PACKAGE_ADDED: f"addition of exclude newer `{new}`",
        }[self.kind]
        return text if self.package is None else f"{text} for package `{self.package}`"


def _timestamp(value: en.Cutoff, now_ns: int) -> en.Timestamp:
    return en.Timestamp.from_nanoseconds(value.cutoff_nanoseconds(now_ns))


def _value_change(
    this: en.Cutoff, other: en.Cutoff, now_ns: int, package: str | None = None
) -> Change | None:
    """uv's `compare_exclude_newer_value`, relative-timestamp changes excluded."""
    if this.span is None and other.span is not None:
        return Change(ChangeKind.SPAN_ADDED, package, new=other.span)
    if this.span is not None and other.span is None:
        return Change(ChangeKind.SPAN_REMOVED, package)
    if this.span is not None and other.span is not None:
        if this.span != other.span:
            return Change(ChangeKind.SPAN_CHANGED, package, this.span, other.span)
        return None
    if other.cutoff_nanoseconds(now_ns) < this.cutoff_nanoseconds(now_ns):
        old, new = _timestamp(this, now_ns), _timestamp(other, now_ns)
        return Change(ChangeKind.TIMESTAMP_CHANGED, package, old, new)
    return None


def compare(lock: Config, config: Config, now_ns: int) -> Change | None:
    """uv's `ExcludeNewer::compare(lock, configuration)`: why the lock is stale, or None."""
    if lock.global_value is not None and config.global_value is not None:
        change = _value_change(lock.global_value, config.global_value, now_ns)
        if change is not None:
            return change
    elif config.global_value is not None:
        return Change(ChangeKind.GLOBAL_ADDED, new=_timestamp(config.global_value, now_ns))
    elif lock.global_value is not None:
        return Change(ChangeKind.GLOBAL_REMOVED)
    for name in sorted(lock.packages):
        mine = lock.packages[name]
        theirs = config.packages.get(name)
        if theirs is None:
            return Change(ChangeKind.PACKAGE_REMOVED, name)
        if isinstance(mine, en.Cutoff) and isinstance(theirs, en.Cutoff):
            change = _value_change(mine, theirs, now_ns, name)
            if change is not None:
                return change
        elif isinstance(mine, en.Disabled) and isinstance(theirs, en.Cutoff):
            return Change(ChangeKind.EXCLUSION_REMOVED, name, new=_timestamp(theirs, now_ns))
    for name in sorted(config.packages):
        value = config.packages[name]
        if name not in lock.packages and isinstance(value, en.Cutoff):
            return Change(ChangeKind.PACKAGE_ADDED, name, new=_timestamp(value, now_ns))
    return None
