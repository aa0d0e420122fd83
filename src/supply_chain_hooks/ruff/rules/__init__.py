"""The rules of the ruff family, one module each: Ruff's S rules (enforce-ruff-S).

To add a rule: write its module here and add its ``RULE`` to ``RULES`` (the one list that
the hooks and the central registry read).
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

RULES = (
    ruff_s_not_selected.RULE,
    ruff_s_ignored.RULE,
    ruff_config_shadows.RULE,
    ruff_s_per_file_ignored.RULE,
    ruff_s_per_file_ignored_everywhere.RULE,
    ruff_excluded.RULE,
    ruff_fix_only.RULE,
    ruff_file_noqa.RULE,
    ruff_file_noqa_codes.RULE,
    ruff_hook_args.RULE,
    ruff_hook_skipped_in_ci.RULE,
    ruff_hook_stages.RULE,
    ruff_hook_missing.RULE,
    ruff_config_invalid.RULE,
    ruff_hook_files.RULE,
)
