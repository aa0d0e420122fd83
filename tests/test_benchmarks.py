"""The benchmark's input generators still produce valid files (a smoke test, no timing)."""

from __future__ import annotations

import ast
import importlib.util
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest
from packaging.requirements import Requirement

from tests.conftest import ROOT


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("benchmarks_run", ROOT / "benchmarks" / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being created
    spec.loader.exec_module(module)
    return module


bench = _load()


def test_uv_lock_parses_and_hashes_every_artifact(tmp_path: Path) -> None:
    path = tmp_path / "uv.lock"
    count = bench.generate_uv_lock(path, 20_000)
    data = tomllib.loads(path.read_text())
    assert data["version"] == 1
    packages = data["package"]
    assert len(packages) == count >= 3
    assert path.stat().st_size >= 20_000
    registry = [p for p in packages if "registry" in p["source"]]
    assert {p["source"].get("editable") for p in packages} >= {"."}
    assert len(registry) == count - 1
    for package in registry:
        artifacts = [package["sdist"], *package["wheels"]]
        assert package["wheels"]
        for artifact in artifacts:
            algorithm, _, digest = artifact["hash"].partition(":")
            assert algorithm == "sha256"
            assert len(digest) == 64
            assert int(digest, 16) >= 0
    names = {p["name"] for p in packages}
    for package in packages:
        assert {dep["name"] for dep in package.get("dependencies", [])} <= names


def test_requirements_are_hashed_pins(tmp_path: Path) -> None:
    path = tmp_path / "requirements.txt"
    bench.generate_requirements(path, 25)
    logical: list[str] = []
    pending = ""
    for line in path.read_text().splitlines():
        if line.lstrip().startswith("#"):
            continue
        if line.endswith("\\"):
            pending += line[:-1]
            continue
        logical.append(pending + line)
        pending = ""
    assert not pending
    assert len(logical) == 25
    for entry in logical:
        requirement, *options = entry.split()
        parsed = Requirement(requirement)
        assert [str(spec.operator) for spec in parsed.specifier] == ["=="]
        assert options
        for option in options:
            algorithm, _, digest = option.removeprefix("--hash=").partition(":")
            assert option.startswith("--hash=")
            assert algorithm == "sha256"
            assert len(digest) == 64


def test_repository_has_python_files_nested_ruff_configs_and_a_workspace(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    bench.generate_repository(root, 130, members=3)
    python = sorted(root.rglob("*.py"))
    assert len(python) == 130
    for path in python:
        ast.parse(path.read_text(), str(path))
    configs = [
        *root.rglob("pyproject.toml"),
        *root.rglob("ruff.toml"),
        *root.rglob(".ruff.toml"),
    ]
    parsed = {path: tomllib.loads(path.read_text()) for path in configs}
    top = parsed[root / "pyproject.toml"]
    assert top["tool"]["uv"]["workspace"]["members"] == ["packages/*"]
    assert top["tool"]["uv"]["exclude-newer"] == "7 days"
    members = sorted((root / "packages").iterdir())
    assert len(members) == 3
    for member in members:
        assert parsed[member / "pyproject.toml"]["tool"]["ruff"]["extend"] == "../../pyproject.toml"
    nested = [path for path in configs if path.name != "pyproject.toml"]
    assert any(path.name == "ruff.toml" for path in nested)
    assert any(path.name == ".ruff.toml" for path in nested)
    for path in nested:  # every extend points at a file that exists
        assert (path.parent / parsed[path]["extend"]).resolve().is_file()
    tomllib.loads((root / "uv.lock").read_text())
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    listed = subprocess.run(
        ["git", "ls-files"], cwd=root, capture_output=True, text=True, check=True
    ).stdout.split()
    assert len([name for name in listed if name.endswith(".py")]) == 130


def test_big_repository_is_committed_and_has_every_kind_of_input(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = tmp_path / "big"
    assert bench.generate_big_repository(root, files=400) == 400

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=root, capture_output=True, text=True, check=True
        ).stdout

    listed = git("ls-files").split()
    assert len(listed) == 400
    assert git("status", "--porcelain") == ""  # everything committed
    assert git("rev-list", "--count", "HEAD").strip() == "1"
    suffixes = {Path(name).suffix for name in listed}
    assert {".py", ".md", ".json", ".txt", ".yml", ".js", ".toml", ".lock"} <= suffixes
    assert sum(name.endswith(".py") for name in listed) > len(listed) / 2
    assert any(name.startswith("frontend/node_modules/") for name in listed)
    assert any(name.startswith("vendor/") for name in listed)
    workflows = [name for name in listed if name.startswith(".github/workflows/")]
    assert len(workflows) == len(bench.BIG_WORKFLOWS)
    from ruamel.yaml import YAML

    for name in [*workflows, ".github/actions/setup/action.yml", ".pre-commit-config.yaml"]:
        assert YAML(typ="safe").load((root / name).read_text())
    pyproject = tomllib.loads((root / "pyproject.toml").read_text())
    assert {"ruff", "uv"} <= set(pyproject["tool"])
    tomllib.loads((root / "uv.lock").read_text())
    assert {"Dockerfile", "requirements.txt", "requirements/docs.txt"} <= set(listed)
    for name in listed:
        if name.endswith(".py"):
            ast.parse((root / name).read_text(), name)
    # A second call keeps the repository (the benchmark's --keep folder is reused).
    head = git("rev-parse", "HEAD")
    assert bench.generate_big_repository(root, files=400) == 400
    assert git("rev-parse", "HEAD") == head


def test_small_workflow_is_a_workflow(tmp_path: Path) -> None:
    from ruamel.yaml import YAML

    path = bench.write_small_workflow(tmp_path)
    assert path.relative_to(tmp_path).as_posix() == ".github/workflows/ci.yml"
    document = YAML(typ="safe").load(path.read_text())
    assert set(document) == {"name", "on", "permissions", "jobs"}


def test_fix_case_pins_every_uses_from_its_file_server(tmp_path: Path) -> None:
    case = bench.fix_many_uses_case(tmp_path)
    fix = next(command for command in case.commands if command.label == "pin-actions-to-sha --fix")
    if fix.argv is None:
        pytest.skip(fix.missing)
    workflow = tmp_path / "fix-uses" / "repo" / ".github" / "workflows" / "many.yml"
    assert workflow.read_text().count("uses: acme/r") == 2000
    for _ in range(2):  # each run starts from the unpinned file again
        done = subprocess.run(fix.argv, cwd=fix.cwd, capture_output=True, text=True, check=False)
        assert done.returncode == 1, done.stderr
        text = workflow.read_text()
        assert "@v1\n" not in text
        assert text.count(" # v1.2.3\n") == 2000


def test_table_reports_unavailable_hooks_and_ratios(tmp_path: Path) -> None:
    ours = bench.Command("our-hook", "ours", ("x",), tmp_path, frozenset({0}))
    missing = bench.Command("later-hook", "ours", None, tmp_path, frozenset({0}), "not available")
    other = bench.Command("zizmor --offline", "zizmor", ("z",), tmp_path, frozenset({0}))
    case = bench.Case(
        "demo",
        "demo case",
        [ours, missing, other],
        targets={"our-hook": bench.Target(max_ratio=0.5)},
    )
    case.results = {
        "our-hook": bench.Result(ours, [bench.Run(0.02, 20 * bench.MIB, 0)] * 3),
        "later-hook": bench.Result(missing, error="not available"),
        "zizmor --offline": bench.Result(other, [bench.Run(0.05, 30 * bench.MIB, 0)] * 3),
    }
    text = bench.table([case])
    assert (
        "| **demo**: demo case | `our-hook` | 20 ms | 20 MiB | 0.40x | — | ≤ 0.5x zizmor | met |"
        in text
    )
    assert "|  | `later-hook` | — | — | — | — |  | not available |" in text
    assert "|  | `zizmor --offline` | 50 ms | 30 MiB | — | — |  |  |" in text


def test_the_measuring_wrapper_reports_exit_code_time_and_memory(tmp_path: Path) -> None:
    command = bench.Command(
        "python",
        "floor",
        (sys.executable, "-c", "print('hi'); raise SystemExit(3)"),
        tmp_path,
        frozenset({3}),
    )
    run = bench.run_once(command, tmp_path / "out.txt")
    assert run.code == 3
    assert run.seconds > 0
    assert run.peak_bytes is None or run.peak_bytes > 1024 * 1024
    assert (tmp_path / "out.txt").read_text() == "hi\n"
