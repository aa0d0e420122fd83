"""## What it does
Reports `exclude-newer` in a `pyproject.toml` whose directory also holds a `uv.toml`, at
both places: the ignored key and the `uv.toml` that uv reads instead.

## Why is this bad?
When a directory has a `uv.toml` (even an empty one), uv reads only that file and ignores
`[tool.uv]` in `pyproject.toml`, with at most a warning. The cooldown you see is not the
one uv applies.

## Example
```toml
# pyproject.toml
[tool.uv]
exclude-newer = "7 days"
# uv.toml (beside it)
index-url = "https://pypi.example.com/simple"
```
Use instead: put `exclude-newer = "7 days"` in `uv.toml`.

## Fix safety
The fix copies the value into `uv.toml` when it has none, and removes the ignored key from
`pyproject.toml`. A masked `exclude-newer-package` is reported without a fix.

## References
- uv docs, "Configuration files" (uv.toml takes precedence over pyproject.toml)
"""

from __future__ import annotations

from supply_chain_hooks.model import Finding, FixAvailability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterable

    from supply_chain_hooks.uv.context import UvContext

RULE = Rule(
    code="SCH313",
    name="uv-exclude-newer-shadowed",
    hook="check-uv-exclude-newer",
    summary="[tool.uv] exclude-newer masked by a uv.toml beside pyproject.toml",
    fix=FixAvailability.SOMETIMES,
    doc=__doc__,
)


def check(context: UvContext) -> Iterable[Finding]:
    """exclude-newer in a [tool.uv] that a uv.toml beside it masks."""
    from supply_chain_hooks.model import Location
    from supply_chain_hooks.uv import helpers
    from supply_chain_hooks.uv.settings import KEY, PACKAGE_KEY

    for ignored in context.ignored:
        uv_toml = ignored.masked_by
        if uv_toml is None:
            continue
        file = ignored.file
        for key in (KEY, PACKAGE_KEY):
            if key not in file.table:
                continue
            fix = None
            if key == KEY:
                fix = helpers.remove_global(
                    file, f"remove {KEY} from pyproject.toml (uv reads {uv_toml})"
                )
            yield Finding(
                RULE,
                file.path,
                file.key_location(key),
                f"`{key}` here is ignored: {uv_toml} beside this file masks all of [tool.uv]",
                fix,
            )
        target = ignored.masked_by_settings
        if ignored.global_value is None or target is None:
            continue
        if ignored.value_for_masking is None:  # the uv.toml sets its own
            yield Finding(
                RULE,
                target.path,
                target.key_location(KEY),
                f"uv uses this `{KEY}` and ignores the one in {file.path} [tool.uv]",
            )
            continue
        yield Finding(
            RULE,
            target.path,
            Location(1, 1, 1, 1),
            f"this uv.toml sets no `{KEY}` and masks the one in {file.path}: no cooldown",
            helpers.set_global(target, ignored.value_for_masking),
        )
