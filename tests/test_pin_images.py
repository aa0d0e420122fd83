"""SCH108: job container and service images pinned by digest; `--fix` against a registry
speaking the OCI distribution API on loopback (tokens, redirects, errors, silence)."""

from __future__ import annotations

import base64
import hashlib
import http.server
import json
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from supply_chain_hooks.github.images import BadImage, Image, parse_image
from supply_chain_hooks.hooks.pin_actions_to_sha import main
from tests.conftest import passed, write

WF = ".github/workflows/ci.yml"
MANIFEST = b'{"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json"}'
INDEX_DIGEST = "sha256:" + "a" * 64
BODY_DIGEST = "sha256:" + hashlib.sha256(MANIFEST).hexdigest()
TOKEN = "good-token"  # noqa: S105 - the fake registry's token
SECRET = "s3cret-password"  # noqa: S105 - a credential that must never be printed


class Registry(http.server.ThreadingHTTPServer):
    """A registry: `/v2/<repo>/manifests/<tag>` behind the Bearer token flow."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        self.other: Registry | None = None

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.server_address[1]}"


class Handler(http.server.BaseHTTPRequestHandler):
    server: Registry

    def log_message(self, format: str, *args: object) -> None:
        return

    def do_HEAD(self) -> None:
        self.answer(head=True)

    def do_GET(self) -> None:
        self.answer(head=False)

    def send(self, status: int, headers: dict[str, str], body: bytes, head: bool) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def answer(self, head: bool) -> None:
        server = self.server
        server.requests.append((self.command, self.path, dict(self.headers.items())))
        if self.path.startswith("/token"):
            self.send(200, {}, json.dumps({"token": TOKEN}).encode(), head)
            return
        if not self.path.startswith("/v2/"):
            self.send(404, {}, b"", head)
            return
        repo, _, tag = self.path.removeprefix("/v2/").partition("/manifests/")
        if repo.startswith("open/"):
            pass  # no authentication
        elif self.headers.get("Authorization") != f"Bearer {TOKEN}":
            realm = f"http://{server.host}/token"
            challenge = f'Bearer realm="{realm}",service="fake",scope="repository:{repo}:pull"'
            self.send(401, {"WWW-Authenticate": challenge}, b"", head)
            return
        status = {"missing/app": 404, "busy/app": 429, "broken/app": 500}.get(repo)
        if status is not None:
            self.send(status, {}, b"", head)
        elif repo == "moved/app":
            self.send(307, {"Location": f"/v2/team/app/manifests/{tag}"}, b"", head)
        elif repo == "away/app":
            assert server.other is not None
            location = f"http://{server.other.host}/v2/open/app/manifests/{tag}"
            self.send(302, {"Location": location}, b"", head)
        elif repo in ("team/app", "library/python", "open/app"):
            headers = {"Docker-Content-Digest": INDEX_DIGEST, "Content-Type": "application/json"}
            self.send(200, headers, MANIFEST, head)
        elif repo == "nodigest/app":
            self.send(200, {"Content-Type": "application/json"}, MANIFEST, head)
        else:
            self.send(404, {}, b"", head)


@pytest.fixture
def registry() -> Iterator[Registry]:
    servers = [Registry(), Registry()]
    servers[0].other = servers[1]
    threads = [threading.Thread(target=server.serve_forever, daemon=True) for server in servers]
    for thread in threads:
        thread.start()
    yield servers[0]
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def silent() -> Iterator[str]:
    """A registry that accepts connections and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    yield f"127.0.0.1:{listener.getsockname()[1]}"
    listener.close()


def workflow(*images: str) -> str:
    services = "".join(
        f"      s{index}:\n        image: {image}\n" for index, image in enumerate(images[1:])
    )
    return (
        "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n"
        f"    container: {images[0]}\n"
        + (f"    services:\n{services}" if services else "")
        + "    steps:\n      - run: pytest\n"
    )


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.fixture(autouse=True)
def no_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DOCKER_AUTH_CONFIG", "GH_TOKEN", "GITHUB_TOKEN"):
        monkeypatch.delenv(name, raising=False)


# -- the offline check


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("python:3.12", Image("python", "docker.io", "library/python", "3.12", None)),
        (
            "ghcr.io/astral-sh/uv:0.5",
            Image("ghcr.io/astral-sh/uv", "ghcr.io", "astral-sh/uv", "0.5", None),
        ),
        ("localhost:5000/app", Image("localhost:5000/app", "localhost:5000", "app", None, None)),
        ("bitnami/redis:7", Image("bitnami/redis", "docker.io", "bitnami/redis", "7", None)),
        (
            "index.docker.io/library/node:20",
            Image("index.docker.io/library/node", "docker.io", "library/node", "20", None),
        ),
        (
            "alpine@sha256:" + "b" * 64,
            Image("alpine", "docker.io", "library/alpine", None, "sha256:" + "b" * 64),
        ),
    ],
)
def test_image_references_parse_as_docker_reads_them(text: str, expected: Image) -> None:
    assert parse_image(text) == expected


