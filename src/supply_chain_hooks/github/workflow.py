"""Reading GitHub workflows and actions from composed YAML nodes.

Helpers speak in the workflow's own vocabulary (triggers, jobs, steps) and hand back the
nodes, so rules can point at exact spans. Aliased blocks are the same node objects as
their anchors: callers that collect findings deduplicate by node identity.
"""

from __future__ import annotations

from collections.abc import Iterator

from supply_chain_hooks import yaml_doc as y
from supply_chain_hooks.model import Record
from supply_chain_hooks.patterns import lazy

#: Paths relative to the repository root, as pre-commit passes them.
WORKFLOW_PATH = lazy(r"^(\./)?\.github/workflows/[^/]+\.ya?ml$")
ACTION_PATH = lazy(r"(^|/)action\.ya?ml$")
#: Every workflow and action path ends with one of these (a hook's `suffixes`).
YAML_SUFFIXES = (".yml", ".yaml")


def is_workflow_path(path: str) -> bool:
    return WORKFLOW_PATH.search(path.replace("\\", "/")) is not None


def is_action_path(path: str) -> bool:
    return ACTION_PATH.search(path.replace("\\", "/")) is not None


class Trigger(Record):
    name: str
    #: The scalar that names the event: a mapping key, a list element or the bare value.
    node: y.Node
    #: The event's configuration (types, branches...) when `on:` is a mapping.
    config: y.Node | None


def triggers(root: y.Node | None) -> list[Trigger]:
    """The events of `on:` in all three shapes: a string, a list, a mapping."""
    found = y.get(root, "on")
    if found is None:
        return []
    on = found[1]
    if y.is_scalar(on):
        return [Trigger(str(on.value), on, None)] if on.value else []
    if y.is_sequence(on):
        return [
            Trigger(str(item.value), item, None) for item in y.elements(on) if y.is_scalar(item)
        ]
    return [Trigger(str(key.value), key, value) for key, value in y.items(on)]


class Step(Record):
    job: str | None
    node: y.Node


def jobs(root: y.Node | None) -> list[tuple[y.ScalarNode, y.Node]]:
    return y.items(y.value(root, "jobs"))


def _expand_steps(job: str | None, steps: y.Node | None) -> Iterator[Step]:
    for step in y.elements(steps):
        parallel = y.value(step, "parallel")
        if parallel is not None:
            # `- parallel: [steps...]` or `- parallel: {steps: [...]}`
            inner = parallel if y.is_sequence(parallel) else y.value(parallel, "steps")
            yield from _expand_steps(job, inner)
        yield Step(job, step)


def steps(root: y.Node | None) -> Iterator[Step]:
    """Every step of every job (workflows) or of `runs.steps` (composite actions)."""
    for key, job in jobs(root):
        yield from job_steps(str(key.value), job)
    yield from _expand_steps(None, y.value(root, "runs", "steps"))


def job_steps(name: str, job: y.Node | None) -> Iterator[Step]:
    """The steps of one job, `parallel:` blocks expanded (none for a reusable-workflow call)."""
    return _expand_steps(name, y.value(job, "steps"))


#: What `permissions: write-all` and `read-all` grant to every scope.
_ALL = {"write-all": "write", "read-all": "read"}


def permission(permissions: y.Node | None, scope: str) -> str | None:
    """The access a `permissions:` value grants to one scope (`id-token`, `contents`...):
    "write", "read" or "none"; None when there is no `permissions:` value at all (then the
    job inherits the workflow's, and the workflow gets the repository default)."""
    if permissions is None:
        return None
    text = y.scalar(permissions)
    if text is not None:
        return _ALL.get(text.strip().lower(), "none")
    value = y.scalar(y.value(permissions, scope))
    return value.strip().lower() if value is not None else "none"


_MATRIX = lazy(r"\$\{\{\s*matrix((?:\.[\w-]+)+)\s*\}\}\Z")


def matrix_values(job: y.Node, value: str) -> list[str] | None:
    """The values `${{ matrix.a.b }}` takes in the job's static matrix (its lists and its
    `include:` entries), or None when the value is another expression or the matrix is not
    written out in the file (`fromJSON(...)`, an input)."""
    found = _MATRIX.match(value.strip())
    matrix = y.value(job, "strategy", "matrix")
    if found is None or not y.is_mapping(matrix):
        return None
    first, *rest = found.group(1).split(".")[1:]
    nodes: list[y.Node | None] = []
    for key, axis in y.items(matrix):
        if key.value == first:
            if not y.is_sequence(axis):
                return None
            nodes += [y.value(element, *rest) for element in y.elements(axis)]
    for entry in y.elements(y.value(matrix, "include")):
        if y.get(entry, first) is not None:
            nodes.append(y.value(entry, first, *rest))
    values = []
    for node in nodes:
        if node is None:
            continue  # this combination sets nothing there (a job without a container)
        text = y.scalar(node)
        if text is None or "${{" in text:
            return None
        if text.strip():
            values.append(text.strip())
    return values if nodes else None
