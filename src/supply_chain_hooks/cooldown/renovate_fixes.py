"""Minimal edits to a Renovate config: a global `minimumReleaseAge`, written in the file's style."""

from __future__ import annotations

from supply_chain_hooks.model import Edit

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from supply_chain_hooks.cooldown.json5 import Value
    from supply_chain_hooks.source import Source


def set_string(source: Source, value: Value, text: str) -> Edit | None:
    """Replace a quoted string's content (no escapes in text)."""
    raw = source.text[value.start : value.end]
    if value.kind != "string" or len(raw) < 2 or "\n" in raw:
        return None
    return Edit(value.start + 1, value.end - 1, text)


def insert_first(source: Source, root: Value, age: str) -> Edit | None:
    """`"minimumReleaseAge": "<age>",` before the object's first member, on its own line with
    that member's indentation and quote style; None when the first member shares its line."""
    if root.kind != "object" or not root.members:
        return None
    key = root.members[0][0]
    text = source.text
    line_start = text.rfind("\n", 0, key.start) + 1
    indent = text[line_start : key.start]
    if indent.strip():
        return None
    quote = key.quote or ""
    first = root.members[0][1]
    raw = text[first.start : first.start + 1] if first.kind == "string" else key.quote
    value_quote = "'" if raw == "'" else '"'
    line = f"{quote}minimumReleaseAge{quote}: {value_quote}{age}{value_quote},{source.newline}"
    return Edit(key.start, key.start, line + indent)
