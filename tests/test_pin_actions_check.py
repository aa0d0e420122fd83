"""pin-actions-to-sha, offline: what is reported, where, and what is left alone."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supply_chain_hooks.hooks import pin_actions_to_sha as hook
from supply_chain_hooks.source import Source
from supply_chain_hooks.workspace import Workspace
from tests.conftest import write

#: The golden case every shape of `uses:` lives in (its report: tests/test_goldens.py).
FIXTURES = Path(__file__).parent / "fixtures" / "github" / "check" / "input"
REPORT = FIXTURES.parent / "report.txt"
OFFLINE = hook.Options()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = hook.main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def findings(
    text: str | bytes, path: str = ".github/workflows/x.yml"
) -> list[tuple[int, int, str]]:
    """(line, column, code) of every finding for one file's content, checked in memory."""
    data = text.encode() if isinstance(text, str) else text
    from supply_chain_hooks.source import decode

    workspace = Workspace(".")
    workspace._sources[path] = decode(path, data)
    found = hook.check(workspace, path, OFFLINE, None)
    return [(f.location.line, f.location.column, f.rule.code) for f in found]


def codes(text: str) -> list[tuple[int, str]]:
    return [(line, code) for line, _, code in findings(text)]


# --- the golden case's files -----------------------------------------------------------------


def test_json_report_carries_codes_and_fix_safety(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(FIXTURES)
    code, out, _ = run(capsys, "--format", "json", "workflow.yml")
    report = json.loads(out)
    assert code == 1
    by_code: dict[str, int] = {}
    for item in report:
        by_code[item["code"]] = by_code.get(item["code"], 0) + 1
    assert by_code == {"SCH101": 17, "SCH102": 1, "SCH103": 1, "SCH104": 13, "SCH105": 5}
    uppercase = next(item for item in report if item["code"] == "SCH103")
    assert uppercase["fix"] == {"applicability": "safe", "title": "lowercase the commit SHA"}
    # Offline, nothing else offers a fix.
    assert all(item["fix"] is None for item in report if item["code"] != "SCH103")


def test_every_site_gets_at_most_one_finding() -> None:
    text = (FIXTURES / "workflow.yml").read_text()
    lines = [line for line, _ in codes(text)]
    assert len(lines) == len(set(lines))


# --- shapes ----------------------------------------------------------------------------------

STEPS = "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # flow sequence of single-pair mappings (zizmor#1671 crashes here)
        ("    steps: [uses: a/b@v1, uses: c/d@v2]\n", [(5, "SCH101"), (5, "SCH101")]),
        ("      - {uses: a/b@v1}\n      - {uses: ./x}\n", [(6, "SCH101")]),
        # quoted keys, escapes in a double-quoted key
        ('      - "u\\x73es": a/b@v1\n', [(6, "SCH101")]),
        ("      - 'uses': a/b@v1\n", [(6, "SCH101")]),
        # text that only looks like uses
        ("      - run: |\n          uses: a/b@v1\n", []),
        ("      # - uses: a/b@v1\n      - run: echo\n", []),
        ("      - env:\n          X: 'uses: a/b@v1'\n        run: echo\n", []),
        # a `uses` key outside a step is not a step
        ("      - with:\n          uses: a/b@v1\n        uses: ./x\n", []),
        # pinned, local, same-repository references
        ("      - uses: a/b@" + "a" * 40 + "\n      - uses: ./x\n      - uses: $/y\n", []),
        # SHA-256-length hex is not a SHA-1 commit pin
        ("      - uses: a/b@" + "a" * 64 + "\n", [(6, "SCH101")]),
        # a 4-6 digit hex name is a ref name, not a short SHA
        ("      - uses: a/b@beef\n", [(6, "SCH101")]),
        ("      - uses: a/b@1234567\n", [(6, "SCH102")]),
        # whitespace GitHub strips
        ('      - uses: "  a/b@v1  "\n', [(6, "SCH101")]),
        ("      - uses: a/b@" + "a" * 39 + "A\n", [(6, "SCH103")]),
    ],
)
def test_step_shapes(body: str, expected: list[tuple[int, str]]) -> None:
    text = STEPS + body if body.startswith("      ") else STEPS.removesuffix("    steps:\n") + body
    assert codes(text) == expected


