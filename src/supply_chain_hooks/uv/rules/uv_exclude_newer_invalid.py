"""## What it does
Validates every `exclude-newer` value (global, `exclude-newer-package` entries, package
names, `[[tool.uv.index]]` entries, `[tool.uv.pip]`) exactly as uv 0.13 parses it: RFC 3339
timestamps, dates, ISO 8601 durations (`P7D`, `PT24H`, `P1W`) and jiff's friendly durations
(`7 days`, `7d`, `1 week`, `24h`, `1w 2d`, lower-case units only). The message quotes uv's own
reason, e.g. ``could not be parsed as a duration: … expected to find unit designator suffix``.

## Why is this bad?
In `pyproject.toml` uv does not fail on a bad value: it prints a warning, drops the *whole*
`[tool.uv]` table (sources, indexes, `required-version` included) and resolves with the
settings it finds next (a parent directory's `uv.toml`, the user's `uv.toml`), usually with no
cooldown at all, exiting 0 (astral-sh/uv#18922). `"7 Days"`, `"1.5 days"`, `"1 month"`,
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

A duration in a project whose `required-version` allows only uv older than 0.9.17 is reported
too: those versions cannot parse durations and ignore the whole table. Use a timestamp.

## Fix safety
For the global value the fix writes the value lower-cased when that makes it valid and long
enough (`"7 Days"` becomes `"7 days"`), else `--fix-value`. Invalid package or index entries
and invalid package names have no fix: only you know the intended cutoff.

## References
- astral-sh/uv#18922, "exclude-newer: parsing failures should become an error"
- jiff's friendly duration grammar (`jiff::fmt::friendly`)
"""

from __future__ import annotations

from supply_chain_hooks.model import Finding, FixAvailability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterable

    from supply_chain_hooks.model import Fix
    from supply_chain_hooks.uv.context import UvContext
    from supply_chain_hooks.uv.settings import SettingsFile

RULE = Rule(
    code="SCH302",
    name="uv-exclude-newer-invalid",
    hook="check-uv-exclude-newer",
    summary="exclude-newer value uv rejects (in pyproject.toml uv then ignores all of [tool.uv])",
    fix=FixAvailability.SOMETIMES,
    doc=__doc__,
)


def check(context: UvContext) -> Iterable[Finding]:
    """Every exclude-newer value uv refuses, and durations the required uv cannot parse."""
    from supply_chain_hooks.uv import helpers
    from supply_chain_hooks.uv.settings import KEY, PACKAGE_KEY, SPANS_SINCE

    for settings in context.settings:
        file = settings.file
        value = settings.global_value
        if value is not None and value.invalid is not None:
            replacement = context.policy.replacement(value.raw, file.table)
            yield _invalid(file, value.keys, value.invalid, helpers.set_global(file, replacement))
        elif value is not None and settings.duration_unsupported:
            required = file.table.get("required-version")
            yield Finding(
                RULE,
                file.path,
                file.value_location(KEY),
                f"{helpers.global_setting(file, value.raw)} is a duration, which uv < {SPANS_SINCE} "
                f"(required-version = {helpers.quote(required)}) cannot parse",
                helpers.set_global(file, context.policy.default_value(file.table)),
            )
        if settings.packages_invalid is not None:
            yield _invalid(file, (PACKAGE_KEY,), settings.packages_invalid)
        others = [package.value for package in settings.packages]
        others += [index.value for index in settings.indexes]
        if settings.pip_value is not None:
            others.append(settings.pip_value)
        for other in others:
            if other.invalid is not None:
                yield _invalid(file, other.keys, other.invalid)
    for ignored in context.ignored:
        value = ignored.global_value
        if value is not None and value.invalid is not None:
            yield _invalid(ignored.file, value.keys, value.invalid)


def _invalid(
    file: SettingsFile, keys: tuple[str | int, ...], reason: str, fix: Fix | None = None
) -> Finding:
    # In a pyproject.toml uv drops the table with a warning and reads settings from wherever
    # it finds them next (a parent uv.toml, the user's): what remains is no longer this table.
    consequence = "uv fails" if file.is_uv_toml else "uv ignores all of [tool.uv]"
    shown = ".".join(str(key) for key in keys)
    return Finding(
        RULE,
        file.path,
        file.value_location(*keys),
        f"invalid `{shown}` in {file.label} ({consequence}): {reason}",
        fix,
    )
