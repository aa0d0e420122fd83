"""The enabled rule set, computed as Ruff's ``LintConfiguration::as_rule_table`` does.

Every config file in an ``extend`` chain contributes one :class:`RuleSelection` (base first),
inline ``--config`` overrides and the command-line flags one more each. Starting from the
default rules, each selection resolves its selectors by specificity (``ALL`` < category <
``C``/``T`` < linter < 1..4-character prefixes < exact rule; at equal specificity ``ignore``
wins), then either replaces the enabled set (when it has ``select``) or patches it. A
selection with ``select = []``, no ``extend-select`` and some ``ignore`` carries those ignores
over to the next selection. For the rules the caller tracks, the result also says *why* a rule
ended up disabled: which ignore entry, or which ``select`` left it out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from supply_chain_hooks.model import Record, field
from supply_chain_hooks.ruff.origin import Origin
from supply_chain_hooks.ruff.table import (
    DEPRECATED,
    REMOVED,
    RULE,
    SPECIFICITIES,
    RuleTable,
    Selector,
)


class Entry(Record):
    selector: Selector
    origin: Origin


class RuleSelection(Record):
    """One config file's (or the command line's) select/extend-select/ignore lists."""

    origin: Origin
    select: tuple[Entry, ...] | None = None
    #: Where `select` is written (for "left out by select" explanations).
    select_origin: Origin | None = None
    extend_select: tuple[Entry, ...] = ()
    ignore: tuple[Entry, ...] = ()
    #: fixable/extend-fixable/unfixable/extend-unfixable: they never change enablement, but
    #: selecting a removed rule in them is an error.
    modify: tuple[Entry, ...] = ()


class Disabled(Record):
    """Why a tracked rule is not enabled."""

    #: The ignore entry (possibly carried over from the previous selection) that removed it.
    ignored_by: Entry | None = None
    #: The selection whose `select` left it out; None when Ruff's defaults never had it.
    left_out_by: RuleSelection | None = None


class Resolved(Record):
    enabled: frozenset[int]
    why_not: Mapping[int, Disabled] = field(default_factory=dict)
    #: Errors Ruff stops with (removed rules selected, deprecated rules in preview).
    errors: tuple[tuple[str, Origin], ...] = ()


def compute(
    table: RuleTable,
    selections: Sequence[RuleSelection],
    *,
    preview: bool,
    explicit: bool,
    convention: str | None = None,
    track: Iterable[int] = (),
) -> Resolved:
    tracked = frozenset(track)
    enabled = set(table.default_rules(preview, explicit))
    why: dict[int, Disabled] = {rule: Disabled() for rule in tracked if rule not in enabled}
    carry: tuple[Entry, ...] | None = None
    overrides: set[int] = set()
    removed: dict[str, Origin] = {}
    deprecated: dict[str, Origin] = {}
    rules = table.rules

    for selection in selections:
        carried, carry = carry, None
        chosen = (*(selection.select or ()), *selection.extend_select)
        ignored = (*selection.ignore, *(carried or ()))
        updates: dict[int, bool] = {}
        by: dict[int, Entry] = {}
        override_updates: set[int] = set()
        for specificity in SPECIFICITIES:
            for entry in chosen:
                if entry.selector.specificity != specificity:
                    continue
                for rule in table.selected(entry.selector, preview, explicit):
                    updates[rule] = True
                    if rule in tracked:
                        by[rule] = entry
                    if specificity == RULE:
                        override_updates.add(rule)
            for entry in ignored:
                if entry.selector.specificity != specificity:
                    continue
                for rule in table.selected(entry.selector, preview, explicit):
                    updates[rule] = False
                    if rule in tracked:
                        by[rule] = entry
        if selection.select is not None:
            enabled = {rule for rule, on in updates.items() if on}
            for rule in tracked:
                if updates.get(rule):
                    why.pop(rule, None)
                elif rule in updates:
                    why[rule] = Disabled(ignored_by=by[rule])
                else:
                    why[rule] = Disabled(left_out_by=selection)
            if not selection.select and not selection.extend_select and selection.ignore:
                carry = selection.ignore
            overrides = override_updates
        else:
            for rule, on in updates.items():
                if on:
                    enabled.add(rule)
                    why.pop(rule, None)
                else:
                    enabled.discard(rule)
                    if rule in tracked:
                        why[rule] = Disabled(ignored_by=by[rule])
            overrides |= override_updates
        for entry in (*chosen, *selection.modify):
            if entry.selector.exact and all(
                rules[i].status == REMOVED for i in entry.selector.members
            ):
                removed.setdefault(entry.selector.text, entry.origin)
        for entry in chosen:
            if entry.selector.exact and all(
                rules[i].status == DEPRECATED for i in entry.selector.members
            ):
                deprecated.setdefault(entry.selector.text, entry.origin)

    errors = [
        (f"Rule `{text}` was removed and cannot be selected", origin)
        for text, origin in removed.items()
    ]
    if preview:
        errors += [
            (
                f"Selection of deprecated rule `{text}` is not allowed when preview is enabled",
                origin,
            )
            for text, origin in deprecated.items()
        ]
    if convention is not None:
        for rule in table.conventions.get(convention, ()):
            if rule not in overrides:
                enabled.discard(rule)
    for preferred, expendable in table.incompatible:
        if preferred in enabled and expendable in enabled:
            enabled.discard(expendable)
    return Resolved(frozenset(enabled), why, tuple(errors))
