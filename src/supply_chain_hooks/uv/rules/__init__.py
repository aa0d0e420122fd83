"""The rules of the uv family, one module each: uv's dependency cooldown (check-uv-exclude-newer).

To add a rule: write its module here and add its ``RULE`` to ``RULES`` (the one list that
the hooks and the central registry read).
"""

from __future__ import annotations

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

RULES = (
    uv_exclude_newer_missing.RULE,
    uv_exclude_newer_invalid.RULE,
    uv_exclude_newer_disabled.RULE,
    uv_cooldown_too_short.RULE,
    uv_exclude_newer_absolute_recent.RULE,
    uv_exclude_newer_time_dropped.RULE,
    uv_exclude_newer_package_disabled.RULE,
    uv_exclude_newer_package_shorter.RULE,
    uv_unknown_setting.RULE,
    uv_exclude_newer_index_override.RULE,
    uv_exclude_newer_in_member.RULE,
    uv_exclude_newer_pip_only.RULE,
    uv_exclude_newer_shadowed.RULE,
    uv_lock_exclude_newer_stale.RULE,
)
