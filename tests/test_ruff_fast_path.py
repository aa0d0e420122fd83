"""enforce-ruff-S on large repositories: the quick way gives exactly the per-file verdict.

The analysis decides once per folder what depends on the folder alone, and lets a file skip
the exclude, per-file-ignores and file-level noqa layers when no glob of its settings can
concern it (:class:`~supply_chain_hooks.ruff.settings.FileGlobs`). These tests compare it with
the straightforward evaluation, where every file goes through every layer, on generated trees
whose patterns aim at names and folders (issue 12 item 7); and check the pieces the shortcut
stands on: literal prefixes of globs, test files decided per folder and name, the hook's
file filters compiled once, and the git search for file-level noqa candidates.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from supply_chain_hooks.ruff import globset, precommit, verdict
from supply_chain_hooks.ruff.causes import Verdict
from supply_chain_hooks.ruff.policy import Policy, runs_of, without_tests
from supply_chain_hooks.ruff.python_files import _filters_configured, _Search, filter_lookup
from supply_chain_hooks.source import Source, read
from supply_chain_hooks.workspace import Workspace

from .conftest import git, write

ROOT_CONFIG = """\
[tool.ruff]
extend-exclude = ["gen_*.py", "b?d.py", "pkg/sub/deep", "[x]", "a\\\\*b.py", "*/only/here.py"]
force-exclude = true

[tool.ruff.lint]
extend-select = ["S"]
exclude = ["*_lint.py", "docs/**"]

[tool.ruff.lint.per-file-ignores]
"mod.py" = ["S102"]
"pkg/sub/*.py" = ["S105"]
"**/x/*.py" = ["S106"]
"{foo,bar}.py" = ["S107"]
"[ab]x.py" = ["S108"]
"weird name.py" = ["S110"]
"""
#: A nested config that extends the root one and negates a pattern.
PKG_CONFIG = """\
extend = "../pyproject.toml"

[lint.extend-per-file-ignores]
"!keep*.py" = ["S103"]
"sub/deep/*.py" = ["S112"]
"""
#: A config of its own (no extend): the root's patterns do not reach its files.
ODD_CONFIG = """\
[lint]
select = ["S"]
exclude = ["mod.py"]
per-file-ignores = { "*.pyi" = ["S113"], "../odd*/[a-c]x.py" = ["S301"] }
"""
HOOK = """\
repos:
  - repo: https://github.com/astral-sh/ruff-pre-commit
    rev: v0.17.6
    hooks:
      - id: ruff-check
        files: \\.pyi?$
        exclude: ^(vendor/|.*skip_this\\.py$)
