"""## What it does
Reports a date-time without `Z` or an offset (`"2025-01-01T12:00:00"`, `"2025-01-01 15:30"`).

## Why is this bad?
uv parses such a value as a plain *date*: the time is silently discarded and the cutoff
becomes the next midnight in the time zone of whichever machine runs uv, so developers and
CI in different zones resolve differently and the lock churns.

## Example
```toml
[tool.uv]
exclude-newer = "2025-01-01T12:00:00"
```
Use instead:
```toml
[tool.uv]
exclude-newer = "2025-01-01T12:00:00Z"
```

## Fix safety
No fix: the intended time zone is unknown.

## References
- uv docs, `exclude-newer` setting ("local date times are not allowed")
"""

from __future__ import annotations

from supply_chain_hooks.model import Finding, FixAvailability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterable

    from supply_chain_hooks.uv.context import UvContext

RULE = Rule(
    code="SCH306",
    name="uv-exclude-newer-time-dropped",
    hook="check-uv-exclude-newer",
    summary="exclude-newer date-time without an offset: uv drops the time",
    fix=FixAvailability.NONE,
    doc=__doc__,
)


def check(context: UvContext) -> Iterable[Finding]:
    """The global exclude-newer is a date-time without an offset: uv keeps only the date."""
    from supply_chain_hooks.uv import helpers
    from supply_chain_hooks.uv.settings import KEY

    for settings in context.settings:
        file = settings.file
        value = settings.global_value
        if value is None or value.cutoff is None or not value.cutoff.dropped_time:
            continue
        yield Finding(
            RULE,
            file.path,
            file.value_location(KEY),
            f"{helpers.global_setting(file, value.raw)} has no offset: uv drops the time "
            "and uses the next local midnight",
        )
