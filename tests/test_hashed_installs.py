"""require-hashed-installs: each command form, each way the shell can hide or split a
command, requirements files read with require-lock-hashes's engine, Dockerfiles, options."""

from __future__ import annotations

from pathlib import Path

import pytest

from supply_chain_hooks.hooks import require_hashed_installs as hook
from supply_chain_hooks.installs.commands import recognise
from supply_chain_hooks.model import Finding
from supply_chain_hooks.shell import commands
from supply_chain_hooks.workspace import Workspace

WF = ".github/workflows/ci.yml"
HASHED = (
    "packaging==24.2 \\\n"
    "    --hash=sha256:09abb1bccd265c01f4a3aa3f7a7db064b36514d2cba19a2f694fe6150451a759\n"
)


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("requirements.txt").write_text(HASHED, encoding="utf-8")
    Path("requirements-loose.txt").write_text("packaging>=24\n", encoding="utf-8")
    Path("pyproject.toml").write_text("[project]\nname = 'x'\nversion = '1'\n", encoding="utf-8")


def found(text: str, path: str = WF, allow: frozenset[str] = frozenset()) -> list[tuple[int, str]]:
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    result = hook.check(Workspace("."), path, hook.Options(allow))
    return sorted((f.location.line, f.rule.code) for f in result)


def workflow(script: str, step_shell: str = "", runs_on: str = "ubuntu-latest") -> str:
    body = "\n".join("          " + line for line in script.splitlines())
    shell_line = f"        shell: {step_shell}\n" if step_shell else ""
    return (
        "on: push\npermissions: {}\njobs:\n  test:\n"
        f"    runs-on: {runs_on}\n    steps:\n"
        "      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2\n"
        f"      - name: install\n{shell_line}        run: |\n{body}\n"
    )


LINE = 10  # the first line of the script in workflow()


