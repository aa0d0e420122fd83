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

from supply_chain_hooks.deps.context import RequirementsContext
from supply_chain_hooks.model import Finding, FixAvailability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.deps.context import Context
    from supply_chain_hooks.deps.includes import IncludeProblem

RULE = Rule(
    code="SCH212",
    name="bad-include",
    hook="require-lock-hashes",
    summary="-r/-c include that is missing, cyclic or remote",
    fix=FixAvailability.NONE,
    doc=__doc__,
)


def check(context: Context) -> Iterator[Finding]:
    if not isinstance(context, RequirementsContext):
        return
    for problem in context.tree.problems:
        source = problem.file.source
        end = source.text.find("\n", problem.start, problem.end)
        location = source.location(problem.start, problem.end if end < 0 else end)
        yield Finding(RULE, problem.file.path, location, _message(problem))


def _message(problem: IncludeProblem) -> str:
    include = f"`{'-c' if problem.constraint else '-r'} {problem.written}`"
    if problem.reason == "url":
        return f"{include} includes a file from a URL, which can change after review"
    if problem.reason == "cycle":
        return f"{include} includes a file that includes this one: pip refuses the cycle"
    what = "a directory" if problem.reason == "directory" else "missing"
    return f"{include} names {problem.target}, which is {what}: pip stops with an error"
