"""The sweep: real files from ../shared/corpus and damaged copies of them, through the real
command line in child processes with a memory limit and a timeout.

Every run must end with exit 0 or 1, print no traceback, and report every file that a
swept hook had to read but could not decode or parse (SCH001).

The default run samples the damaged copies deterministically and stays well under a
minute. The long fuzz run damages every corpus file in every way (and multiplies the
hypothesis examples of tests/test_properties_core.py)::

    SCH_LONG_FUZZ=1 .venv/bin/python -m pytest tests/test_reliability_sweep.py tests/test_properties_core.py
"""

from __future__ import annotations

import json
import os
import posixpath
import random
import resource
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from supply_chain_hooks import fast_yaml, toml_doc, yaml_doc
from supply_chain_hooks import hooks as hook_registry
from supply_chain_hooks.cooldown import json5
from supply_chain_hooks.cooldown.ci import may_set
from supply_chain_hooks.deps.locks import pipfile_lock
from supply_chain_hooks.github.workflow import is_action_path, is_workflow_path
from supply_chain_hooks.hooks.check_dependency_cooldown import DEPENDABOT, RENOVATE
from supply_chain_hooks.hooks.require_hashed_installs import WORDS as INSTALL_WORDS
from supply_chain_hooks.hooks.require_trusted_publishing import may_publish
from supply_chain_hooks.precommit.config import matches as precommit_matches
from supply_chain_hooks.source import MAX_BYTES, InputError, decode
from tests.conftest import Corpus, git

LONG_FUZZ = bool(os.environ.get("SCH_LONG_FUZZ"))

#: Every hook, each alone and all together under the umbrella ("check").
SWEEP_HOOKS: tuple[str, ...] = (*hook_registry.HOOK_MODULES, "check")

RUFF_CONFIGS = ("pyproject.toml", "ruff.toml", ".ruff.toml")  # by precedence, lowest first
#: Folders Ruff never enters (its default excludes, the ones a corpus path can hold).
RUFF_SKIPS = {
    ".git",
    ".venv",
    "venv",
    "build",
    "dist",
    "node_modules",
    "__pypackages__",
    "_build",
    ".tox",
    ".nox",
    ".eggs",
    "site-packages",
    ".direnv",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
    ".svn",
    ".hg",
    "buck-out",
    ".pants.d",
    ".pytype",
    ".ipynb_checkpoints",
    ".vscode",
    ".bzr",
    ".git-rewrite",
}
#: A Python file the sweep puts beside every Ruff configuration, so enforce-ruff-S reads them.
PYTHON_FILE = "sweep_app.py"


def _forbid_reads(path: str, text: str, folder: frozenset[str]) -> bool:
    # The hook parses a workflow only when the trigger word (or an escape) is in the text.
    return is_workflow_path(path) and ("\\" in text or "pull_request_target" in text.lower())


def _pin_reads(path: str, text: str, folder: frozenset[str]) -> bool:
    # pin-actions-to-sha parses every workflow and action file it is given.
    return is_workflow_path(path) or is_action_path(path)


def _locks_read(path: str, text: str, folder: frozenset[str]) -> bool:
    # Requirements files are read line by line (decoding is all they need); lock files parse.
    name = posixpath.basename(path)
    return name in ("uv.lock", "poetry.lock", "pdm.lock", "Pipfile.lock") or (
        name.startswith("pylock.") and name.endswith(".toml")
    )


def _precommit_reads(path: str, text: str, folder: frozenset[str]) -> bool:
    # pin-pre-commit-revs parses every .pre-commit-config.yaml it is given.
    return precommit_matches(path)


def _publishing_reads(path: str, text: str, folder: frozenset[str]) -> bool:
    # require-trusted-publishing parses a workflow or action that may publish (a word or an
    # escape).
    return (is_workflow_path(path) or is_action_path(path)) and may_publish(text)


def _installs_reads(path: str, text: str, folder: frozenset[str]) -> bool:
    # require-hashed-installs parses a workflow or action that names an installer or an index
    # (or has an escape); a Dockerfile is read by its own reader, which never fails.
    lowered = text.lower()
    return (is_workflow_path(path) or is_action_path(path)) and any(
        word in lowered for word in INSTALL_WORDS
    )


