"""The one file loop: checks, the fix fixpoint, suppressions, the error boundary, exit codes.

A hook is described by a :class:`Hook` (its id, rules, which paths it reads, how it turns
its command line into a :class:`Job`). A job's checks read files only through the
:class:`Workspace`, so fixes can be applied in memory, re-checked, and written at the end
only when every changed file still parses.
"""

from __future__ import annotations

import os
import sys

from supply_chain_hooks import report
from supply_chain_hooks.config import Config, UsageError
from supply_chain_hooks.config import load as load_config
from supply_chain_hooks.edits import MAX_PASSES, WriteError, apply_fixes, write_atomic
from supply_chain_hooks.model import Applicability, Record, Rule
from supply_chain_hooks.source import InputError, Source, read

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    # argparse is imported only for a command line with options (see _plain_arguments);
    # Finding where one is made (it is the only dataclass of the model).
    import argparse
    from collections.abc import Callable, Iterable, Sequence

    from supply_chain_hooks.model import Finding, Fix

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
            if real == os.path.abspath(path):  # no link involved: the path itself is outside
                raise WriteError(f"not written: it is outside {root}")
            raise WriteError(f"not written: it is a link to {real}, outside {root}")
        write_atomic(path, self.source(path).encode())


# Job, Hook and Settings are immutable values (model.Record: frozen-dataclass behaviour
# without the start-up cost of dataclasses). To add a field: name it in __match_args__,
# take it in __init__.


class Job(Record):
    """What one hook does in one run, with its options already bound."""

    __match_args__ = (
        "hook", "rules", "matches", "check_file", "check_repo", "prepare", "after_fix",
    )  # fmt: skip
    __slots__ = __match_args__
    hook: str
    rules: tuple[Rule, ...]
    matches: Callable[[str], bool]
    #: Checks one file (file-level hooks).
    check_file: Callable[[Workspace, str], Iterable[Finding]] | None
    #: Checks the repository, given the explicit paths or () to discover (repo-level hooks).
    check_repo: Callable[[Workspace, tuple[str, ...]], Iterable[Finding]] | None
    #: Runs once before checking (e.g. resolving action refs over the network for --fix).
    prepare: Callable[[Workspace, tuple[str, ...]], Iterable[Finding]] | None
    #: With --fix: notes to print, given the paths this job's fixes changed (e.g. "run uv lock").
    after_fix: Callable[[tuple[str, ...]], Iterable[str]] | None

    def __init__(
        self,
        hook: str,
        rules: tuple[Rule, ...],
        matches: Callable[[str], bool],
        check_file: Callable[[Workspace, str], Iterable[Finding]] | None = None,
        check_repo: Callable[[Workspace, tuple[str, ...]], Iterable[Finding]] | None = None,
        prepare: Callable[[Workspace, tuple[str, ...]], Iterable[Finding]] | None = None,
        after_fix: Callable[[tuple[str, ...]], Iterable[str]] | None = None,
    ) -> None:
        for name, value in zip(
            self.__match_args__,
            (hook, rules, matches, check_file, check_repo, prepare, after_fix),
            strict=True,
        ):
            object.__setattr__(self, name, value)


def _no_arguments(parser: argparse.ArgumentParser) -> None:
    return None


class Hook(Record):
    """A hook id's command line and how it becomes a Job."""

    __match_args__ = (
        "id", "description", "rules", "matches", "build", "add_arguments", "repo_level",
        "fixable",
    )  # fmt: skip
    __slots__ = __match_args__
    id: str
    description: str
    rules: tuple[Rule, ...]
    matches: Callable[[str], bool]
    build: Callable[[argparse.Namespace, Config], Job]
    add_arguments: Callable[[argparse.ArgumentParser], None]
    repo_level: bool
    fixable: bool

    def __init__(
        self,
        id: str,
        description: str,
        rules: tuple[Rule, ...],
        matches: Callable[[str], bool],
        build: Callable[[argparse.Namespace, Config], Job],
        add_arguments: Callable[[argparse.ArgumentParser], None] = _no_arguments,
        repo_level: bool = False,
        fixable: bool = False,
    ) -> None:
        for name, value in zip(
            self.__match_args__,
            (id, description, rules, matches, build, add_arguments, repo_level, fixable),
            strict=True,
        ):
            object.__setattr__(self, name, value)


class Settings(Record):
    __match_args__ = ("fix", "output_format")
    __slots__ = __match_args__
    fix: bool
    output_format: str

    def __init__(self, fix: bool = False, output_format: str = "text") -> None:
        object.__setattr__(self, "fix", fix)
        object.__setattr__(self, "output_format", output_format)


