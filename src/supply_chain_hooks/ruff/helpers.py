"""Shared by the family's rules: how codes and files are named, and how a cause is located.

A finding is reported at its cause's :class:`~.origin.Origin`: the key's span in a TOML or
YAML file, the origin's own line span, or the first line. A cause that the offline fix
repairs carries the fix of its config file when it is reported in that file.
"""

from __future__ import annotations

import os

from supply_chain_hooks.model import Finding, Location
from supply_chain_hooks.source import InputError

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from supply_chain_hooks.model import Rule
    from supply_chain_hooks.ruff.context import RuffContext
    from supply_chain_hooks.ruff.origin import Origin
    from supply_chain_hooks.ruff.table import RuleTable
    from supply_chain_hooks.source import Source


def finding(
    context: RuffContext,
    rule: Rule,
    origin: Origin,
    message: str,
    fix_config: str | None = None,
    *,
    unsafe: bool = False,
) -> Finding:
    """A finding at `origin`, with the fix of `fix_config` when it is the origin's file (its
    unsafe fix, removing ignore entries, when `unsafe`)."""
    fixes = context.unsafe_fixes if unsafe else context.fixes
    fix = fixes.get(fix_config) if fix_config == origin.path else None
    path = origin.path if not origin.path.startswith("<") else "."
    return Finding(rule, path, locate(context.read, origin), message, fix)


def codes(table: RuleTable, rules: frozenset[int]) -> str:
    """The S codes, or how many of the stable S rules they are, with the first few."""
    found = table.code_set(rules)
    required = len(table.stable_s)
    if len(found) == 1:
        return found[0]
    if len(found) <= 6:
        return ", ".join(found)
    return f"{len(found)} of {required} stable S rules ({', '.join(found[:4])}, ...)"


def file_list(files: Iterable[str]) -> str:
    """The file, or how many files, with the first three."""
    ordered = sorted(files)
    if len(ordered) == 1:
        return ordered[0]
    shown = ", ".join(ordered[:3])
    more = f" and {len(ordered) - 3} more" if len(ordered) > 3 else ""
    return f"{len(ordered)} files ({shown}{more})"


def locate(read: Callable[[str], Source], origin: Origin) -> Location:
    """Where the origin is written: its span, its key's span, or the first line."""
    span = origin.span
    if span is not None:
        line, column, end = span
        return Location(line, column, line, max(end, column))
    first = Location(1, 1, 1, 1)
    if origin.path.startswith("<") or os.path.isabs(origin.path):
        return first
    try:
        source = read(origin.path)
    except InputError:
        return first
    key = origin.key
    if origin.path.endswith(".toml"):
        from supply_chain_hooks.toml_doc import TomlIndex

        index = TomlIndex(source.text)
        for depth in range(len(key), 0, -1):
            entry = index.get(*key[:depth])
            if entry is not None:
                if isinstance(key[depth - 1], int):
                    return source.location(entry.value_start, entry.value_end)
                return source.location(entry.key_start, entry.key_end)
        return first
    if origin.path.endswith((".yaml", ".yml")):
        from supply_chain_hooks import yaml_doc

        try:
            document = yaml_doc.parse(source)
        except InputError:
            return first
        for depth in range(len(key), 0, -1):
            node = yaml_doc.value(document.root, *key[:depth])
            if node is not None:
                return source.location(
                    yaml_doc.content_start(source.text, node), yaml_doc.end(node)
                )
    return first
