"""Where a file runs shell commands, and the install commands found there.

A :class:`Site` is one install command located in the file, with what decides how it
behaves beyond its words: the environment in effect (the command's own assignments, then
the step's, job's and workflow's `env:`, or a Dockerfile's `ENV`/`ARG`), and the
directories its relative paths are read from.

Workflows and composite actions: only `run:` steps whose shell is bash or sh (the default
on Linux and macOS runners) are read. A step with `shell: pwsh`, `powershell`, `cmd`,
`python` or a custom shell, or with no `shell:` in a job whose `runs-on` names a Windows
runner (where the default is pwsh), is not read: its syntax is not a POSIX shell's.
"""

from __future__ import annotations

from supply_chain_hooks import yaml_doc as y
from supply_chain_hooks.github.spans import RunScript
from supply_chain_hooks.model import Record, field

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from supply_chain_hooks.installs.commands import Invocation
    from supply_chain_hooks.shell import Word
    from supply_chain_hooks.source import Source


class Setting(Record):
    """An environment variable set in the file (`env:` key, `ENV`/`ARG`, or a command's
    `NAME=value`): its name, value and where it is written."""

    name: str
    value: str
    start: int
    end: int


class Site(Record):
    """One install command of the file (offsets are the file's)."""

    invocation: Invocation
    #: The environment in effect, nearest first (later duplicates are shadowed).
    environment: tuple[Setting, ...]
    #: Directories (relative to the working directory of the run, `` for it) where a
    #: relative path written on the command may be; () when only known at run time.
    directories: tuple[str, ...]
    #: The repository's root (relative to the run's working directory, `` for it) and, for
    #: a composite action, its directory (`${{ github.action_path }}`).
    root: str = ""
    action_dir: str | None = None
    #: The workflow job the command runs in (for its matrix), None elsewhere.
    job: y.Node | None = field(default=None, compare=False)

    def variable(self, name: str) -> Setting | None:
        for setting in self.environment:
            if setting.name == name:
                return setting
        return None


class PipInstallInput(Record):
    """`pip-install:` given to actions/setup-python: where the key and value are written."""

    value: str
    start: int
    end: int


class Sites(Record):
    """Everything the installs rules read from one file."""

    sites: tuple[Site, ...] = ()
    #: Every environment variable the file sets at any level (for index settings).
    settings: tuple[Setting, ...] = ()
    setup_python: tuple[PipInstallInput, ...] = ()


def _shell_of(root: y.Node | None, job: y.Node | None, step: y.Node) -> str | None:
    """The step's shell as written, or None for the runner's default."""
    for node in (step, y.value(job, "defaults", "run"), y.value(root, "defaults", "run")):
        value = y.scalar(y.value(node, "shell"))
        if value is not None:
            return value.strip().lower()
    return None


def _posix(root: y.Node | None, job: y.Node | None, step: y.Node) -> bool:
    shell = _shell_of(root, job, step)
    if shell is None:
        runs_on = y.value(job, "runs-on")
        texts = [y.scalar(node) or "" for node in [runs_on, *y.elements(runs_on)]]
        return not any("windows" in text.lower() for text in texts)
    program = shell.split()[0] if shell.split() else ""
    return program.rsplit("/", 1)[-1] in ("bash", "sh")


def _settings(source: Source, node: y.Node | None) -> list[Setting]:
    found = []
    for key, value in y.items(y.value(node, "env")):
        text = y.scalar(value)
        if text is not None:
            found.append(Setting(str(key.value), text, y.start(key), y.end(value)))
    return found


def _own_settings(invocation: Invocation) -> list[Setting]:
    found = []
    for word in invocation.assignments:
        name, _, value = word.text.partition("=")
        found.append(Setting(name, value, word.start, word.end))
    return found


def installs_in(script: str, base: int = 0) -> list[Invocation]:
    """The install commands of a script (offsets ``base`` plus indices into it)."""
    from supply_chain_hooks.installs.commands import recognise
    from supply_chain_hooks.shell import commands

    return [found for command in commands(script, base) if (found := recognise(command))]


def _directory(text: str | None, root: str) -> tuple[str, ...]:
    import posixpath

    if text is None:
        return (root,)
    text = text.strip()
    if "$" in text:
        return ()
    return (posixpath.normpath(posixpath.join(root, text)) if text not in ("", ".") else root,)


def _changed(directories: tuple[str, ...], arguments: tuple[Word, ...]) -> tuple[str, ...]:
    """The directories after `cd ARGUMENT` (a `cd` to a place known only at run time, to
    `-` or to the home directory leaves them unknown)."""
    import posixpath

    words = [word for word in arguments if word.text not in ("-P", "-L", "--")]
    if len(words) != 1 or words[0].opaque or words[0].text.startswith(("-", "~", "/")):
        return ()
    return tuple(posixpath.normpath(posixpath.join(d, words[0].text)) for d in directories)


def from_workflow(path: str, source: Source, root_node: y.Node | None) -> Sites:
    """The sites of a workflow or composite action."""
    from supply_chain_hooks.github import workflow

    if not y.is_mapping(root_node):
        return Sites()
    normal = path.replace("\\", "/")
    at = normal.rfind(".github/workflows/")
    if at >= 0:
        repo_root, action_dir = normal[:at].rstrip("/") or "", None
    else:
        action_dir = normal.rsplit("/", 1)[0] if "/" in normal else ""
        at = normal.rfind(".github/")
        repo_root = normal[:at].rstrip("/") if at >= 0 else action_dir
    jobs: dict[str, y.Node | None] = {str(key.value): job for key, job in workflow.jobs(root_node)}
    settings = _settings(source, root_node)
    for job in jobs.values():
        settings += _settings(source, job)
    sites: list[Site] = []
    setup: list[PipInstallInput] = []
    seen: set[tuple[str | None, int]] = set()
    for step in workflow.steps(root_node):
        if (step.job, id(step.node)) in seen:
            continue
        seen.add((step.job, id(step.node)))
        job = jobs.get(step.job or "")
        step_settings = _settings(source, step.node)
        settings += step_settings
        uses = (y.scalar(y.value(step.node, "uses")) or "").strip().lower()
        if uses.startswith("actions/setup-python@"):
            found = y.get(y.value(step.node, "with"), "pip-install")
            if found is not None and (y.scalar(found[1]) or "").strip():
                key, value = found
                setup.append(PipInstallInput(y.scalar(value) or "", y.start(key), y.end(value)))
        run = y.value(step.node, "run")
        script = y.scalar(run)
        if run is None or not script or not _posix(root_node, job, step.node):
            continue
        written = y.scalar(y.value(step.node, "working-directory"))
        if written is None:
            written = y.scalar(y.value(job, "defaults", "run", "working-directory"))
        if written is None:
            written = y.scalar(y.value(root_node, "defaults", "run", "working-directory"))
        directories = _directory(written, repo_root)
        levels = step_settings + _settings(source, job) + _settings(source, root_node)
        mapper = RunScript(source, run)
        from supply_chain_hooks.installs.commands import recognise
        from supply_chain_hooks.shell import commands

        for command in commands(script):
            if command.words and command.words[0].text == "cd" and not command.assignments:
                directories = _changed(directories, command.words[1:])
                continue
            invocation = recognise(mapper.command(command))
            if invocation is None:
                continue
            own = _own_settings(invocation)
            settings += own
            sites.append(
                Site(invocation, tuple(own + levels), directories, repo_root, action_dir, job)
            )
    return Sites(tuple(sites), tuple(settings), tuple(setup))
