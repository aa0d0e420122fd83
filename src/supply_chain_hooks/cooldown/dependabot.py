"""Dependabot's `cooldown:`, entry by entry, as Dependabot applies it today.

Facts (GitHub docs, "Dependabot options reference", and the changelog of 2026-07-14):

- Every `updates:` entry has its own `cooldown:`; it delays *version* updates only
  (security updates are never delayed). An entry with `open-pull-requests-limit: 0` makes
  no version updates, so its cooldown does not matter.
- Since 2026-07-14 version updates wait 3 days by default, with no configuration;
  `default-days: 0` switches that off.
- `semver-major-days`, `semver-minor-days` and `semver-patch-days` override `default-days`
  for one update type; they exist only for ecosystems with semantic versions: under
  `github-actions` or `docker` Dependabot rejects the whole file.
- Days are whole numbers from 1 to 90 (0 disables); `include` and `exclude` (lists of
  dependency names, `*` for all) narrow and widen what the cooldown applies to, and
  `exclude` wins.

:func:`entries` turns each `updates:` element into an :class:`Entry`: the effective days for
every update type and the key that decides them (None: Dependabot's default applies).
"""

from __future__ import annotations

from supply_chain_hooks import yaml_doc as y
from supply_chain_hooks.model import Record

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from ruamel.yaml.nodes import Node, ScalarNode

PATHS = (".github/dependabot.yml", ".github/dependabot.yaml")
DEFAULT_DAYS = 3
UPDATE_TYPES = ("major", "minor", "patch")
SEMVER_KEYS = {
    "major": "semver-major-days",
    "minor": "semver-minor-days",
    "patch": "semver-patch-days",
}
DAY_KEYS = ("default-days", *SEMVER_KEYS.values())
KNOWN_KEYS = frozenset((*DAY_KEYS, "include", "exclude"))
#: Ecosystems without semantic versions: Dependabot rejects the semver keys under them.
NO_SEMVER = frozenset({"github-actions", "docker"})


class Effective(Record):
    """The cooldown one update type of an entry gets."""

    update_type: str
    days: int
    #: The key whose value it is (`default-days` or a semver key); None: Dependabot's default.
    key: ScalarNode | None


class Problem(Record):
    """Something Dependabot rejects, at a node of the entry."""

    node: Node
    reason: str


class Entry(Record):
    """One element of `updates:`."""

    node: Node
    #: `package-ecosystem`, or None when missing.
    ecosystem: str | None
    directory: str | None
    #: Whether Dependabot makes version updates for it (the cooldown applies to them only).
    version_updates: bool
    #: The `cooldown` key and its value, when written.
    cooldown: tuple[ScalarNode, Node] | None
    effective: tuple[Effective, ...]
    #: Invalid values and keys, at the node that is wrong.
    invalid: tuple[Problem, ...]
    #: semver keys under an ecosystem without semantic versions.
    unsupported: tuple[ScalarNode, ...]
    #: `include` / `exclude` key and their names (None when written but not a list of strings).
    include: tuple[ScalarNode, tuple[str, ...] | None] | None
    exclude: tuple[ScalarNode, tuple[str, ...] | None] | None

    @property
    def label(self) -> str:
        """How messages name the entry: `pip` updates of `/`."""
        ecosystem = self.ecosystem or "?"
        if self.directory is None:
            return f"`{ecosystem}`"
        return f"`{ecosystem}` ({self.directory})"


def days_value(node: Node) -> int | str:
    """A plain integer, or why it is not one Dependabot accepts."""
    text = y.scalar(node)
    if text is None:
        return "is not a number"
    if getattr(node, "style", None) in ("'", '"'):
        return "is a string, not a number"
    digits = text.strip()
    if not digits.isdecimal() or not digits.isascii():
        return "is not a whole number of days"
    days = int(digits)
    if days > 90:
        return "is above Dependabot's maximum of 90 days"
    return days


def _names(node: Node) -> tuple[str, ...] | None:
    if not y.is_sequence(node):
        return None
    names = [y.scalar(element) for element in y.elements(node)]
    if any(name is None for name in names):
        return None
    return tuple(name for name in names if name is not None)


def _entry(node: Node) -> Entry:
    ecosystem = y.scalar(y.value(node, "package-ecosystem"))
    directory = y.scalar(y.value(node, "directory"))
    if directory is None:
        folders = [y.scalar(element) for element in y.elements(y.value(node, "directories"))]
        shown = [name for name in folders if name is not None]
        directory = ", ".join(shown[:2]) + (", ..." if len(shown) > 2 else "") if shown else None
    limit = y.scalar(y.value(node, "open-pull-requests-limit"))
    version_updates = (limit or "").strip() != "0"
    cooldown = y.get(node, "cooldown")
    invalid: list[Problem] = []
    unsupported: list[ScalarNode] = []
    days: dict[str, tuple[int, ScalarNode]] = {}
    include = exclude = None
    if cooldown is not None:
        key, block = cooldown
        if not y.is_mapping(block):
            invalid.append(
                Problem(
                    block if y.start(block) < y.end(block) else key,
                    "must be a mapping of cooldown settings",
                )
            )
        for name_node, value in y.items(block):
            name = str(name_node.value)
            if name not in KNOWN_KEYS:
                invalid.append(Problem(name_node, f"`{name}` is not a cooldown setting"))
            elif name in ("include", "exclude"):
                listed = (name_node, _names(value))
                if listed[1] is None:
                    invalid.append(Problem(value, f"`{name}` must be a list of dependency names"))
                if name == "include":
                    include = listed
                else:
                    exclude = listed
            else:
                parsed = days_value(value)
                if isinstance(parsed, str):
                    invalid.append(Problem(value, f"`{name}` {parsed}"))
                    continue
                if name != "default-days" and ecosystem in NO_SEMVER:
                    unsupported.append(name_node)
                    continue
                days[name] = (parsed, name_node)
    effective = []
    for update_type in UPDATE_TYPES:
        found = days.get(SEMVER_KEYS[update_type]) or days.get("default-days")
        if found is None:
            effective.append(Effective(update_type, DEFAULT_DAYS, None))
        else:
            effective.append(Effective(update_type, found[0], found[1]))
    return Entry(
        node,
        ecosystem,
        directory,
        version_updates,
        cooldown,
        tuple(effective),
        tuple(invalid),
        tuple(unsupported),
        include,
        exclude,
    )


def entries(root: Node | None) -> list[Entry]:
    """Every mapping element of the top-level `updates:` list, in order."""
    return [_entry(node) for node in y.elements(y.value(root, "updates")) if y.is_mapping(node)]
