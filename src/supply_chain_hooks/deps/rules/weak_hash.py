"""## What it does
Reports a hash with a weak or unknown algorithm: `md5`, `sha1`, `sha224`, `blake2b`,
`sha3_*` or anything else than `sha256`, `sha384` and `sha512`, in `--hash` options, in a URL
fragment (`#md5=...`), and in lock files (`uv.lock`, `pylock.toml`, `poetry.lock`,
`pdm.lock`, `Pipfile.lock`).

## Why is this bad?
pip accepts a download that matches **any one** of the hashes listed for it, so a weak
hash next to a strong one is as weak as the weak one. pip also lets a URL fragment hash
such as `#md5=` satisfy `--require-hashes` regardless of its strength. uv.lock may legally
record md5 (some indexes publish nothing better), and `uv export` then writes it into a
requirements file that pip refuses. `sha256`, `sha384` and `sha512` are the algorithms
both pip and uv accept.

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

from typing import TYPE_CHECKING

from supply_chain_hooks.model import FixAvailability, Rule

if TYPE_CHECKING:
    from supply_chain_hooks.deps.locks import Locator, Lock
    from supply_chain_hooks.deps.requirements_file import Analysis
    from supply_chain_hooks.model import Finding

RULE = Rule(
    code="SCH202",
    name="weak-hash",
    hook="require-lock-hashes",
    summary="hash with a weak or unknown algorithm",
    fix=FixAvailability.NONE,
    doc=__doc__,
)


def shorten(value: str, keep: int = 24) -> str:
    return value if len(value) <= keep + 1 else value[:keep] + "…"


def check(analysis: Analysis) -> list[Finding]:
    return requirement_hashes(analysis, weak=True, rule=RULE)


def requirement_hashes(analysis: Analysis, *, weak: bool, rule: Rule) -> list[Finding]:
    """Weak (weak=True) or malformed (weak=False) hashes on requirement lines."""
    findings = []
    for entry in analysis.entries:
        if not entry.bad_hashes or entry.line.is_editable:
            continue
        strong = len(entry.bad_hashes) < len(entry.hashes)
        label = entry.requirement.text if entry.requirement is not None else entry.line.text
        for written, problem in entry.bad_hashes:
            if problem.weak is not weak:
                continue
            if weak:
                tail = (
                    "pip accepts a download that matches any one listed hash"
                    if strong
                    else "the requirement has no strong hash at all"
                )
            else:
                tail = "pip or uv refuse the file, or no download can ever match it"
            findings.append(entry.finding(rule, (
                f"`{shorten(label, 60)}`: `{shorten(written)}`: {problem.message}; {tail}; "
                f"{analysis.hint(entry.file).regenerate}"
            )))  # fmt: skip
    return findings


def check_lock(lock: Lock, locator: Locator) -> list[Finding]:
    return lock_hashes(lock, locator, weak=True, rule=RULE)


def lock_hashes(lock: Lock, locator: Locator, *, weak: bool, rule: Rule) -> list[Finding]:
    findings = []
    for artifact in lock.artifacts:
        for value in artifact.hashes:
            problem = value.problem
            if problem is None or problem.weak is not weak:
                continue
            written = f"{value.algorithm}:{value.digest}" if value.algorithm else value.digest
            findings.append(locator.finding(rule, value.key, (
                f"`{artifact.package}` {artifact.label}: hash `{shorten(written)}`: "
                f"{problem.message}; {regenerate(lock, artifact.package)}"
            )))  # fmt: skip
    return findings


def regenerate(lock: Lock, package: str, reason: str = "") -> str:
    """ "regenerate with `COMMAND` (why there is no autofix)" for a lock file's package."""
    from supply_chain_hooks.deps.locks import NO_AUTOFIX

    command = (
        f"uv lock --refresh-package {package}" if lock.format == "uv.lock" else lock.regenerate
    )
    return f"regenerate with `{command}` ({reason or NO_AUTOFIX})"