@pytest.mark.parametrize(
    ("script", "expected"),
    [
        # pip, however it is started
        ("pip install requests", ["SCH801"]),
        ("pip3 install requests", ["SCH801"]),
        ("pip3.12 install -U pip", ["SCH801"]),
        ("python -m pip install --upgrade pip", ["SCH801"]),
        ("python3.12 -m pip install requests", ["SCH801"]),
        ("$PYTHON -m pip install requests", ["SCH801"]),
        ("${{ steps.py.outputs.python-path }} -m pip install requests", ["SCH801"]),
        ("sudo -H pip install requests", ["SCH801"]),
        ("sudo -u runner env X=1 pip install requests", ["SCH801"]),
        ("X=1 Y=2 pip install requests", ["SCH801"]),
        (".venv/bin/pip install requests", ["SCH801"]),
        ("pip download requests -d wheels", ["SCH801"]),
        ("uv pip install requests", ["SCH801"]),
        ("uv pip install --system pytest==8.3.4", ["SCH801"]),
        ("pip install $PACKAGES", ["SCH801"]),
        ("pip install git+https://github.com/a/b", ["SCH801"]),
        ("pip install -e git+https://github.com/a/b#egg=b", ["SCH801"]),
        # a direct reference to a URL is remote (SCH801), to a path local (SCH802)
        (
            'pip install "accelerate @ git+https://github.com/huggingface/accelerate.git"',
            ["SCH801"],
        ),
        ("pip install 'b[x] @ https://example.com/b-1.0-py3-none-any.whl'", ["SCH801"]),
        ('pip install "b @ ./vendor/b"', ["SCH802"]),
        ('pip install "b @ file:///opt/b"', ["SCH802"]),
        # hashed: passes
        ("pip install --require-hashes -r requirements.txt", []),
        ("pip install -r requirements.txt", []),
        ("python -m pip install --require-hashes requests", []),
        ("PIP_REQUIRE_HASHES=1 pip install -r requirements-loose.txt", []),
        ("uv pip install --require-hashes -r requirements.txt", []),
        ("uv pip sync requirements.txt", ["SCH801"]),  # a positional file is not read
        ("uv pip sync -r requirements.txt", []),
        ("uv pip install -r requirements.txt", ["SCH801"]),  # uv does not require hashes
        ("uv pip install --no-deps -r requirements.txt", []),
        # requirements files
        ("pip install -r requirements-loose.txt", ["SCH801"]),
        ("pip install -r missing.txt", ["SCH803"]),
        # each spelling of the option (uv's long form is --requirements)
        ("pip install --requirement requirements-loose.txt", ["SCH801"]),
        ("uv pip install --requirements=requirements-loose.txt", ["SCH801"]),
        ("uv pip install --requirements missing.txt", ["SCH803"]),
        ("pip install -r ${{ matrix.reqs }}", ["SCH803"]),
        ("cd sub\npip install -r ../requirements.txt", []),
        ("cd sub && pip install -r requirements.txt", ["SCH803"]),
        # local paths
        ("pip install .", ["SCH802"]),
        ("pip install -e .[dev]", ["SCH802"]),
        ("pip install dist/*.whl", ["SCH802"]),
        ("pip install --no-deps -e .", []),
        ("pip install --no-deps dist/pkg-1.0-py3-none-any.whl", []),
        ("pip install -r requirements.txt\npip install --no-deps -e .", []),
        # uv projects
        ("uv sync", ["SCH804"]),
        ("uv sync --locked --all-extras", []),
        ("uv run --frozen pytest", []),
        ("uv run pytest", ["SCH804"]),
        ("uv run --no-sync pytest", []),
        ("UV_LOCKED=1 uv run pytest", []),
        ("uv export --format requirements.txt", ["SCH804"]),
        ("uv lock --upgrade", ["SCH805"]),
        ("uv lock --check", []),
        # tools
        ("uvx ruff check .", ["SCH806"]),
        ("uvx ruff@0.15.2 check .", []),
        # uvx printing something of its own runs no tool (astral-sh/uv's smoke test)
        ('eval "$(uvx --generate-shell-completion bash)"', []),
        ("uvx --generate-shell-completion=zsh", []),
        ("uvx --version", []),
        ("uvx --from ruff ruff --help", ["SCH806"]),  # the tool's --help: the tool runs
        ("uvx --from ruff==0.15.2 ruff check .", []),
        ("uvx --from ruff ruff check .", ["SCH806"]),
        ("uvx --with tox-uv==1.2.0 tox@4.23.0", []),
        ("uvx --with tox-uv tox@4.23.0", ["SCH806"]),
        ("uv tool install pre-commit", ["SCH806"]),
        ("uv tool install pre-commit==4.0.1", []),
        ("uv tool install tox@.", []),  # a local path, as tox's own CI installs itself
        ("uv tool run nox==2024.10.9 -s tests", []),
        ("pipx install poetry", ["SCH806"]),
        ("pipx install poetry==2.1.1", []),
        ("pipx run nox", ["SCH806"]),
        ("pipx run --spec nox==2024.10.9 nox", []),
        ("pipx install git+https://github.com/python-poetry/poetry@" + "a" * 40, []),
        ("pipx install git+https://github.com/python-poetry/poetry", ["SCH806"]),
        (
            "uv tool install 'poetry @ git+https://github.com/python-poetry/poetry@"
            + "a" * 40
            + "'",
            [],
        ),
        ("uv tool install 'poetry @ git+https://github.com/python-poetry/poetry'", ["SCH806"]),
        # second indexes
        (
            "pip install --require-hashes --extra-index-url https://x.example/simple -r requirements.txt",
            ["SCH807"],
        ),
        (
            "uv pip install --require-hashes --index-strategy unsafe-best-match -r requirements.txt",
            ["SCH807"],
        ),
        (
            "PIP_EXTRA_INDEX_URL=https://x.example/simple pip install -r requirements.txt",
            ["SCH807"],
        ),
        # what the shell does not run
        ("echo 'pip install requests'", []),
        ("# pip install requests", []),
        ("echo done # pip install requests", []),
        ("cat > notes.txt <<EOF\npip install requests\nEOF", []),
        ('git commit -m "pip install x"', []),
        ("pip freeze", []),
        ("pip show requests && pip list", []),
        # what the shell runs however it is written
        ("pip install \\\n  requests", ["SCH801"]),
        ("p\\\nip install requests", ["SCH801"]),
        ("'pip' \"install\" requests", ["SCH801"]),
        ("true && pip install requests || exit 1", ["SCH801"]),
        ("(cd . ; pip install requests)", ["SCH801"]),
        ("{ pip install requests; }", ["SCH801"]),
        ("if true; then pip install requests; fi", ["SCH801"]),
        ("for i in 1; do pip install requests; done", ["SCH801"]),
        ("VERSION=$(pip install requests)", ["SCH801"]),
        ("pip install requests 2>&1 | tee log", ["SCH801"]),
        ("time pip install requests", ["SCH801"]),
    ],
)
def test_command_forms(script: str, expected: list[str]) -> None:
    Path("sub").mkdir(exist_ok=True)
    assert [code for _line, code in found(workflow(script))] == expected


