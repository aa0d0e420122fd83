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

from supply_chain_hooks.model import FixAvailability, Rule

RULE = Rule(
    code="SCH306",
    name="uv-exclude-newer-time-dropped",
    hook="check-uv-exclude-newer",
    summary="exclude-newer date-time without an offset: uv drops the time",
    fix=FixAvailability.NONE,
    doc=__doc__,
)
