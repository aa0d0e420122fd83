"""The rules of the deps family, one module each: requirements files and lock files (require-lock-hashes).

Each rule module holds its ``RULE`` (identity and docs) and its ``check(context)``, which
reads a :data:`~supply_chain_hooks.deps.context.Context` and yields the rule's findings.
To add a rule: write its module here and add it to ``MODULES``, the family's one list;
``RULES`` (what the central registry reads) and each hook's rules follow from it.
"""

from __future__ import annotations

from supply_chain_hooks.deps.rules import (
    bad_include,
    broken_continuation,
    conflicting_duplicate,
    editable_requirement,
    environment_variable,
    extra_index_without_hashes,
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

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Protocol

    from supply_chain_hooks.deps.context import Context
    from supply_chain_hooks.model import Finding, Rule

    class RuleModule(Protocol):
        """What a rule module of this family provides (mypy checks each module against it)."""

        RULE: Rule

        def check(self, context: Context, /) -> Iterable[Finding]: ...


#: Every rule module of the family, in the order of their codes.
MODULES: tuple[RuleModule, ...] = (
    missing_hash,
    weak_hash,
    malformed_hash,
    unpinned_requirement,
    editable_requirement,
    vcs_requirement,
    local_directory_requirement,
    hash_without_requirement,
    broken_continuation,
    no_require_hashes,
    conflicting_duplicate,
    bad_include,
    invalid_requirement_line,
    environment_variable,
    extra_index_without_hashes,
    lock_missing_hash,
    lock_unpinned_vcs,
    lock_local_source,
    invalid_lock_file,
)
RULES = tuple(module.RULE for module in MODULES)


def of_hook(hook: str) -> tuple[RuleModule, ...]:
    """The rule modules of one hook of the family, in the order of their codes."""
    return tuple(module for module in MODULES if module.RULE.hook == hook)
