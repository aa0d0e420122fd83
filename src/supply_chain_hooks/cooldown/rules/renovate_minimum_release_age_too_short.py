"""## What it does
Reports a global Renovate `minimumReleaseAge` shorter than the minimum cooldown
(`--min-cooldown`), or one Renovate cannot read (not a string, or not a duration its `toMs`
understands, such as `"3 days ago"` or `"1 mo"`).

## Why is this bad?
A short age lets a malicious release reach a pull request before it is found and yanked. A
value Renovate cannot read holds nothing back at all.

## Example
```json
{ "minimumReleaseAge": "1 day" }
```
Use instead: `"minimumReleaseAge": "7 days"`.

## Fix safety
Safe for a readable string that is too short: `--fix` replaces the text inside its quotes
with `N days` (`--fix-days`). No fix for an unreadable value: what was meant is the
maintainer's call.

## References
- Renovate docs, "Configuration options", `minimumReleaseAge`
- Renovate source, `lib/util/pretty-time.ts` (`toMs`)
"""

from __future__ import annotations

from supply_chain_hooks.model import FixAvailability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.cooldown.context import CooldownContext
    from supply_chain_hooks.model import Finding

RULE = Rule(
    code="SCH622",
    name="renovate-minimum-release-age-too-short",
    hook="check-dependency-cooldown",
    summary="Renovate `minimumReleaseAge` below the minimum cooldown, or unreadable",
    fix=FixAvailability.SOMETIMES,
    doc=__doc__,
)


def check(context: CooldownContext) -> Iterator[Finding]:
    from supply_chain_hooks.cooldown.policy import describe_ns
    from supply_chain_hooks.cooldown.renovate_fixes import set_string
    from supply_chain_hooks.model import Finding, Fix

    config = context.renovate
    if config is None or config.age is None or config.age.value.kind == "null":
        return
    age, policy, source = config.age, context.policy, config.source
    location = source.location(age.key.start, age.value.end)
    written = source.text[age.value.start : age.value.end]
    if age.milliseconds is None:
        message = (
            f"Renovate `{age.key.name}` {written} {age.problem}: it holds no release back "
            f"(minimum cooldown {policy.min_cooldown})"
        )
        yield Finding(RULE, config.path, location, message)
        return
    nanoseconds = int(age.milliseconds * 1_000_000)
    if not policy.short(nanoseconds):
        return
    message = (
        f"Renovate `{age.key.name}` {written} waits {describe_ns(nanoseconds)}, below the "
        f"minimum cooldown of {policy.min_cooldown}"
    )
    edit = set_string(source, age.value, f"{policy.fix_days} days")
    fix = Fix(f"minimumReleaseAge {policy.fix_days} days", (edit,)) if edit else None
    yield Finding(RULE, config.path, location, message, fix)