"""
FOLDERS = (
    "",
    "pkg",
    "pkg/sub",
    "pkg/sub/deep",
    "pkg/x",
    "gen",
    "vendor/lib",
    "tests",
    "pkg/tests",
    "docs/x",
    "a b",
    "[x]",
    "odd{1,2}",
    "build",
    "sub/only",
    "fixer",
    "lax",
)
NAMES = (
    "mod.py",
    "gen_1.py",
    "bad.py",
    "bxd.py",
    "keep_me.py",
    "x_lint.py",
    "conf.pyi",
    "test_one.py",
    "one_test.py",
    "conftest.py",
    "__init__.py",
    "skip_this.py",
    "noqa_file.py",
    "a*b.py",
    "ax.py",
    "foo.py",
    "bar.py",
    "weird name.py",
    "[ab].py",
    "here.py",
    "x_spec.py",
)
NOQA = "import os\n# ruff: noqa: S102, S108\n"
#: Folders (some with a config of their own) and names no glob or filter concerns.
PLAIN_FOLDERS = ("plain", "pkg/plain", "lax/plain", "fixer/plain", "odd{1,2}/plain")
PLAIN_NAMES = ("alpha.py", "beta.py", "gamma.pyi")
#: A folder whose config only fixes: Ruff reports nothing there.
FIX_ONLY_CONFIG = 'fix-only = true\n[lint]\nselect = ["S"]\n'
#: A folder whose config switches a required rule off: a cause every file there shares.
LAX_CONFIG = '[lint]\nselect = ["S"]\nignore = ["S105"]\n'


def _tree(root: Path, *, hook: bool, interleave: bool = True) -> list[str]:
    """A repository of every folder x name, listed so that the folders interleave (or in
    git's order, each folder's files together)."""
    write(root, "pyproject.toml", ROOT_CONFIG)
    write(root, "pkg/ruff.toml", PKG_CONFIG)
    write(root, "odd{1,2}/ruff.toml", ODD_CONFIG)
    write(root, "fixer/ruff.toml", FIX_ONLY_CONFIG)
    write(root, "lax/ruff.toml", LAX_CONFIG)
    if hook:
        write(root, ".pre-commit-config.yaml", HOOK)
    paths = []
    for folder, name in itertools.product(FOLDERS, NAMES):
        path = f"{folder}/{name}" if folder else name
        write(root, path, NOQA if name == "noqa_file.py" else "x = 1\n")
        paths.append(path)
    # Folders whose files no glob, filter or noqa concerns: in git's order each is one run
    # that takes the quick way as a whole.
    for folder, name in itertools.product(PLAIN_FOLDERS, PLAIN_NAMES):
        write(root, f"{folder}/{name}", "x = 1\n")
        paths.append(f"{folder}/{name}")
    paths.sort(key=(lambda path: path[::-1]) if interleave else None)
    return paths


class _EveryFile(verdict.FileGlobs):
    """Globs that may concern every file: no file takes the quick way."""

    def name(self, name: str) -> bool:
        return True


def _filtered_out(hook: precommit.RuffHook, path: str) -> precommit.Origin | None:
    """pre-commit's file filters, written out for one file (the oracle of FileFilter)."""
    from identify import identify

    def search(pattern: str) -> bool:
        try:
            return re.search(pattern, path) is not None
        except re.error:
            return False

    for pattern, origin in hook.files:
        if not search(pattern):
            return origin
    for pattern, origin in hook.exclude:
        if search(pattern):
            return origin
    if hook.types or hook.types_or or hook.exclude_types:
        tags = identify.tags_from_filename(path.rpartition("/")[2]) | {"file", "non-executable"}
        if (
            not set(hook.types) <= tags
            or (hook.types_or and not set(hook.types_or) & tags)
            or set(hook.exclude_types) & tags
        ):
            return hook.types_origin or hook.origin
    return None


class _Fresh(precommit.FileFilter):
    """The hook's filters evaluated afresh for every file (nothing remembered)."""

    def __init__(self, hook: precommit.RuffHook) -> None:
        super().__init__(hook)
        self.hook = hook
        self.name_only = False

    def __call__(self, path: str, name: str | None = None) -> precommit.Origin | None:
        return _filtered_out(self.hook, path)


def _straightforward(monkeypatch: pytest.MonkeyPatch, run: Callable[[], Verdict]) -> Verdict:
    with monkeypatch.context() as patch:
        patch.setattr(verdict, "FileGlobs", _EveryFile)
        patch.setattr(precommit, "FileFilter", _Fresh)
        patch.setattr(
            verdict,
            "drop_tests",
            lambda policy, runs: runs_of(
                path for _, paths, _ in runs for path in paths if not policy.is_test(path)
            ),
        )
        return run()


def _exact(found: Verdict) -> object:
    """Every part of a verdict, orders included."""
    return (
        [(reason.cause, list(reason.files.items())) for reason in found.reasons],
        list(found.fixes.items()),
        list(found.effective.items()),
        list(found.reported.items()),
        sorted(found.invalid_files),
        [(path, str(error)) for path, error in found.input_errors],
        found.version_origin,
    )


