"""Rendering findings: text, JSON, SARIF 2.1.0 and GitHub workflow commands."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence

from supply_chain_hooks import __version__
from supply_chain_hooks.model import Applicability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from supply_chain_hooks.model import Finding

FORMATS = ("text", "json", "sarif", "github")
DOCS_URL = "https://github.com/supply-chain-hooks/supply-chain-hooks/blob/main/docs/rules/{code}.md"


def render(
    findings: Sequence[Finding],
    output_format: str,
    rules: Sequence[Rule],
    line_text: Callable[[Finding], str],
) -> str:
    """The report in one of FORMATS (rules and line_text feed SARIF's rule table and
    fingerprints)."""
    if output_format == "json":
        return json_report(findings)
    if output_format == "sarif":
        return sarif(findings, rules, line_text)
    if output_format == "github":
        return github(findings)
    return text(findings)


def write(report: str) -> None:
    """Write a report to stdout; a path that is not valid UTF-8 (or a character the
    terminal's encoding lacks) is escaped instead of crashing the run."""
    try:
        sys.stdout.write(report)
    except UnicodeEncodeError:
        encoding = sys.stdout.encoding or "utf-8"
        sys.stdout.write(report.encode(encoding, "backslashreplace").decode(encoding))


def _fixable(finding: Finding) -> bool:
    return finding.fix is not None and finding.fix.applicability is Applicability.SAFE


def text(findings: Sequence[Finding]) -> str:
    lines = []
    for finding in findings:
        loc = finding.location
        marker = " [*]" if _fixable(finding) else ""
        lines.append(
            f"{finding.path}:{loc.line}:{loc.column}: {finding.rule.code}{marker} {finding.message}"
        )
    if findings:
        fixable = sum(1 for finding in findings if _fixable(finding))
        noun = "problem" if len(findings) == 1 else "problems"
        hint = f" ({fixable} fixable with --fix)" if fixable else ""
        lines.append(f"Found {len(findings)} {noun}{hint}.")
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
