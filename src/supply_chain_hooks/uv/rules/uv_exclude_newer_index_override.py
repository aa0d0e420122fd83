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

from __future__ import annotations

from supply_chain_hooks.model import Finding, FixAvailability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterable

    from supply_chain_hooks.uv.context import UvContext

RULE = Rule(
    code="SCH310",
    name="uv-exclude-newer-index-override",
    hook="check-uv-exclude-newer",
    summary="[[tool.uv.index]] exclude-newer disables or shortens the cooldown",
    fix=FixAvailability.NONE,
    doc=__doc__,
)


def check(context: UvContext) -> Iterable[Finding]:
    """An [[index]] entry whose own exclude-newer is shorter than the global one, or none."""
    from supply_chain_hooks.uv import helpers
    from supply_chain_hooks.uv.settings import KEY

    for settings in context.settings:
        file = settings.file
        reference = settings.reference
        for index in settings.indexes:
            value = index.value
            where = f"index `{index.name}` sets {KEY} = {helpers.quote(value.raw)}"
            if value.invalid is not None:
                continue
            if value.no_cooldown:
                message = f"{where}: its packages get no cooldown"
            elif value.cooldown_ns is not None and value.cooldown_ns < reference.cooldown_ns:
                message = (
                    f"{where}: a shorter cooldown ({helpers.cooldown(value.cooldown_ns)}) "
                    f"than {helpers.reference(context, reference)}"
                )
            else:
                continue
            yield Finding(RULE, file.path, file.value_location(*value.keys), message)
