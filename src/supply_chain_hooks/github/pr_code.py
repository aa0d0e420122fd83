"""Where a privileged workflow brings pull-request code into a job, and what then runs it.

`pull_request_target`, `issue_comment` and `workflow_run` run in the base repository's
context (its secrets, a token that can write) for events a fork's author can cause. The
danger is not the trigger but a job that fetches the fork's code (a checkout of the pull
request's head, `gh pr checkout`, `git fetch ... pull/N/head`, the triggering run's
artifacts) and then runs something that can execute it. :func:`entries` finds each place
pull-request code comes in, job by job and step by step, and the first later step (or
command of the same script) that may run it.

Values are followed statically through `env:` (workflow, job, step, and `$GITHUB_ENV`
writes), step outputs (`$GITHUB_OUTPUT` writes, known actions' outputs) and job outputs
(`needs.<job>.outputs.*`). What a server computes at run time (an API call in
`actions/github-script`, a reusable workflow's `inputs`) cannot be followed.
"""

from __future__ import annotations

import re

from supply_chain_hooks import yaml_doc as y
from supply_chain_hooks.github import workflow
from supply_chain_hooks.model import Record
from supply_chain_hooks.patterns import lazy

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

#: The triggers that run in the base repository's context for a fork's pull request.
PRIVILEGED = ("pull_request_target", "issue_comment", "workflow_run")

#: Expressions (normalised: lower case, no spaces, `['x']` as `.x`) naming the head of a
#: pull request or of the triggering run, or its repository.
_HEAD_EXPRESSION = lazy(
    r"github\.event\.pull_request\.(?:head\.(?:sha|ref|label|repo\.(?:full_name|clone_url|"
    r"ssh_url|git_url|html_url|url))|merge_commit_sha)"
    r"|github\.event\.workflow_run\.(?:head_sha|head_branch|head_commit\.id"
    r"|head_repository\.(?:full_name|clone_url|html_url)|pull_requests\[\d+\]\.head\.(?:sha|ref))"
    r"|github\.head_ref"
)
#: A pull request's ref written out: `refs/pull/N/head`, `pull/N/merge`, `pull/$PR/head`.
_PULL_REF = lazy(r"(?:refs/)?pull/[^\s/'\"]+/(?:head|merge)\b|refs/pull/")
_EXPRESSION = lazy(r"\$\{\{(.*?)\}\}", re.DOTALL)
_INDEX = lazy(r"\[\s*['\"]([\w-]+)['\"]\s*\]")
_CONTEXT_REF = lazy(r"\b(env|steps|needs)\.([\w-]+)(?:\.outputs\.([\w-]+))?")
_SHELL_VAR = lazy(r"\$(?:\{([A-Za-z_]\w*)\}|([A-Za-z_]\w*))")
#: `echo "name=value" >> $GITHUB_OUTPUT` (or GITHUB_ENV), one line.
_WRITE = lazy(
    r"""(?:echo|printf)\s+(?:-\w+\s+)?["']?([\w-]+)=(.*?)["']?\s*>>\s*["']?\$\{?(GITHUB_OUTPUT|GITHUB_ENV)\b"""
)
#: Outputs of a step that names the pull request's head: a value read from the API.
_HEAD_FROM_API = lazy(r"headrefoid|headrefname|\.head\.(?:sha|ref)\b|head_sha|head_ref")
#: Actions whose outputs name a pull request's head (for `issue_comment`).
_HEAD_ACTIONS = {
    "xt0rted/pull-request-comment-branch": ("head_ref", "head_sha"),
    "alessbell/pull-request-comment-branch": ("head_ref", "head_sha"),
}
_GH_PR_CHECKOUT = lazy(r"\bgh\s+pr\s+checkout\b")
_GIT = lazy(
    r"\bgit\s+(?:-c\s+\S+\s+)*(fetch|pull|checkout|switch|clone|reset|merge|rebase|cherry-pick"
    r"|worktree\s+add)(?=\s|$)(.*)"
)
#: git commands that put a fetched commit's files into the work tree.
_INTO_WORK_TREE = frozenset(
    {"checkout", "switch", "reset", "merge", "rebase", "cherry-pick", "worktree"}
)
_WORKFLOW_RUN_ID = lazy(r"workflow_run\.id\b|workflow_run\.(?:workflow_)?id\b")
_DOWNLOAD = lazy(r"download-artifact", re.IGNORECASE)
_GH_RUN_DOWNLOAD = lazy(r"\bgh\s+run\s+download\b")
_SCRIPT_DOWNLOAD = lazy(r"downloadArtifact|listWorkflowRunArtifacts")

