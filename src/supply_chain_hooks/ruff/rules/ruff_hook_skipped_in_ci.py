"""## What it does
Reports the ruff hook's id in `ci: skip` of `.pre-commit-config.yaml`.

## Why is this bad?
pre-commit.ci then never runs Ruff; pull requests from contributors without local hooks
are never checked.

## Example
```yaml
ci:
  skip: [ruff-check]   # SCH411
```

## Fix safety
No fix.

## References
- pre-commit.ci: https://pre-commit.ci/#configuration-skip
"""

from supply_chain_hooks.model import FixAvailability, Rule

RULE = Rule(
    code="SCH411",
    name="ruff-hook-skipped-in-ci",
    hook="enforce-ruff-S",
    summary="the ruff hook is listed in ci: skip",
    fix=FixAvailability.NONE,
    doc=__doc__,
)
