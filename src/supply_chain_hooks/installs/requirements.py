"""Whether a requirements or constraints file named by `-r`/`-c` on an install command is
complete: read with the deps family's engine (:func:`deps.load.load`) and checked by every
rule of require-lock-hashes, it must have no finding at all (every requirement exact and
hashed with a strong hash, every included file readable and complete too).
"""

from __future__ import annotations

from supply_chain_hooks.model import Record
from supply_chain_hooks.source import InputError

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Callable

    from supply_chain_hooks.deps.load import Parse
    from supply_chain_hooks.source import Source


class FileState(Record):
    """``state`` is "complete", "incomplete" or "missing"; ``problems`` counts the findings of
    require-lock-hashes (or holds 1 for a file that cannot be read), ``first`` describes one."""

    state: str
    problems: int = 0
    first: str = ""


def state(read: Callable[[str], Source], path: str, parse: Parse | None = None) -> FileState:
    import os

    if not os.path.isfile(path):
        return FileState("missing")
    from supply_chain_hooks.deps.load import load, parse_now
    from supply_chain_hooks.deps.rules import of_hook

    try:
        loaded = load(
            read,
            path,
            skip=lambda target: False,
            forbid_local_sources=False,
            parse=parse or parse_now,
        )
    except InputError as error:
        return FileState("incomplete", 1, error.message)
    findings = [
        finding
        for module in of_hook("require-lock-hashes")
        for context in (loaded.context, *loaded.included_locks)
        for finding in module.check(context)
    ]
    problems = len(findings) + len(loaded.unreadable)
    if not problems:
        return FileState("complete")
    if findings:
        first = findings[0]
        where = f"{first.path}:{first.location.line}"
        return FileState("incomplete", problems, f"{where} {first.rule.code}")
    unreadable, reason = loaded.unreadable[0]
    return FileState("incomplete", problems, f"{unreadable}: {reason.message}")
