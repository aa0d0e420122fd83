"""What a privileged workflow exposes: pull-request code it runs, write access, secrets.

Used to escalate the messages of the dangerous-trigger rules. Every signal carries the
line where it was seen so the user can go straight to it.
"""

from __future__ import annotations

from supply_chain_hooks import yaml_doc as y
from supply_chain_hooks.github import workflow
from supply_chain_hooks.model import Record, Rule
from supply_chain_hooks.patterns import lazy
from supply_chain_hooks.source import Source

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from supply_chain_hooks.model import Finding

_SECRET = lazy(r"\bsecrets\.(?!GITHUB_TOKEN\b)[A-Za-z_]|\bsecrets\[")


class Exposure(Record):
    pr_checkout: int | None = None
    write_permissions: int | None = None
    default_permissions: bool = False
    secrets: int | None = None
    #: Whether a step after the checkout runs what it brought in.
    pr_code_runs: bool = True


def _line(source: Source, node: y.Node) -> int:
    return source.position(y.content_start(source.text, node))[0]


def _checkout(document: y.Document) -> tuple[int, bool] | None:
    """The line where pull-request code first comes into a job, and whether a later step of
    that job runs it (see github/pr_code.py); None when no job brings it in."""
    from supply_chain_hooks.github.pr_code import entries

    found = entries(document)
    if not found:
        return None
    run = [entry for entry in found if entry.runner is not None]
    first = (run or found)[0]
    return document.source.position(first.offset)[0], bool(run)


def _grants_write(node: y.Node | None) -> bool:
    text = y.scalar(node)
    if text is not None:
        return text.strip() == "write-all"
    return any(y.scalar(value) == "write" for _, value in y.items(node))


def analyse(document: y.Document, root: y.Node) -> Exposure:
    source = document.source
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
    checkout = _checkout(document)
    return Exposure(
        checkout[0] if checkout else None,
        write_line,
        missing,
        secret_line,
        checkout[1] if checkout else False,
    )


def _is_secrets_value(root: y.Node, node: y.Node) -> bool:
    return any(y.value(job, "secrets") is node for _, job in workflow.jobs(root))


def describe(exposure: Exposure) -> str:
    """What makes a dangerous trigger worse, as clauses for its message ('' when none)."""
    parts = []
    if exposure.pr_checkout is not None and exposure.pr_code_runs:
        parts.append(
            f"it checks out or fetches pull-request code (line {exposure.pr_checkout}), "
            "so a fork's code runs with the base repository's privileges"
        )
    elif exposure.pr_checkout is not None:
        parts.append(
            f"it checks out or fetches pull-request code (line {exposure.pr_checkout}), "
            "but no later step of that job runs it"
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
    dangerous = exposure.pr_checkout is not None and exposure.pr_code_runs
    severity = "DANGEROUS: " if dangerous else ""
    return severity + "; ".join(parts)


def trigger_findings(document: y.Document, rule: Rule, event: str, risk: str) -> list[Finding]:
    """One finding per `on:` entry naming event (case-insensitively), at the entry's span."""
    source = document.source
    if document.root is None:
        return []
    found = [t for t in workflow.triggers(document.root) if t.name.lower() == event]
    if not found:
        return []
    from supply_chain_hooks.model import Finding

    escalation = describe(analyse(document, document.root))
    findings = []
    for trigger in found:
        spelled = "" if trigger.name == event else f" (spelled {trigger.name!r})"
        message = f"workflow is triggered by `{event}`{spelled}: {risk}"
        if escalation:  # one sentence, its clauses apart
            message += f"; {escalation}"
        location = source.location(y.content_start(source.text, trigger.node), y.end(trigger.node))
        findings.append(Finding(rule, source.path, location, message))
    return findings
