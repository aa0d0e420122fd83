"""Workspace `members` and `exclude` globs, matched as uv 0.13 matches them (Rust's `glob`).

uv expands `members` with `glob::glob`, which matches one path component at a time: `*`,
`?` and `[...]` stay inside a component, a `**` component spans any number of them. It tests
`exclude` with `glob::Pattern::matches_path` and default options, where `*`, `?` and classes
match `/` too. In both, `[...]` is a character class (`[!...]` negated, `a-z` ranges, a `]`
first in the class is literal) and there is no backslash escape. A pattern `glob` refuses (an
unclosed `[`, `**` inside a component) makes uv fail; it matches nothing here.
"""

from __future__ import annotations

import functools
import re


@functools.lru_cache(maxsize=256)
def _compile(pattern: str, within_components: bool) -> re.Pattern[str] | None:
    any_char = "[^/]" if within_components else "."
    out: list[str] = []
    components = pattern.split("/")
    for number, component in enumerate(components):
        last = number == len(components) - 1
        if component == "**":
            out.append(".*" if last else "(?:.*/)?")
            continue
        if "**" in component:
            return None
        index = 0
        while index < len(component):
            char = component[index]
            if char == "*":
                out.append(f"{any_char}*")
            elif char == "?":
                out.append(any_char)
            elif char == "[":
                end = _class_end(component, index)
                if end is None:
                    return None
                out.append(_class(component[index + 1 : end], within_components))
                index = end
            else:
                out.append(re.escape(char))
            index += 1
        if not last:
            out.append("/")
    return re.compile("".join(out) + r"\Z", re.DOTALL)


def _class_end(component: str, start: int) -> int | None:
    """The index of the `]` closing the class opened at `start`."""
    index = start + 1
    if component.startswith("!", index):
        index += 1
    index += 1  # a `]` right after `[` or `[!` is literal
    end = component.find("]", index)
    return None if end < 0 else end


def _class(body: str, within_components: bool) -> str:
    negated = body.startswith("!")
    body = body[1:] if negated else body
    parts = []
    index = 0
    while index < len(body):
        if index + 2 < len(body) and body[index + 1] == "-":
            parts.append(f"{re.escape(body[index])}-{re.escape(body[index + 2])}")
            index += 3
        else:
            parts.append(re.escape(body[index]))
            index += 1
    if negated:
        return f"[^{''.join(parts)}{'/' if within_components else ''}]"
    return f"(?!/)[{''.join(parts)}]" if within_components else f"[{''.join(parts)}]"


def member_matches(relative: str, pattern: str) -> bool:
    """Whether `members` pattern (relative to the workspace root) names this directory."""
    compiled = _compile(pattern, within_components=True)
    return compiled is not None and compiled.match(relative) is not None


def exclude_matches(relative: str, pattern: str) -> bool:
    """Whether `exclude` pattern (relative to the workspace root) excludes this directory."""
    compiled = _compile(pattern, within_components=False)
    return compiled is not None and compiled.match(relative) is not None
