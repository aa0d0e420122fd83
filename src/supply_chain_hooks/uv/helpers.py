"""What the uv rules share: how values and durations read in messages, and the fixes.

Fixes are minimal text edits made through tomlkit (:func:`toml_doc.edit`): set or remove one
key of a settings table, keeping every other byte of the file.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping

from supply_chain_hooks.model import Applicability, Fix
from supply_chain_hooks.source import InputError
from supply_chain_hooks.uv.settings import KEY

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Callable

    from tomlkit.toml_document import TOMLDocument

    from supply_chain_hooks.model import Edit
    from supply_chain_hooks.uv.context import Reference, UvContext
    from supply_chain_hooks.uv.settings import SettingsFile


# -- messages ----------------------------------------------------------------------------------


def quote(value: object) -> str:
    """A TOML-looking rendering of a value for messages."""
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Mapping):
        return "{ " + ", ".join(f"{key} = {quote(item)}" for key, item in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(quote(item) for item in value) + "]"
    return str(value)


def human(nanoseconds: int) -> str:
    """A duration for people: `3 days`, `1 day 2 hours`, `45 seconds`."""
    seconds = abs(nanoseconds) // 1_000_000_000
    days, rest = divmod(seconds, 86_400)
    hours, rest = divmod(rest, 3_600)
    minutes = rest // 60
    parts = [(days, "day"), (hours, "hour"), (minutes, "minute")]
    shown = [f"{n} {unit}{'s' if n != 1 else ''}" for n, unit in parts if n][:2]
    return " ".join(shown) if shown else f"{seconds} seconds"


def global_setting(file: SettingsFile, value: object) -> str:
    """`[tool.uv] exclude-newer = "…"`: the global setting as the messages quote it."""
    return f"{file.label} {KEY} = {quote(value)}"


def cooldown(nanoseconds: int) -> str:
    """An override's cooldown (a negative one is a cutoff in the future)."""
    if nanoseconds < 0:
        return f"a cutoff {human(nanoseconds)} in the future"
    return human(nanoseconds)


def reference(context: UvContext, reference: Reference) -> str:
    """What an override is measured against: the global value, else the minimum."""
    if reference.is_global:
        return f"the global {KEY} ({human(reference.cooldown_ns)})"
    return f"the minimum ({context.policy.min_cooldown})"


# -- fixes -------------------------------------------------------------------------------------


#: What to do after a fix changed a setting, or when the lock is stale.
UV_LOCK_HINT = "run `uv lock` to update uv.lock"


def fix(title: str, make: Callable[[], Edit | None]) -> Fix | None:
    """A safe fix of the one edit `make` computes; None when there is none, or when the file
    cannot be edited (tomlkit refuses some exotic layouts: the finding is reported unfixed)."""
    edit = _safe_edit(make)
    return None if edit is None else Fix(title, (edit,), Applicability.SAFE)


def set_global(file: SettingsFile, value: str, title: str | None = None) -> Fix | None:
    """Set `exclude-newer = "value"` in the table, creating [tool.uv] when needed."""
    return fix(title or f'set {KEY} = "{value}"', lambda: _set_value(file, (KEY,), value))


def remove_global(file: SettingsFile, title: str) -> Fix | None:
    """Remove `exclude-newer` from the table."""
    return fix(title, lambda: _remove_value(file, (KEY,)))


def _set_value(file: SettingsFile, keys: tuple[str, ...], value: str) -> Edit | None:
    from supply_chain_hooks import toml_doc

    literal = False
    entry = file.index.get(*file.prefix, *keys)
    if entry is not None:
        literal = (
            file.source.text[entry.value_start : entry.value_start + 1] == "'" and "'" not in value
        )

    def change(document: TOMLDocument) -> None:
        import tomlkit

        container: MutableMapping[str, object] = document
        for key in (*file.prefix, *keys[:-1]):
            child = container.get(key)
            if child is None:
                child = tomlkit.table(is_super_table=key == "tool")
                container[key] = child
            if not isinstance(child, MutableMapping):
                raise _NotATable(key)
            container = child
        container[keys[-1]] = tomlkit.string(value, literal=literal)

    return toml_doc.edit(file.source, change)


def _remove_value(file: SettingsFile, keys: tuple[str, ...]) -> Edit | None:
    from supply_chain_hooks import toml_doc

    def change(document: TOMLDocument) -> None:
        container: MutableMapping[str, object] = document
        for key in (*file.prefix, *keys[:-1]):
            child = container[key]
            if not isinstance(child, MutableMapping):
                raise _NotATable(key)
            container = child
        del container[keys[-1]]

    return toml_doc.edit(file.source, change)


class _NotATable(Exception):
    """A key on the way to the setting holds a value, not a table (`tool = "x"`)."""


def _safe_edit(make: Callable[[], Edit | None]) -> Edit | None:
    try:
        return make()
    except (InputError, _NotATable):
        return None
    except Exception as error:  # tomlkit refuses some exotic layouts; report without a fix
        if type(error).__module__.startswith("tomlkit"):
            return None
        raise
