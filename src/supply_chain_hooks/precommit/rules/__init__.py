"""The rules of the precommit family, one module each: `.pre-commit-config.yaml` (pin-pre-commit-revs).

To add a rule: write its module here and add its ``RULE`` to ``RULES`` (the one list that
the hooks and the central registry read) with its ``check``.
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
    from collections.abc import Callable, Iterable

    from supply_chain_hooks.model import Finding, Rule
    from supply_chain_hooks.precommit.context import Context

#: Each rule with its check, in code order: the family's one list.
RULE_CHECKS: tuple[tuple[Rule, Callable[[Context], Iterable[Finding]]], ...] = (
    (unpinned_repo_rev.RULE, unpinned_repo_rev.check),
    (short_sha_repo_rev.RULE, short_sha_repo_rev.check),
    (malformed_frozen_comment.RULE, malformed_frozen_comment.check),
    (frozen_comment_mismatch.RULE, frozen_comment_mismatch.check),
    (unpinned_hook_dependency.RULE, unpinned_hook_dependency.check),
    (insecure_repo_url.RULE, insecure_repo_url.check),
)
RULES = tuple(rule for rule, _ in RULE_CHECKS)
