"""What a run does not report: inline suppressions, the configuration's ``ignore``, and
zizmor's exceptions (``# zizmor: ignore[audit]`` comments and its config file, see
:mod:`zizmor_config`; ``zizmor = false`` turns them off).

An inline suppression, ``# supply-chain-hooks: ignore[CODE-or-name, ...] reason``, applies
to findings on its own line. It must name known rules (by code or name) and give a reason;
one that does not is reported as SCH002 and suppresses nothing. So must an entry of
``ignore`` in ``[tool.supply-chain-hooks]``.

:class:`Suppressions` decides for a whole run, from each file's current text: the fix loop
asks it which fixes not to apply, the report which findings not to show.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from supply_chain_hooks.model import Record, Rule
from supply_chain_hooks.source import InputError, Source, read

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from supply_chain_hooks.config import Config
    from supply_chain_hooks.model import Finding
    from supply_chain_hooks.workspace import Workspace
    from supply_chain_hooks.zizmor_config import ZizmorConfig

MARKER = "supply-chain-hooks:"
_PATTERN = r"#\s*supply-chain-hooks:\s*ignore\[([^\]\n]*)\]?([^\n]*)"


class Suppression(Record):
    line: int
    start: int
    end: int
    names: tuple[str, ...]
    reason: str
    closed: bool


def find(source: Source) -> list[Suppression]:
    if MARKER not in source.text:
        return []
    found = []
    # Compiled on first use (re caches it): most files have no marker at all.
    for match in re.finditer(_PATTERN, source.text):
        closed = "]" in source.text[match.start() : match.end(1) + 1]
        names = tuple(name.strip() for name in match.group(1).split(",") if name.strip())
        reason = match.group(2).strip().lstrip(":-").strip() if closed else ""
        line = source.position(match.start())[0]
        found.append(Suppression(line, match.start(), match.end(), names, reason, closed))
    return found


def problems(
    source: Source, suppressions: Iterable[Suppression], known: Mapping[str, Rule], rule: Rule
) -> list[Finding]:
    """SCH002 findings for suppressions that are malformed, unknown or without a reason."""
    from supply_chain_hooks.model import Finding

    findings = []
    for item in suppressions:
        unknown = [name for name in item.names if name not in known]
        if not item.closed or not item.names:
            message = "malformed suppression: write `# supply-chain-hooks: ignore[CODE] reason`"
        elif unknown:
            message = f"suppression names unknown rule(s): {', '.join(unknown)}"
        elif not item.reason:
            message = "suppression without a reason: say why after `]`"
        else:
            continue
        findings.append(Finding(rule, source.path, source.location(item.start, item.end), message))
    return findings


def is_suppressed(
    finding: Finding, suppressions: Iterable[Suppression], known: Mapping[str, Rule]
) -> bool:
    for item in suppressions:
        if item.line != finding.location.line or not item.reason:
            continue
        if any(known.get(name) == finding.rule for name in item.names):
            return True
    return False


class Suppressions:
    """The suppressions of one run: the config's ``ignore`` (entries with a reason) and
    the inline comments of every file the run has read, found in its current text."""

    def __init__(self, workspace: Workspace, config: Config) -> None:
        self.workspace = workspace
        self.config = config
        self._found: dict[str, tuple[Source, list[Suppression]]] = {}
        self._known: dict[str, Rule] = {}
        self._zizmor: list[ZizmorConfig | None] = []

    def suppresses(self, finding: Finding) -> bool:
        """Whether finding is suppressed: neither fixed nor reported."""
        reason = self.config.ignore.get(finding.rule.code)
        if reason is not None and reason.strip():
            return True
        source = self.workspace.loaded(finding.path)
        if source is not None:
            found = self._inline(source)
            if found and is_suppressed(finding, found, self.known()):
                return True
        return self.config.zizmor and self._zizmor_suppresses(finding, source)

    def zizmor_config(self) -> ZizmorConfig | None:
        """The repository's zizmor configuration (read once), when zizmor's exceptions apply."""
        if not self._zizmor:
            from supply_chain_hooks.config import UsageError
            from supply_chain_hooks.zizmor_config import ConfigError, discover

            try:
                self._zizmor.append(discover(self.workspace.root) if self.config.zizmor else None)
            except ConfigError as error:
                raise UsageError(f"zizmor configuration: {error}") from None
        return self._zizmor[0]

    def _zizmor_suppresses(self, finding: Finding, source: Source | None) -> bool:
        from supply_chain_hooks import zizmor_config

        if finding.rule.code not in zizmor_config.BY_CODE:
            return False
        config = self.zizmor_config()
        has_comment = source is not None and zizmor_config.MARKER in source.text
        if config is None and not has_comment:
            return False
        document = None
        if source is not None and finding.path.endswith((".yml", ".yaml")):
            try:
                document = self.workspace.yaml(finding.path)
            except InputError:
                document = None
        return zizmor_config.suppresses(config, document, finding)

    def _inline(self, source: Source) -> list[Suppression]:
        cached = self._found.get(source.path)
        if cached is None or cached[0] is not source:
            cached = self._found[source.path] = (source, find(source))
        return cached[1]

    def known(self) -> dict[str, Rule]:
        """Every rule by code and by name (the registry of every hook, loaded only when
        a name needs resolving)."""
        if not self._known:
            from supply_chain_hooks.rules import by_key

            self._known.update(by_key())
        return self._known

    def report(self, findings: Iterable[Finding]) -> list[Finding]:
        """What the report shows: the findings not suppressed, after SCH002 for every
        suppression (inline or configured) that is malformed, unknown or without a reason."""
        shown: list[Finding] = []
        inline = [
            (source, found)
            for source in map(self.workspace.loaded, self.workspace.read_paths())
            if source is not None and (found := self._inline(source))
        ]
        if inline or self.config.ignore:
            from supply_chain_hooks.rules import invalid_suppression

            for source, found in inline:
                shown += problems(source, found, self.known(), invalid_suppression.RULE)
            shown += self._config_problems(invalid_suppression.RULE)
        shown += [finding for finding in findings if not self.suppresses(finding)]
        return shown

    def _config_problems(self, rule: Rule) -> list[Finding]:
        from supply_chain_hooks.model import Finding, Location

        config, known = self.config, self.known()
        wrong = [
            (code, reason)
            for code, reason in config.ignore.items()
            if code not in known or not reason.strip()
        ]
        if not wrong or config.path is None:
            return []
        try:
            source = read(config.path)
        except InputError:
            return []
        findings = []
        # The key of the ignore table, not an earlier mention (a comment, another table).
        table = max(source.text.find("[tool.supply-chain-hooks]"), 0)
        for code, _reason in wrong:
            offset = max(source.text.find(code, table), 0)
            message = (
                f"[tool.supply-chain-hooks] ignore names unknown rule {code!r}"
                if code not in known
                else f"[tool.supply-chain-hooks] ignore of {code} without a reason"
            )
            loc = source.location(offset, offset + len(code))
            findings.append(
                Finding(
                    rule,
                    config.path,
                    Location(loc.line, loc.column, loc.end_line, loc.end_column),
                    message,
                )
            )
        return findings
