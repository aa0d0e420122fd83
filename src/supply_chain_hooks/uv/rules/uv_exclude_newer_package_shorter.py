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

from __future__ import annotations

from supply_chain_hooks.model import Finding, FixAvailability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterable

    from supply_chain_hooks.uv.context import UvContext

RULE = Rule(
    code="SCH308",
    name="uv-exclude-newer-package-shorter",
    hook="check-uv-exclude-newer",
    summary="exclude-newer-package entry shortens the cooldown",
    fix=FixAvailability.NONE,
    doc=__doc__,
)


def check(context: UvContext) -> Iterable[Finding]:
    """An exclude-newer-package entry with a shorter cooldown than the global one."""
    from supply_chain_hooks.uv import helpers
    from supply_chain_hooks.uv.settings import PACKAGE_KEY

    for settings in context.settings:
        file = settings.file
        reference = settings.reference
        for package in settings.packages:
            value = package.value
            cooldown = value.cooldown_ns
            if value.no_cooldown or cooldown is None or cooldown >= reference.cooldown_ns:
                continue
            name = package.name
            yield Finding(
                RULE,
                file.path,
                file.value_location(*value.keys),
                f"{PACKAGE_KEY} {name} = {helpers.quote(value.raw)} gives `{name}` a shorter "
                f"cooldown ({helpers.cooldown(cooldown)}) than "
                f"{helpers.reference(context, reference)}",
            )
