"""## What it does
Reports a workflow triggered by `pull_request_target`, in every shape `on:` can take: a
string, a list, a mapping, flow style, quoted keys, anchors. The word in comments, `run:`
scripts, `if:` expressions or `env:` values is never reported. Event names are compared
case-insensitively, so `PULL_REQUEST_TARGET` does not slip through.

The message escalates when the workflow also checks out or fetches pull-request code
(`ref:` from `github.event.pull_request.head.*`, `github.head_ref`, `refs/pull/...`,
`allow-unsafe-pr-checkout: true`, `gh pr checkout`), grants write permissions, sets no
`permissions:` at all, or uses secrets.

## Why is this bad?
`pull_request_target` runs in the context of the base repository, with its secrets and a
token that can write, for pull requests from any fork. A workflow that builds, tests or
even reads pull-request content under it hands those privileges to whoever opens the pull
request ("pwn request"). Almost every use is better served by `pull_request`, or by a
`pull_request` workflow that uploads an artifact and a separate privileged workflow that
only reads that artifact as data.

## Example
```yaml
on:
  pull_request_target:     # SCH111
    types: [opened]
```
Use instead:
```yaml
on:
  pull_request:
    types: [opened]
```
When the trigger is really needed (labelling, commenting without checking out code), keep
it and say why, on the trigger's line:
```yaml
on:
  pull_request_target:  # supply-chain-hooks: ignore[SCH111] labeler only, never checks out
```
or allow the workflow file with `--allow .github/workflows/labeler.yml` (or `allow = [...]`
in `[tool.supply-chain-hooks.forbid-pull-request-target]`).

## Fix safety
No fix. Replacing the trigger changes which events run the workflow and which secrets it
sees; only the maintainer can decide that.

## References
- GitHub Security Lab, "Keeping your GitHub Actions and workflows secure: Preventing pwn requests"
- zizmor `dangerous-triggers`; OpenSSF Scorecard `Dangerous-Workflow`
"""

from __future__ import annotations

from supply_chain_hooks.model import FixAvailability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.github.context import WorkflowContext
    from supply_chain_hooks.model import Finding

RULE = Rule(
    code="SCH111",
    name="pull-request-target",
    hook="forbid-pull-request-target",
    summary="workflow triggered by pull_request_target",
    fix=FixAvailability.NONE,
    doc=__doc__,
)

RISK = "it runs with secrets and a write token on pull requests from forks"


def check(context: WorkflowContext) -> Iterator[Finding]:
    from supply_chain_hooks.github.exposure import trigger_findings

    yield from trigger_findings(context.document, RULE, "pull_request_target", RISK)
