"""The one file loop: checks, the fix fixpoint, suppressions, the error boundary, exit codes.

A hook is described by a :class:`Hook` (its id, rules, which paths it reads, how it turns
its command line into a :class:`Job`). A job's checks read files only through the
:class:`Workspace`, so fixes can be applied in memory, re-checked, and written at the end
only when every changed file still parses.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from supply_chain_hooks import report
from supply_chain_hooks.config import Config, UsageError
from supply_chain_hooks.config import load as load_config
from supply_chain_hooks.edits import MAX_PASSES, WriteError, apply_fixes, write_atomic
from supply_chain_hooks.model import Applicability, Finding, Fix, Rule
from supply_chain_hooks.source import InputError, Source, read

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

_SKIP_DIRS = frozenset(
    {".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox", ".nox",
     ".mypy_cache", ".ruff_cache", ".pytest_cache"}
)  # fmt: skip


class Workspace:
    """Decoded files by path, with in-memory changes that are written only at the end."""

    def __init__(self, root: str = ".") -> None:
        self.root = root
        self._sources: dict[str, Source | InputError] = {}
        self._original: dict[str, Source] = {}

    def source(self, path: str) -> Source:
        """The file's current text; raises InputError (cached) when it cannot be read."""
        cached = self._sources.get(path)
        if cached is None:
            try:
                cached = read(path)
            except InputError as error:
                cached = error
            self._sources[path] = cached
        if isinstance(cached, InputError):
            raise cached
        return cached

    def exists(self, path: str) -> bool:
        return isinstance(self._sources.get(path), Source) or os.path.isfile(path)

    def update(self, path: str, text: str) -> None:
        current = self.source(path)
        self._original.setdefault(path, current)
        self._sources[path] = current.replaced(text)

    def revert(self, path: str) -> None:
        if path in self._original:
            self._sources[path] = self._original.pop(path)

    def read_paths(self) -> list[str]:
        return [path for path, value in self._sources.items() if isinstance(value, Source)]

    def changed(self) -> list[str]:
        return [
            path
            for path, original in self._original.items()
            if self.source(path).text != original.text
        ]

    def write(self, path: str) -> None:
        """Write one changed file atomically; refuse links that leave the root."""
        real = os.path.realpath(path)
        root = os.path.realpath(self.root)
        if os.path.commonpath([real, root]) != root:
            raise WriteError(f"not written: it is a link to {real}, outside {root}")
        write_atomic(path, self.source(path).encode())


@dataclass(frozen=True)
class Job:
    """What one hook does in one run, with its options already bound."""

    hook: str
    rules: tuple[Rule, ...]
    matches: Callable[[str], bool]
    #: Checks one file (file-level hooks).
    check_file: Callable[[Workspace, str], Iterable[Finding]] | None = None
    #: Checks the repository, given the explicit paths or () to discover (repo-level hooks).
    check_repo: Callable[[Workspace, tuple[str, ...]], Iterable[Finding]] | None = None
    #: Runs once before checking (e.g. resolving action refs over the network for --fix).
    prepare: Callable[[Workspace, tuple[str, ...]], Iterable[Finding]] | None = None


@dataclass(frozen=True)
class Hook:
    """A hook id's command line and how it becomes a Job."""

    id: str
    description: str
    rules: tuple[Rule, ...]
    matches: Callable[[str], bool]
    build: Callable[[argparse.Namespace, Config], Job]
    add_arguments: Callable[[argparse.ArgumentParser], None] = lambda parser: None
    repo_level: bool = False
    fixable: bool = False


@dataclass(frozen=True)
class Settings:
    fix: bool = False
    output_format: str = "text"


@dataclass
class Outcome:
    findings: list[Finding] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    internal_errors: int = 0
    notes: list[str] = field(default_factory=list)


def _input_finding(path: str, error: InputError) -> Finding:
    from supply_chain_hooks.model import Location
    from supply_chain_hooks.rules import invalid_file

    location = Location(error.line, error.column, error.line, error.column)
    return Finding(invalid_file.RULE, path, location, error.message)


def _checked(outcome: Outcome, label: str, call: Callable[[], Iterable[Finding]]) -> list[Finding]:
    """The error boundary: bad input becomes SCH001, a bug becomes exit 3 and a traceback."""
    try:
        return list(call())
    except InputError as error:
        return [_input_finding(label, error)]
    except RecursionError:
        return [_input_finding(label, InputError("input nested too deeply to check"))]
    except (KeyboardInterrupt, UsageError):
        raise
    except Exception:  # noqa: BLE001 - the one error boundary: report the bug, check the rest
        outcome.internal_errors += 1
        print(f"{label}: internal error, please report it:", file=sys.stderr)
        traceback.print_exc(file=sys.stderr)
        return []


