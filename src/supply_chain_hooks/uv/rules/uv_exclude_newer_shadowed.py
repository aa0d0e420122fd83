"""## What it does
Reports `exclude-newer` in a `pyproject.toml` whose directory also holds a `uv.toml`, at
both places: the ignored key and the `uv.toml` that uv reads instead.

## Why is this bad?
When a directory has a `uv.toml` (even an empty one), uv reads only that file and ignores
`[tool.uv]` in `pyproject.toml`, with at most a warning. The cooldown you see is not the
one uv applies.

## Example
```toml
# pyproject.toml
[tool.uv]
exclude-newer = "7 days"
# uv.toml (beside it)
index-url = "https://pypi.example.com/simple"
```
Use instead: put `exclude-newer = "7 days"` in `uv.toml`.

## Fix safety
The fix copies the value into `uv.toml` when it has none, and removes the ignored key from
`pyproject.toml`. A masked `exclude-newer-package` is reported without a fix.

## References
- uv docs, "Configuration files" (uv.toml takes precedence over pyproject.toml)
"""

from supply_chain_hooks.model import FixAvailability, Rule

RULE = Rule(
    code="SCH313",
    name="uv-exclude-newer-shadowed",
    hook="check-uv-exclude-newer",
    summary="[tool.uv] exclude-newer masked by a uv.toml beside pyproject.toml",
    fix=FixAvailability.SOMETIMES,
    doc=__doc__,
)
