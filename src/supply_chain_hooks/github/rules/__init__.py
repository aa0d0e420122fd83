"""The rules of the github family, one module each: GitHub workflows and actions (pin-actions-to-sha, forbid-pull-request-target).

Every module holds its ``RULE`` (its docstring is the rule's documentation) and
``check(context: WorkflowContext) -> Iterable[Finding]``, its detection and its message.
To add a rule: write its module here and add it to ``MODULES``, the family's one list;
``RULES`` (what the central registry reads) and each hook's rules follow from it.

Rule modules import their domain code (`github/refs.py`, `sites.py`, ...) inside
``check``: loading this package costs a hook that checks a clean file almost nothing.
"""

from __future__ import annotations

from supply_chain_hooks.github.rules import (
    ambiguous_ref,
    invalid_uses,
    privileged_pr_code,
    pull_request_target,
    short_sha_ref,
    unpinned_action_ref,
    unpinned_container_image,
    unpinned_docker_image,
    uppercase_sha_ref,
    version_comment_mismatch,
    workflow_run,
)

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Protocol

    from supply_chain_hooks.github.context import WorkflowContext
    from supply_chain_hooks.model import Finding, Rule

    class RuleModule(Protocol):
        """What every module of this package holds."""

        RULE: Rule

        def check(self, context: WorkflowContext) -> Iterable[Finding]: ...


#: Every rule of the family, in the order of their codes.
MODULES: tuple[RuleModule, ...] = (
    unpinned_action_ref,
    short_sha_ref,
    uppercase_sha_ref,
    invalid_uses,
    unpinned_docker_image,
    version_comment_mismatch,
    ambiguous_ref,
    unpinned_container_image,
    pull_request_target,
    workflow_run,
    privileged_pr_code,
)

RULES = tuple(module.RULE for module in MODULES)


def of_hook(hook: str) -> tuple[RuleModule, ...]:
    """The rule modules of one hook of the family, in the order of their codes."""
    return tuple(module for module in MODULES if module.RULE.hook == hook)