def test_aliases_are_reported_once_at_the_anchor() -> None:
    text = (
        "on: push\njobs:\n"
        "  a:\n    runs-on: x\n    steps: &steps\n      - uses: a/b@v1\n      - uses: &u c/d@v2\n"
        "  b:\n    runs-on: x\n    steps: *steps\n"
        "  c:\n    runs-on: x\n    steps:\n      - uses: *u\n      - &s {uses: e/f@v3}\n      - *s\n"
    )
    assert codes(text) == [(6, "SCH101"), (7, "SCH101"), (15, "SCH101")]


def test_alias_bomb_is_linear() -> None:
    lines = ["on: push", "a0: &a0 [uses, uses]"]
    lines += [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}]" for i in range(1, 40)]
    lines += [
        "jobs:",
        "  j:",
        "    runs-on: x",
        "    steps:",
        "      - uses: a/b@v1",
        "        with: {x: *a39}",
    ]
    assert codes("\n".join(lines) + "\n") == [(46, "SCH101")]


def test_crlf_and_bom_keep_positions() -> None:
    text = STEPS + "      - uses: a/b@v1\n      - uses: 'c/d@v2' # x\n"
    crlf = ("\ufeff" + text.replace("\n", "\r\n")).encode()
    assert findings(crlf) == findings(text) == [(6, 15, "SCH101"), (7, 16, "SCH101")]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (STEPS + "\t  - uses: a/b@v1\n", "tab"),
        (
            "on: push\njobs: {}\n---\njobs:\n  a: {uses: a/b/.github/workflows/x.yml@v1}\n",
            "more than one",
        ),
        (STEPS + "      - uses: a/b@v1\n        uses: a/b@v2\n", "duplicate key"),
        (b"on: push\njobs:\n  a:\n    steps:\n      - uses: a/b@v1 \xff\n", "UTF-8"),
    ],
)
def test_unreadable_files_are_sch001(
    content: str | bytes, message: str, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(repo, ".github/workflows/bad.yml", content)
    write(repo, ".github/workflows/good.yml", STEPS + "      - uses: a/b@v1\n")
    code, out, err = run(capsys, ".github/workflows/bad.yml", ".github/workflows/good.yml")
    assert code == 1
    assert "Traceback" not in err
    bad = [line for line in out.splitlines() if line.startswith(".github/workflows/bad.yml")]
    assert len(bad) == 1 and " SCH001 " in bad[0] and message in bad[0]
    assert any(
        line.startswith(".github/workflows/good.yml:6:15: SCH101") for line in out.splitlines()
    )


@pytest.mark.parametrize(
    "content", ["", "# only a comment\n", "[]\n", "just a string\n", "on: push\n"]
)
def test_files_without_references_are_clean(content: str) -> None:
    assert findings(content) == []


def test_action_files_anywhere(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo, "action.yml", "runs:\n  using: composite\n  steps:\n    - uses: a/b@v1\n")
    write(repo, "sub/dir/action.yaml", "runs:\n  using: docker\n  image: docker://x:1\n")
    write(repo, ".github/workflows/w.yaml", STEPS + "      - uses: c/d@v1\n")
    write(repo, "docs/example.yml", STEPS + "      - uses: e/f@v1\n")
    from tests.conftest import git

    git("add", ".", cwd=repo)
    code, out, _ = run(capsys, ".")
    assert code == 1
    assert [line.split(": ")[0] for line in out.splitlines()[:-1]] == [
        ".github/workflows/w.yaml:6:15",
        "action.yml:4:13",
        "sub/dir/action.yaml:3:10",
    ]


# --- policies and suppressions ---------------------------------------------------------------

POLICY_WORKFLOW = STEPS + (
    "      - uses: actions/checkout@v4\n"
    "      - uses: actions/setup-python@v5\n"
    "      - uses: github/codeql-action/init@v3\n"
    "      - uses: github/codeql-action/analyze@v3\n"
    "      - uses: slsa-framework/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml@v2.1.0\n"
)


@pytest.mark.parametrize(
    ("argv", "reported"),
    [
        ([], [6, 7, 8, 9, 10]),
        (["--allow", "actions/*"], [8, 9, 10]),
        (["--allow", "actions/*", "--policy", "actions/checkout=hash-pin"], [6, 8, 9, 10]),
        (
            [
                "--policy",
                "github/codeql-action/*=ref-pin",
                "--policy",
                "github/codeql-action/init=hash-pin",
            ],
            [6, 7, 8, 10],
        ),
        # owner/repo matches only without a sub-path; owner/repo/* matches any
        (["--allow", "github/codeql-action"], [6, 7, 8, 9, 10]),
        (["--allow", "slsa-framework/slsa-github-generator/*"], [6, 7, 8, 9]),
        (["--allow", "SLSA-Framework/SLSA-GitHub-Generator/*"], [6, 7, 8, 9]),
        (["--policy", "*=any", "--policy", "actions/checkout=hash-pin"], [6]),
    ],
)
def test_policies_most_specific_wins(
    argv: list[str], reported: list[int], repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(repo, ".github/workflows/p.yml", POLICY_WORKFLOW)
    _, out, _ = run(capsys, *argv, ".github/workflows/p.yml")
    assert [int(line.split(":")[1]) for line in out.splitlines()[:-1]] == reported


def test_policies_from_pyproject(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo, ".github/workflows/p.yml", POLICY_WORKFLOW)
    write(
        repo,
        "pyproject.toml",
        "[tool.supply-chain-hooks.pin-actions-to-sha]\n"
        'allow = ["slsa-framework/slsa-github-generator/*"]\n'
        'policies = { "actions/*" = "ref-pin", "actions/checkout" = "hash-pin" }\n',
    )
    _, out, _ = run(capsys, ".github/workflows/p.yml")
    assert [int(line.split(":")[1]) for line in out.splitlines()[:-1]] == [6, 8, 9]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--allow", "lol"], "invalid pattern 'lol'"),
        (["--allow", "foo/"], "invalid pattern"),
        (["--allow", "*/foo"], "invalid pattern"),
        (["--allow", "foo/b*r"], "invalid pattern"),
        (["--allow", "foo/*/bar"], "invalid pattern"),
        (["--allow", "foo/bar@v1"], "cannot use exact ref patterns here"),
        (["--policy", "foo/bar=pinned"], "invalid policy 'pinned'"),
        (["--policy", "foo/bar"], "PATTERN=POLICY"),
        (["--policy", "foo/bar=any", "--policy", "foo/bar=hash-pin"], "conflicting policies"),
        (["--timeout", "0"], "--timeout"),
        (["--fix", "--server-url", "ext::sh -c touch% pwned"], "must start with https://"),
        (["--verify", "--server-url", "ssh://git@example.com"], "must start with https://"),
        (
            ["--fix", "--server-url", "https://user:secret@example.com"],
            "must not carry credentials",
        ),
    ],
)
def test_usage_errors(
    argv: list[str], message: str, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(repo, ".github/workflows/p.yml", POLICY_WORKFLOW)
    code, out, err = run(capsys, *argv, ".github/workflows/p.yml")
    assert code == 2
    assert message in err
    assert out == ""


def test_bad_policies_table_is_a_usage_error(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        repo,
        "pyproject.toml",
        '[tool.supply-chain-hooks.pin-actions-to-sha]\npolicies = ["actions/*"]\n',
    )
    write(repo, ".github/workflows/p.yml", POLICY_WORKFLOW)
    code, _, err = run(capsys, ".github/workflows/p.yml")
    assert code == 2 and "policies must map patterns" in err


def test_inline_suppression_and_config_ignore(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        repo,
        ".github/workflows/p.yml",
        STEPS
        + "      - uses: slsa-framework/slsa-github-generator/.github/workflows/g.yml@v2.1.0 # supply-chain-hooks: ignore[SCH101] the generator rejects SHA pins\n"
        + "      - uses: a/b@v1\n"
        + "      - uses: docker://x:1\n",
    )
    code, out, _ = run(capsys, ".github/workflows/p.yml")
    assert code == 1
    assert [line.split(": ")[1].split()[0] for line in out.splitlines()[:-1]] == [
        "SCH101",
        "SCH105",
    ]
    write(
        repo,
        "pyproject.toml",
        '[tool.supply-chain-hooks]\nignore = { SCH105 = "images are mirrored" }\n',
    )
    _, out, _ = run(capsys, ".github/workflows/p.yml")
    assert [line.split(": ")[1].split()[0] for line in out.splitlines()[:-1]] == ["SCH101"]


# --- the manifest ----------------------------------------------------------------------------


def test_manifest_files_regex_matches_the_hook() -> None:
    root = Path(__file__).resolve().parents[1]
    manifest = (root / ".pre-commit-hooks.yaml").read_text()
    entry = manifest[manifest.index("- id: pin-actions-to-sha") :]
    files = re.search(r"^  files: (.+)$", entry, re.MULTILINE)
    assert files is not None
    pattern = re.compile(files.group(1))
    cases = {
        ".github/workflows/ci.yml": True,
        ".github/workflows/release.yaml": True,
        "sub/.github/workflows/ci.yml": False,
        "action.yml": True,
        "action.yaml": True,
        ".github/actions/setup/action.yml": True,
        "deep/path/action.yaml": True,
        ".github/workflows/ci.yml.bak": False,
        ".github/workflows/nested/ci.yml": False,
        ".github/dependabot.yml": False,
        "myaction.yml": False,
        "action.yml.txt": False,
        "workflows/ci.yml": False,
        ".pre-commit-config.yaml": False,
    }
    for path, expected in cases.items():
        assert (pattern.search(path) is not None) is expected, path
        assert hook.matches(path) is expected, path
    assert "entry: pin-actions-to-sha\n" in entry
    scripts = (root / "pyproject.toml").read_text()
    assert 'pin-actions-to-sha = "supply_chain_hooks.hooks.pin_actions_to_sha:HOOK.run"' in scripts


def test_umbrella_check_runs_the_hook(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from supply_chain_hooks.cli import main as cli_main

    write(repo, ".github/workflows/w.yml", STEPS + "      - uses: a/b@v1\n")
    from tests.conftest import git

    git("add", ".", cwd=repo)
    code = cli_main(["check", "--hook", "pin-actions-to-sha"])
    out = capsys.readouterr().out
    assert code == 1
    assert out.startswith(".github/workflows/w.yml:6:15: SCH101 ")


# --- properties --------------------------------------------------------------------------------

_VALUE = st.one_of(
    st.text(alphabet="abcAB019/@.-_ $:{}#'\"\\", max_size=30),
    st.sampled_from(
        ["a/b@v1", "a/b@" + "c" * 40, "./x", "docker://x:1", "a/b/c@" + "D" * 40, "${{ x }}"]
    ),
)
_STYLE = st.sampled_from(["plain", "single", "double", "flow", "folded"])


def _render(value: str, style: str) -> str:
    if style == "single":
        return "      - uses: '" + value.replace("'", "''") + "'\n"
    if style == "double":
        return '      - uses: "' + value.replace("\\", "\\\\").replace('"', '\\"') + '"\n'
    if style == "flow":
        return "      - {uses: " + json.dumps(value) + ", with: {a: 1}}\n"
    if style == "folded":
        return "      - uses: >-\n          " + value + "\n"
    return "      - uses: " + value + "\n"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_VALUE, _STYLE), min_size=1, max_size=6), st.booleans())
