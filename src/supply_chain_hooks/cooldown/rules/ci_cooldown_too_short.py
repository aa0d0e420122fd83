"""## What it does
Reports a pip or uv cutoff set by CI or a committed pip configuration (the places SCH611
lists) that gives less than the minimum cooldown (`--min-cooldown`): a duration shorter than
the minimum, `P0D` or `0 days`, uv's `false`, or a fixed date more recent than the minimum
(or in the future).

## Why is this bad?
The install takes releases younger than the minimum, so a malicious release that is yanked
within days can still reach CI, and with it the secrets and artifacts of the job.

## Example
```yaml
      - run: uv sync --exclude-newer "1 day"   # SCH612 with --min-cooldown "3 days"
```
Use instead: `uv sync --exclude-newer "7 days"`, or set `exclude-newer` in the project
(check-uv-exclude-newer) and drop the option.

## Fix safety
No fix: a shorter window in CI may be deliberate (a release job that must take a fix
published today); raise it or suppress the finding with the reason.

## References
- pip docs, `pip install --uploaded-prior-to`
- uv docs, "Dependency cooldowns"
"""

from __future__ import annotations

from supply_chain_hooks.model import FixAvailability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.cooldown.context import CooldownContext
    from supply_chain_hooks.model import Finding

RULE = Rule(
    code="SCH612",
    name="ci-cooldown-too-short",
    hook="check-dependency-cooldown",
    summary="pip or uv cutoff in CI or pip.conf below the minimum cooldown",
    fix=FixAvailability.NONE,
    doc=__doc__,
)


def check(context: CooldownContext) -> Iterator[Finding]:
    from supply_chain_hooks.cooldown.policy import describe_ns
    from supply_chain_hooks.model import Finding

    policy = context.policy
    for setting in context.ci:
        verdict = setting.verdict
        if verdict.cooldown_ns is None or not policy.short(verdict.cooldown_ns):
            continue
        if verdict.disabled:
            gives = "switches the cooldown off"
        elif not verdict.relative and verdict.cooldown_ns < 0:
            gives = "is a cutoff in the future: no cooldown until then"
        elif not verdict.relative:
            gives = f"is a fixed cutoff only {describe_ns(verdict.cooldown_ns)} ago"
        else:
            gives = f"gives {describe_ns(verdict.cooldown_ns)}"
        message = (
            f"{setting.name} {setting.value!r} ({setting.where}) {gives} for {setting.tool}, "
            f"below the minimum cooldown of {policy.min_cooldown}"
        )
        yield Finding(RULE, setting.path, setting.location, message)
