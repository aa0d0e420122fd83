"""## What it does
Reports a Renovate config (the file Renovate reads for the repository: `renovate.json`,
`renovate.json5`, `.github/renovate.json5`, `.renovaterc`, `package.json` `"renovate"`...)
that sets no `minimumReleaseAge` for all packages.

## Why is this bad?
Without it Renovate proposes a release the moment it is published, while most malicious
releases are found and yanked within days. Presets do not cover it: `config:recommended`
sets none, and `config:best-practices` (through `security:minimumReleaseAgeNpm`) sets one
only for npm packages. Presets are not resolved offline; any preset other than those named
is treated as not setting it.

## Example
```json5
{
  extends: ["config:best-practices"],   // SCH621: no age for PyPI packages
}
```
Use instead:
```json5
{
  minimumReleaseAge: "7 days",
  extends: ["config:best-practices"],
}
```

## Fix safety
Safe: `--fix` inserts `"minimumReleaseAge": "N days"` (N from `--fix-days`) as the first
member, on its own line with that member's indentation and quotes, when the first member
starts its own line.

## References
- Renovate docs, "Configuration options", `minimumReleaseAge`; "Minimum Release Age"
- uv docs, "Renovate" integration guide
"""

from __future__ import annotations

from supply_chain_hooks.model import FixAvailability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.cooldown.context import CooldownContext
    from supply_chain_hooks.model import Finding

RULE = Rule(
    code="SCH621",
    name="renovate-minimum-release-age-missing",
    hook="check-dependency-cooldown",
    summary="Renovate config without a `minimumReleaseAge` for all packages",
    fix=FixAvailability.SOMETIMES,
    doc=__doc__,
)


def check(context: CooldownContext) -> Iterator[Finding]:
    from supply_chain_hooks.cooldown.renovate_fixes import insert_first
    from supply_chain_hooks.model import Finding, Fix

    config = context.renovate
    if config is None or (config.age is not None and config.age.value.kind != "null"):
        return
    source, root = config.source, config.root
    covered = "; ".join(f"`{name}` sets it only for {what}" for name, what in config.presets)
    message = (
        f"Renovate takes new releases at once: no `minimumReleaseAge` for all packages "
        f"(minimum cooldown {context.policy.min_cooldown})" + (f"; {covered}" if covered else "")
    )
    if config.age is not None:
        location = source.location(config.age.key.start, config.age.value.end)
        edit = None
    else:
        at = root.members[0][0] if root.members else root
        location = source.location(at.start, at.end if root.members else at.start + 1)
        edit = insert_first(source, root, f"{context.policy.fix_days} days")
    fix = Fix(f"minimumReleaseAge {context.policy.fix_days} days", (edit,)) if edit else None
    yield Finding(RULE, config.path, location, message, fix)
