"""## What it does
Reports `exclude-newer` (and `exclude-newer-package`, `[tool.uv.pip] exclude-newer`) set in
a workspace member's `pyproject.toml`.

## Why is this bad?
uv reads settings from the workspace root only; a member's value is ignored silently, from
the root and from the member's own directory alike, so the member resolves without the
cooldown its file promises.

## Example
```toml
# packages/api/pyproject.toml (a member)
[tool.uv]
exclude-newer = "7 days"
```
Use instead: set it in the root `pyproject.toml` (or its `uv.toml`).

## Fix safety
The fix removes the member's `exclude-newer`; the root's missing-value finding (SCH301)
inserts that value at the root in the same run, so the setting moves.
`exclude-newer-package` in a member is reported without a fix.

## References
- uv docs, "Configuration files": "uv will begin its search at the workspace root, ignoring
  any configuration defined in workspace members"
"""

from supply_chain_hooks.model import FixAvailability, Rule

RULE = Rule(
    code="SCH311",
    name="uv-exclude-newer-in-member",
    hook="check-uv-exclude-newer",
    summary="exclude-newer in a workspace member is ignored by uv",
    fix=FixAvailability.SOMETIMES,
    doc=__doc__,
)
