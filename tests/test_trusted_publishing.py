"""require-trusted-publishing: golden report over real-world shaped workflows, each publish
form, each credential form, reusable-workflow callers, composite actions, triggers, and the
pieces underneath (the shell tokeniser, upload recognition, the `if:` evaluator).

The golden case tests/fixtures/publishing/check/ is shaped after release workflows of
public repositories (a token in `password:`, in step/job/workflow `env:`, on the command
line; `tox -e release`; reusable workflows that receive the token from their callers); its
report runs in tests/test_goldens.py (`pytest --update-goldens` regenerates it).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from supply_chain_hooks.hooks import require_trusted_publishing as hook
from supply_chain_hooks.publishing.commands import recognise
from supply_chain_hooks.publishing.conditions import excludes
from supply_chain_hooks.shell import commands
from supply_chain_hooks.source import decode
from supply_chain_hooks.workspace import Workspace
from tests import golden
from tests.conftest import ROOT, passed, write

CASE = golden.load("publishing", "check")
FIXTURES = CASE.input
WF = ".github/workflows/release.yml"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = hook.main(list(argv))
    return code, capsys.readouterr().out


def findings(
    text: str, path: str = WF, options: hook.Options | None = None
) -> list[tuple[int, str]]:
    """(line, code) of every finding for one file's content, checked in memory."""
    workspace = Workspace(".")
    workspace._sources[path] = decode(path, text.encode())
    found = hook.check(workspace, path, options or hook.Options())
    return sorted((finding.location.line, finding.rule.code) for finding in found)


def fixture_paths() -> list[str]:
    return CASE.args()


# --- golden report ---------------------------------------------------------------------------


def test_the_case_gives_every_file() -> None:
    workflows = sorted(p.name for p in (FIXTURES / ".github" / "workflows").glob("*.yml"))
    assert fixture_paths() == [f".github/workflows/{name}" for name in workflows] + [
        "composite.action.yml"
    ]


def _reported(out: str) -> set[tuple[str, int, str]]:
    found = set()
    for line in out.splitlines():
        match = re.match(r"(\S+):(\d+):\d+: (SCH\d+) ", line)
        if match:
            found.add((Path(match[1]).name, int(match[2]), match[3]))
    return found


