#!/usr/bin/env python3
"""Whole-process benchmarks: our hooks against `zizmor --offline` and against the I/O floor.

Every measurement is one whole process, as pre-commit starts it: interpreter start-up,
imports, reading, checking and reporting. Each case runs every side once to warm up (and to
write the bytecode cache, as `pip install` does), then several rounds in which the sides run
one after another, in alternating order, so machine drift hits all of them alike. The table
shows medians, the median of the per-round ratios, and the peak resident memory of each
process (from `wait4`, so no helper process is needed).

    .venv/bin/python benchmarks/run.py            # full run, a few minutes on 2 cores
    .venv/bin/python benchmarks/run.py --quick    # fewer rounds
    .venv/bin/python benchmarks/run.py --write    # also update docs/benchmarks.md

A hook whose console script is not installed is reported as "not available"; corpus cases
are skipped when `../shared/corpus` is absent. Inputs that are generated (a 3 MB uv.lock,
a requirements file with 5,000 hashed pins, a repository of 10,000 Python files) are built
in a temporary folder by the functions below, which `tests/test_benchmarks.py` exercises.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "repos"
DOCS = ROOT / "docs" / "benchmarks.md"
START_MARKER = "<!-- benchmark-results:start -->"
END_MARKER = "<!-- benchmark-results:end -->"
MIB = 1024 * 1024
#: Exit codes that mean "ran to the end" (clean, or findings reported).
OURS_OK = frozenset({0, 1})
ZIZMOR_OK = frozenset({0, 1, *range(10, 15)})
#: No single process may run longer than this (a hung process is killed and reported).
TIMEOUT = 180.0

# Runs one command and prints its wall time, peak RSS (bytes) and exit code. The command is
# started by this small process rather than by the benchmark itself because Linux counts
# the RSS of the process that spawns a child (at exec) in the child's peak: measured from a
# 30 MB benchmark process every command would weigh at least 30 MB.
WRAPPER_CODE = """\
import os, signal, sys, time
output, timeout, argv = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
sink = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
actions = [(os.POSIX_SPAWN_DUP2, sink, 1), (os.POSIX_SPAWN_DUP2, sink, 2)]
start = time.perf_counter()
pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=actions)
signal.signal(signal.SIGALRM, lambda *_: os.kill(pid, signal.SIGKILL))
signal.setitimer(signal.ITIMER_REAL, timeout)
if hasattr(os, "wait4"):
    _, status, usage = os.wait4(pid, 0)
    peak = str(usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024))
else:
    _, status = os.waitpid(pid, 0)
    peak = "-"
print(time.perf_counter() - start, peak, os.waitstatus_to_exitcode(status))
"""

# The I/O floor: the same interpreter, reading the same bytes and nothing else. With
# `--git SUFFIXES` it first lists the tracked files (as repository-level hooks discover them)
# and reads those that end with one of the suffixes.
FLOOR_CODE = """\
import sys
paths = sys.argv[1:]
if paths[:1] == ["--git"]:
    import subprocess
    listed = subprocess.run(["git", "ls-files", "-z"], capture_output=True, check=True).stdout
    suffixes = tuple(paths[1].split(","))
    paths = [p for p in listed.decode().split("\\0") if p.endswith(suffixes)]
total = 0
for path in paths:
    with open(path, "rb") as handle:
        total += len(handle.read())
print(total)
"""


# --------------------------------------------------------------------------- inputs


def _digest(*parts: object) -> str:
    return hashlib.sha256("/".join(map(str, parts)).encode()).hexdigest()


SMALL_WORKFLOW = """\
name: CI

on:
  push:
    branches: [main]
  pull_request:

permissions:
  contents: read

jobs:
  test:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        python: ["3.11", "3.12", "3.13"]
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
        with:
          persist-credentials: false
      - uses: actions/setup-python@a26af69be951a213d495a4c3e4e4022e16d87065 # v5.6.0
        with:
          python-version: ${{ matrix.python }}
      - name: Test
        run: |
          python -m pip install -e .
          python -m pytest
