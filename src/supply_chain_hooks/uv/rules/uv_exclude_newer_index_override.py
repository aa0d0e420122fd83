"""## What it does
Reports an `exclude-newer` on a `[[tool.uv.index]]` entry that is `false` or shorter than the
global value (or `--min-cooldown`).

## Why is this bad?
Packages from that index get less or no cooldown. Private indexes without upload times need
`false`, which is a reason to write down, not a default.

## Example
```toml
[[tool.uv.index]]
name = "internal"
url = "https://pypi.example.com/simple"
exclude-newer = false  # supply-chain-hooks: ignore[SCH310] no upload-time on this index
```

## Fix safety
No fix.

## References
- uv 0.11.5 changelog: per-index `exclude-newer` (astral-sh/uv#18839)
"""

from supply_chain_hooks.model import FixAvailability, Rule

RULE = Rule(
    code="SCH310",
    name="uv-exclude-newer-index-override",
    hook="check-uv-exclude-newer",
    summary="[[tool.uv.index]] exclude-newer disables or shortens the cooldown",
    fix=FixAvailability.NONE,
    doc=__doc__,
)
