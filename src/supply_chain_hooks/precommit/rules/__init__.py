"""The rules of the precommit family, one module each: `.pre-commit-config.yaml` (pin-pre-commit-revs).

Every module holds its ``RULE`` (its docstring is the rule's documentation) and
``check(context: Context) -> Iterable[Finding]``, its detection and its message.
To add a rule: write its module here and add it to ``MODULES``, the family's one list;
``RULES`` (what the central registry reads) and the hook's rules follow from it.
"""

from __future__ import annotations

from supply_chain_hooks.precommit.rules import (
    frozen_comment_mismatch,
    insecure_repo_url,
    malformed_frozen_comment,
    short_sha_repo_rev,
    unpinned_hook_dependency,
    unpinned_repo_rev,
)

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Protocol

    from supply_chain_hooks.model import Finding, Rule
    from supply_chain_hooks.precommit.context import Context

    class RuleModule(Protocol):
        """What every module of this package holds."""

        RULE: Rule

        def check(self, context: Context) -> Iterable[Finding]: ...


#: Every rule of the family, in the order of their codes: the family's one list.
MODULES: tuple[RuleModule, ...] = (
    unpinned_repo_rev,
    short_sha_repo_rev,
    malformed_frozen_comment,
    frozen_comment_mismatch,
    unpinned_hook_dependency,
    insecure_repo_url,
)

RULES = tuple(module.RULE for module in MODULES)


def of_hook(hook: str) -> tuple[RuleModule, ...]:
    """The rule modules of one hook of the family, in the order of their codes."""
    return tuple(module for module in MODULES if module.RULE.hook == hook)
