"""The rules of the github family, one module each: GitHub workflows and actions (pin-actions-to-sha, forbid-pull-request-target).

To add a rule: write its module here and add its ``RULE`` to ``RULES`` (the one list that
the hooks and the central registry read).
"""

from __future__ import annotations

from supply_chain_hooks.github.rules import (
    ambiguous_ref,
    invalid_uses,
    pull_request_target,
    short_sha_ref,
    unpinned_action_ref,
    unpinned_docker_image,
    uppercase_sha_ref,
    version_comment_mismatch,
    workflow_run,
)

RULES = (
    unpinned_action_ref.RULE,
    short_sha_ref.RULE,
    uppercase_sha_ref.RULE,
    invalid_uses.RULE,
    unpinned_docker_image.RULE,
    version_comment_mismatch.RULE,
    ambiguous_ref.RULE,
    pull_request_target.RULE,
    workflow_run.RULE,
)