"""


def write_small_workflow(root: Path) -> Path:
    """A typical 27-line CI workflow at root/.github/workflows/ci.yml."""
    path = root / ".github" / "workflows" / "ci.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(SMALL_WORKFLOW)
    return path


def _wheel_tags(index: int) -> list[str]:
    if index % 3 == 0:
        return ["py3-none-any"]
    tags = []
    for python in ("cp310", "cp311", "cp312", "cp313"):
        for plat in (
            "manylinux_2_17_x86_64.manylinux2014_x86_64",
            "macosx_11_0_arm64",
            "win_amd64",
        ):
            tags.append(f"{python}-{python}-{plat}")
    return tags[: 4 + index % 9]


def _artifact(name: str, version: str, filename: str, index: int) -> str:
    digest = _digest(name, version, filename)
    url = (
        f"https://files.pythonhosted.org/packages/{digest[:2]}/{digest[2:4]}/{digest[4:60]}/"
        f"{filename}"
    )
    size = 10_000 + int(digest[:6], 16) % 900_000
    return (
        f'{{ url = "{url}", hash = "sha256:{digest}", size = {size}, '
        f'upload-time = "2025-{1 + index % 12:02d}-{1 + index % 28:02d}T10:00:00.000Z" }}'
    )


def generate_uv_lock(path: Path, target_bytes: int) -> int:
    """A uv.lock (format of uv 0.13) of registry packages with sdists and wheels, all hashed,
    plus an editable root project; grows until it has at least target_bytes. Returns the
    number of packages."""
    names: list[str] = []
    blocks: list[str] = []
    size = 0
    index = 0
    while size < target_bytes or index < 2:
        name = f"package-{index:05d}"
        version = f"{1 + index % 7}.{index % 13}.{index % 5}"
        dependencies = [f"package-{dep:05d}" for dep in range(max(0, index - 3), index)]
        file_stem = f"{name.replace('-', '_')}-{version}"
        lines = [
            "[[package]]",
            f'name = "{name}"',
            f'version = "{version}"',
            'source = { registry = "https://pypi.org/simple" }',
        ]
        if dependencies:
            lines.append("dependencies = [")
            lines += [f'    {{ name = "{dep}" }},' for dep in dependencies]
            lines.append("]")
        lines.append(f"sdist = {_artifact(name, version, file_stem + '.tar.gz', index)}")
        lines.append("wheels = [")
        lines += [
            f"    {_artifact(name, version, f'{file_stem}-{tag}.whl', index)},"
            for tag in _wheel_tags(index)
        ]
        lines.append("]")
        block = "\n".join(lines) + "\n"
        blocks.append(block)
        names.append(name)
        size += len(block) + 1
        index += 1
    root = "\n".join(
        [
            "[[package]]",
            'name = "generated-root"',
            'version = "0.1.0"',
            'source = { editable = "." }',
            "dependencies = [",
            *[f'    {{ name = "{name}" }},' for name in names[-5:]],
            "]",
            "",
            "[package.metadata]",
            "requires-dist = [",
            *[f'    {{ name = "{name}", specifier = ">=1" }},' for name in names[-5:]],
            "]",
        ]
    )
    header = (
        'version = 1\nrevision = 3\nrequires-python = ">=3.10"\n\n'
        '[options]\nexclude-newer = "2025-12-01T00:00:00Z"\n\n'
    )
    # uv sorts packages by name; the root sorts between the numbered packages and the end.
    path.write_text(header + "\n".join([*blocks, root + "\n"]))
    return len(names) + 1


def generate_requirements(path: Path, pins: int) -> None:
    """A requirements file as `uv pip compile --generate-hashes` writes it, with pins entries."""
    lines = [
        "# This file was autogenerated by uv via the following command:",
        "#    uv pip compile --generate-hashes requirements.in -o requirements.txt",
    ]
    for index in range(pins):
        name = f"package-{index:05d}"
        version = f"{1 + index % 7}.{index % 13}.{index % 5}"
        hashes = [_digest(name, version, n) for n in range(1 + index % 3)]
        lines.append(f"{name}=={version} \\")
        lines += [f"    --hash=sha256:{digest} \\" for digest in hashes[:-1]]
        lines.append(f"    --hash=sha256:{hashes[-1]}")
        lines.append(
            "    # via -r requirements.in" if index % 4 else f"    # via package-{index + 1:05d}"
        )
    path.write_text("\n".join(lines) + "\n")


def _python_file(member: int, module: int, number: int) -> str:
    return (
        f'"""Module {number} of subpackage {module} in member {member}."""\n\n'
        "from __future__ import annotations\n\n"
        "import subprocess\n\n\n"
        f"def run_{number}(args: list[str]) -> str:\n"
        f"    # ruff would report S603 here unless configured otherwise\n"
        "    return subprocess.run(args, capture_output=True, check=True, text=True).stdout\n\n\n"
        f"VALUE_{number} = {member * 1000 + number}\n"
    )


def generate_repository(root: Path, python_files: int, *, members: int = 20) -> None:
    """A git repository: a uv workspace (root plus `members` packages, one uv.lock) with
    python_files Python files, nested Ruff configs (pyproject `[tool.ruff]` in the root and
    in each member, `ruff.toml` and `.ruff.toml` in some subpackages, extend chains, per-file
    ignores) and a `tests/` folder per member. Files are added to the git index."""
    root.mkdir(parents=True, exist_ok=True)
    members = max(1, min(members, python_files))
    (root / "pyproject.toml").write_text(
        '[project]\nname = "workspace-root"\nversion = "0.1.0"\nrequires-python = ">=3.11"\n'
        "dependencies = [" + ", ".join(f'"member-{m:02d}"' for m in range(members)) + "]\n\n"
        "[tool.uv]\n"
        'exclude-newer = "7 days"\n\n'
        "[tool.uv.sources]\n"
        + "".join(f"member-{m:02d} = {{ workspace = true }}\n" for m in range(members))
        + '\n[tool.uv.workspace]\nmembers = ["packages/*"]\n\n'
        '[tool.ruff]\nline-length = 100\n\n[tool.ruff.lint]\nextend-select = ["S", "B", "I"]\n\n'
        '[tool.ruff.lint.per-file-ignores]\n"**/tests/**" = ["S101"]\n'
    )
    generate_uv_lock(root / "uv.lock", 20_000)
    per_member = [python_files // members + (m < python_files % members) for m in range(members)]
    for member, count in enumerate(per_member):
        base = root / "packages" / f"member-{member:02d}"
        (base / "src").mkdir(parents=True, exist_ok=True)
        (base / "pyproject.toml").write_text(
            f'[project]\nname = "member-{member:02d}"\nversion = "0.1.0"\n'
            'requires-python = ">=3.11"\n\n'
            '[tool.ruff]\nextend = "../../pyproject.toml"\n\n'
            '[tool.ruff.lint]\nextend-ignore = ["B008"]\n'
        )
        tests = base / "tests"
        tests.mkdir(exist_ok=True)
        n_tests = max(count // 10, 1 if count > 1 else 0)
        for number in range(n_tests):
            (tests / f"test_{number:04d}.py").write_text(
                f"def test_{number}() -> None:\n    assert {number} + 1 == {number + 1}\n"
            )
        remaining = count - n_tests
        module = 0
        while remaining > 0:
            folder = base / "src" / f"member_{member:02d}" / f"sub_{module:03d}"
            folder.mkdir(parents=True, exist_ok=True)
            if module % 4 == 1:
                (folder / "ruff.toml").write_text(
                    'extend = "../../../pyproject.toml"\n\n[lint]\nignore = ["E501"]\n'
                )
            elif module % 4 == 3:
                (folder / ".ruff.toml").write_text(
                    'extend = "../../../pyproject.toml"\n\n[lint.per-file-ignores]\n'
                    '"legacy_*.py" = ["S603"]\n'
                )
            batch = min(remaining, max(2, min(50, count // 8)))
            (folder / "__init__.py").write_text("")
            for number in range(batch - 1):
                prefix = "legacy_" if number % 10 == 0 else "module_"
                (folder / f"{prefix}{number:03d}.py").write_text(
                    _python_file(member, module, number)
                )
            remaining -= batch
            module += 1
    git = shutil.which("git")
    if git is not None:
        env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
        for args in (["init", "-q"], ["add", "-A"]):
            subprocess.run([git, *args], cwd=root, env=env, check=True, capture_output=True)  # noqa: S603 - fixed commands the benchmark itself builds


BIG_WORKFLOWS = {
    "ci.yml": SMALL_WORKFLOW,
    "lint.yml": (
        "name: Lint\n\non: [push, pull_request]\n\npermissions: {}\n\njobs:\n  lint:\n"
        "    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2\n"
        "        with:\n          persist-credentials: false\n"
        "      - uses: astral-sh/setup-uv@v6\n"
        "      - run: uv run --locked pre-commit run --all-files\n"
    ),
    "release.yml": (
        "name: Release\n\non:\n  push:\n    tags: ['v*']\n\npermissions: {}\n\njobs:\n"
        "  publish:\n    runs-on: ubuntu-latest\n    environment: pypi\n"
        "    permissions:\n      id-token: write\n    steps:\n"
        "      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2\n"
        "        with:\n          persist-credentials: false\n"
        "      - run: python -m pip install build && python -m build\n"
        "      - uses: pypa/gh-action-pypi-publish@release/v1\n"
    ),
    "docs.yml": (
        "name: Docs\n\non:\n  pull_request_target:\n    paths: ['docs/**']\n\n"
        "permissions:\n  contents: read\n\njobs:\n  build:\n    runs-on: ubuntu-latest\n"
        "    steps:\n      - uses: actions/checkout@v4\n"
        "      - uses: ./.github/actions/setup\n      - run: make -C docs html\n"
    ),
    "nightly.yml": (
        "name: Nightly\n\non:\n  schedule:\n    - cron: '0 3 * * *'\n\npermissions:\n"
        "  contents: read\n\njobs:\n  test:\n    runs-on: ubuntu-latest\n    container:\n"
        "      image: python:3.13\n    steps:\n"
        "      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2\n"
        "        with:\n          persist-credentials: false\n"
        "      - run: pip install --require-hashes -r requirements.txt && pytest\n"
    ),
}

BIG_ACTION = """\
name: Set up
description: Set up Python and the project
runs:
  using: composite
  steps:
    - uses: actions/setup-python@a26af69be951a213d495a4c3e4e4022e16d87065 # v5.6.0
      with:
        python-version: "3.13"
    - run: pip install -r requirements.txt
      shell: bash
