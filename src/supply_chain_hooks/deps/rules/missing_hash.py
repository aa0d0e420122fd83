"""## What it does
Reports a requirement in a requirements or constraints file (and in every file it reaches
through `-r`/`-c`) that carries no `--hash` at all, and no hash in its URL fragment. Markers
do not exempt a line: uv checks every line regardless of the environment, and so do we.

A constraints file (reached through `-c`, or checked on its own when its name says
constraints) installs nothing, so its lines need no hash. An unpinned requirement without a
hash is reported once, by `unpinned-requirement` (SCH204).

The message names the cause when a hash was lost on the way: a comment line inside a
backslash continuation ends it (the `--hash` lines after it belong to nothing), and a
comment that ends in a backslash swallows the next line.

## Why is this bad?
Without a hash, pip and uv install whatever file the index (or a mirror, a proxy, a
compromised account) serves for that name and version. A single `--hash` anywhere turns on
pip's hash-checking mode for the whole install, so one unhashed line usually fails the
install too; with no hashes at all, nothing is verified.

## Example
```text
six==1.16.0
```
Use instead (generated, never typed by hand):
```text
six==1.16.0 \\
    --hash=sha256:8abb2f1d86890a2dfb989f9a77cfcfd3e47c2a354b01111771326f8aa26e0254
```

## Fix safety
No autofix: hashes must come from the index, and pre-commit.ci has no network.
`--show-hints` gives the command that regenerates the file, read from its header when a generator wrote
it: `uv pip compile --generate-hashes ...`, `pip-compile --generate-hashes ...`,
`uv export ...` (hashes are on by default), `pdm export ...`.

## References
- pip, "Secure installs" (hash-checking mode); uv, `--require-hashes`
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
    code="SCH201",
    name="missing-hash",
    hook="require-lock-hashes",
    summary="requirement without a --hash",
    fix=FixAvailability.NONE,
    doc=__doc__,
)


def cause(entry: Entry) -> str:
    line = entry.line
    if line.swallowed_at is not None and "--hash" in line.swallowed:
        number = entry.line_number(line.swallowed_at)
        return f": the comment on line {number} ends in a backslash and swallows its --hash"
    if line.ended_by_comment is not None:
        number = entry.line_number(line.ended_by_comment)
        return f": the comment line {number} ends its continuation before the --hash lines"
    return ""


def check(context: Context) -> Iterator[Finding]:
    if not isinstance(context, RequirementsContext):
        return
    from supply_chain_hooks.deps.requirement import HASHABLE

    for entry in context.entries:
        requirement = entry.requirement
        if requirement is None or requirement.kind not in HASHABLE or entry.hashes:
            continue
        if entry.constraint:
            continue  # a constraint installs nothing: there is no file to verify
        if requirement.kind == "named" and not requirement.pinned:
            continue  # unpinned-requirement reports the line once, with its missing hash
        yield entry.finding(
            RULE,
            f"`{shorten(requirement.text, 60)}` has no --hash{cause(entry)}",
            context.hint(entry.file).regenerate,
        )
