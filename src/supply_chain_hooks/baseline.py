"""The baseline: findings accepted as they were when it was written, hidden from reports.

`supply-chain-hooks baseline` writes every current finding's fingerprint to
``.supply-chain-hooks-baseline.json`` at the repository root; every hook and `check` read
that file when it exists. A fingerprint is the rule code, the path (relative to the
repository root, with `/`), the flagged text with its whitespace collapsed, and the
occurrence index among findings with the same three, so it survives lines moving and a
new copy of an old problem is still reported.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from supply_chain_hooks.model import Finding
    from supply_chain_hooks.workspace import Workspace

FILENAME = ".supply-chain-hooks-baseline.json"
VERSION = 1

Fingerprint = tuple[str, str, str, int]


class BaselineError(Exception):
    """A baseline file that cannot be read: a usage error."""


def repository_root(start: str = ".") -> str:
    """The closest folder holding `.git` (a folder, or a file in a worktree), or start."""
    directory = os.path.abspath(start)
    while True:
        if os.path.exists(os.path.join(directory, ".git")):
            return directory
        parent = os.path.dirname(directory)
        if parent == directory:
            return os.path.abspath(start)
        directory = parent


def default_path(start: str = ".") -> str:
    return os.path.join(repository_root(start), FILENAME)


def _relative(path: str, root: str) -> str:
    relative = os.path.relpath(os.path.abspath(path), root)
    return relative.replace(os.sep, "/")


def _flagged(workspace: Workspace, finding: Finding) -> str:
    """The flagged text, whitespace collapsed; the finding's line when the span is empty;
    the message when the file cannot be read."""
    from supply_chain_hooks.source import InputError

    loc = finding.location
    try:
        source = workspace.source(finding.path)
    except (InputError, OSError):
        return finding.message
    text = source.text[
        source.offset(loc.line, loc.column) : source.offset(loc.end_line, loc.end_column)
    ]
    if not text.strip():
        text = source.line_text(loc.line)
    return " ".join(text.split()) or finding.message


def fingerprints(workspace: Workspace, findings: Sequence[Finding], root: str) -> list[Fingerprint]:
    """Each finding's fingerprint, in the order of findings (occurrences counted in the
    findings' sorted order, so the index does not depend on the order of the run)."""
    keys = [
        (finding.rule.code, _relative(finding.path, root), _flagged(workspace, finding))
        for finding in findings
    ]
    order = sorted(range(len(findings)), key=lambda i: findings[i].sort_key)
    seen: dict[tuple[str, str, str], int] = {}
    result: list[Fingerprint] = [("", "", "", 0)] * len(findings)
    for index in order:
        key = keys[index]
        seen[key] = seen.get(key, 0) + 1
        result[index] = (*key, seen[key])
    return result


def dumps(prints: Iterable[Fingerprint]) -> str:
    """The file's text: sorted, one entry per finding, stable across runs."""
    import json

    entries = [
        {"code": code, "path": path, "text": text, "occurrence": occurrence}
        for code, path, text, occurrence in sorted(
            set(prints), key=lambda p: (p[1], p[0], p[2], p[3])
        )
    ]
    document = {"version": VERSION, "findings": entries}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def load(path: str) -> frozenset[Fingerprint]:
    import json

    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise BaselineError(f"{path}: cannot read the baseline: {error}") from None
    entries = data.get("findings") if isinstance(data, dict) else None
    if not isinstance(entries, list) or data.get("version") != VERSION:
        raise BaselineError(f"{path}: not a supply-chain-hooks baseline (version {VERSION})")
    prints: set[Fingerprint] = set()
    for entry in entries:
        if not isinstance(entry, dict):
            raise BaselineError(f"{path}: a baseline entry must be an object")
        code, where, text, occurrence = (
            entry.get("code"),
            entry.get("path"),
            entry.get("text"),
            entry.get("occurrence"),
        )
        if not (
            isinstance(code, str)
            and isinstance(where, str)
            and isinstance(text, str)
            and isinstance(occurrence, int)
        ):
            raise BaselineError(f"{path}: bad baseline entry {entry!r}")
        prints.add((code, where, text, occurrence))
    return frozenset(prints)


def split(
    workspace: Workspace, findings: Sequence[Finding], path: str
) -> tuple[list[Finding], int]:
    """The findings the baseline at path does not hold, and how many it hid."""
    if not findings:
        return list(findings), 0
    accepted = load(path)
    root = os.path.dirname(os.path.abspath(path))
    kept = [
        finding
        for finding, fingerprint in zip(
            findings, fingerprints(workspace, findings, root), strict=True
        )
        if fingerprint not in accepted
    ]
    return kept, len(findings) - len(kept)
