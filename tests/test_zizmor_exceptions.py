"""zizmor's exceptions are ours: differential tests against real `zizmor --offline`.

Each generated repository carries its own zizmor configuration (`zizmor.yml` or
`.github/zizmor.yml`: ignore entries by file, file:line and file:line:col, `unpinned-uses`
policies) and `# zizmor: ignore[...]` comments in every placement zizmor knows of (on the
line, above a step or a trigger, inside a step, after a block, on a step's first line).
zizmor (default persona) and `supply-chain-hooks check` run on it; the (file, line) pairs
of zizmor's `unpinned-uses` findings must equal those of our SCH101/SCH102, and those of its
`dangerous-triggers` findings those of our SCH111.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from supply_chain_hooks import cli
from tests.conftest import write

PINNING = {"unpinned-uses": {"SCH101", "SCH102"}, "dangerous-triggers": {"SCH111"}}


def _zizmor() -> str:
    found = shutil.which("zizmor") or str(Path(sys.executable).with_name("zizmor"))
    if not Path(found).exists():
        pytest.skip("zizmor is not installed")
    return found


def _theirs(root: Path) -> set[tuple[str, str, int]]:
    done = subprocess.run(
        [_zizmor(), "--offline", "--format", "json", "--no-progress", "."],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode in (0, *range(10, 15)), done.stderr
    found = set()
    for finding in json.loads(done.stdout):
        if finding["ident"] not in PINNING or finding.get("ignored"):
            continue
        for location in finding["locations"]:
            if location["symbolic"]["kind"] == "Primary":
                path = location["symbolic"]["key"]["Local"]["verbatim_path"]
                row = location["concrete"]["location"]["start_point"]["row"]
                found.add((finding["ident"], Path(path).as_posix().removeprefix("./"), row + 1))
    return found


def _ours(
    root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> set[tuple[str, str, int]]:
    monkeypatch.chdir(root)
    capsys.readouterr()
    cli.main(["check", "--format", "json", "--no-baseline", "."])
    found = set()
    for item in json.loads(capsys.readouterr().out):
        for audit, codes in PINNING.items():
            if item["code"] in codes:
                found.add((audit, item["path"], item["line"]))
    return found


STEPS = """\
permissions: {}
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      # zizmor: ignore[unpinned-uses]
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5 # zizmor: ignore[unpinned-uses]
      - name: cached # zizmor: ignore[unpinned-uses]
        uses: actions/cache@v4
      - uses: actions/upload-artifact@v4
        # zizmor: ignore[unpinned-uses]
        with:
          name: x
      # zizmor: ignore[unpinned-uses]
      - name: after a comment above
        uses: actions/download-artifact@v4
      - uses: acme/tool@v1 # zizmor: ignore[unpinned-uses,dangerous-triggers] reviewed
      - uses: acme/other@v2 #zizmor: ignore[unpinned-uses]
      - uses: acme/third@v3 # zizmor: ignore[unpinned-images]
      - uses: acme/short@1234567 # zizmor: ignore[unpinned-uses]
      - uses: octo/thing@main
      - uses: octo/thing/sub@main
      - uses: trusted/thing@v9
      - uses: pypa/gh-action-pypi-publish@release/v1
        # zizmor: ignore[unpinned-uses]
  reusable:
    uses: acme/flows/.github/workflows/x.yml@v1 # zizmor: ignore[unpinned-uses]
  reusable2:
    # zizmor: ignore[unpinned-uses]
    uses: acme/flows/.github/workflows/y.yml@v1
"""

TRIGGERS = {
    "above.yml": "# zizmor: ignore[dangerous-triggers]\non: pull_request_target\n",
    "same.yml": "on: pull_request_target # zizmor: ignore[dangerous-triggers]\n",
    "inside.yml": (
        "on:\n  push:\n  pull_request_target:\n  # zizmor: ignore[dangerous-triggers]\n"
        "  workflow_dispatch:\n"
    ),
    "key-line.yml": "on: # zizmor: ignore[dangerous-triggers]\n  push:\n  pull_request_target:\n",
    "after-flow.yml": "on: [push, pull_request_target]\n# zizmor: ignore[dangerous-triggers]\n",
    "blank-above.yml": (
        "name: x\n# zizmor: ignore[dangerous-triggers]\n\non:\n  pull_request_target:\n"
        "    types: [opened]\n"
    ),
    "other-line.yml": (
        "on:\n  push:\n    branches: [main] # zizmor: ignore[dangerous-triggers]\n"
        "  pull_request_target:\n"
    ),
    "trailing.yml": (
        "on:\n  pull_request_target:\n    types: [opened]\n# zizmor: ignore[dangerous-triggers]\n"
    ),
    "wrong-audit.yml": "on: pull_request_target # zizmor: ignore[unpinned-uses]\n",
    "plain.yml": "on:\n  pull_request_target:\n    branches: [main]\n",
    "ignored-by-file.yml": "on: pull_request_target\n",
    "ignored-by-line.yml": "on:\n  push:\n  pull_request_target:\n",
}

CONFIGS = {
    "zizmor.yml": """\
