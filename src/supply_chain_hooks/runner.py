"""The run: each job's checks, the fix fixpoint, the error boundary and the exit code.

A :class:`Hook` declares a hook id: its rules, the paths it concerns, its options, and how
its command line becomes a :class:`Job` (the checks with their options bound). Jobs read
files only through the run's :class:`Workspace`, so fixes are applied in memory, checked
again, and written at the end only when every changed file still parses.
"""

from __future__ import annotations

import os
import sys

from supply_chain_hooks.config import Config, UsageError
from supply_chain_hooks.model import Applicability, Record, Rule
from supply_chain_hooks.source import InputError
from supply_chain_hooks.workspace import Workspace

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    # argparse is imported only for a command line with options (see arguments.py).
    import argparse
    from collections.abc import Callable, Iterable, Sequence
    from typing import NoReturn

    from supply_chain_hooks.model import Finding, Fix
    from supply_chain_hooks.suppress import Suppressions

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def _no_arguments(parser: argparse.ArgumentParser) -> None:
    return None


class Hook(Record):
    """A hook id: its rules, the paths it concerns, its command line, and how that
    becomes a Job."""

    id: str
    description: str
    #: The hook's rules (a function: the rule modules are imported on first use).
    load_rules: Callable[[], tuple[Rule, ...]]
    #: Whether a path (relative to the repository root, with `/`) concerns the hook.
    matches: Callable[[str], bool]
    build: Callable[[argparse.Namespace, Config], Job]
    add_arguments: Callable[[argparse.ArgumentParser], None] = _no_arguments
    fixable: bool = False
    #: Every path matches accepts ends with one of these (() when no such promise), so a
    #: folder's listing is narrowed by string before matches runs (discovery.Listing).
    suffixes: tuple[str, ...] = ()

    @property
    def rules(self) -> tuple[Rule, ...]:
        return self.load_rules()

    def run(self) -> NoReturn:
        """The hook's console script (`HOOK.run` in pyproject.toml): its command line, run
        by :func:`console`."""
        console(lambda: hook_main(self, None))


class Job(Record):
    """What one hook does in one run, with its options bound."""

    hook: Hook
    #: Checks one file (file-level hooks).
    check_file: Callable[[Workspace, str], Iterable[Finding]] | None = None
    #: Checks the repository, given the explicit paths or () to discover (repo-level hooks).
    check_repo: Callable[[Workspace, tuple[str, ...]], Iterable[Finding]] | None = None
    #: Runs once before checking (e.g. resolving action refs over the network for --fix).
    prepare: Callable[[Workspace, tuple[str, ...]], Iterable[Finding]] | None = None
    #: Called for every job before the run's first check, given the job's paths: starts
    #: slow background work (a `git grep`) that its checks collect later.
    start: Callable[[Workspace, tuple[str, ...]], None] | None = None
    #: With --fix: notes to print, given the paths this job's fixes changed (e.g. "run uv lock").
    after_fix: Callable[[tuple[str, ...]], Iterable[str]] | None = None


class Settings(Record):
    fix: bool = False
    output_format: str = "text"
    show_hints: bool = False
    statistics: bool = False
    quiet: bool = False
    #: The baseline file given on the command line.
    baseline: str | None = None
    no_baseline: bool = False
    #: Write the findings to this baseline file instead of reporting them.
    write_baseline: str | None = None
    #: Fix in memory and print the diff instead of writing (settings.fix is then true too).
    diff: bool = False
    unsafe_fixes: bool = False
    #: The directory the command started in, when it runs in another one (a folder
    #: argument's repository, see `discovery.rooted_elsewhere`); paths are then shown
    #: under prefix, as the command line named that repository.
    origin: str | None = None
    prefix: str = ""

    def show(self, path: str) -> str:
        """A path of the run as the command line named it (unchanged without a prefix)."""
        return os.path.normpath(os.path.join(self.prefix, path)) if self.prefix else path


def settings_from(args: argparse.Namespace, *, fix: bool) -> Settings:
    """The run's settings from a parsed command line (a hook's or `check`'s)."""
    diff = bool(getattr(args, "diff", False))
    return Settings(
        fix=fix or diff,
        diff=diff,
        unsafe_fixes=bool(getattr(args, "unsafe_fixes", False)),
        output_format=args.output_format,
        show_hints=bool(args.show_hints),
        statistics=bool(args.statistics),
        quiet=bool(args.quiet),
        baseline=args.baseline,
        no_baseline=bool(args.no_baseline),
    )


