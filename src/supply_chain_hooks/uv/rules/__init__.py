"""The rules of the uv family, one module each: uv's dependency cooldown (check-uv-exclude-newer).

Every module holds its ``RULE`` (its docstring is the rule's documentation) and
``check(context: UvContext) -> Iterable[Finding]``, which turns the facts of the analysed
repository (``uv/context.py``) into findings, each with its message and fix. To add a rule:
write its module here and add it to ``MODULES``, the family's one list; ``RULES`` (what the
central registry reads) and the hook's rules follow from it.

Rule modules import their domain code inside ``check``: loading this package costs a hook
that finds no uv configuration almost nothing.
"""

from __future__ import annotations

from supply_chain_hooks.model import Rule
from supply_chain_hooks.uv.rules import (
    uv_cooldown_too_short,
    uv_exclude_newer_absolute_recent,
    uv_exclude_newer_disabled,
    uv_exclude_newer_in_member,
    uv_exclude_newer_index_override,
    uv_exclude_newer_invalid,
    uv_exclude_newer_missing,
    uv_exclude_newer_package_disabled,
    uv_exclude_newer_package_shorter,
    uv_exclude_newer_pip_only,
    uv_exclude_newer_shadowed,
    uv_exclude_newer_time_dropped,
    uv_lock_exclude_newer_stale,
    uv_unknown_setting,
)

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Protocol

    from supply_chain_hooks.model import Finding
    from supply_chain_hooks.uv.context import UvContext

    class RuleModule(Protocol):
        """What every module of this package holds (mypy checks each one against it)."""

        RULE: Rule

        def check(self, context: UvContext) -> Iterable[Finding]: ...


#: Every rule of the family, in the order of the hook's table.
MODULES: tuple[RuleModule, ...] = (
    uv_exclude_newer_missing,
    uv_exclude_newer_invalid,
    uv_exclude_newer_disabled,
    uv_cooldown_too_short,
    uv_exclude_newer_absolute_recent,
    uv_exclude_newer_time_dropped,
    uv_exclude_newer_package_disabled,
    uv_exclude_newer_package_shorter,
    uv_unknown_setting,
    uv_exclude_newer_index_override,
    uv_exclude_newer_in_member,
    uv_exclude_newer_pip_only,
    uv_exclude_newer_shadowed,
    uv_lock_exclude_newer_stale,
)
RULES: tuple[Rule, ...] = tuple(module.RULE for module in MODULES)


def of_hook(hook: str) -> tuple[RuleModule, ...]:
    """The rule modules of one hook of the family."""
    return tuple(module for module in MODULES if module.RULE.hook == hook)
