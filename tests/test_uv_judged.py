"""Issue 20's uv cases, each judged by uv 0.13 itself (run offline).

For every shape, `uv lock` either records the project's cooldown in uv.lock or it does not;
check-uv-exclude-newer passes exactly when uv applies the cooldown.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from supply_chain_hooks.hooks import check_uv_exclude_newer as hook
from supply_chain_hooks.uv import policy as uv_policy
from supply_chain_hooks.workspace import Workspace
from tests.conftest import git, write
from tests.test_uv_differential import PROJECT, uv_lock
from tests.test_uv_differential import uv_env as uv_env_fixture

pytestmark = pytest.mark.slow
uv_env = uv_env_fixture  # the module-scoped fixture, under its name here


def codes(repo: Path) -> list[str]:
    git("add", "-A", cwd=repo)
    findings = hook.check(Workspace("."), (), uv_policy.Options(min_cooldown="1 day"))
    return [f"{f.rule.code} {f.path}:{f.location.line}" for f in findings]


def cooldown_applied(directory: Path, env: dict[str, str]) -> bool:
    completed = uv_lock(directory, env)
    assert completed.returncode == 0, completed.stderr
    options = tomllib.loads((directory / "uv.lock").read_text()).get("options", {})
    return options.get("exclude-newer-span") == "P7D"


NESTED = [
    ('[tool.uv.pip]\nexclude_newer = "7 days"\n', "SCH309"),
    ('[tool.uv.pip]\nexclude-newer = "7 days"\n', None),
    ('[[tool.uv.dependency-metadata]]\nname = "x"\nversion = "1"\nbogus = 1\n', "SCH309"),
    ('[[tool.uv.dependency-metadata]]\nname = "x"\nversion = "1"\nrequires-dist = []\n', None),
    ('[tool.uv.pip]\ndependency-metadata = [{ name = "x", bogus = 1 }]\n', "SCH309"),
    ('[tool.uv]\ncache-keys = [{ file = "x" }, { file = "y", bogus = 1 }]\n', "SCH309"),
    ("[tool.uv]\ncache-keys = [{ git = { commit = true, bogus = 1 } }]\n", "SCH309"),
    ('[tool.uv]\ncache-keys = [{ git = { commit = true } }, { env = "X" }]\n', None),
]


@pytest.mark.parametrize(("extra", "code"), NESTED)
def test_unknown_keys_in_nested_tables(
    extra: str, code: str | None, repo: Path, uv_env: dict[str, str]
) -> None:
    main = '[tool.uv]\nexclude-newer = "7 days"\n'
    text = PROJECT + "\n" + main + extra.replace("[tool.uv]\n", "")
    write(repo, "pyproject.toml", text)
    applied = cooldown_applied(repo, uv_env)
    found = [c for c in codes(repo) if c.startswith("SCH309")]
    assert applied == (code is None)
    assert bool(found) == (code is not None), found


# -- workspace discovery: the root uv finds for each project ----------------------------------

ROOT_WS = PROJECT + '\n[tool.uv]\nexclude-newer = "7 days"\n[tool.uv.workspace]\n'
WORKSPACES = [
    # a pyproject.toml holding only other tools' settings stops uv's search
    {
        "pyproject.toml": ROOT_WS + 'members = ["libs/*"]\n',
        "libs/pyproject.toml": "[tool.pytest.ini_options]\nx = 1\n",
        "libs/x/pyproject.toml": PROJECT,
    },
    {
        "pyproject.toml": ROOT_WS + 'members = ["libs/*"]\n',
        "libs/pyproject.toml": "[tool.uv]\nmanaged = true\n",
        "libs/x/pyproject.toml": PROJECT,
    },
    {"pyproject.toml": ROOT_WS + 'members = ["libs/x"]\n', "libs/x/pyproject.toml": PROJECT},
    # uv's globs: classes, `?`, `**`; `*` in `exclude` crosses `/`, in `members` it does not
    {
        "pyproject.toml": ROOT_WS + 'members = ["libs/*"]\nexclude = ["libs/[b]*"]\n',
        "libs/a/pyproject.toml": PROJECT,
        "libs/b/pyproject.toml": PROJECT,
    },
    {
        "pyproject.toml": ROOT_WS + 'members = ["libs/[ab]*"]\n',
        "libs/a/pyproject.toml": PROJECT,
        "libs/b/pyproject.toml": PROJECT,
        "libs/c/pyproject.toml": PROJECT,
    },
    {
        "pyproject.toml": ROOT_WS + 'members = ["libs/[!a]", "libs/?x"]\n',
        "libs/a/pyproject.toml": PROJECT,
        "libs/b/pyproject.toml": PROJECT,
        "libs/ax/pyproject.toml": PROJECT,
    },
    {"pyproject.toml": ROOT_WS + 'members = ["libs/*"]\n', "libs/a/b/pyproject.toml": PROJECT},
    {"pyproject.toml": ROOT_WS + 'members = ["libs/**"]\n', "libs/a/b/pyproject.toml": PROJECT},
    {
        "pyproject.toml": ROOT_WS + 'members = ["libs/a/b", "libs/c"]\nexclude = ["li*/b"]\n',
        "libs/a/b/pyproject.toml": PROJECT,
        "libs/c/pyproject.toml": PROJECT,
    },
    {"pyproject.toml": ROOT_WS + 'members = ["libs/[]]x"]\n', "libs/]x/pyproject.toml": PROJECT},
]


def uv_root(directory: Path, env: dict[str, str]) -> Path:
    import re
    import subprocess

    from tests.test_uv_differential import UV

    assert UV is not None
    completed = subprocess.run(
        [UV, "lock", "--offline", "-v"],
        cwd=directory,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    match = re.search(r"Found workspace root: (.+)", completed.stderr)
    assert match, completed.stderr
    return Path(match.group(1).strip())


@pytest.mark.parametrize("files", WORKSPACES)
def test_workspace_roots_are_uvs(files: dict[str, str], repo: Path, uv_env: dict[str, str]) -> None:
    from supply_chain_hooks.uv.projects import discover

    for relative, text in files.items():
        write(repo, relative, text)
    layout = discover(files, lambda path: tomllib.loads(files[path]))
    for relative, text in files.items():
        directory = Path(relative).parent
        if "[project]" not in text or directory == Path():
            continue
        theirs = uv_root(repo / directory, uv_env).relative_to(repo.resolve()).as_posix()
        ours = layout.member_of.get(relative, directory.as_posix())
        assert ours == ("" if theirs == "." else theirs), relative


# -- TOML 1.1, which uv reads ----------------------------------------------------------------

TOML_1_1 = [
    'exclude-newer-package = {\n  six = "3 days",\n}\n',
    'exclude-newer-package = { six = "\\e" }\n',
    "exclude-newer = 2025-01-01T00:00\n",
]


@pytest.mark.parametrize("extra", TOML_1_1)
def test_toml_1_1_is_read_as_uv_reads_it(
    extra: str, repo: Path, uv_env: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.test_uv_hook import run

    write(repo, "pyproject.toml", PROJECT + "\n[tool.uv]\n" + extra)
    uv_accepts = uv_lock(repo, uv_env).returncode == 0
    found = codes(repo)
    assert not [code for code in found if code.startswith("SCH001")], found
    if "exclude-newer =" in extra:  # a date-time without seconds: read, then held to policy
        assert uv_accepts
        return
    # the global cooldown is missing: reported, and --fix writes it into the TOML 1.1 file
    assert [code for code in found if code.startswith("SCH301")], found
    run(capsys, "--fix")
    fixed = uv_lock(repo, uv_env)
    assert "exclude-newer = " in (repo / "pyproject.toml").read_text()
    assert (fixed.returncode == 0) == uv_accepts, fixed.stderr


def test_fix_in_an_inline_table_keeps_its_spacing(
    repo: Path, uv_env: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.test_uv_hook import run

    write(repo, "pyproject.toml", PROJECT + "\n[tool]\nuv = { managed = true }\n")
    git("add", "-A", cwd=repo)
    run(capsys, "--fix")
    text = (repo / "pyproject.toml").read_text()
    assert text.endswith('\nuv = { managed = true, exclude-newer = "7 days" }\n'), text
    assert cooldown_applied(repo, uv_env)


def test_sch302_claims_no_cooldown_uv_may_take_from_a_parent_uv_toml(
    repo: Path, uv_env: dict[str, str]
) -> None:
    write(repo, "uv.toml", 'exclude-newer = "7 days"\n')
    write(repo, "app/pyproject.toml", PROJECT + '\n[tool.uv]\nexclude-newer = "7 Days"\n')
    # uv drops app's [tool.uv] and falls back to the parent uv.toml, whose cooldown applies
    assert cooldown_applied(repo / "app", uv_env)
    git("add", "-A", cwd=repo)
    findings = hook.check(Workspace("."), (), uv_policy.Options(min_cooldown="1 day"))
    messages = [f.message for f in findings if f.rule.code == "SCH302"]
    assert messages, [f.message for f in findings]
    assert all("cooldown" not in message for message in messages), messages
