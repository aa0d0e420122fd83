"""The one golden harness: every fixture case lives in ``tests/fixtures/<family>/<case>/``.

A case folder holds:

``input/``
    the repository the hook runs in, file for file (copied into a fresh git repository);
``case.toml`` (optional)
    ``description``; ``args``, the hook's arguments (default: for a hook that takes file names,
    every input file its ``files:`` pattern matches, as pre-commit passes them; else none);
    ``fix = false`` when the case is not fixed; ``fix-args``, added after ``--fix``;
    ``needs``, the substitutions the test running the case must provide (``server``: a git
    server's URL; ``root``: its folder), written ``<name>`` in the input and the goldens;
``report.txt``
    exactly what a check prints;
``fix.diff``
    exactly what ``--fix`` changes, as a unified diff (carriage returns and byte order marks
    shown as ``<CR>`` and ``<BOM>``); empty when the fix changes nothing;
``fix-report.txt``, ``after.txt``, ``fix-again-report.txt`` (optional)
    what the fix prints, what a check prints after it, what a second fix prints.

Each family names its hook in :data:`FAMILIES`; ``ruff`` appends the S canary
(``tests/fixtures/ruff/canary_s.txt``) to every Python file, so the real ruff can judge the
verdict. Regenerate with ``pytest --update-goldens`` (refused under ``CI=true``) and review
``git diff tests/fixtures``.
"""

from __future__ import annotations

import difflib
import functools
import importlib
import re
import shutil
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT, git

FIXTURES = ROOT / "tests" / "fixtures"
CANARY = (FIXTURES / "ruff" / "canary_s.txt").read_text(encoding="utf-8")
GOLDEN_NAMES = ("report.txt", "fix.diff", "fix-report.txt", "after.txt", "fix-again-report.txt")


@dataclass(frozen=True)
class Family:
    hook: str  #: module name in supply_chain_hooks.hooks
    hook_id: str
    pass_filenames: bool  #: the hook gets file names (pre-commit's `pass_filenames`)
    fixes: bool  #: the hook has --fix


FAMILIES: dict[str, Family] = {
    "github": Family("pin_actions_to_sha", "pin-actions-to-sha", True, True),
    "deps": Family("require_lock_hashes", "require-lock-hashes", True, False),
    "uv": Family("check_uv_exclude_newer", "check-uv-exclude-newer", False, True),
    "ruff": Family("enforce_ruff_s", "enforce-ruff-S", False, True),
    "precommit": Family("pin_pre_commit_revs", "pin-pre-commit-revs", True, True),
    "publishing": Family("require_trusted_publishing", "require-trusted-publishing", True, False),
    "installs": Family("require_hashed_installs", "require-hashed-installs", True, False),
    "cooldown": Family("check_dependency_cooldown", "check-dependency-cooldown", False, True),
}


@dataclass(frozen=True)
class Case:
    family: str
    name: str
    description: str
    explicit_args: tuple[str, ...] | None
    fix: bool
    fix_args: tuple[str, ...]
    needs: frozenset[str]

    @property
    def folder(self) -> Path:
        return FIXTURES / self.family / self.name

    @property
    def input(self) -> Path:
        return self.folder / "input"

    @property
    def id(self) -> str:
        return f"{self.family}/{self.name}"

    def files(self) -> dict[str, bytes]:
        """The input tree as the hook sees it: relative path -> bytes."""
        files = {}
        for path in sorted(self.input.rglob("*")):
            if path.is_file():
                relative = path.relative_to(self.input).as_posix()
                files[relative] = _prepared(self.family, relative, path.read_bytes())
        return files

    def args(self) -> list[str]:
        if self.explicit_args is not None:
            return list(self.explicit_args)
        if not FAMILIES[self.family].pass_filenames:
            return []
        files_pattern = _manifest_files(FAMILIES[self.family].hook_id)
        return [path for path in self.files() if re.search(files_pattern, path)]


def _prepared(family: str, relative: str, data: bytes) -> bytes:
    if family == "ruff" and relative.endswith((".py", ".pyi")):
        text = data.decode("utf-8-sig")
        newline = "\r\n" if "\r\n" in text else "\n"
        bom = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""
        return bom + (text + newline + CANARY.replace("\n", newline)).encode()
    return data


