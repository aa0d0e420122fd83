"""Inline suppressions: ``# supply-chain-hooks: ignore[CODE-or-name, ...] reason``.

A suppression applies to findings on its own line. It must name known rules (by code or
name) and give a reason; one that does not is reported as SCH002 and suppresses nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from supply_chain_hooks.model import Record, Rule
from supply_chain_hooks.source import Source

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from supply_chain_hooks.model import Finding

MARKER = "supply-chain-hooks:"
_PATTERN = r"#\s*supply-chain-hooks:\s*ignore\[([^\]\n]*)\]?([^\n]*)"


class Suppression(Record):
    __match_args__ = ("line", "start", "end", "names", "reason", "closed")
    __slots__ = __match_args__
    line: int
    start: int
    end: int
    names: tuple[str, ...]
    reason: str
    closed: bool

    def __init__(
        self, line: int, start: int, end: int, names: tuple[str, ...], reason: str, closed: bool
    ) -> None:
        for name, value in zip(
            self.__match_args__, (line, start, end, names, reason, closed), strict=True
        ):
            object.__setattr__(self, name, value)


def find(source: Source) -> list[Suppression]:
    if MARKER not in source.text:
        return []
    found = []
    # Compiled on first use (re caches it): most files have no marker at all.
    for match in re.finditer(_PATTERN, source.text):
        closed = "]" in source.text[match.start() : match.end(1) + 1]
        names = tuple(name.strip() for name in match.group(1).split(",") if name.strip())
        reason = match.group(2).strip().lstrip(":-").strip() if closed else ""
        line = source.position(match.start())[0]
        found.append(Suppression(line, match.start(), match.end(), names, reason, closed))
    return found


def problems(
    source: Source, suppressions: Iterable[Suppression], known: Mapping[str, Rule], rule: Rule
) -> list[Finding]:
    """SCH002 findings for suppressions that are malformed, unknown or without a reason."""
    from supply_chain_hooks.model import Finding

    findings = []
    for item in suppressions:
        unknown = [name for name in item.names if name not in known]
        if not item.closed or not item.names:
            message = "malformed suppression: write `# supply-chain-hooks: ignore[CODE] reason`"
        elif unknown:
            message = f"suppression names unknown rule(s): {', '.join(unknown)}"
        elif not item.reason:
            message = "suppression without a reason: say why after `]`"
        else:
            continue
        findings.append(Finding(rule, source.path, source.location(item.start, item.end), message))
    return findings


def is_suppressed(
    finding: Finding, suppressions: Iterable[Suppression], known: Mapping[str, Rule]
) -> bool:
    for item in suppressions:
        if item.line != finding.location.line or not item.reason:
            continue
        if any(known.get(name) == finding.rule for name in item.names):
            return True
    return False
