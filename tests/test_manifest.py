"""The manifest, the console scripts, the rule registry and the docs stay in step."""

from __future__ import annotations

import importlib
import itertools
import pkgutil
import re
import subprocess
import sys
import tomllib

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from ruamel.yaml import YAML

from supply_chain_hooks import hooks
from supply_chain_hooks.cli import render_rule, rules_index
from supply_chain_hooks.rules import ALL_RULES
from tests.conftest import ROOT

MANIFEST = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text())
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
README = (ROOT / "README.md").read_text()


def test_every_hook_has_a_console_script_of_its_name_and_a_module() -> None:
    scripts = PYPROJECT["project"]["scripts"]
    ids = [hook["id"] for hook in MANIFEST]
    assert len(ids) == len(set(ids))
    assert sorted(ids) == sorted(hooks.HOOK_MODULES)
    for hook in MANIFEST:
        assert hook["entry"] == hook["id"]
        assert hook["language"] == "python"
        module, _, function = scripts[hook["id"]].partition(":")
        # The hook's own run: its command line, then a quick exit (runner.exit_now).
        assert function == "HOOK.run"
        assert module == f"supply_chain_hooks.hooks.{hooks.HOOK_MODULES[hook['id']]}"
        assert hooks.load(hook["id"]).id == hook["id"]
        # identify types that old identify versions lack would break pre-commit.ci
        assert "types" not in hook or set(hook["types"]) <= {
            "file",
            "text",
            "yaml",
            "toml",
            "python",
            "pyi",
        }
    assert set(scripts) == {*ids, "supply-chain-hooks"}
    assert scripts["supply-chain-hooks"] == "supply_chain_hooks.cli:run"


def test_manifest_is_valid_for_pre_commit() -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pre_commit",
            "validate-manifest",
            str(ROOT / ".pre-commit-hooks.yaml"),
        ],
        check=True,
    )


FILES = {
    "forbid-pull-request-target": (
        [".github/workflows/ci.yml", ".github/workflows/release.yaml"],
        [
            ".github/workflows/sub/ci.yml",
            "sub/.github/workflows/ci.yml",
            ".github/dependabot.yml",
            ".github/workflows/ci.json",
            "action.yml",
        ],
    ),
    "require-trusted-publishing": (
        [
            ".github/workflows/release.yml",
            ".github/workflows/pypi.yaml",
            "action.yml",
            ".github/actions/publish/action.yaml",
        ],
        [
            ".github/workflows/sub/release.yml",
            "sub/.github/workflows/release.yml",
            ".github/dependabot.yml",
            "composite.action.yml",
            "pyproject.toml",
        ],
    ),
    "require-hashed-installs": (
        [
            ".github/workflows/ci.yml",
            "action.yml",
            ".github/actions/setup/action.yaml",
            "Dockerfile",
            "docker/Containerfile",
            "ci.Dockerfile",
            "images/test.Containerfile",
        ],
        [
            ".github/workflows/sub/ci.yml",
            "Dockerfile.dev",
            "Dockerfile.bak",
            "requirements.txt",
            "mydockerfile",
            "docs/Dockerfile.md",
        ],
    ),
    "check-dependency-cooldown": (
        [
            ".github/dependabot.yml",
            ".github/dependabot.yaml",
            ".github/workflows/ci.yml",
            "action.yml",
            ".github/actions/setup/action.yaml",
            "pip.conf",
            "ci/pip.ini",
            "renovate.json",
            "renovate.json5",
            ".github/renovate.json5",
            ".gitlab/renovate.json",
            ".renovaterc",
            ".renovaterc.json",
            ".renovaterc.json5",
            "package.json",
        ],
        [
            "sub/.github/dependabot.yml",
            ".github/dependabot.yml.bak",
            "dependabot.yml",
            ".github/workflows/sub/ci.yml",
            "pyproject.toml",
            "pip.conf.txt",
            "mypip.conf",
            "sub/renovate.json",
            "web/package.json",
            ".renovaterc.yaml",
            "renovate.json.bak",
        ],
    ),
    "check-uv-exclude-newer": (
        ["pyproject.toml", "uv.toml", "uv.lock", "packages/a/pyproject.toml"],
        ["README.md", "src/a.py", "myuv.toml", "pyproject.toml.bak", ".ruff.toml"],
    ),
    "require-lock-hashes": (
        [
            "requirements.txt",
            "requirement.txt",
            "requirements-dev.txt",
            "ci/requirements-py3.txt",
            "requirements/base.txt",
            "requirements/fabric/docs.txt",
            "test-constraints.txt",
            "constraints.txt",
            "uv.lock",
            "sub/pylock.dev.toml",
            "poetry.lock",
            "pdm.lock",
            "Pipfile.lock",
        ],
        [
            "requirements.in",
            "notes.txt",
            "requirements/README.md",
            "constraints.in",
            "requirements.txt.bak",
            "pylock.a.b.toml",
            "Pipfile",
            "package-lock.json",
        ],
    ),
    "enforce-ruff-S": (
        [
            "src/a.py",
            "a.pyi",
            "pyproject.toml",
            "ruff.toml",
            "sub/.ruff.toml",
            ".pre-commit-config.yaml",
        ],
        ["README.md", "a.pyc", "uv.lock", "docs/conf.txt", "myruff.toml"],
    ),
}