def _cooldown_reads(path: str, text: str, folder: frozenset[str]) -> bool:
    # check-dependency-cooldown parses .github/dependabot.yml|yaml, and every workflow or action
    # that may set a pip or uv cutoff (a word or an escape). Renovate's config is read only when
    # it is the first of Renovate's files in the folder: not asserted here.
    if path in DEPENDABOT:
        return True
    return (is_workflow_path(path) or is_action_path(path)) and may_set(text)


def _uv_reads(path: str, text: str, folder: frozenset[str]) -> bool:
    # Every uv.toml, and every pyproject.toml that could configure uv: it mentions uv (a key
    # can only hide behind an escape) or has a uv.lock beside it. uv.lock itself is read only
    # with --check-lock.
    name, directory = posixpath.basename(path), posixpath.dirname(path)
    if name == "uv.toml":
        return True
    lock = posixpath.join(directory, "uv.lock")
    return name == "pyproject.toml" and ("uv" in text or "\\" in text or lock in folder)


def _ruff_reads(path: str, text: str, folder: frozenset[str]) -> bool:
    # The root .pre-commit-config.yaml (the ruff hook), and each configuration Ruff surely reads
    # for the Python file beside it: the one that wins in its folder (.ruff.toml, then
    # ruff.toml, then pyproject.toml), outside Ruff's default excludes, with no configuration
    # above it (whose `exclude` could keep Ruff out of this folder).
    #
    # The hook leaves test files alone (they are exempt from the S rules), so it does not read
    # a configuration that governs only tests, although Ruff itself refuses to run at all when
    # that one does not parse: such a file may be reported, it need not be (a known gap).
    if path == ".pre-commit-config.yaml":
        return True
    name, directory = posixpath.basename(path), posixpath.dirname(path)
    folders = set(directory.split("/"))
    if name not in RUFF_CONFIGS or RUFF_SKIPS & folders or {"tests", "test"} & folders:
        return False
    stronger = RUFF_CONFIGS[RUFF_CONFIGS.index(name) + 1 :]
    if any(posixpath.join(directory, other) in folder for other in stronger):
        return False
    parts = directory.split("/") if directory else []
    ancestors = ["/".join(parts[:n]) for n in range(len(parts))]
    return not any(
        posixpath.join(ancestor, config) in folder
        for ancestor in ancestors
        for config in RUFF_CONFIGS
    )


#: For each hook, the files it surely reads and parses (so that a file it cannot read or
#: parse must be reported as SCH001), given the file's path, text and the folder's files.
MUST_READ: dict[str, Callable[[str, str, frozenset[str]], bool]] = {
    "forbid-pull-request-target": _forbid_reads,
    "pin-actions-to-sha": _pin_reads,
    "require-lock-hashes": _locks_read,
    "pin-pre-commit-revs": _precommit_reads,
    "require-trusted-publishing": _publishing_reads,
    "check-dependency-cooldown": _cooldown_reads,
    "check-uv-exclude-newer": _uv_reads,
    "enforce-ruff-S": _ruff_reads,
    "require-hashed-installs": _installs_reads,
}


def _parse(path: str, data: bytes, toml_1_1: bool = False) -> None:
    """Read a file the way the hooks read its kind (raises InputError when they cannot).
    With toml_1_1, TOML that Ruff accepts and Python 3.11's tomllib does not is readable."""
    source = decode(path, data)
    name = posixpath.basename(path)
    if name.endswith((".yml", ".yaml")):
        fast_yaml.parse(source)  # yaml_doc.parse's result, faster (tests/test_fast_yaml.py)
    elif path in RENOVATE:  # Renovate's config files are JSON5 (package.json is JSON)
        json5.parse(source.text)
    elif name == "Pipfile.lock":
        pipfile_lock.load(source)
    elif name.endswith((".toml", ".lock")):
        try:
            toml_doc.load(source)
        except InputError:
            if not toml_1_1:
                raise
            import tomlkit
            from tomlkit.exceptions import TOMLKitError

            try:
                tomlkit.parse(source.text)
            except (TOMLKitError, ValueError):
                raise InputError("invalid TOML 1.1") from None


#: The child's address-space limit and time limit.
MEMORY_LIMIT = 1536 * 1024 * 1024
TIMEOUT = 240.0


