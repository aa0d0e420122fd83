"""## What it does
Reports a publish to PyPI or TestPyPI in a workflow triggered by `pull_request`,
`pull_request_target`, `issue_comment` or `workflow_run` (in any shape of `on:`, any letter
case) when nothing proves that those events cannot reach it. Also reports a job that calls
a local reusable workflow (`uses: ./.github/workflows/release.yml`) which publishes, under
the same conditions.

What is proved statically: the publish is excluded for an event when the step's `if:`, its
job's `if:`, or the `if:` of a job it `needs:` (transitively, unless the dependent job's
`if:` uses `always()`, `failure()` or `cancelled()`) is false for certain in every run that
event starts. The conditions understood are `github.event_name` comparisons
(`github.event_name == 'release'`, `!= 'pull_request'`), tag checks on `github.ref`
(`startsWith(github.ref, 'refs/tags/')`: a pull request's or comment's ref is never a tag;
`startsWith(github.event.ref, 'refs/tags')`: their payloads have no `ref`),
`github.ref_type == 'tag'` (except for `pull_request`), `false`, outputs of needed jobs
computed from those (`fromJSON(needs.setup.outputs.release)`), and `!`, `&&`, `||` and
parentheses over them. Anything else (a branch name, the repository, inputs, step outputs,
`contains` over unknown text) proves nothing, and the publish is reported. Branch and
type filters of the trigger (`pull_request: types: [closed]`) do not exclude it either: the
run still happens.

## Why is this bad?
Pull requests, comments and the runs that follow them can be started by anyone. A publish
step they can reach runs next to code or data an outsider controls; with
`pull_request_target`, `issue_comment` and `workflow_run` the run also has the repository's
secrets and can request the OIDC token that PyPI accepts for this workflow. Releases belong
in a workflow started by trusted events only (`release`, a tag push, `workflow_dispatch`),
or behind an `if:` that excludes the others.

## Example
```yaml
on: [push, pull_request]
jobs:
  release:
    runs-on: ubuntu-latest
    permissions:
      id-token: write
    steps:
      - uses: pypa/gh-action-pypi-publish@dc37677b2e1c63e2034f94d8a5b11f265b73ba33 # v1.14.2  # SCH705
```
Use instead:
```yaml
  release:
    if: github.event_name == 'push' && startsWith(github.ref, 'refs/tags/')
```
or move publishing to its own workflow, as SCH701's documentation shows.

## Fix safety
No fix: which events may release is the maintainer's decision.

## References
- GitHub Security Lab, "Keeping your GitHub Actions and workflows secure: Preventing pwn requests"
- PyPI docs, "Security model and considerations" (Trusted Publishing)
"""

from __future__ import annotations

from supply_chain_hooks.model import FixAvailability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.github.workflow import Trigger
    from supply_chain_hooks.model import Finding
    from supply_chain_hooks.publishing.context import PublishContext
    from supply_chain_hooks.source import Source

RULE = Rule(
    code="SCH705",
    name="publish-on-untrusted-trigger",
    hook="require-trusted-publishing",
    summary="publish to PyPI reachable from pull_request, pull_request_target, issue_comment "
    "or workflow_run",
    fix=FixAvailability.NONE,
    doc=__doc__,
)


def _events(source: Source, triggers: list[Trigger]) -> str:
    from supply_chain_hooks import yaml_doc as y
    from supply_chain_hooks.publishing.jobs import line

    return ", ".join(
        f"`{trigger.name}` (line {line(source, y.start(trigger.node))})" for trigger in triggers
    )


def check(context: PublishContext) -> Iterator[Finding]:
    from supply_chain_hooks.publishing.jobs import untrusted_triggers

    root = context.document.root
    if not untrusted_triggers(root):
        return
    from supply_chain_hooks.model import Finding
    from supply_chain_hooks.publishing.jobs import label, reachable_events

    source = context.document.source
    seen: set[int] = set()  # an aliased step: reported once, at the anchor
    for publish in context.publishes:
        if not publish.target.in_scope:
            continue
        if publish.start in seen:
            continue
        reachable = reachable_events(root, publish)
        if not reachable:
            continue
        message = (
            f"{label(publish)} publishes to {publish.target.value} and can run on "
            f"{_events(source, reachable)}"
        )
        seen.add(publish.start)
        yield Finding(RULE, source.path, source.location(publish.start, publish.end), message)
    yield from _callers(context)


def _callers(context: PublishContext) -> Iterator[Finding]:
    from supply_chain_hooks import yaml_doc as y
    from supply_chain_hooks.model import Finding
    from supply_chain_hooks.publishing.jobs import (
        job_excluded,
        local_calls,
        step_excluded,
        untrusted_triggers,
    )

    root = context.document.root
    source = context.document.source
    for call in local_calls(root):
        publishes = context.called_publishes(call.path)
        if not publishes:
            continue
        called = dict(context.called).get(call.path)
        called_root = called.root if called is not None else None
        reachable = []
        for trigger in untrusted_triggers(root):
            event = trigger.name.lower()
            if job_excluded(root, str(call.key.value), event):
                continue
            if any(
                publish.target.in_scope
                and publish.job is not None
                and not job_excluded(called_root, publish.job_name, event)
                and not step_excluded(publish.step, event)
                for publish in publishes
            ):
                reachable.append(trigger)
        if not reachable:
            continue
        message = (
            f"job `{call.key.value}` calls `{call.path}`, which publishes to PyPI, and can run on "
            f"{_events(source, reachable)}"
        )
        location = source.location(y.start(call.uses), y.end(call.uses))
        yield Finding(RULE, source.path, location, message)
