"""## What it does
Validates every `exclude-newer` value (global, `exclude-newer-package` entries, package
names, `[[tool.uv.index]]` entries, `[tool.uv.pip]`) exactly as uv 0.13 parses it: RFC 3339
timestamps, dates, ISO 8601 durations (`P7D`, `PT24H`, `P1W`) and jiff's friendly durations
(`7 days`, `7d`, `1 week`, `24h`, `1w 2d`, lower-case units only). The message quotes uv's own
reason, e.g. ``could not be parsed as a duration: … expected to find unit designator suffix``.

## Why is this bad?
In `pyproject.toml` uv does not fail on a bad value: it prints a warning, drops the *whole*
`[tool.uv]` table (sources, indexes, `required-version` included) and resolves without any
cooldown, exiting 0 (astral-sh/uv#18922). `"7 Days"`, `"1.5 days"`, `"1 month"`,
`true`, `7` and an unquoted TOML date are all refused. In `uv.toml` the same value makes
every uv command fail.

## Example
```toml
[tool.uv]
exclude-newer = "7 Days"   # capitalised unit: uv ignores all of [tool.uv]
```
Use instead:
```toml
[tool.uv]
exclude-newer = "7 days"
```

## Fix safety
For the global value the fix writes the value lower-cased when that makes it valid and long
enough (`"7 Days"` becomes `"7 days"`), else `--fix-value`. Invalid package or index entries
and invalid package names have no fix: only you know the intended cutoff.

## References
- astral-sh/uv#18922, "exclude-newer: parsing failures should become an error"
- jiff's friendly duration grammar (`jiff::fmt::friendly`)
"""

from supply_chain_hooks.model import FixAvailability, Rule

RULE = Rule(
    code="SCH302",
    name="uv-exclude-newer-invalid",
    hook="check-uv-exclude-newer",
    summary="exclude-newer value uv rejects (in pyproject.toml uv then ignores all of [tool.uv])",
    fix=FixAvailability.SOMETIMES,
    doc=__doc__,
)