def _swept_ids() -> list[str]:
    return list(SWEEP_HOOKS)


def _member_hooks(hook_id: str) -> list[str]:
    return list(hook_registry.HOOK_MODULES) if hook_id == "check" else [hook_id]


# -- the child process --------------------------------------------------------------------------

#: Runs batches of `supply-chain-hooks check` (or a hook's own entry point) in one process, each
#: in its own folder, with stdout encoded strictly as UTF-8 like a real terminal.
DRIVER = r"""
import contextlib, importlib, io, json, os, sys, traceback
spec = json.load(open(sys.argv[1], encoding="utf-8"))
results = []
for batch in spec["batches"]:
    os.chdir(batch["cwd"])
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict")
    err = io.StringIO()
    code = None
    crash = None
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            if spec["entry"] == "check":
                from supply_chain_hooks.cli import main
                code = main(["check", *spec["args"], *batch["args"]])
            else:
                module = importlib.import_module(spec["entry"])
                code = module.main([*spec["args"], *batch["args"]])
        except SystemExit as error:
            code = error.code
        except BaseException:
            crash = traceback.format_exc()
    out.flush()
    results.append({
        "cwd": batch["cwd"], "code": code, "crash": crash,
        "stdout": out.buffer.getvalue().decode("utf-8"), "stderr": err.getvalue(),
    })
print(json.dumps(results))
"""


@dataclass(frozen=True)
class Result:
    cwd: str
    code: object
    crash: str | None
    findings: list[dict[str, object]]
    stderr: str


def _limit_child() -> None:  # runs in the child before exec
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _run_batches(
    hook_id: str, folders: list[Path], tmp: Path, extra: tuple[str, ...] = ()
) -> list[Result]:
    """Run the hook (or the umbrella) once per folder with `.` as the path, in one child."""
    members = _member_hooks(hook_id)
    if hook_id == "check":
        entry, args = "check", ["--format", "json", *(f"--hook={h}" for h in members)]
    else:
        module = hook_registry.HOOK_MODULES[hook_id]
        entry, args = f"supply_chain_hooks.hooks.{module}", ["--format", "json"]
    spec = {
        "entry": entry,
        "args": [*args, *extra],
        "batches": [{"cwd": str(folder), "args": ["."]} for folder in folders],
    }
    spec_path = tmp / f"spec-{hook_id}-{len(list(tmp.glob('spec-*')))}.json"
    spec_path.write_text(json.dumps(spec), encoding="utf-8")
    completed = subprocess.run(
        [sys.executable, "-c", DRIVER, str(spec_path)],
        capture_output=True,
        timeout=TIMEOUT,
        preexec_fn=_limit_child,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr.decode(errors="replace")[-3000:]
    results = []
    for raw in json.loads(completed.stdout):
        findings = json.loads(raw["stdout"]) if raw["stdout"].strip() else []
        results.append(Result(raw["cwd"], raw["code"], raw["crash"], findings, raw["stderr"]))
    return results


_UNREADABLE: dict[tuple[str, bool], bool] = {}


def _unreadable(path: Path, relative: str, toml_1_1: bool = False) -> bool:
    """Whether a hook cannot read this file: not decoded, too large, or (for YAML, TOML and
    JSON lock files) not parsed. Cached."""
    key = (str(path), toml_1_1)
    if key not in _UNREADABLE:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
        try:
            if len(data) > MAX_BYTES:
                raise InputError("too large")
            _parse(relative, data, toml_1_1)
        except InputError:
            _UNREADABLE[key] = True
        else:
            _UNREADABLE[key] = False
    return _UNREADABLE[key]


_TEXT: dict[str, str | None] = {}


def _text(path: Path, relative: str) -> str | None:
    """The decoded text (None when it does not decode), cached."""
    key = str(path)
    if key not in _TEXT:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
        try:
            _TEXT[key] = decode(relative, data).text
        except InputError:
            _TEXT[key] = None
    return _TEXT[key]


def _must_report(hook_ids: list[str], path: Path, relative: str, folder: frozenset[str]) -> bool:
    """Whether a swept hook surely reads this file, which it cannot read (so: SCH001)."""
    for hook_id in hook_ids:
        ruff = hook_id == "enforce-ruff-S"  # reads configs by Ruff's rules, not by `files:`
        if not (ruff or hook_registry.load(hook_id).matches(relative)):
            continue
        text = _text(path, relative)
        # An undecodable file counts as one that names everything a prefilter looks for.
        named = "uv \\ pull_request_target" if text is None else text
        if MUST_READ[hook_id](relative, named, folder) and _unreadable(path, relative, ruff):
            return True
    return False


def _check_results(hook_id: str, results: list[Result], roots: dict[str, Path]) -> int:
    """Both ways: every file a hook surely reads and cannot is reported as unreadable
    (SCH001), and no file that can be read is. Returns how many had to be reported."""
    members = _member_hooks(hook_id)
    problems = []
    must = 0
    for result in results:
        if result.crash is not None:
            problems.append(f"{result.cwd}: crashed:\n{result.crash}")
            continue
        if result.code not in (0, 1) or "Traceback" in result.stderr:
            problems.append(f"{result.cwd}: exit {result.code}\n{result.stderr[-3000:]}")
            continue
        reported = {str(f["path"]) for f in result.findings if f["code"] == "SCH001"}
        root = roots[result.cwd]
        files = {path.relative_to(root).as_posix(): path for path in _files(root)}
        folder = frozenset(files)
        for relative, path in files.items():
            if _must_report(members, path, relative, folder):
                must += 1
                if relative not in reported:
                    problems.append(f"{result.cwd}: {relative} is not reported as unreadable")
        # Alone, enforce-ruff-S reads configurations as Ruff does (TOML 1.1 too).
        toml_1_1 = members == ["enforce-ruff-S"]
        for relative in sorted(reported):
            if relative not in files or not _unreadable(files[relative], relative, toml_1_1):
                problems.append(f"{result.cwd}: {relative} is readable, yet reported as SCH001")
    assert not problems, "\n".join(problems[:20])
    return must


def _files(root: Path) -> Iterator[Path]:
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if d != ".git"]
        for name in names:
            path = Path(folder, name)
            if path.is_file():
                yield path


