"""## What it does
Reports a job that publishes to PyPI or TestPyPI (with `pypa/gh-action-pypi-publish`,
`twine upload`, `uv publish` or `pdm publish`, the tools that can use Trusted Publishing)
while its own `permissions:` do not grant `id-token: write` (`write-all` counts). The finding
points at the job's `permissions:`, or at the job when it has none.

A job without `permissions:` of its own that receives `id-token: write` from the workflow's
`permissions:` is reported by SCH703 instead, at the workflow's grant.

## Why is this bad?
Trusted Publishing exchanges a GitHub OIDC token for a short-lived PyPI token; GitHub only
issues one to a job granted `id-token: write`. Without it the job can only publish with a
stored API token (SCH701), or not at all. Granting it to this job alone (not the workflow)
keeps the OIDC token away from jobs that build or test untrusted code.

## Example
```yaml
jobs:
  publish:                 # SCH702
    runs-on: ubuntu-latest
    steps:
      - uses: actions/download-artifact@3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c # v8.0.1
        with:
          name: dist
          path: dist/
      - uses: pypa/gh-action-pypi-publish@dc37677b2e1c63e2034f94d8a5b11f265b73ba33 # v1.14.2
```
Use instead:
```yaml
jobs:
  publish:
    runs-on: ubuntu-latest
    environment: pypi
    permissions:
      id-token: write
    steps:
      - uses: actions/download-artifact@3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c # v8.0.1
        with:
          name: dist
          path: dist/
      - uses: pypa/gh-action-pypi-publish@dc37677b2e1c63e2034f94d8a5b11f265b73ba33 # v1.14.2
```
SCH701's documentation shows the complete workflow (build job, artifact, publish job).

## Fix safety
No fix: the job's `permissions:` replace every scope it inherited, and publishing only works
once a trusted publisher is configured on PyPI.

## References
- GitHub docs, "Configuring OpenID Connect in PyPI" and "Assigning permissions to jobs"
- PyPI docs, "Publishing to PyPI with a Trusted Publisher"
"""

from __future__ import annotations

from supply_chain_hooks.model import FixAvailability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.model import Finding
    from supply_chain_hooks.publishing.context import PublishContext

RULE = Rule(
    code="SCH702",
    name="publish-job-without-id-token",
    hook="require-trusted-publishing",
    summary="job publishing to PyPI has no job-level `id-token: write`",
    fix=FixAvailability.NONE,
    doc=__doc__,
)


def check(context: PublishContext) -> Iterator[Finding]:
    from supply_chain_hooks import yaml_doc as y
    from supply_chain_hooks.model import Finding
    from supply_chain_hooks.publishing.commands import TRUSTED_PUBLISHING
    from supply_chain_hooks.publishing.jobs import id_token, label, line

    document = context.document
    source = document.source
    inherited = id_token(y.value(document.root, "permissions"))
    seen: set[int] = set()
    for publish in context.publishes:
        job = publish.job_node
        if (
            job is None
            or publish.job is None
            or not publish.target.in_scope
            or publish.tool not in TRUSTED_PUBLISHING
            or id(job) in seen
        ):
            continue
        seen.add(id(job))
        found = y.get(job, "permissions")
        if found is None and inherited:
            continue  # the workflow grants it to every job: SCH703
        if found is not None and id_token(found[1]):
            continue
        used = "" if publish.indirect else f" with {label(publish)}"
        message = (
            f"job `{publish.job_name}` publishes to {publish.target.value}{used} (line "
            f"{line(source, publish.start)}) without `id-token: write`, so it cannot use Trusted "
            "Publishing"
        )
        node = found[0] if found is not None else publish.job
        yield Finding(RULE, source.path, source.location(y.start(node), y.end(node)), message)