def test_finding_lines_point_at_the_command() -> None:
    script = "echo start\npip install requests \\\n  flask\nuvx ruff"
    assert found(workflow(script)) == [(LINE + 1, "SCH801"), (LINE + 3, "SCH806")]


def checked(text: str) -> list[Finding]:
    Path(WF).parent.mkdir(parents=True, exist_ok=True)
    Path(WF).write_text(text, encoding="utf-8")
    return hook.check(Workspace("."), WF, hook.Options(frozenset()))


def messages(text: str) -> list[str]:
    return [finding.message for finding in checked(text)]


@pytest.mark.parametrize(
    ("script", "origin"),
    [
        ("pip install requests", "the index"),
        ("pip install $PACKAGES", "the index"),
        ("pip install git+https://github.com/a/b", "a URL or VCS"),
        ("pip install -e git+https://github.com/a/b#egg=b", "a URL or VCS"),
        ('pip install "b @ git+https://github.com/a/b"', "a URL or VCS"),
        ('pip install requests "b @ https://example.com/b.whl"', "the index and a URL or VCS"),
    ],
)
def test_unhashed_message_names_where_the_install_comes_from(script: str, origin: str) -> None:
    (message,) = messages(workflow(script))
    assert f"installs from {origin} without hash checking" in message


def test_allow() -> None:
    text = workflow("python -m pip install --upgrade pip\nuvx ruff")
    assert found(text) == [(LINE, "SCH801"), (LINE + 1, "SCH806")]
    assert found(text, allow=frozenset({"pip", "ruff"})) == []


def test_other_shells_are_not_read() -> None:
    assert found(workflow("pip install requests", step_shell="pwsh")) == []
    assert found(workflow("pip install requests", step_shell="cmd")) == []
    assert found(workflow("pip install requests", runs_on="windows-latest")) == []
    # (the `shell:` line moves the script one line down)
    assert found(workflow("pip install requests", step_shell="bash -el {0}")) == [
        (LINE + 1, "SCH801")
    ]
    assert found(workflow("pip install requests", runs_on="windows-latest", step_shell="bash")) == [
        (LINE + 1, "SCH801")
    ]


def test_step_and_workflow_environment() -> None:
    text = workflow("pip install requests").replace(
        "permissions: {}\n", "permissions: {}\nenv:\n  PIP_REQUIRE_HASHES: '1'\n"
    )
    assert found(text) == []
    text = workflow("pip install -r requirements.txt").replace(
        "permissions: {}\n", "permissions: {}\nenv:\n  PIP_EXTRA_INDEX_URL: https://x.example\n"
    )
    assert found(text) == [(4, "SCH807")]


def test_working_directory() -> None:
    Path("sub").mkdir(exist_ok=True)
    Path("sub/requirements.txt").write_text(HASHED, encoding="utf-8")
    text = workflow("pip install -r requirements.txt").replace(
        "        run: |", "        working-directory: sub\n        run: |"
    )
    assert found(text) == []
    Path("sub/requirements.txt").unlink()
    assert found(text) == [(LINE + 1, "SCH803")]


def test_setup_python_pip_install() -> None:
    text = (
        "on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/setup-python@a26af69be951a213d495a4c3e4e4022e16d87065 # v5.6.0\n"
        "        with:\n          python-version: '3.13'\n          pip-install: nox\n"
    )
    assert found(text) == [(9, "SCH808")]


def test_composite_action_reads_its_own_files() -> None:
    Path(".github/actions/setup").mkdir(parents=True)
    Path(".github/actions/setup/requirements.txt").write_text(HASHED, encoding="utf-8")
    text = (
        "name: setup\nruns:\n  using: composite\n  steps:\n"
        "    - shell: bash\n"
        "      run: pip install -r ${{ github.action_path }}/requirements.txt\n"
        "    - shell: bash\n      run: pip install nox\n"
        "    - shell: pwsh\n      run: pip install nox\n"
    )
    assert found(text, ".github/actions/setup/action.yml") == [(8, "SCH801")]


def test_dockerfile() -> None:
    text = (
        "# syntax=docker/dockerfile:1\n"
        "FROM python:3.13-slim\n"
        "COPY requirements.txt /app/\n"
        "RUN pip install --no-cache-dir -r /app/requirements.txt\n"
        "RUN --mount=type=cache,target=/root/.cache \\\n"
        "    # a comment line inside the instruction\n"
        "    pip install \\\n"
        "      flask\n"
        'RUN ["pip", "install", "gunicorn"]\n'
        'RUN ["sh", "-c", "uvx ruff"]\n'
        "RUN <<EOF\n"
        "set -e\n"
        "pip install celery\n"
        "EOF\n"
        "RUN cat > /etc/x <<EOF\npip install not-a-command\nEOF\n"
        "ENV PIP_EXTRA_INDEX_URL=https://x.example/simple\n"
        'SHELL ["powershell", "-Command"]\n'
        "RUN pip install ignored\n"
    )
    assert found(text, "Dockerfile") == [
        (8, "SCH801"),
        (9, "SCH801"),
        (10, "SCH806"),
        (13, "SCH801"),
        (18, "SCH807"),
    ]


