"""Rendering findings: text, JSON, SARIF 2.1.0 and GitHub workflow commands."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence

from supply_chain_hooks import __version__
from supply_chain_hooks.model import Applicability, Record, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from supply_chain_hooks.model import Finding

FORMATS = ("text", "json", "sarif", "github")
DOCS_URL = "https://github.com/supply-chain-hooks/supply-chain-hooks/blob/main/docs/rules/{code}.md"


class Summary(Record):
    """What the text report's last line counts, besides the findings shown."""

    hooks: int = 1
    files: int = 0
    #: Findings the baseline hid.
    hidden: int = 0
    #: Files --fix changed.
    fixed: int = 0


class View(Record):
    """How the text report is laid out."""

    show_hints: bool = False
    statistics: bool = False
    quiet: bool = False


def render(
    findings: Sequence[Finding],
    output_format: str,
    rules: Callable[[], Sequence[Rule]],
    line_text: Callable[[Finding], str],
    summary: Summary | None = None,
    view: View | None = None,
) -> str:
    """The report in one of FORMATS (rules and line_text feed SARIF's rule table and
    fingerprints: rules is called only then). Only text has a summary line: the other
    formats are the document alone."""
    if output_format == "json":
        return json_report(findings)
    if output_format == "sarif":
        return sarif(findings, rules(), line_text)
    if output_format == "github":
        return github(findings)
    return text(findings, summary or Summary(), view or View())


def write(report: str) -> None:
    """Write a report to stdout; a path that is not valid UTF-8 (or a character the
    terminal's encoding lacks) is escaped instead of crashing the run."""
    try:
        sys.stdout.write(report)
    except UnicodeEncodeError:
        encoding = sys.stdout.encoding or "utf-8"
        sys.stdout.write(report.encode(encoding, "backslashreplace").decode(encoding))


def fixable(finding: Finding) -> bool:
    """Whether ``--fix`` fixes the finding: it carries a safe fix, or its rule makes the
    edit only under ``--fix`` (pin-actions-to-sha resolves refs over the network then) and
    the finding says so."""
    if finding.fix is not None:
        return finding.fix.applicability is Applicability.SAFE
    return finding.fixed_by_fix


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def summary_line(findings: Sequence[Finding], summary: Summary) -> str:
    hidden = f"{summary.hidden} hidden by the baseline" if summary.hidden else ""
    if not findings and summary.fixed:
        counts = f"{_plural(summary.hooks, 'hook')}, {_plural(summary.files, 'file')}"
        tail = f"; {hidden}" if hidden else ""
        return f"Fixed {_plural(summary.fixed, 'file')}; no problems left ({counts}{tail})."
    if not findings:
        tail = f" ({hidden})" if hidden else ""
        return (
            f"All checks passed: {_plural(summary.hooks, 'hook')}, "
            f"{_plural(summary.files, 'file')}{tail}."
        )
    count = sum(1 for finding in findings if fixable(finding))
    notes = [f"{count} fixable with --fix"] if count else []
    unsafe = sum(
        1
        for finding in findings
        if finding.fix is not None and finding.fix.applicability is Applicability.UNSAFE
    )
    if unsafe:
        notes.append(f"{unsafe} more with --unsafe-fixes")
    if summary.fixed:
        notes.append(f"{_plural(summary.fixed, 'file')} fixed")
    if hidden:
        notes.append(hidden)
    tail = f" ({', '.join(notes)})" if notes else ""
    return f"Found {_plural(len(findings), 'problem')}{tail}."


def hint(rule: Rule) -> str:
    """How to fix what the rule reports: the Example section of its documentation."""
    lines = rule.doc.splitlines()
    taken: list[str] = []
    inside = False
    for line in lines:
        if line.startswith("## "):
            if inside:
                break
            inside = line.strip() == "## Example"
            continue
        if inside:
            taken.append(line)
    body = "\n".join(taken).strip()
    more = f"Documentation: supply-chain-hooks rule {rule.code}"
    return f"{body}\n{more}" if body else more


def statistics(findings: Sequence[Finding]) -> list[str]:
    """Counts per rule, most frequent first (as ``ruff check --statistics``)."""
    counts: dict[Rule, list[int]] = {}
    for finding in findings:
        entry = counts.setdefault(finding.rule, [0, 0])
        entry[0] += 1
        entry[1] += fixable(finding)
    ordered = sorted(counts.items(), key=lambda item: (-item[1][0], item[0].code))
    width = max((len(str(entry[0])) for _, entry in ordered), default=1)
    return [
        f"{entry[0]:>{width}}  {rule.code}  {'[*]' if entry[1] else '   '} {rule.name}"
        for rule, entry in ordered
    ]


