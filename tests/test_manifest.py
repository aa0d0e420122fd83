"""The manifest, the console scripts, the rule registry and the docs stay in step."""

from __future__ import annotations

import importlib
import pkgutil
import re
import subprocess
import sys
import tomllib

import pytest
from ruamel.yaml import YAML

from supply_chain_hooks import hooks
from supply_chain_hooks.cli import render_rule, rules_markdown
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
        assert function == "main"
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
        [".github/workflows/sub/ci.yml", "sub/.github/workflows/ci.yml", ".github/dependabot.yml",
         ".github/workflows/ci.json", "action.yml"],
    ),
    "check-uv-exclude-newer": (
        ["pyproject.toml", "uv.toml", "uv.lock", "packages/a/pyproject.toml"],
        ["README.md", "src/a.py", "myuv.toml", "pyproject.toml.bak", ".ruff.toml"],
    ),
    "enforce-ruff-S": (
        ["src/a.py", "a.pyi", "pyproject.toml", "ruff.toml", "sub/.ruff.toml",
         ".pre-commit-config.yaml"],
        ["README.md", "a.pyc", "uv.lock", "docs/conf.txt", "myruff.toml"],
    ),
}  # fmt: skip


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


def test_readme_documents_every_hook_and_rule() -> None:
    for hook in MANIFEST:
        assert f"\n## {hook['id']}\n" in README, hook["id"]
        assert f"- id: {hook['id']}" in README, hook["id"]
    table = README.split("<!-- rules -->\n")[1].split("<!-- /rules -->")[0]
    assert table == rules_markdown(), "README rule table is stale: paste rules_markdown()"


def test_rule_docs_are_fresh() -> None:
    folder = ROOT / "docs" / "rules"
    expected = {f"{rule.code}.md": render_rule(rule.code) for rule in ALL_RULES}
    actual = {path.name: path.read_text() for path in folder.glob("*.md")}
    assert actual == expected, "run `supply-chain-hooks docs` to regenerate docs/rules/"


def test_quick_start_commands_are_the_ci_commands() -> None:
    ci = (ROOT / ".ci" / "run").read_text()
    quick_start = README.split("## Quick start\n")[1].split("\n## ")[0]
    blocks = re.findall(r"```sh\n(.*?)\n```", quick_start, re.DOTALL)
    assert len(blocks) == 2
    test_command = blocks[1]
    install, _, pytest_call = test_command.rpartition(" && ")
    assert install in ci
    assert pytest_call == ".venv/bin/python -m pytest"
    assert ".venv/bin/python -m pytest\n" in ci