#: Commands that read or move files but never execute what they read.
_READ_ONLY_WORDS = (
    "echo printf cat ls test [ [[ true false : grep egrep fgrep jq yq head tail wc sort uniq "
    "cut tr sed awk diff cmp sha256sum sha1sum md5sum basename dirname mkdir rm rmdir mv cp "
    "touch unzip tar zip gzip gunzip tee export set unset exit cd pwd date sleep find stat "
    "file readlink realpath env curl wget gh git if then else elif fi for while do done case "
    "esac in { } ! shopt local declare read return"
)
READ_ONLY = frozenset(_READ_ONLY_WORDS.split())
#: gh and git subcommands that execute what is in the workspace.
_RUNNING_SUBCOMMANDS = {"gh": frozenset({"extension"}), "git": frozenset({"submodule"})}
#: Shells whose `run:` is a shell script (the rest run it as one program).
_SHELLS = ("bash", "sh", "zsh")
#: Commands that run the file (or module) they are given.
_INTERPRETER_WORDS = "bash sh zsh dash source . python python3 node ruby perl pwsh deno bun php"
INTERPRETERS = frozenset(_INTERPRETER_WORDS.split())
#: Tools that run code from the project they work in (its Makefile, scripts, tests, hooks).
_PROJECT_TOOL_WORDS = (
    "make cmake meson ninja npm npx yarn pnpm bun pip pip3 uv uvx poetry pdm hatch tox nox "
    "pytest cargo go gradle ./gradlew mvn ./mvnw docker pre-commit prek bundle rake just "
    "task composer dotnet sbt mix"
)
PROJECT_TOOLS = frozenset(_PROJECT_TOOL_WORDS.split())
#: Actions that build or test what is in the workspace (so they run it).
RUNNING_ACTIONS = (
    "docker/build-push-action",
    "docker/bake-action",
    "pre-commit/action",
    "github/codeql-action/autobuild",
    "pypa/cibuildwheel",
    "cypress-io/github-action",
    "nick-fields/retry",
    "nick-invision/retry",
    "bahmutov/npm-install",
    "borales/actions-yarn",
    "gradle/gradle-build-action",
    "pnpm/action-setup",
)


class Head(Record):
    """How a value names the pull request's code: the words to quote in a message."""

    how: str


class Entry(Record):
    """One place pull-request code comes into a privileged job.

    ``node`` is what to point at (a checkout's `ref:`/`repository:` value, the `run:` or the
    download step's `uses:`), ``offset`` the exact character in the file; ``how`` says how
    the code is named; ``runner`` is the later step or command that may run it (its offset
    and its words), None when nothing after it in the job runs anything.
    """

    job: str
    event: str
    node: y.Node
    offset: int
    end: int
    what: str
    how: str
    runner: tuple[int, str] | None


def _normalise(expression: str) -> str:
    return _INDEX.sub(r".\1", expression).replace(" ", "").lower()


class _Taint:
    """What the job knows so far: env variables and outputs that name the head."""

    def __init__(self, env: dict[str, str], outputs: dict[str, str]) -> None:
        self.env = dict(env)
        self.outputs = dict(outputs)  # "steps.id.outputs.x" / "needs.job.outputs.x" -> how

    def copy(self) -> _Taint:
        return _Taint(self.env, self.outputs)

    def names_head(self, text: str, in_shell: bool = False) -> str | None:
        """How text names the head (the words to quote), or None."""
        for match in _EXPRESSION.finditer(text):
            found = self._expression(match.group(1))
            if found is not None:
                return found
        pull = _PULL_REF.search(_EXPRESSION.sub("N", text))
        if pull is not None:
            return pull.group(0)
        if in_shell:
            for match in _SHELL_VAR.finditer(text):
                name = match.group(1) or match.group(2)
                if name == "GITHUB_HEAD_REF":
                    return "$GITHUB_HEAD_REF"
                if name in self.env:
                    return f"${name} ({self.env[name]})"
        return None

    def _expression(self, expression: str) -> str | None:
        normal = _normalise(expression)
        found = _HEAD_EXPRESSION.search(normal)
        if found is not None:
            return found.group(0)
        for match in _CONTEXT_REF.finditer(normal):
            context, name, output = match.groups()
            if context == "env":
                for key, how in self.env.items():
                    if key.lower() == name:
                        return f"env.{key} ({how})"
            elif output is not None:
                key = f"{context}.{name}.outputs.{output}"
                if key in self.outputs:
                    return f"{key} ({self.outputs[key]})"
        return None

    def add_env(self, node: y.Node | None) -> None:
        for key, value in y.items(node):
            text = y.scalar(value)
            if text is None:
                continue
            how = self.names_head(text)
            if how is not None:
                self.env[str(key.value)] = how
            else:
                self.env.pop(str(key.value), None)


