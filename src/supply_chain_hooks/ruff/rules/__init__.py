"""The rules of the ruff family, one module each: Ruff's S rules (enforce-ruff-S).

A rule module holds its documentation (the docstring), its ``RULE`` and its
``check(context: RuffContext) -> Iterable[Finding]``, which turns the causes of its kind in the
verdict (:mod:`supply_chain_hooks.ruff.causes`) into findings. To add a rule: write its module
here and add it to ``MODULES``, the one list; the hook and the central registry (``RULES``)
read it.
"""

from __future__ import annotations

from supply_chain_hooks.ruff.rules import (
    ruff_config_invalid,
    ruff_config_shadows,
    ruff_excluded,
    ruff_file_noqa,
    ruff_file_noqa_codes,
    ruff_fix_only,
    ruff_hook_args,
    ruff_hook_files,
    ruff_hook_missing,
    ruff_hook_skipped_in_ci,
    ruff_hook_stages,
    ruff_s_ignored,
    ruff_s_not_selected,
    ruff_s_per_file_ignored,
    ruff_s_per_file_ignored_everywhere,
)

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Protocol

    from supply_chain_hooks.model import Finding, Rule
    from supply_chain_hooks.ruff.context import RuffContext

    class RuleModule(Protocol):
        """A rule module: its identity and docs, and its check."""

        RULE: Rule

        def check(self, context: RuffContext) -> Iterable[Finding]: ...


#: The family's rules, in the order of their codes' first use.
MODULES: tuple[RuleModule, ...] = (
    ruff_s_not_selected,
    ruff_s_ignored,
    ruff_config_shadows,
    ruff_s_per_file_ignored,
    ruff_s_per_file_ignored_everywhere,
    ruff_excluded,
    ruff_fix_only,
    ruff_file_noqa,
    ruff_file_noqa_codes,
    ruff_hook_args,
    ruff_hook_skipped_in_ci,
    ruff_hook_stages,
    ruff_hook_missing,
    ruff_config_invalid,
    ruff_hook_files,
)

RULES = tuple(module.RULE for module in MODULES)