# -- the corpus -----------------------------------------------------------------------------------


def _add_python_files(root: Path) -> None:
    """A Python file beside every Ruff configuration, so that enforce-ruff-S reads it."""
    for path in list(_files(root)):
        if path.name in RUFF_CONFIGS:
            (path.parent / PYTHON_FILE).write_text("import subprocess\n")


@pytest.fixture(scope="module")
def corpus_copy(corpus: Corpus, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus as one git repository (repository-level hooks discover files with git)."""
    root = tmp_path_factory.mktemp("corpus")
    for repo in sorted(p for p in corpus.root.iterdir() if p.is_dir()):
        shutil.copytree(repo, root / repo.name, symlinks=True)
    _add_python_files(root)
    git("init", "-q", "-b", "main", cwd=root)
    git("add", "-A", cwd=root)
    return root


def _sweep(hook_id: str, corpus_copy: Path, tmp_path: Path) -> None:
    folders = sorted(p for p in corpus_copy.iterdir() if p.is_dir() and p.name != ".git")
    results = _run_batches(hook_id, folders, tmp_path)
    assert len(results) == len(folders)
    _check_results(hook_id, results, {str(f): f for f in folders})


@pytest.mark.parametrize("hook_id", hook_registry.HOOK_MODULES)
def test_every_corpus_file(hook_id: str, corpus_copy: Path, tmp_path: Path) -> None:
    _sweep(hook_id, corpus_copy, tmp_path)


# All hooks together share one workspace; over the sample only (the full corpus runs each hook
# alone above, and the damaged copies of both run them together too), to keep the suite fast.
@pytest.mark.corpora("sample")
def test_every_corpus_file_under_check(corpus_copy: Path, tmp_path: Path) -> None:
    _sweep("check", corpus_copy, tmp_path)


# -- damaged copies -------------------------------------------------------------------------------


def _truncated(path: str, data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data))] if data else data


def _flipped(path: str, data: bytes, rng: random.Random) -> bytes:
    damaged = bytearray(data)
    for _ in range(min(8, len(damaged))):
        damaged[rng.randrange(len(damaged))] ^= 1 << rng.randrange(8)
    return bytes(damaged)


def _random_bytes(path: str, data: bytes, rng: random.Random) -> bytes:
    return rng.randbytes(rng.randrange(1, 4096))


def _bom(path: str, data: bytes, rng: random.Random) -> bytes:
    return b"\xef\xbb\xbf" + data


def _crlf(path: str, data: bytes, rng: random.Random) -> bytes:
    return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


def _nul(path: str, data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + b"\0" + data[at:]


def _tabs(path: str, data: bytes, rng: random.Random) -> bytes:
    lines = data.split(b"\n")
    return b"\n".join(
        b"\t" + line.lstrip(b" ") if line.startswith(b"  ") else line for line in lines
    )


def _deep(path: str, data: bytes, rng: random.Random) -> bytes:
    # 1,000 levels in the syntax of the file (flow lists in YAML, arrays in TOML).
    key = b"deep: " if path.endswith((".yml", ".yaml")) else b"deep = "
    return data + b"\n" + key + b"[" * 1000 + b"1" + b"]" * 1000 + b"\n"


DAMAGES: dict[str, Callable[[str, bytes, random.Random], bytes]] = {
    "truncated": _truncated,
    "flipped": _flipped,
    "random": _random_bytes,
    "bom": _bom,
    "crlf": _crlf,
    "nul": _nul,
    "tabs": _tabs,
    "deep": _deep,
}


def _special_cases() -> dict[str, bytes]:
    """Hostile files that are not copies of a corpus file."""
    bomb = ["on: pull_request_target", "a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    bomb += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 40)]
    bomb += ["jobs:", "  j:", "    runs-on: *a39", "    steps: *a39"]
    flow = b"on: pull_request_target\nx: [" + b"1," * (3 * 1024 * 1024) + b"]\n"
    return {
        ".github/workflows/alias-bomb.yml": "\n".join(bomb).encode() + b"\n",
        ".github/workflows/deep-flow.yml": b"on: pull_request_target\nx: "
        + b"[" * 200_000
        + b"]" * 200_000,
        ".github/workflows/deep-block.yml": b"on: pull_request_target\nx:\n"
        + b"  "
        + b"- " * 200_000
        + b"x\n",
        ".github/workflows/deep-mapping.yml": b"on: pull_request_target\n"
        + b"".join(b" " * i + b"k:\n" for i in range(1000)),
        ".github/workflows/many-nodes.yml": flow,
        ".github/workflows/empty.yml": b"",
        ".github/workflows/only-bom.yml": b"\xef\xbb\xbf",
        ".github/workflows/utf16.yml": "on: pull_request_target\n".encode("utf-16"),
        ".github/workflows/latin1.yml": "on: pull_request_target # caf\xe9\n".encode("latin-1"),
        ".github/workflows/lone-cr.yml": b"on: pull_request_target\rjobs: {}\r",
        ".github/workflows/two-docs.yml": b"on: pull_request_target\n---\non: push\n",
        ".github/workflows/control.yml": b"on: pull_request_target\nx: \x01\n",
        ".github/workflows/ls-breaks.yml": "on: pull_request_target\u2028\u2028x: [\n".encode(),
        "pyproject.toml": b'[tool.x]\na = "\\q"\n' + b'\\"""\n' * 5000,
        "uv.lock": b"version = 1\n" + b"x = " + b"[" * 1000 + b"]" * 1000 + b"\n",
    }


