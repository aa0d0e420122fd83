"""## What it does
Reports `id-token: write` (or `write-all`) in the top-level `permissions:` of a workflow that
publishes to PyPI or TestPyPI. The message names the jobs that receive the OIDC token
without publishing (every job without `permissions:` of its own).

## Why is this bad?
A workflow's `permissions:` apply to every job that does not set its own. Granting
`id-token: write` there lets every such job (building, testing, running third-party
actions) request OIDC tokens, which PyPI accepts for this workflow's trusted publisher:
any of them can publish. Grant it in the one job that publishes; the workflow keeps
`permissions: {}` or read-only scopes. A workflow with a single job is reported too: the
next job added to it would inherit the grant silently.

## Example
```yaml
permissions:
  id-token: write          # SCH703
jobs:
  build: ...
  publish: ...
```
Use instead:
```yaml
permissions: {}
jobs:
  build:
    permissions:
      contents: read
    ...
  publish:
    permissions:
      id-token: write
    ...
```
SCH701's documentation shows the complete workflow.

## Fix safety
No fix: moving the grant changes what other jobs may do, and a job with its own
`permissions:` loses every scope it does not list.

## References
- GitHub docs, "Assigning permissions to jobs"; "Security hardening with OpenID Connect"
- PyPI docs, "Security model and considerations" (Trusted Publishing)
"""

from __future__ import annotations

from supply_chain_hooks.model import FixAvailability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.model import Finding
    from supply_chain_hooks.publishing.context import PublishContext

RULE = Rule(
    code="SCH703",
    name="workflow-level-id-token",
    hook="require-trusted-publishing",
    summary="`id-token: write` granted to every job of a workflow that publishes to PyPI",
    fix=FixAvailability.NONE,
    doc=__doc__,
)


def check(context: PublishContext) -> Iterator[Finding]:
    from supply_chain_hooks import yaml_doc as y
    from supply_chain_hooks.github import workflow
    from supply_chain_hooks.model import Finding
    from supply_chain_hooks.publishing.jobs import id_token

    document = context.document
    root = document.root
    found = y.get(root, "permissions")
    if found is None or not id_token(found[1]):
        return
    publishing = {
        publish.job_name
        for publish in context.publishes
        if publish.job is not None and publish.target.in_scope
    }
    if not publishing:
        return
    value = found[1]
    scope = y.get(value, "id-token")
    node = scope[0] if scope is not None else value
    others = [
        str(name.value)
        for name, job in workflow.jobs(root)
        if y.get(job, "permissions") is None and str(name.value) not in publishing
    ]
    publishers = ", ".join(f"`{name}`" for name in sorted(publishing))
    if others:
        listed = ", ".join(f"`{name}`" for name in others)
        reach = f"it hands the OIDC token to {listed} too"
    else:
        reach = "any job added later inherits it"
    message = (
        f"`id-token: write` at workflow level: {reach}; grant it only in the `permissions:` "
        f"of the job that publishes ({publishers})"
    )
    source = document.source
    yield Finding(RULE, source.path, source.location(y.start(node), y.end(node)), message)
