"""## What it does
Reports `fix-only = true` in the config that governs Python files.

## Why is this bad?
With `fix-only` Ruff applies fixes and exits 0 without reporting a single violation; no S
rule has a fix, so none is ever seen.

## Example
```toml
[tool.ruff]
fix-only = true   # SCH407
```

## Fix safety
No fix: remove the key, or run a second, reporting `ruff check`.

## References
- Ruff: [`fix-only`](https://docs.astral.sh/ruff/settings/#fix-only)
"""

from __future__ import annotations

from supply_chain_hooks.model import FixAvailability, Rule
from supply_chain_hooks.ruff.causes import FixOnly
from supply_chain_hooks.ruff.helpers import file_list, finding

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.model import Finding
    from supply_chain_hooks.ruff.context import RuffContext

RULE = Rule(
    code="SCH407",
    name="ruff-fix-only",
    hook="enforce-ruff-S",
    summary="fix-only = true: Ruff reports nothing",
    fix=FixAvailability.NONE,
    doc=__doc__,
)


def check(context: RuffContext) -> Iterator[Finding]:
    for reason in context.verdict.reasons:
        cause = reason.cause
        if isinstance(cause, FixOnly):
            message = f"`fix-only = true`: Ruff reports nothing for {file_list(reason.files)}"
            yield finding(context, RULE, cause.origin, message)
