"""zizmor's exceptions, honoured as ours: `# zizmor: ignore[<audit>]` comments and the
repository's zizmor configuration file.

A repository that already runs zizmor has reviewed its exceptions once; they should not have
to be written again in another syntax. On by default; ``zizmor = false`` in
``[tool.supply-chain-hooks]`` turns it off.

What zizmor 1.32 does, and so what this module does:

- Its configuration is the first of ``.github/zizmor.yml``, ``.github/zizmor.yaml``,
  ``zizmor.yml``, ``zizmor.yaml`` found at the repository root.
- ``rules.<audit>.ignore`` lists ``file``, ``file:line`` or ``file:line:col``; ``file`` is a
  file name (no folder), compared with the base name of the finding's file, and line and
  column are those where one of the finding's locations starts.
- ``rules.unpinned-uses.config.policies`` maps `uses:` patterns to ``hash-pin``,
  ``ref-pin`` or ``any`` (read by pin-actions-to-sha, see :mod:`github.policies`).
- A comment ``# zizmor: ignore[audit, ...]`` suppresses a finding when it stands on a line of
  one of the finding's locations: for a `uses:` that is the whole step (or job) it belongs
  to, for a trigger the whole `on:` key with its value. A block's trailing comment lines
  belong to it (zizmor's YAML tree keeps them inside the block); a comment above a step or
  above `on:` does not suppress. The comment must be written exactly so (one space after
  `#` and after `zizmor:`); text may follow the `]` after a space.
"""

from __future__ import annotations

import os

from supply_chain_hooks.model import Record
from supply_chain_hooks.patterns import lazy

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from supply_chain_hooks import yaml_doc as y
    from supply_chain_hooks.model import Finding
    from supply_chain_hooks.source import Source

CANDIDATES = (".github/zizmor.yml", ".github/zizmor.yaml", "zizmor.yml", "zizmor.yaml")

#: zizmor's audits and the rules of ours that report the same problem.
AUDITS: dict[str, tuple[str, ...]] = {
    "unpinned-uses": ("SCH101", "SCH102"),
    "unpinned-images": ("SCH105",),
    "ref-version-mismatch": ("SCH106",),
    "dangerous-triggers": ("SCH111", "SCH112"),
    "use-trusted-publishing": ("SCH701", "SCH706"),
    "insecure-url-scheme": ("SCH506",),
}
#: Our rule code -> the zizmor audits whose exceptions apply to it.
BY_CODE: dict[str, tuple[str, ...]] = {}
for _audit, _codes in AUDITS.items():
    for _code in _codes:
        BY_CODE[_code] = (*BY_CODE.get(_code, ()), _audit)

#: The rules whose zizmor location is the whole `on:` key (dangerous-triggers).
_TRIGGER_RULES = frozenset({"SCH111", "SCH112"})
_IGNORE = lazy(r"# zizmor: ignore\[(.+)\](?:\s+.*)?$")
MARKER = "# zizmor: ignore["


class ConfigError(Exception):
    """A zizmor configuration that zizmor itself would reject."""


class IgnoreEntry(Record):
    """One `rules.<audit>.ignore` entry: a file name, and maybe a line and a column."""

    filename: str
    line: int | None
    column: int | None

    def matches(self, path: str, starts: tuple[tuple[int, int], ...]) -> bool:
        if os.path.basename(path) != self.filename:
            return False
        if self.line is None:
            return True
        return any(
            line == self.line and (self.column is None or column == self.column)
            for line, column in starts
        )


class ZizmorConfig(Record):
    path: str
    #: audit -> its ignore entries.
    ignores: dict[str, tuple[IgnoreEntry, ...]]
    #: `rules.unpinned-uses.config.policies`, as (pattern, policy) pairs.
    policies: tuple[tuple[str, str], ...]


def parse_entry(text: str) -> IgnoreEntry:
    """`file[:line[:col]]`, as zizmor reads it; ValueError when zizmor would reject it."""
    parts = text.rsplit(":", 2)
    numbers: list[int] = []
    while len(parts) > 1 and parts[-1].isdigit():
        numbers.insert(0, int(parts.pop()))
    filename = ":".join(parts)
    if not filename.endswith((".yml", ".yaml")):
        raise ValueError(f"invalid workflow filename in ignore entry {text!r}")
    if any(number < 1 for number in numbers):
        raise ValueError(f"ignore entry {text!r}: lines and columns are 1-based")
    line = numbers[0] if numbers else None
    column = numbers[1] if len(numbers) > 1 else None
    return IgnoreEntry(filename, line, column)


def discover(root: str = ".") -> ZizmorConfig | None:
    """The zizmor configuration zizmor would use for the repository at root, or None."""
    for candidate in CANDIDATES:
        path = os.path.join(root, candidate)
        if os.path.isfile(path):
            return load(os.path.normpath(path))
    return None


