"""Every rule, in one explicit list (a test checks that no rule module is left out).

The list is built on first use (``ALL_RULES``, :func:`by_key`), not when a hook imports its
own rule modules: a hook's start-up then pays only for the rules it runs. To register a
rule, add its module to the import and its ``RULE`` to the tuple in :func:`_all_rules`.
"""

from __future__ import annotations

from supply_chain_hooks.model import Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    ALL_RULES: tuple[Rule, ...]


def _all_rules() -> tuple[Rule, ...]:
    from supply_chain_hooks.rules import (  # require-lock-hashes  # check-uv-exclude-newer
        ambiguous_ref,
        bad_include,
        broken_continuation,
        conflicting_duplicate,
        editable_requirement,
        environment_variable,
        hash_without_requirement,
        invalid_file,
        invalid_lock_file,
        invalid_requirement_line,
        invalid_suppression,
        invalid_uses,
        local_directory_requirement,
        lock_local_source,
        lock_missing_hash,
        lock_unpinned_vcs,
        malformed_hash,
        missing_hash,
        no_require_hashes,
        pull_request_target,
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
        short_sha_ref,
        unpinned_action_ref,
        unpinned_docker_image,
        unpinned_requirement,
        uppercase_sha_ref,
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
        vcs_requirement,
        version_comment_mismatch,
        weak_hash,
        workflow_run,
    )

    return (
        invalid_file.RULE,
        invalid_suppression.RULE,
        unpinned_action_ref.RULE,
        short_sha_ref.RULE,
        uppercase_sha_ref.RULE,
        invalid_uses.RULE,
        unpinned_docker_image.RULE,
        version_comment_mismatch.RULE,
        ambiguous_ref.RULE,
        pull_request_target.RULE,
        workflow_run.RULE,
        # require-lock-hashes
        missing_hash.RULE,
        weak_hash.RULE,
        malformed_hash.RULE,
        unpinned_requirement.RULE,
        editable_requirement.RULE,
        vcs_requirement.RULE,
        local_directory_requirement.RULE,
        hash_without_requirement.RULE,
        broken_continuation.RULE,
        no_require_hashes.RULE,
        conflicting_duplicate.RULE,
        bad_include.RULE,
        invalid_requirement_line.RULE,
        environment_variable.RULE,
        lock_missing_hash.RULE,
        lock_unpinned_vcs.RULE,
        lock_local_source.RULE,
        invalid_lock_file.RULE,
        # check-uv-exclude-newer
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
        # enforce-ruff-S
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


def _registry() -> tuple[Rule, ...]:
    rules: tuple[Rule, ...] | None = globals().get("ALL_RULES")
    if rules is None:
        rules = _all_rules()
        globals()["ALL_RULES"] = rules
    return rules


def __getattr__(name: str) -> tuple[Rule, ...]:
    if name == "ALL_RULES":
        return _registry()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def by_key() -> dict[str, Rule]:
    """Rules by code and by name, as suppressions and `rule CODE` accept either."""
    table: dict[str, Rule] = {}
    for rule in _registry():
        table[rule.code] = rule
        table[rule.name] = rule
    return table