@pytest.mark.parametrize("interleave", [True, False])
@pytest.mark.parametrize("hook", [True, False])
@pytest.mark.parametrize(
    "policy",
    [
        Policy(test_paths=("pkg/x", "*_spec.py")),
        Policy(default_test_paths=False, exempt_tests=False),
    ],
)
def test_quick_way_equals_every_layer_for_every_file(
    repo: Path, monkeypatch: pytest.MonkeyPatch, hook: bool, policy: Policy, interleave: bool
) -> None:
    # Interleaved, the files of a folder come one at a time; in git's order, together (the
    # quick way records a folder's run of files at once).
    paths = _tree(repo, hook=hook, interleave=interleave)
    # Files git does not name as noqa candidates take the quick way (without a search,
    # every file is read, so none does).
    noqa_files = frozenset(path for path in paths if "noqa" in path)

    def run() -> Verdict:
        return verdict.analyze(paths, Workspace(".").source, policy, candidates=lambda: noqa_files)

    quick = run()
    assert _exact(quick) == _exact(_straightforward(monkeypatch, run))
    # The comparison covers every kind of reason the patterns aim at.
    kinds = {type(reason.cause).__name__ for reason in quick.reasons}
    assert {"Excluded", "PerFileIgnored", "FileNoqa", "Ignored"} <= kinds
    assert ("HookFiles" in kinds) == hook
    fixer = [path for path in quick.reported if path.startswith("fixer/")]
    assert fixer and not any(quick.reported[path] for path in fixer)
    # ...and the quick way is taken: most files no glob concerns.
    assert len(quick.reported) > len(paths) / 3


