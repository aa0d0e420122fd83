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

from supply_chain_hooks.model import FixAvailability, Rule

RULE = Rule(
    code="SCH314",
    name="uv-lock-exclude-newer-stale",
    hook="check-uv-exclude-newer",
    summary="uv.lock records a different exclude-newer than the configuration",
    fix=FixAvailability.NONE,
    doc=__doc__,
)