"""

BIG_PRE_COMMIT = """\
repos:
  - repo: https://github.com/astral-sh/ruff-pre-commit
    rev: v0.12.0
    hooks:
      - id: ruff-check
      - id: ruff-format
  - repo: https://github.com/pre-commit/pre-commit-hooks
    rev: cef0300fd0fc4d2a87a85fa2093c6b283ea36f4b  # frozen: v5.0.0
    hooks:
      - id: check-yaml
"""

BIG_DOCKERFILE = """\
FROM python:3.13-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
CMD ["python", "-m", "bigapp"]
"""

#: Bumped when generate_big_repository's output changes (a kept copy is then rebuilt).
BIG_REPOSITORY_VERSION = "1"


def _big_module(package: int, sub: int, number: int) -> str:
    return (
        f'"""Handlers of area {package}.{sub}, part {number}."""\n\n'
        "from __future__ import annotations\n\n"
        "import json\nimport logging\n\n"
        "LOG = logging.getLogger(__name__)\n\n\n"
        f"class Handler{number}:\n"
        f'    """Handles records of kind {number}."""\n\n'
        "    def __init__(self, limit: int = 10) -> None:\n"
        "        self.limit = limit\n\n"
        "    def handle(self, payload: str) -> dict[str, object]:\n"
        "        data = json.loads(payload)\n"
        f'        LOG.debug("handler {package}.{sub}.{number}: %s", data)\n'
        "        return {key: value for key, value in data.items() if len(key) < self.limit}\n"
    )


def _git(root: Path, *args: str) -> None:
    git = shutil.which("git")
    if git is None:
        raise RuntimeError("git is not installed")
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
    for role in ("AUTHOR", "COMMITTER"):
        env |= {f"GIT_{role}_NAME": "b", f"GIT_{role}_EMAIL": "b@example.com"}
        env[f"GIT_{role}_DATE"] = "2024-01-01T00:00:00Z"
    subprocess.run([git, *args], cwd=root, env=env, check=True, capture_output=True)  # noqa: S603 - fixed commands the benchmark itself builds


def generate_big_repository(root: Path, files: int = 28_000) -> int:
    """A committed git repository of about `files` tracked files, shaped like a large
    application: Python packages nested three deep (most of the files), documentation
    (.md), data (.json, .txt, .yml), a tracked `node_modules`-like frontend folder and a
    vendored third-party folder, five workflows and a composite action, a pyproject.toml
    with [tool.ruff] and [tool.uv], requirements files, a uv.lock, a
    .pre-commit-config.yaml and a Dockerfile. Kept when root already holds this version
    (with --keep); returns the number of tracked files."""
    stamp = root / ".git" / "sch-benchmark-version"
    if stamp.is_file() and stamp.read_text() == f"{BIG_REPOSITORY_VERSION}/{files}":
        command = ["git", "ls-files", "-z"]
        listed = subprocess.run(command, cwd=root, capture_output=True, check=True)  # noqa: S603 - fixed commands the benchmark itself builds
        return listed.stdout.count(b"\0")
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    written = 0

    def put(relative: str, text: str) -> None:
        nonlocal written
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        written += 1

    for name, text in BIG_WORKFLOWS.items():
        put(f".github/workflows/{name}", text)
    put(".github/actions/setup/action.yml", BIG_ACTION)
    put(
        ".github/dependabot.yml",
        "version: 2\nupdates:\n  - package-ecosystem: pip\n    directory: /\n"
        "    schedule:\n      interval: weekly\n",
    )
    put(".pre-commit-config.yaml", BIG_PRE_COMMIT)
    put("Dockerfile", BIG_DOCKERFILE)
    put(".gitignore", "__pycache__/\n*.egg-info/\n.venv/\n")
    put("README.md", "# bigapp\n\nA large generated application.\n")
    put(
        "pyproject.toml",
        '[project]\nname = "bigapp"\nversion = "1.0.0"\nrequires-python = ">=3.11"\n'
        'dependencies = ["package-00000", "package-00001"]\n\n'
        '[tool.uv]\nexclude-newer = "7 days"\n\n'
        '[tool.ruff]\nline-length = 100\nextend-exclude = ["vendor"]\n\n'
        '[tool.ruff.lint]\nextend-select = ["S", "B", "I"]\n\n'
        '[tool.ruff.lint.per-file-ignores]\n"tests/**" = ["S101"]\n',
    )
    lock = root / "uv.lock"
    generate_uv_lock(lock, 200_000)
    written += 1
    for name, pins in (("requirements.txt", 60), ("requirements-dev.txt", 30)):
        generate_requirements(root / name, pins)
        written += 1
    (root / "requirements").mkdir()
    generate_requirements(root / "requirements" / "docs.txt", 20)
    written += 1
    # Shares of what is left: Python 72 %, docs 6 %, data 6 %, node_modules 10 %, vendor 6 %.
    left = files - written
    shares = {"python": 72, "docs": 6, "data": 6, "node": 10, "vendor": 6}
    counts = {key: left * share // 100 for key, share in shares.items()}
    counts["python"] += left - sum(counts.values())
    number = 0
    while number < counts["python"]:
        package, rest = divmod(number, 400)
        sub, index = divmod(rest, 20)
        base = f"src/bigapp/area_{package:03d}/part_{sub:02d}"
        if index == 0:
            put(f"{base}/__init__.py", "")
        elif index == 1 and sub == 0:
            test = "def test_it() -> None:\n    assert 1 + 1 == 2\n"
            put(f"tests/area_{package:03d}/test_part_{sub:02d}.py", test)
        else:
            put(f"{base}/handler_{index:02d}.py", _big_module(package, sub, index))
        number += 1
    for number in range(counts["docs"]):
        section, page = divmod(number, 50)
        page_text = f"# Page {page} of section {section}\n\nSee `bigapp.area_{section:03d}`.\n"
        put(f"docs/section_{section:02d}/page_{page:02d}.md", page_text)
    for number in range(counts["data"]):
        folder, item = divmod(number, 100)
        suffix = (".json", ".txt", ".yml")[item % 3]
        text = {
            ".json": f'{{"id": {number}, "name": "record-{number}"}}\n',
            ".txt": f"record {number}\n",
            ".yml": f"id: {number}\nname: record-{number}\n",
        }[suffix]
        put(f"data/set_{folder:03d}/record_{item:03d}{suffix}", text)
    for number in range(counts["node"]):
        package, item = divmod(number, 10)
        name = f"frontend/node_modules/pkg-{package:04d}"
        if item == 0:
            put(f"{name}/package.json", f'{{"name": "pkg-{package}", "version": "1.0.{item}"}}\n')
        elif item == 1:
            put(f"{name}/README.md", f"# pkg-{package}\n")
        else:
            put(f"{name}/lib/part_{item}.js", f"module.exports = {number};\n")
    for number in range(counts["vendor"]):
        library, item = divmod(number, 40)
        base = f"vendor/thirdparty_{library:03d}"
        if item == 0:
            put(f"{base}/requirements.txt", "six\n")  # vendored, unpinned, as found in the wild
        else:
            put(f"{base}/module_{item:02d}.py", f"import subprocess\nVALUE = {number}\n")
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "generated")
    stamp.write_text(f"{BIG_REPOSITORY_VERSION}/{files}")
    return written


def generate_pin_server(root: Path, repositories: int = 20) -> Path:
    """A folder of bare git repositories `acme/r<n>.git`, each with tags `v1` and `v1.2.3`
    on its one commit: a file:// server for `pin-actions-to-sha --fix`."""
    git = shutil.which("git")
    if git is None:
        raise RuntimeError("git is not installed")
    env = {
        **os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_AUTHOR_NAME": "b", "GIT_AUTHOR_EMAIL": "b@example.com",
        "GIT_COMMITTER_NAME": "b", "GIT_COMMITTER_EMAIL": "b@example.com",
        "GIT_AUTHOR_DATE": "2024-01-01T00:00:00Z", "GIT_COMMITTER_DATE": "2024-01-01T00:00:00Z",
    }  # fmt: skip
    server = root / "server"
    for number in range(repositories):
        work = root / "work" / f"r{number}"
        work.mkdir(parents=True)
        (work / "file").write_text(str(number))
        for args in (
            ["init", "-q", "-b", "main"], ["add", "file"], ["commit", "-q", "-m", "one"],
            ["tag", "v1.2.3"], ["tag", "v1"],
            ["clone", "-q", "--bare", ".", str(server / "acme" / f"r{number}.git")],
        ):  # fmt: skip
            subprocess.run([git, *args], cwd=work, env=env, check=True, capture_output=True)  # noqa: S603 - fixed commands the benchmark itself builds
    return server


