"""## What it does
Reports a Dependabot `cooldown:` whose `exclude` list exempts dependencies from the cooldown
(`exclude: ["*"]` exempts every one), or whose `include` list applies it only to the
dependencies it names.

## Why is this bad?
A dependency outside the cooldown is updated the day its new release appears, so a
malicious release of exactly that dependency reaches a pull request while it is still
live. Exemptions are sometimes deliberate (an internal package released together with this
repository): say so with an ignore entry and its reason, so the exemption is reviewed.

## Example
```yaml
    cooldown:
      default-days: 7
      exclude: ["*"]   # SCH602: no dependency waits
```
Use instead: remove `exclude`, or name only the dependencies that must not wait.

## Fix safety
No fix: an exemption is a deliberate choice, and narrowing it is the maintainer's call.

## References
- GitHub Docs, "Dependabot options reference", `cooldown` (`include`, `exclude`)
"""

from __future__ import annotations

from supply_chain_hooks.model import FixAvailability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.cooldown.context import CooldownContext
    from supply_chain_hooks.model import Finding

RULE = Rule(
    code="SCH602",
    name="dependabot-cooldown-exemption",
    hook="check-dependency-cooldown",
    summary="Dependabot cooldown `include`/`exclude` leaves dependencies without a cooldown",
    fix=FixAvailability.NONE,
    doc=__doc__,
)


def _shown(names: tuple[str, ...]) -> str:
    listed = ", ".join(f"`{name}`" for name in names[:3])
    return listed + (f" and {len(names) - 3} more" if len(names) > 3 else "")


def check(context: CooldownContext) -> Iterator[Finding]:
    from supply_chain_hooks import yaml_doc as y
    from supply_chain_hooks.model import Finding

    for file in context.dependabot:
        source = file.document.source
        for entry in file.entries:
            if not entry.version_updates:
                continue
            if entry.exclude is not None and entry.exclude[1]:
                key, names = entry.exclude
                assert names is not None  # noqa: S101 - tested just above
                what = "every dependency" if "*" in names else _shown(names)
                message = (
                    f"Dependabot {entry.label} updates {what} with no cooldown: "
                    f"`exclude` exempts {'them all' if '*' in names else 'them'}"
                )
                yield Finding(RULE, source.path, source.location(y.start(key), y.end(key)), message)
            if entry.include is not None:
                key, included = entry.include
                if included is None or "*" in included:
                    continue
                message = (
                    f"Dependabot {entry.label} applies its cooldown only to "
                    f"{_shown(included) if included else 'no dependency'} (`include`): "
                    "every other dependency updates with no cooldown"
                )
                yield Finding(RULE, source.path, source.location(y.start(key), y.end(key)), message)
