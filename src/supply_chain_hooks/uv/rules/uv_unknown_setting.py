"""## What it does
Reports keys that uv 0.13 does not know at the top level of `[tool.uv]` or `uv.toml`, such as
`exclude_newer` (underscore) or `exclude-newer-packages`.

## Why is this bad?
uv reads these tables with `deny_unknown_fields`. In `pyproject.toml` one unknown key makes
uv warn and ignore the *whole* `[tool.uv]` table, so `exclude-newer` beside it does nothing.

## Example
```toml
[tool.uv]
exclude_newer = "7 days"
```
Use instead:
```toml
[tool.uv]
exclude-newer = "7 days"
```

## Fix safety
Misspellings of `exclude-newer` and `exclude-newer-package` (case, `_` for `-`, plural) are
renamed when the correct key is not also present. Other unknown keys have no fix. A key that
a newer uv introduced is reported too: upgrade the hook, or suppress it with a reason.

## References
- uv settings reference (`reference/settings.md`)
"""

from supply_chain_hooks.model import FixAvailability, Rule

RULE = Rule(
    code="SCH309",
    name="uv-unknown-setting",
    hook="check-uv-exclude-newer",
    summary="unknown key in [tool.uv] or uv.toml: uv ignores the whole table",
    fix=FixAvailability.SOMETIMES,
    doc=__doc__,
)
