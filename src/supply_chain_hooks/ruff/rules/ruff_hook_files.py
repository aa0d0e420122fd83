"""## What it does
Reports `files`, `exclude`, `types`/`types_or`/`exclude_types` of the ruff hook, or the
top-level `files`/`exclude`, that keep tracked Python files from reaching Ruff.

## Why is this bad?
pre-commit only passes matching files to the hook; the others are never checked.

## Example
```yaml
- id: ruff-check
  exclude: ^scripts/   # SCH415
```

## Fix safety
No fix.

## References
- pre-commit: [filtering files with types](https://pre-commit.com/#filtering-files-with-types)
"""

from supply_chain_hooks.model import FixAvailability, Rule

RULE = Rule(
    code="SCH415",
    name="ruff-hook-files",
    hook="enforce-ruff-S",
    summary="the ruff hook's file filters skip Python files",
    fix=FixAvailability.NONE,
    doc=__doc__,
)
