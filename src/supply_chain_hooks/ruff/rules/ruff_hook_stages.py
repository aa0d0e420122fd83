"""## What it does
Reports a ruff hook whose `stages` (or the top-level `default_stages`) leave out
`pre-commit`, e.g. `stages: [manual]`.

## Why is this bad?
A manual (or pre-push only) hook does not run on commit, and pre-commit.ci runs only the
commit stage.

## Example
```yaml
- id: ruff-check
  stages: [manual]   # SCH412
```

## Fix safety
No fix.

## References
- pre-commit: [confining hooks to run at certain stages](https://pre-commit.com/#confining-hooks-to-run-at-certain-stages)
"""

from supply_chain_hooks.model import FixAvailability, Rule

RULE = Rule(
    code="SCH412",
    name="ruff-hook-stages",
    hook="enforce-ruff-S",
    summary="the ruff hook does not run on commit",
    fix=FixAvailability.NONE,
    doc=__doc__,
)
