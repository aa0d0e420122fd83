"""## What it does
Reports a suppression that does not say why, or that names no known rule:
an inline `# supply-chain-hooks: ignore[CODE] reason` comment, or an entry of
`ignore = { CODE = "reason" }` in `[tool.supply-chain-hooks]`.

## Why is this bad?
A suppression is a reviewed exception. Without a reason the next reviewer cannot tell a
deliberate decision from a shortcut, and a misspelled code silences nothing while looking
as if it did.

## Example
```yaml
on: pull_request_target  # supply-chain-hooks: ignore[SCH111]
```
Use instead:
```yaml
on: pull_request_target  # supply-chain-hooks: ignore[SCH111] labels only, no checkout
```

## Fix safety
No fix: only a human knows the reason.
"""

from supply_chain_hooks.model import FixAvailability, Rule

RULE = Rule(
    code="SCH002",
    name="invalid-suppression",
    hook="*",
    summary="suppression without a reason or with an unknown rule",
    fix=FixAvailability.NONE,
    doc=__doc__,
)
