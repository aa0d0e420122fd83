"""## What it does
Reports a relative `exclude-newer` (a duration) shorter than `--min-cooldown`
(default `3 days`; `min-cooldown` in `[tool.supply-chain-hooks.check-uv-exclude-newer]`).

## Why is this bad?
Malicious releases are usually detected within a few days. A cooldown of hours keeps
little of that protection.

## Example
```toml
[tool.uv]
exclude-newer = "12 hours"
```
Use instead:
```toml
[tool.uv]
exclude-newer = "7 days"
```

## Fix safety
The fix replaces the value with `--fix-value`. It lengthens the cooldown, so a freshly
released version you rely on may no longer be allowed: run `uv lock` and review.

## References
- uv docs, "Dependency cooldowns"; Renovate `minimumReleaseAge`; Dependabot `cooldown`
"""

from supply_chain_hooks.model import FixAvailability, Rule

RULE = Rule(
    code="SCH304",
    name="uv-cooldown-too-short",
    hook="check-uv-exclude-newer",
    summary="relative exclude-newer shorter than --min-cooldown",
    fix=FixAvailability.ALWAYS,
    doc=__doc__,
)
