"""``[tool.supply-chain-hooks]`` in the repository's pyproject.toml.

```toml
[tool.supply-chain-hooks]
ignore = { SCH111 = "the labeler workflow never checks out PR code" }

min-cooldown = "7 days"   # check-uv-exclude-newer and check-dependency-cooldown

[tool.supply-chain-hooks.forbid-pull-request-target]
allow = [".github/workflows/labeler.yml"]
```

Hook options on the command line come first; lists from here are added to them.
``zizmor = false`` stops honouring zizmor's exceptions (see :mod:`zizmor_config`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from supply_chain_hooks.model import Record, field
from supply_chain_hooks.source import InputError, read

TABLE = "supply-chain-hooks"


class UsageError(Exception):
    """A bad command line or configuration: exit code 2."""


class Config(Record):
    path: str | None = None
    ignore: Mapping[str, str] = field(default_factory=dict)
    hooks: Mapping[str, Mapping[str, object]] = field(default_factory=dict)
    #: Globs of paths no file-level hook checks (e.g. deliberately broken test fixtures).
    exclude: tuple[str, ...] = ()
    #: The baseline file named by `baseline = "..."` (relative to the config's folder).
    baseline: str | None = None
    #: Whether zizmor's exceptions (its ignore comments and config file) are ours too.
    zizmor: bool = True
    #: `min-cooldown = "..."`: the shortest dependency cooldown, for every hook that checks
    #: one (check-uv-exclude-newer, check-dependency-cooldown); a hook's table overrides it.
    min_cooldown: str | None = None

    def cooldown(self, hook: str) -> str | None:
        """The hook's `min-cooldown`, else the collection's."""
        return self.string(hook, "min-cooldown") or self.min_cooldown

    def _value(self, hook: str, key: str) -> object:
        return self.hooks.get(hook, {}).get(key)

    def str_list(self, hook: str, key: str) -> tuple[str, ...]:
        value = self._value(hook, key)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise UsageError(f"{self.path}: [tool.{TABLE}.{hook}] {key} must be a list of strings")
        return tuple(value)

    def string(self, hook: str, key: str) -> str | None:
        value = self._value(hook, key)
        if value is not None and not isinstance(value, str):
            raise UsageError(f"{self.path}: [tool.{TABLE}.{hook}] {key} must be a string")
        return value

    def boolean(self, hook: str, key: str) -> bool | None:
        value = self._value(hook, key)
        if value is not None and not isinstance(value, bool):
            raise UsageError(f"{self.path}: [tool.{TABLE}.{hook}] {key} must be true or false")
        return value


def load(root: str = ".", hook_ids: frozenset[str] = frozenset()) -> Config:
    """Read the config from root/pyproject.toml; a missing file or table is an empty config."""
    path = os.path.join(root, "pyproject.toml")
    if not os.path.isfile(path):
        return Config()
    try:
        source = read(path)
    except InputError:
        return Config()
    if TABLE not in source.text:
        return Config(path)
    import tomllib

    try:
        data = tomllib.loads(source.text)
    except tomllib.TOMLDecodeError as error:
        raise UsageError(f"{path}: invalid TOML: {error}") from None
    table = data.get("tool", {}).get(TABLE)
    if table is None:
        return Config(path)
    if not isinstance(table, dict):
        raise UsageError(f"{path}: [tool.{TABLE}] must be a table")
    ignore: dict[str, str] = {}
    hooks: dict[str, Mapping[str, object]] = {}
    exclude: tuple[str, ...] = ()
    baseline: str | None = None
    zizmor = True
    min_cooldown: str | None = None
    for key, value in table.items():
        if key == "exclude":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise UsageError(f"{path}: [tool.{TABLE}] exclude must be a list of path globs")
            exclude = tuple(value)
        elif key == "baseline":
            if not isinstance(value, str) or not value:
                raise UsageError(f"{path}: [tool.{TABLE}] baseline must be a file path")
            baseline = os.path.join(os.path.dirname(path), value)
        elif key == "zizmor":
            if not isinstance(value, bool):
                raise UsageError(f"{path}: [tool.{TABLE}] zizmor must be true or false")
            zizmor = value
        elif key == "min-cooldown":
            if not isinstance(value, str) or not value:
                raise UsageError(f"{path}: [tool.{TABLE}] min-cooldown must be a duration string")
            min_cooldown = value
        elif key == "ignore":
            if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
                raise UsageError(
                    f"{path}: [tool.{TABLE}] ignore must map rule codes to reasons, "
                    'e.g. ignore = { SCH111 = "why this is fine" }'
                )
            ignore = dict(value)
        elif isinstance(value, dict) and (not hook_ids or key in hook_ids):
            hooks[key] = value
        else:
            raise UsageError(f"{path}: unknown key {key!r} in [tool.{TABLE}]")
    return Config(path, ignore, hooks, exclude, baseline, zizmor, min_cooldown)
