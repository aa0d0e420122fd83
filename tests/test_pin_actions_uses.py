"""Units of pin-actions-to-sha: `uses:` grammar, versions, comments, policies, ls-remote."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supply_chain_hooks.github import refs, resolve
from supply_chain_hooks.github.pin_edit import comment_separator, rewrite_comment
from supply_chain_hooks.github.policies import Policies, Policy
from supply_chain_hooks.github.spans import trailing_comment
from supply_chain_hooks.github.versions import Version, most_specific_version, split_version
from supply_chain_hooks.source import Source

SHA = "11bd71901bbe5b1630ceea73d27597364c9af683"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("actions/checkout@v4", refs.Repository("actions", "checkout", None, "v4")),
        ("  actions/checkout@v4  ", refs.Repository("actions", "checkout", None, "v4")),
        ("github/codeql-action/init@v3", refs.Repository("github", "codeql-action", "init", "v3")),
        (
            "o/r/.github/workflows/x.yml@" + SHA,
            refs.Repository("o", "r", ".github/workflows/x.yml", SHA),
        ),
        (
            "pypa/gh-action-pypi-publish@release/v1",
            refs.Repository("pypa", "gh-action-pypi-publish", None, "release/v1"),
        ),
        ("my_org_shortcode/x.y-z_w@v1", refs.Repository("my_org_shortcode", "x.y-z_w", None, "v1")),
        ("./path", refs.Local("./path")),
        ("$/path/to/action", refs.Local("$/path/to/action")),
        ("./path@v1", refs.Local("./path@v1")),
        ("docker://alpine", refs.Docker("alpine", None, None)),
        ("docker://alpine:3.20", refs.Docker("alpine", "3.20", None)),
        ("docker://host:5000/img", refs.Docker("host:5000/img", None, None)),
        ("docker://host:5000/img:1@sha256:x", refs.Docker("host:5000/img", "1", "sha256:x")),
    ],
)
def test_parse(value: str, expected: refs.Uses) -> None:
    assert refs.parse(value) == expected


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("actions/checkout", "no `@ref`"),
        ("actions/checkout@", "empty ref"),
        ("a/b@v1@v2", "more than one `@`"),
        ("${{ matrix.x }}", "expression"),
        ("a/b@${{ env.REF }}", "expression"),
        ("a@v1", "does not name a repository"),
        ("-a/b@v1", "owner name"),
        ("a b/c@v1", "owner name"),
        ("a/b c@v1", "repository name"),
        ("a/..@v1", "repository name"),
        ("a/b//c@v1", "empty path component"),
        ("a/b/@v1", "empty path component"),
        ("a/b@-v1", "starts with `-`"),
        ("a/b@v 1", "space"),
        ("a/b@v1..2", "`..`"),
        ("a/b@v1.lock", "`.lock`"),
        ("a/b@v1/", "`/`"),
        ("a/b@.hidden", "starting with `.`"),
        ("a/b@x^{}", "~^:?*["),
        ("docker://", "no image"),
        ("docker://a b", "not a valid image"),
        ("--upload-pack=touch x@v1", "does not name a repository"),
        ("--upload-pack=touch/x@v1", "owner name"),
        ("ext::sh -c x@v1", "does not name a repository"),
        ("file:///etc/passwd@v1", "owner name"),
    ],
)
def test_invalid(value: str, reason: str) -> None:
    parsed = refs.parse(value)
    assert isinstance(parsed, refs.Invalid), parsed
    assert reason in parsed.reason


@given(st.text(max_size=60))
@settings(max_examples=300, deadline=None)
def test_parse_never_raises_and_only_safe_names_pass(value: str) -> None:
    parsed = refs.parse(value)
    if isinstance(parsed, refs.Repository):
        assert refs.OWNER.match(parsed.owner) and refs.REPO.match(parsed.repo)
        assert not parsed.owner.startswith("-")
        assert not parsed.ref.startswith("-")
        assert not any(ch.isspace() for ch in parsed.ref)


@pytest.mark.parametrize(
    ("ref", "kind"),
    [
        (SHA, refs.RefKind.SHA),
        (SHA.upper(), refs.RefKind.UPPERCASE_SHA),
        (SHA[:39] + "A", refs.RefKind.UPPERCASE_SHA),
        (SHA[:7], refs.RefKind.SHORT_SHA),
        (SHA[:39], refs.RefKind.SHORT_SHA),
        (SHA[:6], refs.RefKind.SYMBOLIC),
        (SHA + "0", refs.RefKind.SYMBOLIC),
        ("v4", refs.RefKind.SYMBOLIC),
        ("x-" + SHA, refs.RefKind.SYMBOLIC),
        ("g" + SHA[1:], refs.RefKind.SYMBOLIC),
    ],
)
def test_ref_kind(ref: str, kind: refs.RefKind) -> None:
    assert refs.ref_kind(ref) is kind


@pytest.mark.parametrize(
    ("name", "version"),
    [
        ("v4", Version("v", (4,), "")),
        ("v4.2.2", Version("v", (4, 2, 2), "")),
        ("1.2.3", Version("", (1, 2, 3), "")),
        ("v6-beta", Version("v", (6,), "-beta")),
        ("v1.2.3-rc.1+build", Version("v", (1, 2, 3), "-rc.1+build")),
        ("codeql-bundle-v2.20.1", Version("codeql-bundle-v", (2, 20, 1), "")),
        ("create-github-app-token/v0.2.2", Version("create-github-app-token/v", (0, 2, 2), "")),
        ("main", None),
        ("abc1", None),
        ("release", None),
        ("", None),
    ],
)
def test_split_version(name: str, version: Version | None) -> None:
    assert split_version(name) == version


@pytest.mark.parametrize(
    ("ref", "tags", "expected"),
    [
        ("v4", ["v4", "v4.2", "v4.2.2"], "v4.2.2"),
        ("v4", ["v4", "v4.2.2", "v4.2.3-rc1"], "v4.2.2"),
        ("v4.2.3-rc1", ["v4", "v4.2.2", "v4.2.3-rc1"], "v4.2.3-rc1"),
        ("v4", ["v4"], "v4"),
        ("v1", ["v1", "v1.0.0", "v10.0.0"], "v1.0.0"),
        ("latest", ["latest", "v2.0.1", "v2"], "v2.0.1"),
        ("main", ["nightly"], None),
        ("v2", [], None),
        ("codeql-bundle-v2", ["codeql-bundle-v2.20.1", "v9.9.9.9"], "codeql-bundle-v2.20.1"),
    ],
)
def test_most_specific_version(ref: str, tags: list[str], expected: str | None) -> None:
    assert most_specific_version(ref, tags) == expected


@pytest.mark.parametrize(
    ("comment", "version", "expected"),
    [
        (None, "v4.2.2", "# v4.2.2"),
        ("# v4", "v4.2.2", "# v4.2.2"),
        ("#v4", "v4.2.2", "#v4.2.2"),
        ("# tag=v4", "v4.2.2", "# tag=v4.2.2"),
        ("# version: 4", "4.2.2", "# version: 4.2.2"),
        ("# v4 keep", "v4.2.2", "# v4.2.2 keep"),
        ("# keep me", "v4.2.2", "# v4.2.2 # keep me"),
        ("# zizmor: ignore[unpinned-uses]", "v4.2.2", "# v4.2.2 # zizmor: ignore[unpinned-uses]"),
        ("# ratchet:actions/checkout@v4", "v4.2.2", "# v4.2.2 # ratchet:actions/checkout@v4"),
    ],
)
def test_rewrite_comment(comment: str | None, version: str, expected: str) -> None:
    assert rewrite_comment(comment, version) == expected


@pytest.mark.parametrize(
    ("line", "comment", "content_end"),
    [
        ("uses: a/b@v1", None, 12),
        ("uses: a/b@v1   ", None, 12),
        ("uses: a/b@v1 # c", "# c", 12),
        ("uses: a/b@v1#c", None, 14),
        ("{uses: a/b@v1, with: {x: 'a # b'}} # c", "# c", 34),
        ('{uses: a/b@v1, with: {x: "a \\" # b"}}  # c', "# c", 37),
        ("{uses: a/b@v1, with: {x: 'it''s # no'}}", None, 39),
        ("{uses: a/b@v1, with: {x: 'open", None, None),
    ],
)
def test_trailing_comment(line: str, comment: str | None, content_end: int | None) -> None:
    source = Source("x", line + "\nnext: 1\n")
    found = trailing_comment(source, len("uses: a/b@v1") if line.startswith("uses") else 13)
    if content_end is None:
        assert found is None
        return
    assert found is not None
    assert (found[0].text if found[0] else None) == comment
    assert found[1] == content_end


def test_comment_separator_follows_the_file() -> None:
    assert comment_separator(Source("x", "- uses: a@b\n")) == " "
    two = "- uses: a/b@c  # v1\n- uses: d/e@f  # v2\n- uses: g/h@i # v3\n"
    assert comment_separator(Source("x", two)) == "  "
    # A tie goes to the shorter spacing.
    tie = "- uses: a/b@c  # v1\n- uses: d/e@f # v2\n"
    assert comment_separator(Source("x", tie)) == " "


# --- policies ---------------------------------------------------------------------------------


def test_policy_specificity_and_case() -> None:
    policies = Policies.build(
        [
            ("*", "any"),
            ("actions/*", "hash-pin"),
            ("actions/checkout", "ref-pin"),
            ("github/codeql-action/*", "ref-pin"),
            ("github/codeql-action/init", "hash-pin"),
        ]
    )

    def policy(value: str) -> Policy:
        parsed = refs.parse(value)
        assert isinstance(parsed, refs.Repository)
        return policies.lookup(parsed)[1]

    assert policy("actions/checkout@v4") is Policy.REF_PIN
    assert policy("Actions/CheckOut@v4") is Policy.REF_PIN
    assert policy("actions/checkout/sub@v4") is Policy.HASH_PIN  # exact repo: no sub-path
    assert policy("actions/cache@v4") is Policy.HASH_PIN
    assert policy("github/codeql-action/init@v3") is Policy.HASH_PIN
    assert policy("github/codeql-action/Init@v3") is Policy.REF_PIN  # paths are case-sensitive
    assert policy("github/codeql-action@v3") is Policy.REF_PIN  # repo/* includes no sub-path
    assert policy("other/x@v1") is Policy.ANY
    assert Policies().lookup(refs.Repository("a", "b", None, "v1")) == (None, Policy.HASH_PIN)


# --- ls-remote -----------------------------------------------------------------------------------

LS_REMOTE = f"""\
{"a" * 40}\tHEAD
{"a" * 40}\trefs/heads/main
{"b" * 40}\trefs/heads/v1
{"c" * 40}\trefs/tags/v1
{"d" * 40}\trefs/tags/v1^{{}}
{"d" * 40}\trefs/tags/v1.0.0
{"e" * 40}\trefs/pull/1/head
garbage line
{"f" * 64}\trefs/tags/sha256-only
"""


def test_parse_ls_remote_peels_and_prefers_branches() -> None:
    refs = resolve.parse_ls_remote(LS_REMOTE)
    assert refs.branches == {"main": "a" * 40, "v1": "b" * 40}
    assert refs.tags == {"v1": "d" * 40, "v1.0.0": "d" * 40}
    assert refs.resolve("v1") == resolve.Resolution("v1", "b" * 40, "branch", "d" * 40)
    assert refs.resolve("refs/tags/v1") == resolve.Resolution("refs/tags/v1", "d" * 40, "tag")
    assert refs.resolve("refs/heads/main") == resolve.Resolution(
        "refs/heads/main", "a" * 40, "branch"
    )
    assert refs.resolve("v1.0.0") == resolve.Resolution("v1.0.0", "d" * 40, "tag")
    assert refs.resolve("nope") is None
    assert refs.tags_at("d" * 40) == ["v1", "v1.0.0"]
    assert refs.version_for("v1", "d" * 40) == "v1.0.0"
    assert refs.version_for("refs/tags/v1", "d" * 40) == "v1.0.0"


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("https://github.com", None),
        ("https://ghe.example.com/", None),
        ("http://127.0.0.1:8080", None),
        ("file:///srv/git", None),
        ("ssh://git@github.com", "must start with"),
        ("git://github.com", "must start with"),
        ("ext::sh -c touch% x", "must start with"),
        ("-c", "must start with"),
        ("https://user:pw@github.com", "credentials"),
        ("https://github.com/?x=1", "query"),
        ("https://", "no host"),
        ("https://github.com/ x", "whitespace"),
    ],
)
def test_check_server_url(url: str, problem: str | None) -> None:
    if problem is None:
        assert resolve.check_server_url(url) == url.rstrip("/")
    else:
        with pytest.raises(ValueError, match=problem):
            resolve.check_server_url(url)


def test_server_url_and_token_precedence() -> None:
    assert resolve.server_url(None, {}) == "https://github.com"
    assert (
        resolve.server_url(None, {"GITHUB_SERVER_URL": "https://ghe.local"}) == "https://ghe.local"
    )
    assert (
        resolve.server_url("file:///x", {"GITHUB_SERVER_URL": "https://ghe.local"}) == "file:///x"
    )
    assert resolve.token_from_env({}) is None
    assert resolve.token_from_env({"GITHUB_TOKEN": "b", "GH_TOKEN": "a"}) == "a"
    assert resolve.token_from_env({"GITHUB_TOKEN": "b", "GH_TOKEN": " "}) == "b"


def test_invalid_names_never_reach_git(monkeypatch: pytest.MonkeyPatch) -> None:
    from supply_chain_hooks import git

    def forbidden(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("git must not run")

    monkeypatch.setattr(git, "run_git", forbidden)
    resolver = resolve.GitResolver("https://github.com")
    result = resolver.list_refs(
        [resolve.RepoName("--upload-pack=x", "y"), resolve.RepoName("a", "..")]
    )
    assert all(isinstance(value, resolve.ResolveError) for value in result.values())
    assert len(result) == 2
