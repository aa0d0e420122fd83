"""## What it does
Reports a nested Ruff config that sets nothing (an empty `.ruff.toml`, a `pyproject.toml`
with a bare `[tool.ruff]` or `[tool.ruff.lint]`) and has no `extend`, when the config it
replaces would enable the S rules for its files.

## Why is this bad?
Ruff uses the single nearest config and does not merge it with its parents. An empty
`.ruff.toml` committed by accident, or a sub-package `pyproject.toml` with an empty
`[tool.ruff]` table, turns every S rule but three off for that whole directory.

## Example
```text
pyproject.toml          [tool.ruff.lint] extend-select = ["S"]
pkg/pyproject.toml      [tool.ruff]          # SCH403: replaces the root config
```
Use instead: delete the empty table, or write `extend = "../pyproject.toml"` in it.

## Fix safety
No fix: deleting the file or adding `extend` are both plausible and only a human knows
which was meant.

## References
- Ruff: [config file discovery](https://docs.astral.sh/ruff/configuration/#config-file-discovery)
"""

from __future__ import annotations

from supply_chain_hooks.model import FixAvailability, Rule
from supply_chain_hooks.ruff.causes import Shadowed
from supply_chain_hooks.ruff.helpers import codes, file_list, finding

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.model import Finding
    from supply_chain_hooks.ruff.context import RuffContext

RULE = Rule(
    code="SCH403",
    name="ruff-config-shadows",
    hook="enforce-ruff-S",
    summary="an empty nested config replaces one that enables S",
    fix=FixAvailability.NONE,
    doc=__doc__,
)


def check(context: RuffContext) -> Iterator[Finding]:
    table = context.verdict.table
    for reason in context.verdict.reasons:
        cause = reason.cause
        if isinstance(cause, Shadowed):
            message = (
                f"this empty Ruff config replaces {cause.replaces} (no `extend`), which enables "
                f"{codes(table, reason.rules)}, for {file_list(reason.files)}"
            )
            yield finding(context, RULE, cause.origin, message)