@pytest.mark.parametrize("hook_id", sorted(FILES))
def test_files_patterns_match_the_right_paths(hook_id: str) -> None:
    (hook,) = [hook for hook in MANIFEST if hook["id"] == hook_id]
    pattern = re.compile(hook["files"])
    good, bad = FILES[hook_id]
    assert [path for path in good if not pattern.search(path)] == []
    assert [path for path in bad if pattern.search(path)] == []
    assert all(hooks.load(hook_id).matches(path) for path in good)


def test_every_rule_module_is_registered() -> None:
    from supply_chain_hooks.rules import FAMILIES

    packages = ["supply_chain_hooks.rules"] + [f"supply_chain_hooks.{f}.rules" for f in FAMILIES]
    registered = {rule.doc for rule in ALL_RULES}
    for package in packages:
        path = importlib.import_module(package).__path__
        for _, name, is_package in pkgutil.iter_modules(path):
            if is_package:
                continue
            module = importlib.import_module(f"{package}.{name}")
            assert module.RULE in ALL_RULES, f"{package}.{name} is not listed in RULES"
            assert module.RULE.doc in registered


def test_rules_are_unique_and_documented() -> None:
    ids = {hook["id"] for hook in MANIFEST}
    assert len({rule.code for rule in ALL_RULES}) == len(ALL_RULES)
    assert len({rule.name for rule in ALL_RULES}) == len(ALL_RULES)
    assert [rule.code for rule in ALL_RULES] == sorted(rule.code for rule in ALL_RULES)
    for rule in ALL_RULES:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name), rule.name
        assert rule.hook == "*" or rule.hook in ids, rule
        for heading in ("## What it does", "## Why is this bad?", "## Fix safety"):
            assert heading in rule.doc, f"{rule.code} lacks {heading}"


def _hook_manual(hook_id: str) -> str:
    return (ROOT / "docs" / "hooks" / f"{hook_id}.md").read_text()


def test_every_hook_has_its_manual_and_a_row_in_the_readme() -> None:
    ids = list(hooks.HOOK_MODULES)
    manuals = sorted(path.name for path in (ROOT / "docs" / "hooks").glob("*"))
    assert manuals == sorted(f"{hook_id}.md" for hook_id in ids)
    table = README.split("<!-- hooks -->\n")[1].split("<!-- /hooks -->")[0]
    rows = [line for line in table.splitlines() if line.startswith("| [")]
    assert [row.split("](")[0].removeprefix("| [") for row in rows] == ids
    for hook_id, row in zip(ids, rows, strict=True):
        assert row.startswith(f"| [{hook_id}](docs/hooks/{hook_id}.md) |"), row
        codes = [rule.code for rule in ALL_RULES if rule.hook == hook_id]
        assert row.endswith(f" | {codes[0]}-{codes[-1]} |"), (row, codes)
        assert f"- id: {hook_id}" in README
        manual = _hook_manual(hook_id)
        assert manual.startswith(f"# {hook_id}\n\n"), hook_id
        assert f"- id: {hook_id}" in manual, hook_id
        for rule in ALL_RULES:
            if rule.hook == hook_id:
                row = rf"^\| (\[{rule.code}\]\(\.\./rules/{rule.code}\.md\)|{rule.code}) \| {rule.name} \|"
                assert re.search(row, manual, re.MULTILINE), (hook_id, rule.code)


def test_pre_commit_snippets_pin_the_release_by_commit() -> None:
    """Every `rev:` of ours shown is the frozen form `pre-commit autoupdate --freeze` writes."""
    version = PYPROJECT["project"]["version"]
    texts = {"README.md": README} | {
        f"docs/hooks/{hook['id']}.md": _hook_manual(hook["id"]) for hook in MANIFEST
    }
    for name, text in texts.items():
        revs = re.findall(
            r"repo: https://github.com/supply-chain-hooks/supply-chain-hooks\n *rev: (.*)", text
        )
        assert revs, name
        assert set(revs) == {f"<40-hex sha>  # frozen: v{version}"}, name