HUGE = ".github/workflows/huge.yml"


def _write_huge(path: Path) -> None:
    """A 100 MB workflow (written in chunks, never held in memory)."""
    chunk = b"      - run: echo this line is one of very many lines in a huge file\n" * 16_384
    with path.open("wb") as handle:
        handle.write(b"on: pull_request_target\njobs:\n  j:\n    steps:\n")
        while handle.tell() < 100 * 1024 * 1024:
            handle.write(chunk)


def _damage_bases(corpus: Corpus) -> list[Path]:
    """The corpus files to damage: all of them in the long fuzz run, else a fixed sample of
    every kind of file with the workflows that use pull_request_target first."""
    every = sorted(p for p in corpus.root.rglob("*") if p.is_file())
    if LONG_FUZZ:
        return every
    rng = random.Random(8)  # noqa: S311 - a fixed sample, not security
    triggered = [p for p in every if b"pull_request_target" in p.read_bytes()]
    by_suffix: dict[str, list[Path]] = {}
    for path in every:
        by_suffix.setdefault(path.suffix or path.name, []).append(path)
    sample = rng.sample(triggered, min(10, len(triggered)))
    for group in sorted(by_suffix):
        sample += rng.sample(by_suffix[group], min(3, len(by_suffix[group])))
    return sorted(set(sample))


