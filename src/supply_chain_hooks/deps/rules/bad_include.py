"""## What it does
Reports a `-r FILE` / `-c FILE` include (also `--requirement`, `--constraint`) that cannot
be checked: the file is missing or is a directory, the include forms a cycle, or the file
is fetched from a URL. Included files are resolved relative to the including file, as pip
does, and are checked with the same rules.

## Why is this bad?
pip stops on a missing file or a cycle, so the install fails and nothing in it was
verified by this hook either. An included URL is downloaded at install time: its content
can change after review, and no hash protects it.

## Example
```text
-r https://example.com/requirements.txt
-r base.txt   # base.txt does not exist
```
Use instead: include files from the repository, by a path that exists.

## Fix safety
No autofix.

## References
- pip `req_file.RequirementsFileParser` ("recursively references itself")
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from supply_chain_hooks.model import Finding, FixAvailability, Rule

if TYPE_CHECKING:
    from supply_chain_hooks.deps.requirements_file import Analysis

RULE = Rule(
    code="SCH212",
    name="bad-include",
    hook="require-lock-hashes",
    summary="-r/-c include that is missing, cyclic or remote",
    fix=FixAvailability.NONE,
    doc=__doc__,
)


def check(analysis: Analysis) -> list[Finding]:
    findings = []
    for problem in analysis.tree.problems:
        source = problem.file.source
        end = source.text.find("\n", problem.start, problem.end)
        location = source.location(problem.start, problem.end if end < 0 else end)
        findings.append(Finding(RULE, problem.file.path, location, problem.message))
    return findings
