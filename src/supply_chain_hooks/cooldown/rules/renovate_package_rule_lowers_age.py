"""## What it does
Reports a Renovate `packageRules` entry that removes `minimumReleaseAge` (`null`) or sets one
shorter than the minimum cooldown, or one Renovate cannot read, for the packages or update
types it matches (`matchUpdateTypes: ["patch"]`, `matchPackageNames: [...]`).

## Why is this bad?
A later matching rule overrides the global age, so those packages are proposed the moment
they are released: a hole exactly where a compromised release would come through.
(Renovate's own npm and crates presets remove the age for lock file maintenance, pinning and
replacements, because Renovate cannot check the age there; a rule of this config that does
the same is still reported, with the reason to write in a suppression.)

## Example
```json
{
  "minimumReleaseAge": "7 days",
  "packageRules": [
    { "matchUpdateTypes": ["patch"], "minimumReleaseAge": null }
  ]
}
```
Use instead: drop the rule's `minimumReleaseAge`.

## Fix safety
No fix: the exemption is a deliberate choice, and removing it is the maintainer's call.

## References
- Renovate docs, "Configuration options", `packageRules`, `minimumReleaseAge`
"""

from __future__ import annotations

from supply_chain_hooks.model import FixAvailability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.cooldown.context import CooldownContext
    from supply_chain_hooks.model import Finding

RULE = Rule(
    code="SCH623",
    name="renovate-package-rule-lowers-age",
    hook="check-dependency-cooldown",
    summary="Renovate `packageRules` entry that removes or shortens `minimumReleaseAge`",
    fix=FixAvailability.NONE,
    doc=__doc__,
)


def check(context: CooldownContext) -> Iterator[Finding]:
    from supply_chain_hooks.cooldown.policy import describe_ns
    from supply_chain_hooks.model import Finding

    config = context.renovate
    if config is None:
        return
    policy, source = context.policy, config.source
    for rule in config.rules:
        age = rule.age
        written = source.text[age.value.start : age.value.end]
        if age.value.kind == "null":
            what = "removes the minimum release age"
        elif age.milliseconds is None:
            what = f"sets {written}, which {age.problem}: nothing is held back"
        else:
            nanoseconds = int(age.milliseconds * 1_000_000)
            if not policy.short(nanoseconds):
                continue
            what = f"lowers the minimum release age to {describe_ns(nanoseconds)}"
        message = (
            f"Renovate packageRules[{rule.index}] ({rule.matches}) {what} "
            f"(minimum cooldown {policy.min_cooldown})"
        )
        location = source.location(age.key.start, age.value.end)
        yield Finding(RULE, config.path, location, message)
