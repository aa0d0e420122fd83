"""## What it does
Reports a Dependabot `updates:` entry whose version updates wait less than the minimum
cooldown (`--min-cooldown`, default 3 days) before taking a new release, for any update
type (major, minor or patch). Every entry is checked, not only the first. The finding is at
the key that makes the cooldown short (`default-days` or a `semver-*-days` key), or at the
entry when nothing is written and Dependabot's default (3 days since 2026-07-14) is shorter
than the minimum.

## Why is this bad?
Most malicious releases are found and yanked within days of their upload. A cooldown keeps
Dependabot from proposing them in the meantime; `default-days: 0` or a one-day window lets
a compromised release reach a pull request (and, with auto-merge, the default branch) while
it is still live.

## Example
```yaml
version: 2
updates:
  - package-ecosystem: pip
    directory: /
    schedule:
      interval: weekly
    cooldown:
      default-days: 0   # SCH601
```
Use instead:
```yaml
    cooldown:
      default-days: 7
```

## Fix safety
Safe: `--fix` raises the short value to `--fix-days` (default 7), or writes
`cooldown: default-days: N` into the entry, in the entry's own indentation and style (block
or flow). Only the cooldown changes; security updates are never delayed by it.

## References
- GitHub Docs, "Dependabot options reference", `cooldown`
- GitHub changelog, 2026-07-14, "Dependabot version updates introduce a default package cooldown"
"""

from __future__ import annotations

from supply_chain_hooks.model import FixAvailability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.cooldown.context import CooldownContext
    from supply_chain_hooks.model import Finding

RULE = Rule(
    code="SCH601",
    name="dependabot-cooldown-too-short",
    hook="check-dependency-cooldown",
    summary="Dependabot version updates wait less than the minimum cooldown",
    fix=FixAvailability.ALWAYS,
    doc=__doc__,
)


def check(context: CooldownContext) -> Iterator[Finding]:
    from supply_chain_hooks import yaml_doc as y
    from supply_chain_hooks.cooldown.dependabot import DEFAULT_DAYS, UPDATE_TYPES
    from supply_chain_hooks.cooldown.fixes import insert_default_days, set_days
    from supply_chain_hooks.cooldown.policy import plural_days
    from supply_chain_hooks.model import Finding, Fix

    policy = context.policy
    for file in context.dependabot:
        source = file.document.source
        for entry in file.entries:
            if not entry.version_updates:
                continue
            groups: dict[int, list[str]] = {}
            by_id = {}
            for effective in entry.effective:
                if policy.days_short(effective.days):
                    ident = id(effective.key)
                    groups.setdefault(ident, []).append(effective.update_type)
                    by_id[ident] = effective
            for ident, types in groups.items():
                effective = by_id[ident]
                kinds = "version" if len(types) == len(UPDATE_TYPES) else " and ".join(types)
                if effective.key is None:
                    waited = f"wait Dependabot's default of {plural_days(DEFAULT_DAYS)}"
                    first = y.items(entry.node)
                    node = first[0][0] if first else entry.node
                    location = source.location(y.start(node), y.end(node))
                    edits = insert_default_days(source, entry, policy.fix_days)
                else:
                    key = effective.key
                    value = y.get(entry.cooldown[1] if entry.cooldown else None, str(key.value))
                    waited = (
                        f"have no cooldown (`{key.value}: 0`)"
                        if effective.days == 0
                        else f"wait {plural_days(effective.days)}"
                    )
                    end = y.end(value[1]) if value else y.end(key)
                    location = source.location(y.start(key), end)
                    edit = set_days(source, value[1], policy.fix_days) if value else None
                    edits = (edit,) if edit is not None else None
                message = (
                    f"Dependabot {entry.label} {kinds} updates {waited}, "
                    f"below the minimum cooldown of {policy.min_cooldown}"
                )
                fix = Fix(f"cooldown of {plural_days(policy.fix_days)}", edits) if edits else None
                yield Finding(RULE, source.path, location, message, fix)
