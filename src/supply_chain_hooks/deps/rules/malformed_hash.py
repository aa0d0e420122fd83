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

from typing import TYPE_CHECKING

from supply_chain_hooks.model import FixAvailability, Rule

if TYPE_CHECKING:
    from supply_chain_hooks.deps.locks import Locator, Lock
    from supply_chain_hooks.deps.requirements_file import Analysis
    from supply_chain_hooks.model import Finding

RULE = Rule(
    code="SCH203",
    name="malformed-hash",
    hook="require-lock-hashes",
    summary="hash without algorithm, or digest of the wrong form or length",
    fix=FixAvailability.NONE,
    doc=__doc__,
)


def check(analysis: Analysis) -> list[Finding]:
    from supply_chain_hooks.deps.rules.weak_hash import requirement_hashes

    return requirement_hashes(analysis, weak=False, rule=RULE)


def check_lock(lock: Lock, locator: Locator) -> list[Finding]:
    from supply_chain_hooks.deps.rules.weak_hash import lock_hashes

    return lock_hashes(lock, locator, weak=False, rule=RULE)
