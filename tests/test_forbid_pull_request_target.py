from __future__ import annotations

import json
from pathlib import Path

import pytest

from supply_chain_hooks.hooks.forbid_pull_request_target import main
from tests.conftest import passed, write

WF = ".github/workflows/ci.yml"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    return code, capsys.readouterr().out


# Each shape of `on:` that names the trigger, with the (line, column) the finding must point at.
SHAPES = {
    "bare string": ("on: pull_request_target\n", (1, 5)),
    "single-quoted value": ("on: 'pull_request_target'\n", (1, 5)),
    "flow list": ("on: [push, pull_request_target]\n", (1, 12)),
    "block list": ("on:\n  - push\n  - pull_request_target\n", (3, 5)),
    "mapping": ("on:\n  pull_request_target:\n    types: [opened]\n", (2, 3)),
    "null body": ("on:\n  push:\n  pull_request_target:\n", (3, 3)),
    "flow mapping": ("on: {pull_request_target: {types: [opened]}}\n", (1, 6)),
    "double-quoted key": ('"on":\n  "pull_request_target": {}\n', (2, 3)),
    "single-quoted on": ("'on': pull_request_target\n", (1, 7)),
    "complex key": ("on:\n  ? pull_request_target\n", (2, 5)),
    "value on next line": ("on:\n  pull_request_target\n", (2, 3)),
    "escaped in double quotes": ('on: "pull_request\\x5ftarget"\n', (1, 5)),
    # at the value, not its properties (issue 19, item 5)
    "tagged string": ("on: !!str pull_request_target\n", (1, 11)),
    "anchored string": ("on: &t pull_request_target\n", (1, 8)),
    "anchored and tagged": ("on: &t !!str pull_request_target\n", (1, 14)),
    "verbatim tag": ("on: !<tag:yaml.org,2002:str> pull_request_target\n", (1, 30)),
    "anchored key": ("on:\n  &k pull_request_target:\n    types: [opened]\n", (2, 6)),
    "anchored flow item": ("on: [push, &x pull_request_target]\n", (1, 15)),
    "alias of anchored list": (
        "x: &t [pull_request_target]\non: *t\n",
        (1, 8),
    ),
    "anchor inside on": ("on:\n  pull_request_target: &p {types: [opened]}\n", (2, 3)),
    "trailing comment": ("on: pull_request_target # why\n", (1, 5)),
    "upper case event": ("on: {PULL_REQUEST_TARGET: }\n", (1, 6)),
}


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_every_shape_of_on_is_found(
    repo: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    text, (line, column) = SHAPES[name]
    write(repo, WF, text + "jobs: {}\n")
    code, out = run(capsys, WF)
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith(f"{WF}:{line}:{column}: SCH111 workflow is triggered by")
    assert lines[-1] == "Found 1 problem."


def test_crlf_and_bom_keep_positions(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo, WF, b"\xef\xbb\xbfname: x\r\non:\r\n  pull_request_target:\r\njobs: {}\r\n")
    code, out = run(capsys, WF)
    assert code == 1
    assert out.startswith(f"{WF}:3:3: SCH111 ")


NOT_TRIGGERS = {
    "comment": "# on: pull_request_target\non: push\n",
    "run text": (
        "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: echo pull_request_target\n"
    ),
    "if expression": (
        "on: push\njobs:\n  a:\n    if: github.event_name == 'pull_request_target'\n"
        "    runs-on: x\n    steps: []\n"
    ),
    "env value": "on: push\nenv:\n  EVENT: pull_request_target\njobs: {}\n",
    "other trigger": "on:\n  pull_request:\n    types: [opened]\n",
    "key outside on": "on: push\npull_request_target: true\n",
    "workflow_run without the flag": "on:\n  workflow_run:\n    workflows: [CI]\n",
    "empty file": "",
    "comment only": "# nothing\n",
}


@pytest.mark.parametrize("name", sorted(NOT_TRIGGERS))
def test_word_elsewhere_is_not_a_trigger(
    repo: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    write(repo, WF, NOT_TRIGGERS[name])
    assert passed(run(capsys, WF))


def test_escalates_on_pr_checkout_and_permissions(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        repo,
        WF,
        "on: pull_request_target\n"
        "permissions:\n  contents: write\n"
        "jobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@v4\n"
        "        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n"
        "      - run: make test\n        env:\n          TOKEN: ${{ secrets.PYPI_TOKEN }}\n",
    )
    code, out = run(capsys, WF)
    assert code == 1
    first = out.splitlines()[0]
    # the line where the pull request's code comes in: the checkout's `ref:`
    assert "DANGEROUS: it checks out or fetches pull-request code (line 10)" in first
    assert "it grants write permissions (line 2)" in first
    assert "it uses secrets (line 13)" in first


@pytest.mark.parametrize(
    ("step", "line"),
    [
        ("      - run: gh pr checkout ${{ github.event.number }}\n", 7),
        (
            (
                "      - uses: actions/checkout@v4\n        with:\n"
                "          ref: refs/pull/${{ github.event.number }}/merge\n"
            ),
            9,
        ),
        (
            "      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.head_ref }}\n",
            9,
        ),
        (
            (
                "      - uses: actions/checkout@v4\n        with:\n"
                "          ref: ${{ steps.find.outputs.sha }}\n"
                "          allow-unsafe-pr-checkout: true\n"
            ),
            10,
        ),
        (
            "      - {uses: actions/checkout@v4, with: {ref: '${{ github.event.pull_request.head.ref }}'}}\n",
            7,
        ),
    ],
)
def test_each_pr_checkout_signal(
    repo: Path, capsys: pytest.CaptureFixture[str], step: str, line: int
) -> None:
    head = "on: pull_request_target\npermissions: {}\njobs:\n  a:\n    runs-on: x\n    steps:\n"
    write(repo, WF, head + step + "      - run: make test\n")
    _, out = run(capsys, WF)
    assert f"DANGEROUS: it checks out or fetches pull-request code (line {line})" in out
    assert "write" not in out.split("DANGEROUS")[1].split("\n")[0]
    # Nothing runs the code: the escalation says so, without DANGEROUS.
    write(repo, WF, head + step + "      - uses: actions/labeler@v5\n")
    _, out = run(capsys, WF)
    assert "DANGEROUS" not in out
    assert (
        f"it checks out or fetches pull-request code (line {line}), "
        "but no later step of that job runs it"
    ) in out


def test_read_only_workflow_has_no_escalation(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        repo,
        WF,
        "on: pull_request_target\npermissions: {}\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: actions/labeler@v5\n",
    )
    _, out = run(capsys, WF)
    assert out.splitlines()[0].endswith("on pull requests from forks")


@pytest.mark.parametrize(
    ("second_job", "defaulted"),
    [
        ("  b:\n    runs-on: x\n", True),  # one job without `permissions:` is enough
        ("  b:\n    runs-on: x\n    permissions:\n      contents: read\n", False),
    ],
    ids=["one job without", "every job with"],
)
def test_a_job_without_permissions_gets_the_default_token(
    repo: Path, capsys: pytest.CaptureFixture[str], second_job: str, defaulted: bool
) -> None:
    write(
        repo,
        WF,
        "on: pull_request_target\njobs:\n  a:\n    runs-on: x\n    permissions: {}\n" + second_job,
    )
    _, out = run(capsys, WF)
    first = out.splitlines()[0]
    risk = "it runs with secrets and a write token on pull requests from forks"
    default = "; it sets no `permissions:`, so the token gets the repository default (often write)"
    assert first == f"{WF}:1:5: SCH111 workflow is triggered by `pull_request_target`: " + (
        risk + default if defaulted else risk
    )


def test_include_workflow_run(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo, WF, "on:\n  workflow_run:\n    workflows: [CI]\n  pull_request_target:\n")
    code, out = run(capsys, "--include-workflow-run", WF)
    assert code == 1
    assert [line.split(" ")[0:2] for line in out.splitlines()[:-1]] == [
        [f"{WF}:2:3:", "SCH112"],
        [f"{WF}:4:3:", "SCH111"],
    ]


def test_inline_suppression_needs_reason(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo, WF, "on: pull_request_target  # supply-chain-hooks: ignore[SCH111] labels only\n")
    assert passed(run(capsys, WF))
    # A rule's name works as well as its code.
    by_name = "on: pull_request_target  # supply-chain-hooks: ignore[pull-request-target] labels\n"
    write(repo, WF, by_name)
    assert passed(run(capsys, WF))
    write(repo, WF, "on: pull_request_target  # supply-chain-hooks: ignore[pull-request-target]\n")
    code, out = run(capsys, WF)
    assert code == 1
    assert f"{WF}:1:26: SCH002 suppression without a reason" in out
    assert "SCH111" in out
    write(repo, WF, "on: pull_request_target  # supply-chain-hooks: ignore[SCH999] typo\n")
    code, out = run(capsys, WF)
    assert "SCH002 suppression names unknown rule(s): SCH999" in out


def test_allow_glob_and_config(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo, WF, "on: pull_request_target\n")
    write(repo, ".github/workflows/labeler.yml", "on: pull_request_target\n")
    code, out = run(
        capsys, "--allow", ".github/workflows/label*.yml", WF, ".github/workflows/labeler.yml"
    )
    assert code == 1
    assert "labeler" not in out
    write(
        repo,
        "pyproject.toml",
        '[tool.supply-chain-hooks.forbid-pull-request-target]\nallow = [".github/workflows/*.yml"]\n',
    )
    assert passed(run(capsys, WF))


def test_config_ignore_by_code(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo, WF, "on: pull_request_target\n")
    write(repo, "pyproject.toml", '[tool.supply-chain-hooks]\nignore = { SCH111 = "reviewed" }\n')
    assert passed(run(capsys, WF))
    write(
        repo,
        "pyproject.toml",
        '[tool.supply-chain-hooks]\nignore = { SCH111 = "" , SCH998 = "x"}\n',
    )
    code, out = run(capsys, WF)
    assert code == 1
    assert (
        "pyproject.toml:2:12: SCH002 [tool.supply-chain-hooks] ignore of SCH111 without a reason"
        in out
    )
    assert "ignore names unknown rule 'SCH998'" in out
    assert f"{WF}:1:5: SCH111" in out


def test_bad_config_is_usage_error(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo, WF, "on: push\n")
    write(repo, "pyproject.toml", "[tool.supply-chain-hooks]\nignore = [1]\n")
    assert main([WF]) == 2
    assert "ignore must map rule codes to reasons" in capsys.readouterr().err


BAD_INPUTS = {
    "duplicate on": (
        b"on: push\non: pull_request_target\n",
        "2:1: SCH001 invalid YAML: duplicate key 'on' (first defined on line 1)",
    ),
    "tab indentation": (
        b"on:\n\tpull_request_target: {}\n",
        "2:1: SCH001 invalid YAML: a tab character where YAML allows only spaces",
    ),
    "two documents": (
        b"on: pull_request_target\n---\non: push\n",
        "2:1: SCH001 invalid YAML: more than one YAML document in the file (GitHub reads only one)",
    ),
    "unclosed flow": (b"on: [pull_request_target\n", "2:1: SCH001 invalid YAML:"),
    "not utf-8": (
        b"on: pull_request_target\n# caf\xe9\n",
        "2:6: SCH001 file is not valid UTF-8 (byte 0xe9)",
    ),
    "nul byte": (b"on: pull_request_target\x00\n", "1:24: SCH001 file contains a NUL byte"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_is_one_line_and_others_still_checked(
    repo: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    data, expected = BAD_INPUTS[name]
    bad = write(repo, ".github/workflows/bad.yml", data)
    write(repo, WF, "on: pull_request_target\n")
    code, out = run(capsys, str(bad.relative_to(repo)), WF)
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith(f".github/workflows/bad.yml:{expected}"), lines[0]
    assert lines[1].startswith(f"{WF}:1:5: SCH111")
    assert bad.read_bytes() == data


def test_missing_path_is_usage_error(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["nope.yml"]) == 2
    assert "no such file or directory: nope.yml" in capsys.readouterr().err


def test_json_output_has_exact_keys(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from supply_chain_hooks import report
    from supply_chain_hooks.rules import by_key

    rules_by_code = by_key()
    write(repo, WF, "on: [push, pull_request_target]\n")
    code, out = run(capsys, "--format", "json", WF)
    assert code == 1
    assert json.loads(out) == [
        {
            "code": "SCH111",
            "name": "pull-request-target",
            "hook": "forbid-pull-request-target",
            "path": WF,
            "line": 1,
            "column": 12,
            "end_line": 1,
            "end_column": 31,
            "message": json.loads(out)[0]["message"],
            "help": report.hint(rules_by_code["SCH111"]),
            "fix": None,
        }
    ]
    assert json.loads(out)[0]["message"].startswith(
        "workflow is triggered by `pull_request_target`"
    )


def test_sarif_output(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo, WF, "on: pull_request_target\n")
    code, out = run(capsys, "--format", "sarif", WF)
    assert code == 1
    document = json.loads(out)
    assert document["version"] == "2.1.0"
    run_ = document["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == ["SCH111"]
    assert "## Why is this bad?" in rules[0]["help"]["markdown"]
    result = run_["results"][0]
    assert result["ruleId"] == "SCH111"
    region = result["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 1, "startColumn": 5, "endLine": 1, "endColumn": 24}
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == WF
    assert len(result["partialFingerprints"]["primaryLocationLineHash"]) > 10


def test_github_output(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo, WF, "on: pull_request_target\n")
    _, out = run(capsys, "--format", "github", WF)
    assert out.startswith(
        f"::error file={WF},line=1,col=5,endLine=1,endColumn=24,title=SCH111 pull-request-target::"
        "workflow is triggered by"
    )


def test_check_mode_never_writes(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(repo, WF, "on: pull_request_target\r\n")
    before = path.stat().st_mtime_ns
    run(capsys, WF)
    assert path.stat().st_mtime_ns == before


def test_alias_bomb_is_linear(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = ["a0: &a0 [pull_request_target]"]
    lines += [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]" for i in range(1, 60)]
    write(repo, WF, "\n".join(lines) + "\non: *a0\n")
    code, out = run(capsys, WF)
    assert code == 1
    assert out.count("SCH111") == 1
