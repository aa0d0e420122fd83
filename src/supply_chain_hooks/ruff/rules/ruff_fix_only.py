"""## What it does
Reports `fix-only = true` in the config that governs Python files.

## Why is this bad?
With `fix-only` Ruff applies fixes and exits 0 without reporting a single violation; no S
rule has a fix, so none is ever seen.

## Example
```toml
[tool.ruff]
fix-only = true   # SCH407
```

## Fix safety
No fix: remove the key, or run a second, reporting `ruff check`.

## References
- Ruff: [`fix-only`](https://docs.astral.sh/ruff/settings/#fix-only)
"""

from supply_chain_hooks.model import FixAvailability, Rule

RULE = Rule(
    code="SCH407",
    name="ruff-fix-only",
    hook="enforce-ruff-S",
    summary="fix-only = true: Ruff reports nothing",
    fix=FixAvailability.NONE,
    doc=__doc__,
)
