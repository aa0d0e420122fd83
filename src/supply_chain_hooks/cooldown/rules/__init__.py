"""The rules of the cooldown family, one module each: update bots and CI installs wait before
taking a new release (check-dependency-cooldown).

Every module holds its ``RULE`` (its docstring is the rule's documentation) and
``check(context: CooldownContext) -> Iterable[Finding]``, its detection and its message.
To add a rule: write its module here and add it to ``MODULES``, the family's one list;
``RULES`` (what the central registry reads) and the hook's rules follow from it.

Rule modules import their domain code (`cooldown/dependabot.py`, `fixes.py`...) inside
``check``: loading this package costs almost nothing.
"""

from __future__ import annotations

from supply_chain_hooks.cooldown.rules import (
    ci_cooldown_invalid,
    ci_cooldown_too_short,
    dependabot_cooldown_exemption,
    dependabot_cooldown_invalid,
    dependabot_cooldown_too_short,
    dependabot_semver_cooldown_unsupported,
    renovate_minimum_release_age_missing,
    renovate_minimum_release_age_too_short,
    renovate_package_rule_lowers_age,
)

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Protocol

    from supply_chain_hooks.cooldown.context import CooldownContext
    from supply_chain_hooks.model import Finding, Rule

    class RuleModule(Protocol):
        """What every module of this package holds."""

        RULE: Rule

        def check(self, context: CooldownContext) -> Iterable[Finding]: ...


#: Every rule of the family, in the order of their codes.
MODULES: tuple[RuleModule, ...] = (
    dependabot_cooldown_too_short,
    dependabot_cooldown_exemption,
    dependabot_cooldown_invalid,
    dependabot_semver_cooldown_unsupported,
    ci_cooldown_invalid,
    ci_cooldown_too_short,
    renovate_minimum_release_age_missing,
    renovate_minimum_release_age_too_short,
    renovate_package_rule_lowers_age,
)

RULES = tuple(module.RULE for module in MODULES)


def of_hook(hook: str) -> tuple[RuleModule, ...]:
    """The rule modules of one hook of the family, in the order of their codes."""
    return tuple(module for module in MODULES if module.RULE.hook == hook)