class Outcome:
    """What a run found and did (mutable: filled in as the jobs run)."""

    __slots__ = ("changed", "findings", "internal_errors", "notes")

    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self.changed: list[str] = []
        self.internal_errors = 0
        self.notes: list[str] = []

    def add(self, other: Outcome) -> None:
        self.findings += other.findings
        self.changed += other.changed
        self.internal_errors += other.internal_errors
        self.notes += other.notes


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
    findings: Iterable[Finding],
    blocked: set[str],
    suppressed: Callable[[Finding], bool],
    unsafe: bool = False,
) -> dict[str, list[Fix]]:
    """The fixes to apply, by path: the safe ones (and the unsafe ones when asked)."""
    grouped: dict[str, list[Fix]] = {}
    for finding in findings:
        fix = finding.fix
        if (
            fix is not None
            and (unsafe or fix.applicability is Applicability.SAFE)
            and finding.path not in blocked
            and not suppressed(finding)
        ):
            grouped.setdefault(finding.path, []).append(fix)
    return grouped


def _passes(settings: Settings) -> int:
    """How many check-and-fix passes may run (none without --fix)."""
    if not settings.fix:
        return 0
    from supply_chain_hooks.edits import MAX_PASSES  # the edit engine only when fixing

    return MAX_PASSES


def _apply(workspace: Workspace, grouped: dict[str, list[Fix]]) -> list[str]:
    """Apply each file's fixes to its text in memory; the files whose text changed."""
    from supply_chain_hooks.edits import apply_fixes

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
    return progressed


def _nothing_suppressed(finding: Finding) -> bool:
    return False


def execute(
    job: Job,
    workspace: Workspace,
    paths: tuple[str, ...],
    settings: Settings,
    suppressed: Callable[[Finding], bool] = _nothing_suppressed,
) -> Outcome:
    """Check (and with settings.fix, fix to a fixpoint) and return what is left to report.

    The fixes of suppressed findings are never applied.
    """
    outcome = Outcome()
    if job.prepare is not None:
        prepare = job.prepare
        outcome.findings += _checked(outcome, workspace.root, lambda: prepare(workspace, paths))
    findings = _check(job, workspace, paths, outcome)
    blocked: set[str] = set()
    fixed: dict[str, None] = {}
    for _ in range(_passes(settings)):
        fixes = _safe_fixes(findings, blocked, suppressed, settings.unsafe_fixes)
        progressed = _apply(workspace, fixes)
        fixed.update(dict.fromkeys(progressed))
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
        if settings.fix and _safe_fixes(findings, blocked, suppressed, settings.unsafe_fixes):
            outcome.notes.append("fixes did not converge; remaining problems are reported")
    if job.after_fix is not None and not settings.diff:
        changed = set(workspace.changed())
        kept = tuple(path for path in fixed if path not in blocked and path in changed)
        if kept:
            outcome.notes += list(job.after_fix(kept))
    if settings.fix and not settings.unsafe_fixes:
        left = sum(
            1
            for f in findings
            if f.fix is not None
            and f.fix.applicability is Applicability.UNSAFE
            and not suppressed(f)
        )
        if left:
            noun = "fix" if left == 1 else "fixes"
            outcome.notes.append(
                f"{job.hook.id}: {left} unsafe {noun} left unapplied (apply with --unsafe-fixes)"
            )
    outcome.findings += findings
    return outcome


def print_diff(workspace: Workspace, show: Callable[[str], str] = str) -> bool:
    """Print the unified diff of every changed file (named as show names it); whether
    there was one."""
    import difflib

    changed = workspace.changed()
    for path in changed:
        before = workspace.original(path).text.splitlines(keepends=True)
        after = workspace.source(path).text.splitlines(keepends=True)
        name = show(path)
        # git's a/ and b/ before a relative path; an absolute one as diff -u writes it.
        old, new = (name, name) if os.path.isabs(name) else (f"a/{name}", f"b/{name}")
        for line in difflib.unified_diff(before, after, old, new):
            report_line = line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
            sys.stdout.write(report_line)
    noun = "file" if len(changed) == 1 else "files"
    if changed:
        print(f"Would fix {len(changed)} {noun}.", file=sys.stderr)
    return bool(changed)


