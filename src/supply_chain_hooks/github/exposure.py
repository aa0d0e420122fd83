"""What a privileged workflow exposes: pull-request code it runs, write access, secrets.

Used to escalate the messages of the dangerous-trigger rules. Every signal carries the
line where it was seen so the user can go straight to it.
"""

from __future__ import annotations

import re

from supply_chain_hooks import yaml_doc as y
from supply_chain_hooks.github import workflow
from supply_chain_hooks.model import Record, Rule
from supply_chain_hooks.source import Source

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from supply_chain_hooks.model import Finding

_PR_REF = re.compile(
    r"github\.event\.pull_request\.head|github\.head_ref|refs/pull/|merge_commit_sha"
    r"|github\.event\.workflow_run\.head|github\.event\.pull_request\.number"
    r"|github\.event\.number"
)
_PR_REPOSITORY = re.compile(r"pull_request\.head\.repo|workflow_run\.head_repository")
_PR_SHELL = re.compile(
    r"\bgh\s+pr\s+checkout\b|refs/pull/|\bgit\s+fetch\b[^\n]*\bpull/|github\.head_ref"
    r"|github\.event\.pull_request\.head\.(?:sha|ref)"
)
_SECRET = re.compile(r"\bsecrets\.(?!GITHUB_TOKEN\b)[A-Za-z_]|\bsecrets\[")
_TRUE = frozenset({"true", "True", "TRUE"})


class Exposure(Record):
    __match_args__ = ("pr_checkout", "write_permissions", "default_permissions", "secrets")
    __slots__ = __match_args__
    pr_checkout: int | None
    write_permissions: int | None
    default_permissions: bool
    secrets: int | None

    def __init__(
        self,
        pr_checkout: int | None = None,
        write_permissions: int | None = None,
        default_permissions: bool = False,
        secrets: int | None = None,
    ) -> None:
        object.__setattr__(self, "pr_checkout", pr_checkout)
        object.__setattr__(self, "write_permissions", write_permissions)
        object.__setattr__(self, "default_permissions", default_permissions)
        object.__setattr__(self, "secrets", secrets)


def _line(source: Source, node: y.Node) -> int:
    return source.position(y.content_start(source.text, node))[0]


def _checkout_line(source: Source, root: y.Node) -> int | None:
    for step in workflow.steps(root):
        uses = y.scalar(y.value(step.node, "uses")) or ""
        with_ = y.value(step.node, "with")
        unsafe = y.scalar(y.value(with_, "allow-unsafe-pr-checkout"))
        if unsafe in _TRUE:
            return _line(source, step.node)
        if uses.lower().startswith("actions/checkout"):
            ref = y.scalar(y.value(with_, "ref")) or ""
            repository = y.scalar(y.value(with_, "repository")) or ""
            if _PR_REF.search(ref) or _PR_REPOSITORY.search(repository):
                return _line(source, step.node)
        run = y.scalar(y.value(step.node, "run")) or ""
        if _PR_SHELL.search(run):
            return _line(source, step.node)
    return None


def _grants_write(node: y.Node | None) -> bool:
    text = y.scalar(node)
    if text is not None:
        return text.strip() == "write-all"
    return any(y.scalar(value) == "write" for _, value in y.items(node))


def analyse(source: Source, root: y.Node) -> Exposure:
    write_line = None
    top = y.get(root, "permissions")
    if top is not None and _grants_write(top[1]):
        write_line = _line(source, top[0])
    jobs = workflow.jobs(root)
    missing = top is None and any(y.get(job, "permissions") is None for _, job in jobs)
    for _, job in jobs:
        found = y.get(job, "permissions")
        if write_line is None and found is not None and _grants_write(found[1]):
            write_line = _line(source, found[0])
    secret_line = None
    for node in y.walk(root):
        text = y.scalar(node)
        if text is not None and (
            _SECRET.search(text) or (text == "inherit" and _is_secrets_value(root, node))
        ):
            secret_line = _line(source, node)
            break
    return Exposure(_checkout_line(source, root), write_line, missing, secret_line)


def _is_secrets_value(root: y.Node, node: y.Node) -> bool:
    return any(y.value(job, "secrets") is node for _, job in workflow.jobs(root))


def describe(exposure: Exposure) -> str:
    """The escalation sentence appended to a dangerous-trigger message ('' when none)."""
    parts = []
    if exposure.pr_checkout is not None:
        parts.append(
            f"it checks out or fetches pull-request code (line {exposure.pr_checkout}), "
            "so a fork's code runs with the base repository's privileges"
        )
    if exposure.write_permissions is not None:
        parts.append(f"it grants write permissions (line {exposure.write_permissions})")
    elif exposure.default_permissions:
        parts.append(
            "it sets no `permissions:`, so the token gets the repository default (often write)"
        )
    if exposure.secrets is not None:
        parts.append(f"it uses secrets (line {exposure.secrets})")
    if not parts:
        return ""
    severity = "DANGEROUS: " if exposure.pr_checkout is not None else ""
    return f" {severity}" + "; ".join(parts) + "."


def trigger_findings(document: y.Document, rule: Rule, event: str, risk: str) -> list[Finding]:
    """One finding per `on:` entry naming event (case-insensitively), at the entry's span."""
    source = document.source
    if document.root is None:
        return []
    found = [t for t in workflow.triggers(document.root) if t.name.lower() == event]
    if not found:
        return []
    from supply_chain_hooks.model import Finding

    escalation = describe(analyse(source, document.root))
    findings = []
    for trigger in found:
        spelled = "" if trigger.name == event else f" (spelled {trigger.name!r})"
        message = f"workflow is triggered by `{event}`{spelled}: {risk}.{escalation}"
        location = source.location(y.content_start(source.text, trigger.node), y.end(trigger.node))
        findings.append(Finding(rule, source.path, location, message))
    return findings