#: An `if:` that lets only the base repository's own branches through.
_GUARD = lazy(
    r"github\.event\.(?:workflow_run\.head_repository|pull_request\.head\.repo)\.full_name"
    r"==github\.repository\b|github\.repository==github\.event\.(?:workflow_run\."
    r"head_repository|pull_request\.head\.repo)\.full_name\b"
    r"|github\.event\.workflow_run\.event!=['\"]pull_request['\"]"
    r"|github\.event\.(?:workflow_run\.head_repository|pull_request\.head\.repo)\.fork"
    r"(?:==false|!=true)|!github\.event\.pull_request\.head\.repo\.fork"
)


def guarded(node: y.Node | None) -> bool:
    """Whether a job or step `if:` admits only the base repository's own head (the same
    repository, not a fork): such a job never runs a fork's code. The condition is read as
    written; an `||` around the guard is trusted like the rest of the expression."""
    text = y.scalar(y.value(node, "if"))
    return text is not None and _GUARD.search(_normalise(text)) is not None


def privileged_events(root: y.Node | None) -> list[str]:
    """The privileged triggers of the workflow, lower case, in `on:` order."""
    found = []
    for trigger in workflow.triggers(root):
        name = trigger.name.lower()
        if name in PRIVILEGED and name not in found:
            found.append(name)
    return found


def entries(document: y.Document) -> list[Entry]:
    """Every place pull-request code comes into a job of a privileged workflow."""
    root = document.root
    events = privileged_events(root)
    if not events or not y.is_mapping(root):
        return []
    base = _Taint({}, {})
    base.add_env(y.value(root, "env"))
    found: list[Entry] = []
    job_outputs: dict[str, str] = {}
    jobs = workflow.jobs(root)
    # Job outputs feed later jobs (`needs.<job>.outputs.*`): two passes reach a chain of two.
    for last in (False, True):
        for key, job in jobs:
            if guarded(job):
                continue
            taint = base.copy()
            taint.outputs.update(job_outputs)
            taint.add_env(y.value(job, "env"))
            job_found = _job_entries(document, str(key.value), job, events[0], taint)
            for name, value in y.items(y.value(job, "outputs")):
                how = taint.names_head(y.scalar(value) or "")
                if how is not None:
                    job_outputs[f"needs.{key.value}.outputs.{name.value}"] = how
            if last:
                found.extend(job_found)
    found.sort(key=lambda entry: entry.offset)
    return found


class _Payload(Record):
    """Pull-request content in the workspace: where it is (None: the workspace root), and
    whether it is data (an artifact, a sparse checkout) rather than a source tree."""

    path: str | None
    data: bool


class _Pending(Record):
    """Pull-request code that came in and has not been run yet."""

    node: y.Node
    offset: int
    end: int
    what: str
    how: str
    payload: _Payload


class _JobScan:
    """One job's steps in order: what comes in, and what runs it."""

    def __init__(self, document: y.Document, job: str, event: str) -> None:
        self.text = document.source.text
        self.job = job
        self.event = event
        self.pending: list[_Pending] = []
        self.fetched: list[_Pending] = []
        self.found: list[Entry] = []

    def came_in(
        self, node: y.Node, offset: int, end: int, what: str, how: str, payload: _Payload
    ) -> None:
        # A `git fetch` then `git checkout` of the same code is one way in, reported once.
        if not any(entry.payload.path == payload.path for entry in self.pending):
            self.pending.append(_Pending(node, offset, end, what, how, payload))

    def ran(self, offset: int, words: str, runs: Callable[[_Payload], bool]) -> None:
        """Something at offset may run workspace content: each pending entry it runs
        (``runs(payload)``) becomes a finding."""
        still = []
        for entry in self.pending:
            if runs(entry.payload):
                self.found.append(self._entry(entry, (offset, words)))
            else:
                still.append(entry)
        self.pending = still

    def finish(self) -> list[Entry]:
        self.found.extend(self._entry(entry, None) for entry in self.pending)
        self.pending = []
        return self.found

    def _entry(self, entry: _Pending, runner: tuple[int, str] | None) -> Entry:
        return Entry(
            self.job, self.event, entry.node, entry.offset, entry.end, entry.what, entry.how, runner
        )