def write_changes(workspace: Workspace, outcome: Outcome) -> None:
    from supply_chain_hooks.edits import WriteError

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
    rules: Callable[[], Sequence[Rule]],
    suppressions: Suppressions,
    settings: Settings,
    hooks: int = 1,
    config: Config | None = None,
) -> int:
    """Print the report of what is not suppressed nor in the baseline, and decide the exit
    code (or, for `supply-chain-hooks baseline`, write the baseline)."""
    from supply_chain_hooks import report

    shown = suppressions.report(outcome.findings)
    unique = sorted({_identity(f): f for f in shown}.values(), key=lambda f: f.sort_key)
    if settings.write_baseline is not None:
        return _write_baseline(workspace, unique, settings.write_baseline, outcome)
    hidden = 0
    baseline_path = _baseline_path(settings, config) if unique else None
    if baseline_path is not None:
        from supply_chain_hooks.baseline import BaselineError, split

        try:
            unique, hidden = split(workspace, unique, baseline_path)
        except BaselineError as error:
            raise UsageError(str(error)) from None

    read_as: dict[str, str] = {}  # shown path -> the path the run read it by
    if settings.origin is not None:
        # Everything the run read is read; the report speaks from where the command started.
        os.chdir(settings.origin)
        unique = [finding.replace(path=settings.show(finding.path)) for finding in unique]
        read_as = {settings.show(path): path for path in workspace.read_paths()}

    def line_text(finding: Finding) -> str:  # for SARIF's fingerprints
        try:
            source = workspace.source(read_as.get(finding.path, finding.path))
        except InputError:
            return ""
        return source.line_text(finding.location.line)

    summary = report.Summary(
        hooks=hooks, files=len(workspace.read_paths()), hidden=hidden, fixed=len(outcome.changed)
    )
    view = report.View(
        show_hints=settings.show_hints, statistics=settings.statistics, quiet=settings.quiet
    )
    report.write(report.render(unique, settings.output_format, rules, line_text, summary, view))
    for path in outcome.changed:
        print(f"{settings.show(path)}: fixed", file=sys.stderr)
    for note in outcome.notes:
        print(note, file=sys.stderr)
    if outcome.internal_errors:
        return EXIT_INTERNAL
    return EXIT_FINDINGS if unique or outcome.changed else EXIT_CLEAN


def _baseline_path(settings: Settings, config: Config | None) -> str | None:
    """The baseline file to read: --baseline, the config's `baseline`, or the default file
    when it exists; None with --no-baseline."""
    if settings.no_baseline:
        return None
    if settings.baseline is not None:
        if not os.path.isfile(settings.baseline):
            raise UsageError(f"no such baseline file: {settings.baseline}")
        return settings.baseline
    if config is not None and config.baseline is not None:
        if not os.path.isfile(config.baseline):
            raise UsageError(f"{config.path}: no such baseline file: {config.baseline}")
        return config.baseline
    from supply_chain_hooks.baseline import default_path

    path = default_path()
    return path if os.path.isfile(path) else None


def _write_baseline(
    workspace: Workspace, findings: Sequence[Finding], path: str, outcome: Outcome
) -> int:
    from supply_chain_hooks.baseline import dumps, fingerprints

    root = os.path.dirname(os.path.abspath(path))
    text = dumps(fingerprints(workspace, findings, root))
    try:
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except OSError as error:
        raise UsageError(f"cannot write the baseline {path}: {error.strerror}") from None
    noun = "finding" if len(findings) == 1 else "findings"
    print(f"Wrote {len(findings)} {noun} to {os.path.relpath(path)}.")
    for note in outcome.notes:
        print(note, file=sys.stderr)
    return EXIT_INTERNAL if outcome.internal_errors else EXIT_CLEAN


def _identity(finding: Finding) -> tuple[str, str, int, int, str]:
    return (
        finding.rule.code,
        finding.path,
        finding.location.line,
        finding.location.column,
        finding.message,
    )


def _concern(jobs: Sequence[Job]) -> Callable[[str], bool]:
    """Whether a path concerns one of jobs."""
    matchers = [job.hook.matches for job in jobs]

    def concerns(path: str) -> bool:
        relative = os.path.normpath(path).replace(os.sep, "/")
        return any(matches(relative) for matches in matchers)

    return concerns


def console(main: Callable[[], int]) -> NoReturn:
    """Run a console script's main() and end the process with :func:`exit_now`.

    Without the cyclic garbage collector: a run is one short process whose objects are freed
    by reference counting, and the few cycles it makes (a caught exception and its frames)
    live until the process ends anyway. Collecting would walk every object alive again and
    again (on a 28,000-file repository, the listing and the verdict of every Python file):
    about a tenth of a `check`'s CPU time there, for no memory returned.
    """
    import gc

    gc.disable()
    exit_now(main())


