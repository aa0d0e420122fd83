"""## What it does
Reports an absolute `exclude-newer` (a timestamp or a date) whose cutoff lies in the future,
or less than `--min-cooldown` ago.

## Why is this bad?
An absolute cutoff is a freeze, not a cooldown. A cutoff in the future (a typo in the year,
a date copied from a plan) lets every release through until that day; a cutoff from
yesterday gives almost no protection today.

## Example
```toml
[tool.uv]
exclude-newer = "2062-01-01"
```
Use instead:
```toml
[tool.uv]
exclude-newer = "7 days"
```

## Fix safety
The fix replaces the value with `--fix-value`, a relative cooldown: the lock then moves
with time instead of staying frozen. Run `uv lock` and review.

## References
- uv docs, "Reproducible resolutions"
"""

from supply_chain_hooks.model import FixAvailability, Rule

RULE = Rule(
    code="SCH305",
    name="uv-exclude-newer-absolute-recent",
    hook="check-uv-exclude-newer",
    summary="absolute exclude-newer in the future or more recent than --min-cooldown",
    fix=FixAvailability.ALWAYS,
    doc=__doc__,
)
