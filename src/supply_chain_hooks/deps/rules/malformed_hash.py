"""## What it does
Reports a hash that cannot be right: no `algorithm:` prefix (`--hash=09ab...`), an
algorithm spelled in upper case (`SHA256:`), a digest that is not hexadecimal, or a digest
of the wrong length for its algorithm (64 hex digits for sha256, 96 for sha384, 128 for
sha512), in requirements files and in lock files.

## Why is this bad?
pip refuses `SHA256:` and a missing algorithm outright; an empty or truncated digest is
accepted when the file is read and fails only after the download, with a hash mismatch
that looks like an attack. A malformed hash usually means the file was edited by hand
or damaged by a merge, and the artifact it was meant to protect is no longer protected.

## Example
```text
packaging==24.2 --hash=SHA256:09abb1bccd265c01f4a3aa3f7a7db064b36514d2cba19a2f694fe6150451a759
```
Use instead:
```text
packaging==24.2 --hash=sha256:09abb1bccd265c01f4a3aa3f7a7db064b36514d2cba19a2f694fe6150451a759
```

## Fix safety
No autofix: even when the change looks mechanical (lower-casing the algorithm), the
digest itself may be wrong; regenerate the file with the command in the message.

## References
- pip `cmdoptions._handle_merge_hash`; uv: "Invalid hash digest length"
"""

from __future__ import annotations

from supply_chain_hooks.deps.context import RequirementsContext
from supply_chain_hooks.deps.hints import regenerate, shorten
from supply_chain_hooks.model import FixAvailability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.deps.context import Context, LockContext
    from supply_chain_hooks.model import Finding

RULE = Rule(
    code="SCH203",
    name="malformed-hash",
    hook="require-lock-hashes",
    summary="hash without algorithm, or digest of the wrong form or length",
    fix=FixAvailability.NONE,
    doc=__doc__,
)


def check(context: Context) -> Iterator[Finding]:
    if isinstance(context, RequirementsContext):
        yield from _requirements(context)
    else:
        yield from _lock(context)


def _requirements(context: RequirementsContext) -> Iterator[Finding]:
    for entry in context.entries:
        if not entry.bad_hashes or entry.line.is_editable:
            continue
        for written, problem in entry.bad_hashes:
            if not problem.weak:
                yield entry.finding(
                    RULE,
                    f"`{shorten(written)}`: {problem.message}",
                    context.hint(entry.file).regenerate,
                )


def _lock(context: LockContext) -> Iterator[Finding]:
    lock = context.lock
    for artifact in lock.artifacts:
        for value in artifact.hashes:
            problem = value.problem
            if problem is not None and not problem.weak:
                yield context.locator.finding(
                    RULE,
                    value.key,
                    f"`{artifact.package}` {artifact.label}: `{shorten(value.written)}`: "
                    f"{problem.message}",
                    regenerate(lock.command_for(artifact.package), path=context.path),
                )
