"""## What it does
Reports a requirement that points at a local directory (`./libs/foo`, `../proj`,
`file:///srv/src/foo`, `name @ file:///...` without an archive extension), and any local
path without an archive extension (which pip reads as a directory or refuses).

## Why is this bad?
A directory is built from whatever it contains at install time: there is no single file
to hash. pip refuses the file in hash-checking mode ("Can't verify hashes for these file://
requirements because they point to directories") and installs it unverified otherwise.

## Example
```text
./libs/foo
```
Use instead: build a wheel and reference it with its hash, or install the directory
separately with `--no-deps`:
```text
./dist/foo-1.0-py3-none-any.whl --hash=sha256:...
```

## Fix safety
No autofix.

## References
- pip `operations/prepare.py` (`DirectoryUrlHashUnsupported`)
"""

from __future__ import annotations

from supply_chain_hooks.deps.context import RequirementsContext
from supply_chain_hooks.deps.hints import local_hint, shorten
from supply_chain_hooks.model import FixAvailability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.deps.context import Context
    from supply_chain_hooks.model import Finding

RULE = Rule(
    code="SCH207",
    name="local-directory-requirement",
    hook="require-lock-hashes",
    summary="requirement pointing at a local directory, which cannot be hashed",
    fix=FixAvailability.NONE,
    doc=__doc__,
)


def check(context: Context) -> Iterator[Finding]:
    if not isinstance(context, RequirementsContext):
        return
    for entry in context.entries:
        requirement = entry.requirement
        if requirement is None or requirement.kind != "directory":
            continue
        yield entry.finding(
            RULE,
            f"`{shorten(requirement.text, 60)}` is a local directory, which cannot be hashed",
            "build a wheel and reference it with --hash, or "
            + local_hint(context.hint(entry.file)),
        )