def many_uses_workflow(uses: int, repositories: int = 20) -> str:
    """One workflow job with `uses` steps, each `acme/r<n>@v1` (a tag to pin)."""
    steps = "".join(f"      - uses: acme/r{n % repositories}@v1\n" for n in range(uses))
    return "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n" + steps


# --------------------------------------------------------------------------- measuring


@dataclass(frozen=True)
class Command:
    """One side of a comparison: a command line, or why it cannot run."""

    label: str
    role: str  # "ours", "baseline", "zizmor" or "floor"
    argv: tuple[str, ...] | None
    cwd: Path
    ok_codes: frozenset[int]
    missing: str = ""
    #: Extra environment variables (PYTHONPATH for a baseline).
    env: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_bytes: int | None
    code: int


@dataclass
class Result:
    command: Command
    runs: list[Run] = field(default_factory=list)
    error: str = ""

    @property
    def usable(self) -> bool:
        return bool(self.runs) and not self.error

    @property
    def median(self) -> float:
        return statistics.median(run.seconds for run in self.runs)

    @property
    def peak(self) -> int | None:
        peaks = [run.peak_bytes for run in self.runs if run.peak_bytes is not None]
        return max(peaks) if peaks else None


@dataclass(frozen=True)
class Target:
    """What a row must achieve: a ratio against zizmor, or an absolute time (seconds)."""

    max_ratio: float | None = None
    max_seconds: float | None = None


