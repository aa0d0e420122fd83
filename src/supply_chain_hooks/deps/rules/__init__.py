"""The rules of the deps family, one module each: requirements files and lock files (require-lock-hashes).

To add a rule: write its module here and add its ``RULE`` to ``RULES`` (the one list that
the hooks and the central registry read).
"""

from __future__ import annotations

from supply_chain_hooks.deps.rules import (
    bad_include,
    broken_continuation,
    conflicting_duplicate,
    editable_requirement,
    environment_variable,
    hash_without_requirement,
    invalid_lock_file,
    invalid_requirement_line,
    local_directory_requirement,
    lock_local_source,
    lock_missing_hash,
    lock_unpinned_vcs,
    malformed_hash,
    missing_hash,
    no_require_hashes,
    unpinned_requirement,
    vcs_requirement,
    weak_hash,
)

RULES = (
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
)
