"""## What it does
Reports a `--no-require-hashes` line in a requirements or constraints file.

## Why is this bad?
Since pip 26.2, `--no-require-hashes` turns off the hash-checking mode that any `--hash`
in the install would otherwise switch on. The file keeps looking hashed, but a
requirement without a hash, in this file or in any file installed with it, is installed
unverified. uv does not know the option and refuses the file.

## Example
```text
--no-require-hashes
packaging==24.2 --hash=sha256:09abb1bccd265c01f4a3aa3f7a7db064b36514d2cba19a2f694fe6150451a759
six==1.16.0
```
Use instead: remove the option and hash every requirement.

## Fix safety
No autofix: removing the option makes installs fail until every requirement is hashed.

## References
- pip #14169 (`--no-require-hashes`, pip 26.2)
"""

from __future__ import annotations

from supply_chain_hooks.deps.context import RequirementsContext
from supply_chain_hooks.model import Finding, FixAvailability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.deps.context import Context

RULE = Rule(
    code="SCH210",
    name="no-require-hashes",
    hook="require-lock-hashes",
    summary="--no-require-hashes turns off hash checking",
    fix=FixAvailability.NONE,
    doc=__doc__,
)


def check(context: Context) -> Iterator[Finding]:
    if not isinstance(context, RequirementsContext):
        return
    for entry in context.entries:
        for option in entry.line.options:
            if option.name != "--no-require-hashes":
                continue
            location = entry.file.source.location(*entry.line.source_span(option.start, option.end))
            yield Finding(
                RULE,
                entry.file.path,
                location,
                "`--no-require-hashes` turns off the hash checking that any --hash enables",
                hint="remove it (uv rejects it, pip 26.2+ stops checking hashes)",
            )
