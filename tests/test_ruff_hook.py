"""enforce-ruff-S as a hook: registration, options, inputs, output formats, suppressions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from supply_chain_hooks.hooks import HOOK_MODULES, enforce_ruff_s
from supply_chain_hooks.rules import ALL_RULES

from .conftest import git, passed, write

ROOT = Path(__file__).resolve().parents[1]
CODES = [f"SCH4{n:02d}" for n in range(1, 16)]


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = enforce_ruff_s.main(args)
    return code, capsys.readouterr().out


def test_registration() -> None:
    assert HOOK_MODULES["enforce-ruff-S"] == "enforce_ruff_s"
    ours = [rule for rule in ALL_RULES if rule.hook == "enforce-ruff-S"]
    assert [rule.code for rule in ours] == CODES
    assert len({rule.name for rule in ours}) == len(ours)
    for rule in ours:
        for section in ("## What it does", "## Why is this bad?", "## Example", "## Fix safety"):
            assert section in rule.doc, (rule.code, section)
    manifest = (ROOT / ".pre-commit-hooks.yaml").read_text()
    entry = manifest[manifest.index("- id: enforce-ruff-S") :].split("\n- id:")[0]
    for line in (
        "pass_filenames: false",
        "files: ",
        "require_serial: true",
        "entry: enforce-ruff-S",
    ):
        assert line in entry
    assert (
        'enforce-ruff-S = "supply_chain_hooks.hooks.enforce_ruff_s:HOOK.run"'
        in (ROOT / "pyproject.toml").read_text()
    )
    docs = (ROOT / "docs" / "hooks" / "enforce-ruff-S.md").read_text()
    for rule in ours:
        assert rule.code in docs and rule.name in docs


def test_clean_repository(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo, "pyproject.toml", '[tool.ruff.lint]\nextend-select = ["S"]\n')
    write(repo, "src/app.py", "import os\n")
    git("add", "-A", cwd=repo)
    assert passed(run([], capsys))


def test_options_from_pyproject(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(
        repo,
        "pyproject.toml",
        '[tool.ruff.lint]\nextend-select = ["S"]\nignore = ["S603", "S607"]\n\n'
        '[tool.supply-chain-hooks.enforce-ruff-S]\nallow-ignore = ["S603"]\nrequire-pre-commit-hook = true\n',
    )
    write(repo, "app.py", "import os\n")
    git("add", "-A", cwd=repo)
    code, out = run([], capsys)
    assert code == 1
    assert "S607" in out and "S603" not in out.replace("S607", "")
    assert "SCH413" in out  # no .pre-commit-config.yaml at all


def test_bad_ruff_version_is_a_usage_error(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert enforce_ruff_s.main(["--ruff-version", "latest"]) == 2
    assert "--ruff-version" in capsys.readouterr().err


def test_ruff_version_option_picks_the_table(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(repo, "ruff.toml", '[lint]\nselect = ["E"]\n')
    write(repo, "app.py", "import os\n")
    git("add", "-A", cwd=repo)
    _, new = run([], capsys)
    _, old = run(["--ruff-version", "0.15.22"], capsys)
    assert "57 of 58" in new and "57 of 58" in old
    write(repo, "ruff.toml", "")
    _, new = run([], capsys)
    _, old = run(["--ruff-version", "0.15.22"], capsys)
    assert "54 of 58" in new  # 0.16+ defaults include S102, S110, S112
    assert "57 of 58" in old  # 0.15 defaults have no S rule


def test_explicit_paths_and_no_git(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "pyproject.toml", '[tool.ruff.lint]\nextend-select = ["S"]\n')
    write(tmp_path, "a.py", "# ruff: noqa\n")
    write(tmp_path, "b.py", "import os\n")
    code, out = run(["b.py"], capsys)
    assert passed((code, out))
    code, out = run([], capsys)  # not a git repository: the files on disk
    assert code == 1 and "a.py:1:1: SCH408" in out


def test_broken_inputs_are_reported_not_raised(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(repo, ".pre-commit-config.yaml", "repos: [\n")
    write(repo, "pyproject.toml", b'[tool.ruff.lint]\nselect = ["\xff"]\n')
    write(repo, "pkg/ruff.toml", '[lint]\nselect = ["E"]\n')
    write(repo, "app.py", "import os\n")
    write(repo, "pkg/mod.py", "import os\n")
    git("add", "-A", cwd=repo)
    code, out = run([], capsys)
    assert code == 1
    assert ".pre-commit-config.yaml:" in out and "SCH001 invalid YAML" in out
    assert "pyproject.toml:2:" in out and "not valid UTF-8" in out
    assert "pkg/ruff.toml:2:1: SCH401" in out  # the other config is still checked


def test_json_output_and_check_never_writes(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = write(repo, "ruff.toml", '[lint]\nselect = ["E"]\n')
    write(repo, "app.py", "import os\n")
    git("add", "-A", cwd=repo)
    code, out = run(["--format", "json"], capsys)
    assert code == 1
    findings = json.loads(out)
    assert [(f["code"], f["path"], f["line"]) for f in findings] == [("SCH401", "ruff.toml", 2)]
    assert findings[0]["fix"]["title"] == 'add "S" to lint.extend-select and "S101" to lint.ignore'
    assert config.read_text() == '[lint]\nselect = ["E"]\n'


def test_suppression_on_the_responsible_line(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        repo,
        "ruff.toml",
        '[lint]\nextend-select = ["S"]\nignore = ["S603"]  # supply-chain-hooks: ignore[SCH402] subprocess is our job\n',
    )
    write(repo, "app.py", "import os\n")
    git("add", "-A", cwd=repo)
    assert passed(run([], capsys))


def test_many_files_with_nested_configs(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo, "pyproject.toml", '[tool.ruff.lint]\nextend-select = ["S"]\n')
    for package in range(20):
        if package % 4 == 0:
            write(repo, f"p{package}/ruff.toml", 'extend = "../pyproject.toml"\n')
        elif package % 4 == 1:
            write(repo, f"p{package}/ruff.toml", '[lint]\nselect = ["E"]\n')
        for module in range(50):
            text = "# ruff: noqa: S603\n" if module == 7 else "import os\n"
            write(repo, f"p{package}/sub/m{module}.py", text)
    git("add", "-A", cwd=repo)
    code, out = run([], capsys)
    assert code == 1
    lines = out.splitlines()
    assert sum(": SCH401 " in line for line in lines) == 5  # one per `select = ["E"]` config
    # Every layer is reported on its own: the noqa counts even where S603 is not selected yet.
    assert sum(": SCH409 " in line for line in lines) == 20
    assert "for 50 files" in out


def test_suppressing_a_noqa_finding_in_a_python_file(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(repo, "pyproject.toml", '[tool.ruff.lint]\nextend-select = ["S"]\n')
    write(
        repo,
        "a.py",
        "# ruff: noqa: S603  # supply-chain-hooks: ignore[SCH409] this module runs git\n",
    )
    write(repo, "b.py", "# ruff: noqa: S603\n")
    git("add", "-A", cwd=repo)
    code, out = run([], capsys)
    assert (code, out.splitlines()[0]) == (
        1,
        "b.py:1:1: SCH409 `# ruff: noqa: S603` switches off S603 in this file",
    )


def test_local_ruff_hook(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A local `ruff check` hook: its entry counts, and without --force-exclude the config decides."""
    write(
        repo,
        "pyproject.toml",
        '[tool.ruff]\nextend-exclude = ["gen"]\n\n[tool.ruff.lint]\nextend-select = ["S"]\n',
    )
    write(
        repo,
        ".pre-commit-config.yaml",
        "default_stages: [pre-push]\nrepos:\n  - repo: local\n    hooks:\n      - id: lint\n"
        "        name: ruff\n        entry: uv run ruff check --ignore S603\n        language: system\n"
        "        types_or: [python]\n",
    )
    write(repo, "gen/x.py", "import os\n")
    write(repo, "api.pyi", "import os\n")
    git("add", "-A", cwd=repo)
    code, out = run([], capsys)
    assert code == 1
    assert "SCH406" not in out  # excludes do not apply to files passed explicitly
    assert ".pre-commit-config.yaml:1:17: SCH412" in out  # default_stages: [pre-push]
    assert "SCH410 `--ignore S603` switches S rules off" in out
    assert "SCH415 types_or keeps api.pyi away from the ruff hook" in out


def test_config_file_with_isolated_is_rejected_like_ruff(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Found by the differential test: ruff exits 2 on `--config FILE --isolated`.
    write(repo, "configs/base.toml", "[lint]\nextend-select = ['S']\n")
    write(repo, "app.py", "import os\n")
    write(
        repo,
        ".pre-commit-config.yaml",
        "repos:\n  - repo: https://github.com/astral-sh/ruff-pre-commit\n    rev: v0.17.6\n"
        "    hooks:\n      - id: ruff-check\n"
        '        args: ["--config", "configs/base.toml", "--isolated"]\n',
    )
    git("add", "-A", cwd=repo)
    code, out = run([], capsys)
    assert code == 1
    assert "`--config configs/base.toml` cannot be used with `--isolated`" in out