@dataclass
class Case:
    id: str
    title: str
    commands: list[Command]
    targets: dict[str, Target] = field(default_factory=dict)
    #: Extra rows: label -> labels of `ours` commands whose times add up (pre-commit runs
    #: the hooks as separate processes, one after the other).
    sums: dict[str, tuple[str, ...]] = field(default_factory=dict)
    skipped: str = ""
    results: dict[str, Result] = field(default_factory=dict)


def find_executable(name: str) -> str | None:
    """A console script beside this interpreter (the venv), else on PATH."""
    beside = Path(sys.executable).parent / name
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which(name)


def hook(name: str, args: Sequence[str], cwd: Path) -> Command:
    executable = find_executable(name)
    if executable is None:
        return Command(name, "ours", None, cwd, OURS_OK, "not available (not installed yet)")
    return Command(name, "ours", (executable, *args), cwd, OURS_OK)


def zizmor(args: Sequence[str], cwd: Path) -> Command:
    executable = find_executable("zizmor")
    label = "zizmor --offline"
    if executable is None:
        return Command(label, "zizmor", None, cwd, ZIZMOR_OK, "not available (zizmor not found)")
    return Command(label, "zizmor", (executable, "--offline", *args), cwd, ZIZMOR_OK)


def floor(args: Sequence[str], cwd: Path) -> Command:
    argv = (sys.executable, "-c", FLOOR_CODE, *args)
    return Command("I/O floor", "floor", argv, cwd, frozenset({0}))


# Runs a hook's main() from another source tree (--baseline): `module args...`.
BASELINE_CODE = (
    "import importlib, sys\n"
    "hook = importlib.import_module('supply_chain_hooks.hooks.' + sys.argv[1])\n"
    "raise SystemExit(hook.main(sys.argv[2:]))\n"
)


def add_baseline(case: Case, source: Path) -> None:
    """Beside each of our commands, the same hook run from another checkout's sources
    (e.g. the commit before a change), measured in the same alternated rounds."""
    commands = []
    for command in case.commands:
        commands.append(command)
        module = command.label.replace("-", "_").lower()
        if command.role != "ours" or command.argv is None:
            continue
        if not (source / "supply_chain_hooks" / "hooks" / f"{module}.py").is_file():
            continue  # the hook did not exist yet
        argv = (sys.executable, "-c", BASELINE_CODE, module, *command.argv[1:])
        environment = (("PYTHONPATH", str(source)),)
        label = f"{command.label} (baseline)"
        commands.append(Command(label, "baseline", argv, command.cwd, OURS_OK, env=environment))
    case.commands = commands
    labels = {command.label for command in commands}
    for label, parts in list(case.sums.items()):
        baseline = tuple(f"{part} (baseline)" for part in parts)
        if set(baseline) <= labels:
            case.sums[f"{label} (baseline)"] = baseline


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    # Installed packages have compiled bytecode; let an editable install write its cache too.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    env.setdefault("NO_COLOR", "1")
    return env


def run_once(command: Command, output: Path) -> Run:
    """Run the command to the end through the small wrapper; its wall time and peak RSS."""
    if command.argv is None:
        raise ValueError(f"{command.label} cannot run: {command.missing}")
    wrapper = [sys.executable, "-I", "-S", "-c", WRAPPER_CODE, str(output), str(TIMEOUT)]
    done = subprocess.run(  # noqa: S603 - fixed commands the benchmark itself builds
        [*wrapper, *command.argv], cwd=command.cwd, stdin=subprocess.DEVNULL,
        capture_output=True, text=True, env={**_child_env(), **dict(command.env)}, check=False,
    )  # fmt: skip
    fields = done.stdout.split()
    if done.returncode != 0 or len(fields) != 3:
        raise RuntimeError(f"the measuring wrapper failed: {done.stderr.strip()}")
    seconds, peak, code = fields
    return Run(float(seconds), None if peak == "-" else int(peak), int(code))


def _failure(command: Command, run: Run, output: Path) -> str:
    text = output.read_text(errors="replace").strip().splitlines()
    tail = text[-1][:160] if text else ""
    if run.seconds >= TIMEOUT:
        return f"timed out after {TIMEOUT:.0f} s"
    return f"exit code {run.code}" + (f": {tail}" if tail else "")


def measure(case: Case, rounds: int, scratch: Path, log: Callable[[str], None]) -> None:
    """Warm up, then `rounds` rounds with the sides in alternating order."""
    runnable = []
    for command in case.commands:
        result = Result(command)
        case.results[command.label] = result
        if command.argv is None:
            result.error = command.missing
        else:
            runnable.append(result)
    output = scratch / "output.txt"
    for result in list(runnable):  # warm-up: bytecode cache, file cache; catches failures
        run = run_once(result.command, output)
        if run.code not in result.command.ok_codes:
            result.error = _failure(result.command, run, output)
            runnable.remove(result)
            log(f"  {result.command.label}: {result.error}")
    for number in range(rounds):
        order = runnable if number % 2 == 0 else runnable[::-1]
        for result in order:
            run = run_once(result.command, output)
            if run.code not in result.command.ok_codes:
                result.error = _failure(result.command, run, output)
                log(f"  {result.command.label}: {result.error}")
            result.runs.append(run)
    for result in runnable:
        if result.usable:
            peak = result.peak
            log(
                f"  {result.command.label:<32} median {_seconds(result.median):>9}"
                + (f"  peak {peak / MIB:6.1f} MiB" if peak is not None else "")
            )


