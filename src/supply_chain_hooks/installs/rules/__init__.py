"""The rules of the installs family, one module each: what CI installs
(require-hashed-installs).

Every module holds its ``RULE`` (its docstring is the rule's documentation) and
``check(context: InstallContext) -> Iterable[Finding]``, its detection and its message.
To add a rule: write its module here and add it to ``MODULES``, the family's one list;
``RULES`` (what the central registry reads) and the hook's rules follow from it.

Rule modules import their domain code (`installs/pip.py`, `helpers.py`...) inside
``check``: loading this package costs a hook that checks a file without any install
almost nothing.
"""

from __future__ import annotations

from supply_chain_hooks.installs.rules import (
    extra_index,
    local_install_with_dependencies,
    missing_requirements_file,
    setup_python_pip_install,
    unhashed_install,
    unlocked_uv_command,
    unpinned_tool,
    uv_lock_upgrade,
)

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Protocol

    from supply_chain_hooks.installs.context import InstallContext
    from supply_chain_hooks.model import Finding, Rule

    class RuleModule(Protocol):
        """What every module of this package holds."""

        RULE: Rule

        def check(self, context: InstallContext) -> Iterable[Finding]: ...


#: Every rule of the family, in the order of their codes.
MODULES: tuple[RuleModule, ...] = (
    unhashed_install,
    local_install_with_dependencies,
    missing_requirements_file,
    unlocked_uv_command,
    uv_lock_upgrade,
    unpinned_tool,
    extra_index,
    setup_python_pip_install,
)

RULES = tuple(module.RULE for module in MODULES)


def of_hook(hook: str) -> tuple[RuleModule, ...]:
    """The rule modules of one hook of the family, in the order of their codes."""
    return tuple(module for module in MODULES if module.RULE.hook == hook)