def test_repository_workflows_pass() -> None:
    from tests.conftest import ROOT

    paths = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
    assert paths
    for path in paths:
        relative = path.relative_to(ROOT).as_posix()
        target = Path(relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    for name in ("requirements-build.txt", "requirements-dev.txt"):
        if (ROOT / name).exists():
            Path(name).write_text((ROOT / name).read_text(encoding="utf-8"), encoding="utf-8")
    for path in paths:
        relative = path.relative_to(ROOT).as_posix()
        assert hook.check(Workspace("."), relative, hook.Options()) == [], relative


def test_recognise_splits_options() -> None:
    (command,) = commands("sudo -E python3 -m pip install -q -r a.txt --no-deps x==1 -c c.txt")
    invocation = recognise(command)
    assert invocation is not None
    assert (invocation.tool, invocation.action) == ("pip", "install")
    assert [w.text for w in invocation.positional] == ["x==1"]
    assert [(o.name, o.value) for o in invocation.values("-r", "-c")] == [
        ("-r", "a.txt"),
        ("-c", "c.txt"),
    ]
    assert invocation.has("--no-deps")
    assert recognise(commands("python -c 'import pip'")[0]) is None
    assert recognise(commands("uv build")[0]) is None


def test_long_requirements_are_cut_in_the_message() -> None:
    urls = " ".join(
        f'"p{n} @ git+https://github.com/organisation/project-{n}.git"' for n in range(3)
    )
    (message,) = messages(workflow(f"uv pip install {urls}"))
    # The first requirement whole, the others left out.
    assert "`uv pip install p0 @ git+https://github.com/organisation/project-0.git ...`" in message
    long = "git+https://github.com/organisation/" + "x" * 80
    (message,) = messages(workflow(f"pip install {long}"))
    assert f"`pip install {long[:57]}...`" in message


@pytest.mark.parametrize(
    ("matrix", "expected"),
    [
        ("[3.5.6, '4.0.0']", []),  # each run installs an exact version
        ("[3.5.6, latest]", ["SCH806"]),
        ("['>=4']", ["SCH806"]),
        ("${{ fromJSON(inputs.versions) }}", ["SCH806"]),  # not written out in the file
    ],
)
def test_a_tool_pinned_by_the_jobs_matrix(matrix: str, expected: list[str]) -> None:
    text = workflow("uv tool install --prerelease=allow sigstore==${{ matrix.version }}").replace(
        "    runs-on: ubuntu-latest\n",
        f"    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        version: {matrix}\n",
    )
    assert [code for _line, code in found(text)] == expected


@pytest.mark.parametrize(
    ("script", "hint"),
    [
        (
            "pip install requests",
            "install from a hashed lock instead, `pip install --require-hashes",
        ),
        ("pip install -e .", "then `pip install --no-deps -e .`"),
        ("uv pip install -r requirements.txt", "add `--require-hashes`"),
        ("uv run pytest", "use `uv run --locked` (fails on a stale lock) or `uv run --frozen`"),
        ("uvx ruff", "pin it exactly (`ruff==1.2.3`, `ruff@1.2.3`)"),
        ("pipx install git+https://github.com/a/b", "pin the VCS URL to a full commit"),
        ("pip install --extra-index-url https://x.example -r requirements.txt", "use one index"),
    ],
)
def test_the_fix_is_the_findings_hint_not_its_message(script: str, hint: str) -> None:
    (finding,) = checked(workflow(script))
    assert hint in finding.hint
    assert hint not in finding.message


@pytest.mark.parametrize(
    ("script", "shown"),
    [
        ("uvx ruff check .", "`uvx ruff`"),
        ("uvx --with tox-uv tox@4.23.0", "`uvx --with tox-uv`"),
        ("uvx --from ruff ruff check .", "`uvx --from ruff`"),
        ("pipx run --spec nox nox", "`pipx run --spec nox`"),
    ],
)
def test_an_unpinned_tool_is_named_with_the_option_that_gives_it(script: str, shown: str) -> None:
    (message,) = messages(workflow(script))
    assert message.startswith(f"{shown} runs whatever version is newest")