# --------------------------------------------------------------------------- cases


def _corpus_files(patterns: Sequence[str]) -> list[str]:
    found: set[str] = set()
    for pattern in patterns:
        found.update(
            str(path.relative_to(CORPUS)) for path in CORPUS.glob(f"*/{pattern}") if path.is_file()
        )
    return sorted(found)


def _size(cwd: Path, files: Sequence[str]) -> int:
    return sum((cwd / name).stat().st_size for name in files)


def _describe(count: int, size: int) -> str:
    noun = "file" if count == 1 else "files"
    return f"{count:,} {noun}, {_bytes(size)}"


def _bytes(size: int) -> str:
    if size >= MIB:
        return f"{size / MIB:.1f} MB"
    return f"{size / 1024:.0f} kB"


WORKFLOW_HOOKS = ("pin-actions-to-sha", "forbid-pull-request-target")
BOTH = " + ".join(WORKFLOW_HOOKS)


def _absent(case_id: str, title: str) -> Case:
    return Case(case_id, title, [], skipped=f"skipped: {CORPUS} is absent")


def corpus_workflows_case(work: Path) -> Case:
    title = "All workflow and action files of the corpus"
    if not CORPUS.is_dir():
        return _absent("corpus-workflows", title)
    patterns = [".github/workflows/*.yml", ".github/workflows/*.yaml", "**/action.yml",
                "**/action.yaml"]  # fmt: skip
    files = _corpus_files(patterns)
    return Case(
        "corpus-workflows",
        f"{title} ({_describe(len(files), _size(CORPUS, files))})",
        [
            *(hook(name, files, CORPUS) for name in WORKFLOW_HOOKS),
            zizmor(files, CORPUS),
            floor(files, CORPUS),
        ],
        targets={BOTH: Target(max_ratio=0.25)},
        sums={BOTH: WORKFLOW_HOOKS},
    )


def small_workflow_case(work: Path) -> Case:
    small = work / "small"
    workflow = write_small_workflow(small).relative_to(small).as_posix()
    return Case(
        "small-workflow",
        f"One small workflow ({SMALL_WORKFLOW.count(chr(10))} lines, "
        f"{len(SMALL_WORKFLOW):,} bytes): start-up",
        [
            *(hook(name, [workflow], small) for name in WORKFLOW_HOOKS),
            zizmor([workflow], small),
            floor([workflow], small),
        ],
        targets={name: Target(max_ratio=0.5) for name in WORKFLOW_HOOKS},
    )


def corpus_locks_case(work: Path) -> Case:
    title = "The largest lock and requirements files of the corpus, one of each format"
    if not CORPUS.is_dir():
        return _absent("corpus-locks", title)
    locks = _largest_locks()
    names = ", ".join(f"`{name}`" for name in locks)
    return Case(
        "corpus-locks",
        f"{title} ({_describe(len(locks), _size(CORPUS, locks))}: {names})",
        [hook("require-lock-hashes", locks, CORPUS), floor(locks, CORPUS)],
    )


def uv_lock_case(work: Path) -> Case:
    folder = work / "uv-lock"
    folder.mkdir(parents=True, exist_ok=True)
    packages = generate_uv_lock(folder / "uv.lock", 3 * MIB)
    size = (folder / "uv.lock").stat().st_size
    return Case(
        "uv-lock-3mb",
        f"Generated `uv.lock` ({packages:,} packages, {_bytes(size)})",
        [hook("require-lock-hashes", ["uv.lock"], folder), floor(["uv.lock"], folder)],
        targets={"require-lock-hashes": Target(max_seconds=0.5)},
    )


def requirements_case(work: Path) -> Case:
    folder = work / "requirements"
    folder.mkdir(parents=True, exist_ok=True)
    generate_requirements(folder / "requirements.txt", 5000)
    size = (folder / "requirements.txt").stat().st_size
    return Case(
        "requirements-5000",
        f"Generated `requirements.txt` (5,000 hashed pins, {_bytes(size)})",
        [
            hook("require-lock-hashes", ["requirements.txt"], folder),
            floor(["requirements.txt"], folder),
        ],
        targets={"require-lock-hashes": Target(max_seconds=0.5)},
    )


def repository_case(work: Path) -> Case:
    repo = work / "repository"
    generate_repository(repo, 10_000)
    return Case(
        "repository-10000",
        "Generated git repository: 10,000 Python files, a uv workspace of 20 members, nested "
        "Ruff configs (repository-level hooks: no file arguments, they discover the files)",
        [
            hook("enforce-ruff-S", [], repo),
            hook("check-uv-exclude-newer", [], repo),
            floor(["--git", ".py,.pyi,.toml,uv.lock"], repo),
        ],
        targets={
            "enforce-ruff-S": Target(max_seconds=1.5),
            "check-uv-exclude-newer": Target(max_seconds=1.5),
        },
    )


CHECK = "supply-chain-hooks check"


def big_repository_case(work: Path) -> Case:
    repo = work / "big-repository"
    tracked = generate_big_repository(repo)
    return Case(
        "repository-28000",
        f"Generated, committed git repository of {tracked:,} tracked files (Python packages, "
        "docs, data, a tracked node_modules and vendored code, workflows, an action, "
        "pyproject.toml, requirements, uv.lock, pre-commit config, Dockerfile): `check` runs "
        "every hook on `.`, zizmor audits the same folder",
        [
            replace(hook("supply-chain-hooks", ["check", "."], repo), label=CHECK),
            # The same in one process: what the forked processes gain on this machine.
            replace(
                hook("supply-chain-hooks", ["check", "."], repo),
                label=f"{CHECK} (one process)",
                env=(("SUPPLY_CHAIN_HOOKS_JOBS", "1"),),
            ),
            zizmor(["."], repo),
        ],
        targets={CHECK: Target(max_ratio=1.0)},
    )