def exit_now(code: int) -> NoReturn:
    """End a console script with code: flush what was printed and leave without tearing
    the interpreter down, which on a large repository (a listing of every file, a verdict
    for every Python file) takes tens of milliseconds for nothing, as mypy's hard_exit
    notes. Only for the scripts' entry points: callers in the same process call main()."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # a closed pipe (`| head`): what Python's own exit would report
        code = 120
    os._exit(code)


def hook_main(hook: Hook, argv: Sequence[str] | None) -> int:
    """The entry point shared by every hook: parse, build the job, run, report."""
    from supply_chain_hooks.arguments import parse
    from supply_chain_hooks.config import load as load_config

    args = parse(hook, argv)
    if getattr(args, "diff", False):
        args.fix = True  # --diff computes the fixes (resolving refs where that is how)
    settings = settings_from(args, fix=bool(getattr(args, "fix", False)))
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
    """Run jobs over paths in one workspace; a repo-level job gets the explicit files it
    matches, or () to discover its files.

    Without --fix the jobs are independent and may run in several processes
    (:mod:`.parallel`); with it they run in order, each fixing what the ones before left.
    """
    from supply_chain_hooks import discovery
    from supply_chain_hooks.suppress import Suppressions

    discovery.check_exist(paths)
    workspace = Workspace(".")
    if any(job.check_repo is None for job in jobs):
        for path in paths:  # each folder listed once, before the jobs share out
            if os.path.isdir(path):
                workspace.files(path)

    def targets(job: Job, among: Sequence[str] = paths) -> tuple[str, ...]:
        if job.check_repo is not None:
            return discovery.repo_targets(among, job.hook.matches)
        return discovery.file_targets(
            workspace,
            among,
            job.hook.matches,
            route_files=route_files,
            exclude=config.exclude,
            suffixes=job.hook.suffixes,
        )

    started = {index: targets(job) for index, job in enumerate(jobs) if job.start is not None}
    for index, job_paths in started.items():
        start = jobs[index].start
        if start is not None:
            start(workspace, job_paths)
    suppressions = Suppressions(workspace, config)

    def run_one(index: int) -> _Done:
        job = jobs[index]
        # A parsed document is kept while a job still to run concerns its file: one parsed
        # now is stored for a later job (or for this one when its prepare step reads first).
        later = jobs[index + 1 :]
        workspace.share(
            keep=_concern(jobs[index:]), store=_concern([*later, job] if job.prepare else later)
        )
        job_paths = started[index] if index in started else targets(job)
        done = execute(job, workspace, job_paths, settings, suppressions.suppresses)
        # The arguments in which a file-level job finds a file: a run that checked nothing
        # must not look like a clean run.
        used = (
            ()
            if job.check_repo is not None
            else tuple(path for path in dict.fromkeys(paths) if targets(job, [path]))
        )
        return _Done(done, tuple(workspace.read_paths()), used)

    outcome = Outcome()
    if settings.fix:  # each job fixes what the jobs before it left: in order, here
        results = [run_one(index) for index in range(len(jobs))]
    else:
        from supply_chain_hooks import parallel

        results = parallel.run(
            len(jobs),
            run_one,
            first=list(started),
            # The repository-level jobs first: they read the most.
            order=sorted(range(len(jobs)), key=lambda index: jobs[index].check_repo is None),
        )
    used: set[str] = set()
    for result in results:
        outcome.add(result.outcome)
        workspace.count_read(result.read)
        used.update(result.used)
    if settings.diff:
        has_diff = print_diff(workspace, settings.show)
        for note in outcome.notes:
            print(note, file=sys.stderr)
        return EXIT_INTERNAL if outcome.internal_errors else int(has_diff)
    if settings.fix:
        write_changes(workspace, outcome)
    file_jobs = [job.hook.id for job in jobs if job.check_repo is None]
    if file_jobs:
        verb = "checks" if len(file_jobs) == 1 else "check"
        outcome.notes += [
            f"{settings.show(path)}: no file here that {', '.join(file_jobs)} {verb}"
            for path in dict.fromkeys(paths)
            if path not in used
        ]

    def rules() -> list[Rule]:  # SARIF's rule table only: the rule modules load on use
        return [rule for job in jobs for rule in job.hook.rules]

    return finish(workspace, outcome, rules, suppressions, settings, len(jobs), config)


class _Done(Record):
    """What one job of a run returns (from whichever process ran it)."""

    outcome: Outcome
    #: The files the job's process had read by the end of the job.
    read: tuple[str, ...]
    #: The paths of the command line in which the job found a file to check.
    used: tuple[str, ...]
