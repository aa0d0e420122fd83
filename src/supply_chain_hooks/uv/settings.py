"""The settings uv reads: `[tool.uv]` of a pyproject.toml or a whole uv.toml.

What uv 0.13.9 accepts in such a table (its keys, package names, which uv versions parse
durations) and :class:`SettingsFile`, one such table with the positions of its keys for
findings. Which file a project's settings come from is decided in ``projects.py``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from supply_chain_hooks.model import Location, Record, field
from supply_chain_hooks.patterns import lazy
from supply_chain_hooks.uv.schema import TABLES

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.source import Source
    from supply_chain_hooks.toml_doc import TomlIndex

#: Top-level keys of `[tool.uv]` / `uv.toml` that uv accepts (generated from its own errors).
KNOWN_KEYS = TABLES[()]
#: Every place on the way to a strict table (where looking deeper can find one).
_PREFIXES = frozenset(place[:length] for place in TABLES for length in range(len(place) + 1))
KEY = "exclude-newer"
PACKAGE_KEY = "exclude-newer-package"
#: uv learnt relative durations in 0.9.17 (astral-sh/uv#16814).
SPANS_SINCE = "0.9.17"

_NAME = lazy(r"^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$", re.IGNORECASE)
_MISSPELLINGS = {
    "exclude-newer": KEY,
    "excludenewer": KEY,
    "exclude-newers": KEY,
    "exclude-newer-package": PACKAGE_KEY,
    "exclude-newer-packages": PACKAGE_KEY,
    "excludenewerpackage": PACKAGE_KEY,
}


def misspelling(key: str) -> str | None:
    """The setting an unknown key was meant to be (`exclude_newer` -> `exclude-newer`)."""
    if key in KNOWN_KEYS:
        return None
    return _MISSPELLINGS.get(key.lower().replace("_", "-").replace(" ", ""))


def unknown_keys(table: Mapping[str, object]) -> Iterator[tuple[str | int, ...]]:
    """The path of every key uv does not know in a settings table, at any depth.

    uv deserialises `[tool.uv]` strictly: an unknown key in `[tool.uv.pip]`, in a
    `[[tool.uv.dependency-metadata]]` entry or a `cache-keys` entry rejects it all. The
    tables and their keys are uv's own (``schema.py``, generated from uv's errors).
    """
    yield from _unknown_in(table, (), ())


def _unknown_in(
    value: object, place: tuple[str, ...], path: tuple[str | int, ...]
) -> Iterator[tuple[str | int, ...]]:
    if isinstance(value, Mapping):
        known = TABLES.get(place)
        for key, item in value.items():
            if known is not None and key not in known:
                yield (*path, key)
                continue
            for deeper in ((*place, key), (*place, "*")):
                if deeper in _PREFIXES:
                    yield from _unknown_in(item, deeper, (*path, key))
    elif isinstance(value, list) and (*place, "[]") in _PREFIXES:
        for number, item in enumerate(value):
            yield from _unknown_in(item, (*place, "[]"), (*path, number))


def name_problem(name: str) -> str | None:
    """uv's reason for refusing a package name in `exclude-newer-package`, None when valid."""
    if _NAME.match(name):
        return None
    return (
        f'Not a valid package or extra name: "{name}". Names must start and end with a '
        "letter or digit and may only contain -, _, ., and alphanumeric characters."
    )


def normalise(name: str) -> str:
    """A package name as uv compares it (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def uv_table(data: Mapping[str, object] | None) -> Mapping[str, object] | None:
    """The [tool.uv] table of a pyproject.toml's data, None when it has none."""
    tool = data.get("tool") if data is not None else None
    table = tool.get("uv") if isinstance(tool, Mapping) else None
    return table if isinstance(table, Mapping) else None


def spans_supported(table: Mapping[str, object]) -> bool:
    """False when the table's `required-version` allows no uv that parses durations."""
    required = table.get("required-version")
    if not isinstance(required, str):
        return True
    from packaging.specifiers import InvalidSpecifier, SpecifierSet
    from packaging.version import InvalidVersion, Version

    try:
        specifiers = SpecifierSet(required)
    except InvalidSpecifier:
        try:
            specifiers = SpecifierSet(f"=={required.strip()}")
        except InvalidSpecifier:
            return True
    floor = Version(SPANS_SINCE)
    probes = {floor, Version("0.9.99"), Version("0.99"), Version("1.0"), Version("99.0")}
    for specifier in specifiers:
        try:
            version = Version(specifier.version.removesuffix(".*"))
        except InvalidVersion:
            return True
        release = (*version.release, 0, 0)
        probes |= {
            version,
            Version(f"{release[0]}.{release[1]}.{release[2] + 1}"),
            Version(f"{release[0]}.{release[1] + 1}"),
        }
    return any(probe >= floor and specifiers.contains(probe, prereleases=True) for probe in probes)


class SettingsFile(Record):
    """One table of uv settings: its file, the table, and where its keys are."""

    path: str
    source: Source
    #: [tool.uv] or the whole uv.toml document, as tomllib reads it.
    table: Mapping[str, object]
    #: The keys of the table inside the file: ("tool", "uv") or () for a uv.toml.
    prefix: tuple[str, ...]
    _index: TomlIndex | None = field(init=False, compare=False, default=None)

    @property
    def is_uv_toml(self) -> bool:
        return not self.prefix

    @property
    def label(self) -> str:
        return "uv.toml" if self.is_uv_toml else "[tool.uv]"

    @property
    def index(self) -> TomlIndex:
        """The positions of the file's keys (computed on first use: only findings need it)."""
        if self._index is None:
            from supply_chain_hooks.toml_doc import TomlIndex

            index = TomlIndex(self.source.text)
            object.__setattr__(self, "_index", index)  # a cache, not a field
            return index
        return self._index

    def value_location(self, *keys: str | int) -> Location:
        entry = self.index.get(*self.prefix, *keys)
        if entry is None:
            return self.table_location()
        return self.source.location(entry.value_start, entry.value_end)

    def key_location(self, *keys: str | int) -> Location:
        entry = self.index.get(*self.prefix, *keys)
        if entry is None:
            return self.table_location()
        return self.source.location(entry.key_start, entry.key_end)

    def table_location(self) -> Location:
        entry = self.index.get(*self.prefix) if self.prefix else None
        if entry is None:
            return Location(1, 1, 1, 1)
        return self.source.location(entry.key_start, entry.value_end)