def test_any_uses_value_gives_findings_inside_the_file(
    values: list[tuple[str, str]], crlf: bool
) -> None:
    text = STEPS + "".join(_render(value, style) for value, style in values)
    if crlf:
        text = text.replace("\n", "\r\n")
    from supply_chain_hooks.source import InputError

    workspace = Workspace(".")
    workspace._sources["w.yml"] = Source("w.yml", text)
    try:
        found = hook.check(workspace, "w.yml", OFFLINE, None)
    except InputError:
        return  # a rendering that is not valid YAML: SCH001 in a real run
    lines = text.count("\n") + 1
    for finding in found:
        assert 1 <= finding.location.line <= lines
        assert finding.location.line <= finding.location.end_line
        if finding.fix is not None:
            from supply_chain_hooks.edits import apply_fixes

            fixed, applied = apply_fixes(text, [finding.fix])
            assert applied == 1
            workspace._sources["w.yml"] = Source("w.yml", fixed)
            again = hook.check(workspace, "w.yml", OFFLINE, None)
            assert finding.rule.code not in {
                f.rule.code for f in again if f.location.line == finding.location.line
            }
            workspace._sources["w.yml"] = Source("w.yml", text)


def test_fixture_copy_is_checked_like_the_original(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Paths are reported as given; the same file under .github/workflows reports the same lines."""
    target = tmp_path / ".github" / "workflows" / "ci.yml"
    target.parent.mkdir(parents=True)
    shutil.copyfile(FIXTURES / "workflow.yml", target)
    monkeypatch.chdir(tmp_path)
    _, out, _ = run(capsys, ".github/workflows/ci.yml")
    expected = [
        line.replace("workflow.yml:", ".github/workflows/ci.yml:", 1)
        for line in REPORT.read_text().splitlines()
        if line.startswith("workflow.yml:")
    ]
    assert out.splitlines()[:-1] == expected


# --- the pin fix, with a fake server listing (no network) ------------------------------------

_A, _B = "a" * 40, "b" * 40
_LISTING = (
    f"{_A}\trefs/heads/main\n{_A}\trefs/heads/v2\n"
    f"{_B}\trefs/tags/v1\n{_B}\trefs/tags/v1.2.3\n{_B}\trefs/tags/v2\n"
)
_REF = st.sampled_from(["v1", "v2", "main", "v9", _B.upper(), "1234567"])
_COMMENT = st.sampled_from(
    [
        "",
        " # v1",
        "  # keep",
        " #v0.9 old",
        " # tag=v1 x",
        " # supply-chain-hooks: ignore[SCH101] kept on purpose",
    ]
)
_SHAPE = st.sampled_from(
    ["plain", "single", "double", "flow", "flow-tail", "folded", "anchor", "pair"]
)


def _line(ref: str, shape: str, comment: str) -> str:
    value = f"acme/tool@{ref}"
    return {
        "plain": f"      - uses: {value}{comment}\n",
        "single": f"      - uses: '{value}'{comment}\n",
        "double": f'      - uses: "{value}"{comment}\n',
        "flow": f"      - {{uses: {value}}}{comment}\n",
        "flow-tail": f"      - {{uses: {value}, with: {{a: 'x # y', b: 1}}}}{comment}\n",
        "folded": f"      - uses: >-{comment}\n          {value}\n",
        "anchor": f"      - uses: &a{abs(hash(comment)) % 97} {value}{comment}\n",
        "pair": f"      - [{{uses: {value}}}, {{uses: other/x@v1}}]\n",
    }[shape]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(_REF, _SHAPE, _COMMENT), min_size=1, max_size=5),
    st.booleans(),
    st.booleans(),
)
def test_pin_fix_is_exact_and_idempotent(
    entries: list[tuple[str, str, str]], crlf: bool, pin_branches: bool
) -> None:
    from supply_chain_hooks import yaml_doc
    from supply_chain_hooks.edits import apply_fixes
    from supply_chain_hooks.github.refs import RefKind, Repository
    from supply_chain_hooks.github.resolve import Session, parse_ls_remote
    from supply_chain_hooks.github.sites import collect
    from supply_chain_hooks.github.spans import span
    from supply_chain_hooks.source import InputError

    text = STEPS + "".join(_line(*entry) for entry in entries)
    if crlf:
        text = text.replace("\n", "\r\n")
    session = Session(fix=True, pin_branches=pin_branches)
    session.listings["acme/tool"] = parse_ls_remote(_LISTING)
    options = hook.Options(fix=True)
    workspace = Workspace(".")
    workspace._sources["w.yml"] = Source("w.yml", text)
    try:
        before = yaml_doc.parse(Source("w.yml", text))
    except InputError:
        return
    current = text
    for _ in range(5):
        found = hook.check(workspace, "w.yml", options, session)
        fixes = [f.fix for f in found if f.fix is not None]
        if not fixes:
            break
        current, applied = apply_fixes(current, fixes)
        assert applied
        workspace._sources["w.yml"] = Source("w.yml", current)
    else:
        raise AssertionError("fixes did not converge")
    after = yaml_doc.parse(Source("w.yml", current))
    # Same structure; each `uses:` either unchanged or pinned to the commit its ref names.
    old, new = collect(before), collect(after)
    assert [site.context for site in old] == [site.context for site in new]
    for was, now in zip(old, new, strict=True):
        line = before.source.position(span(before.source, was.node)[0])[0]
        suppressed = "ignore[SCH101]" in before.source.line_text(line)
        if was.uses == now.uses:
            continue
        assert isinstance(was.uses, Repository) and isinstance(now.uses, Repository)
        assert not (suppressed and was.uses.kind is RefKind.SYMBOLIC), "suppressed, yet pinned"
        expected = {"v1": _B, "v2": _A, "main": _A, _B.upper(): _B}[was.uses.ref]
        assert now.uses.ref == expected
        if was.uses.ref in ("main", "v2"):
            assert pin_branches  # branches (v2 is a branch and a tag) need --pin-branches
    assert current.count("\r\n") == text.count("\r\n")


def test_parent_relative_local_action_is_invalid(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # GitHub (and zizmor) run only `./`-relative local actions: `../x` never runs.
    write(
        repo,
        ".github/workflows/x.yml",
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: ../sibling-action\n      - uses: ./local-action\n",
    )
    code, out, _ = run(capsys, ".github/workflows/x.yml")
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith(".github/workflows/x.yml:6:15: SCH104 ")
    assert "leaves the repository" in lines[0]
    assert lines[1:] == ["Found 1 problem."]