def text(
    findings: Sequence[Finding], summary: Summary | None = None, view: View | None = None
) -> str:
    summary = summary or Summary()
    view = view or View()
    lines = []
    if view.statistics:
        lines += statistics(findings)
    else:
        for finding in findings:
            loc = finding.location
            marker = " [*]" if fixable(finding) else ""
            lines.append(
                f"{finding.path}:{loc.line}:{loc.column}: {finding.rule.code}{marker} {finding.message}"
            )
            if view.show_hints:
                shown = (
                    f"{finding.hint}\n{hint(finding.rule)}" if finding.hint else hint(finding.rule)
                )
                lines += ["    " + line if line else "" for line in shown.splitlines()]
    if not view.quiet:
        lines.append(summary_line(findings, summary))
    return "".join(line + "\n" for line in lines)


def as_dicts(findings: Sequence[Finding]) -> list[dict[str, object]]:
    return [
        {
            "code": finding.rule.code,
            "name": finding.rule.name,
            "hook": finding.rule.hook,
            "path": finding.path,
            "line": finding.location.line,
            "column": finding.location.column,
            "end_line": finding.location.end_line,
            "end_column": finding.location.end_column,
            "message": finding.message,
            "help": f"{finding.hint}\n{hint(finding.rule)}" if finding.hint else hint(finding.rule),
            "fix": None
            if finding.fix is None
            else {"applicability": finding.fix.applicability.value, "title": finding.fix.title},
        }
        for finding in findings
    ]


def json_report(findings: Sequence[Finding]) -> str:
    import json

    return json.dumps(as_dicts(findings), indent=2) + "\n"


def _uri(path: str) -> str:
    if os.path.isabs(path):
        relative = os.path.relpath(path)
        if relative.startswith(".."):
            from pathlib import Path

            return Path(path).as_uri()
        path = relative
    return path.replace(os.sep, "/").removeprefix("./")


def sarif(
    findings: Sequence[Finding], rules: Sequence[Rule], line_text: Callable[[Finding], str]
) -> str:
    import hashlib
    import json

    used = {finding.rule.code for finding in findings}
    listed = [rule for rule in rules if rule.code in used] or list(rules)
    listed += [finding.rule for finding in findings if finding.rule not in listed]
    listed = list({rule.code: rule for rule in listed}.values())
    index = {rule.code: number for number, rule in enumerate(listed)}
    seen: dict[str, int] = {}
    results = []
    for finding in findings:
        loc = finding.location
        base = f"{finding.rule.code}:{_uri(finding.path)}:{line_text(finding).strip()}"
        digest = hashlib.sha256(base.encode("utf-8", "surrogatepass")).hexdigest()[:32]
        seen[digest] = seen.get(digest, 0) + 1
        results.append(
            {
                "ruleId": finding.rule.code,
                "ruleIndex": index[finding.rule.code],
                "level": "error",
                "message": {"text": finding.message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {
                                "uri": _uri(finding.path),
                                "uriBaseId": "%SRCROOT%",
                            },
                            "region": {
                                "startLine": loc.line,
                                "startColumn": loc.column,
                                "endLine": loc.end_line,
                                "endColumn": loc.end_column,
                            },
                        }
                    }
                ],
                "partialFingerprints": {"primaryLocationLineHash": f"{digest}:{seen[digest]}"},
            }
        )
    document = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "supply-chain-hooks",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": "https://github.com/supply-chain-hooks/supply-chain-hooks",
                        "rules": [
                            {
                                "id": rule.code,
                                "name": rule.name,
                                "shortDescription": {"text": rule.summary},
                                "fullDescription": {"text": rule.summary},
                                "help": {"text": rule.doc, "markdown": rule.doc},
                                "helpUri": DOCS_URL.format(code=rule.code),
                                "defaultConfiguration": {"level": "error"},
                                "properties": {"tags": ["security", "supply-chain"]},
                            }
                            for rule in listed
                        ],
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": _srcroot()}},
                "results": results,
            }
        ],
    }
    return json.dumps(document, indent=2) + "\n"


def _srcroot() -> str:
    from pathlib import Path

    uri = Path.cwd().as_uri()
    return uri if uri.endswith("/") else uri + "/"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(findings: Sequence[Finding]) -> str:
    lines = []
    for finding in findings:
        loc = finding.location
        properties = ",".join(
            [
                f"file={_escape_property(_uri(finding.path))}",
                f"line={loc.line}",
                f"col={loc.column}",
                f"endLine={loc.end_line}",
                f"endColumn={loc.end_column}",
                f"title={_escape_property(f'{finding.rule.code} {finding.rule.name}')}",
            ]
        )
        lines.append(f"::error {properties}::{_escape_data(finding.message)}")
    return "".join(line + "\n" for line in lines)