def _check(
    job: Job, workspace: Workspace, paths: tuple[str, ...], outcome: Outcome
) -> list[Finding]:
    findings: list[Finding] = []
    if job.check_repo is not None:
        check_repo = job.check_repo
        findings += _checked(outcome, workspace.root, lambda: check_repo(workspace, paths))
    if job.check_file is not None:
        check_file = job.check_file
        for path in paths:
            findings += _checked(outcome, path, lambda path=path: check_file(workspace, path))  # type: ignore[misc]
    return findings


def _safe_fixes(findings: Iterable[Finding], blocked: set[str]) -> dict[str, list[Fix]]:
    grouped: dict[str, list[Fix]] = {}
    for finding in findings:
        fix = finding.fix
        if (
            fix is not None
            and fix.applicability is Applicability.SAFE
            and finding.path not in blocked
        ):
            grouped.setdefault(finding.path, []).append(fix)
    return grouped


def execute(job: Job, workspace: Workspace, paths: tuple[str, ...], settings: Settings) -> Outcome:
    """Check (and with settings.fix, fix to a fixpoint) and return what is left to report."""
    outcome = Outcome()
    if job.prepare is not None:
        prepare = job.prepare
        outcome.findings += _checked(outcome, workspace.root, lambda: prepare(workspace, paths))
    findings = _check(job, workspace, paths, outcome)
    blocked: set[str] = set()
    for _ in range(MAX_PASSES if settings.fix else 0):
        grouped = _safe_fixes(findings, blocked)
        progressed = []
        for path, fixes in grouped.items():
            try:
                current = workspace.source(path)
            except InputError:
                continue
            new_text, _applied = apply_fixes(current.text, fixes)
            if new_text != current.text:
                workspace.update(path, new_text)
                progressed.append(path)
        if not progressed:
            break
        findings = _check(job, workspace, paths, outcome)
        broken = {f.path for f in findings if f.rule.code == "SCH001" and f.path in progressed}
        for path in broken:
            workspace.revert(path)
            blocked.add(path)
            outcome.notes.append(f"{path}: the fix would leave the file unparsable; not written")
        if broken:
            findings = _check(job, workspace, paths, outcome)
    else:
        if settings.fix and _safe_fixes(findings, blocked):
            outcome.notes.append("fixes did not converge; remaining problems are reported")
    outcome.findings += findings
    return outcome


def write_changes(workspace: Workspace, outcome: Outcome) -> None:
    for path in workspace.changed():
        try:
            workspace.write(path)
        except WriteError as error:
            outcome.findings.append(_input_finding(path, InputError(str(error))))
        else:
            outcome.changed.append(path)


def finish(
    workspace: Workspace,
    outcome: Outcome,
    rules: Sequence[Rule],
    config: Config,
    settings: Settings,
) -> int:
    """Apply suppressions, print the report, and decide the exit code."""
    from supply_chain_hooks import suppress
    from supply_chain_hooks.rules import by_key, invalid_suppression

    known = by_key()
    findings: list[Finding] = []
    suppressions: dict[str, list[suppress.Suppression]] = {}
    for path in workspace.read_paths():
        source = workspace.source(path)
        suppressions[path] = suppress.find(source)
        findings += suppress.problems(source, suppressions[path], known, invalid_suppression.RULE)
    findings += _config_problems(config, known, invalid_suppression.RULE)
    for finding in outcome.findings:
        if finding.rule.code in config.ignore and config.ignore[finding.rule.code].strip():
            continue
        if suppress.is_suppressed(finding, suppressions.get(finding.path, ()), known):
            continue
        findings.append(finding)
    unique = sorted({_identity(f): f for f in findings}.values(), key=lambda f: f.sort_key)

    output = settings.output_format
    if output == "json":
        sys.stdout.write(report.json_report(unique))
    elif output == "sarif":
        sys.stdout.write(report.sarif(unique, rules, lambda f: _line_text(workspace, f)))
    elif output == "github":
        sys.stdout.write(report.github(unique))
    else:
        sys.stdout.write(report.text(unique))
    for path in outcome.changed:
        print(f"{path}: fixed", file=sys.stderr)
    for note in outcome.notes:
        print(note, file=sys.stderr)
    if outcome.internal_errors:
        return EXIT_INTERNAL
    return EXIT_FINDINGS if unique or outcome.changed else EXIT_CLEAN


