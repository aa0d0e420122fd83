"""## What it does
Reports `files`, `exclude`, `types`/`types_or`/`exclude_types` of the ruff hook, or the
top-level `files`/`exclude`, that keep tracked Python files from reaching Ruff.

## Why is this bad?
pre-commit only passes matching files to the hook; the others are never checked.

## Example
```yaml
- id: ruff-check
  exclude: ^scripts/   # SCH415
```

## Fix safety
No fix.

## References
- pre-commit: [filtering files with types](https://pre-commit.com/#filtering-files-with-types)
"""

from __future__ import annotations

from supply_chain_hooks.model import FixAvailability, Rule
from supply_chain_hooks.ruff.causes import HookFiles
from supply_chain_hooks.ruff.helpers import file_list, finding

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.model import Finding
    from supply_chain_hooks.ruff.context import RuffContext

RULE = Rule(
    code="SCH415",
    name="ruff-hook-files",
    hook="enforce-ruff-S",
    summary="the ruff hook's file filters skip Python files",
    fix=FixAvailability.NONE,
    doc=__doc__,
)


def check(context: RuffContext) -> Iterator[Finding]:
    for reason in context.verdict.reasons:
        cause = reason.cause
        if isinstance(cause, HookFiles):
            message = (
                f"{cause.origin.label} keeps {file_list(reason.files)} away from the ruff hook"
            )
            yield finding(context, RULE, cause.origin, message)
