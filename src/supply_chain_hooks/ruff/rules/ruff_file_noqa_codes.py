"""## What it does
Reports `# ruff: noqa: S603, S607` and `# ruff: file-ignore[S603]` directives that
switch required S rules off for a whole file. Prefixes (`# ruff: noqa: S`) are invalid in
Ruff and are not counted.

## Why is this bad?
File-wide exemptions hide every future occurrence in the file, not only the reviewed one.

## Example
```python
# ruff: noqa: S603   SCH409
```
Allow the code with `--allow-ignore S603` if the policy permits it.

## Fix safety
No fix.

## References
- Ruff: [error suppression](https://docs.astral.sh/ruff/linter/#error-suppression)
"""

from supply_chain_hooks.model import FixAvailability, Rule

RULE = Rule(
    code="SCH409",
    name="ruff-file-noqa-codes",
    hook="enforce-ruff-S",
    summary="a file-level noqa switches required S rules off",
    fix=FixAvailability.NONE,
    doc=__doc__,
)