def test_the_golden_report_covers_every_form(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The forms the issue names, each at the line that holds it (a readable index of
    report.txt: a regenerated report that loses one fails here)."""
    monkeypatch.chdir(FIXTURES)
    reported = _reported(run(capsys, *fixture_paths())[1])
    expected = {
        # the action: `password:` (and `user:` + `password:`), TestPyPI, a run-time index
        ("action-password.yml", 25, "SCH701"),
        ("action-indexes.yml", 17, "SCH701"),
        ("action-indexes.yml", 27, "SCH701"),
        ("action-indexes.yml", 35, "SCH701"),
        ("action-indexes.yml", 31, "SCH704"),
        # env at the three levels, and on the command line in front of the command
        ("twine-step-env.yml", 28, "SCH701"),
        ("twine-job-env.yml", 16, "SCH701"),  # job also has id-token: write
        ("twine-workflow-env.yml", 8, "SCH701"),
        ("twine-command-line.yml", 24, "SCH701"),
        # command-line options: --password, -p, --token, --auth, -P; a __token__ username
        ("twine-command-line.yml", 20, "SCH701"),
        ("twine-command-line.yml", 22, "SCH701"),
        ("uv-publish.yml", 15, "SCH701"),
        ("other-tools.yml", 22, "SCH701"),
        ("other-tools.yml", 39, "SCH701"),
        ("twine-command-line.yml", 28, "SCH701"),
        # UV_PUBLISH_TOKEN, POETRY_PYPI_TOKEN_*, FLIT_PASSWORD
        ("uv-publish.yml", 18, "SCH701"),
        ("other-tools.yml", 15, "SCH701"),
        ("other-tools.yml", 28, "SCH701"),
        # poetry, hatch, flit cannot use Trusted Publishing
        ("other-tools.yml", 13, "SCH706"),
        ("other-tools.yml", 22, "SCH706"),
        ("other-tools.yml", 30, "SCH706"),
        # an upload through tox, known by its credential
        ("indirect.yml", 23, "SCH701"),
        ("indirect.yml", 13, "SCH702"),
        # job-level id-token missing; workflow-level grant
        ("action-password.yml", 9, "SCH702"),
        ("uv-publish.yml", 33, "SCH702"),
        ("workflow-id-token.yml", 10, "SCH703"),
        # triggers: a branch check and always() prove nothing
        ("triggers.yml", 62, "SCH705"),
        ("triggers.yml", 73, "SCH705"),
        # reusable workflows: the callee, and callers passing the token or every secret
        ("publish-callee.yml", 20, "SCH701"),
        ("caller.yml", 12, "SCH701"),
        ("caller.yml", 18, "SCH701"),
        ("caller.yml", 10, "SCH705"),
        # a composite action: the token arrives as an input
        ("composite.action.yml", 13, "SCH701"),
        ("composite.action.yml", 16, "SCH701"),
    }
    assert expected <= reported
    # What must not be reported: private indexes, dry runs, checks, guarded publishes.
    assert not {
        item for item in reported if item[0] in ("not-publishing.yml", "action-trusted.yml")
    }
    assert ("action-indexes.yml", 22, "SCH701") not in reported  # private index
    assert ("twine-workflow-env.yml", 21, "SCH701") not in reported
    assert ("caller.yml", 17, "SCH705") not in reported  # `if: github.event_name == 'push'`
    assert {line for name, line, code in reported if name == "triggers.yml"} == {62, 73}


def test_json_output(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURES)
    code, out = run(capsys, "--format", "json", ".github/workflows/action-password.yml")
    assert code == 1
    report = json.loads(out)
    assert [(item["code"], item["line"]) for item in report] == [("SCH702", 9), ("SCH701", 25)]
    assert all(item["fix"] is None for item in report)


def test_require_environment(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(FIXTURES)
    code, out = run(capsys, "--require-environment", *fixture_paths())
    assert code == 1
    missing = {(name, line) for name, line, code in _reported(out) if code == "SCH707"}
    # Every job that publishes to PyPI without `environment:`, once per job; the jobs with
    # one (action-trusted `publish`, uv-publish `trusted`) and composite actions are fine.
    assert ("action-password.yml", 9) in missing
    assert ("uv-publish.yml", 8) in missing
    assert ("uv-publish.yml", 20) not in missing
    assert not {item for item in missing if item[0] == "action-trusted.yml"}
    assert not {item for item in missing if item[0] == "composite.action.yml"}
    # Without the option, never.
    assert not {code for _, _, code in _reported(run(capsys, *fixture_paths())[1])} & {"SCH707"}


def test_require_environment_from_pyproject(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(
        repo,
        "pyproject.toml",
        "[tool.supply-chain-hooks.require-trusted-publishing]\nrequire-environment = true\n",
    )
    write(repo, WF, RELEASE.replace("    environment: pypi\n", ""))
    code, out = run(capsys, WF)
    assert code == 1
    assert f"{WF}:8:3: SCH707 job `publish` publishes to PyPI without a deployment" in out


def test_this_repositorys_release_workflow_passes(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    workflows = sorted(str(p.relative_to(ROOT)) for p in (ROOT / ".github/workflows").glob("*.yml"))
    assert ".github/workflows/release.yml" in workflows
    code, out = run(capsys, "--require-environment", *workflows)
    assert passed((code, out))


def test_inline_suppression(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = RELEASE.replace(
        "      - uses: pypa/gh-action-pypi-publish@release/v1\n",
        "      - uses: pypa/gh-action-pypi-publish@release/v1\n        with:\n"
        "          password: ${{ secrets.TOKEN }}  "
        "# supply-chain-hooks: ignore[SCH701] index migration in progress\n",
    )
    write(repo, WF, text)
    assert passed(run(capsys, WF))


# --- publish forms ---------------------------------------------------------------------------

RELEASE = """\
name: Release
on:
  push:
    tags: ["v*"]
permissions:
  contents: read
jobs:
  publish:
    runs-on: ubuntu-latest
    environment: pypi
    permissions:
      id-token: write
    steps:
      - uses: pypa/gh-action-pypi-publish@release/v1
"""

UPLOADS = [
    "twine upload dist/*",
    'result="$(twine upload dist/*)"',
    "python -m twine upload dist/*",
    "python3.12 -m twine upload --skip-existing dist/*",
    ".venv/bin/twine upload dist/*",
    "uv run twine upload dist/*",
    "uv run --with twine twine upload dist/*",
    "uvx twine upload dist/*",
    "uvx --from twine==6.1.0 twine upload dist/*",
    "uvx twine@latest upload dist/*",
    "uv tool run twine upload dist/*",
    "pipx run twine upload dist/*",
    "pipx run --spec twine==6.1.0 twine upload dist/*",
    "python -m pipx run twine upload dist/*",
    "hatch run release:twine upload dist/*",
    "pdm run twine upload dist/*",
    "poetry run twine upload dist/*",
    "sudo -E twine upload dist/*",
    "env TWINE_NON_INTERACTIVE=1 twine upload dist/*",
    "uv publish",
    "uv --directory sub publish -v wheels/*",
    "python -m uv publish",
    "hatch publish",
    "hatch -e release publish",
    "pdm publish --no-build",
    "poetry publish --build",
    "flit publish",
    "if twine upload dist/*; then echo done; fi",
    "make dist && twine upload dist/* || exit 1",
    "ls dist | xargs echo; twine upload dist/*",
]
NOT_UPLOADS = [
    "twine check dist/*",
    "python -m twine check --strict dist/*",
    "twine upload --help",
    "twine --version",
    "uv publish --dry-run",
    "uv build",
    "poetry publish --dry-run",
    "poetry build",
    "hatch build",
    "pdm build",
    "echo twine upload dist/*",
    "echo 'twine upload dist/*'",
    "# twine upload dist/*",
    "echo 'result=$(twine upload dist/*)'",
    "python -c 'import twine'",
    "pip install twine uv",
    "cat <<EOF\ntwine upload dist/*\nEOF",
    "npm publish",
    "cargo publish",
]


@pytest.mark.parametrize("script", UPLOADS)
def test_every_upload_form_is_a_publish(script: str) -> None:
    found = [recognise(command) for command in commands(script)]
    assert len([upload for upload in found if upload is not None]) == 1


@pytest.mark.parametrize("script", NOT_UPLOADS)
def test_checks_dry_runs_and_mentions_are_not_publishes(script: str) -> None:
    assert [recognise(command) for command in commands(script)] == [None] * len(commands(script))


@pytest.mark.parametrize("script", UPLOADS)
def test_every_upload_form_needs_a_job_level_id_token(script: str) -> None:
    text = RELEASE.replace(
        "    permissions:\n      id-token: write\n", "    permissions:\n      contents: read\n"
    ).replace(
        "      - uses: pypa/gh-action-pypi-publish@release/v1\n",
        "      - run: |\n          " + script.replace("\n", "\n          ") + "\n",
    )
    found = findings(text)
    tool = next(u for c in commands(script) if (u := recognise(c)) is not None).tool
    if tool in ("poetry", "hatch", "flit"):
        assert found == [(15, "SCH706")]
    else:
        assert found == [(11, "SCH702")]


def test_upload_tools_are_recognised_by_name() -> None:
    tools = {
        script: upload.tool
        for script in UPLOADS
        for command in commands(script)
        if (upload := recognise(command)) is not None
    }
    assert tools["pipx run --spec twine==6.1.0 twine upload dist/*"] == "twine"
    assert tools["python -m uv publish"] == "uv"
    assert tools["hatch -e release publish"] == "hatch"
    assert tools["hatch run release:twine upload dist/*"] == "twine"
    assert len(tools) == len(UPLOADS)


# --- credential forms, one at a time ---------------------------------------------------------

STEP = "      - run: twine upload dist/*\n"


def _with_step(step: str, job_env: str = "", workflow_env: str = "") -> str:
    text = RELEASE.replace("      - uses: pypa/gh-action-pypi-publish@release/v1\n", step)
    if job_env:
        text = text.replace("    environment: pypi\n", "    environment: pypi\n" + job_env)
    if workflow_env:
        text = text.replace(
            "permissions:\n  contents: read\n", "permissions:\n  contents: read\n" + workflow_env
        )
    return text


@pytest.mark.parametrize(
    ("step", "job_env", "workflow_env", "expected"),
    [
        # the clean baseline: Trusted Publishing
        (STEP, "", "", []),
        # env at each level (a job with id-token: write is still reported)
        (
            STEP + "        env:\n          TWINE_PASSWORD: ${{ secrets.PYPI }}\n",
            "",
            "",
            [(16, "SCH701")],
        ),
        (STEP, "    env:\n      TWINE_PASSWORD: ${{ secrets.PYPI }}\n", "", [(12, "SCH701")]),
        # the index form of a secret, and of GITHUB_TOKEN
        (STEP, "    env:\n      TWINE_PASSWORD: ${{ secrets['PYPI'] }}\n", "", [(12, "SCH701")]),
        (STEP, "    env:\n      TWINE_PASSWORD: ${{ secrets['github_token'] }}\n", "", []),
        (STEP, "", "env:\n  TWINE_PASSWORD: ${{ secrets.PYPI }}\n", [(8, "SCH701")]),
        # followed through env.X and $X
        (
            STEP + "        env:\n          TWINE_PASSWORD: ${{ env.TOKEN }}\n",
            "",
            "env:\n  TOKEN: ${{ secrets.PYPI }}\n",
            [(18, "SCH701")],
        ),
        (
            "      - run: twine upload -p $TOKEN dist/*\n",
            "    env:\n      TOKEN: ${{ secrets.PYPI }}\n",
            "",
            [(16, "SCH701")],
        ),
        (
            '      - run: twine upload --password="${TOKEN}" dist/*\n',
            "    env:\n      TOKEN: ${{ vars.PYPI }}\n",
            "",
            [(16, "SCH701")],
        ),
        # a literal token in the file
        ("      - run: twine upload -p pypi-AgEIcHlwaS5vcmc dist/*\n", "", "", [(14, "SCH701")]),
        # a token minted from the OIDC exchange, or a value set elsewhere: not stored
        (
            STEP + "        env:\n          TWINE_PASSWORD: ${{ steps.mint.outputs.token }}\n",
            "",
            "",
            [],
        ),
        ('      - run: twine upload -p "$MINTED" dist/*\n', "", "", []),
        # another tool's variable, and GITHUB_TOKEN, are no PyPI credential
        (STEP + "        env:\n          UV_PUBLISH_TOKEN: ${{ secrets.PYPI }}\n", "", "", []),
        (
            STEP + "        env:\n          TWINE_PASSWORD: ${{ secrets.GITHUB_TOKEN }}\n",
            "",
            "",
            [],
        ),
        # a nearer level overrides: only the value the command sees counts
        (
            STEP + "        env:\n          TWINE_PASSWORD: ${{ steps.mint.outputs.token }}\n",
            "    env:\n      TWINE_PASSWORD: ${{ secrets.PYPI }}\n",
            "",
            [],
        ),
        # `user:` alone is the action's default; `password:` is the credential
        (
            "      - uses: pypa/gh-action-pypi-publish@release/v1\n        with:\n          user: __token__\n",
            "",
            "",
            [],
        ),
        (
            "      - uses: pypa/gh-action-pypi-publish@release/v1\n        with:\n          user: __token__\n          password: ${{ secrets.PYPI }}\n",
            "",
            "",
            [(17, "SCH701")],
        ),
        (
            "      - uses: pypa/gh-action-pypi-publish@release/v1\n        with:\n          password: ''\n",
            "",
            "",
            [],
        ),
    ],
)
def test_credential_forms(
    step: str, job_env: str, workflow_env: str, expected: list[tuple[int, str]]
) -> None:
    assert findings(_with_step(step, job_env, workflow_env)) == expected


def test_one_credential_serving_two_uploads_is_reported_once() -> None:
    text = _with_step(
        STEP + "      - run: twine upload -r testpypi dist/*\n",
        "",
        "env:\n  TWINE_PASSWORD: ${{ secrets.PYPI }}\n",
    )
    assert findings(text) == [(8, "SCH701")]


def test_private_index_is_out_of_scope() -> None:
    for step in (
        "      - run: twine upload --repository-url https://nexus.example/pypi/ -p ${{ secrets.X }} d\n",
        "      - run: uv publish --publish-url https://upload.example/ --token ${{ secrets.X }}\n",
        "      - run: poetry publish -r private\n",
        "      - run: hatch publish -r https://pkgs.example/simple -a ${{ secrets.X }}\n",
        (
            "      - run: twine upload d\n        env:\n          TWINE_REPOSITORY_URL: https://x.example/\n"
            "          TWINE_PASSWORD: ${{ secrets.X }}\n"
        ),
    ):
        text = _with_step(step).replace("      id-token: write\n", "      contents: read\n")
        assert findings(text) == [], step


def test_a_private_index_named_at_run_time_is_checked() -> None:
    step = '      - run: twine upload --repository-url "$INDEX" -p ${{ secrets.X }} d\n'
    assert findings(_with_step(step)) == [(14, "SCH701")]


# --- permissions -----------------------------------------------------------------------------


def test_write_all_grants_id_token() -> None:
    text = RELEASE.replace(
        "    permissions:\n      id-token: write\n", "    permissions: write-all\n"
    )
    assert findings(text) == []


def test_a_job_with_its_own_permissions_does_not_inherit_the_workflows() -> None:
    text = RELEASE.replace("permissions:\n  contents: read\n", "permissions:\n  id-token: write\n")
    text = text.replace("      id-token: write\n", "      contents: read\n")
    # The job's own permissions replace the workflow's: no token (SCH702); the workflow-level
    # grant is reported on its own (SCH703).
    assert findings(text) == [(6, "SCH703"), (11, "SCH702")]


def test_workflow_level_grant_inherited_by_the_publisher_alone() -> None:
    text = RELEASE.replace("permissions:\n  contents: read\n", "permissions:\n  id-token: write\n")
    text = text.replace("    permissions:\n      id-token: write\n", "")
    assert findings(text) == [(6, "SCH703")]


# --- triggers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("on", "condition", "reported"),
    [
        ("[push, pull_request]", None, True),
        ("[push, pull_request]", "startsWith(github.ref, 'refs/tags/')", False),
        ("[push, pull_request]", "${{ startsWith(github.event.ref, 'refs/tags') }}", False),
        ("[push, pull_request]", "github.event_name != 'pull_request'", False),
        ("[push, pull_request_target]", "github.event_name != 'pull_request'", True),
        ("{push: {tags: ['v*']}, PULL_REQUEST_TARGET: {}}", None, True),
        ("[issue_comment]", "github.ref == 'refs/heads/main'", True),
        ("[workflow_run]", "github.event_name == 'push'", False),
        ("[workflow_run]", "github.ref_type == 'tag'", False),
        ("[pull_request]", "github.ref_type == 'tag'", True),
        ("[pull_request]", "github.repository == 'o/r'", True),
        ("[pull_request]", "false", False),
        ("[pull_request]", "${{ false }} && true", True),  # text around `${{ }}`: a string
        ("[push, release]", None, False),
    ],
)
def test_reachability_from_untrusted_triggers(
    on: str, condition: str | None, reported: bool
) -> None:
    text = RELEASE.replace('  push:\n    tags: ["v*"]\n', "").replace("on:\n", f"on: {on}\n")
    if condition is not None:
        text = text.replace(
            "    environment: pypi\n", f"    environment: pypi\n    if: {condition}\n"
        )
    assert (any(code == "SCH705" for _, code in findings(text))) is reported


def test_a_step_if_and_a_needed_job_exclude_too() -> None:
    text = """\
on: [push, pull_request]
jobs:
  gate:
    if: github.event_name == 'push'
    runs-on: x
    steps: [{run: echo}]
  publish:
    needs: [gate]
    runs-on: x
    permissions: {id-token: write}
    steps:
      - if: github.event_name == 'push'
        uses: pypa/gh-action-pypi-publish@release/v1
      - run: uv publish
"""
    assert findings(text) == []
    assert findings(
        text.replace("needs: [gate]", "needs: [gate]\n    if: ${{ !cancelled() }}")
    ) == [(15, "SCH705")]


# --- YAML shapes -----------------------------------------------------------------------------


def test_an_aliased_step_is_one_publish_per_job_reported_once() -> None:
    text = """\
on: [push, pull_request]
jobs:
  a:
    runs-on: x
    permissions: {id-token: write}
    steps:
      - &publish
        run: poetry publish
        env:
          POETRY_PYPI_TOKEN_PYPI: ${{ secrets.PYPI }}
  b:
    runs-on: x
    steps:
      - *publish
"""
    # One finding per problem at the anchor; job b, which lacks the token too, is named once
    # (poetry cannot use it: SCH706 covers both jobs, SCH702 does not apply).
    assert findings(text) == [(8, "SCH705"), (8, "SCH706"), (10, "SCH701")]


def test_flow_style_steps_and_quoted_keys() -> None:
    text = (
        'on: {push: {tags: ["v*"]}}\n'
        "jobs:\n"
        "  p: {runs-on: x, steps: [{uses: pypa/gh-action-pypi-publish@v1, "
        "with: {password: '${{ secrets.T }}'}}]}\n"
        '  "q":\n    runs-on: x\n    "steps":\n      - "run": "uv publish --token ${{ secrets.T }}"\n'
    )
    assert findings(text) == [(3, "SCH701"), (3, "SCH702"), (4, "SCH702"), (7, "SCH701")]


def test_crlf_and_bom_keep_positions() -> None:
    text = (
        "on: push\r\njobs:\r\n  a:\r\n    runs-on: x\r\n    steps:\r\n      - run: |\r\n"
        "          set -e\r\n          twine upload -p ${{ secrets.X }} d\r\n"
    )
    workspace = Workspace(".")
    workspace._sources[WF] = decode(WF, b"\xef\xbb\xbf" + text.encode())
    found = hook.check(workspace, WF, hook.Options())
    located = sorted((f.location.line, f.location.column, f.rule.code) for f in found)
    assert located == [(3, 3, "SCH702"), (8, 24, "SCH701")]


def test_a_folded_script_is_reported_at_its_start() -> None:
    text = _with_step("      - run: >\n          twine upload\n          -p ${{ secrets.X }} d\n")
    assert findings(text) == [(14, "SCH701")]


def test_a_python_shell_is_not_split() -> None:
    step = "      - shell: python\n        run: print('twine upload -p ${{ secrets.X }} d')\n"
    assert findings(_with_step(step)) == []


# --- the pieces ------------------------------------------------------------------------------


def _words(script: str) -> list[list[str]]:
    return [[word.text for word in command.words] for command in commands(script)]


@pytest.mark.parametrize(
    ("script", "expected"),
    [
        ("twine upload 'dist/a b.whl' \"c d\"", [["twine", "upload", "dist/a b.whl", "c d"]]),
        ("uv publish \\\n  --token x", [["uv", "publish", "--token", "x"]]),
        ("a && b || c; d | e & f", [["a"], ["b"], ["c"], ["d"], ["e"], ["f"]]),
        ("x --p ${{ secrets.A && 'b c' }} y", [["x", "--p", "${{ secrets.A && 'b c' }}", "y"]]),
        # A command substitution stays one opaque word, and its commands run too.
        (
            'echo "$(twine upload x; y)" z',
            [["echo", "$(twine upload x; y)", "z"], ["twine", "upload", "x"], ["y"]],
        ),
        ("cmd > out.txt 2>&1 < in", [["cmd"]]),
        ("cat <<-END\n\tx && y\n\tEND\nz", [["cat"], ["z"]]),
        ("if a; then b; fi", [["a"], ["b"]]),
        ("a # b c\nd", [["a"], ["d"]]),
        ('say "a\\"b" \'c\\\'', [["say", 'a"b', "c\\"]]),
        ("(cd sub && twine upload d)", [["cd", "sub"], ["twine", "upload", "d"]]),
    ],
)
def test_shell_words(script: str, expected: list[list[str]]) -> None:
    assert _words(script) == expected


def test_shell_words_know_their_offsets() -> None:
    script = 'set -e\n  twine upload \\\n    -p "$T" dist/*\n'
    (_, command) = commands(script)
    assert [(w.text, script[w.start : w.end]) for w in command.words] == [
        ("twine", "twine"),
        ("upload", "upload"),
        ("-p", "-p"),
        ("$T", '"$T"'),
        ("dist/*", "dist/*"),
    ]


@pytest.mark.parametrize(
    ("condition", "event", "expected"),
    [
        ("github.event_name == 'push'", "pull_request", True),
        ("github.event_name == 'PULL_REQUEST'", "pull_request", False),
        ("${{ github.event_name == 'release' }}", "issue_comment", True),
        ("startsWith(github.ref, 'refs/tags/')", "pull_request_target", True),
        ("contains(github.ref, 'refs/tags')", "pull_request_target", False),
        ("github.ref == 'refs/heads/main'", "pull_request", False),
        ("github.event_name == 'push' || github.event_name == 'release'", "workflow_run", True),
        ("github.event_name == 'push' || inputs.force", "workflow_run", False),
        ("!(github.event_name == 'pull_request')", "pull_request", True),
        ("github['event_name'] == 'push'", "pull_request", True),
        (
            "always() && github.event_name == 'push' && github.ref_type == 'tag'",
            "pull_request",
            True,
        ),
        ("success()", "pull_request", False),
        ("not an expression ==", "pull_request", False),
    ],
)
def test_if_conditions(condition: str, event: str, expected: bool) -> None:
    assert excludes(condition, event) is expected


# --- the docs --------------------------------------------------------------------------------


def test_the_documented_workflow_passes_this_hook_and_pin_actions_to_sha(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The complete workflow SCH701's documentation shows is one this hook accepts (with
    --require-environment), and one pin-actions-to-sha accepts."""
    from supply_chain_hooks.hooks import pin_actions_to_sha
    from supply_chain_hooks.publishing.rules import stored_publish_credential

    doc = stored_publish_credential.RULE.doc
    block = next(b for b in re.findall(r"```yaml\n(.*?)```", doc, re.DOTALL) if "jobs:" in b)
    write(repo, WF, block)
    assert passed(run(capsys, "--require-environment", WF))
    assert pin_actions_to_sha.main([WF]) == 0


# --- start-up --------------------------------------------------------------------------------


def test_a_workflow_without_publishing_words_is_not_parsed(repo: Path) -> None:
    import subprocess
    import sys

    write(repo, WF, "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: make test\n")
    code = (
        "import sys\n"
        "from supply_chain_hooks.hooks.require_trusted_publishing import main\n"
        f"status = main([{WF!r}])\n"
        "print('\\n'.join(sorted(sys.modules)), file=sys.stderr)\n"
        "raise SystemExit(status)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=repo, capture_output=True, text=True, check=False
    )
    modules = set(done.stderr.split())
    assert done.returncode == 0
    assert "supply_chain_hooks.fast_yaml" not in modules
    assert not modules & {"typing", "dataclasses", "json", "ruamel", "ruamel.yaml", "_ruamel_yaml"}
    assert "supply_chain_hooks.publishing.publishes" not in modules
