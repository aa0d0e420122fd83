"""## What it does
Reports the ruff hook's id, or its `alias` (pre-commit matches either), in `ci: skip` of
`.pre-commit-config.yaml`.

## Why is this bad?
pre-commit.ci then never runs Ruff; pull requests from contributors without local hooks
are never checked.

## Example
```yaml
ci:
  skip: [ruff-check]   # SCH411
```

## Fix safety
No fix.

## References
- pre-commit.ci: https://pre-commit.ci/#configuration-skip
"""

from __future__ import annotations

from supply_chain_hooks.model import FixAvailability, Rule
from supply_chain_hooks.ruff.causes import HookSkippedInCi
from supply_chain_hooks.ruff.helpers import file_list, finding

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.model import Finding
    from supply_chain_hooks.ruff.context import RuffContext

RULE = Rule(
    code="SCH411",
    name="ruff-hook-skipped-in-ci",
    hook="enforce-ruff-S",
    summary="the ruff hook is listed in ci: skip",
    fix=FixAvailability.NONE,
    doc=__doc__,
)


def check(context: RuffContext) -> Iterator[Finding]:
    for reason in context.verdict.reasons:
        cause = reason.cause
        if isinstance(cause, HookSkippedInCi):
            message = (
                f"the `{cause.hook_id}` hook is listed in `ci: skip`: "
                f"pre-commit.ci never runs Ruff on {file_list(reason.files)}"
            )
            yield finding(context, RULE, cause.origin, message)