def load(path: str) -> ZizmorConfig:
    from supply_chain_hooks import yaml_doc as y
    from supply_chain_hooks.source import InputError, read

    try:
        document = y.parse(read(path))
    except InputError as error:
        raise ConfigError(f"{path}: {error.message}") from None
    ignores: dict[str, tuple[IgnoreEntry, ...]] = {}
    policies: tuple[tuple[str, str], ...] = ()
    rules = y.value(document.root, "rules")
    for key, rule in y.items(rules):
        audit = str(key.value)
        entries = []
        for item in y.elements(y.value(rule, "ignore")):
            text = y.scalar(item)
            if text is None:
                raise ConfigError(f"{path}: rules.{audit}.ignore entries must be strings")
            try:
                entries.append(parse_entry(text))
            except ValueError as error:
                raise ConfigError(f"{path}: {error}") from None
        ignores[audit] = tuple(entries)
        if audit == "unpinned-uses":
            table = y.value(rule, "config", "policies")
            pairs = []
            for pattern, policy in y.items(table):
                name = y.scalar(policy)
                if name is None:
                    raise ConfigError(f"{path}: policy for {pattern.value!r} must be a string")
                pairs.append((str(pattern.value), name))
            policies = tuple(pairs)
    return ZizmorConfig(path, ignores, policies)


def comment_ignores(line: str, audit: str) -> bool:
    """Whether a line carries `# zizmor: ignore[...]` naming audit, as a real comment (at
    the line's start or after whitespace, as a YAML comment must be)."""
    index = line.find(MARKER)
    while index != -1:
        if index == 0 or line[index - 1] in " \t":
            match = _IGNORE.match(line.rstrip(), index)
            if match is not None:
                return any(name.strip() == audit for name in match.group(1).split(","))
        index = line.find(MARKER, index + 1)
    return False


def _line(source: Source, offset: int) -> int:
    return source.position(offset)[0]


def _last_line(source: Source, node: y.Node) -> int:
    """The line of a node's last character, then any comment lines right after it (zizmor's
    YAML tree keeps a block's trailing comments inside it)."""
    from supply_chain_hooks import yaml_doc as y

    text = source.text
    end = y.end(node)
    while end > y.start(node) and text[end - 1] in " \t\r\n":
        end -= 1
    line = _line(source, max(end - 1, y.start(node)))
    last = line
    block = not y.is_scalar(node) and text[y.content_start(text, node)] not in "[{"
    if not block:  # a flow collection or a scalar ends where its text ends
        return last
    total = source.position(len(text))[0]
    for number in range(line + 1, total + 1):
        stripped = source.line_text(number).strip()
        if stripped.startswith("#"):
            last = number
        elif stripped:
            break
    return last


def _chain(root: y.Node, offset: int) -> list[tuple[y.Node | None, y.Node]]:
    """The (key, node) pairs from the root down to the innermost node holding offset."""
    from supply_chain_hooks import yaml_doc as y

    chain: list[tuple[y.Node | None, y.Node]] = [(None, root)]
    node = root
    while True:
        found = None
        if y.is_mapping(node):
            for key, item in node.value:
                if y.start(key) <= offset < max(y.end(item), y.end(key) + 1):
                    found = (key, item if offset >= y.end(key) else key)
                    break
        elif y.is_sequence(node):
            for item in node.value:
                if y.start(item) <= offset < max(y.end(item), y.start(item) + 1):
                    found = (None, item)
                    break
        if found is None or found[1] is node:
            return chain
        chain.append(found)
        node = found[1]


def feature_lines(document: y.Document, finding: Finding) -> tuple[int, int, int, int]:
    """The lines of the location zizmor reports for finding (first and last), with the line
    and column where it starts."""
    from supply_chain_hooks import yaml_doc as y

    source = document.source
    line, column = finding.location.line, finding.location.column
    if document.root is None:
        return line, line, line, column
    offset = source.offset(line, column)
    chain = _chain(document.root, offset)
    if finding.rule.code in _TRIGGER_RULES and len(chain) > 1:
        key, value = chain[1]
        first = y.start(key) if key is not None else y.start(value)
        start_line, start_column = source.position(first)
        return start_line, _last_line(source, value), start_line, start_column
    # The mapping that holds the flagged value: a step (from its first key), or a job or a
    # `container:` (from the key that names it).
    for key, node in reversed(chain[:-1]):
        if y.is_mapping(node):
            start_line, start_column = source.position(y.start(node))
            first_line = _line(source, y.start(key)) if key is not None else start_line
            return first_line, _last_line(source, node), start_line, start_column
    return line, line, line, column


def suppresses(config: ZizmorConfig | None, document: y.Document | None, finding: Finding) -> bool:
    """Whether zizmor's exceptions (its config's ignore entries, its comments in the
    document) suppress a finding of ours."""
    audits = BY_CODE.get(finding.rule.code)
    if not audits:
        return False
    entries = [
        entry for audit in audits for entry in (config.ignores.get(audit, ()) if config else ())
    ]
    has_comment = document is not None and MARKER in document.source.text
    if not entries and not has_comment:
        return False
    starts: tuple[tuple[int, int], ...] = ((finding.location.line, finding.location.column),)
    first = last = finding.location.line
    if document is not None:
        first, last, line, column = feature_lines(document, finding)
        starts += ((line, column),)
    if any(entry.matches(finding.path, starts) for entry in entries):
        return True
    if not has_comment or document is None:
        return False
    source = document.source
    lines = range(min(first, finding.location.line), max(last, finding.location.line) + 1)
    return any(
        comment_ignores(source.line_text(number), audit) for number in lines for audit in audits
    )
