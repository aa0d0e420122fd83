"""## What it does
Reports `# ruff: noqa: S603, S607` and `# ruff: file-ignore[S603]` directives that
switch required S rules off for a whole file. Prefixes (`# ruff: noqa: S`) are invalid in
Ruff and are not counted.

## Why is this bad?
File-wide exemptions hide every future occurrence in the file, not only the reviewed one.

## Example
```python
# ruff: noqa: S603   SCH409
```
Allow the code with `--allow-ignore S603` if the policy permits it.

## Fix safety
No fix.

## References
- Ruff: [error suppression](https://docs.astral.sh/ruff/linter/#error-suppression)
"""

from __future__ import annotations

from supply_chain_hooks.model import FixAvailability, Rule
from supply_chain_hooks.ruff.causes import FileNoqa
from supply_chain_hooks.ruff.helpers import codes, finding

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.model import Finding
    from supply_chain_hooks.ruff.context import RuffContext

RULE = Rule(
    code="SCH409",
    name="ruff-file-noqa-codes",
    hook="enforce-ruff-S",
    summary="a file-level noqa switches required S rules off",
    fix=FixAvailability.NONE,
    doc=__doc__,
)


def check(context: RuffContext) -> Iterator[Finding]:
    table = context.verdict.table
    for reason in context.verdict.reasons:
        cause = reason.cause
        if isinstance(cause, FileNoqa) and cause.codes is not None:
            message = (
                f"`{cause.comment.strip()}` switches off {codes(table, reason.rules)} in this file"
            )
            yield finding(context, RULE, cause.origin, message)
