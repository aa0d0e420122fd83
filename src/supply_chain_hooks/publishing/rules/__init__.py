"""The rules of the publishing family, one module each: how workflows upload to PyPI
(require-trusted-publishing).

Every module holds its ``RULE`` (its docstring is the rule's documentation) and
``check(context: PublishContext) -> Iterable[Finding]``, its detection and its message.
To add a rule: write its module here and add it to ``MODULES``, the family's one list;
``RULES`` (what the central registry reads) and the hook's rules follow from it.

Rule modules import their domain code (`publishing/publishes.py`, `credentials.py`,
`jobs.py`...) inside ``check``: loading this package costs a hook that checks a file without
any publish almost nothing.
"""

from __future__ import annotations

from supply_chain_hooks.publishing.rules import (
    attestations_disabled,
    no_trusted_publishing_tool,
    publish_job_without_environment,
    publish_job_without_id_token,
    publish_on_untrusted_trigger,
    stored_publish_credential,
    workflow_level_id_token,
)

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Protocol

    from supply_chain_hooks.model import Finding, Rule
    from supply_chain_hooks.publishing.context import PublishContext

    class RuleModule(Protocol):
        """What every module of this package holds."""

        RULE: Rule

        def check(self, context: PublishContext) -> Iterable[Finding]: ...


#: Every rule of the family, in the order of their codes.
MODULES: tuple[RuleModule, ...] = (
    stored_publish_credential,
    publish_job_without_id_token,
    workflow_level_id_token,
    attestations_disabled,
    publish_on_untrusted_trigger,
    no_trusted_publishing_tool,
    publish_job_without_environment,
)

RULES = tuple(module.RULE for module in MODULES)


def of_hook(hook: str) -> tuple[RuleModule, ...]:
    """The rule modules of one hook of the family, in the order of their codes."""
    return tuple(module for module in MODULES if module.RULE.hook == hook)
