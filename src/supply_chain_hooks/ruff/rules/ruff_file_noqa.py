"""## What it does
Reports a blanket file-level exemption, `# ruff: noqa` or `# flake8: noqa` on a line of its
own anywhere in the file (Ruff also honours it inside a comment such as
`# type: ignore # ruff: noqa`).

## Why is this bad?
One comment, possibly far down the file, disables every Ruff rule for the whole file.

## Example
```python
# ruff: noqa   SCH408
import subprocess
```
Use instead: `# noqa: S603` with a reason on the lines that need it.

## Fix safety
No fix.

## References
- Ruff: [error suppression](https://docs.astral.sh/ruff/linter/#error-suppression)
"""

from __future__ import annotations

from supply_chain_hooks.model import FixAvailability, Rule
from supply_chain_hooks.ruff.causes import FileNoqa
from supply_chain_hooks.ruff.helpers import finding

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.model import Finding
    from supply_chain_hooks.ruff.context import RuffContext

RULE = Rule(
    code="SCH408",
    name="ruff-file-noqa",
    hook="enforce-ruff-S",
    summary="a file-level # ruff: noqa switches every rule off",
    fix=FixAvailability.NONE,
    doc=__doc__,
)


def check(context: RuffContext) -> Iterator[Finding]:
    for reason in context.verdict.reasons:
        cause = reason.cause
        if isinstance(cause, FileNoqa) and cause.codes is None:
            message = f"`{cause.comment.strip()}` switches every Ruff rule off in this file"
            yield finding(context, RULE, cause.origin, message)