class Outcome:
    """What a run found and did (mutable: filled in as the jobs run)."""

    __slots__ = ("changed", "findings", "internal_errors", "notes")

    def __init__(
        self,
        findings: list[Finding] | None = None,
        changed: list[str] | None = None,
        internal_errors: int = 0,
        notes: list[str] | None = None,
    ) -> None:
        self.findings: list[Finding] = [] if findings is None else findings
        self.changed: list[str] = [] if changed is None else changed
        self.internal_errors = internal_errors
        self.notes: list[str] = [] if notes is None else notes

    def _key(self) -> tuple[object, ...]:
        return (self.findings, self.changed, self.internal_errors, self.notes)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__ and isinstance(other, Outcome):
            return self._key() == other._key()
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable, as a non-frozen dataclass

    def __repr__(self) -> str:
        return (
            f"Outcome(findings={self.findings!r}, changed={self.changed!r}, "
            f"internal_errors={self.internal_errors!r}, notes={self.notes!r})"
        )


def _input_finding(path: str, error: InputError) -> Finding:
    from supply_chain_hooks.model import Finding, Location
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
        import traceback

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


def _safe_fixes(
    findings: Iterable[Finding], blocked: set[str], skip: Callable[[Finding], bool]
) -> dict[str, list[Fix]]:
    grouped: dict[str, list[Fix]] = {}
    for finding in findings:
        fix = finding.fix
        if (
            fix is not None
            and fix.applicability is Applicability.SAFE
            and finding.path not in blocked
            and not skip(finding)
        ):
            grouped.setdefault(finding.path, []).append(fix)
    return grouped


def suppression_filter(workspace: Workspace, config: Config) -> Callable[[Finding], bool]:
    """Whether a finding is suppressed (inline comment on its line, or config `ignore`),
    read from the file's current text, so suppressed findings are neither fixed nor shown."""
    from supply_chain_hooks import suppress

    cache: dict[str, tuple[Source, list[suppress.Suppression]]] = {}
    known: dict[str, Rule] = {}

    def suppressed(finding: Finding) -> bool:
        reason = config.ignore.get(finding.rule.code)
        if reason is not None and reason.strip():
            return True
        try:
            source = workspace.source(finding.path)
        except InputError:
            return False
        cached = cache.get(finding.path)
        if cached is None or cached[0] is not source:
            cached = (source, suppress.find(source))
            cache[finding.path] = cached
        if not cached[1]:
            return False
        if not known:
            from supply_chain_hooks.rules import by_key

            known.update(by_key())
        return suppress.is_suppressed(finding, cached[1], known)

    return suppressed


def execute(
    job: Job,
    workspace: Workspace,
    paths: tuple[str, ...],
    settings: Settings,
    skip: Callable[[Finding], bool] = lambda finding: False,
) -> Outcome:
    """Check (and with settings.fix, fix to a fixpoint) and return what is left to report.

    skip tells which findings are suppressed: their fixes are never applied.
    """
    outcome = Outcome()
    if job.prepare is not None:
        prepare = job.prepare
        outcome.findings += _checked(outcome, workspace.root, lambda: prepare(workspace, paths))
    findings = _check(job, workspace, paths, outcome)
    blocked: set[str] = set()
    fixed: dict[str, None] = {}
    for _ in range(MAX_PASSES if settings.fix else 0):
        grouped = _safe_fixes(findings, blocked, skip)
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
                fixed[path] = None
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
        if settings.fix and _safe_fixes(findings, blocked, skip):
            outcome.notes.append("fixes did not converge; remaining problems are reported")
    if job.after_fix is not None:
        changed = set(workspace.changed())
        kept = tuple(path for path in fixed if path not in blocked and path in changed)
        if kept:
            outcome.notes += list(job.after_fix(kept))
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

    findings: list[Finding] = []
    suppressions: dict[str, list[suppress.Suppression]] = {}
    for path in workspace.read_paths():
        found = suppress.find(workspace.source(path))
        if found:
            suppressions[path] = found
    known: dict[str, Rule] = {}
    if suppressions or config.ignore:
        # The registry of every rule of every hook is loaded only when names need resolving.
        from supply_chain_hooks.rules import by_key, invalid_suppression

        known = by_key()
        for path, found in suppressions.items():
            source = workspace.source(path)
            findings += suppress.problems(source, found, known, invalid_suppression.RULE)
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
        _write(report.json_report(unique))
    elif output == "sarif":
        _write(report.sarif(unique, rules, lambda f: _line_text(workspace, f)))
    elif output == "github":
        _write(report.github(unique))
    else:
        _write(report.text(unique))
    for path in outcome.changed:
        print(f"{path}: fixed", file=sys.stderr)
    for note in outcome.notes:
        print(note, file=sys.stderr)
    if outcome.internal_errors:
        return EXIT_INTERNAL
    return EXIT_FINDINGS if unique or outcome.changed else EXIT_CLEAN


def _write(text: str) -> None:
    """Write the report; a path that is not valid UTF-8 (or a character the terminal's
    encoding lacks) is escaped instead of crashing the run."""
    try:
        sys.stdout.write(text)
    except UnicodeEncodeError:
        encoding = sys.stdout.encoding or "utf-8"
        sys.stdout.write(text.encode(encoding, "backslashreplace").decode(encoding))


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
    from supply_chain_hooks.model import Finding, Location

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
        # The key of the ignore table, not an earlier mention (a comment, another table).
        table = max(source.text.find("[tool.supply-chain-hooks]"), 0)
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


