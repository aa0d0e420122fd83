"""## What it does
Reports `exclude-newer = false`, a zero span (`"0 days"`, `"PT0S"`) and a
`{ timestamp, span }` table whose span cannot be subtracted from now (uv then uses "now").

## Why is this bad?
Each of them is accepted by uv and turns the cooldown off while looking configured.

## Example
```toml
[tool.uv]
exclude-newer = "0 days"
```
Use instead:
```toml
[tool.uv]
exclude-newer = "7 days"
```

## Fix safety
The fix replaces the value with `--fix-value` (default `"7 days"`). Run `uv lock` afterwards.

## References
- uv docs, "Dependency cooldowns"
"""

from supply_chain_hooks.model import FixAvailability, Rule

RULE = Rule(
    code="SCH303",
    name="uv-exclude-newer-disabled",
    hook="check-uv-exclude-newer",
    summary="exclude-newer is false or a zero duration: no cooldown",
    fix=FixAvailability.ALWAYS,
    doc=__doc__,
)
