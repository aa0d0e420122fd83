"""The branches and tags of `repo:` URLs, as pre-commit's git would resolve a `rev:`.

One `git ls-remote --heads --tags` per URL per run, all in parallel within one time limit,
through :func:`supply_chain_hooks.git.ls_remote`: only https, http, ssh (`ssh://`,
`git@host:path`) and file URLs reach git, after `--`, with every other transport refused.
A token from ``GH_TOKEN``/``GITHUB_TOKEN`` is sent only to https://github.com and to
``$GITHUB_SERVER_URL``, as an auth header in git's environment.

pre-commit fetches a rev with `git fetch origin <rev>`, which looks a name up as a tag
before a branch; `pre-commit autoupdate --freeze` writes what `git rev-parse <tag>` prints,
which for an annotated tag is the tag object, not the commit. Both are kept here.
"""

from __future__ import annotations

import re

from supply_chain_hooks.github.resolve import ResolveError
from supply_chain_hooks.model import Record

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from typing import Literal

    from supply_chain_hooks.git import Tag


class Resolution(Record):
    """What pre-commit checks out for a rev: the commit, and whether the name is a tag (then
    ``branch`` holds the commit of a branch of the same name, if any) or a branch."""

    name: str
    kind: Literal["tag", "branch"]
    commit: str
    branch: str | None = None


class RemoteRevs(Record):
    branches: Mapping[str, str]
    tags: Mapping[str, Tag]

    def __post_init__(self) -> None:
        # Copies: the caller's mappings may change after the listing is made.
        object.__setattr__(self, "branches", dict(self.branches))
        object.__setattr__(self, "tags", dict(self.tags))

    def __hash__(self) -> int:
        return hash((tuple(sorted(self.branches.items())), tuple(sorted(self.tags.items()))))

    def resolve(self, rev: str) -> Resolution | None:
        """The tag, else the branch, that `git fetch origin <rev>` would fetch."""
        if rev.startswith("refs/heads/"):
            name = rev.removeprefix("refs/heads/")
            commit = self.branches.get(name)
            return Resolution(name, "branch", commit) if commit else None
        name = rev.removeprefix("refs/tags/")
        tag = self.tags.get(name)
        if tag is not None:
            return Resolution(name, "tag", tag.commit, self.branches.get(name))
        if rev.startswith("refs/tags/"):
            return None
        commit = self.branches.get(rev)
        return Resolution(rev, "branch", commit) if commit else None

    def tags_at(self, sha: str) -> list[str]:
        """Tags whose object or peeled commit is sha (what `# frozen:` may name for it)."""
        sha = sha.lower()
        return sorted(name for name, tag in self.tags.items() if sha in (tag.object, tag.commit))


Listing = RemoteRevs | ResolveError


def parse(output: str) -> RemoteRevs:
    """`git ls-remote --heads --tags` output; each tag keeps its object and its commit."""
    from supply_chain_hooks.git import parse_ls_remote

    branches, tags = parse_ls_remote(output)
    return RemoteRevs(branches, tags)


def insecure(url: str) -> str | None:
    """Why a `repo:` URL is unsafe to fetch from, or None: unencrypted transports, and
    spellings that make git run a program or read an option."""
    lowered = url.lower()
    if lowered.startswith("http://"):
        return "http:// is unencrypted: anyone on the network path can serve other code"
    if lowered.startswith("git://"):
        return "git:// is unencrypted and unauthenticated: anyone on the path can serve other code"
    helper = re.match(r"[A-Za-z0-9][A-Za-z0-9+.-]*::", url)
    if helper is not None:
        return f"`{helper.group()}` makes git run a program (its remote-helper syntax)"
    if url.startswith("-"):
        return "it starts with `-`, so git reads it as a command-line option"
    if re.match(r"(?:[A-Za-z0-9+.-]+://)?(?:[^@/:]*@)?-|[^/:]+:-", url):
        return "its host or path starts with `-`, which ssh reads as a command-line option"
    return None


def _trusted_servers(environ: Mapping[str, str]) -> list[str]:
    """Servers a GitHub token may be sent to: github.com, and $GITHUB_SERVER_URL over https
    (or http on the loopback interface, as in tests)."""
    from urllib.parse import urlsplit

    from supply_chain_hooks.github.resolve import DEFAULT_SERVER, check_server_url

    servers = [DEFAULT_SERVER]
    configured = environ.get("GITHUB_SERVER_URL", "").strip()
    if configured:
        try:
            server = check_server_url(configured)
        except ValueError:
            return servers
        parts = urlsplit(server)
        if parts.scheme == "https" or (
            parts.scheme == "http" and parts.hostname in ("localhost", "127.0.0.1", "::1")
        ):
            servers.append(server)
    return servers


def list_revs(
    urls: Sequence[str], *, timeout: float, environ: Mapping[str, str]
) -> dict[str, Listing]:
    """The branches and tags of each URL (or why they could not be listed), by URL."""
    import base64

    from supply_chain_hooks.git import explain_ls_remote, ls_remote, unreachable_cause
    from supply_chain_hooks.github.resolve import token_from_env

    token = token_from_env(environ)
    servers = _trusted_servers(environ) if token else []

    def auth(url: str, transport: str) -> list[tuple[str, str]]:
        for server in servers:
            if url.lower().startswith(server.lower() + "/"):
                basic = base64.b64encode(f"x-access-token:{token}".encode()).decode("ascii")
                return [(f"http.{server}/.extraHeader", f"Authorization: Basic {basic}")]
        return []

    listed = ls_remote(urls, timeout=timeout, config=auth)
    hint = " (for a private GitHub repository, set GH_TOKEN or GITHUB_TOKEN)"
    results: dict[str, Listing] = {}
    for url, out in listed.items():
        if isinstance(out, bytes):
            results[url] = parse(out.decode("utf-8", "replace"))
        else:
            results[url] = ResolveError(explain_ls_remote(out, token, hint), unreachable_cause(out))
    return results
