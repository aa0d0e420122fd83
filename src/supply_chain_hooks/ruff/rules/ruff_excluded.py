"""## What it does
Reports `exclude`, `extend-exclude` and `lint.exclude` patterns (and Ruff's default
excludes such as `venv`, `dist`, `node_modules`) that drop tracked Python files. pre-commit's
ruff hook passes `--force-exclude`, so such files are never checked.

## Why is this bad?
An exclude meant for generated code easily matches real code (`"gen"` matches every
directory named `gen`, a pattern without `/` matches a basename at any depth).

## Example
```toml
[tool.ruff]
extend-exclude = ["scripts"]   # SCH406: scripts/deploy.py is never checked
```

## Fix safety
No fix.

## References
- Ruff: [`exclude`](https://docs.astral.sh/ruff/settings/#exclude), [`force-exclude`](https://docs.astral.sh/ruff/settings/#force-exclude)
"""

from __future__ import annotations

from supply_chain_hooks.model import FixAvailability, Rule
from supply_chain_hooks.ruff.causes import Excluded
from supply_chain_hooks.ruff.helpers import file_list, finding

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.model import Finding
    from supply_chain_hooks.ruff.context import RuffContext

RULE = Rule(
    code="SCH406",
    name="ruff-excluded",
    hook="enforce-ruff-S",
    summary="tracked Python files are excluded from Ruff",
    fix=FixAvailability.NONE,
    doc=__doc__,
)


def check(context: RuffContext) -> Iterator[Finding]:
    for reason in context.verdict.reasons:
        cause = reason.cause
        if isinstance(cause, Excluded):
            message = (
                f"{cause.pattern} excludes {file_list(reason.files)} from Ruff "
                "(the ruff hook passes --force-exclude)"
            )
            yield finding(context, RULE, cause.origin, message)
