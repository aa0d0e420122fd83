"""## What it does
With `require-trusted-publishing --require-environment`, reports a job that publishes to
PyPI or TestPyPI without a deployment `environment:`.

## Why is this bad?
PyPI recommends naming a GitHub environment in the trusted publisher and in the publish
job: the environment can require a reviewer's approval before the job runs, restrict which
branches and tags may deploy, and hold the only copy of deployment settings. Without one,
anyone who can push a tag (or start the workflow) publishes immediately, and a trusted
publisher that names an environment rejects the job.

## Example
```yaml
jobs:
  publish:                # SCH707
    runs-on: ubuntu-latest
    permissions:
      id-token: write
```
Use instead:
```yaml
jobs:
  publish:
    runs-on: ubuntu-latest
    environment:
      name: pypi
      url: https://pypi.org/project/<your-project>/
    permissions:
      id-token: write
```
Then name the environment (`pypi`) in the project's trusted publisher on PyPI and add
protection rules to it in the repository's settings. SCH701's documentation shows the
complete workflow.

## Fix safety
No fix: the environment must exist in the repository's settings (GitHub creates an
unprotected one on first use) and match the trusted publisher on PyPI.

## References
- PyPI docs, "Adding a Trusted Publisher" (environment name)
- GitHub docs, "Managing environments for deployment"
"""

from __future__ import annotations

from supply_chain_hooks.model import FixAvailability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.model import Finding
    from supply_chain_hooks.publishing.context import PublishContext

RULE = Rule(
    code="SCH707",
    name="publish-job-without-environment",
    hook="require-trusted-publishing",
    summary="job publishing to PyPI names no deployment environment (with --require-environment)",
    fix=FixAvailability.NONE,
    doc=__doc__,
)


def check(context: PublishContext) -> Iterator[Finding]:
    if not context.require_environment:
        return
    from supply_chain_hooks import yaml_doc as y
    from supply_chain_hooks.model import Finding

    source = context.document.source
    seen: set[int] = set()
    for publish in context.publishes:
        job = publish.job_node
        if job is None or publish.job is None or not publish.target.in_scope or id(job) in seen:
            continue
        seen.add(id(job))
        if (y.scalar(y.value(job, "environment")) or "").strip() or y.is_mapping(
            y.value(job, "environment")
        ):
            continue
        message = (
            f"job `{publish.job_name}` publishes to {publish.target.value} without a deployment "
            "environment: add `environment: pypi` (and name it in the trusted publisher)"
        )
        node = publish.job
        yield Finding(RULE, source.path, source.location(y.start(node), y.end(node)), message)
