"""## What it does
Reports a lock file whose structure the installer would not accept, or that this hook
cannot check: an unsupported format version (`uv.lock` `version` other than 1,
`pylock.toml` `lock-version` other than 1.x, `poetry.lock` `lock-version` other than 1.x
or 2.x), a `pylock.toml` that `packaging.pylock` rejects (missing `created-by`, names that
are not normalised, a wheel whose file name does not match its package, both `sdist` and
`archive`...), a `uv.lock` package without a recognisable `source`.

Files that are not valid TOML or JSON at all are reported as SCH001.

## Why is this bad?
A file that is not what the installer expects is read differently by different tools, or
refused; in either case its hashes have not been verified by this hook.

## Example
```toml
lock-version = "2.0"
created-by = "mytool"
```

## Fix safety
No autofix: regenerate the file with the tool that owns it.

## References
- PEP 751; `packaging.pylock.Pylock.from_dict`
"""

from __future__ import annotations

from supply_chain_hooks.deps.context import LockContext
from supply_chain_hooks.model import FixAvailability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.deps.context import Context
    from supply_chain_hooks.model import Finding

RULE = Rule(
    code="SCH223",
    name="invalid-lock-file",
    hook="require-lock-hashes",
    summary="lock file with an unsupported version or structure",
    fix=FixAvailability.NONE,
    doc=__doc__,
)


def check(context: Context) -> Iterator[Finding]:
    if not isinstance(context, LockContext):
        return
    for problem in context.lock.problems:
        yield context.locator.finding(RULE, problem.key, problem.message)
