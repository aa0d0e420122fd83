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
import random
import resource
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from supply_chain_hooks import hooks as hook_registry
from supply_chain_hooks import yaml_doc
from supply_chain_hooks.github.workflow import is_action_path, is_workflow_path
from supply_chain_hooks.hooks.require_trusted_publishing import may_publish
from supply_chain_hooks.precommit.config import matches as precommit_matches
from supply_chain_hooks.source import InputError, decode
from tests.conftest import CORPUS, git, require_corpus

LONG_FUZZ = bool(os.environ.get("SCH_LONG_FUZZ"))

#: Hooks the sweep runs, each alone and all together under the umbrella ("check").
#: Add a hook here once it is registered in HOOK_MODULES and its own tests are green.
SWEEP_HOOKS: tuple[str, ...] = (
    "forbid-pull-request-target",
    "pin-actions-to-sha",
    "require-lock-hashes",
    "pin-pre-commit-revs",
    "require-trusted-publishing",
    # check-uv-exclude-newer and enforce-ruff-S are repository-level: they read only the
    # files uv and Ruff would read (a damaged uv.lock is not read without --check-lock),
    # so "every matching file is reported" does not hold for them; they were swept by
    # hand with SCH_LONG_FUZZ=1 (no crash, no traceback).
    "check",
)


def _needs_parse_forbid_pull_request_target(path: str, text: str) -> bool:
    # The hook parses a workflow only when the trigger word (or an escape) is in the text.
    return is_workflow_path(path) and ("\\" in text or "pull_request_target" in text.lower())


#: For each hook, which files it must parse (so that a parse error must be reported).
#: A hook without an entry is still swept for crashes, exit codes and decoding errors.
MUST_PARSE: dict[str, Callable[[str, str], bool]] = {
    "forbid-pull-request-target": _needs_parse_forbid_pull_request_target,
    # pin-actions-to-sha parses every workflow and action file it is given.
    "pin-actions-to-sha": lambda path, text: is_workflow_path(path) or is_action_path(path),
    # pin-pre-commit-revs parses every .pre-commit-config.yaml it is given.
    "pin-pre-commit-revs": lambda path, text: precommit_matches(path),
    # require-trusted-publishing parses a workflow or action that may publish (a word or an escape).
    "require-trusted-publishing": lambda path, text: (
        (is_workflow_path(path) or is_action_path(path)) and may_publish(text)
    ),
}
#: How each hook's files are parsed, by the predicate above.
PARSERS: dict[str, Callable[[str], object]] = {
    "forbid-pull-request-target": lambda text: yaml_doc.parse(decode("f", text.encode())),
    "pin-actions-to-sha": lambda text: yaml_doc.parse(decode("f", text.encode())),
    "pin-pre-commit-revs": lambda text: yaml_doc.parse(decode("f", text.encode())),
    "require-trusted-publishing": lambda text: yaml_doc.parse(decode("f", text.encode())),
}

#: The child's address-space limit and time limit.
MEMORY_LIMIT = 1536 * 1024 * 1024
TIMEOUT = 240.0


def _swept_ids() -> list[str]:
    return [h for h in SWEEP_HOOKS if h == "check" or h in hook_registry.HOOK_MODULES]


def _member_hooks(hook_id: str) -> list[str]:
    if hook_id != "check":
        return [hook_id]
    return [h for h in SWEEP_HOOKS if h != "check" and h in hook_registry.HOOK_MODULES]


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
        capture_output=True, timeout=TIMEOUT, preexec_fn=_limit_child, check=False,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr.decode(errors="replace")[-3000:]
    results = []
    for raw in json.loads(completed.stdout):
        findings = json.loads(raw["stdout"]) if raw["stdout"].strip() else []
        results.append(Result(raw["cwd"], raw["code"], raw["crash"], findings, raw["stderr"]))
    return results


_EXPECTED: dict[tuple[tuple[str, ...], str], bool] = {}


def _expected_unreadable(hook_ids: list[str], path: Path, relative: str) -> bool:
    """Whether a swept hook must report this file as SCH001 (it cannot be decoded, or a
    hook that must parse it cannot)."""
    key = (tuple(hook_ids), str(path))
    if key not in _EXPECTED:
        _EXPECTED[key] = _unreadable(hook_ids, relative, path)
    return _EXPECTED[key]


