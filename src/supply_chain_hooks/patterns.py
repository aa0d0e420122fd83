"""Regular expressions compiled when first used.

A run imports every module of the hooks it runs, and about half of the patterns those
modules declare concern files a given repository does not have (Renovate presets, publish
steps, PR-code heuristics, pre-commit hook dependencies...). Compiling a pattern costs
0.1 to 1 ms, all of them together more than the checks of a small repository, so the modules
declare theirs with :func:`lazy`: nothing is compiled until a method is first called, and
from then on the pattern's methods are the compiled pattern's own, bound and stored on the
object, so a hot loop pays nothing for the laziness.
"""

from __future__ import annotations

import re

#: The attributes of a compiled pattern a stand-in takes over on first use.
_ATTRIBUTES = (
    "match",
    "search",
    "fullmatch",
    "finditer",
    "findall",
    "sub",
    "subn",
    "split",
    "groups",
    "groupindex",
)


class _Lazy:
    """Stands for ``re.compile(pattern, flags)`` until an attribute of the compiled
    pattern is first asked for (``pattern`` and ``flags`` are the arguments as given)."""

    def __init__(self, pattern: str, flags: int) -> None:
        self.pattern = pattern
        self.flags = int(flags)

    def __getattr__(self, name: str) -> object:
        # Only called for what the object does not hold yet: the first use.
        if name.startswith("__"):
            raise AttributeError(name)
        compiled = re.compile(self.pattern, self.flags)
        for attribute in _ATTRIBUTES:
            self.__dict__[attribute] = getattr(compiled, attribute)
        return getattr(compiled, name)

    def __reduce__(self) -> tuple[object, tuple[str, int]]:
        return (lazy, (self.pattern, self.flags))

    def __repr__(self) -> str:
        return f"lazy({self.pattern!r}, {self.flags})"


def lazy(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """A pattern compiled on first use; use it as ``re.compile``'s result (methods,
    ``pattern``, ``groups``, ``groupindex``), not as an argument to ``re`` functions."""
    return _Lazy(pattern, flags)  # type: ignore[return-value]  # behaves as one
