"""## What it does
Reports `semver-major-days`, `semver-minor-days` or `semver-patch-days` in the `cooldown:`
of a `github-actions` or `docker` entry.

## Why is this bad?
These ecosystems have no semantic versions, and Dependabot rejects the whole configuration
file when the semver keys appear under them: no entry of the repository is updated, and the
cooldown the key was meant to set does not exist either.

## Example
```yaml
  - package-ecosystem: github-actions
    directory: /
    schedule:
      interval: weekly
    cooldown:
      semver-major-days: 14   # SCH604
```
Use instead: `default-days: 14`.

## Fix safety
No fix: which number should become `default-days` is the maintainer's call (and this
hook's --fix never writes a semver key).

## References
- GitHub Docs, "Dependabot options reference", `cooldown` (supported ecosystems)
"""

from __future__ import annotations

from supply_chain_hooks.model import FixAvailability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.cooldown.context import CooldownContext
    from supply_chain_hooks.model import Finding

RULE = Rule(
    code="SCH604",
    name="dependabot-semver-cooldown-unsupported",
    hook="check-dependency-cooldown",
    summary="`semver-*-days` under an ecosystem without semantic versions",
    fix=FixAvailability.NONE,
    doc=__doc__,
)


def check(context: CooldownContext) -> Iterator[Finding]:
    from supply_chain_hooks import yaml_doc as y
    from supply_chain_hooks.model import Finding

    for file in context.dependabot:
        source = file.document.source
        for entry in file.entries:
            for key in entry.unsupported:
                message = (
                    f"`{key.value}` is not supported for `{entry.ecosystem}` (no semantic "
                    "versions): Dependabot rejects the file"
                )
                location = source.location(y.start(key), y.end(key))
                yield Finding(RULE, source.path, location, message, hint="use `default-days`")