def fix_many_uses_case(work: Path) -> Case:
    folder = work / "fix-uses"
    server = generate_pin_server(folder)
    repo = folder / "repo"
    workflow = repo / ".github" / "workflows" / "many.yml"
    workflow.parent.mkdir(parents=True, exist_ok=True)
    template = folder / "many.yml.orig"
    template.write_text(many_uses_workflow(2000))
    shutil.copyfile(template, workflow)
    relative = workflow.relative_to(repo).as_posix()
    fix = hook("pin-actions-to-sha", ["--fix", "--server-url", server.as_uri(), relative], repo)
    if fix.argv is not None:
        # Each run starts from the unpinned file again (the copy costs about a millisecond).
        script = 'cp "$1" "$2" && shift 2 && exec "$@"'
        argv = ("/bin/sh", "-c", script, "sh", str(template), relative, *fix.argv)
        fix = Command("pin-actions-to-sha --fix", "ours", argv, repo, OURS_OK)
    return Case(
        "fix-2000-uses",
        "`pin-actions-to-sha --fix` on one workflow with 2,000 `uses:` of 20 repositories "
        "(a file:// server; each run starts from the unpinned file)",
        [fix, hook("pin-actions-to-sha", [relative], repo), floor([relative], repo)],
        targets={"pin-actions-to-sha --fix": Target(max_seconds=1.0)},
    )


#: Case id -> builder (generates the inputs in the work folder), in report order.
CASES: dict[str, Callable[[Path], Case]] = {
    "corpus-workflows": corpus_workflows_case,
    "small-workflow": small_workflow_case,
    "corpus-locks": corpus_locks_case,
    "uv-lock-3mb": uv_lock_case,
    "requirements-5000": requirements_case,
    "repository-10000": repository_case,
    "repository-28000": big_repository_case,
    "fix-2000-uses": fix_many_uses_case,
}


def _largest_locks() -> list[str]:
    """The largest file of each lock format (and of requirements files) in the corpus."""
    kinds = {
        "uv.lock": ["**/uv.lock"],
        "poetry.lock": ["**/poetry.lock"],
        "pdm.lock": ["**/pdm.lock"],
        "Pipfile.lock": ["**/Pipfile.lock"],
        "pylock.toml": ["**/pylock.toml", "**/pylock.*.toml"],
        "requirements": ["**/requirements*.txt"],
    }
    chosen = []
    for patterns in kinds.values():
        files = _corpus_files(patterns)
        if files:
            chosen.append(max(files, key=lambda name: ((CORPUS / name).stat().st_size, name)))
    return chosen


# --------------------------------------------------------------------------- report


def _seconds(value: float) -> str:
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def _ratio(ours: Sequence[float], other: Result) -> float:
    """Median of per-round ratios (round i of ours against round i of the other side)."""
    return statistics.median(a / b.seconds for a, b in zip(ours, other.runs, strict=False))


def _verdict(target: Target | None, median: float, ratio: float | None) -> tuple[str, str]:
    if target is None:
        return "", ""
    if target.max_ratio is not None:
        wanted = f"≤ {target.max_ratio:g}x zizmor"
        if ratio is None:
            return wanted, "not measured"
        if ratio <= target.max_ratio:
            return wanted, "met"
        return wanted, f"**missed** ({ratio / target.max_ratio:.1f}x over)"
    if target.max_seconds is None:
        return "", ""
    wanted = f"< {_seconds(target.max_seconds)}"
    if median < target.max_seconds:
        return wanted, "met"
    return wanted, f"**missed** ({median / target.max_seconds:.1f}x over)"


#: label, per-round seconds (None when it did not run), peak bytes, role, error.
Row = tuple[str, list[float] | None, int | None, str, str]


def table(cases: Sequence[Case], memory_limit: int = 100 * MIB) -> str:
    lines = [
        "| Case | Command | Median | Peak memory | vs zizmor --offline | vs I/O floor | Target | Verdict |",
        "|---|---|---:|---:|---:|---:|---|---|",
    ]
    for case in cases:
        title = f"**{case.id}**: {case.title}"
        if case.skipped:
            lines.append(f"| {title} | — | — | — | — | — | — | {case.skipped} |")
            continue
        zizmor_result = next((r for r in case.results.values() if r.command.role == "zizmor"), None)
        floor_result = next((r for r in case.results.values() if r.command.role == "floor"), None)
        rows: list[Row] = []
        for result in case.results.values():
            if not result.usable:
                rows.append((result.command.label, None, None, result.command.role, result.error))
            else:
                rows.append(
                    (result.command.label, [r.seconds for r in result.runs], result.peak,
                     result.command.role, "")
                )  # fmt: skip
        for label, parts in case.sums.items():
            found = [case.results[part] for part in parts if part in case.results]
            usable = [result for result in found if result.usable]
            row_label = f"{label} (two processes)"
            role = "baseline" if label.endswith("(baseline)") else "ours"
            if len(usable) == len(parts):
                per_round = zip(*(result.runs for result in usable), strict=False)
                summed = [sum(run.seconds for run in runs) for runs in per_round]
                peaks = [result.peak for result in usable if result.peak is not None]
                row: Row = (row_label, summed, max(peaks) if peaks else None, role, "")
            else:
                names = {result.command.label for result in usable}
                missing = ", ".join(part for part in parts if part not in names)
                row = (row_label, None, None, role, f"not available: {missing}")
            others = [n for n, r in enumerate(rows) if r[3] not in ("ours", "baseline")]
            rows.insert(others[0] if others else len(rows), row)
        for number, (label, times, peak, role, error) in enumerate(rows):
            first = title if number == 0 else ""
            key = label.removesuffix(" (two processes)")
            target = case.targets.get(key) if role == "ours" else None
            if times is None:
                wanted = _verdict(target, 0.0, None)[0] if target else ""
                lines.append(f"| {first} | `{label}` | — | — | — | — | {wanted} | {error} |")
                continue
            median = statistics.median(times)
            memory = f"{peak / MIB:.0f} MiB" if peak is not None else "n/a"
            if role == "ours" and peak is not None and peak >= memory_limit:
                memory += " (**over 100 MiB**)"
            versus_zizmor = versus_floor = "—"
            ratio = None
            measured = role in ("ours", "baseline")
            if measured and zizmor_result is not None and zizmor_result.usable:
                ratio = _ratio(times, zizmor_result)
                versus_zizmor = f"{ratio:.2f}x"
            if measured and floor_result is not None and floor_result.usable:
                versus_floor = f"{_ratio(times, floor_result):.1f}x"
            wanted, verdict = _verdict(target, median, ratio)
            lines.append(
                f"| {first} | `{label}` | {_seconds(median)} | {memory} | {versus_zizmor} | "
                f"{versus_floor} | {wanted} | {verdict} |"
            )
    return "\n".join(lines) + "\n"