@functools.cache
def _manifest_files(hook_id: str) -> str:
    from ruamel.yaml import YAML

    manifest = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text())
    (entry,) = [hook for hook in manifest if hook["id"] == hook_id]
    return str(entry.get("files", ""))


def load(family: str, name: str) -> Case:
    folder = FIXTURES / family / name
    meta: dict[str, object] = {}
    if (folder / "case.toml").is_file():
        meta = tomllib.loads((folder / "case.toml").read_text(encoding="utf-8"))
    unknown = set(meta) - {"description", "args", "fix", "fix-args", "needs"}
    assert not unknown, f"{folder / 'case.toml'}: unknown keys {sorted(unknown)}"
    args = meta.get("args")
    return Case(
        family=family,
        name=name,
        description=str(meta.get("description", "")),
        explicit_args=None if args is None else tuple(str(a) for a in args),  # type: ignore[attr-defined]
        fix=bool(meta.get("fix", FAMILIES[family].fixes)),
        fix_args=tuple(str(a) for a in meta.get("fix-args", ())),  # type: ignore[attr-defined]
        needs=frozenset(str(n) for n in meta.get("needs", ())),  # type: ignore[attr-defined]
    )


def cases(*families: str, needs: frozenset[str] = frozenset()) -> list[Case]:
    """Every case of the families (all when none is named) that needs no more than `needs`."""
    found = []
    for family in families or tuple(FAMILIES):
        for folder in sorted((FIXTURES / family).iterdir()):
            if (folder / "input").is_dir():
                case = load(family, folder.name)
                if case.needs <= needs:
                    found.append(case)
    return found


def params(*families: str, needs: frozenset[str] = frozenset()) -> list[object]:
    """The cases as pytest parameters, with readable ids."""
    return [pytest.param(case, id=case.id) for case in cases(*families, needs=needs)]


def materialize(
    case: Case, root: Path, substitutions: Mapping[str, str] | None = None
) -> dict[str, bytes]:
    """Write the case's input into `root` (a git repository) and stage it; `<name>` in the
    input becomes the value of each substitution (e.g. the folder of a test's git server)."""
    files = case.files()
    for name, value in (substitutions or {}).items():
        files = {
            path: data.replace(f"<{name}>".encode(), value.encode()) for path, data in files.items()
        }
    for relative, data in files.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    git("add", "-A", cwd=root)
    return files


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under root (outside .git), by relative path."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and ".git" not in path.relative_to(root).parts
    }


def diff(before: Mapping[str, bytes], after: Mapping[str, bytes]) -> str:
    """A unified diff; carriage returns and byte order marks are shown as <CR> and <BOM>."""
    out: list[str] = []
    for path in sorted(set(before) | set(after)):
        old, new = before.get(path, b""), after.get(path, b"")
        if old != new:
            out += difflib.unified_diff(
                old.decode().splitlines(keepends=True),
                new.decode().splitlines(keepends=True),
                f"a/{path}",
                f"b/{path}",
            )
    text = "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in out
    )
    return text.replace("\r", "<CR>").replace("\ufeff", "<BOM>")


_HUNK = re.compile(r"@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")


def patch(before: Mapping[str, bytes], text: str) -> dict[str, bytes]:
    """The files after applying a diff made by :func:`diff` (its exact inverse)."""
    after = dict(before)
    lines = text.replace("<CR>", "\r").replace("<BOM>", "\ufeff").split("\n")
    at = 0
    while at < len(lines) and lines[at]:
        assert lines[at].startswith("--- a/") and lines[at + 1].startswith("+++ b/"), lines[at]
        path = lines[at + 1][len("+++ b/") :]
        old = before.get(path, b"").decode().splitlines(keepends=True)
        new: list[str] = []
        used = 0
        at += 2
        while at < len(lines) and lines[at].startswith("@@"):
            match = _HUNK.match(lines[at])
            assert match, lines[at]
            old_count = int(match.group(2) or 1)
            new_count = int(match.group(4) or 1)
            start = int(match.group(1)) - (1 if old_count else 0)
            new += old[used:start]
            used = start
            at += 1
            while old_count or new_count or lines[at].startswith("\\"):
                kind, body = lines[at][:1], lines[at][1:] + "\n"
                if kind == "\\":  # the line before has no newline
                    if lines[at - 1][:1] != "-":
                        new[-1] = new[-1][:-1]
                else:
                    if kind in (" ", "+"):
                        new.append(body)
                        new_count -= 1
                    if kind in (" ", "-"):
                        used += 1
                        old_count -= 1
                at += 1
        new += old[used:]
        after[path] = "".join(new).encode()
    return after


