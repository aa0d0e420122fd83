"""## What it does
Reports an `exclude-newer-package` entry whose cooldown is shorter than the global
`exclude-newer` (or than `--min-cooldown` when there is no global value), including an
absolute cutoff in the future.

## Why is this bad?
A package entry wins over the global value, so the package gets less protection than the
rest of the dependency tree.

## Example
```toml
[tool.uv]
exclude-newer = "7 days"
exclude-newer-package = { httpx = "1 day" }
```
Use instead: remove the entry, or keep it with a reason on its line
(`# supply-chain-hooks: ignore[SCH308] why`).

## Fix safety
No fix.

## References
- uv docs, `exclude-newer-package`
"""

from supply_chain_hooks.model import FixAvailability, Rule

RULE = Rule(
    code="SCH308",
    name="uv-exclude-newer-package-shorter",
    hook="check-uv-exclude-newer",
    summary="exclude-newer-package entry shortens the cooldown",
    fix=FixAvailability.NONE,
    doc=__doc__,
)
