"""pin-pre-commit-revs, offline: every rev, frozen-comment and dependency shape, the URL
gate that decides what may reach git, and the reading of the config's YAML."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from supply_chain_hooks import git as git_module
from supply_chain_hooks.hooks import pin_pre_commit_revs as hook
from supply_chain_hooks.precommit.check import check
from supply_chain_hooks.precommit.context import Options
from supply_chain_hooks.precommit.dependencies import judge
from supply_chain_hooks.source import decode
from supply_chain_hooks.workspace import Workspace
from tests.conftest import ROOT, passed, write

#: The golden case of every shape (its report: tests/test_goldens.py).
SHAPES = Path(__file__).parent / "fixtures" / "precommit" / "check" / "input"
SHA = "65dbdb59d2f2d9c3bdc343c566821ad3319ddaa3"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = hook.main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def findings(text: str | bytes, options: Options | None = None) -> list[tuple[int, int, str, str]]:
    """(line, column, code, message) of every finding for one config, checked in memory."""
    path = ".pre-commit-config.yaml"
    workspace = Workspace(".")
    workspace._sources[path] = decode(path, text.encode() if isinstance(text, str) else text)
    found = check(workspace, path, options or Options())
    return sorted((f.location.line, f.location.column, f.rule.code, f.message) for f in found)


def codes(text: str, options: Options | None = None) -> list[tuple[int, str]]:
    return [(line, code) for line, _, code, _ in findings(text, options)]


def repo(url: str, rev: str, extra: str = "") -> str:
    return f"repos:\n  - repo: {url}\n    rev: {rev}\n    hooks:\n      - id: x\n{extra}"


# --- the golden case's file ----------------------------------------------------------------


def test_json_report_offers_no_fix_offline(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(SHAPES)
    code, out, _ = run(capsys, "--format", "json", ".pre-commit-config.yaml")
    report = json.loads(out)
    counts: dict[str, int] = {}
    for item in report:
        counts[item["code"]] = counts.get(item["code"], 0) + 1
    assert code == 1
    assert counts == {"SCH501": 5, "SCH502": 1, "SCH503": 2, "SCH505": 14, "SCH506": 3}
    assert all(item["fix"] is None for item in report)


# --- revs ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rev", "expected"),
    [
        (SHA, []),
        (SHA.upper(), []),
        (f'"{SHA}"', []),
        (f"'{SHA}'", []),
        (f"{SHA}  # frozen: v0.16.3", []),
        (f"{SHA}    # frozen: v0.16.3", []),
        (f"{SHA} #frozen: v0.16.3", []),
        (f"{SHA}  # any other comment", []),
        ("v1.2.3", ["SCH501 `v1.2.3` looks like a tag"]),
        ("1.2.3", ["SCH501 `1.2.3` looks like a tag"]),
        ("'24.8.0'", ["SCH501 `24.8.0` looks like a tag"]),
        ("main", ["SCH501 `main` looks like a branch"]),
        ("refs/heads/stable", ["SCH501 `refs/heads/stable` looks like a branch"]),
        ("stable", ["SCH501 `stable` is a branch or tag name"]),
        ("v1.2.3  # frozen: v1.2.3", ["SCH501 `v1.2.3` looks like a tag"]),
        ("65dbdb5", ["SCH502 is a short SHA (7 hex digits)"]),
        (SHA[:39], ["SCH502 is a short SHA (39 hex digits)"]),
        ("65dbdb", ["SCH501 `65dbdb` is a branch or tag name"]),  # 6 digits: a name
        (SHA + "0", ["SCH501 has 41 hex digits"]),
        ('""', ["SCH501 is empty"]),
        (f"{SHA}  # frozen:", ["SCH503 names no tag"]),
        (f"{SHA}  # frozen:   # reviewed", ["SCH503 names no tag"]),
        (f"{SHA}  # frozen: v1..2", ["SCH503 does not name a tag (it contains `..`"]),
        (f"{SHA}  # frozen: -v1", ["SCH503 does not name a tag (it starts with `-`"]),
    ],
)
def test_rev_shapes(rev: str, expected: list[str]) -> None:
    found = findings(repo("https://github.com/o/r", rev))
    assert len(found) == len(expected), found
    for (_, _, code, message), wanted in zip(found, expected, strict=True):
        wanted_code, _, fragment = wanted.partition(" ")
        assert code == wanted_code
        assert fragment in message, message


def test_findings_point_at_the_value_and_the_comment() -> None:
    text = repo("https://github.com/o/r", "'v1.2.3'") + repo(
        "https://github.com/o/s", f"{SHA}  # frozen:"
    ).removeprefix("repos:\n")
    assert [(line, column, code) for line, column, code, _ in findings(text)] == [
        (3, 11, "SCH501"),  # inside the quotes
        (7, 52, "SCH503"),  # the comment
    ]


def test_local_and_meta_repositories_are_exempt() -> None:
    text = (
        "repos:\n  - repo: local\n    hooks:\n      - id: a\n        name: a\n"
        "        entry: a\n        language: system\n"
        "  - repo: meta\n    hooks:\n      - id: identity\n"
    )
    assert findings(text) == []


def test_allow_patterns_match_repository_urls() -> None:
    text = (
        repo("https://github.com/MyOrg/hooks.git/", "v1")
        + repo("https://github.com/myorg/other", "main").removeprefix("repos:\n")
        + repo("https://github.com/someone/else", "v2").removeprefix("repos:\n")
        + repo("https://gitlab.com/myorg/deep/group", "abcdef1").removeprefix("repos:\n")
    )
    assert [code for _, code in codes(text)] == ["SCH501", "SCH501", "SCH501", "SCH502"]
    allowed = Options(allow=("https://github.com/myorg/*", "https://gitlab.com/**"))
    assert codes(text, allowed) == [(11, "SCH501")]
    exact = Options(allow=("https://github.com/someone/else",))
    assert [line for line, _ in codes(text, exact)] == [3, 7, 15]


def test_allow_from_pyproject_and_the_command_line(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(repo, ".pre-commit-config.yaml", globals()["repo"]("https://example.com/a", "v1"))
    assert run(capsys, ".pre-commit-config.yaml")[0] == 1
    assert run(capsys, "--allow", "https://example.com/*", ".pre-commit-config.yaml")[0] == 0
    write(
        repo,
        "pyproject.toml",
        '[tool.supply-chain-hooks.pin-pre-commit-revs]\nallow = ["https://example.com/a"]\n',
    )
    code, out, _ = run(capsys, ".pre-commit-config.yaml")
    assert passed((code, out))


def test_suppression_on_the_rev_line(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(
        repo,
        ".pre-commit-config.yaml",
        "repos:\n  - repo: https://example.com/a\n"
        "    rev: v1  # supply-chain-hooks: ignore[SCH501] mirror we control\n"
        "    hooks: [{id: x}]\n",
    )
    code, out, _ = run(capsys, ".pre-commit-config.yaml")
    assert passed((code, out))


def test_flow_style_and_aliases() -> None:
    text = (
        "x: &tag v1.0.0\n"
        "repos:\n"
        "  - {repo: 'https://github.com/o/a', rev: v1, hooks: [{id: a}]}\n"
        f"  - {{repo: https://github.com/o/b, rev: {SHA}, hooks: [{{id: b}}]}}  # frozen: v2\n"
        "  - repo: https://github.com/o/c\n    rev: *tag\n    hooks: [{id: c}]\n"
        "  - &same\n    repo: https://github.com/o/d\n    rev: main\n    hooks: [{id: d}]\n"
        "  - *same\n"
    )
    # An aliased rev is reported at its anchor; an aliased repository is the same node,
    # reported at the same place (the runner prints it once).
    assert sorted(set(codes(text))) == [(1, "SCH501"), (3, "SCH501"), (10, "SCH501")]


def test_comment_on_a_line_shared_by_two_revs_is_nobodys() -> None:
    text = (
        "repos: [{repo: https://github.com/o/a, rev: "
        + SHA
        + ", hooks: [{id: a}]}, {repo: https://github.com/o/b, rev: "
        + SHA
        + ", hooks: [{id: b}]}]  # frozen:\n"
    )
    assert findings(text) == []


def test_crlf_and_bom_are_read() -> None:
    text = repo("https://github.com/o/r", f"{SHA}  # frozen:").replace("\n", "\r\n")
    found = findings(b"\xef\xbb\xbf" + text.encode())
    assert [(line, column, code) for line, column, code, _ in found] == [(3, 52, "SCH503")]


def test_a_colon_inside_a_flow_scalar_is_valid_yaml() -> None:
    """pre-commit's PyYAML reads `args: [--index=https://x]`; so do we (ruff's own config)."""
    text = repo(
        "https://github.com/o/r", SHA, "        args: [--default-index=https://pypi.org/simple]\n"
    )
    assert findings(text) == []


def test_invalid_yaml_is_sch001(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo, ".pre-commit-config.yaml", "repos:\n  - repo: x\n   rev: [\n")
    code, out, _ = run(capsys, ".pre-commit-config.yaml")
    assert code == 1 and "SCH001 invalid YAML" in out


@pytest.mark.parametrize(
    "text",
    [
        "",
        "repos: 3\n",
        "repos: [1, [2], {}]\n",
        "- a\n- b\n",
        "repos:\n  - repo: [x]\n    rev: {a: b}\n",
        "repos:\n  - hooks: [{additional_dependencies: {a: b}}, 3]\n",
    ],
)
def test_shapes_pre_commit_rejects_are_skipped(text: str) -> None:
    assert findings(text) == []


def test_this_repository_passes(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    code, out, err = run(capsys, ".pre-commit-config.yaml")
    assert passed((code, out)), out + err


def test_files_pattern_of_the_manifest() -> None:
    import re

    from ruamel.yaml import YAML

    manifest = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text())
    (entry,) = [item for item in manifest if item["id"] == "pin-pre-commit-revs"]
    pattern = re.compile(entry["files"])
    good = [
        ".pre-commit-config.yaml",
        "sub/.pre-commit-config.yaml",
        "{{x}}/.pre-commit-config.yaml",
    ]
    bad = [
        ".pre-commit-config.yml",
        ".pre-commit-hooks.yaml",
        "x.pre-commit-config.yaml",
        ".pre-commit-config.yaml.bak",
        "pre-commit-config.yaml",
    ]
    assert [path for path in good if not pattern.search(path)] == []
    assert [path for path in bad if pattern.search(path)] == []
    assert all(hook.HOOK.matches(path) for path in good)
    assert not any(hook.HOOK.matches(path) for path in bad)


# --- dependencies --------------------------------------------------------------------------

PINNED = [
    ("black==24.8.0", None),
    ("black == 24.8.0", None),
    ("black===24.8.0", None),
    ("black[d]==24.8.0", None),
    ("uvloop==0.21.0; sys_platform != 'win32'", None),
    ("pkg @ git+https://github.com/o/r@" + SHA, None),
    ("git+https://github.com/o/r@" + SHA + "#egg=pkg", None),
    ("pkg @ https://example.com/pkg-1.0.tar.gz#sha256=" + "0" * 64, None),
    ("prettier@3.3.3", None),
    ("prettier@v3.3.3", None),
    ("prettier@=3.3.3", None),
    ("prettier@3.3.3-rc.1+build.5", None),
    ("@scope/plugin@1.0.0", None),
    ("alias@npm:real@1.0.0", None),
    ("plugin@github:o/r#" + SHA, None),
    ("plugin@git+https://github.com/o/r.git#" + SHA, None),
    ("golang.org/x/tools/cmd/goimports@v0.24.0", None),
    ("golang.org/x/tools/cmd/goimports@v0.0.0-20240101000000-abcdefabcdef", None),
    ("golang.org/x/tools/cmd/goimports@" + SHA, None),
    # Not checked: options, and forms of other installers.
    ("-r requirements.txt", None),
    ("--index-url=https://example.com/simple", None),
    ("cli:ripgrep:14.1.0", None),
    ("rubocop-rails:2.1", None),
    ("", None),
]
UNPINNED = [
    ("black", "", "no version"),
    ("black>=24", "PEP 508", "a range `>=24`"),
    ("black~=24.8", "PEP 508", "a range `~=24.8`"),
    ("black!=24.1", "PEP 508", "a range `!=24.1`"),
    ("black==24.*", "PEP 508", "a wildcard `==24.*`"),
    ("black==24.8.0,<25", "PEP 508", "several version specifiers"),
    ("black[d]", "", "no version"),
    ("pkg @ git+https://github.com/o/r@main", "PEP 508", "a VCS URL without a full commit SHA"),
    ("pkg @ git+https://github.com/o/r@65dbdb5", "PEP 508", "a VCS URL without a full commit SHA"),
    ("pkg @ https://example.com/pkg-1.0.tar.gz", "PEP 508", "a URL without a `#sha256=` hash"),
    ("./local-dir", "PEP 508", "a local path"),
    ("prettier@^3.3.0", "npm", "a range `^3.3.0`"),
    ("prettier@~3.3.0", "npm", "a range `~3.3.0`"),
    ("prettier@3.x", "npm", "a range `3.x`"),
    ("prettier@3", "npm", "a range `3`"),
    ("prettier@>=3 <4", "npm", "a range `>=3 <4`"),
    ("prettier@*", "npm", "a range `*`"),
    ("prettier@latest", "npm", "`latest`, a dist-tag that moves"),
    ("@scope/plugin", "npm", "no version"),
    ("@scope/plugin@", "npm", "no version"),
    ("plugin@github:o/r", "npm", "a git URL without"),
    ("plugin@github:o/r#main", "npm", "a git URL without"),
    ("alias@npm:real@^1", "npm", "an alias to a range `^1`"),
    ("golang.org/x/tools/cmd/goimports", "Go", "no version"),
    ("golang.org/x/tools/cmd/goimports@latest", "Go", "`@latest`, which is not a version"),
    ("golang.org/x/tools/cmd/goimports@master", "Go", "`@master`, which is not a version"),
]


@pytest.mark.parametrize(("text", "expected"), PINNED)
def test_pinned_or_unchecked_dependencies_of_remote_hooks(text: str, expected: None) -> None:
    assert judge(text, None) is expected


@pytest.mark.parametrize(("text", "form", "why"), UNPINNED)
def test_unpinned_dependencies_of_remote_hooks(text: str, form: str, why: str) -> None:
    verdict = judge(text, None)
    assert verdict is not None
    assert (verdict.form, verdict.why.startswith(why)) == (form, True), verdict


@pytest.mark.parametrize(
    ("language", "text", "form"),
    [
        ("python", "black", "PEP 508"),  # the language decides: no npm reading
        ("python", "prettier@3.3.3", "PEP 508"),  # `name @ 3.3.3` is a path-like URL to pip
        ("python", "black==24.8.0", None),
        ("node", "prettier", "npm"),
        ("node", "prettier@3.3.3", None),
        ("node", "black==24.8.0", None),  # not an npm spec: npm reports it
        ("golang", "example.com/tool", "Go"),
        ("golang", "example.com/tool@v1.2.3", None),
        ("ruby", "rubocop", None),  # other languages: not checked
        ("rust", "cli:ripgrep", None),
        ("system", "anything", None),
    ],
)
def test_the_language_of_a_local_hook_decides(language: str, text: str, form: str | None) -> None:
    verdict = judge(text, language)
    assert (verdict.form if verdict is not None else None) == form


def test_dependencies_of_local_hooks_are_checked() -> None:
    text = (
        "repos:\n  - repo: local\n    hooks:\n      - id: a\n        name: a\n"
        "        entry: a\n        language: python\n"
        "        additional_dependencies: [requests, 'rich==13.8.0', '   ', {x: y}]\n"
    )
    found = findings(text)
    assert [(line, column, code) for line, column, code, _ in found] == [(8, 35, "SCH505")]
    assert "PEP 508 dependency `requests` of hook `a` is not pinned (no version)" in found[0][3]


# --- what may reach git --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "transport"),
    [
        ("https://github.com/o/r", "https"),
        ("HTTPS://github.com/o/r.git", "https"),
        ("https://user:token@git.example.com:8443/o/r", "https"),
        ("http://127.0.0.1:8080/o/r", "http"),
        ("http://[::1]:8080/o/r", "http"),
        ("ssh://git@github.com/o/r.git", "ssh"),
        ("ssh://github.com:2222/o/r", "ssh"),
        ("git+ssh://git@github.com/o/r", "ssh"),
        ("git@github.com:o/r.git", "ssh"),
        ("github.com:o/r", "ssh"),
        ("file:relative", "ssh"),  # no `//`: git reads it as host `file`, path `relative`
        ("file:///srv/git/r.git", "file"),
    ],
)
def test_urls_that_may_reach_git(url: str, transport: str) -> None:
    assert git_module.remote_transport(url) == transport


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ext::sh -c touch% pwned", "whitespace"),
        ("ext::sh", "remote-helper syntax"),
        ("fd::3", "remote-helper syntax"),
        ("fd::0,1", "remote-helper syntax"),
        ("evil::https://example.com/x", "remote-helper syntax"),
        ("github.com::o/r", "remote-helper syntax"),
        ("--upload-pack=touch pwned", "whitespace"),
        ("--upload-pack=touch%20pwned", "starts with `-`"),
        ("-oProxyCommand=x", "starts with `-`"),
        ("ssh://-oProxyCommand=touch%20pwned/x", "not a plain host name"),
        ("ssh://%2doProxyCommand=x/y", "not a plain host name"),
        ("ssh://user%40x@host/y", "not a plain host name"),
        ("https://-x/y", "not a plain host name"),
        ("git@-oProxyCommand=x:y", "not a URL"),
        ("git@host:-x", "starts with `-`"),
        ("git@host:", "empty"),
        ("file:///tmp/x --upload-pack=touch pwned", "whitespace"),
        ("https://example.com/x\ttouch", "whitespace"),
        ("https://example.com/\x00", "control"),
        ("git://example.com/r", "unencrypted"),
        ("ftp://example.com/r", "not a transport"),
        ("file://host/share/r", "file:///absolute/path"),
        ("/srv/git/r.git", "not a URL"),
        ("../r", "not a URL"),
        ("", "empty"),
    ],
)
def test_urls_that_never_reach_git(url: str, reason: str) -> None:
    with pytest.raises(ValueError, match=None) as caught:
        git_module.remote_transport(url)
    assert reason in str(caught.value)


def test_refused_urls_start_no_process(monkeypatch: pytest.MonkeyPatch) -> None:
    def forbidden(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("git must not run")

    monkeypatch.setattr(git_module, "run_git", forbidden)
    results = git_module.ls_remote(["ext::sh -c x", "-x", "/path"], timeout=5)
    assert all(isinstance(value, git_module.NotAttempted) for value in results.values())
    assert [str(value).split(":")[0] for value in results.values()] == ["not looked up"] * 3


def test_a_clean_config_imports_nothing_heavy(repo: Path) -> None:
    """pre-commit starts the hook for every commit that touches the config: a frozen config
    with pinned dependencies is checked without typing, dataclasses, ruamel or packaging."""
    import subprocess
    import sys

    from tests.test_startup import HEAVY

    write(
        repo,
        ".pre-commit-config.yaml",
        "repos:\n  - repo: https://github.com/astral-sh/ruff-pre-commit\n"
        f"    rev: {SHA}  # frozen: v0.16.3\n    hooks:\n      - id: ruff-check\n"
        "        additional_dependencies: [types-requests==2.32.0.20240712, 'x[y]==1.0']\n",
    )
    code = (
        "import sys\n"
        "from supply_chain_hooks.hooks.pin_pre_commit_revs import main\n"
        "status = main(['.pre-commit-config.yaml'])\n"
        "print('\\n'.join(sorted(sys.modules)), file=sys.stderr)\n"
        "raise SystemExit(status)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=repo, capture_output=True, text=True, check=False
    )
    modules = set(done.stderr.split())
    assert done.returncode == 0, done.stdout
    assert sorted(modules & {*HEAVY, "packaging", "optparse", "argparse"}) == []
