"""## What it does
With `--check-lock`, compares the `[options]` that `uv.lock` records with the configuration,
using uv's own rules: a changed span (`"7 days"` vs `"1 week"` are different spans), an added
or removed value, an earlier absolute cutoff, or changed package entries. A later absolute
cutoff does not invalidate a lock, and the passing of time never does.

## Why is this bad?
The lock was resolved under a different cooldown than the one configured: `uv sync --locked`
and `uv lock --check` fail, and `uv sync` re-resolves on developers' machines.

## Example
`pyproject.toml` says `exclude-newer = "7 days"`, but `uv.lock` has no `exclude-newer-span`.

## Fix safety
No fix in the hook: run `uv lock`.

## References
- uv `ExcludeNewer::compare` (`uv-configuration/src/exclude_newer.rs`)
"""

from __future__ import annotations

from supply_chain_hooks.model import Finding, FixAvailability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterable

    from supply_chain_hooks.uv.context import UvContext

RULE = Rule(
    code="SCH314",
    name="uv-lock-exclude-newer-stale",
    hook="check-uv-exclude-newer",
    summary="uv.lock records a different exclude-newer than the configuration",
    fix=FixAvailability.NONE,
    doc=__doc__,
)


def check(context: UvContext) -> Iterable[Finding]:
    """With --check-lock: a uv.lock resolved under another exclude-newer."""
    from supply_chain_hooks.model import Location
    from supply_chain_hooks.toml_doc import TomlIndex
    from supply_chain_hooks.uv.helpers import UV_LOCK_HINT

    for stale in context.stale_locks:
        source = stale.source
        entry = TomlIndex(source.text).get("options")
        location = (
            source.location(entry.key_start, entry.value_end) if entry else Location(1, 1, 1, 1)
        )
        yield Finding(
            RULE,
            stale.path,
            location,
            f"uv.lock was resolved under a different exclude-newer ({stale.change.describe()}): "
            f"it is stale and `uv sync --locked` fails; {UV_LOCK_HINT}",
        )