def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    versions = []
    for name in ("zizmor",):
        executable = find_executable(name)
        if executable:
            out = subprocess.run(  # noqa: S603 - fixed commands the benchmark itself builds
                [executable, "--version"], check=False, capture_output=True, text=True
            )
            versions.append(out.stdout.strip())
    commit = subprocess.run(  # noqa: S603 - fixed commands the benchmark itself builds
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],  # noqa: S607 - git, by name
        check=False,
        capture_output=True,
        text=True,
    ).stdout.strip()
    dirty = subprocess.run(  # noqa: S603 - fixed commands the benchmark itself builds
        ["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],  # noqa: S607 - git, by name
        check=False, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    return (
        f"{cpu}, {os.cpu_count()} CPUs, {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}; {', '.join(versions) or 'zizmor not found'}; "
        f"commit {commit or 'unknown'}{' (with uncommitted changes)' if dirty else ''}"
    )


def memory_baseline(scratch: Path) -> int | None:
    """The peak RSS that a process doing nothing shows through the wrapper."""
    executable = shutil.which("true")
    if executable is None:
        return None
    command = Command("true", "floor", (executable,), scratch, frozenset({0}))
    return run_once(command, scratch / "output.txt").peak_bytes


def _load() -> str:
    try:
        return f"{os.getloadavg()[0]:.1f}"
    except OSError:  # pragma: no cover - platforms without a load average
        return "n/a"


def render(
    cases: Sequence[Case], rounds: tuple[int, int], quick: bool, elapsed: float,
    baseline: int | None, load: str, source: str | None = None,
) -> str:  # fmt: skip
    noise = (
        f" Peak memory is the process's maximum resident set size from `wait4`; a process "
        f"that does nothing (`true`) shows {baseline / MIB:.1f} MiB this way."
        if baseline is not None
        else ""
    )
    today = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d")
    return (
        f"Measured {today} on {_machine()}.\n"
        f"{'Quick run' if quick else 'Full run'}: after one warm-up run of every command, "
        f"{rounds[0]} rounds for the small cases and {rounds[1]} for the large ones, sides in "
        f"alternating order; medians, ratios are medians of per-round ratios; the whole "
        f"benchmark took {elapsed:.0f} s; load average {load} before it, {_load()} after "
        f"(other work on the machine shows as noise).{noise}"
        + (f" `(baseline)` rows run the hook from `{source}`." if source else "")
        + "\n\n"
        + table(cases)
    )


def write_docs(block: str) -> None:
    text = DOCS.read_text() if DOCS.exists() else f"# Benchmarks\n\n{START_MARKER}\n{END_MARKER}\n"
    if START_MARKER not in text or END_MARKER not in text:
        text += f"\n{START_MARKER}\n{END_MARKER}\n"
    head, rest = text.split(START_MARKER, 1)
    _, tail = rest.split(END_MARKER, 1)
    DOCS.write_text(f"{head}{START_MARKER}\n{block}{END_MARKER}{tail}")


# --------------------------------------------------------------------------- main

SMALL_CASES = frozenset({"small-workflow"})


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds (about a minute)")
    parser.add_argument("--write", action="store_true", help=f"update {DOCS.relative_to(ROOT)}")
    parser.add_argument("--only", action="append", default=[], metavar="CASE",
                        help="run only cases whose id contains CASE (repeatable)")  # fmt: skip
    parser.add_argument("--rounds", type=int, nargs=2, metavar=("SMALL", "LARGE"),
                        help="rounds for small and for large cases")  # fmt: skip
    parser.add_argument("--baseline", type=Path, metavar="SRC",
                        help="also run each hook from this source tree (the folder holding "
                        "supply_chain_hooks/, e.g. an older checkout's src/)")  # fmt: skip
    parser.add_argument("--baseline-name", metavar="TEXT",
                        help="how the table names the baseline (default: its path)")  # fmt: skip
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="build the generated inputs in DIR and keep them")  # fmt: skip
    args = parser.parse_args(argv)
    if args.baseline and not args.baseline_name:
        args.baseline_name = str(args.baseline)
    small_rounds, large_rounds = args.rounds or ((5, 2) if args.quick else (15, 5))
    rounds = (int(small_rounds), int(large_rounds))

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    started = time.perf_counter()
    load = _load()
    work = args.keep.resolve() if args.keep else Path(tempfile.mkdtemp(prefix="sch-bench-"))
    try:
        log(f"generating inputs in {work} ...")
        selected = [
            builder
            for case_id, builder in CASES.items()
            if not args.only or any(part in case_id for part in args.only)
        ]
        cases = [builder(work) for builder in selected]
        if args.baseline:
            for case in cases:
                add_baseline(case, args.baseline.resolve())
        baseline = memory_baseline(work)
        for case in cases:
            if case.skipped:
                log(f"{case.id}: {case.skipped}")
                continue
            count = rounds[0] if case.id in SMALL_CASES else rounds[1]
            log(f"{case.id}: warm-up + {count} rounds")
            measure(case, count, work, log)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    elapsed = time.perf_counter() - started
    block = render(cases, rounds, args.quick, elapsed, baseline, load, args.baseline_name)
    print(block)
    if args.write:
        write_docs(block)
        log(f"wrote {DOCS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
