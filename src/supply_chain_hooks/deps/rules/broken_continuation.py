"""## What it does
Reports a backslash continuation that does not do what it looks like:

- a backslash followed by spaces or tabs: pip does not join the lines, and fails on the
  requirement that now ends in `\\` (uv fails too); the `--hash` lines after it stand alone;
- a comment that ends in a backslash (`six==1.16.0  # pinned \\`): pip joins the next line
  **into the comment** and silently drops it, `--hash` options included.

## Why is this bad?
Both leave the file meaning something else than it shows. The second is silent: pip
installs the requirement without the hashes that were written for it, and exits 0.

## Example
```text
six==1.16.0  # pinned for py2 \\
    --hash=sha256:8abb2f1d86890a2dfb989f9a77cfcfd3e47c2a354b01111771326f8aa26e0254
```
Use instead:
```text
six==1.16.0 \\
    --hash=sha256:8abb2f1d86890a2dfb989f9a77cfcfd3e47c2a354b01111771326f8aa26e0254
    # pinned for py2
```

## Fix safety
No autofix: the intended structure is a guess; regenerate the file or move the comment.

## References
- pip `req_file.join_lines` and `ignore_comments`
"""

from __future__ import annotations

from supply_chain_hooks.deps.context import RequirementsContext
from supply_chain_hooks.deps.hints import shorten
from supply_chain_hooks.model import Finding, FixAvailability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.deps.context import Context

RULE = Rule(
    code="SCH209",
    name="broken-continuation",
    hook="require-lock-hashes",
    summary="backslash continuation broken by whitespace or swallowed by a comment",
    fix=FixAvailability.NONE,
    doc=__doc__,
)


def check(context: Context) -> Iterator[Finding]:
    if not isinstance(context, RequirementsContext):
        return
    for entry in context.entries:
        line = entry.line
        if line.broken_continuation:
            yield entry.finding(
                RULE,
                "a backslash followed by whitespace does not continue the line",
                "remove the whitespace after the backslash",
            )
        if line.swallowed_at is not None:
            source = entry.file.source
            start = line.swallowed_at
            end = source.text.find("\n", start)
            location = source.location(start, len(source.text) if end < 0 else end)
            yield Finding(
                RULE,
                entry.file.path,
                location,
                f"this comment ends in a backslash: pip drops `{shorten(line.swallowed, 40)}`",
                hint="remove the backslash, or move the comment below the requirement",
            )
