"""pin-actions-to-sha --fix / --verify against real git servers built by the tests.

Bare repositories with lightweight, annotated and nested annotated tags, branches, and a
name that is both, reached through `file://` and through git's smart HTTP protocol
(`git http-backend` behind a loopback HTTP server), plus servers that refuse, hang, fail
and demand a token. Commits have fixed dates, so their SHAs (and the golden files) are
stable.
"""

from __future__ import annotations

import base64
import os
import socket
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from supply_chain_hooks import git as git_module
from supply_chain_hooks.hooks import pin_actions_to_sha as hook
from tests import golden
from tests.conftest import write
from tests.golden import Goldens

#: The golden case: --fix against the server below (tests/golden.py runs it).
CASE = golden.load("github", "fix")
TOKEN = "ghp_test0123456789secretTOKEN"  # noqa: S105 - a test value, not a credential
GIT_ENV = {
    "PATH": os.environ.get("PATH", ""),
    "HOME": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.com",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.com",
    "GIT_AUTHOR_DATE": "2024-01-01T00:00:00Z",
    "GIT_COMMITTER_DATE": "2024-01-01T00:00:00Z",
    "GIT_ADVICE": "0",
}
# The commits the golden files pin (fixed dates make them stable).
C1 = "87e49482e16fb1a1d1aabb9f91ffb04bfb158cd7"
C2 = "f97301f19e48a1870f4b58681c392ef2c008c969"
C3 = "d8675f66a908780e3fdf8c0e82cf89199df2059a"


