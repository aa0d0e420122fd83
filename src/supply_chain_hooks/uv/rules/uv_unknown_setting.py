"""## What it does
Reports keys that uv 0.13 does not know in `[tool.uv]` or `uv.toml`, at any depth: at the
top level (`exclude_newer` with an underscore, `exclude-newer-packages`), in `[tool.uv.pip]`,
in a `[[tool.uv.dependency-metadata]]` entry, a `cache-keys` entry, a source, a conflict.
The tables and their keys are uv's own, generated from uv's errors
(`scripts/generate_uv_settings_keys.py`).

## Why is this bad?
uv reads these tables with `deny_unknown_fields`. In `pyproject.toml` one unknown key, however
deep, makes uv warn and ignore the *whole* `[tool.uv]` table, so `exclude-newer` beside it
does nothing; in `uv.toml` uv fails.

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
            key, meant, keys = unknown.key, unknown.meant, unknown.keys
            fix = None
            if meant is not None and meant not in _containing(file, keys):
                fix = helpers.fix(
                    f"rename `{key}` to `{meant}`", functools.partial(_rename, file, keys, meant)
                )
            hint = f" (meant `{meant}`?)" if meant else ""
            where = _table_name(file, keys[:-1])
            yield Finding(
                RULE,
                file.path,
                file.key_location(*keys),
                f"unknown key `{key}` in {where}{hint}: "
                + ("uv ignores all of [tool.uv]" if not file.is_uv_toml else "uv fails"),
                fix,
            )


def _containing(file: SettingsFile, keys: tuple[str | int, ...]) -> dict[str, object]:
    """The table the unknown key is in (empty when it cannot be followed)."""
    table: object = file.table
    for key in keys[:-1]:
        if isinstance(table, dict) and isinstance(key, str):
            table = table.get(key)
        elif isinstance(table, list) and isinstance(key, int):
            table = table[key]
    return {str(key): value for key, value in table.items()} if isinstance(table, dict) else {}


def _table_name(file: SettingsFile, keys: tuple[str | int, ...]) -> str:
    """`[tool.uv.pip]`, `a [tool.uv.dependency-metadata] entry`, `uv.toml`, `[pip] of uv.toml`."""
    if not keys:
        return file.label
    names = ".".join(str(key) for key in keys if isinstance(key, str))
    table = f"[{names}]" if file.is_uv_toml else f"[tool.uv.{names}]"
    entry = "an entry of " if any(isinstance(key, int) for key in keys) else ""
    return f"{entry}{table}" + (" of uv.toml" if file.is_uv_toml else "")


def _rename(file: SettingsFile, keys: tuple[str | int, ...], new: str) -> Edit | None:
    """Replace the last part of the key as written (`tool.uv.exclude_newer` keeps `tool.uv.`)."""
    from supply_chain_hooks.model import Edit

    old = keys[-1]
    entry = file.index.get(*file.prefix, *keys)
    if entry is None:
        return None
    raw = file.source.text[entry.key_start : entry.key_end]
    if raw.split(".")[-1].strip().strip("\"'") != old:
        return None
    start = entry.key_end - len(raw.split(".")[-1].strip()) if "." in raw else entry.key_start
    return Edit(start, entry.key_end, new)
