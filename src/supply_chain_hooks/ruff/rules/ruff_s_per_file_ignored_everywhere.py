"""## What it does
Reports a per-file ignore whose pattern matches any Python file anywhere (`"*"`, `"**"`,
`"*.py"`, `"**/*.py"`, negated patterns such as `"!tests/**"`) and switches required S rules
off.

## Why is this bad?
`--show-settings` still lists the rules as enabled, so the config looks right while Ruff
reports nothing.

## Example
```toml
[tool.ruff.lint.per-file-ignores]
"*" = ["S"]   # SCH405
```

## Fix safety
No fix: the entry needs a human.

## References
- Ruff: [`lint.per-file-ignores`](https://docs.astral.sh/ruff/settings/#lint_per-file-ignores)
"""

from supply_chain_hooks.model import FixAvailability, Rule

RULE = Rule(
    code="SCH405",
    name="ruff-s-per-file-ignored-everywhere",
    hook="enforce-ruff-S",
    summary="a per-file ignore matches every Python file",
    fix=FixAvailability.NONE,
    doc=__doc__,
)
