"""The one parser of `git ls-remote --heads --tags` output (git.parse_ls_remote), and the
values the github and precommit families derive from it."""

from __future__ import annotations

from pathlib import Path

from supply_chain_hooks.git import Tag, ls_remote, parse_ls_remote
from supply_chain_hooks.github.resolve import parse_ls_remote as github_refs
from supply_chain_hooks.precommit.remote import parse as precommit_revs

from .conftest import git, write

A, B, C, D, E = ("a" * 40, "b" * 40, "c" * 40, "d" * 40, "e" * 40)

OUTPUT = (
    f"{A}\tHEAD\n"
    f"{A}\trefs/heads/main\n"
    f"{B}\trefs/heads/release/v2\n"
    # An annotated tag: its object, then the commit it peels to.
    f"{C}\trefs/tags/v1.0.0\n"
    f"{A}\trefs/tags/v1.0.0^{{}}\n"
    # A lightweight tag names the commit itself.
    f"{B}\trefs/tags/v2\n"
    # A peeled line whose tag line is missing is not a tag.
    f"{D}\trefs/tags/orphan^{{}}\n"
    # Malformed or foreign lines.
    f"{E}\trefs/pull/1/head\n"
    "garbage line\n"
    f"{'f' * 64}\trefs/tags/sha256-only\n"
    f"{'a' * 39}\trefs/heads/short\n"
    f"{'A' * 40}\trefs/heads/upper\n"
    f"{A} refs/heads/space-not-tab\n"
    f"{A}\trefs/heads/two words\n"
    "\n"
)


def test_branches_and_tags_with_object_and_commit() -> None:
    branches, tags = parse_ls_remote(OUTPUT)
    assert branches == {"main": A, "release/v2": B}
    assert tags == {"v1.0.0": Tag(C, A), "v2": Tag(B, B)}


def test_a_peeled_line_before_its_tag_line_still_peels_it() -> None:
    _, tags = parse_ls_remote(f"{A}\trefs/tags/v1^{{}}\r\n{C}\trefs/tags/v1\r\n")
    assert tags == {"v1": Tag(C, A)}


def test_a_name_both_branch_and_tag_is_kept_in_both() -> None:
    branches, tags = parse_ls_remote(f"{A}\trefs/heads/v1\n{B}\trefs/tags/v1\n")
    assert branches == {"v1": A}
    assert tags == {"v1": Tag(B, B)}


def test_nothing_parses_to_nothing() -> None:
    assert parse_ls_remote("") == ({}, {})


def test_the_families_derive_their_values_from_it() -> None:
    refs = github_refs(OUTPUT)  # a tag is the commit GitHub runs
    assert refs.branches == {"main": A, "release/v2": B}
    assert refs.tags == {"v1.0.0": A, "v2": B}
    revs = precommit_revs(OUTPUT)  # a tag keeps the object `autoupdate --freeze` writes
    assert revs.branches == {"main": A, "release/v2": B}
    assert revs.tags == {"v1.0.0": Tag(C, A), "v2": Tag(B, B)}
    assert revs.tags_at(C) == revs.tags_at(A) == ["v1.0.0"]


def test_real_git_output(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git("init", "-q", "-b", "main", cwd=repo)
    write(repo, "a.txt", "a\n")
    git("add", "a.txt", cwd=repo)
    git("commit", "-q", "-m", "first", cwd=repo)
    commit = git("rev-parse", "HEAD", cwd=repo).strip()
    git("tag", "-a", "-m", "annotated", "v1.0.0", cwd=repo)
    git("tag", "v1", cwd=repo)
    git("branch", "feature/x", cwd=repo)
    annotated = git("rev-parse", "v1.0.0", cwd=repo).strip()
    assert annotated != commit
    out = ls_remote([repo.as_uri()], timeout=30)[repo.as_uri()]
    assert isinstance(out, bytes), out
    branches, tags = parse_ls_remote(out.decode())
    assert branches == {"main": commit, "feature/x": commit}
    assert tags == {"v1.0.0": Tag(annotated, commit), "v1": Tag(commit, commit)}


def test_names_of_a_z_listing_are_its_paths_in_order() -> None:
    from supply_chain_hooks.git import names

    assert names(b"") == []
    assert names(b"a.py\0dir/b c.py\0") == ["a.py", "dir/b c.py"]
    assert names(b"a.py\0\0b.py\0") == ["a.py", "b.py"]  # an empty entry is no path
    assert names(b"caf\xc3\xa9.py\0\xff.py\0") == ["café.py", "\udcff.py"]  # as git wrote it
