"""## What it does
Reports a hash with a weak or unknown algorithm: `md5`, `sha1`, `sha224`, `blake2b`,
`sha3_*` or anything else than `sha256`, `sha384` and `sha512`, in `--hash` options, in a URL
fragment (`#md5=...`), and in lock files (`uv.lock`, `pylock.toml`, `poetry.lock`,
`pdm.lock`, `Pipfile.lock`).

## Why is this bad?
pip 26.3 refuses the whole file when any `--hash` names another algorithm than `sha256`,
`sha384` or `sha512` ("Allowed hash algorithms for --hash are sha256, sha384, sha512"),
even next to a strong hash on the same line; uv refuses md5 in hash-checking mode. A URL
fragment hash such as `#md5=` is different: pip accepts it as the line's only hash and lets
it satisfy `--require-hashes` whatever its strength. uv.lock may legally record md5 (some
indexes publish nothing better), and `uv export` then writes it into a requirements file
that pip refuses. `sha256`, `sha384` and `sha512` are the algorithms both pip and uv
accept.

## Example
```text
six==1.16.0 --hash=md5:529d7fd7e14612ccde86417b4402d6f3
```
Use instead:
```text
six==1.16.0 --hash=sha256:8abb2f1d86890a2dfb989f9a77cfcfd3e47c2a354b01111771326f8aa26e0254
```

## Fix safety
No autofix: the strong hash has to come from the index. Regenerate the file with the
command in the message.

## References
- pip `STRONG_HASHES` (`pip/_internal/utils/hashes.py`); pip docs, "Hash-checking mode"
- uv: "`md5` hashes are insecure and cannot be used with `--require-hashes`"
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
    code="SCH202",
    name="weak-hash",
    hook="require-lock-hashes",
    summary="hash with a weak or unknown algorithm",
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
                continue
            if written.startswith("--hash"):
                effect = "pip refuses the whole file"
            elif entry.line.has("--hash"):
                effect = "pip ignores it next to --hash"
            else:
                effect = "pip accepts it as the only hash"
            yield entry.finding(
                RULE,
                f"`{shorten(written)}` is not a strong hash: {effect}",
                context.hint(entry.file).regenerate,
            )


def _lock(context: LockContext) -> Iterator[Finding]:
    lock = context.lock
    for artifact in lock.artifacts:
        for value in artifact.hashes:
            problem = value.problem
            if problem is not None and problem.weak:
                yield context.locator.finding(
                    RULE,
                    value.key,
                    f"`{artifact.package}` {artifact.label}: `{shorten(value.written)}` is not a "
                    "strong hash",
                    regenerate(lock.command_for(artifact.package), path=context.path),
                )
