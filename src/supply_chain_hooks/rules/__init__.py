"""The central registry: the core rules (SCH001, SCH002, SCH003) and every family's ``RULES``.

Each family keeps its one explicit list in ``<family>/rules/__init__.py``; this module only
chains them. The list is built on first use (``ALL_RULES``, :func:`by_key`), not when a hook
imports its own family: a hook's start-up then pays only for the rules it runs.
"""

from __future__ import annotations

from supply_chain_hooks.model import Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    ALL_RULES: tuple[Rule, ...]

#: The families, in the order of their rule codes.
FAMILIES = ("github", "deps", "uv", "ruff", "precommit", "cooldown", "publishing", "installs")


def _all_rules() -> tuple[Rule, ...]:
    import importlib

    from supply_chain_hooks.rules import invalid_file, invalid_suppression, unreachable_server

    rules: tuple[Rule, ...] = (invalid_file.RULE, invalid_suppression.RULE, unreachable_server.RULE)
    for family in FAMILIES:
        rules += importlib.import_module(f"supply_chain_hooks.{family}.rules").RULES
    return rules


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