def test_bad_and_expression_images() -> None:
    assert parse_image("${{ matrix.image }}") == BadImage("given by an expression", True)
    assert isinstance(parse_image("Python:3"), BadImage)
    assert isinstance(parse_image("python:bad tag"), BadImage)


def test_offline_check_reports_tags_not_digests(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pinned = "redis:7@sha256:" + "c" * 64
    write(repo, WF, workflow("python:3.12", "postgres", pinned, "'${{ matrix.db }}'", "x@sha256:1"))
    code, out = run(capsys, WF)
    assert code == 1
    assert out.splitlines() == [
        (
            f"{WF}:5:16: SCH108 [*] container image of job `test` `python:3.12` is not pinned to a "
            "digest: the tag `3.12` can be re-pushed with other content"
        ),
        (
            f"{WF}:8:16: SCH108 [*] image of service `s0` in job `test` `postgres` is not pinned to "
            "a digest: runs whatever `latest` is when the job starts"
        ),
        (
            f"{WF}:14:16: SCH108 image of service `s3` in job `test` `x@sha256:1` has a malformed "
            "digest: write `@sha256:` and 64 lowercase hex digits"
        ),
        "Found 3 problems (2 fixable with --fix).",
    ]
    # The expression only with --strict-images.
    code, out = run(capsys, "--strict-images", WF)
    assert (
        f"{WF}:12:17: SCH108 image of service `s2` in job `test` `${{{{ matrix.db }}}}` is given by an expression"
        in out
    )


def test_container_mapping_anchor_and_pinned_images(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        repo,
        WF,
        "on: push\njobs:\n  a:\n    runs-on: x\n    container:\n      image: &img node:20\n"
        "      options: --cpus 1\n    steps: [{run: make}]\n"
        "  b:\n    runs-on: x\n    container:\n      image: *img\n    steps: [{run: make}]\n"
        "  c:\n    runs-on: x\n    container: node:20@sha256:"
        + "d" * 64
        + "\n    steps: [{run: make}]\n",
    )
    code, out = run(capsys, WF)
    assert code == 1
    # reported once, at the anchor; the pinned image and the alias are not reported
    assert [line.split(" ")[0] for line in out.splitlines()[:-1]] == [f"{WF}:6:19:"]


# -- --fix against the loopback registry


def test_fix_appends_the_index_digest_and_keeps_the_tag(
    repo: Path, capsys: pytest.CaptureFixture[str], registry: Registry
) -> None:
    host = registry.host
    before = workflow(f"{host}/team/app:1.0", f'"{host}/nodigest/app:1.0"  # keep me')
    path = write(repo, WF, before.replace("\n", "\r\n"))
    code, out = run(capsys, "--fix", WF)
    after = path.read_bytes().decode()
    assert after == before.replace("\n", "\r\n").replace(
        "team/app:1.0", f"team/app:1.0@{INDEX_DIGEST}"
    ).replace("nodigest/app:1.0", f"nodigest/app:1.0@{BODY_DIGEST}")
    assert code == 1, out  # files changed
    # The manifest request asked for an index or list first, with the token from the realm.
    manifests = [r for r in registry.requests if "/manifests/" in r[1]]
    assert manifests[0][2]["Accept"].startswith("application/vnd.oci.image.index.v1+json, ")
    assert any(
        r[1].startswith("/token?") and "scope=repository%3Ateam%2Fapp%3Apull" in r[1]
        for r in registry.requests
    )
    assert any(r[0] == "GET" and "nodigest" in r[1] for r in registry.requests)
    # Idempotent: a second --fix changes nothing and finds nothing.
    assert passed(run(capsys, "--fix", WF))
    assert path.read_bytes().decode() == after


def test_fix_follows_redirects_without_leaking_the_token(
    repo: Path, capsys: pytest.CaptureFixture[str], registry: Registry
) -> None:
    host = registry.host
    path = write(repo, WF, workflow(f"{host}/moved/app:2", f"{host}/away/app:3"))
    run(capsys, "--fix", WF)
    text = path.read_text()
    assert f"{host}/moved/app:2@{INDEX_DIGEST}" in text
    assert f"{host}/away/app:3@{INDEX_DIGEST}" in text
    assert registry.other is not None
    assert registry.other.requests
    assert all("Authorization" not in headers for _, _, headers in registry.other.requests)


@pytest.mark.parametrize(
    ("repo_name", "words"),
    [
        ("missing/app", " has no tag `1`"),
        ("busy/app", ": the registry's rate limit was reached (HTTP 429); try later"),
        ("broken/app", ": the registry answered HTTP 500"),
    ],
)
def test_fix_reports_registry_errors_and_writes_nothing(
    repo: Path,
    capsys: pytest.CaptureFixture[str],
    registry: Registry,
    repo_name: str,
    words: str,
) -> None:
    text = workflow(f"{registry.host}/{repo_name}:1")
    path = write(repo, WF, text)
    code, out = run(capsys, "--fix", WF)
    assert code == 1
    assert f"(could not resolve `1`: {registry.host}/{repo_name}{words})\n" in out
    assert path.read_text() == text


def test_fix_gives_up_on_a_registry_that_never_answers(
    repo: Path, capsys: pytest.CaptureFixture[str], silent: str
) -> None:
    text = workflow(f"{silent}/team/app:1")
    path = write(repo, WF, text)
    code, out = run(capsys, "--fix", "--timeout", "1", WF)
    assert code == 1
    assert "did not answer" in out
    assert path.read_text() == text


def test_docker_hub_images_go_to_the_mirror(
    repo: Path, capsys: pytest.CaptureFixture[str], registry: Registry
) -> None:
    path = write(repo, WF, workflow("python:3.12"))
    run(capsys, "--fix", "--registry-mirror", f"http://{registry.host}", WF)
    assert f"container: python:3.12@{INDEX_DIGEST}\n" in path.read_text()
    assert any("/v2/library/python/manifests/3.12" in r[1] for r in registry.requests)


def test_credentials_from_the_environment_are_sent_and_never_printed(
    repo: Path,
    capsys: pytest.CaptureFixture[str],
    registry: Registry,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    auth = base64.b64encode(f"robot:{SECRET}".encode()).decode()
    monkeypatch.setenv("DOCKER_AUTH_CONFIG", json.dumps({"auths": {registry.host: {"auth": auth}}}))
    write(repo, WF, workflow(f"{registry.host}/team/app:1", f"{registry.host}/missing/app:1"))
    _, out = run(capsys, "--fix", WF)
    tokens = [r for r in registry.requests if r[1].startswith("/token")]
    assert tokens
    assert all(headers.get("Authorization") == f"Basic {auth}" for _, _, headers in tokens)
    assert SECRET not in out
    assert auth not in out
    # and never to another registry
    assert registry.other is not None
    assert not registry.other.requests


def test_offline_fix_only_checks(
    repo: Path, capsys: pytest.CaptureFixture[str], registry: Registry
) -> None:
    text = workflow(f"{registry.host}/team/app:1")
    path = write(repo, WF, text)
    code, out = run(capsys, "--fix", "--offline", WF)
    assert code == 1
    assert "SCH108" in out
    assert path.read_text() == text
    assert not registry.requests


def test_suppressed_image_is_not_resolved(
    repo: Path, capsys: pytest.CaptureFixture[str], registry: Registry
) -> None:
    text = workflow(f"{registry.host}/team/app:1  # supply-chain-hooks: ignore[SCH108] built here")
    write(repo, WF, text)
    assert passed(run(capsys, "--fix", WF))
    assert not registry.requests


def test_matrix_images_are_checked_through_the_static_matrix(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pinned = "alpine:3.20@sha256:" + "e" * 64
    text = (
        "on: push\njobs:\n"
        "  a:\n    runs-on: x\n    strategy:\n      matrix:\n"
        f"        image: ['{pinned}', 'debian:12']\n"
        "        include:\n          - image: fedora:40\n          - other: 1\n"
        "    container: ${{ matrix.image }}\n    steps: [{run: make}]\n"
        "  b:\n    runs-on: x\n    strategy:\n      matrix:\n        build:\n"
        f"          - {{name: one, container: '{pinned}'}}\n          - {{name: two}}\n"
        "    container: ${{ matrix.build.container }}\n    steps: [{run: make}]\n"
        "  c:\n    runs-on: x\n    strategy:\n      matrix: ${{ fromJSON(inputs.m) }}\n"
        "    container: ${{ matrix.image }}\n    steps: [{run: make}]\n"
    )
    write(repo, WF, text)
    code, out = run(capsys, WF)
    assert code == 1
    assert out.splitlines() == [
        (
            f"{WF}:11:16: SCH108 container image of job `a` `${{{{ matrix.image }}}}` takes matrix "
            "values not pinned to a digest: `debian:12`, `fedora:40`"
        ),
        "Found 1 problem.",
    ]
    _, out = run(capsys, "--strict-images", WF)
    assert f"{WF}:26:16: SCH108 container image of job `c`" in out
    assert "job `b`" not in out
    # The fix is each finding's hint, shown when asked for.
    _, out = run(capsys, "--strict-images", "--show-hints", WF)
    assert "\n    pin each one `@sha256:<digest>` in the matrix\n" in out
    assert "\n    list each image pinned to a digest (`name:tag@sha256:...`) where" in out