def test_rule_docs_are_fresh() -> None:
    folder = ROOT / "docs" / "rules"
    expected = {f"{rule.code}.md": render_rule(rule.code) for rule in ALL_RULES}
    expected["README.md"] = rules_index()
    actual = {path.name: path.read_text() for path in folder.iterdir()}
    assert actual == expected, "run `supply-chain-hooks docs` to regenerate docs/rules/"


def _quick_start() -> list[str]:
    quick_start = README.split("## Quick start\n")[1].split("\n## ")[0]
    blocks = re.findall(r"```sh\n(.*?)\n```", quick_start, re.DOTALL)
    assert len(blocks) == 2
    assert all("\n" not in block for block in blocks), "each command is one line"
    return blocks


def test_quick_start_commands_are_the_ci_commands() -> None:
    ci = (ROOT / ".ci" / "run").read_text()
    test_command = _quick_start()[1]
    install, _, pytest_call = test_command.rpartition(" && ")
    assert install in ci
    assert pytest_call == ".venv/bin/python -m pytest"
    assert ".venv/bin/python -m pytest\n" in ci


def test_run_command_installs_the_hash_locked_runtime_requirements() -> None:
    assert _quick_start()[0] == (
        "python3 -m venv .venv"
        " && .venv/bin/pip install --require-hashes -r requirements.txt"
        " && .venv/bin/pip install --no-deps ."
        " && .venv/bin/supply-chain-hooks check ."
    )


def _locked(path: str) -> tuple[list[str], dict[str, tuple[str, frozenset[str]]]]:
    """The header comment lines and `name -> (version with marker, hashes)` of a uv lock."""
    text = (ROOT / path).read_text()
    header = list(itertools.takewhile(lambda line: line.startswith("#"), text.splitlines()))
    pins = {}
    for logical in text.replace("\\\n", " ").splitlines():
        if logical.startswith(("#", " ")) or not logical:
            continue
        requirement, *hashes = logical.split(" --hash=")
        name, _, rest = requirement.partition("==")
        pins[canonicalize_name(name)] = (rest.strip(), frozenset(h.strip() for h in hashes))
    return header, pins


def test_runtime_requirements_are_the_tested_pins_of_every_dependency() -> None:
    """requirements.txt locks every runtime dependency at the version the suite runs with."""
    header, runtime = _locked("requirements.txt")
    _, dev = _locked("requirements-dev.txt")
    command = (
        "uv pip compile pyproject.toml --constraint requirements-dev.txt --generate-hashes"
        " --universal --python-version 3.11 -o requirements.txt"
    )
    assert header[1] == f"#    {command}"
    assert f"`{command}`" in (ROOT / "CONTRIBUTING.md").read_text()
    wanted = {
        canonicalize_name(Requirement(dep).name) for dep in PYPROJECT["project"]["dependencies"]
    }
    assert wanted <= set(runtime)
    for name, pin in runtime.items():
        assert pin[1], f"{name} has no hash"
        assert dev[name] == pin, f"{name} differs from requirements-dev.txt: regenerate both"


DOC_FILES = [
    "README.md",
    "CONTRIBUTING.md",
    "docs/guarantees.md",
    *(f"docs/hooks/{hook['id']}.md" for hook in MANIFEST),
]


def _expansions(path: str) -> list[str]:
    """The path with each placeholder we know replaced by each real value."""
    from supply_chain_hooks.rules import FAMILIES

    values = {
        "<family>": FAMILIES,
        "<hook-id>": tuple(hooks.HOOK_MODULES),
        "<hook_module>": tuple(hooks.HOOK_MODULES.values()),
        "<CODE>": tuple(rule.code for rule in ALL_RULES),
    }
    for placeholder, options in values.items():
        if placeholder in path:
            return [p for option in options for p in _expansions(path.replace(placeholder, option))]
    return [path]


@pytest.mark.parametrize("name", DOC_FILES)
def test_files_named_in_the_docs_exist(name: str) -> None:
    """Paths in backticks under our folders exist; `<family>`, `<hook-id>`, `<hook_module>`
    and `<CODE>` stand for every family, hook and rule; past another placeholder or a glob,
    the folder before it must exist."""
    text = (ROOT / name).read_text()
    paths = re.findall(r"`((?:src|tests|docs|scripts|benchmarks|\.ci|\.github)/[^`\s]*)`", text)
    missing = []
    for path in paths:
        for expanded in _expansions(path):
            cut = re.search(r"[<*{|]", expanded)
            real = expanded if cut is None else expanded[: cut.start()].rpartition("/")[0]
            if not (ROOT / real.rstrip("/")).exists():
                missing.append(expanded)
    assert missing == [], f"{name} names files that do not exist"
