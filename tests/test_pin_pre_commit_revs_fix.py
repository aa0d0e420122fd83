"""pin-pre-commit-revs --fix / --verify against real git servers built by the tests.

Bare hook repositories with lightweight, annotated and nested annotated tags, branches and a
name that is both, reached through `file://`, git's smart HTTP protocol on loopback (the
server of tests/test_pin_actions_fix.py, serving these repositories), and ssh (a stand-in
`ssh` on PATH that runs `git upload-pack` locally); plus servers that refuse, hang and fail,
and `repo:` URLs written to attack. Commits have fixed dates, so their SHAs (and the golden
files) are stable.
"""

from __future__ import annotations

import base64
import os
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from supply_chain_hooks.hooks import pin_pre_commit_revs as hook
from tests import golden
from tests import test_pin_actions_fix as actions
from tests.conftest import passed, write
from tests.golden import Goldens
from tests.test_pin_actions_fix import GIT_ENV, TOKEN, Calls, HttpServer, _git

# pin-actions-to-sha's fixtures: the recorder of git processes, and the smart HTTP server,
# which serves this module's `server_root` (fixtures resolve by name in the requesting test).
calls = actions.calls
http_server = actions.http_server

#: The golden case: --fix against the servers below, `<root>` their folder (tests/golden.py).
CASE = golden.load("precommit", "fix")
CONFIG = ".pre-commit-config.yaml"

# The commits of the repositories below (fixed dates make them stable).
A1 = "70a71c02a8d1a62d589236b9bd84d3ad386cb70c"
A2 = "31b283520808962b542200ac06e8ac48cd3cb73e"
A3 = "4a89e988fe8d3a683c2782771ae596747d8178dc"
B1 = "67a785335caa725b91d9565039429d3d681ccc4b"
B2 = "10718d08eebcb1989e724a32f948dd33c45ba6da"
G1 = "1d653ca49d9b2d548e5d63b4562f79d305f1ab46"


def hook_repository(
    root: Path,
    name: str,
    commits: list[str],
    tags: list[tuple[str, str, bool]],
    branches: list[tuple[str, str]] = (),  # type: ignore[assignment]
) -> dict[str, str]:
    """A bare repository root/<name>.git of pre-commit hooks: each commit's `say` hook prints
    which repository and commit it runs from. Tags are (name, commit label or tag, annotated)."""
    work = root / "_work" / name
    work.mkdir(parents=True)
    _git("init", "-q", "-b", "main", cwd=work)
    made: dict[str, str] = {}
    for label in commits:
        (work / ".pre-commit-hooks.yaml").write_text(
            "- id: say\n  name: say\n  entry: ./say.sh\n  language: unsupported_script\n"
            "  pass_filenames: false\n  always_run: true\n  verbose: true\n"
        )
        script = work / "say.sh"
        script.write_text(f'#!/bin/sh\necho "{name} at {label}"\n')
        script.chmod(0o755)
        _git("add", "-A", cwd=work)
        _git("commit", "-q", "-m", label, cwd=work)
        made[label] = _git("rev-parse", "HEAD", cwd=work)
    for tag, target, annotated in tags:
        if annotated:
            _git("tag", "-a", tag, "-m", tag, made.get(target, target), cwd=work)
        else:
            _git("tag", tag, made.get(target, target), cwd=work)
    for branch, target in branches:
        _git("branch", "-f", branch, made[target], cwd=work)
    _git("clone", "-q", "--bare", str(work), str(root / f"{name}.git"), cwd=root)
    return made


def build_servers(root: Path) -> dict[str, str]:
    """alpha: v1.0.0 (lightweight), v2.0.0 and v3.0.0 (annotated, v3 at HEAD), branches main
    and stable, and `both`, a tag (a1) and a branch (a2). beta: v0.9 and v1.0 (lightweight,
    v1.0 at HEAD). gamma: `inner` (annotated), `1.2.3` (an annotated tag of `inner`) and
    `2024101` (a lightweight tag that looks like a short SHA)."""
    made = hook_repository(
        root,
        "alpha",
        ["a1", "a2", "a3"],
        [
            ("v1.0.0", "a1", False),
            ("v2.0.0", "a2", True),
            ("v3.0.0", "a3", True),
            ("both", "a1", False),
        ],
        [("stable", "a2"), ("both", "a2")],
    )
    made |= hook_repository(
        root, "beta", ["b1", "b2"], [("v0.9", "b1", False), ("v1.0", "b2", False)]
    )
    made |= hook_repository(
        root, "gamma", ["g1"], [("inner", "g1", True), ("2024101", "g1", False)]
    )
    work = root / "_work" / "gamma"
    _git("tag", "-a", "1.2.3", "-m", "1.2.3", "inner", cwd=work)
    _git("push", "-q", str(root / "gamma.git"), "refs/tags/1.2.3", cwd=work)
    return made


