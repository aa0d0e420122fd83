"""## What it does
With `--require-pre-commit-hook`: reports a repository with Python files whose
`.pre-commit-config.yaml` has no ruff check hook (`ruff-check` or `ruff` from
`astral-sh/ruff-pre-commit`, or a local hook running `ruff check`).

## Why is this bad?
A config that selects S enforces nothing unless something runs Ruff on every change.

## Example
```yaml
repos:
  - repo: https://github.com/astral-sh/ruff-pre-commit
    rev: v0.17.6
    hooks:
      - id: ruff-check
```

## Fix safety
No fix.

## References
- ruff-pre-commit: https://github.com/astral-sh/ruff-pre-commit
"""

from __future__ import annotations

from supply_chain_hooks.model import FixAvailability, Rule
from supply_chain_hooks.ruff.causes import HookMissing
from supply_chain_hooks.ruff.helpers import file_list, finding

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.model import Finding
    from supply_chain_hooks.ruff.context import RuffContext

RULE = Rule(
    code="SCH413",
    name="ruff-hook-missing",
    hook="enforce-ruff-S",
    summary="no ruff hook in .pre-commit-config.yaml",
    fix=FixAvailability.NONE,
    doc=__doc__,
)


def check(context: RuffContext) -> Iterator[Finding]:
    for reason in context.verdict.reasons:
        cause = reason.cause
        if isinstance(cause, HookMissing):
            message = (
                "no ruff hook (astral-sh/ruff-pre-commit `ruff-check`) runs Ruff on "
                f"{file_list(reason.files)}"
            )
            yield finding(context, RULE, cause.origin, message)
