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

from supply_chain_hooks.model import FixAvailability, Rule

RULE = Rule(
    code="SCH312",
    name="uv-exclude-newer-pip-only",
    hook="check-uv-exclude-newer",
    summary="exclude-newer only under [tool.uv.pip]: uv lock and uv sync ignore it",
    fix=FixAvailability.ALWAYS,
    doc=__doc__,
)