def _job_entries(
    document: y.Document, job: str, node: y.Node, event: str, taint: _Taint
) -> list[Entry]:
    text = document.source.text
    scan = _JobScan(document, job, event)
    for step in workflow.job_steps(job, node):
        step_node = step.node
        if guarded(step_node):
            continue
        step_taint = taint.copy()
        step_taint.add_env(y.value(step_node, "env"))
        uses_node = y.value(step_node, "uses")
        uses = (y.scalar(uses_node) or "").strip()
        with_ = y.value(step_node, "with")
        run_node = y.value(step_node, "run")
        run = y.scalar(run_node)
        working_directory = y.scalar(y.value(step_node, "working-directory")) or ""

        # Does this step (an action) run what came in before it?
        if scan.pending and uses_node is not None:
            runner = _action_runs(uses, with_, working_directory)
            if runner is not None:
                scan.ran(y.content_start(text, uses_node), *runner)

        # Does code come in here?
        if uses_node is not None and uses.lower().startswith("actions/checkout"):
            for field in ("ref", "repository"):
                value = y.value(with_, field)
                how = step_taint.names_head(y.scalar(value) or "")
                if value is not None and how is not None:
                    path = (y.scalar(y.value(with_, "path")) or "").strip() or None
                    start = y.content_start(text, value)
                    what = f"checkout `{field}:`"
                    payload = _Payload(path, _sparse(with_))
                    scan.came_in(value, start, y.end(value), what, how, payload)
                    break
            else:
                # The checkout's own opt-in says the ref is a pull request's, even when the
                # ref comes from where this module cannot follow it.
                unsafe = y.value(with_, "allow-unsafe-pr-checkout")
                named = y.get(with_, "ref") is not None or y.get(with_, "repository") is not None
                if (y.scalar(unsafe) or "").strip().lower() == "true" and named:
                    assert unsafe is not None  # noqa: S101 - its scalar was read
                    path = (y.scalar(y.value(with_, "path")) or "").strip() or None
                    start = y.content_start(text, unsafe)
                    what = "checkout with `allow-unsafe-pr-checkout: true`"
                    how = "a ref the checkout itself marks as a pull request's"
                    payload = _Payload(path, _sparse(with_))
                    scan.came_in(unsafe, start, y.end(unsafe), what, how, payload)
        elif uses_node is not None and _downloads_triggering_run(uses, with_):
            path = None
            if _DOWNLOAD.search(uses):
                path = (y.scalar(y.value(with_, "path")) or "").strip() or None
            start = y.content_start(text, uses_node)
            how = "the artifacts of the triggering run"
            scan.came_in(
                uses_node, start, y.end(uses_node), "artifact download", how, _Payload(path, True)
            )
        shell = (y.scalar(y.value(step_node, "shell")) or "bash").strip().lower()
        if run is not None and run_node is not None and not shell.startswith(_SHELLS):
            # A `shell: python` (or pwsh...) script is one program from the workflow itself.
            if scan.pending:
                words = f"the `shell: {shell}` script"
                scan.ran(y.content_start(text, run_node), words, _source_tree(working_directory))
        elif run is not None and run_node is not None:
            _scan_script(scan, run_node, run, step_taint, working_directory)
            _record_writes(step_node, run, step_taint, taint)
        for name in _HEAD_ACTIONS.get(uses.split("@")[0].lower(), ()):
            step_id = y.scalar(y.value(step_node, "id"))
            if step_id:
                taint.outputs[f"steps.{step_id}.outputs.{name}"] = f"{uses.split('@')[0]} {name}"
    return scan.finish()


def _downloads_triggering_run(uses: str, with_: y.Node | None) -> bool:
    if _DOWNLOAD.search(uses):
        return _names_triggering_run(with_)
    if uses.lower().startswith("actions/github-script"):
        script = y.scalar(y.value(with_, "script")) or ""
        return bool(_SCRIPT_DOWNLOAD.search(script)) and "workflow_run" in script
    return False


