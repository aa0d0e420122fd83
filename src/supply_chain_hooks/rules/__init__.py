"""Every rule, in one explicit list (a test checks that no rule module is left out)."""

from __future__ import annotations

from supply_chain_hooks.model import Rule
from supply_chain_hooks.rules import (
    invalid_file,
    invalid_suppression,
    pull_request_target,
    workflow_run,
)

ALL_RULES: tuple[Rule, ...] = (
    invalid_file.RULE,
    invalid_suppression.RULE,
    pull_request_target.RULE,
    workflow_run.RULE,
)


def by_key() -> dict[str, Rule]:
    """Rules by code and by name, as suppressions and `rule CODE` accept either."""
    table: dict[str, Rule] = {}
    for rule in ALL_RULES:
        table[rule.code] = rule
        table[rule.name] = rule
    return table