def _terminal_columns() -> int:
    """``shutil.get_terminal_size().columns``, without importing shutil (and its
    compression modules) into every hook process."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns > 0:
        return columns
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80


def _help_formatter() -> type[argparse.HelpFormatter]:
    import argparse

    class HelpFormatter(argparse.HelpFormatter):
        """argparse's formatter, measuring the terminal as shutil does. argparse builds one
        for every ``add_argument`` call, and the stock one imports shutil to do it."""

        def __init__(
            self,
            prog: str,
            indent_increment: int = 2,
            max_help_position: int = 24,
            width: int | None = None,
        ) -> None:
            if width is None:
                width = _terminal_columns() - 2
            super().__init__(prog, indent_increment, max_help_position, width)

    return HelpFormatter


class _NotPlain(Exception):
    pass


#: What argparse stores for an option that is not given, by action (when no default).
_ACTION_DEFAULTS: dict[str, object] = {
    "store": None, "store_const": None, "append": None, "append_const": None, "extend": None,
    "count": None, "store_true": False, "store_false": True,
}  # fmt: skip


class _OptionRecorder:
    """Stands in for an ArgumentParser while a hook registers its options, to learn what
    argparse would store for each when the command line gives none. Anything it does not
    reproduce exactly raises _NotPlain, and the real parser is used."""

    def __init__(self, defaults: dict[str, object], taken: set[str]) -> None:
        self.defaults = defaults
        self.taken = taken

    def add_argument(self, *names: str, **options: object) -> None:
        if not names or options.get("required") or ("dest" in options and not options["dest"]):
            raise _NotPlain
        for name in names:
            if len(name) < 2 or name[0] != "-" or name in self.taken:
                raise _NotPlain  # a positional, or a conflict argparse reports
        self.taken.update(names)
        action = options.get("action", "store")
        if action in ("help", "version"):
            return
        if not isinstance(action, str) or action not in _ACTION_DEFAULTS:
            raise _NotPlain
        default = options["default"] if "default" in options else _ACTION_DEFAULTS[action]
        if isinstance(default, str) and ("type" in options or default == "==SUPPRESS=="):
            raise _NotPlain  # argparse converts string defaults with `type`
        long = [name for name in names if name[1] == "-"]
        dest = options.get("dest") or (long or names)[0].lstrip("-").replace("-", "_")
        if not isinstance(dest, str) or not dest:
            raise _NotPlain
        self.defaults.setdefault(dest, default)

    def __getattr__(self, name: str) -> object:
        raise _NotPlain  # argument groups, set_defaults...: leave them to argparse


class _Namespace:
    """Attribute access like argparse.Namespace (its equality and `in` included)."""

    def __init__(self, **values: object) -> None:
        self.__dict__.update(values)

    def __eq__(self, other: object) -> bool:
        return vars(self) == vars(other) if isinstance(other, _Namespace) else NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __contains__(self, key: str) -> bool:
        return key in self.__dict__

    def __repr__(self) -> str:
        return "Namespace(" + ", ".join(f"{k}={v!r}" for k, v in vars(self).items()) + ")"


def plain_arguments(hook: Hook, argv: Sequence[str]) -> argparse.Namespace | None:
    """What ``parse_args(argv)`` returns when the command line holds only paths (how
    pre-commit runs a hook), found without importing argparse: with re and gettext it is a
    fifth of a small run. None when an argument starts with `-` or the hook's options use
    anything the stand-in does not reproduce (then argparse runs, errors and help included).
    """
    if any(argument.startswith("-") for argument in argv):
        return None
    taken = {"-h", "--help", "--format"} | ({"--fix"} if hook.fixable else set())
    defaults: dict[str, object] = {"paths": list(argv), "output_format": "text"}
    if hook.fixable:
        defaults["fix"] = False
    try:
        hook.add_arguments(_OptionRecorder(defaults, taken))  # type: ignore[arg-type]
    except _NotPlain:
        return None
    return _Namespace(**defaults)  # type: ignore[return-value]


def hook_main(hook: Hook, argv: Sequence[str] | None) -> int:
    """The entry point shared by every hook: parse, build the job, run, report."""
    args = plain_arguments(hook, sys.argv[1:] if argv is None else argv)
    if args is None:
        import argparse

        parser = argparse.ArgumentParser(
            prog=hook.id, description=hook.description, formatter_class=_help_formatter()
        )
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
    skip = suppression_filter(workspace, config)
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
            if config.exclude:
                from supply_chain_hooks.globs import matches_any

                files = [name for name in files if not matches_any(name, config.exclude)]
            targets = tuple(files)
        result = execute(job, workspace, targets, settings, skip)
        outcome.findings += result.findings
        outcome.internal_errors += result.internal_errors
        outcome.notes += result.notes
    if settings.fix:
        write_changes(workspace, outcome)
    rules = [rule for job in jobs for rule in job.rules]
    return finish(workspace, outcome, rules, config, settings)
