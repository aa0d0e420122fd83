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

from __future__ import annotations

from supply_chain_hooks.model import Finding, FixAvailability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterable

    from supply_chain_hooks.uv.context import UvContext

RULE = Rule(
    code="SCH311",
    name="uv-exclude-newer-in-member",
    hook="check-uv-exclude-newer",
    summary="exclude-newer in a workspace member is ignored by uv",
    fix=FixAvailability.SOMETIMES,
    doc=__doc__,
)


def check(context: UvContext) -> Iterable[Finding]:
    """exclude-newer settings in a workspace member's [tool.uv], which uv never reads."""
    from collections.abc import Mapping

    from supply_chain_hooks.uv import helpers
    from supply_chain_hooks.uv.settings import KEY, PACKAGE_KEY

    for ignored in context.ignored:
        if ignored.member_of is None:
            continue
        file = ignored.file
        root = ignored.member_of or "."
        pip = file.table.get("pip")
        keys: list[tuple[str, ...]] = [(key,) for key in (KEY, PACKAGE_KEY) if key in file.table]
        if isinstance(pip, Mapping) and KEY in pip:
            keys.append(("pip", KEY))
        for path in keys:
            fix = None
            if path == (KEY,):
                title = f"remove the ignored {KEY} (it belongs in the workspace root)"
                fix = helpers.remove_global(file, title)
            yield Finding(
                RULE,
                file.path,
                file.key_location(*path),
                f"`{'.'.join(path)}` in a workspace member is ignored: uv reads the workspace "
                f"root's ({root})",
                fix,
            )
