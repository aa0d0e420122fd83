"""The rules of the uv family, one module each: uv's dependency cooldown (check-uv-exclude-newer).

Each module holds its ``RULE`` (its docstring is the rule's documentation) and
``check(context)``, which turns the facts of a :class:`~supply_chain_hooks.uv.context.UvContext`
into findings. To add a rule: write its module here and add it to ``RULE_MODULES``, the one
list that the hook and (through ``RULES``) the central registry read.
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

    class UvRule(Protocol):
        """What a rule module of this family provides (mypy checks each module against it)."""

        RULE: Rule

        def check(self, context: UvContext) -> Iterable[Finding]: ...


RULE_MODULES: tuple[UvRule, ...] = (
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
RULES: tuple[Rule, ...] = tuple(module.RULE for module in RULE_MODULES)
