"""What every rule of the family reads: the verdict, the run's files and the planned fixes."""

from __future__ import annotations

from supply_chain_hooks.model import Record
from supply_chain_hooks.ruff.fix import config_fix, removal_fix

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from supply_chain_hooks.model import Fix
    from supply_chain_hooks.ruff.causes import Verdict
    from supply_chain_hooks.source import Source


class RuffContext(Record):
    verdict: Verdict
    #: Reads a file of the run as it is now (with the fixes applied so far).
    read: Callable[[str], Source]
    #: Per config file (by path): the safe fix of its plan (add "S", keep S101 as it was).
    fixes: Mapping[str, Fix]
    #: Per config file: the unsafe fix of its plan (remove S ignore entries).
    unsafe_fixes: Mapping[str, Fix]


def make_context(verdict: Verdict, read: Callable[[str], Source]) -> RuffContext:
    """The context of a verdict, with each config file's plan turned into a minimal edit."""
    fixes: dict[str, Fix] = {}
    unsafe: dict[str, Fix] = {}
    legacy = verdict.table.legacy_lint_keys
    for path, plan in verdict.fixes.items():
        fix = config_fix(read(path), plan, legacy_keys=legacy)
        if fix is not None:
            fixes[path] = fix
        fix = removal_fix(read(path), plan, legacy_keys=legacy)
        if fix is not None:
            unsafe[path] = fix
    return RuffContext(verdict, read, fixes, unsafe)
