"""## What it does
Reports a Dependabot `cooldown:` that Dependabot rejects: a value that is not a whole
number of days from 0 to 90, a key that is not a cooldown setting (a typo such as
`default_days`), `include`/`exclude` that are not lists of names, or a `cooldown:` that is
not a mapping.

## Why is this bad?
Dependabot validates the whole file: one invalid value stops every update of the
repository, security updates included, until someone reads the error in the Dependabot
logs.

## Example
```yaml
    cooldown:
      default-days: "7"   # SCH603: a string, not a number
```
Use instead: `default-days: 7`.

## Fix safety
No fix: what was meant is for the maintainer to say.

## References
- GitHub Docs, "Dependabot options reference", `cooldown`
"""

from __future__ import annotations

from supply_chain_hooks.model import FixAvailability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.cooldown.context import CooldownContext
    from supply_chain_hooks.model import Finding

RULE = Rule(
    code="SCH603",
    name="dependabot-cooldown-invalid",
    hook="check-dependency-cooldown",
    summary="Dependabot `cooldown:` value or key that Dependabot rejects",
    fix=FixAvailability.NONE,
    doc=__doc__,
)


def check(context: CooldownContext) -> Iterator[Finding]:
    from supply_chain_hooks import yaml_doc as y
    from supply_chain_hooks.model import Finding

    for file in context.dependabot:
        source = file.document.source
        for entry in file.entries:
            for problem in entry.invalid:
                message = (
                    f"Dependabot {entry.label} cooldown: {problem.reason}; Dependabot rejects "
                    "the file and makes no updates at all"
                )
                location = source.location(y.start(problem.node), y.end(problem.node))
                yield Finding(RULE, source.path, location, message)
