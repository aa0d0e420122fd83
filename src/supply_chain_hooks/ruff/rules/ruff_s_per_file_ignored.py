"""## What it does
Reports a `per-file-ignores` or `extend-per-file-ignores` entry that switches required S
rules off for some non-test files, with Ruff's matching: the pattern against the basename or,
anchored at the directory of the config that defines it, against the whole path; `*` crosses
`/`; `!` negates.

## Why is this bad?
Per-file ignores are often written for one file and then match many (`"core.py"` matches
every `core.py`, `"src/*"` every file below `src/`).

## Example
```toml
[tool.ruff.lint.per-file-ignores]
"scripts/*" = ["S603"]   # SCH404
```
Allow the codes with `--allow-ignore S603` if that is the policy, or silence single lines.

## Fix safety
No fix: a per-file ignore is a deliberate decision that needs review.

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
    code="SCH404",
    name="ruff-s-per-file-ignored",
    hook="enforce-ruff-S",
    summary="a per-file ignore switches required S rules off for some files",
    fix=FixAvailability.NONE,
    doc=__doc__,
)


def check(context: RuffContext) -> Iterator[Finding]:
    table = context.verdict.table
    for reason in context.verdict.reasons:
        cause = reason.cause
        if isinstance(cause, PerFileIgnored) and not cause.everywhere:
            message = (
                f'per-file ignore "{cause.pattern}" switches off {codes(table, reason.rules)} '
                f"for {file_list(reason.files)}"
            )
            yield finding(context, RULE, cause.origin, message)
