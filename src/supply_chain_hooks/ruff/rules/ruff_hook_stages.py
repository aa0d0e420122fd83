"""## What it does
Reports a ruff hook whose `stages` (or the top-level `default_stages`) leave out
`pre-commit`, e.g. `stages: [manual]`.

## Why is this bad?
A manual (or pre-push only) hook does not run on commit, and pre-commit.ci runs only the
commit stage.

## Example
```yaml
- id: ruff-check
  stages: [manual]   # SCH412
```

## Fix safety
No fix.

## References
- pre-commit: [confining hooks to run at certain stages](https://pre-commit.com/#confining-hooks-to-run-at-certain-stages)
"""

from __future__ import annotations

from supply_chain_hooks.model import FixAvailability, Rule
from supply_chain_hooks.ruff.causes import HookStages
from supply_chain_hooks.ruff.helpers import file_list, finding

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.model import Finding
    from supply_chain_hooks.ruff.context import RuffContext

RULE = Rule(
    code="SCH412",
    name="ruff-hook-stages",
    hook="enforce-ruff-S",
    summary="the ruff hook does not run on commit",
    fix=FixAvailability.NONE,
    doc=__doc__,
)


def check(context: RuffContext) -> Iterator[Finding]:
    for reason in context.verdict.reasons:
        cause = reason.cause
        if isinstance(cause, HookStages):
            message = (
                f"the ruff hook runs only in stages [{', '.join(cause.stages)}]: not on commit, "
                f"nor on pre-commit.ci ({file_list(reason.files)})"
            )
            yield finding(context, RULE, cause.origin, message)