def tag_object(root: Path, name: str, tag: str) -> str:
    """What `git rev-parse <tag>` prints (and `pre-commit autoupdate --freeze` writes)."""
    return _git("rev-parse", tag, cwd=root / f"{name}.git")


@pytest.fixture(scope="module")
def server_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("server")
    made = build_servers(root)
    assert [made[label] for label in ("a1", "a2", "a3", "b1", "b2", "g1")] == [
        A1,
        A2,
        A3,
        B1,
        B2,
        G1,
    ]
    return root


@pytest.fixture(autouse=True)
def _no_ambient_server(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("GITHUB_SERVER_URL", "GH_TOKEN", "GITHUB_TOKEN"):
        monkeypatch.delenv(name, raising=False)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = hook.main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def install(repo: Path, root: Path, transform: Callable[[bytes], bytes] | None = None) -> str:
    """The golden input, with <root> replaced, as the repository's config; returns root's URL
    path part (what the golden files call <root>)."""
    data = CASE.files()[CONFIG].replace(b"<root>", root.as_posix().encode())
    write(repo, CONFIG, transform(data) if transform else data)
    return root.as_posix()


def fixed(root: Path) -> bytes:
    """The golden fixed config (the input with its fix.diff applied), <root> replaced."""
    text = (CASE.folder / "fix.diff").read_bytes().decode()
    data = golden.patch(CASE.files(), text)[CONFIG]
    return data.replace(b"<root>", root.as_posix().encode())


def placeholders(text: str, root: Path) -> str:
    return text.replace(root.as_posix(), "<root>")


def rev_lines(repo: Path) -> list[str]:
    return [line.strip() for line in (repo / CONFIG).read_text().splitlines() if "rev:" in line]


# --- file:// -------------------------------------------------------------------------------


def test_fix_over_file_urls_matches_golden_files(
    server_root: Path, repo: Path, capsys: pytest.CaptureFixture[str], goldens: Goldens
) -> None:
    """The golden case: report, fix.diff, the fix's report, and a second fix that changes
    nothing (the branch, the unknown name, the short SHA and the missing repository remain)."""
    golden.run_case(CASE, repo, capsys, goldens, {"root": server_root.as_posix()})


def test_one_ls_remote_per_url_per_run(
    server_root: Path, repo: Path, calls: Calls, capsys: pytest.CaptureFixture[str]
) -> None:
    install(repo, server_root)
    code, _, err = run(capsys, "--fix", CONFIG)
    assert code == 1
    assert f"{CONFIG}: fixed" in err
    assert (repo / CONFIG).read_bytes() == fixed(server_root)
    # One ls-remote per URL for the whole run, each with `--` right before the URL.
    base = f"file://{server_root.as_posix()}"
    assert calls.ls_remote_urls() == [
        f"{base}/{name}.git" for name in ("alpha", "beta", "gamma", "missing")
    ]
    for command in calls.commands:
        assert command[command.index("ls-remote") :] == [
            "ls-remote",
            "--heads",
            "--tags",
            "--",
            command[-1],
        ]


def test_fix_keeps_crlf_and_bom(
    server_root: Path, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def crlf_bom(data: bytes) -> bytes:
        return b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n")

    install(repo, server_root, crlf_bom)
    run(capsys, "--fix", CONFIG)
    assert (repo / CONFIG).read_bytes() == crlf_bom(fixed(server_root))


def test_only_the_rev_and_its_comment_change(
    server_root: Path, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    install(repo, server_root)
    before = (repo / CONFIG).read_text().splitlines()
    run(capsys, "--fix", CONFIG)
    after = (repo / CONFIG).read_text().splitlines()
    assert len(before) == len(after)
    changed = [(old, new) for old, new in zip(before, after, strict=True) if old != new]
    assert changed
    for old, new in changed:
        assert "rev:" in old
        prefix = old[: old.index("rev:") + 4]
        assert new.startswith(prefix)


def test_pin_branches_pins_without_a_frozen_comment(
    server_root: Path, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"file://{server_root.as_posix()}/alpha.git"
    write(
        repo,
        CONFIG,
        f"repos:\n  - repo: {url}\n    rev: main\n    hooks: [{{id: say}}]\n"
        f"  - repo: {url}\n    rev: stable  # frozen: v2.0.0\n    hooks: [{{id: say}}]\n"
        f"  - repo: {url}\n    rev: refs/heads/stable\n    hooks: [{{id: say}}]\n",
    )
    code, out, _ = run(capsys, "--fix", "--pin-branches", CONFIG)
    assert (code, out) == (1, "Fixed 1 file; no problems left (1 hook, 1 file).\n")
    assert rev_lines(repo) == [f"rev: {A3}", f"rev: {A2}", f"rev: {A2}"]


def test_config_file_options(
    server_root: Path, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"file://{server_root.as_posix()}/alpha.git"
    write(repo, CONFIG, f"repos:\n  - repo: {url}\n    rev: main\n    hooks: [{{id: say}}]\n")
    write(
        repo,
        "pyproject.toml",
        "[tool.supply-chain-hooks.pin-pre-commit-revs]\npin-branches = true\n",
    )
    run(capsys, "--fix", CONFIG)
    assert rev_lines(repo) == [f"rev: {A3}"]


def test_two_revs_on_one_line_get_no_comment(
    server_root: Path, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"file://{server_root.as_posix()}"
    write(
        repo,
        CONFIG,
        f"repos: [{{repo: {url}/alpha.git, rev: v1.0.0, hooks: [{{id: say}}]}}, "
        f"{{repo: {url}/beta.git, rev: 'v0.9', hooks: [{{id: say}}]}}]\n",
    )
    code, out, _ = run(capsys, "--fix", CONFIG)
    assert (code, out) == (1, "Fixed 1 file; no problems left (1 hook, 1 file).\n")
    assert (repo / CONFIG).read_text() == (
        f"repos: [{{repo: {url}/alpha.git, rev: {A1}, hooks: [{{id: say}}]}}, "
        f"{{repo: {url}/beta.git, rev: '{B1}', hooks: [{{id: say}}]}}]\n"
    )


def test_values_not_written_literally_are_reported_not_fixed(
    server_root: Path, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"file://{server_root.as_posix()}/alpha.git"
    content = f'repos:\n  - repo: {url}\n    rev: "v1.0\\x2E0"\n    hooks: [{{id: say}}]\n'
    write(repo, CONFIG, content)
    code, out, _ = run(capsys, "--fix", CONFIG)
    assert code == 1
    assert (repo / CONFIG).read_text() == content
    assert "not written literally (escapes, folding or spaces), so not fixed" in out


def test_the_checked_repositorys_git_config_does_not_apply(
    server_root: Path, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / ".git" / "config").write_text(
        (repo / ".git" / "config").read_text()
        + '[url "http://127.0.0.1:9/"]\n\tinsteadOf = file://\n[core]\n\thooksPath = hooks\n'
    )
    url = f"file://{server_root.as_posix()}/beta.git"
    write(repo, CONFIG, f"repos:\n  - repo: {url}\n    rev: v1.0\n    hooks: [{{id: say}}]\n")
    code, out, err = run(capsys, "--fix", CONFIG)
    assert rev_lines(repo) == [f"rev: {B2}  # frozen: v1.0"], out
    assert code == 1 and f"{CONFIG}: fixed" in err


# --- --verify ------------------------------------------------------------------------------


def verify_config(root: Path) -> str:
    alpha = f"file://{root.as_posix()}/alpha.git"
    gamma = f"file://{root.as_posix()}/gamma.git"
    rows = [
        (alpha, f"{A1}  # frozen: v1.0.0"),  # lightweight: right
        (alpha, f"{A2}  # frozen: v2.0.0"),  # annotated, its commit: right
        (
            alpha,
            f"{tag_object(root, 'alpha', 'v2.0.0')}  # frozen: v2.0.0",
        ),  # its tag object: right
        (gamma, f"{G1}  # frozen: 1.2.3"),  # nested annotated, the commit: right
        (gamma, f"{tag_object(root, 'gamma', '1.2.3')}  # frozen: 1.2.3"),  # the outer tag: right
        (alpha, f"{A3}  # frozen: v2.0.0"),  # wrong: v2.0.0 is a2
        (alpha, f"{A1}  # frozen: v9.9.9  # keep"),  # no such tag
        (alpha, f"{A3}  # frozen: stable"),  # a branch, not a tag
        (alpha, f"{'1' * 40}  # frozen: v1.0.0"),  # wrong, and no tag at that SHA
        (alpha, A1),  # no comment: nothing to verify
        (f"file://{root.as_posix()}/missing.git", f"{A1}  # frozen: v1"),  # cannot be verified
    ]
    body = "".join(
        f"  - repo: {url}\n    rev: {rev}\n    hooks: [{{id: say}}]\n" for url, rev in rows
    )
    return "repos:\n" + body


def test_verify_accepts_tag_objects_and_commits(
    server_root: Path, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = verify_config(server_root)
    write(repo, CONFIG, content)
    code, out, _ = run(capsys, "--verify", CONFIG)
    assert code == 1
    lines = placeholders(out, server_root).splitlines()
    alpha = "file://<root>/alpha.git"
    assert lines == [
        (
            f"{CONFIG}:18:62: SCH504 `# frozen: v2.0.0` of {alpha} at {A3[:12]}: the tag is at "
            f"{A2[:12]}, not at the pinned SHA; the pinned SHA is tagged v3.0.0"
        ),
        (
            f"{CONFIG}:21:62: SCH504 `# frozen: v9.9.9` of {alpha} at {A1[:12]}: the repository "
            "has no tag `v9.9.9`; the pinned SHA is tagged v1.0.0"
        ),
        (
            f"{CONFIG}:24:62: SCH504 `# frozen: stable` of {alpha} at {A3[:12]}: `stable` is a "
            "branch, not a tag; the pinned SHA is tagged v3.0.0"
        ),
        (
            f"{CONFIG}:27:62: SCH504 `# frozen: v1.0.0` of {alpha} at 111111111111: the tag is "
            f"at {A1[:12]}, not at the pinned SHA; no tag points to the pinned SHA"
        ),
        (
            f"{CONFIG}:33:62: SCH504 `# frozen: v1` of file://<root>/missing.git at {A1[:12]} "
            "could not be verified: repository not found ('<root>/missing.git' does not appear "
            "to be a git repository)"
        ),
        "Found 5 problems.",
    ]
    assert (repo / CONFIG).read_text() == content  # --verify alone never writes


def test_verify_with_fix_corrects_the_comment_only(
    server_root: Path, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = verify_config(server_root)
    write(repo, CONFIG, content)
    run(capsys, "--verify", "--fix", CONFIG)
    expected = content.splitlines()
    expected[17] = f"    rev: {A3}  # frozen: v3.0.0"
    expected[20] = f"    rev: {A1}  # frozen: v1.0.0  # keep"
    expected[23] = f"    rev: {A3}  # frozen: v3.0.0"
    assert (repo / CONFIG).read_text().splitlines() == expected


def test_verify_reads_an_uppercase_sha_as_pinned(
    server_root: Path, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """pre-commit and git accept a full SHA in either case: its frozen comment is verified."""
    alpha = f"file://{server_root.as_posix()}/alpha.git"
    rev = f"{A3.upper()}  # frozen: v2.0.0"
    write(repo, CONFIG, f"repos:\n  - repo: {alpha}\n    rev: {rev}\n    hooks: [{{id: say}}]\n")
    code, out, _ = run(capsys, "--verify", CONFIG)
    assert code == 1
    assert placeholders(out, server_root).splitlines() == [
        (
            f"{CONFIG}:3:62: SCH504 `# frozen: v2.0.0` of file://<root>/alpha.git at {A3[:12]}: "
            f"the tag is at {A2[:12]}, not at the pinned SHA; the pinned SHA is tagged v3.0.0"
        ),
        "Found 1 problem.",
    ]


# --- smart HTTP on loopback ----------------------------------------------------------------


def test_fix_over_smart_http(
    http_server: HttpServer, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        repo,
        CONFIG,
        f"repos:\n  - repo: {http_server.url}/alpha.git\n    rev: v2.0.0\n    hooks: [{{id: say}}]\n"
        f"  - repo: {http_server.url}/missing.git\n    rev: v1\n    hooks: [{{id: say}}]\n",
    )
    code, out, _ = run(capsys, "--fix", CONFIG)
    assert code == 1
    assert rev_lines(repo) == [f"rev: {A2}  # frozen: v2.0.0", "rev: v1"]
    insecure = "http:// is unencrypted: anyone on the network path can serve other code"
    assert out.splitlines() == [
        f"{CONFIG}:2:11: SCH506 `repo: {http_server.url}/alpha.git`: {insecure}",
        f"{CONFIG}:5:11: SCH506 `repo: {http_server.url}/missing.git`: {insecure}",
        (
            f"{CONFIG}:6:10: SCH501 `rev: v1` of {http_server.url}/missing.git is not a commit "
            f"SHA: could not resolve `v1`: repository not found (repository '{http_server.url}"
            "/missing.git/' not found)"
        ),
        "Found 3 problems (1 file fixed).",
    ]
    assert set(http_server.authorizations) == {""}  # no token: none sent


@pytest.mark.parametrize("status", [404, 500])
def test_http_errors_leave_the_file_alone(
    status: int, http_server: HttpServer, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    http_server.status = status
    content = f"repos:\n  - repo: {http_server.url}/alpha.git\n    rev: v2.0.0\n    hooks: [{{id: say}}]\n"
    write(repo, CONFIG, content)
    code, out, err = run(capsys, "--fix", CONFIG)
    assert code == 1
    assert (repo / CONFIG).read_text() == content
    (line,) = [line for line in out.splitlines() if "SCH501" in line]
    assert "could not resolve `v2.0.0`: " in line
    assert ("not found" in line) if status == 404 else ("500" in line)
    assert "Traceback" not in err


def test_token_goes_only_to_the_github_server(
    http_server: HttpServer,
    server_root: Path,
    repo: Path,
    calls: Calls,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    expected = "Basic " + base64.b64encode(f"x-access-token:{TOKEN}".encode()).decode()
    http_server.require = expected
    content = (
        f"repos:\n  - repo: {http_server.url}/beta.git\n    rev: v1.0\n    hooks: [{{id: say}}]\n"
        f"  - repo: file://{server_root.as_posix()}/alpha.git\n    rev: v1.0.0\n"
        "    hooks: [{id: say}]\n"
    )
    write(repo, CONFIG, content)
    monkeypatch.setenv("GH_TOKEN", TOKEN)
    code, out, _ = run(capsys, "--fix", CONFIG)
    assert code == 1
    # Not the GitHub server: the token is withheld, and the server refuses.
    assert "repository not found, or private" in out
    assert set(http_server.authorizations) == {""}
    assert rev_lines(repo) == ["rev: v1.0", f"rev: {A1}  # frozen: v1.0.0"]

    assert not any("extraHeader" in value for env in calls.envs for value in env.values())
    calls.commands.clear()
    calls.envs.clear()
    monkeypatch.setenv("GITHUB_SERVER_URL", http_server.url)
    _, out, err = run(capsys, "--fix", CONFIG)
    assert rev_lines(repo) == [f"rev: {B2}  # frozen: v1.0", f"rev: {A1}  # frozen: v1.0.0"]
    assert expected in http_server.authorizations
    assert TOKEN not in out + err
    for command, env in zip(calls.commands, calls.envs, strict=True):
        assert not any(TOKEN in arg or expected in arg for arg in command)
        assert not any(TOKEN in value for value in env.values())
        headers = [value for key, value in env.items() if key.startswith("GIT_CONFIG_VALUE_")]
        sent = any(expected in value for value in headers)
        assert sent == command[-1].startswith(http_server.url), command


def test_refused_connection(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    content = f"repos:\n  - repo: https://127.0.0.1:{port}/a\n    rev: v1\n    hooks: [{{id: x}}]\n"
    write(repo, CONFIG, content)
    code, out, _ = run(capsys, "--fix", CONFIG)
    assert code == 1
    assert (repo / CONFIG).read_text() == content
    sch003, sch501 = out.splitlines()[:-1]
    assert sch003 == (
        f"{CONFIG}:3:10: SCH003 could not reach https://127.0.0.1:{port}: connection refused; "
        "1 reference left as it is"
    )
    assert "SCH501" in sch501 and "could not resolve" not in sch501


def test_one_tool_error_per_server_and_cause(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ports = []
    for _ in range(2):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            ports.append(probe.getsockname()[1])
    content = "repos:\n" + "".join(
        f"  - repo: https://127.0.0.1:{port}/r{n}\n    rev: v{n}\n    hooks: [{{id: x}}]\n"
        for port in ports
        for n in range(3)
    )
    write(repo, CONFIG, content)
    code, out, _ = run(capsys, "--fix", "--verify", CONFIG)
    assert code == 1
    assert [line for line in out.splitlines() if "SCH003" in line] == [
        (
            f"{CONFIG}:3:10: SCH003 could not reach https://127.0.0.1:{ports[0]}: connection "
            "refused; 3 references left as they are"
        ),
        (
            f"{CONFIG}:12:10: SCH003 could not reach https://127.0.0.1:{ports[1]}: connection "
            "refused; 3 references left as they are"
        ),
    ]
    assert len([line for line in out.splitlines() if "SCH501" in line]) == 6


@pytest.fixture
def silent_servers() -> Iterator[list[str]]:
    """Two loopback servers that accept connections and never answer."""
    listeners = []
    held: list[socket.socket] = []
    stop = threading.Event()
    for _ in range(2):
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        listener.settimeout(0.2)
        listeners.append(listener)

    def accept(listener: socket.socket) -> None:
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                continue

    threads = [threading.Thread(target=accept, args=(item,), daemon=True) for item in listeners]
    for thread in threads:
        thread.start()
    try:
        yield [f"http://127.0.0.1:{item.getsockname()[1]}" for item in listeners]
    finally:
        stop.set()
        for thread in threads:
            thread.join()
        for conn in held:
            conn.close()
        for listener in listeners:
            listener.close()


def test_servers_that_never_answer_are_bounded_and_asked_in_parallel(
    silent_servers: list[str], repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = "repos:\n" + "".join(
        f"  - repo: {url}/hooks\n    rev: v1\n    hooks: [{{id: x}}]\n" for url in silent_servers
    )
    write(repo, CONFIG, content)
    started = time.monotonic()
    code, out, _ = run(capsys, "--fix", "--timeout", "3", CONFIG)
    elapsed = time.monotonic() - started
    assert code == 1
    assert (repo / CONFIG).read_text() == content
    # Both timed out (neither "not attempted"): they ran side by side within one limit.
    timed_out = [line for line in out.splitlines() if "SCH003" in line and "timed out" in line]
    assert len(timed_out) == 2, out
    assert elapsed < 10


# --- ssh -----------------------------------------------------------------------------------


@pytest.fixture
def fake_ssh(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An `ssh` on PATH that runs the remote command (`git-upload-pack '<path>'`) locally and
    logs its arguments: git's ssh transport end to end, without a server."""
    folder = tmp_path_factory.mktemp("bin")
    log = folder / "ssh.log"
    script = folder / "ssh"
    script.write_text(
        "#!/bin/sh\n"
        f'printf "%s\\n" "$*" >> "{log}"\n'
        "for last; do :; done\n"
        'command=$(printf "%s" "$last" | sed "s/^git-upload-pack /git upload-pack /")\n'
        'exec sh -c "$command"\n'
    )
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    return log


def test_ssh_and_scp_like_urls_reach_git_over_ssh(
    fake_ssh: Path, server_root: Path, repo: Path, calls: Calls, capsys: pytest.CaptureFixture[str]
) -> None:
    path = server_root.as_posix()
    write(
        repo,
        CONFIG,
        f"repos:\n  - repo: ssh://git@localhost{path}/alpha.git\n    rev: v1.0.0\n"
        f"    hooks: [{{id: say}}]\n  - repo: git@localhost:{path}/beta.git\n    rev: v0.9\n"
        "    hooks: [{id: say}]\n",
    )
    code, out, err = run(capsys, "--fix", CONFIG)
    assert (code, out) == (1, "Fixed 1 file; no problems left (1 hook, 1 file).\n"), err
    assert rev_lines(repo) == [f"rev: {A1}  # frozen: v1.0.0", f"rev: {B1}  # frozen: v0.9"]
    logged = fake_ssh.read_text()
    assert "git@localhost git-upload-pack" in logged and "alpha.git" in logged
    for env in calls.envs:
        config = {
            env[k]: env[k.replace("KEY", "VALUE")] for k in env if k.startswith("GIT_CONFIG_KEY_")
        }
        assert config["protocol.allow"] == "never"
        assert [k for k, v in config.items() if k.startswith("protocol.") and v == "always"] == [
            "protocol.ssh.allow"
        ]


# --- hostile `repo:` URLs ------------------------------------------------------------------

HOSTILE = [
    "ext::sh -c touch% pwned",
    "ext::sh -c touch% /tmp/sch-pwned",
    "ext::sh",
    "fd::0",
    "--upload-pack=touch pwned",
    "--upload-pack=touch%20pwned",
    "-oProxyCommand=touch pwned",
    "ssh://-oProxyCommand=touch%20pwned/x",
    "git@-oProxyCommand=touch:x",
    "localhost:-x",
    "file:///tmp/x --upload-pack=touch pwned",
    "helper::file:///tmp/x",
    "git://127.0.0.1:9/x",
    "../relative",
    "/abs/path",
]


def test_hostile_urls_never_reach_git(
    server_root: Path, repo: Path, calls: Calls, capsys: pytest.CaptureFixture[str]
) -> None:
    body = "".join(f"  - repo: '{url}'\n    rev: v1\n    hooks: [{{id: x}}]\n" for url in HOSTILE)
    write(repo, CONFIG, "repos:\n" + body)
    code, out, _ = run(capsys, "--fix", "--verify", CONFIG)
    assert code == 1
    assert not (repo / "pwned").exists() and not Path("/tmp/sch-pwned").exists()
    assert calls.commands == []
    lines = out.splitlines()[:-1]
    not_looked_up = [line for line in lines if "SCH501" in line and "not looked up:" in line]
    assert len(not_looked_up) == len(HOSTILE), out
    # The transports that fetch insecurely or run programs are findings of their own.
    insecure = [line for line in lines if "SCH506" in line]
    assert len(insecure) == 12, out


def test_the_ext_trap_is_armed(repo: Path) -> None:
    """Control: plain git told to allow ext:: runs the command in the URL above."""
    subprocess.run(
        ["git", "-c", "protocol.ext.allow=always", "ls-remote", "ext::sh -c touch% pwned"],
        cwd=repo,
        env={**GIT_ENV},
        capture_output=True,
        timeout=30,
        check=False,
    )
    assert (repo / "pwned").exists()


def test_a_default_github_url_is_looked_up_with_https_only(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from supply_chain_hooks import git as git_module

    seen: list[tuple[list[str], dict[str, str]]] = []

    def fake(args: list[str], **kwargs: object) -> bytes:
        env = kwargs.get("env")
        assert isinstance(env, dict)
        seen.append((list(args), env))
        raise git_module.GitError("fatal: offline test", "fatal: offline test")

    monkeypatch.setattr(git_module, "run_git", fake)
    write(
        repo,
        CONFIG,
        "repos:\n  - repo: https://github.com/o/r\n    rev: v1\n    hooks: [{id: x}]\n",
    )
    code, out, _ = run(capsys, "--fix", CONFIG)
    assert [args for args, _ in seen] == [
        ["ls-remote", "--heads", "--tags", "--", "https://github.com/o/r"]
    ]
    env = seen[0][1]
    pairs = {env[k]: env[k.replace("KEY", "VALUE")] for k in env if k.startswith("GIT_CONFIG_KEY_")}
    assert pairs["protocol.allow"] == "never" and pairs["protocol.https.allow"] == "always"
    assert code == 1 and "git ls-remote failed: offline test" in out


def test_offline_runs_start_no_git(
    repo: Path, capsys: pytest.CaptureFixture[str], calls: Calls
) -> None:
    write(
        repo,
        CONFIG,
        "repos:\n  - repo: https://github.com/o/r\n    rev: v1\n    hooks: [{id: x}]\n",
    )
    code, _, _ = run(capsys, CONFIG)
    assert code == 1 and calls.commands == []


def test_suppressed_and_allowed_revs_are_not_looked_up(
    server_root: Path, repo: Path, capsys: pytest.CaptureFixture[str], calls: Calls
) -> None:
    alpha = f"file://{server_root.as_posix()}/alpha.git"
    beta = f"file://{server_root.as_posix()}/beta.git"
    content = (
        f"repos:\n  - repo: {alpha}\n"
        "    rev: v1.0.0  # supply-chain-hooks: ignore[SCH501] a mirror we control\n"
        f"    hooks: [{{id: say}}]\n  - repo: {beta}\n    rev: v1.0\n    hooks: [{{id: say}}]\n"
    )
    write(repo, CONFIG, content)
    code, out, _ = run(capsys, "--fix", "--allow", beta, CONFIG)
    assert passed((code, out))
    assert calls.commands == []
    assert (repo / CONFIG).read_text() == content
