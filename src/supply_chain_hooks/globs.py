"""Path globs for allow lists: `*` and `?` stay within one path segment, `**` spans any."""

from __future__ import annotations

import functools
import re


@functools.lru_cache(maxsize=256)
def compile_glob(pattern: str) -> re.Pattern[str]:
    pattern = pattern.replace("\\", "/").removeprefix("./")
    out = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if pattern.startswith("**/", index):
            out.append("(?:.*/)?")
            index += 3
            continue
        if pattern.startswith("**", index):
            out.append(".*")
            index += 2
            continue
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        else:
            out.append(re.escape(char))
        index += 1
    return re.compile("".join(out) + r"\Z")


def matches_any(path: str, patterns: tuple[str, ...]) -> bool:
    """Whether a path (as given, or with `./` and backslashes normalised) matches a glob."""
    normal = path.replace("\\", "/").removeprefix("./")
    return any(compile_glob(pattern).match(normal) for pattern in patterns)