def _names_triggering_run(with_: y.Node | None) -> bool:
    for _, value in y.items(with_):
        text = _normalise(y.scalar(value) or "")
        if _WORKFLOW_RUN_ID.search(text):
            return True
    return False


def _record_writes(step: y.Node, run: str, step_taint: _Taint, taint: _Taint) -> None:
    """`$GITHUB_OUTPUT`/`$GITHUB_ENV` writes of values that name the head."""
    step_id = y.scalar(y.value(step, "id"))
    for match in _WRITE.finditer(run):
        name, value, target = match.groups()
        how = step_taint.names_head(value, in_shell=True)
        if how is None and _HEAD_FROM_API.search(value.lower()) and "gh " in value:
            how = value.strip()
        if how is None:
            continue
        if target == "GITHUB_ENV":
            taint.env[name] = how
        elif step_id:
            taint.outputs[f"steps.{step_id}.outputs.{name}"] = how


def _commands(script: str) -> Iterator[str]:
    """The commands of a shell script: lines (continuations joined), split at `&&`, `||`,
    `;` and `|`; comments dropped."""
    buffer = ""
    for line in script.splitlines():
        if line.endswith("\\"):
            buffer += line[:-1] + " "
            continue
        buffer += line
        for part in re.split(r"&&|\|\||;|\|", buffer):
            stripped = part.strip()
            if stripped and not stripped.startswith("#"):
                yield stripped
        buffer = ""
    if buffer.strip():
        yield buffer.strip()


def _first_word(command: str) -> tuple[str, str]:
    words = command.split()
    while words and re.match(r"^[A-Za-z_]\w*=", words[0]):
        words.pop(0)  # VAR=value prefix
    while words and words[0] in ("sudo", "time", "exec", "command", "then", "do", "else", "!"):
        words.pop(0)
    if not words:
        return "", ""
    return words[0].lstrip("({"), (words[1] if len(words) > 1 else "")


def runs_something(command: str) -> bool:
    """Whether one shell command may execute code from the workspace."""
    word, second = _first_word(command)
    if not word or (word in READ_ONLY and second not in _RUNNING_SUBCOMMANDS.get(word, ())):
        return False
    return not (word.endswith(("=", ")")) or word.startswith(("#", "}")))


def _within(text: str, path: str | None) -> bool:
    """Whether a path-like word or a directory lies in the payload's folder (None: the
    workspace root, which holds every relative path)."""
    text = text.strip().strip("'\"")
    if path is None:
        return not text.startswith(("/", "$", "~"))
    folder = path.strip().removeprefix("./").rstrip("/")
    if folder in ("", "."):
        return not text.startswith(("/", "$", "~"))
    text = text.removeprefix("./")
    return text == folder or text.startswith(folder + "/")


def _source_tree(directory: str) -> Callable[[_Payload], bool]:
    """A program that runs in directory: it reaches a source tree it works in or under."""
    return lambda payload: not payload.data and _within(directory or ".", payload.path)


def _mentions(text: str, path: str | None) -> bool:
    if path is None:
        return True
    clean = path.strip().removeprefix("./").rstrip("/")
    return clean in ("", ".") or clean in text


def _command_runs(command: str, directory: str) -> Callable[[_Payload], bool]:
    """Which payloads one shell command, run in directory, may execute.

    A source tree (a full checkout) is run by any command that is not read-only and works
    in it or names its folder. Data (an artifact, a sparse checkout) is run only when the
    command executes a file from it, interprets one, installs it, or runs a project tool
    (make, npm, pytest...) inside it.
    """
    word, _ = _first_word(command)
    words = command.split()
    arguments = words[words.index(word) + 1 :] if word in words else []
    running = runs_something(command)

    def runs(payload: _Payload) -> bool:
        if not running:
            return False
        if not payload.data:
            return _within(directory or ".", payload.path) or _mentions(
                command + " " + directory, payload.path
            )
        if ("/" in word or word.startswith(".")) and _within(word, payload.path):
            return True
        if word in INTERPRETERS:
            files = [arg for arg in arguments if not arg.startswith("-")]
            module = "-m" in arguments and _within(directory or ".", payload.path)
            return module or any(_within(arg, payload.path) for arg in files[:1])
        if word in PROJECT_TOOLS and _within(directory or ".", payload.path):
            return True
        if "install" in arguments:
            return any(
                _within(arg, payload.path) and ("/" in arg or arg.startswith("."))
                for arg in arguments
            )
        return False

    return runs


