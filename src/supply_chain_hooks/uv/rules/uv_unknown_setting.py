"""## What it does
Reports keys that uv 0.13 does not know at the top level of `[tool.uv]` or `uv.toml`, such as
`exclude_newer` (underscore) or `exclude-newer-packages`.

## Why is this bad?
uv reads these tables with `deny_unknown_fields`. In `pyproject.toml` one unknown key makes
uv warn and ignore the *whole* `[tool.uv]` table, so `exclude-newer` beside it does nothing.

## Example
```toml
[tool.uv]
exclude_newer = "7 days"
```
Use instead:
```toml
[tool.uv]
exclude-newer = "7 days"
```

## Fix safety
Misspellings of `exclude-newer` and `exclude-newer-package` (case, `_` for `-`, plural) are
renamed when the correct key is not also present. Other unknown keys have no fix. A key that
a newer uv introduced is reported too: upgrade the hook, or suppress it with a reason.

## References
- uv settings reference (`reference/settings.md`)
"""

from __future__ import annotations

from supply_chain_hooks.model import Finding, FixAvailability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterable

    from supply_chain_hooks.model import Edit
    from supply_chain_hooks.uv.context import UvContext
    from supply_chain_hooks.uv.settings import SettingsFile

RULE = Rule(
    code="SCH309",
    name="uv-unknown-setting",
    hook="check-uv-exclude-newer",
    summary="unknown key in [tool.uv] or uv.toml: uv ignores the whole table",
    fix=FixAvailability.SOMETIMES,
    doc=__doc__,
)


def check(context: UvContext) -> Iterable[Finding]:
    """A key uv does not know in a table it reads; a misspelt exclude-newer is renamed."""
    import functools

    from supply_chain_hooks.uv import helpers

    for settings in context.settings:
        file = settings.file
        for unknown in settings.unknown_keys:
            key, meant = unknown.key, unknown.meant
            fix = None
            if meant is not None and meant not in file.table:
                fix = helpers.fix(
                    f"rename `{key}` to `{meant}`", functools.partial(_rename, file, key, meant)
                )
            hint = f" (did you mean `{meant}`?)" if meant else ""
            yield Finding(
                RULE, file.path, file.key_location(key),
                f"uv does not know `{key}` in {file.label}{hint}: it rejects the table"
                + (", ignoring all of [tool.uv] (no cooldown)" if not file.is_uv_toml else " and fails"),
                fix,
            )  # fmt: skip


def _rename(file: SettingsFile, old: str, new: str) -> Edit | None:
    """Replace the last part of the key as written (`tool.uv.exclude_newer` keeps `tool.uv.`)."""
    from supply_chain_hooks.model import Edit

    entry = file.index.get(*file.prefix, old)
    if entry is None:
        return None
    raw = file.source.text[entry.key_start : entry.key_end]
    if raw.split(".")[-1].strip().strip("\"'") != old:
        return None
    start = entry.key_end - len(raw.split(".")[-1].strip()) if "." in raw else entry.key_start
    return Edit(start, entry.key_end, new)
