"""## What it does
Reports a per-file ignore whose pattern matches any Python file anywhere (`"*"`, `"**"`,
`"*.py"`, `"**/*.py"`, negated patterns such as `"!tests/**"`) and switches required S rules
off.

## Why is this bad?
`--show-settings` still lists the rules as enabled, so the config looks right while Ruff
reports nothing.

## Example
```toml
[tool.ruff.lint.per-file-ignores]
"*" = ["S"]   # SCH405
```

## Fix safety
No fix: the entry needs a human.

## References
- Ruff: [`lint.per-file-ignores`](https://docs.astral.sh/ruff/settings/#lint_per-file-ignores)
"""

from __future__ import annotations

from supply_chain_hooks.model import FixAvailability, Rule
from supply_chain_hooks.ruff.causes import PerFileIgnored
from supply_chain_hooks.ruff.helpers import codes, file_list, finding

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.model import Finding
    from supply_chain_hooks.ruff.context import RuffContext

RULE = Rule(
    code="SCH405",
    name="ruff-s-per-file-ignored-everywhere",
    hook="enforce-ruff-S",
    summary="a per-file ignore matches every Python file",
    fix=FixAvailability.NONE,
    doc=__doc__,
)


def check(context: RuffContext) -> Iterator[Finding]:
    table = context.verdict.table
    for reason in context.verdict.reasons:
        cause = reason.cause
        if isinstance(cause, PerFileIgnored) and cause.everywhere:
            message = (
                f'per-file ignore "{cause.pattern}" matches every Python file: '
                f"{codes(table, reason.rules)} off for {file_list(reason.files)}"
            )
            yield finding(context, RULE, cause.origin, message)
