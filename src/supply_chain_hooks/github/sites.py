"""Where `uses:` stands in a workflow or action, and what each one references.

:func:`collect` finds every place a `uses:` (or a Docker action's `runs.image`) stands in a
workflow or action document, once per YAML node, so an anchored value used through aliases
is reported once, at the anchor.
"""

from __future__ import annotations

import enum

from supply_chain_hooks import yaml_doc as y
from supply_chain_hooks.github import workflow
from supply_chain_hooks.github.refs import Docker, Invalid, Local, Repository, Uses, parse
from supply_chain_hooks.model import Record


class Context(enum.Enum):
    STEP = "step"  #: a workflow, parallel or composite-action step
    JOB = "job"  #: a job calling a reusable workflow
    IMAGE = "image"  #: a Docker action's `runs.image`


class Site(Record):
    context: Context
    key: y.ScalarNode
    node: y.Node
    uses: Uses


def collect(document: y.Document) -> list[Site]:
    """Every `uses:` of steps (workflow, parallel, composite) and jobs, and `runs.image`.

    Each value node appears once, even when aliases repeat it.
    """
    root = document.root
    if not y.is_mapping(root):
        return []
    found: list[Site] = []
    seen: set[int] = set()

    def add(context: Context, pair: tuple[y.ScalarNode, y.Node] | None) -> None:
        if pair is None or id(pair[1]) in seen:
            return
        key, node = pair
        seen.add(id(node))
        found.append(Site(context, key, node, _classify(context, node)))

    for _, job in workflow.jobs(root):
        add(Context.JOB, y.get(job, "uses"))
    for step in workflow.steps(root):
        add(Context.STEP, y.get(step.node, "uses"))
    image = y.get(y.value(root, "runs"), "image")
    if image is not None and (y.scalar(image[1]) or "").strip().startswith("docker://"):
        add(Context.IMAGE, image)
    found.sort(key=lambda site: y.start(site.node))
    return found


def _classify(context: Context, node: y.Node) -> Uses:
    value = y.scalar(node)
    if value is None:
        return Invalid("`uses:` must be a string")
    uses = parse(value)
    if context is Context.JOB:
        if isinstance(uses, Docker):
            return Invalid("a job's `uses:` must name a reusable workflow, not a Docker image")
        if isinstance(uses, Local) and "@" in uses.path:
            return Invalid(
                f"`{uses.path}`: a local reusable workflow takes no `@ref` "
                "(it always runs from the calling commit)"
            )
        if isinstance(uses, Repository) and not _is_workflow_subpath(uses.subpath):
            return Invalid(
                f"`{uses.name}@{uses.ref}`: a job's `uses:` must name a reusable workflow, "
                "`owner/repo/.github/workflows/<file>.yml@ref`"
            )
    return uses


def _is_workflow_subpath(subpath: str | None) -> bool:
    return (
        subpath is not None
        and subpath.startswith(".github/workflows/")
        and subpath.endswith((".yml", ".yaml"))
    )
