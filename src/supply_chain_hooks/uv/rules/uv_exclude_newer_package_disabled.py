"""## What it does
Reports an `exclude-newer-package` entry set to `false` (or a zero duration).

## Why is this bad?
That package gets no cooldown at all: its newest release, minutes old, is allowed. This is
sometimes needed (your own packages, an urgent fix), but it should be a decision with a
reason, not an accident.

## Example
```toml
[tool.uv.exclude-newer-package]
pyrefly = false
```
Use instead, when the exemption is intended:
```toml
[tool.uv.exclude-newer-package]
pyrefly = false  # supply-chain-hooks: ignore[SCH307] need 1.2.0 for the fix; remove after 2026-08-07
```

## Fix safety
No fix: removing the exemption may break the resolution.

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
    code="SCH307",
    name="uv-exclude-newer-package-disabled",
    hook="check-uv-exclude-newer",
    summary="exclude-newer-package exempts a package from the cooldown",
    fix=FixAvailability.NONE,
    doc=__doc__,
)


def check(context: UvContext) -> Iterable[Finding]:
    """An exclude-newer-package entry that exempts its package from the cooldown."""
    from supply_chain_hooks.uv import helpers
    from supply_chain_hooks.uv.settings import PACKAGE_KEY

    for settings in context.settings:
        file = settings.file
        for package in settings.packages:
            value = package.value
            if value.invalid is not None or not value.no_cooldown:
                continue
            name = package.name
            yield Finding(
                RULE,
                file.path,
                file.value_location(*value.keys),
                f"{PACKAGE_KEY} {name} = {helpers.quote(value.raw)} exempts `{name}` from the "
                "cooldown",
            )
