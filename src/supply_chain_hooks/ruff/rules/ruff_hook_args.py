"""## What it does
Reports `args` (or a local hook's `entry`) of the ruff pre-commit hook that stop S rules
from being enforced, applied as Ruff's command line applies them to every config:
`--select` without S, `--ignore`/`--extend-ignore`, `--config` (file or inline TOML),
`--isolated`, `--per-file-ignores`, `--exclude`, `--fix-only`, and flags that make the hook
pass whatever Ruff finds (`--exit-zero`, `--diff`, `--add-noqa`, `--show-settings`).

## Why is this bad?
Command-line options override every config file; the config can select S while the hook
never reports it.

## Example
```yaml
- id: ruff-check
  args: [--fix, --exit-zero]   # SCH410
```

## Fix safety
No fix: the hook arguments need a human.

## References
- Ruff: [command-line interface](https://docs.astral.sh/ruff/configuration/#full-command-line-interface)
"""

from __future__ import annotations

from supply_chain_hooks.model import FixAvailability, Rule
from supply_chain_hooks.ruff.causes import HookArgument
from supply_chain_hooks.ruff.helpers import codes, file_list, finding

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.model import Finding
    from supply_chain_hooks.ruff.context import RuffContext

RULE = Rule(
    code="SCH410",
    name="ruff-hook-args",
    hook="enforce-ruff-S",
    summary="the ruff hook's arguments switch S rules off",
    fix=FixAvailability.NONE,
    doc=__doc__,
)


def check(context: RuffContext) -> Iterator[Finding]:
    table = context.verdict.table
    for reason in context.verdict.reasons:
        cause = reason.cause
        if isinstance(cause, HookArgument):
            message = (
                f"{cause.origin.label} {cause.effect}: {codes(table, reason.rules)} "
                f"not enforced for {file_list(reason.files)}"
            )
            yield finding(context, RULE, cause.origin, message)