def _action_runs(
    uses: str, with_: y.Node | None, working_directory: str
) -> tuple[str, Callable[[_Payload], bool]] | None:
    """The words for an action step that may run workspace content, and which payloads it
    runs; None when it runs nothing it was not shipped with."""
    name = uses.split("@")[0].lower()
    if name.startswith("./"):
        local = uses.split("@")[0]
        return f"the local action `{uses}`", lambda payload: _within(local, payload.path)
    if any(name == known or name.startswith(known + "/") for known in RUNNING_ACTIONS):
        places = [working_directory or "."] + [
            text
            for key, value in y.items(with_)
            if key.value in ("context", "working-directory", "package-dir", "path", "cwd")
            and (text := y.scalar(value)) is not None
        ]
        return f"`{uses}`", lambda payload: any(_within(place, payload.path) for place in places)
    if name.startswith("actions/github-script"):
        script = y.scalar(y.value(with_, "script")) or ""
        required = re.findall(r"require\(\s*['\"`](\.{1,2}/[^'\"`]*)", script)
        if required:
            words = "a script that requires a workspace file"
            return words, lambda payload: any(_within(file, payload.path) for file in required)
    return None


def _scan_script(
    scan: _JobScan, node: y.Node, run: str, taint: _Taint, working_directory: str
) -> None:
    """Commands of one `run:`: code coming in (gh pr checkout, git fetch of a pull ref...)
    and commands that run what came in earlier (including earlier in this script)."""
    text = scan.text
    start, end = y.content_start(text, node), y.end(node)
    cursor = start
    directory = working_directory
    for command in _commands(run):
        where = _locate(text, cursor, end, command)
        if where != start:
            cursor = where + 1
        word, target = _first_word(command)
        if word == "cd" and target:
            directory = target if not directory else f"{directory.rstrip('/')}/{target}"
            continue
        if scan.pending:
            scan.ran(where, command, _command_runs(command, directory))
        came = _code_comes_in(command, taint)
        git = _GIT.search(command)
        verb = git.group(1).split()[0] if git else ""
        into_work_tree = verb in _INTO_WORK_TREE and " -- " not in command + " "
        if into_work_tree and scan.fetched:
            for fetched in scan.fetched:
                scan.came_in(
                    fetched.node,
                    fetched.offset,
                    fetched.end,
                    fetched.what,
                    fetched.how,
                    fetched.payload,
                )
            scan.fetched = []
        elif came is not None and verb == "fetch":
            # Fetched objects are not files yet: a later checkout puts them in the work tree.
            what, how, path = came
            scan.fetched.append(
                _Pending(node, where, where + len(command), what, how, _Payload(path, False))
            )
        elif came is not None:
            what, how, path = came
            scan.came_in(node, where, where + len(command), what, how, _Payload(path, False))
        elif _GH_RUN_DOWNLOAD.search(command) and _WORKFLOW_RUN_ID.search(_normalise(command)):
            folder = re.search(r"(?:-D|--dir)\s+(\S+)", command)
            how = "the artifacts of the triggering run"
            payload = _Payload(folder.group(1) if folder else None, True)
            scan.came_in(node, where, where + len(command), "`gh run download`", how, payload)


def _sparse(with_: y.Node | None) -> bool:
    return bool((y.scalar(y.value(with_, "sparse-checkout")) or "").strip()) or y.is_sequence(
        y.value(with_, "sparse-checkout")
    )


def _code_comes_in(command: str, taint: _Taint) -> tuple[str, str, str | None] | None:
    if _GH_PR_CHECKOUT.search(command):
        return "`gh pr checkout`", "the pull request named on the command line", None
    match = _GIT.search(command)
    if match is None:
        return None
    verb, rest = match.group(1).split()[0], match.group(2)
    how = taint.names_head(rest, in_shell=True)
    if how is None:
        return None
    path = None
    if verb == "clone":
        words = [word for word in rest.split() if not word.startswith("-")]
        if len(words) > 1:
            path = words[1]
        elif words:
            path = words[0].rstrip("/").split("/")[-1].removesuffix(".git")
    return f"`git {verb}`", how, path


def _locate(text: str, start: int, end: int, command: str) -> int:
    """Where a command of a `run:` value stands in the file: its first occurrence from start
    inside the value's span; start when it is not written literally there."""
    found = text.find(command.split("\n")[0][:40], start, end)
    return found if found >= 0 else start
