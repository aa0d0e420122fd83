"""## What it does
Reports a blanket file-level exemption, `# ruff: noqa` or `# flake8: noqa` on a line of its
own anywhere in the file (Ruff also honours it inside a comment such as
`# type: ignore # ruff: noqa`).

## Why is this bad?
One comment, possibly far down the file, disables every Ruff rule for the whole file.

## Example
```python
# ruff: noqa   SCH408
import subprocess
```
Use instead: `# noqa: S603` with a reason on the lines that need it.

## Fix safety
No fix.

## References
- Ruff: [error suppression](https://docs.astral.sh/ruff/linter/#error-suppression)
"""

from supply_chain_hooks.model import FixAvailability, Rule

RULE = Rule(
    code="SCH408",
    name="ruff-file-noqa",
    hook="enforce-ruff-S",
    summary="a file-level # ruff: noqa switches every rule off",
    fix=FixAvailability.NONE,
    doc=__doc__,
)
