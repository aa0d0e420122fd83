"""Which S rules must be in force, and where: the hook's options as a :class:`Policy`.

The required rules of a file are the stable S rules of the Ruff version in use, minus the
allowed ones: S101 anywhere, ``--allow-ignore`` codes and prefixes anywhere, and every S rule
in test files. Test files are those of :data:`DEFAULT_TEST_PATHS` (unless turned off) and of
the ``--test-path`` globs, which add to them.
"""

from __future__ import annotations

from collections.abc import Iterable

from supply_chain_hooks.config import UsageError
from supply_chain_hooks.model import Record


class Policy(Record):
    #: S codes that may be switched off anywhere (S101 and `--allow-ignore`).
    allow: frozenset[str] = frozenset({"S101"})
    require_hook: bool = False
    #: Force the Ruff version instead of taking it from the hook's rev.
    version: tuple[int, int, int] | None = None
    #: Test files may switch any S rule off (False: check them like other files).
    exempt_tests: bool = True
    #: Globs of more test files or folders (`--test-path`), beside the defaults.
    test_paths: tuple[str, ...] = ()
    #: Whether the files of DEFAULT_TEST_PATHS are test files (`--no-default-test-paths`).
    default_test_paths: bool = True

    def is_test(self, path: str) -> bool:
        """Whether a repository-relative path is a test file (any S rule may be off there)."""
        if self.default_test_paths and is_test_file(path):
            return True
        return bool(self.test_paths) and matches_test_path(path, self.test_paths)


#: Paths in runs of one folder each, in order: (folder, its paths, their names).
Runs = list[tuple[str, list[str], list[str]]]


def runs_of(paths: Iterable[str]) -> Runs:
    """The paths in runs of one folder each (the folder without a final `/`, "" for the
    root), in order: git lists by path, so a folder's files mostly come together."""
    runs: Runs = []
    current = None
    run_paths: list[str] = []
    run_names: list[str] = []
    for path in paths:
        directory, _, name = path.rpartition("/")
        if directory != current:
            current = directory
            run_paths = []
            run_names = []
            runs.append((directory, run_paths, run_names))
        run_paths.append(path)
        run_names.append(name)
    return runs


def without_tests(policy: Policy, paths: Iterable[str]) -> list[str]:
    """The paths that are no test files, in order: ``not policy.is_test(path)``."""
    return [path for _, kept, _ in drop_tests(policy, runs_of(paths)) for path in kept]


def drop_tests(policy: Policy, runs: Runs) -> Runs:
    """The runs without their test files (:meth:`Policy.is_test`), in order, with what
    depends on a folder decided once per folder and on a name once per name."""
    from supply_chain_hooks.globs import matches_any

    defaults = policy.default_test_paths
    globs = policy.test_paths
    #: By folder: whether its folders make its files test files.
    test_folder: dict[str, bool] = {}
    #: By file name: whether the name makes it a test file.
    test_names: dict[str, bool] = {}
    #: The names known not to make a file a test file.
    plain_names: set[str] = set()
    out: Runs = []
    for directory, paths, names in runs:
        in_test = test_folder.get(directory)
        if in_test is None:
            # Every part of the path but the name.
            parts = directory.split("/") if directory else []
            in_test = test_folder[directory] = (
                defaults and ("tests" in parts or "test" in parts)
            ) or (
                bool(globs)
                and any(
                    matches_any("/".join(parts[:depth]), globs)
                    for depth in range(len(parts), 0, -1)
                )
            )
        if in_test:
            continue
        if (defaults and not plain_names.issuperset(names)) or globs:
            kept_paths: list[str] = []
            kept_names: list[str] = []
            for path, name in zip(paths, names, strict=True):
                if defaults and name not in plain_names:
                    test_name = test_names.get(name)
                    if test_name is None:
                        stem = name.rsplit(".", 1)[0]
                        test_name = test_names[name] = (
                            stem.startswith("test_") or stem.endswith("_test") or stem == "conftest"
                        )
                        if not test_name:
                            plain_names.add(name)
                    if test_name:
                        continue
                if globs and matches_any(path, globs):
                    continue
                kept_paths.append(path)
                kept_names.append(name)
            if not kept_paths:
                continue
            paths, names = kept_paths, kept_names
        out.append((directory, paths, names))
    return out


def policy(
    allow_ignore: Iterable[str],
    *,
    require_hook: bool,
    ruff_version: str | None,
    test_paths: Iterable[str] = (),
    default_test_paths: bool = True,
) -> Policy:
    """The policy of the hook's options (UsageError for a version that is not one)."""
    return Policy(
        allow=frozenset({"S101", *expand_allowed(allow_ignore)}),
        require_hook=require_hook,
        version=parse_version(ruff_version),
        # `testing/` names the folder `testing`, as `testing` does.
        test_paths=tuple(glob.rstrip("/") or glob for glob in test_paths),
        default_test_paths=default_test_paths,
    )


def expand_allowed(codes: Iterable[str]) -> set[str]:
    """`--allow-ignore` takes codes and S prefixes (`S3` allows S301..S324)."""
    codes = list(codes)
    if not codes:
        return set()
    from supply_chain_hooks.ruff.table import choose, load

    table = load(choose(None))
    out: set[str] = set()
    for code in codes:
        matched = {
            rule.code
            for rule in table.rules
            if rule.code and rule.code.startswith(code) and rule.linter == "S"
        }
        out |= matched or {code}
    return out


def parse_version(text: str | None) -> tuple[int, int, int] | None:
    if not text:
        return None
    parts = text.lstrip("v").split(".")
    try:
        numbers = [int(part) for part in parts[:3]] + [0] * (3 - len(parts[:3]))
    except ValueError:
        raise UsageError(f"--ruff-version: not a version: {text!r}") from None
    return numbers[0], numbers[1], numbers[2]


#: The test files every S rule may be off in, as globs of :mod:`supply_chain_hooks.globs`
#: (`*` within a folder, `**` across; a glob naming a folder takes every file below it);
#: :func:`is_test_file` is their fast form.
DEFAULT_TEST_PATHS = (
    "**/tests",
    "**/test",
    "**/test_*.py",
    "**/test_*.pyi",
    "**/*_test.py",
    "**/*_test.pyi",
    "**/conftest.py",
    "**/conftest.pyi",
)


def matches_test_path(path: str, globs: tuple[str, ...]) -> bool:
    """Whether a glob matches the path or one of its folders (then every file below it)."""
    from supply_chain_hooks.globs import matches_any

    parts = path.split("/")
    return any(matches_any("/".join(parts[:depth]), globs) for depth in range(len(parts), 0, -1))


def is_test_file(path: str) -> bool:
    parts = path.split("/")
    name = parts[-1]
    stem = name.rsplit(".", 1)[0]
    return (
        "tests" in parts[:-1]
        or "test" in parts[:-1]
        or stem.startswith("test_")
        or stem.endswith("_test")
        or stem == "conftest"
    )
