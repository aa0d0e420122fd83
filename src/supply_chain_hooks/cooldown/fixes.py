"""The minimal edits that give a Dependabot entry `cooldown: default-days: N`, written in
the entry's own indentation and style (block or flow)."""

from __future__ import annotations

from supply_chain_hooks import yaml_doc as y
from supply_chain_hooks.model import Edit

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from ruamel.yaml.nodes import Node

    from supply_chain_hooks.cooldown.dependabot import Entry
    from supply_chain_hooks.source import Source


def set_days(source: Source, value: Node, days: int) -> Edit | None:
    """Replace a days value (a plain scalar on one line) with `days`."""
    start, end = y.start(value), y.end(value)
    if not y.is_scalar(value) or "\n" in source.text[start:end] or start == end:
        return None
    return Edit(start, end, str(days))


def _flow(node: Node) -> bool:
    """Whether a collection is written in flow style (`{...}`, `[...]`)."""
    return bool(getattr(node, "flow_style", False))


def _column(source: Source, offset: int) -> int:
    return source.position(offset)[1] - 1


def _line_end(text: str, offset: int) -> int:
    """The end of the line holding offset (before its line break)."""
    index = offset
    while index < len(text) and text[index] not in "\r\n":
        index += 1
    return index


def _step(source: Source, mapping: Node) -> int:
    """The indentation step the file uses below this mapping's keys (2 when none shows)."""
    for key, value in y.items(mapping):
        if y.is_mapping(value) and not _flow(value) and y.items(value):
            inner = y.items(value)[0][0]
            step = _column(source, y.start(inner)) - _column(source, y.start(key))
            if step > 0:
                return step
    return 2


def _last_scalar_end(node: Node) -> int:
    return max(y.end(child) for child in y.walk(node) if y.is_scalar(child))


def insert_default_days(source: Source, entry: Entry, days: int) -> tuple[Edit, ...] | None:
    """Edits that add `default-days: days` to the entry: into its `cooldown:` mapping, or
    as a new `cooldown:` after the entry's last line. None when no minimal edit exists."""
    text, newline = source.text, source.newline
    if entry.cooldown is not None:
        _, block = entry.cooldown
        pairs = y.items(block)
        if not y.is_mapping(block) or not pairs or y.get(block, "default-days") is not None:
            return None  # an invalid default-days is the maintainer's to correct
        first = pairs[0][0]
        if _flow(block):
            return (Edit(y.start(first), y.start(first), f"default-days: {days}, "),)
        column = _column(source, y.start(first))
        if text[source.offset(source.position(y.start(first))[0]) : y.start(first)].strip():
            return None  # the first key shares its line with something else
        return (
            Edit(y.start(first), y.start(first), f"default-days: {days}{newline}{' ' * column}"),
        )
    node = entry.node
    pairs = y.items(node)
    if not pairs or y.start(node) == y.end(node):
        return None
    if _flow(node):
        at = y.end(pairs[-1][1])
        return (Edit(at, at, f", cooldown: {{default-days: {days}}}"),)
    first = pairs[0][0]
    column = _column(source, y.start(first))
    indent = " " * column
    inner = " " * (column + _step(source, node))
    last = _last_scalar_end(node)
    if last > 0 and text[last - 1 : last] in ("\n", "\r"):
        # a block scalar ends with its line break: insert on the next line
        return (
            Edit(last, last, f"{indent}cooldown:{newline}{inner}default-days: {days}{newline}"),
        )
    at = _line_end(text, last)
    return (Edit(at, at, f"{newline}{indent}cooldown:{newline}{inner}default-days: {days}"),)
