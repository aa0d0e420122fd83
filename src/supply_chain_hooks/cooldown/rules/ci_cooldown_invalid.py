"""## What it does
Reports a cutoff value that pip or uv refuses, where CI or a committed pip configuration sets
it: `PIP_UPLOADED_PRIOR_TO` or `UV_EXCLUDE_NEWER` in the `env:` of a workflow, job or step (or
a composite action's step), `--uploaded-prior-to` on a pip command line or `--exclude-newer`
on a uv command line in `run:`, and `uploaded-prior-to` in a committed `pip.conf` /
`pip.ini`.

pip 26.3 accepts an ISO 8601 date or date-time (`2026-01-01`, `2026-01-01T00:00:00Z`) and,
since pip 26.1, `P<n>D` (whole days, upper case). uv accepts the grammar of its
`exclude-newer` setting (`7 days`, `P7D`, `1 week`, a date or a timestamp) and `false`.

## Why is this bad?
The cooldown that was meant never applies. pip and uv stop with a usage error on a value
they refuse; where the step's errors are ignored (`|| true`, `continue-on-error`), or a later
step installs again without the value, the install runs with no cooldown at all.

## Example
```yaml
    env:
      PIP_UPLOADED_PRIOR_TO: 7 days   # SCH611: pip wants P7D
```
Use instead: `PIP_UPLOADED_PRIOR_TO: P7D`.

## Fix safety
No fix: the intended value is the maintainer's to write.

## References
- pip docs, `pip install --uploaded-prior-to`; pip 26.1 changelog (`P<n>D`)
- uv docs, "Dependency cooldowns", `--exclude-newer`, `UV_EXCLUDE_NEWER`
"""

from __future__ import annotations

from supply_chain_hooks.model import FixAvailability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.cooldown.context import CooldownContext
    from supply_chain_hooks.model import Finding

RULE = Rule(
    code="SCH611",
    name="ci-cooldown-invalid",
    hook="check-dependency-cooldown",
    summary="pip or uv cutoff in CI or pip.conf that the tool refuses",
    fix=FixAvailability.NONE,
    doc=__doc__,
)


def check(context: CooldownContext) -> Iterator[Finding]:
    from supply_chain_hooks.model import Finding

    for setting in context.ci:
        if setting.verdict.reason is None:
            continue
        # What follows from it (the tool stops; an install that goes on has no cooldown)
        # is in the rule's documentation.
        message = f"{setting.name} {setting.value!r} ({setting.where}): {setting.verdict.reason}"
        yield Finding(RULE, setting.path, setting.location, message)