rules:
  unpinned-uses:
    ignore:
      - steps.yml:22
      - steps.yml:23:15
    config:
      policies:
        "trusted/*": ref-pin
        "octo/thing": ref-pin
  dangerous-triggers:
    ignore:
      - ignored-by-file.yml
      - ignored-by-line.yml:3
""",
    ".github/zizmor.yml": """\
rules:
  unpinned-uses:
    ignore:
      - steps.yml:24:1
      - steps.yml
  dangerous-triggers:
    ignore:
      - ignored-by-line.yml:3:3
""",
}


def _repository(root: Path, config: str | None) -> None:
    write(root, ".github/workflows/steps.yml", "on: push\n" + STEPS)
    for name, trigger in TRIGGERS.items():
        write(root, f".github/workflows/{name}", trigger + STEPS.split("jobs:")[0] + JOB)
    if config is not None:
        write(root, config, CONFIGS[config])
    for args in (["init", "-q"], ["add", "-A"]):
        subprocess.run(["git", *args], cwd=root, check=True)


JOB = "jobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n"


@pytest.mark.parametrize("config", [None, "zizmor.yml", ".github/zizmor.yml"])
def test_pinning_and_trigger_findings_agree_with_zizmor(
    config: str | None,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _repository(tmp_path, config)
    theirs = _theirs(tmp_path)
    ours = _ours(tmp_path, capsys, monkeypatch)
    assert ours == theirs
    # The comparison is not empty (.github/zizmor.yml ignores unpinned-uses in all of
    # steps.yml, the only file with unpinned `uses:`).
    expected = {"dangerous-triggers"} if config == ".github/zizmor.yml" else set(PINNING)
    assert {audit for audit, _, _ in theirs} == expected


def test_zizmor_false_turns_zizmors_exceptions_off(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _repository(tmp_path, "zizmor.yml")
    with_them = _ours(tmp_path, capsys, monkeypatch)
    write(tmp_path, "pyproject.toml", "[tool.supply-chain-hooks]\nzizmor = false\n")
    without = _ours(tmp_path, capsys, monkeypatch)
    assert with_them < without
    # Every `uses:` of steps.yml with a mutable ref, and every pull_request_target.
    assert len([item for item in without if item[0] == "dangerous-triggers"]) == len(TRIGGERS)


def test_a_suppressed_ref_is_not_reported_while_other_fixes_apply(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    content = (
        "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n"
        "      - uses: actions/checkout@V4 # zizmor: ignore[unpinned-uses]\n"
        "      - uses: actions/checkout@ABCDEF0123456789ABCDEF0123456789ABCDEF01\n"
    )
    write(tmp_path, ".github/workflows/f.yml", content)
    monkeypatch.chdir(tmp_path)
    code = cli.main(["check", "--fix", "--offline", ".github/workflows/f.yml"])
    out = capsys.readouterr().out
    assert code == 1
    # The uppercase SHA (SCH103, which no zizmor audit reports) is fixed; the suppressed
    # tag is neither reported nor touched.
    assert "SCH101" not in out
    assert (tmp_path / ".github/workflows/f.yml").read_text() == content.replace(
        "ABCDEF0123456789ABCDEF0123456789ABCDEF01", "abcdef0123456789abcdef0123456789abcdef01"
    )


def test_an_invalid_zizmor_config_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write(
        tmp_path,
        ".github/workflows/a.yml",
        "on: pull_request_target # zizmor: ignore[dangerous-triggers]\n",
    )
    write(tmp_path, "zizmor.yml", "rules:\n  unpinned-uses:\n    ignore:\n      - notes.txt\n")
    monkeypatch.chdir(tmp_path)
    code = cli.main(["check", ".github/workflows/a.yml"])
    err = capsys.readouterr().err
    assert code == 2
    assert "zizmor configuration" in err and "notes.txt" in err
