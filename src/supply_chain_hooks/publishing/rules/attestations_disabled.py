"""## What it does
Reports `attestations: false` on `pypa/gh-action-pypi-publish` when it publishes to PyPI or
TestPyPI.

## Why is this bad?
Since v1.11.0 the action signs every distribution it uploads with the workflow's identity
and uploads the PEP 740 attestations with it, whenever it publishes with Trusted
Publishing. Installers and auditors can then check that a file on PyPI was built and
published by this repository's workflow, not by someone holding a stolen token. Switching
them off throws that provenance away for nothing: they cost no configuration.

## Example
```yaml
      - uses: pypa/gh-action-pypi-publish@dc37677b2e1c63e2034f94d8a5b11f265b73ba33 # v1.14.2
        with:
          attestations: false   # SCH704
```
Use instead: remove the line (attestations are on by default). SCH701's documentation shows
the complete workflow.

## Fix safety
No fix: a workflow may switch attestations off on purpose while a publishing problem is
investigated; removing the line is the maintainer's call.

## References
- PEP 740, "Index support for digital attestations"
- `pypa/gh-action-pypi-publish` README, "Generating and uploading attestations"
- PyPI docs, "Attestations"
"""

from __future__ import annotations

from supply_chain_hooks.model import FixAvailability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.model import Finding
    from supply_chain_hooks.publishing.context import PublishContext

RULE = Rule(
    code="SCH704",
    name="publish-attestations-disabled",
    hook="require-trusted-publishing",
    summary="publish to PyPI with PEP 740 attestations switched off",
    fix=FixAvailability.NONE,
    doc=__doc__,
)


def check(context: PublishContext) -> Iterator[Finding]:
    from supply_chain_hooks import yaml_doc as y
    from supply_chain_hooks.model import Finding

    source = context.document.source
    seen: set[int] = set()  # an aliased step: reported once, at the anchor
    for publish in context.publishes:
        if publish.tool != "action" or not publish.target.in_scope:
            continue
        if publish.start in seen:
            continue
        found = y.get(y.value(publish.step, "with"), "attestations")
        if found is None or (y.scalar(found[1]) or "").strip().lower() != "false":
            continue
        key, value = found
        message = (
            f"`attestations: false` publishes to {publish.target.value} without PEP 740 "
            "attestations: remove it (the action signs and uploads them by default)"
        )
        seen.add(publish.start)
        yield Finding(RULE, source.path, source.location(y.start(key), y.end(value)), message)