def _identity(finding: Finding) -> tuple[str, str, int, int, str]:
    return (
        finding.rule.code,
        finding.path,
        finding.location.line,
        finding.location.column,
        finding.message,
    )


def _line_text(workspace: Workspace, finding: Finding) -> str:
    try:
        return workspace.source(finding.path).line_text(finding.location.line)
    except InputError:
        return ""


def _config_problems(config: Config, known: dict[str, Rule], rule: Rule) -> list[Finding]:
    from supply_chain_hooks.model import Location

    if not config.ignore or config.path is None:
        return []
    try:
        source = read(config.path)
    except InputError:
        return []
    findings = []
    for code, reason in config.ignore.items():
        if code in known and reason.strip():
            continue
        offset = max(source.text.find(code), 0)
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


def expand(
    paths: Sequence[str], matches: Callable[[str], bool], *, route_files: bool = False
) -> tuple[list[str], list[str]]:
    """Files to check: directories walked (git ls-files in a repo) and filtered by matches;
    explicit files as given (a hook checks what it is handed), or with route_files also
    filtered (the umbrella sends each file only to the hooks it concerns).

    Returns (files, missing paths).
    """
    files: list[str] = []
    missing: list[str] = []
    for path in paths:
        if os.path.isdir(path):
            # Paths are matched relative to the walked folder, as pre-commit matches them
            # relative to the repository root.
            files += [
                name
                for name in _walk(path)
                if matches(os.path.relpath(name, path).replace(os.sep, "/"))
            ]
        elif os.path.lexists(path):
            if not route_files or matches(os.path.normpath(path).replace(os.sep, "/")):
                files.append(path)
        else:
            missing.append(path)
    return list(dict.fromkeys(files)), missing


def _walk(directory: str) -> list[str]:
    from supply_chain_hooks import git

    if git.toplevel(directory) is not None:
        try:
            tracked = git.ls_files(directory)
        except git.GitError:
            pass
        else:
            return [name for name in tracked if os.path.isfile(name)]
    found = []
    for folder, dirs, names in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS)
        found += [os.path.normpath(os.path.join(folder, name)) for name in sorted(names)]
    return found


def add_common_arguments(parser: argparse.ArgumentParser, *, fixable: bool) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or directories to check")
    parser.add_argument(
        "--format", dest="output_format", choices=report.FORMATS, default="text",
        help="output format (default: text)",
    )  # fmt: skip
    if fixable:
        parser.add_argument("--fix", action="store_true", help="apply safe fixes in place")


def hook_main(hook: Hook, argv: Sequence[str] | None) -> int:
    """The entry point shared by every hook: parse, build the job, run, report."""
    parser = argparse.ArgumentParser(prog=hook.id, description=hook.description)
    add_common_arguments(parser, fixable=hook.fixable)
    hook.add_arguments(parser)
    args = parser.parse_args(argv)
    settings = Settings(fix=bool(getattr(args, "fix", False)), output_format=args.output_format)
    try:
        config = load_config(".")
        job = hook.build(args, config)
        return run_jobs([job], list(args.paths), settings, config)
    except UsageError as error:
        print(f"{hook.id}: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("Interrupted (^C)", file=sys.stderr)
        return 130


def run_jobs(
    jobs: Sequence[Job],
    paths: list[str],
    settings: Settings,
    config: Config,
    *,
    route_files: bool = False,
) -> int:
    """Run jobs over paths; repo-level jobs get the explicit files they match, or () to discover."""
    workspace = Workspace(".")
    outcome = Outcome()
    for job in jobs:
        if job.check_repo is not None:
            explicit = tuple(p for p in paths if not os.path.isdir(p))
            missing = [p for p in explicit if not os.path.lexists(p)]
            if missing:
                raise UsageError(f"no such file or directory: {', '.join(missing)}")
            targets = tuple(p for p in explicit if job.matches(p.replace(os.sep, "/")))
        else:
            files, missing = expand(paths, job.matches, route_files=route_files)
            if missing:
                raise UsageError(f"no such file or directory: {', '.join(missing)}")
            targets = tuple(files)
        result = execute(job, workspace, targets, settings)
        outcome.findings += result.findings
        outcome.internal_errors += result.internal_errors
        outcome.notes += result.notes
    if settings.fix:
        write_changes(workspace, outcome)
    rules = [rule for job in jobs for rule in job.rules]
    return finish(workspace, outcome, rules, config, settings)