def _unreadable(hook_ids: list[str], relative: str, path: Path) -> bool:
    routed = [h for h in hook_ids if hook_registry.load(h).matches(relative)]
    if not routed:
        return False
    with path.open("rb") as handle:
        data = handle.read(64 * 1024 * 1024)
    try:
        text = decode(relative, data).text
    except InputError:
        return True
    for hook_id in routed:
        must_parse = MUST_PARSE.get(hook_id)
        if must_parse is not None and must_parse(relative, text):
            try:
                PARSERS[hook_id](text)
            except InputError:
                return True
    return False


def _check_results(hook_id: str, results: list[Result], roots: dict[str, Path]) -> None:
    members = _member_hooks(hook_id)
    problems = []
    for result in results:
        if result.crash is not None:
            problems.append(f"{result.cwd}: crashed:\n{result.crash}")
            continue
        if result.code not in (0, 1) or "Traceback" in result.stderr:
            problems.append(f"{result.cwd}: exit {result.code}\n{result.stderr[-3000:]}")
            continue
        reported = {str(f["path"]) for f in result.findings if f["code"] == "SCH001"}
        root = roots[result.cwd]
        for path in _files(root):
            relative = path.relative_to(root).as_posix()
            if _expected_unreadable(members, path, relative) and relative not in reported:
                problems.append(f"{result.cwd}: {relative} is not reported as unreadable")
    assert not problems, "\n".join(problems[:20])


def _files(root: Path) -> Iterator[Path]:
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if d != ".git"]
        for name in names:
            path = Path(folder, name)
            if path.is_file():
                yield path


# -- the corpus -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus as one git repository (repository-level hooks discover files with git)."""
    require_corpus()
    root = tmp_path_factory.mktemp("corpus")
    for repo in sorted(p for p in CORPUS.iterdir() if p.is_dir()):
        shutil.copytree(repo, root / repo.name, symlinks=True)
    git("init", "-q", "-b", "main", cwd=root)
    git("add", "-A", cwd=root)
    return root


@pytest.mark.parametrize("hook_id", _swept_ids())
def test_every_corpus_file(hook_id: str, corpus_copy: Path, tmp_path: Path) -> None:
    folders = sorted(p for p in corpus_copy.iterdir() if p.is_dir() and p.name != ".git")
    results = _run_batches(hook_id, folders, tmp_path)
    assert len(results) == len(folders)
    _check_results(hook_id, results, {str(f): f for f in folders})


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


def _damage_bases() -> list[Path]:
    """The corpus files to damage: all of them in the long fuzz run, else a fixed sample of
    every kind of file with the workflows that use pull_request_target first."""
    every = sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.name != "MANIFEST.tsv")
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
def damaged(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Folders of damaged files, each file at its original relative path (as many files per
    folder as their paths allow), all in one git repository; each run's `.` is one folder,
    as when a hook runs in a subdirectory."""
    require_corpus()
    root = tmp_path_factory.mktemp("damaged")
    rng = random.Random(1000)  # noqa: S311 - fixed damage, not security
    cases: list[tuple[str, bytes]] = []
    for base in _damage_bases():
        relative = base.relative_to(CORPUS).as_posix().split("/", 1)[1]
        data = base.read_bytes()
        kinds = sorted(DAMAGES) if LONG_FUZZ else rng.sample(sorted(DAMAGES), 3)
        cases += [(relative, DAMAGES[kind](relative, data, rng)) for kind in kinds]
    cases += list(_special_cases().items())
    folders = _place(root, cases)
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


@pytest.mark.parametrize("hook_id", _swept_ids())
def test_damaged_copies(hook_id: str, damaged: list[Path], tmp_path: Path) -> None:
    results = _run_batches(hook_id, damaged, tmp_path)
    assert len(results) == len(damaged)
    _check_results(hook_id, results, {str(f): f for f in damaged})
    if "forbid-pull-request-target" in _member_hooks(hook_id):
        by_folder = {Path(r.cwd).name: r for r in results}
        huge = [f for f in by_folder["case-huge"].findings if f["path"] == HUGE]
        assert [f["message"] for f in huge] == ["file is larger than 32 MiB, not checked"]


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