@pytest.fixture(scope="module")
def damaged(corpus: Corpus, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Folders of damaged files, each file at its original relative path (as many files per
    folder as their paths allow), all in one git repository; each run's `.` is one folder,
    as when a hook runs in a subdirectory."""
    root = tmp_path_factory.mktemp("damaged")
    rng = random.Random(1000)  # noqa: S311 - fixed damage, not security
    cases: list[tuple[str, bytes]] = []
    for base in _damage_bases(corpus):
        relative = corpus.relative(base).split("/", 1)[1]
        data = base.read_bytes()
        kinds = sorted(DAMAGES) if LONG_FUZZ else rng.sample(sorted(DAMAGES), 3)
        cases += [(relative, DAMAGES[kind](relative, data, rng)) for kind in kinds]
    cases += list(_special_cases().items())
    folders = _place(root, cases)
    _add_python_files(root)
    git("init", "-q", "-b", "main", cwd=root)
    git("add", "-A", cwd=root)
    # The huge file sits in a repository of its own (git need not hash it with the rest).
    huge = tmp_path_factory.mktemp("huge") / "case-huge"
    (huge / HUGE).parent.mkdir(parents=True)
    _write_huge(huge / HUGE)
    git("init", "-q", "-b", "main", cwd=huge)
    git("add", "-A", cwd=huge)
    folders.append(huge)
    return folders


def _place(root: Path, cases: list[tuple[str, bytes]]) -> list[Path]:
    """Write each case into the first folder where its path (and its parents) are free."""
    taken: list[tuple[set[str], set[str]]] = []  # (files, folders) of each case folder
    for relative, data in cases:
        parents = {relative.rsplit("/", n)[0] for n in range(1, relative.count("/") + 1)}
        number = next(
            (
                number
                for number, (files, dirs) in enumerate(taken)
                if relative not in files and relative not in dirs and not parents & files
            ),
            len(taken),
        )
        if number == len(taken):
            taken.append((set(), set()))
        taken[number][0].add(relative)
        taken[number][1].update(parents)
        target = root / f"case-{number:05d}" / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return [root / f"case-{number:05d}" for number in range(len(taken))]


#: Damaged copies of the sample (it holds every kind of file); the long fuzz run damages every
#: file of every corpus.
DAMAGED_CORPORA = (
    pytest.mark.corpora("sample", "full") if LONG_FUZZ else pytest.mark.corpora("sample")
)


@DAMAGED_CORPORA
@pytest.mark.parametrize("hook_id", _swept_ids())
def test_damaged_copies(hook_id: str, damaged: list[Path], tmp_path: Path) -> None:
    results = _run_batches(hook_id, damaged, tmp_path)
    assert len(results) == len(damaged)
    # The damage reaches every hook: each has unreadable files it must report.
    assert _check_results(hook_id, results, {str(f): f for f in damaged}) > 0
    if "forbid-pull-request-target" in _member_hooks(hook_id):
        by_folder = {Path(r.cwd).name: r for r in results}
        huge = [f for f in by_folder["case-huge"].findings if f["path"] == HUGE]
        assert [f["message"] for f in huge] == ["file is larger than 32 MiB, not checked"]


@DAMAGED_CORPORA
def test_the_damage_is_real(damaged: list[Path]) -> None:
    """The damaged set holds files that do not decode and files that do not parse."""
    undecodable = unparsable = 0
    for folder in damaged[:-1]:
        for path in _files(folder):
            relative = path.relative_to(folder).as_posix()
            try:
                text = decode(relative, path.read_bytes()).text
            except InputError:
                undecodable += 1
                continue
            if relative.endswith((".yml", ".yaml")):
                try:
                    yaml_doc.parse(decode(relative, text.encode()))
                except InputError:
                    unparsable += 1
    assert undecodable >= 5
    assert unparsable >= 5
