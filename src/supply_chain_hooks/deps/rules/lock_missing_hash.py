"""## What it does
Reports an artifact in a lock file that has no hash at all:

- `uv.lock`: a registry package's `sdist` or any of its `wheels` without `hash`; a `url` or
  `path` source without a hashed artifact;
- `pylock.toml` / `pylock.*.toml`: a `wheels[]`, `sdist` or `archive` without a non-empty
  `hashes` table;
- `poetry.lock` (1.x `[metadata.files]` and 2.x `files`), `pdm.lock`: a file without
  `hash`, or a package with no files that is not a git or directory source;
- `Pipfile.lock`: an entry without a non-empty `hashes` list.

Input hashes (`content-hash`, `content_hash`, `_meta.hash`) describe the project file, not
an artifact, and are ignored.

## Why is this bad?
Installers verify only what is hashed. uv treats registry hashes as optional (some
indexes publish none) and `uv lock --check` accepts a lock whose hash was deleted, so a
missing hash is never caught by the tools themselves. `uv export` turns such a lock into a
half-hashed requirements file that pip refuses.

## Example
```toml
[[package]]
name = "six"
version = "1.17.0"
source = { registry = "https://pypi.org/simple" }
wheels = [
    { url = "https://files.pythonhosted.org/.../six-1.17.0-py2.py3-none-any.whl" },
]
```

## Fix safety
No autofix: hashes come from the index. The message gives the command that rewrites the
lock: `uv lock --refresh-package NAME` (plain `uv lock` keeps a damaged lock as it is),
`uv export --format pylock.toml`, `pip lock`, `poetry lock --regenerate`,
`pdm lock --refresh`, `pipenv lock`. If the index publishes no hashes, use one that does.

## References
- uv PR #5170 (registry hashes optional); astral-sh/uv#5120, #13112, #10987
- PEP 751 (`hashes` MUST contain at least one entry)
"""

from __future__ import annotations

from supply_chain_hooks.deps.context import LockContext
from supply_chain_hooks.deps.hints import regenerate
from supply_chain_hooks.model import FixAvailability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.deps.context import Context
    from supply_chain_hooks.model import Finding

RULE = Rule(
    code="SCH220",
    name="lock-missing-hash",
    hook="require-lock-hashes",
    summary="lock file artifact without a hash",
    fix=FixAvailability.NONE,
    doc=__doc__,
)


def check(context: Context) -> Iterator[Finding]:
    if not isinstance(context, LockContext):
        return
    lock = context.lock
    for artifact in lock.artifacts:
        if artifact.hashes:
            continue
        yield context.locator.finding(
            RULE,
            artifact.key,
            f"`{artifact.package}` {artifact.label} has no hash",
            regenerate(lock.command_for(artifact.package), path=context.path),
        )
