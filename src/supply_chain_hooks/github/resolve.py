"""Resolving action refs to commits with `git ls-remote`, behind one small interface.

One `git ls-remote --heads --tags` per repository per run, all repositories in parallel,
the whole batch bounded by one deadline. This is the Git protocol GitHub (and GitHub
Enterprise Server, and any git server) speaks for clones, so it needs no REST quota and no
token for public repositories. A token from ``GH_TOKEN``/``GITHUB_TOKEN`` is handed to git
through ``GIT_CONFIG_*`` environment variables as an ``http.<server>/.extraHeader`` scoped to
the server, so it never appears on a command line (the process list).

Safety: only ``owner``/``repo`` names made of GitHub's allowed characters reach git, the URL
is built here from the server URL the user chose (so its scheme, not anything written in a
`uses:`, decides the transport), it follows ``--`` on the command line, and git is told to
allow that one transport and no other.
"""

from __future__ import annotations

import os

from supply_chain_hooks.model import Record, field

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from typing import Literal, Protocol

    class Resolver(Protocol):
        """What the checks need from a server: the branches and tags of many repositories."""

        def list_refs(self, repos: Sequence[RepoName]) -> dict[str, Listing]:
            """Branches and tags of each repository, by RepoName.key."""
            ...


DEFAULT_SERVER = "https://github.com"
_LOOPBACK = frozenset({"localhost", "127.0.0.1", "::1"})


class RepoName(Record):
    owner: str
    repo: str

    @property
    def key(self) -> str:
        """The name as written. GitHub's names are case-insensitive, but not every server's
        (file://, some GitHub Enterprise setups): each spelling is looked up as written,
        never under another spelling of the same name."""
        return f"{self.owner}/{self.repo}"

    def __str__(self) -> str:
        return f"{self.owner}/{self.repo}"


class Resolution(Record):
    """The commit a ref names. ``shadowed_tag`` is the commit of the tag of the same name
    when the ref is both a branch and a tag (GitHub runs the branch)."""

    ref: str
    commit: str
    kind: Literal["branch", "tag"]
    shadowed_tag: str | None = None


class RemoteRefs(Record):
    """The branches and tags of one repository; tag values are peeled to commits."""

    branches: Mapping[str, str]
    tags: Mapping[str, str]
    #: Caches, filled on first use.
    _by_commit: dict[str, list[str]] = field(init=False, compare=False, default_factory=dict)
    _versions: dict[tuple[str, str], str | None] = field(
        init=False, compare=False, default_factory=dict
    )

    def __post_init__(self) -> None:
        # Copies: the caller's mappings may change after the listing is made.
        object.__setattr__(self, "branches", dict(self.branches))
        object.__setattr__(self, "tags", dict(self.tags))

    def __hash__(self) -> int:
        return hash((tuple(sorted(self.branches.items())), tuple(sorted(self.tags.items()))))

    def resolve(self, ref: str) -> Resolution | None:
        """The commit GitHub runs for `uses: ...@ref`: a branch first, then a tag."""
        if ref.startswith("refs/heads/"):
            commit = self.branches.get(ref.removeprefix("refs/heads/"))
            return Resolution(ref, commit, "branch") if commit else None
        if ref.startswith("refs/tags/"):
            commit = self.tags.get(ref.removeprefix("refs/tags/"))
            return Resolution(ref, commit, "tag") if commit else None
        branch = self.branches.get(ref)
        tag = self.tags.get(ref)
        if branch is not None:
            return Resolution(ref, branch, "branch", tag)
        if tag is not None:
            return Resolution(ref, tag, "tag")
        return None

    def tags_at(self, commit: str) -> list[str]:
        if not self._by_commit:
            for name, target in self.tags.items():
                self._by_commit.setdefault(target, []).append(name)
        return sorted(self._by_commit.get(commit, []))

    def version_for(self, ref: str, commit: str) -> str | None:
        """The most specific version tag on commit for the comment (`v4` -> `v4.2.2`)."""
        from supply_chain_hooks.github.versions import most_specific_version

        key = (ref, commit)
        if key not in self._versions:  # asked once per site: a file may name one tag often
            tag = ref.removeprefix("refs/tags/")
            self._versions[key] = most_specific_version(tag, self.tags_at(commit))
        return self._versions[key]


class ResolveError(Record):
    """Why a repository's refs could not be listed. ``unreachable`` is set when the server
    itself could not be reached (``could not resolve host``, ``connection refused``, ...):
    then every repository on it fails alike, and the run reports the server once (SCH003)
    instead of a finding per reference."""

    message: str
    unreachable: str | None = None


Listing = RemoteRefs | ResolveError


