"""## What it does
Reports `exclude-newer` set under `[tool.uv.pip]` (or `[pip]` in `uv.toml`) when the
top-level `exclude-newer` is missing.

## Why is this bad?
`[tool.uv.pip]` configures only the `uv pip …` interface. `uv lock`, `uv sync` and `uv add`
resolve without a cooldown.

## Example
```toml
[tool.uv.pip]
exclude-newer = "7 days"
```
Use instead:
```toml
[tool.uv]
exclude-newer = "7 days"
```

## Fix safety
The fix inserts the same value (or `--fix-value` when it fails the policy) at the top level
of `[tool.uv]`; the `[tool.uv.pip]` value stays for `uv pip`.

## References
- uv settings reference, "pip" section
"""

from __future__ import annotations

from supply_chain_hooks.model import Finding, FixAvailability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterable

    from supply_chain_hooks.uv.context import UvContext

RULE = Rule(
    code="SCH312",
    name="uv-exclude-newer-pip-only",
    hook="check-uv-exclude-newer",
    summary="exclude-newer only under [tool.uv.pip]: uv lock and uv sync ignore it",
    fix=FixAvailability.ALWAYS,
    doc=__doc__,
)


def check(context: UvContext) -> Iterable[Finding]:
    """exclude-newer is set only under [pip], which resolving and syncing ignore."""
    from supply_chain_hooks.uv import helpers
    from supply_chain_hooks.uv.settings import KEY

    for settings in context.settings:
        missing = settings.missing
        if missing is None or not missing.pip_only:
            continue
        file = settings.file
        yield Finding(
            RULE,
            file.path,
            file.key_location("pip", KEY),
            f"{KEY} is set only under {'[pip]' if file.is_uv_toml else '[tool.uv.pip]'}, which "
            "`uv lock`/`uv sync` ignore",
            helpers.set_global(file, missing.value),
        )
