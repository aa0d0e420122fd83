"""Where a workflow or composite action uploads Python distributions, and to which index.

:func:`collect` finds every publish step of a document, read through the github family's
workflow reader (`github/workflow.py`):

* a step that `uses:` `pypa/gh-action-pypi-publish` at any ref;
* each upload command of a `run:` script (:mod:`publishing.commands`), with its words
  located in the file;
* a step that runs something else (a script, `tox -e release`, `make upload`) while its own
  `env:` hands it a publishing credential from a secret, an input, a variable or the file
  itself (`TWINE_PASSWORD: ${{ secrets.PYPI_TOKEN }}`): the credential is the evidence
  that the step uploads (an *indirect* publish).

An anchored step that jobs repeat through aliases is one publish per job (same location).
Each :class:`Publish` knows its job, its step, where to report it, the environment it sees
(the command's own assignments, then the step's, the job's and the workflow's `env:`) and
its :class:`Target`: PyPI, TestPyPI, an index only known at run time (an expression or a
variable), or another index. Only a literal other index (a private one) is out of scope.
"""

from __future__ import annotations

import enum

from supply_chain_hooks import yaml_doc as y
from supply_chain_hooks.github import workflow
from supply_chain_hooks.github.spans import RunScript
from supply_chain_hooks.model import Record
from supply_chain_hooks.patterns import lazy
from supply_chain_hooks.publishing import commands

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from supply_chain_hooks.publishing.commands import Upload
    from supply_chain_hooks.source import Source

ACTION = "pypa/gh-action-pypi-publish"


class Target(enum.Enum):
    PYPI = "PyPI"
    TESTPYPI = "TestPyPI"
    RUNTIME = "an index chosen at run time"  #: an expression or a variable
    OTHER = "another index"  #: a literal URL or name that is not PyPI's

    @property
    def in_scope(self) -> bool:
        return self is not Target.OTHER


class Setting(Record):
    """An environment variable a publish sees: name, value, where it is written (from its
    name to the end of its value) and at which level (command, step, job, workflow)."""

    name: str
    value: str
    level: str
    start: int
    end: int


class Publish(Record):
    """One upload to a package index.

    ``tool`` is "action" or the command-line tool (twine, uv, hatch, pdm, poetry, flit); for
    an indirect publish, the tool whose credential the step holds. ``upload`` is the command
    (its words located in the file) for a `run:` upload. ``start``/``end`` is what findings
    about the publish point at: the `uses:` value, the command, or the indirect step's
    `run:`/`uses:`. ``settings`` lists the environment nearest first.
    """

    tool: str
    indirect: bool
    job: y.ScalarNode | None
    job_node: y.Node | None
    step: y.Node
    start: int
    end: int
    upload: Upload | None
    target: Target
    settings: tuple[Setting, ...]

    @property
    def job_name(self) -> str:
        return str(self.job.value) if self.job is not None else ""

    def setting(self, name: str) -> Setting | None:
        """The variable as the publish sees it (the nearest level wins)."""
        for setting in self.settings:
            if setting.name == name:
                return setting
        return None


#: Index URLs and names, by host or by name (per tool: hatch calls them main and test).
_HOSTS = {"upload.pypi.org": Target.PYPI, "pypi.org": Target.PYPI, "test.pypi.org": Target.TESTPYPI}
_NAMES = {"pypi": Target.PYPI, "testpypi": Target.TESTPYPI}
_HATCH_NAMES = {"main": Target.PYPI, "test": Target.TESTPYPI}
_URL_HOST = lazy(r"[A-Za-z][A-Za-z0-9+.-]*://(?:[^@/?#]*@)?([^:/?#]+)")

#: The environment variables that name the index, by tool: (URL variables, name variables).
TARGET_VARIABLES = {
    "twine": (("TWINE_REPOSITORY_URL",), ("TWINE_REPOSITORY",)),
    "uv": (("UV_PUBLISH_URL",), ("UV_PUBLISH_INDEX",)),
    "hatch": ((), ("HATCH_INDEX_REPO",)),
    "pdm": ((), ("PDM_PUBLISH_REPO",)),
    "poetry": ((), ()),
    "flit": (("FLIT_INDEX_URL",), ()),
}


def classify(value: str, tool: str) -> Target:
    """The index a URL or a configured name designates."""
    text = value.strip()
    if not text:
        return Target.PYPI  # an empty value leaves the tool's default
    if "$" in text:
        return Target.RUNTIME
    host = _URL_HOST.match(text)
    if host is not None:
        return _HOSTS.get(host.group(1).lower().rstrip("."), Target.OTHER)
    names = _HATCH_NAMES if tool == "hatch" else _NAMES
    return names.get(text.lower(), Target.OTHER)


def _settings(node: y.Node | None, level: str) -> list[Setting]:
    found = []
    for key, value in y.items(y.value(node, "env")):
        text = y.scalar(value)
        if text is not None:
            found.append(Setting(str(key.value), text, level, y.start(key), y.end(value)))
    return found


