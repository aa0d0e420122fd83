"""## What it does
Reports a config Ruff refuses to start with: unknown keys, wrong value types, unknown rule
selectors (outside preview), rule names or categories without preview, removed rules
selected (`S410`), a missing or circular `extend` or an unset variable in it, invalid glob
patterns, a `required-version` that excludes the hook's version, unparsable `--config`
arguments.

## Why is this bad?
Ruff stops before checking anything; the verdict for the files it governs is unknown.

## Example
```toml
[tool.ruff.lint]
select = ["S", "S410"]   # SCH414: Rule S410 was removed and cannot be selected
```

## Fix safety
No fix.

## References
- Ruff: [settings](https://docs.astral.sh/ruff/settings/)
"""

from supply_chain_hooks.model import FixAvailability, Rule

RULE = Rule(
    code="SCH414",
    name="ruff-config-invalid",
    hook="enforce-ruff-S",
    summary="Ruff would reject the configuration",
    fix=FixAvailability.NONE,
    doc=__doc__,
)
