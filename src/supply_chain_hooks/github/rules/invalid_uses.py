"""## What it does
Reports a `uses:` value that GitHub cannot run, with the exact reason: no `@ref`
(`actions/checkout`), an empty ref (`actions/checkout@`), more than one `@`, an expression
(`${{ matrix.action }}`, `owner/repo@${{ env.REF }}`), an empty or non-string value, an
owner, repository or ref name that GitHub and git do not allow (a ref starting with `-`),
a job whose `uses:` is not a reusable workflow (`owner/repo/.github/workflows/x.yml@ref`),
or a local reusable workflow with an `@ref`.

## Why is this bad?
GitHub rejects these workflows when they start, often only on the branch or event that
reaches the step. Expressions in particular are never evaluated in `uses:`: a pin cannot
depend on the run. Other checkers stop reading the whole file at such a value (zizmor)
or skip it silently (ratchet, actions-up); here the other references in the file are still
checked.

## Example
```yaml
- uses: actions/checkout              # SCH104: no @ref
- uses: ${{ matrix.action }}          # SCH104: expression
```
Use instead:
```yaml
- uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
```

## Fix safety
No fix: the intended reference is unknown.

## References
- GitHub Docs, "Workflow syntax for GitHub Actions: `jobs.<job_id>.steps[*].uses`"
"""

from __future__ import annotations

from supply_chain_hooks.model import FixAvailability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.github.context import WorkflowContext
    from supply_chain_hooks.model import Finding

RULE = Rule(
    code="SCH104",
    name="invalid-uses",
    hook="pin-actions-to-sha",
    summary="`uses:` value that GitHub cannot run",
    fix=FixAvailability.NONE,
    doc=__doc__,
)


def check(context: WorkflowContext) -> Iterator[Finding]:
    from supply_chain_hooks.github.refs import Invalid
    from supply_chain_hooks.github.spans import span
    from supply_chain_hooks.model import Finding

    source = context.document.source
    for site in context.sites:
        if isinstance(site.uses, Invalid):
            location = source.location(*span(source, site.node))
            yield Finding(RULE, source.path, location, site.uses.reason)
