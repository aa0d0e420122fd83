"""Renovate's repository config, as Renovate finds and reads `minimumReleaseAge`.

Renovate reads the first of these files that exists (docs, "Configuration options"):
``renovate.json``, ``renovate.json5``, ``.github/renovate.json``, ``.github/renovate.json5``,
``.gitlab/renovate.json``, ``.gitlab/renovate.json5``, ``.renovaterc``, ``.renovaterc.json``,
``.renovaterc.json5``, then the ``"renovate"`` key of ``package.json``. Every one is read as
JSON5 (a `.json` file that is not strict JSON falls back to JSON5 with a warning).

``minimumReleaseAge`` (formerly ``stabilityDays``) is a duration that Renovate's ``toMs``
(``lib/util/pretty-time.ts``) reads: the text is split into ``<number> <unit>`` parts, ``N
months`` becomes ``N*30 days``, and each part goes through the ``ms`` package (2.1.3):
``-?\\d*\\.?\\d+ *(unit)?``, units case-insensitive, no unit meaning milliseconds. A later
matching ``packageRules`` entry overrides it; ``null`` removes it.

Presets cannot be resolved offline. The ones known to set it (``config:best-practices``
through ``security:minimumReleaseAgeNpm``, and ``security:minimumReleaseAgeCrates``) set it
only for npm or crates.io packages; any other preset is treated as not setting it.
"""

from __future__ import annotations

import re

from supply_chain_hooks.model import Record
from supply_chain_hooks.patterns import lazy

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from supply_chain_hooks.cooldown.json5 import Key, Value
    from supply_chain_hooks.source import Source

PATHS = (
    "renovate.json",
    "renovate.json5",
    ".github/renovate.json",
    ".github/renovate.json5",
    ".gitlab/renovate.json",
    ".gitlab/renovate.json5",
    ".renovaterc",
    ".renovaterc.json",
    ".renovaterc.json5",
    "package.json",
)
#: Presets known to set minimumReleaseAge, and for what.
KNOWN_PRESETS = {
    "config:best-practices": "npm packages",
    "security:minimumReleaseAgeNpm": "npm packages",
    "security:minimumReleaseAgeCrates": "crates.io packages",
}
_SPLIT = lazy("([^\n\r\u2028\u2029]*?[a-z]+)")  # JS `.` stops at these
_MONTHS = lazy(r"^([0-9]+)\s*(?:months?|M)$")
_MS = lazy(
    r"^(-?(?:[0-9]+)?\.?[0-9]+) *(milliseconds?|msecs?|ms|seconds?|secs?|s|minutes?|mins?|m|"
    r"hours?|hrs?|h|days?|d|weeks?|w|years?|yrs?|y)?$",
    re.IGNORECASE,
)
_UNIT_MS = {
    "y": 31_557_600_000.0,
    "w": 604_800_000.0,
    "d": 86_400_000.0,
    "h": 3_600_000.0,
    "m": 60_000.0,
    "s": 1_000.0,
}
_JS_SPACE = " \t\n\v\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"


def _ms(spec: str) -> float | None:
    """The `ms` package (2.1.3) reading one string: milliseconds, or None (undefined)."""
    if len(spec) > 100:
        return None
    match = _MS.match(spec)
    if match is None or spec.endswith("\n"):
        return None
    amount = float(match.group(1))
    unit = (match.group(2) or "ms").lower()
    if unit.startswith(("ms", "msec", "milli")):
        return amount
    if unit.startswith(("mi", "m")) and not unit.startswith("mo"):
        return amount * _UNIT_MS["m"]
    return amount * _UNIT_MS[unit[0]]


def to_ms(time: str) -> float | None:
    """Renovate's ``toMs``: milliseconds, or None when Renovate cannot read the value."""
    specs = [part.strip(_JS_SPACE) for part in _SPLIT.split(time)]
    specs = [part for part in specs if part]
    if not specs:
        return None
    total = 0.0
    for spec in specs:
        months = _MONTHS.match(spec)
        if months is not None and not spec.endswith("\n"):
            spec = f"{int(months.group(1)) * 30} days"
        value = _ms(spec)
        if value is None:
            return None
        total += value
    return total


class Age(Record):
    """A `minimumReleaseAge` as written: where, and what Renovate makes of it."""

    key: Key
    value: Value
    #: Milliseconds; None for `null` or a value Renovate cannot read.
    milliseconds: float | None
    #: Why Renovate cannot read it (None when it can, or for `null`).
    problem: str | None


class Rule(Record):
    """A `packageRules` entry that sets `minimumReleaseAge`."""

    index: int
    age: Age
    #: What it matches, for messages: `matchUpdateTypes: patch`.
    matches: str


class Config(Record):
    """The config Renovate reads for the repository."""

    path: str
    source: Source
    #: The object holding the config (the root, or package.json's "renovate").
    root: Value
    age: Age | None
    rules: tuple[Rule, ...]
    #: Presets in `extends` that are known to set minimumReleaseAge, with what they cover.
    presets: tuple[tuple[str, str], ...]


def _age(key: Key, value: Value) -> Age:
    if value.kind == "null":
        return Age(key, value, None, None)
    if value.kind != "string" or not isinstance(value.value, str):
        return Age(key, value, None, 'is not a string such as "7 days"')
    milliseconds = to_ms(value.value)
    if milliseconds is None:
        return Age(key, value, None, "is not a duration Renovate reads")
    return Age(key, value, milliseconds, None)


def _describe_match(rule: Value) -> str:
    parts = []
    for key, value in rule.members:
        if not key.name.startswith("match"):
            continue
        shown = (
            [str(item.value) for item in value.items][:3]
            if value.kind == "array"
            else [str(value.value)]
        )
        parts.append(f"{key.name}: {', '.join(shown)}")
    return "; ".join(parts) or "every package"


def read(path: str, source: Source) -> Config | None:
    """The config in one file (None: package.json without a "renovate" key, or not an object).
    Raises InputError when the file is not JSON5."""
    from supply_chain_hooks.cooldown.json5 import parse

    root = parse(source.text)
    if path.rpartition("/")[2] == "package.json":
        found = root.get("renovate") if root.kind == "object" else None
        if found is None:
            return None
        root = found[1]
    if root.kind != "object":
        return None
    age = root.get("minimumReleaseAge") or root.get("stabilityDays")
    rules = []
    found_rules = root.get("packageRules")
    for index, rule in enumerate(found_rules[1].items if found_rules else []):
        if rule.kind != "object":
            continue
        own = rule.get("minimumReleaseAge") or rule.get("stabilityDays")
        if own is not None:
            rules.append(Rule(index, _age(*own), _describe_match(rule)))
    presets = []
    extends = root.get("extends")
    for item in extends[1].items if extends else []:
        if isinstance(item.value, str) and item.value in KNOWN_PRESETS:
            presets.append((item.value, KNOWN_PRESETS[item.value]))
    return Config(path, source, root, _age(*age) if age else None, tuple(rules), tuple(presets))