def parse_ls_remote(output: str) -> RemoteRefs:
    """Parse `git ls-remote` output; a tag is its commit (an annotated tag's `^{}` line)."""
    from supply_chain_hooks.git import parse_ls_remote as parse

    branches, tags = parse(output)
    return RemoteRefs(branches, {name: tag.commit for name, tag in tags.items()})


def check_server_url(url: str) -> str:
    """The server URL without a trailing slash; ValueError when git must not be pointed at it."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
    except ValueError:
        raise ValueError(f"invalid server URL {url!r}") from None
    scheme = parts.scheme.lower()
    if scheme not in ("https", "http", "file"):
        raise ValueError(f"server URL {url!r} must start with https://, http:// or file://")
    if parts.query or parts.fragment:
        raise ValueError(f"server URL {url!r} must not have a query or fragment")
    if "@" in parts.netloc:
        raise ValueError(
            f"server URL {url!r} must not carry credentials: set GH_TOKEN or GITHUB_TOKEN instead"
        )
    if scheme != "file" and not parts.hostname:
        raise ValueError(f"server URL {url!r} has no host")
    if any(char.isspace() or ord(char) < 32 for char in url):
        raise ValueError(f"server URL {url!r} contains whitespace or control characters")
    return url.rstrip("/")


def token_from_env(environ: Mapping[str, str]) -> str | None:
    for name in ("GH_TOKEN", "GITHUB_TOKEN"):
        value = environ.get(name, "").strip()
        if value:
            return value
    return None


class GitResolver:
    """`git ls-remote` against ``server_url``, one call per repository, in parallel."""

    def __init__(
        self,
        server_url: str,
        *,
        timeout: float = 30.0,
        token: str | None = None,
        workers: int = 8,
    ) -> None:
        from urllib.parse import urlsplit

        self.server_url = check_server_url(server_url)
        parts = urlsplit(self.server_url)
        self.scheme = parts.scheme.lower()
        self.host = parts.hostname or ""
        self.timeout = timeout
        self.workers = max(1, workers)
        self._token = token

    def url(self, repo: RepoName) -> str:
        return f"{self.server_url}/{repo.owner}/{repo.repo}"

    def _auth(self, url: str, transport: str) -> list[tuple[str, str]]:
        """The token, as an auth header scoped to the server (never on a command line)."""
        loopback = self.scheme == "http" and self.host in _LOOPBACK
        if not self._token or not (self.scheme == "https" or loopback):
            return []
        import base64

        basic = base64.b64encode(f"x-access-token:{self._token}".encode()).decode("ascii")
        return [(f"http.{self.server_url}/.extraHeader", f"Authorization: Basic {basic}")]

    def list_refs(self, repos: Sequence[RepoName]) -> dict[str, Listing]:
        from supply_chain_hooks.git import explain_ls_remote, ls_remote, unreachable_cause
        from supply_chain_hooks.github.refs import OWNER, REPO

        unique = list({repo.key: repo for repo in repos}.values())
        results: dict[str, Listing] = {}
        urls: dict[str, str] = {}
        for repo in unique:
            if not OWNER.match(repo.owner) or not REPO.match(repo.repo) or repo.repo in (".", ".."):
                results[repo.key] = ResolveError(f"{repo} is not a valid repository name")
            else:
                urls[repo.key] = self.url(repo)
        listed = ls_remote(
            list(urls.values()), timeout=self.timeout, config=self._auth, workers=self.workers
        )
        hint = " (set GH_TOKEN or GITHUB_TOKEN to read private repositories)"
        for key, url in urls.items():
            out = listed[url]
            if isinstance(out, bytes):
                results[key] = parse_ls_remote(out.decode("utf-8", "replace"))
            else:
                results[key] = ResolveError(
                    explain_ls_remote(out, self._token, hint), unreachable_cause(out)
                )
        return {repo.key: results[repo.key] for repo in unique}


def server_url(explicit: str | None, environ: Mapping[str, str] | None = None) -> str:
    """`--server-url`, else `$GITHUB_SERVER_URL`, else https://github.com."""
    env = os.environ if environ is None else environ
    return explicit or env.get("GITHUB_SERVER_URL", "").strip() or DEFAULT_SERVER


class Session:
    """What one run learned over the network (filled once before checking, then only read)."""

    __slots__ = ("fix", "listings", "pin_branches")

    def __init__(self, fix: bool = False, pin_branches: bool = False) -> None:
        self.fix = fix
        self.pin_branches = pin_branches
        self.listings: dict[str, Listing] = {}

    def listing(self, owner: str, repo: str) -> Listing | None:
        return self.listings.get(RepoName(owner, repo).key)
