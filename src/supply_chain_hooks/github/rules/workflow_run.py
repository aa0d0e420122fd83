"""## What it does
With `forbid-pull-request-target --include-workflow-run`, reports a workflow triggered by
`workflow_run`, in every shape of `on:`, escalating like SCH111 when the workflow checks
out code from the triggering run (`github.event.workflow_run.head_*`), grants write
permissions or uses secrets.

## Why is this bad?
`workflow_run` runs with the base repository's secrets and write token after another
workflow finishes, including one started by a fork's pull request. Artifacts, branch names
and code from that run are attacker-controlled; treating them as trusted is the second
most common way workflows get compromised.

## Example
```yaml
on:
  workflow_run:           # SCH112
    workflows: [CI]
    types: [completed]
```

## Fix safety
No fix: whether the privileged follow-up is needed is the maintainer's decision. Keep the
trigger with `# supply-chain-hooks: ignore[SCH112] <reason>` when it only reads artifacts
as data.

## References
- GitHub Security Lab, "Keeping your GitHub Actions and workflows secure Part 1"
- zizmor `dangerous-triggers`
"""

from __future__ import annotations

from supply_chain_hooks.model import FixAvailability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.github.context import WorkflowContext
    from supply_chain_hooks.model import Finding

RULE = Rule(
    code="SCH112",
    name="workflow-run",
    hook="forbid-pull-request-target",
    summary="workflow triggered by workflow_run (with --include-workflow-run)",
    fix=FixAvailability.NONE,
    doc=__doc__,
)

RISK = "it runs with secrets and a write token after runs that forks can start"


def check(context: WorkflowContext) -> Iterator[Finding]:
    if not context.include_workflow_run:
        return
    from supply_chain_hooks.github.exposure import trigger_findings

    yield from trigger_findings(context.document, RULE, "workflow_run", RISK)