class Goldens:
    """Compares output with a golden file, or rewrites it under --update-goldens.

    An optional golden is compared only when it exists (create an empty one to start it).
    """

    def __init__(self, update: bool) -> None:
        self.update = update

    def expect(self, path: Path, actual: str, *, optional: bool = False) -> None:
        if optional and not path.exists():
            return
        if self.update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(actual.encode())
        assert path.exists(), f"missing golden file {path} (run pytest --update-goldens)"
        assert actual == path.read_bytes().decode(), f"{path} differs"


def hook_main(case: Case) -> Callable[[Sequence[str]], int]:
    module = importlib.import_module(f"supply_chain_hooks.hooks.{FAMILIES[case.family].hook}")
    main: Callable[[Sequence[str]], int] = module.main
    return main


def run_case(
    case: Case,
    root: Path,
    capsys: pytest.CaptureFixture[str],
    goldens: Goldens,
    substitutions: Mapping[str, str] | None = None,
    extra_args: Sequence[str] = (),
    unresolvable: Sequence[str] = (),
) -> None:
    """Run one case in `root` (an empty git repository, the current directory) and compare
    every golden: the check, then (unless the case says no) the fix, a check after it, and a
    second fix that must change nothing."""
    substitutions = dict(substitutions or {})
    assert case.needs <= set(substitutions), f"{case.id} needs {sorted(case.needs)}"

    def fill(args: Sequence[str]) -> list[str]:
        return [arg.format(**substitutions) for arg in args]

    def masked(text: str) -> str:
        for name, value in substitutions.items():
            text = text.replace(value, f"<{name}>")
        return text

    def masked_files(files: Mapping[str, bytes]) -> dict[str, bytes]:
        if not substitutions:
            return dict(files)
        return {path: masked(data.decode()).encode() for path, data in files.items()}

    main = hook_main(case)
    args = [*extra_args, *case.args()]
    original = materialize(case, root, substitutions)

    code = main(args)
    out, err = capsys.readouterr()
    goldens.expect(case.folder / "report.txt", masked(out))
    assert code == (0 if out.startswith("All checks passed") else 1), err
    assert snapshot(root) == original, "a check wrote to a file"
    if not case.fix:
        assert not (case.folder / "fix.diff").exists(), f"{case.id}: fix.diff but fix = false"
        return

    code = main(["--fix", *fill(case.fix_args), *args])
    out, err = capsys.readouterr()
    fixed = snapshot(root)
    goldens.expect(case.folder / "fix.diff", diff(masked_files(original), masked_files(fixed)))
    goldens.expect(case.folder / "fix-report.txt", masked(out), optional=True)
    changed = sorted(path for path in fixed if fixed[path] != original.get(path))
    assert all(f"{path}: fixed" in err for path in changed), err
    if changed:
        assert code == 1

    code = main(args)
    out, err = capsys.readouterr()
    goldens.expect(case.folder / "after.txt", masked(out), optional=True)
    # A ref the server does not have still reads as fixable in check mode (the check never
    # asks the network): only those may keep their [*].
    survivors = [line for line in out.splitlines() if "[*]" in line]
    assert all(any(ref in line for ref in unresolvable) for line in survivors), (
        f"a fixable finding survived --fix: {survivors}"
    )

    code = main(["--fix", *fill(case.fix_args), *args])
    out, err = capsys.readouterr()
    goldens.expect(case.folder / "fix-again-report.txt", masked(out), optional=True)
    assert snapshot(root) == fixed, "fixing twice is not fixing once"
    assert "fixed" not in err


def copy_input(case: Case, destination: Path) -> None:
    """The raw input tree (without the ruff canary), e.g. for a tool that reads it directly."""
    shutil.copytree(case.input, destination, dirs_exist_ok=True)