def _located(upload: Upload, script: RunScript) -> Upload:
    from supply_chain_hooks.publishing.commands import Upload

    return Upload(
        upload.tool,
        tuple(script.word(word) for word in upload.arguments),
        tuple(script.word(word) for word in upload.assignments),
        script.offset(upload.start),
        script.offset(max(upload.start, upload.end - 1)) + 1,
    )


def _command_settings(upload: Upload) -> list[Setting]:
    found = []
    for word in upload.assignments:
        name, _, value = word.text.partition("=")
        found.append(Setting(name, value, "command", word.start, word.end))
    return found


def _target(tool: str, upload: Upload | None, settings: tuple[Setting, ...]) -> Target:
    if upload is not None:
        options = commands.TARGET_OPTIONS[tool]
        urls = upload.value_of(frozenset(o for o in options if o.endswith("url")))
        named = urls or upload.value_of(frozenset(o for o in options if not o.endswith("url")))
        if named is not None:
            return classify(named[1], tool)
    url_variables, name_variables = TARGET_VARIABLES[tool]
    for name in (*url_variables, *name_variables):
        for setting in settings:
            if setting.name == name:
                return classify(setting.value, tool)
    return Target.PYPI


def is_action(step: y.Node) -> bool:
    """Whether a step uses pypa/gh-action-pypi-publish (at any ref)."""
    from supply_chain_hooks.github.refs import Repository, parse

    text = y.scalar(y.value(step, "uses"))
    if text is None or "gh-action-pypi-publish" not in text.lower():
        return False
    uses = parse(text)
    return (
        isinstance(uses, Repository)
        and uses.subpath is None
        and f"{uses.owner}/{uses.repo}".lower() == ACTION
    )


def action_target(step: y.Node) -> Target:
    with_ = y.value(step, "with")
    for key in ("repository-url", "repository_url"):
        value = y.scalar(y.value(with_, key))
        if value is not None:
            return classify(value, "action")
    return Target.PYPI


def _shell(root: y.Node | None, job: y.Node | None, step: y.Node) -> str:
    for node in (step, y.value(job, "defaults", "run"), y.value(root, "defaults", "run")):
        value = y.scalar(y.value(node, "shell"))
        if value is not None:
            return value.strip().lower()
    return ""


def collect(document: y.Document) -> list[Publish]:
    """Every publish of the document, in the order of the file."""
    from supply_chain_hooks.shell import commands as split

    root = document.root
    if not y.is_mapping(root):
        return []
    source = document.source
    found: list[Publish] = []
    # An aliased step is the same node: one publish per job that runs it.
    seen: set[tuple[str | None, int]] = set()
    jobs = {str(key.value): (key, job) for key, job in workflow.jobs(root)}
    for step in workflow.steps(root):
        if (step.job, id(step.node)) in seen:
            continue
        seen.add((step.job, id(step.node)))
        key, job = jobs.get(step.job or "", (None, None))
        levels = [*_settings(step.node, "step")]
        if job is not None:
            levels += _settings(job, "job") + _settings(root, "workflow")
        settings = tuple(levels)
        before = len(found)
        if is_action(step.node):
            uses = y.value(step.node, "uses")
            assert uses is not None  # noqa: S101 - is_action read it
            from supply_chain_hooks.github.spans import span

            start, end = span(source, uses)
            target = action_target(step.node)
            found.append(
                Publish("action", False, key, job, step.node, start, end, None, target, settings)
            )
        run = y.value(step.node, "run")
        script = y.scalar(run)
        if run is not None and script and "python" not in _shell(root, job, step.node):
            located = RunScript(source, run)
            for command in split(script):
                upload = commands.recognise(command)
                if upload is None:
                    continue
                upload = _located(upload, located)
                own = (*_command_settings(upload), *settings)
                target = _target(upload.tool, upload, own)
                start, end = upload.start, upload.end
                found.append(
                    Publish(
                        upload.tool, False, key, job, step.node, start, end, upload, target, own
                    )
                )
        if len(found) == before:
            indirect = _indirect(source, key, job, step.node, settings)
            if indirect is not None:
                found.append(indirect)
    return found


def _indirect(
    source: Source,
    key: y.ScalarNode | None,
    job: y.Node | None,
    step: y.Node,
    settings: tuple[Setting, ...],
) -> Publish | None:
    """The step as a publish when its own `env:` holds a stored publishing credential."""
    from supply_chain_hooks.publishing.credentials import credential_tool, origin

    for setting in settings:
        if setting.level != "step":
            continue
        tool = credential_tool(setting.name)
        if tool is None or origin(setting.value, settings, expands=False) is None:
            continue
        node = y.value(step, "run") or y.value(step, "uses")
        start = y.start(node) if node is not None else y.start(step)
        from supply_chain_hooks.github.spans import line_end

        end = max(start + 1, line_end(source, start))
        return Publish(
            tool, True, key, job, step, start, end, None, _target(tool, None, settings), settings
        )
    return None