def test_a_negated_per_file_ignore_sends_every_file_through_every_layer(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(repo, "pyproject.toml", '[tool.ruff.lint]\nper-file-ignores = { "!a.py" = ["S102"] }\n')
    paths = ["a.py", "b.py", "sub/a.py", "sub/c.py"]
    for path in paths:
        write(repo, path, "x = 1\n")

    def run() -> Verdict:
        return verdict.analyze(paths, Workspace(".").source, Policy(), candidates=frozenset)

    quick = run()
    assert _exact(quick) == _exact(_straightforward(monkeypatch, run))
    s102 = quick.table.by_code["S102"]
    assert [path for path in paths if s102 in quick.reported[path]] == ["a.py", "sub/a.py"]


def test_every_file_of_a_folder_whose_config_ruff_refuses_is_invalid(repo: Path) -> None:
    write(repo, "pyproject.toml", '[tool.ruff.lint]\nper-file-ignores = { "[z-a]" = ["S102"] }\n')
    paths = ["pkg/a.py", "pkg/b.py", "pkg/c.py"]
    for path in paths:
        write(repo, path, "x = 1\n")
    found = verdict.analyze(paths, read, Policy())
    assert found.invalid_files == frozenset(paths)
    assert found.effective == {}


GLOBS = (
    ".git",
    "venv",
    "*.py",
    "a\\*b",
    "/tmp/x/vendor",
    "/tmp/x/ven*",
    "a?b",
    "{a,b}",
    "x{a,b}y",
    "[ab]",
    "[!a]x",
    "**/x",
    "x/**",
    "x/**/y",
    "/tmp/x/**/*.py",
    "/tmp/x/[ab]/c.py",
    "we ird.py",
    "dot.",
    "a-b",
    "a#b",
)
SUBJECTS = (
    ".git",
    "venv",
    "a.py",
    "a*b",
    "axb",
    "/tmp/x/vendor",
    "/tmp/x/venv",
    "/tmp/x/a/c.py",
    "/tmp/x/b/c.py",
    "/tmp/x/y.py",
    "/tmp/y/x",
    "x",
    "x/y",
    "x/a/y",
    "xay",
    "a",
    "b",
    "bx",
    "ax",
    "we ird.py",
    "dot.",
    "a-b",
    "a#b",
    "",
    "a\nb.py",
)


@pytest.mark.parametrize("glob", GLOBS)
def test_a_glob_matches_only_what_starts_with_its_literal_prefix(glob: str) -> None:
    regex = globset.compile_glob(glob)
    prefix = globset.literal_prefix(regex.pattern)
    text = globset.literal_text(regex.pattern)
    for subject in SUBJECTS:
        matched = regex.match(subject) is not None
        if matched:
            assert subject.startswith(prefix), (glob, subject, prefix)
        if text is not None:
            assert matched == (subject == text), (glob, subject, text)
    if text is not None:
        assert regex.match(text)


def test_literal_prefix_stops_before_anything_not_literal() -> None:
    assert globset.literal_prefix(r"ab*c\Z") == "a"
    assert globset.literal_prefix(r"a\.b?\Z") == "a."
    assert globset.literal_prefix(r"a\*b\Z") == "a*b"
    assert globset.literal_text(r"a\*b\Z") == "a*b"
    assert globset.literal_text(r"a.b\Z") is None
    assert globset.literal_prefix(r"\d\Z") == ""
    assert globset.literal_prefix(re.escape("a\nb") + r"\Z") == "a\nb"


TEST_PATHS = (
    "a.py",
    "/a.py",
    "tests/a.py",
    "a/tests/b.py",
    "a/test/b.py",
    "atest/b.py",
    "test_a.py",
    "a/test_a.pyi",
    "a_test.py",
    "a/b_test.pyi",
    "conftest.py",
    "a/conftest.pyi",
    "test.py",
    "pkg/x/y.py",
    "pkg/xy/y.py",
    "pkg/x",
    "a/b_spec.py",
    "testing/util.py",
    "a\\b/c.py",
    "./tests/c.py",
    "a//b.py",
)


@pytest.mark.parametrize(
    "policy",
    [
        Policy(),
        Policy(default_test_paths=False),
        Policy(test_paths=("pkg/x", "**/*_spec.py", "testing", "a/b")),
        Policy(test_paths=("**",), default_test_paths=False),
        Policy(test_paths=("*.py",), default_test_paths=False),
    ],
)
def test_test_files_per_folder_and_name_are_those_of_is_test(policy: Policy) -> None:
    paths = list(TEST_PATHS) * 2  # the second time from what each folder and name remembers
    assert without_tests(policy, paths) == [path for path in paths if not policy.is_test(path)]


def test_hook_filters_compiled_once_judge_each_file(repo: Path) -> None:
    from supply_chain_hooks import yaml_doc

    write(
        repo,
        ".pre-commit-config.yaml",
        HOOK.replace("files: \\.pyi?$", "files: ^(src|lib)/\n        types_or: [pyi]")
        + "        exclude_types: [markdown]\n",
    )
    hook = precommit.find_hooks(yaml_doc.parse(read(".pre-commit-config.yaml")))[0]
    compiled = precommit.FileFilter(hook)
    paths = [
        f"{folder}/{name}"
        for folder in ("src", "lib/vendor", "vendor", "other", "src/x")
        for name in ("a.py", "a.pyi", "skip_this.py", "b.md")
    ]
    for path in paths * 2:
        assert compiled(path) == hook.filtered_out(path) == _filtered_out(hook, path)
    passing = {path for path in paths if compiled(path) is None}
    assert passing == {"src/a.pyi", "src/x/a.pyi", "lib/vendor/a.pyi"}


def test_an_invalid_hook_regex_matches_nothing() -> None:
    origin = precommit.Origin(precommit.PATH, (), "files")
    hook = precommit.RuffHook(
        "ruff-check",
        origin,
        None,
        None,
        (),
        True,
        None,
        None,
        None,
        (("[", origin),),
        (("(", origin),),
        (),
        (),
        (),
        None,
    )
    # `files` that never matches keeps every file away; `exclude` that never matches none.
    assert precommit.FileFilter(hook)("a.py") is origin


def _search(root: Path) -> frozenset[str] | None:
    return _Search(str(root)).mentioning()


def test_noqa_candidates_cover_every_work_tree_change(repo: Path) -> None:
    for name in ("a.py", "c.py", "d.py", "e.py", "old.py"):
        write(repo, name, "x = 1\n")
    write(repo, "f.py", "# ruff: noqa\n")
    git("add", "-A", cwd=repo)
    git("commit", "-qm", "one", cwd=repo)
    git("checkout", "-qb", "other", cwd=repo)
    write(repo, "c.py", "x = 2  # ruff theirs\n")
    git("commit", "-qam", "theirs", cwd=repo)
    git("checkout", "-q", "main", cwd=repo)
    write(repo, "c.py", "x = 3\n")
    git("commit", "-qam", "ours", cwd=repo)
    with pytest.raises(Exception, match="exit status 1"):
        git("merge", "-q", "other", cwd=repo)  # c.py is unmerged, with a conflict
    write(repo, "a.py", "# ruff: noqa\n")  # modified, not staged
    write(repo, "b.py", "# flake8: noqa\n")
    git("add", "-N", "b.py", cwd=repo)  # intent to add
    (repo / "old.py").unlink()  # deleted
    write(repo, "e.py", "x = 1  # ruff\n")
    git("update-index", "--assume-unchanged", "e.py", cwd=repo)
    write(repo, "g.py", "# ruff: noqa\n")  # untracked: not the repository's
    assert not _filters_configured(filter_lookup(str(repo)))
    found = _search(repo)
    assert found is not None
    # What a grep of the work tree finds (e.g.: an assume-unchanged file is searched in its
    # staged content by git grep too) is among the candidates; the extra ones are read.
    worktree = git("grep", "-l", "-z", "-I", "-F", "-e", "ruff", "-e", "flake8", cwd=repo)
    assert set(worktree.split("\0")) - {""} <= found
    assert {"a.py", "b.py", "c.py", "f.py"} <= found
    assert "d.py" not in found
    assert "g.py" not in found


def test_a_filter_driver_makes_git_grep_the_work_tree(repo: Path) -> None:
    write(repo, ".gitattributes", "*.py filter=demo\n")
    write(repo, "a.py", "x = 1\n")
    git("add", "-A", cwd=repo)
    git("config", "filter.demo.smudge", "cat", cwd=repo)
    assert _filters_configured(filter_lookup(str(repo)))
    write(repo, "a.py", "# ruff: noqa\n")
    search = _Search(str(repo))
    assert search.mentioning() == frozenset({"a.py"})
    assert "--cached" not in search.grep.args  # the work tree was searched instead


def test_the_search_runs_while_the_folders_are_resolved(repo: Path) -> None:
    write(repo, "pyproject.toml", '[tool.ruff.lint]\nextend-select = ["S"]\n')
    write(repo, "a.py", "# ruff: noqa: S102\n")
    write(repo, "b.py", "x = 1\n")
    git("add", "-A", cwd=repo)
    calls: list[str] = []
    real = Workspace(".").source

    def source(path: str) -> Source:
        calls.append(path)
        return real(path)

    def candidates() -> frozenset[str] | None:
        calls.append("<candidates>")
        return _search(repo)

    found = verdict.analyze(["a.py", "b.py"], source, Policy(), candidates=candidates)
    # The configs are read before the search is asked for; the noqa file after.
    assert calls.index("pyproject.toml") < calls.index("<candidates>") < calls.index("a.py")
    s102 = found.table.by_code["S102"]
    assert s102 not in found.reported["a.py"]
    assert s102 in found.reported["b.py"]


def test_runs_keep_the_order_and_split_where_the_folder_changes() -> None:
    paths = ["a.py", "d/b.py", "d/c.pyi", "a2.py", "d/e/f.py", "d/g.py"]
    assert runs_of(paths) == [
        ("", ["a.py"], ["a.py"]),
        ("d", ["d/b.py", "d/c.pyi"], ["b.py", "c.pyi"]),
        ("", ["a2.py"], ["a2.py"]),
        ("d/e", ["d/e/f.py"], ["f.py"]),
        ("d", ["d/g.py"], ["g.py"]),
    ]
    assert runs_of([]) == []
