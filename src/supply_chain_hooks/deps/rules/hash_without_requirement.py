"""## What it does
Reports a `--hash` on a line that has no requirement, so that it protects nothing:

- the hash comes first: `--hash=sha256:... packaging==24.2` (pip reads the whole line as
  options and silently drops the requirement too);
- a comment line inside a backslash continuation ended the requirement's line, and the
  `--hash` lines after it stand alone;
- a backslash followed by whitespace did not continue the line;
- `--hash` on an include line (`-r other.txt --hash=...`).

## Why is this bad?
pip only warns ("has --hash but no requirement, and will be ignored") and goes on: the
requirement the hash was written for installs without it, or not at all, with exit code 0.
uv refuses such files, so the same file behaves differently under the two installers.

## Example
```text
packaging==24.2 \\
    # via -r requirements.in
    --hash=sha256:09abb1bccd265c01f4a3aa3f7a7db064b36514d2cba19a2f694fe6150451a759
```
Use instead:
```text
packaging==24.2 \\
    --hash=sha256:09abb1bccd265c01f4a3aa3f7a7db064b36514d2cba19a2f694fe6150451a759
    # via -r requirements.in
```

## Fix safety
No autofix: which requirement a stray hash belongs to is a guess; regenerate the file.

## References
- pip `req_file.handle_option_line` (the warning); pip `join_lines` (comments end continuations)
"""

from __future__ import annotations

from supply_chain_hooks.deps.context import RequirementsContext
from supply_chain_hooks.deps.hints import shorten
from supply_chain_hooks.model import FixAvailability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.deps.analysis import Entry
    from supply_chain_hooks.deps.context import Context
    from supply_chain_hooks.model import Finding

RULE = Rule(
    code="SCH208",
    name="hash-without-requirement",
    hook="require-lock-hashes",
    summary="--hash on a line without a requirement, which pip ignores",
    fix=FixAvailability.NONE,
    doc=__doc__,
)


def _why(entry: Entry, previous: Entry | None) -> str:
    line = entry.line
    if line.positional:
        dropped = shorten(" ".join(line.positional), 40)
        return f"pip drops `{dropped}` after an option, and the hash with it"
    if previous is not None and previous.line.requirement:
        label = "`" + shorten(previous.line.requirement.rstrip(" \\"), 40) + "`"
        if previous.line.ended_by_comment is not None:
            number = entry.line_number(previous.line.ended_by_comment)
            return f"comment line {number} ends the continuation of {label}, so pip ignores it"
        if previous.line.broken_continuation:
            return f"the backslash after {label} is followed by whitespace"
    if line.values("--requirement") or line.values("--constraint"):
        return "pip ignores a hash on an include line"
    return "pip ignores it, with only a warning"


def check(context: Context) -> Iterator[Finding]:
    if not isinstance(context, RequirementsContext):
        return
    previous: Entry | None = None
    for entry in context.entries:
        if previous is not None and previous.file is not entry.file:
            previous = None
        line = entry.line
        if line.effective_requirement is None and line.has("--hash"):
            yield entry.finding(
                RULE,
                f"--hash without a requirement: {_why(entry, previous)}",
                context.hint(entry.file).regenerate,
            )
        previous = entry