def _git(*args: str, cwd: Path) -> str:
    return subprocess.run(
        ["git", "-c", "advice.nestedTag=false", *args],
        cwd=cwd,
        env=GIT_ENV,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def _repository(
    root: Path,
    slug: str,
    commits: list[str],
    tags: list[tuple[str, str, bool]],
    branches: list[tuple[str, str]] = (),  # type: ignore[assignment]
) -> dict[str, str]:
    work = root / "_work" / slug
    work.mkdir(parents=True)
    _git("init", "-q", "-b", "main", cwd=work)
    made: dict[str, str] = {}
    for name in commits:
        (work / "file").write_text(name)
        _git("add", "file", cwd=work)
        _git("commit", "-q", "-m", name, cwd=work)
        made[name] = _git("rev-parse", "HEAD", cwd=work)
    for tag, target, annotated in tags:
        if annotated:
            _git("tag", "-a", tag, "-m", tag, made.get(target, target), cwd=work)
        else:
            _git("tag", tag, made.get(target, target), cwd=work)
    for branch, target in branches:
        _git("branch", "-f", branch, made[target], cwd=work)
    _git("clone", "-q", "--bare", str(work), str(root / f"{slug}.git"), cwd=root)
    return made


@pytest.fixture(scope="module")
def server_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("server")
    made = _repository(
        root,
        "acme/checkout",
        ["c1", "c2", "c3"],
        [
            ("v1.0.0", "c1", False),
            ("v1", "c1", True),
            ("v2", "c1", True),
            ("v4.2.1", "c2", True),
            ("v4.2.2", "c3", True),
            ("v4.2", "c3", False),
            ("v4", "c3", True),
            ("v4.2.3-rc1", "c3", False),
        ],
        [("v2", "c2"), ("release/v1", "c1")],
    )
    assert (made["c1"], made["c2"], made["c3"]) == (C1, C2, C3)
    _repository(root, "acme/setup", ["s1"], [("inner", "s1", True), ("1.2", "s1", False)])
    # A nested annotated tag: 1.2.3 is a tag of the tag `inner`.
    work = root / "_work" / "acme" / "setup"
    _git("tag", "-a", "1.2.3", "-m", "1.2.3", "inner", cwd=work)
    _git("push", "-q", str(root / "acme" / "setup.git"), "refs/tags/1.2.3", cwd=work)
    _repository(root, "acme/flows", ["f1"], [("v2", "f1", False), ("v2.0.1", "f1", True)])
    return root


@dataclass
class Calls:
    """Every git command the hook ran, with the environment it gave git."""

    commands: list[list[str]] = field(default_factory=list)
    envs: list[dict[str, str]] = field(default_factory=list)

    def ls_remote_urls(self) -> list[str]:
        return sorted(command[-1] for command in self.commands if "ls-remote" in command)


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> Calls:
    """Record every process git.run_git starts (the real Popen still runs them)."""
    record = Calls()
    real = subprocess.Popen

    class Recording(real):  # type: ignore[misc,valid-type]
        def __init__(self, args: list[str], *rest: object, **kwargs: object) -> None:
            if list(args[:1]) == ["git"] and "ls-remote" in args:
                record.commands.append(list(args))
                record.envs.append(dict(kwargs.get("env") or {}))  # type: ignore[call-overload]
            super().__init__(args, *rest, **kwargs)

    monkeypatch.setattr(git_module.subprocess, "Popen", Recording)
    return record


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = hook.main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _install(repo: Path, transform: object = None) -> None:
    for relative, data in CASE.files().items():
        write(repo, relative, transform(data) if callable(transform) else data)


def _fixed(transform: object = None) -> dict[str, bytes]:
    """The golden fixed files (the case's input with its fix.diff applied)."""
    fixed = golden.patch(CASE.files(), (CASE.folder / "fix.diff").read_bytes().decode())
    return {path: transform(data) if callable(transform) else data for path, data in fixed.items()}


@pytest.fixture(autouse=True)
def _no_ambient_server(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("GITHUB_SERVER_URL", "GH_TOKEN", "GITHUB_TOKEN"):
        monkeypatch.delenv(name, raising=False)


# --- file:// ---------------------------------------------------------------------------------


def test_fix_over_file_url_matches_golden_files(
    server_root: Path, repo: Path, capsys: pytest.CaptureFixture[str], goldens: Goldens
) -> None:
    """The golden case: report, fix.diff, the fix's report, and a second fix that changes
    nothing (the branch, the unknown ref and the missing repository remain)."""
    url = server_root.as_uri()
    golden.run_case(
        CASE,
        repo,
        capsys,
        goldens,
        {"server": url, "root": str(server_root)},
        # refs --fix could not pin (a tag that is also a branch, no such tag, no such
        # repository, a value not written literally) keep the check's offline [*]
        unresolvable=["`acme/checkout@v2`", "`acme/checkout@v99`", "`acme/missing@v1`", ":47:15:"],
    )


def test_one_ls_remote_per_repository_per_run(
    server_root: Path, repo: Path, calls: Calls, capsys: pytest.CaptureFixture[str]
) -> None:
    _install(repo)
    url = server_root.as_uri()
    code, _, err = run(capsys, "--fix", "--server-url", url, *CASE.args())
    assert code == 1
    assert ".github/workflows/ci.yml: fixed" in err and "action.yml: fixed" in err
    # One ls-remote per repository for the whole run, each with `--` before the URL.
    assert calls.ls_remote_urls() == [
        f"{url}/acme/{name}" for name in ("checkout", "flows", "missing", "setup")
    ]
    for command in calls.commands:
        assert command[command.index("ls-remote") :][:4] == ["ls-remote", "--heads", "--tags", "--"]


def test_fix_keeps_crlf_and_bom(
    server_root: Path, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def crlf_bom(data: bytes) -> bytes:
        return b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n")

    _install(repo, crlf_bom)
    run(
        capsys,
        "--fix",
        "--server-url",
        server_root.as_uri(),
        ".github/workflows/ci.yml",
        "action.yml",
    )
    assert {path: (repo / path).read_bytes() for path in CASE.files()} == _fixed(crlf_bom)


def test_pin_branches(server_root: Path, repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(
        repo,
        ".github/workflows/b.yml",
        "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n"
        "      - uses: acme/checkout@main\n      - uses: acme/checkout@v2\n"
        "      - uses: acme/checkout@release/v1\n",
    )
    code, out, _ = run(
        capsys,
        "--fix",
        "--pin-branches",
        "--server-url",
        server_root.as_uri(),
        ".github/workflows/b.yml",
    )
    assert (repo / ".github/workflows/b.yml").read_text().splitlines()[5:] == [
        f"      - uses: acme/checkout@{C3} # main",
        f"      - uses: acme/checkout@{C2} # v2",
        f"      - uses: acme/checkout@{C1} # release/v1",
    ]
    assert code == 1
    assert out.splitlines() == [
        (
            ".github/workflows/b.yml:7:15: SCH107 action `acme/checkout@v2`: `v2` is both a branch "
            f"({C2[:12]}) and a tag ({C1[:12]}) of acme/checkout; GitHub runs the branch"
        ),
        "Found 1 problem (1 file fixed).",
    ]


def test_each_spelling_of_a_name_is_looked_up_as_written(
    server_root: Path, repo: Path, calls: Calls, capsys: pytest.CaptureFixture[str]
) -> None:
    # file:// is case-sensitive: `ACME/Checkout` does not exist there, and its failure must
    # not take `acme/checkout` (written first or not) with it.
    for order in ((0, 1), (1, 0)):
        lines = ["      - uses: acme/checkout@v4\n", "      - uses: ACME/Checkout@v1\n"]
        body = "".join(lines[index] for index in order)
        write(
            repo,
            ".github/workflows/c.yml",
            f"on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n{body}",
        )
        calls.commands.clear()
        code, out, _ = run(
            capsys, "--fix", "--server-url", server_root.as_uri(), ".github/workflows/c.yml"
        )
        assert code == 1
        assert calls.ls_remote_urls() == [
            f"{server_root.as_uri()}/ACME/Checkout",
            f"{server_root.as_uri()}/acme/checkout",
        ]
        text = (repo / ".github/workflows/c.yml").read_text()
        assert f"      - uses: acme/checkout@{C3} # v4.2.2\n" in text
        assert "      - uses: ACME/Checkout@v1\n" in text
        assert "ACME/Checkout@v1` is not pinned to a commit SHA: could not resolve `v1`" in out


# --- --verify ----------------------------------------------------------------------------------

VERIFY = (
    "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n"
    f"      - uses: acme/checkout@{C3} # v4.2.2\n"  # right
    f"      - uses: acme/checkout@{C3} # v4.2.1\n"  # wrong: v4.2.1 is c2
    f"      - uses: acme/checkout@{C2} # tag=v4 keep\n"  # wrong, prefix and tail kept
    f"      - uses: acme/checkout@{C1} # v9.9.9\n"  # no such tag
    f"      - uses: acme/checkout@{C3}\n"  # no comment: nothing to verify
    f"      - uses: acme/checkout@{C3} # some words\n"  # not a version comment
    "      - uses: acme/setup@" + "0" * 40 + " # 1.2.3\n"  # nested annotated tag, wrong commit
    "      - uses: acme/missing@" + "1" * 40 + " # v1.0.0\n"  # cannot be verified
)


def test_verify_reports_comments_that_do_not_match(
    server_root: Path, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(repo, ".github/workflows/v.yml", VERIFY)
    code, out, _ = run(
        capsys, "--verify", "--server-url", server_root.as_uri(), ".github/workflows/v.yml"
    )
    assert code == 1
    lines = out.replace(server_root.as_posix(), "<root>").splitlines()
    assert lines == [
        (
            f".github/workflows/v.yml:7:72: SCH106 action `acme/checkout@{C3[:12]}`: version comment "
            f"`v4.2.1` is at {C2[:12]}, not at the pinned commit; the pinned commit is v4.2.2"
        ),
        (
            f".github/workflows/v.yml:8:76: SCH106 action `acme/checkout@{C2[:12]}`: version comment "
            f"`v4` is at {C3[:12]}, not at the pinned commit; the pinned commit is v4.2.1"
        ),
        (
            f".github/workflows/v.yml:9:72: SCH106 action `acme/checkout@{C1[:12]}`: version comment "
            "`v9.9.9` names no branch or tag of acme/checkout; the pinned commit is v1.0.0"
        ),
        (
            ".github/workflows/v.yml:12:69: SCH106 action `acme/setup@000000000000`: version comment "
            "`1.2.3` is at " + _setup_commit(server_root)[:12] + ", not at the pinned commit; "
            "no version tag points to the pinned commit"
        ),
        (
            ".github/workflows/v.yml:13:71: SCH106 action `acme/missing@111111111111`: version comment "
            "`v1.0.0` could not be verified: repository not found ('<root>/acme/missing' does not "
            "appear to be a git repository)"
        ),
        "Found 5 problems.",
    ]
    # --verify alone never writes.
    assert (repo / ".github/workflows/v.yml").read_text() == VERIFY


def test_verify_with_fix_corrects_comments_only(
    server_root: Path, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(repo, ".github/workflows/v.yml", VERIFY)
    run(
        capsys, "--verify", "--fix", "--server-url", server_root.as_uri(), ".github/workflows/v.yml"
    )
    lines = (repo / ".github/workflows/v.yml").read_text().splitlines()
    expected = VERIFY.splitlines()
    expected[6] = f"      - uses: acme/checkout@{C3} # v4.2.2"
    expected[7] = f"      - uses: acme/checkout@{C2} # tag=v4.2.1 keep"
    expected[8] = f"      - uses: acme/checkout@{C1} # v1.0.0"
    assert lines == expected


def _setup_commit(root: Path) -> str:
    return _git("rev-parse", "1.2.3^{commit}", cwd=root / "acme" / "setup.git")


# --- smart HTTP ------------------------------------------------------------------------------


@dataclass
class HttpServer:
    url: str
    authorizations: list[str]
    require: str | None = None
    status: int | None = None


@pytest.fixture
def http_server(server_root: Path) -> Iterator[HttpServer]:
    state = HttpServer("", [])

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            return

        def do_GET(self) -> None:
            self._backend()

        def do_POST(self) -> None:
            self._backend()

        def _backend(self) -> None:
            auth = self.headers.get("Authorization", "")
            state.authorizations.append(auth)
            if state.status is not None:
                self.send_error(state.status)
                return
            if state.require is not None and auth != state.require:
                self.send_response(401)
                self.send_header("WWW-Authenticate", 'Basic realm="test"')
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            path, _, query = self.path.partition("?")
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            env = {
                "PATH": os.environ.get("PATH", ""),
                "GIT_PROJECT_ROOT": str(server_root),
                "GIT_HTTP_EXPORT_ALL": "1",
                "REQUEST_METHOD": self.command,
                "PATH_INFO": path,
                "QUERY_STRING": query,
                "CONTENT_TYPE": self.headers.get("Content-Type", ""),
                "CONTENT_LENGTH": str(len(body)),
                "GIT_PROTOCOL": self.headers.get("Git-Protocol", ""),
                "HTTP_CONTENT_ENCODING": self.headers.get("Content-Encoding", ""),
            }
            result = subprocess.run(
                ["git", "http-backend"], input=body, env=env, capture_output=True, check=False
            )
            head, _, payload = result.stdout.partition(b"\r\n\r\n")
            status, headers = 200, []
            for line in head.decode("latin-1").split("\r\n"):
                name, _, value = line.partition(":")
                if name.lower() == "status":
                    status = int(value.split()[0])
                elif name:
                    headers.append((name, value.strip()))
            self.send_response(status)
            for name, value in headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_fix_over_smart_http_matches_golden_files(
    http_server: HttpServer, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _install(repo)
    code, out, _ = run(
        capsys, "--fix", "--server-url", http_server.url, ".github/workflows/ci.yml", "action.yml"
    )
    assert code == 1
    assert {path: (repo / path).read_bytes() for path in CASE.files()} == _fixed()
    missing = [line for line in out.splitlines() if "acme/missing" in line]
    assert missing == [
        (
            ".github/workflows/ci.yml:28:15: SCH101 action `acme/missing@v1` is not pinned to a "
            f"commit SHA: could not resolve `v1`: repository not found (repository '{http_server.url}"
            "/acme/missing/' not found)"
        )
    ]
    assert set(http_server.authorizations) == {""}  # no token set: none sent


def test_token_reaches_the_server_but_never_a_command_line(
    http_server: HttpServer,
    repo: Path,
    calls: Calls,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    expected = "Basic " + base64.b64encode(f"x-access-token:{TOKEN}".encode()).decode()
    http_server.require = expected
    write(
        repo,
        ".github/workflows/t.yml",
        "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: acme/checkout@v4\n",
    )

    code, out, err = run(
        capsys, "--fix", "--server-url", http_server.url, ".github/workflows/t.yml"
    )
    assert code == 1
    assert "repository not found, or private (set GH_TOKEN or GITHUB_TOKEN" in out

    monkeypatch.setenv("GH_TOKEN", TOKEN)
    code, out, err = run(
        capsys, "--fix", "--server-url", http_server.url, ".github/workflows/t.yml"
    )
    assert code == 1 and "t.yml: fixed" in err
    assert (repo / ".github/workflows/t.yml").read_text().endswith(f"@{C3} # v4.2.2\n")
    assert expected in http_server.authorizations
    assert TOKEN not in out + err
    assert calls.commands, "git ran"
    # Not even git's environment carries the raw token: only the encoded header does.
    assert not any(TOKEN in value for env in calls.envs for value in env.values())
    for command in calls.commands:
        assert not any(TOKEN in arg or expected in arg for arg in command)
    # The header travels in git's environment, scoped to the server URL.
    env = calls.envs[-1]
    keys = {env[k]: env[k.replace("KEY", "VALUE")] for k in env if k.startswith("GIT_CONFIG_KEY_")}
    assert keys[f"http.{http_server.url}/.extraHeader"] == f"Authorization: {expected}"


def test_token_is_not_sent_over_file_urls(
    server_root: Path,
    repo: Path,
    calls: Calls,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
    write(
        repo,
        ".github/workflows/t.yml",
        "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: acme/checkout@v4\n",
    )
    run(capsys, "--fix", "--server-url", server_root.as_uri(), ".github/workflows/t.yml")
    assert calls.envs
    assert not any(TOKEN in value for env in calls.envs for value in env.values())
    assert not any("extraHeader" in value for env in calls.envs for value in env.values())


@pytest.mark.parametrize("status", [404, 500])
def test_http_errors_leave_files_alone(
    status: int, http_server: HttpServer, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    http_server.status = status
    content = "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: acme/checkout@v4\n"
    write(repo, ".github/workflows/e.yml", content)
    code, out, err = run(
        capsys, "--fix", "--server-url", http_server.url, ".github/workflows/e.yml"
    )
    assert code == 1
    assert (repo / ".github/workflows/e.yml").read_text() == content
    (line,) = [line for line in out.splitlines() if "SCH101" in line]
    assert "could not resolve `v4`: " in line
    assert ("not found" in line) if status == 404 else ("500" in line)
    assert "Traceback" not in err


def test_refused_connection(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    content = "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: acme/checkout@v4\n      - uses: acme/setup@1\n"
    write(repo, ".github/workflows/e.yml", content)
    code, out, _ = run(
        capsys, "--fix", "--server-url", f"http://127.0.0.1:{port}", ".github/workflows/e.yml"
    )
    assert code == 1
    assert (repo / ".github/workflows/e.yml").read_text() == content
    # One tool error for the server and its cause, not one per reference; the references
    # are then reported as an offline check reports them.
    server = f"http://127.0.0.1:{port}"
    assert [line for line in out.splitlines() if "SCH003" in line] == [
        (
            f".github/workflows/e.yml:6:15: SCH003 could not reach {server}: connection refused; "
            "2 references left as they are"
        )
    ]
    lines = [line for line in out.splitlines() if "SCH101" in line]
    assert len(lines) == 2
    assert not any("could not resolve" in line for line in out.splitlines())


def test_refused_connection_with_many_references_and_verify(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    steps = "".join(f"      - uses: acme/a{n}@v{n}\n" for n in range(40))
    steps += "".join(f"      - uses: acme/b{n}@{C3} # v4.2.2\n" for n in range(40))
    content = f"on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n{steps}"
    write(repo, ".github/workflows/m.yml", content)
    code, out, err = run(
        capsys,
        "--fix",
        "--verify",
        "--server-url",
        f"http://127.0.0.1:{port}",
        ".github/workflows/m.yml",
    )
    assert code == 1
    assert (repo / ".github/workflows/m.yml").read_text() == content
    lines = out.splitlines()
    assert [line for line in lines if "SCH003" in line] == [
        (
            f".github/workflows/m.yml:6:15: SCH003 could not reach http://127.0.0.1:{port}: "
            "connection refused; 80 references left as they are"
        )
    ]
    # An outage is never a version comment mismatch.
    assert not [line for line in lines if "SCH106" in line]
    assert len([line for line in lines if "SCH101" in line]) == 40
    assert "connection refused" not in err


# What git 2.x prints when the name does not resolve (recorded from a real run); faked so
# that the test sends no name look-up anywhere.
NO_HOST = (
    "fatal: unable to access 'https://github.com/acme/checkout/': "
    "Could not resolve host: github.com"
)


def test_unresolvable_host_is_one_tool_error(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def fake(args: list[str], **kwargs: object) -> bytes:
        raise git_module.GitError(NO_HOST, NO_HOST)

    monkeypatch.setattr(git_module, "run_git", fake)
    steps = "".join(f"      - uses: acme/r{n}@v1\n" for n in range(5))
    steps += f"      - uses: acme/r0@{C3} # v4.2.2\n"
    content = f"on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n{steps}"
    write(repo, ".github/workflows/n.yml", content)
    code, out, _ = run(capsys, "--fix", "--verify", ".github/workflows/n.yml")
    assert code == 1
    lines = out.splitlines()
    assert [line for line in lines if "SCH003" in line] == [
        (
            ".github/workflows/n.yml:6:15: SCH003 could not reach https://github.com: "
            "could not resolve host; 6 references left as they are"
        )
    ]
    assert not [line for line in lines if "SCH106" in line]
    assert len([line for line in lines if "SCH101" in line]) == 5


def test_server_that_never_answers_is_bounded(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    content = "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: acme/checkout@v4\n"
    write(repo, ".github/workflows/h.yml", content)
    port = listener.getsockname()[1]
    try:
        code, out, _ = run(
            capsys,
            "--fix",
            "--timeout",
            "2",
            "--server-url",
            f"http://127.0.0.1:{port}",
            ".github/workflows/h.yml",
        )
    finally:
        stop.set()
        thread.join()
        for conn in held:
            conn.close()
        listener.close()
    assert code == 1
    assert (
        f"SCH003 could not reach http://127.0.0.1:{port}: timed out; 1 reference left as it is"
        in out
    )
    assert (repo / ".github/workflows/h.yml").read_text() == content


# --- where git may go ------------------------------------------------------------------------


def test_server_url_precedence(
    repo: Path,
    calls: Calls,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    server_root: Path,
) -> None:
    write(
        repo,
        ".github/workflows/s.yml",
        "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: acme/checkout@v4\n",
    )
    monkeypatch.setenv("GITHUB_SERVER_URL", server_root.as_uri())
    run(capsys, "--fix", ".github/workflows/s.yml")
    assert calls.ls_remote_urls() == [f"{server_root.as_uri()}/acme/checkout"]
    assert (repo / ".github/workflows/s.yml").read_text().endswith(f"@{C3} # v4.2.2\n")


def test_default_server_is_github(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[list[str]] = []

    def fake(args: list[str], **kwargs: object) -> bytes:
        seen.append(list(args))
        raise git_module.GitError("fatal: offline test", "fatal: offline test")

    monkeypatch.setattr(git_module, "run_git", fake)
    write(
        repo,
        ".github/workflows/s.yml",
        "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: acme/checkout@v4\n",
    )
    code, out, _ = run(capsys, "--fix", ".github/workflows/s.yml")
    assert seen == [["ls-remote", "--heads", "--tags", "--", "https://github.com/acme/checkout"]]
    assert code == 1 and "git ls-remote failed: offline test" in out


HOSTILE = [
    "--upload-pack=touch PWNED@v1",
    "--upload-pack=touch PWNED/x@v1",
    "-oProxyCommand=touch PWNED/x@v1",
    "ext::sh -c touch% PWNED@v1",
    "ext::sh/x@v1",
    "file:///etc/x@v1",
    "acme/checkout@--upload-pack=touch PWNED",
    "acme/checkout@-v1",
    "acme/-x@v1",
    "-acme/x@v1",
    "acme/..@v1",
    "acme/checkout@v1;touch PWNED",
    "acme/check out@v1",
    "acme/checkout@$(touch PWNED)",
    "acme/checkout@`touch PWNED`",
]


def test_hostile_uses_never_reach_git(
    server_root: Path, repo: Path, calls: Calls, capsys: pytest.CaptureFixture[str]
) -> None:
    body = "".join(f"      - uses: {value!r}\n".replace("'", '"') for value in HOSTILE)
    write(
        repo,
        ".github/workflows/x.yml",
        "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n" + body,
    )
    code, out, _ = run(
        capsys, "--fix", "--server-url", server_root.as_uri(), ".github/workflows/x.yml"
    )
    assert code == 1
    assert not (repo / "PWNED").exists() and not Path("PWNED").exists()
    url = server_root.as_uri()
    for command in calls.commands:
        tail = command[command.index("ls-remote") :]
        assert tail[:4] == ["ls-remote", "--heads", "--tags", "--"] and len(tail) == 5
        assert tail[4].startswith(url + "/")
    # Only names made of GitHub's characters were resolved ("acme/-x" is one).
    assert calls.ls_remote_urls() == [f"{url}/acme/-x"]
    reported = [line.split(": ", 1)[1].split()[0] for line in out.splitlines()[:-1]]
    assert len(reported) == len(HOSTILE)


def test_transport_is_the_server_urls_only(
    server_root: Path, calls: Calls, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        repo,
        ".github/workflows/t.yml",
        "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: acme/checkout@v4\n",
    )
    run(capsys, "--fix", "--server-url", server_root.as_uri(), ".github/workflows/t.yml")
    env = calls.envs[0]
    config = {
        env[k]: env[k.replace("KEY", "VALUE")] for k in env if k.startswith("GIT_CONFIG_KEY_")
    }
    assert config["protocol.allow"] == "never"
    assert config["protocol.file.allow"] == "always"
    assert [
        key for key, value in config.items() if key.startswith("protocol.") and value == "always"
    ] == ["protocol.file.allow"]
    # The scanned repository's own configuration cannot add transports or hooks.
    assert "protocol.ext.allow=never" in calls.commands[0]


def test_the_checked_repositorys_git_config_does_not_apply(
    server_root: Path, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A local config that would send every file:// fetch to a dead server, and a hook.
    (repo / ".git" / "config").write_text(
        (repo / ".git" / "config").read_text()
        + '[url "http://127.0.0.1:9/"]\n\tinsteadOf = file://\n'
        + "[core]\n\thooksPath = hooks\n"
    )
    write(
        repo,
        ".github/workflows/g.yml",
        "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: acme/checkout@v4\n",
    )
    code, out, err = run(
        capsys, "--fix", "--server-url", server_root.as_uri(), ".github/workflows/g.yml"
    )
    assert (repo / ".github/workflows/g.yml").read_text().endswith(f"@{C3} # v4.2.2\n"), out
    assert code == 1 and "g.yml: fixed" in err


# --- ordinary comments are not version comments (issue 19, item 3) --------------------------


def test_fix_keeps_ordinary_comments_whole(
    server_root: Path, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        repo,
        ".github/workflows/o.yml",
        "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n"
        "      - uses: acme/checkout@v4 # 2024-06-01 audited by sec team\n"
        "      - uses: acme/checkout@v4.2.1 # 2 of 3 checkouts\n"
        "      - uses: acme/checkout@v4 # v4 keep\n",
    )
    run(capsys, "--fix", "--server-url", server_root.as_uri(), ".github/workflows/o.yml")
    assert (repo / ".github/workflows/o.yml").read_text().splitlines()[5:] == [
        f"      - uses: acme/checkout@{C3} # v4.2.2 # 2024-06-01 audited by sec team",
        f"      - uses: acme/checkout@{C2} # v4.2.1 # 2 of 3 checkouts",
        f"      - uses: acme/checkout@{C3} # v4.2.2 keep",
    ]


def test_verify_ignores_ordinary_comments(
    server_root: Path, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        repo,
        ".github/workflows/r.yml",
        "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n"
        f"      - uses: acme/checkout@{C3} # 3 retries\n"
        f"      - uses: acme/checkout@{C3} # 2024-06-01 audited\n",
    )
    code, out, _ = run(
        capsys, "--verify", "--server-url", server_root.as_uri(), ".github/workflows/r.yml"
    )
    assert "SCH106" not in out
    assert code == 0


# --- one proof per file (issue 19 item 4) ----------------------------------------------------


def test_fix_proves_all_pins_of_a_file_with_one_reparse(
    server_root: Path,
    repo: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from supply_chain_hooks import fast_yaml

    parses = []
    real = fast_yaml.parse

    def counting(source: object) -> object:
        parses.append(source)
        return real(source)  # type: ignore[arg-type]

    monkeypatch.setattr(fast_yaml, "parse", counting)
    steps = "".join(
        f"      - uses: acme/checkout@v{1 if n % 2 else 4}\n      - uses: acme/setup@1.2\n"
        for n in range(150)
    )
    content = f"on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n{steps}"
    write(repo, ".github/workflows/many.yml", content)
    code, _, _ = run(
        capsys, "--fix", "--server-url", server_root.as_uri(), ".github/workflows/many.yml"
    )
    assert code == 1
    setup = _git("rev-parse", "1.2^{commit}", cwd=server_root / "acme" / "setup.git")
    lines = (repo / ".github/workflows/many.yml").read_text().splitlines()[5:]
    assert lines[:4] == [
        f"      - uses: acme/checkout@{C3} # v4.2.2",
        f"      - uses: acme/setup@{setup} # 1.2.3",
        f"      - uses: acme/checkout@{C1} # v1.0.0",
        f"      - uses: acme/setup@{setup} # 1.2.3",
    ]
    assert len(lines) == 300
    # Check, prepare, the proof of the 300 pins, the check after fixing: a handful of parses,
    # not one per `uses:`.
    assert len(parses) <= 6, len(parses)


def test_a_pin_that_cannot_be_proven_does_not_block_the_others() -> None:
    from supply_chain_hooks import yaml_doc
    from supply_chain_hooks.github.pin_edit import Candidate, candidate, prove
    from supply_chain_hooks.github.sites import collect
    from supply_chain_hooks.model import Edit
    from supply_chain_hooks.source import Source

    text = (
        "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n"
        "      - uses: acme/checkout@v4\n      - uses: acme/checkout@v1\n"
        "      - uses: acme/checkout@v1\n"
    )
    document = yaml_doc.parse(Source("w.yml", text))
    sites = tuple(collect(document))
    good = [candidate(document, sites, site, C1, "v1.0.0", "pin") for site in sites]
    assert all(item is not None for item in good)
    # The middle one's first attempt would break the document (a stray flow indicator after
    # the value); its second attempt is sound. The joint proof fails, each is proven alone.
    middle = good[1]
    assert middle is not None
    end = middle.attempts[-1][0].end
    broken = Candidate(
        middle.site,
        "pin",
        ((*middle.attempts[-1], Edit(end, end, " ]")), middle.attempts[-1]),
        middle.new_value,
    )
    fixes = prove(document, [good[0], broken, good[2]])
    assert [fix is not None for fix in fixes] == [True, True, True]
    assert fixes[1] is not None and fixes[1].edits == middle.attempts[-1]
    assert fixes[0] is not None and good[0] is not None
    assert fixes[0].edits == good[0].attempts[0]
    # A candidate with no sound attempt gets no fix; the others keep theirs.
    hopeless = Candidate(middle.site, "pin", (broken.attempts[0],), middle.new_value)
    assert [fix is not None for fix in prove(document, [good[0], hopeless])] == [True, False]
