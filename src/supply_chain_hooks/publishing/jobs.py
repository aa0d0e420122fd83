"""What several publishing rules ask of a workflow's jobs: how a publish is labelled, which
job grants the OIDC token, which events can reach a job or step, which jobs call a local
reusable workflow.

Rules import this module inside ``check``, like the rest of the family's domain code.
"""

from __future__ import annotations

from supply_chain_hooks import yaml_doc as y
from supply_chain_hooks.github import workflow
from supply_chain_hooks.model import Record
from supply_chain_hooks.publishing.conditions import STATUS_OVERRIDE, excludes

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Callable

    from supply_chain_hooks.publishing.publishes import Publish
    from supply_chain_hooks.source import Source

#: Events that start a run for code or text that anyone can send: pull requests from forks,
#: comments, and runs that follow them.
UNTRUSTED_EVENTS = ("pull_request", "pull_request_target", "issue_comment", "workflow_run")


def label(publish: Publish) -> str:
    """How a message names the publish: `pypa/gh-action-pypi-publish`, `twine upload`..."""
    from supply_chain_hooks.publishing.commands import SUBCOMMAND

    if publish.indirect:
        return "this step"
    if publish.tool == "action":
        return "`pypa/gh-action-pypi-publish`"
    return f"`{publish.tool} {SUBCOMMAND[publish.tool]}`"


def line(source: Source, offset: int) -> int:
    return source.position(offset)[0]


def id_token(permissions: y.Node | None) -> bool:
    """Whether a `permissions:` value grants `id-token: write`."""
    return workflow.permission(permissions, "id-token") == "write"


def untrusted_triggers(root: y.Node | None) -> list[workflow.Trigger]:
    """The workflow's triggers that anyone can fire (each event once, in file order)."""
    found: dict[str, workflow.Trigger] = {}
    for trigger in workflow.triggers(root):
        name = trigger.name.lower()
        if name in UNTRUSTED_EVENTS and name not in found:
            found[name] = trigger
    return list(found.values())


def _condition(node: y.Node | None) -> str | None:
    return y.scalar(y.value(node, "if"))


def _needs(job: y.Node | None) -> list[str]:
    needs = y.value(job, "needs")
    names = [y.scalar(needs)] if y.is_scalar(needs) else [y.scalar(n) for n in y.elements(needs)]
    return [name.strip() for name in names if name and name.strip()]


def job_excluded(root: y.Node | None, name: str, event: str) -> bool:
    """Whether no run started by event can run the job: its `if:` is false for that event
    (outputs of the jobs it needs are evaluated too), or a job it needs is excluded and its
    own `if:` does not override a skipped need (`always()`, `failure()`, `cancelled()`)."""
    from supply_chain_hooks.publishing.conditions import UNKNOWN, Value, as_output, evaluate

    jobs = {str(key.value): job for key, job in workflow.jobs(root)}
    lowered = {job_name.lower(): job for job_name, job in jobs.items()}
    done: dict[str, bool] = {}
    outputs: dict[tuple[str, str], Value] = {}

    def resolver(needed: list[str], depth: int) -> Callable[[str, str], Value]:
        allowed = {n.lower() for n in needed}

        def resolve(job_name: str, output: str) -> Value:
            if job_name not in allowed or depth > 20:
                return UNKNOWN
            key = (job_name, output)
            if key not in outputs:
                outputs[key] = UNKNOWN  # a cycle proves nothing
                job = lowered.get(job_name)
                text = next(
                    (
                        y.scalar(v)
                        for k, v in y.items(y.value(job, "outputs"))
                        if str(k.value).lower() == output
                    ),
                    None,
                )
                if text is not None:
                    value = evaluate(text, event, resolver(_needs(job), depth + 1), condition=False)
                    outputs[key] = as_output(value)
            return outputs[key]

        return resolve

    def excluded(job_name: str, depth: int) -> bool:
        if job_name in done:
            return done[job_name]
        done[job_name] = False  # a cycle proves nothing
        job = jobs.get(job_name)
        needed = _needs(job)
        condition = _condition(job)
        result = condition is not None and excludes(condition, event, resolver(needed, 0))
        if not result and depth < 50 and not (condition and STATUS_OVERRIDE.search(condition)):
            result = any(n in jobs and excluded(n, depth + 1) for n in needed)
        done[job_name] = result
        return result

    return excluded(name, 0)


def step_excluded(step: y.Node, event: str) -> bool:
    condition = _condition(step)
    return condition is not None and excludes(condition, event)


def reachable_events(root: y.Node | None, publish: Publish) -> list[workflow.Trigger]:
    """The untrusted triggers of the workflow from which this publish can run."""
    if publish.job is None:
        return []
    return [
        trigger
        for trigger in untrusted_triggers(root)
        if not job_excluded(root, publish.job_name, trigger.name.lower())
        and not step_excluded(publish.step, trigger.name.lower())
    ]


class Call(Record):
    """A job that calls a local reusable workflow: the job's key and node, the `uses:`
    value node, and the called file's path from the repository root."""

    key: y.ScalarNode
    job: y.Node
    uses: y.Node
    path: str


def local_calls(root: y.Node | None) -> list[Call]:
    """The jobs that call a reusable workflow of this repository (`uses: ./.github/...`)."""
    found = []
    for key, job in workflow.jobs(root):
        uses = y.value(job, "uses")
        text = (y.scalar(uses) or "").strip()
        if uses is not None and text.startswith("./") and "@" not in text:
            path = text[2:]
            if workflow.is_workflow_path(path):
                found.append(Call(key, job, uses, path))
    return found
