"""Never damage a file: --fix writes atomically, keeps mode and owner, writes only changed
bytes, leaves the original intact on any failure, refuses read-only files and links that
leave the repository, never blocks on special files, and two processes can fix at once.

A test job (upper-cases the values of a YAML mapping, a SAFE fix) drives the real runner,
in process and in child processes (`python -m tests.test_reliability_writes --fix FILE...`).
"""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

import pytest

from supply_chain_hooks import edits, yaml_doc
from supply_chain_hooks.config import Config
from supply_chain_hooks.model import Applicability, Edit, Finding, Fix, FixAvailability, Rule
from supply_chain_hooks.runner import Hook, Job, Settings, hook_main, run_jobs
from supply_chain_hooks.workspace import Workspace
from tests.conftest import ROOT, write

RULE = Rule(
    "SCH097", "test-upper-value", "test-upper", "lowercase value", FixAvailability.ALWAYS, "doc"
)


def upper_job(same_text: bool = False) -> Job:
    """Finds lowercase values of a top-level YAML mapping; the SAFE fix upper-cases them
    (with same_text, the fix rewrites the value unchanged)."""

    def check(ws: Workspace, path: str) -> list[Finding]:
        source = ws.source(path)
        document = yaml_doc.parse(source)
        found = []
        for _, node in yaml_doc.items(document.root):
            value = yaml_doc.scalar(node)
            if value and value != value.upper():
                first, last = yaml_doc.scalar_value_span(source, node)
                content = source.text[first:last] if same_text else value.upper()
                fix = Fix("upper", (Edit(first, last, content),), Applicability.SAFE)
                found.append(Finding(RULE, path, source.location(first, last), "lower", fix))
        return found

    return Job(HOOK, check_file=check)


HOOK = Hook(
    id="test-upper",
    description="test hook: upper-case YAML values",
    load_rules=lambda: (RULE,),
    matches=lambda path: path.endswith(".yml"),
    build=lambda args, config: upper_job(),
    fixable=True,
)


def main(argv: Sequence[str] | None = None) -> int:
    return hook_main(HOOK, argv)


def _child(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The test hook in a real child process."""
    return subprocess.run(
        [sys.executable, "-m", "tests.test_reliability_writes", *args],
        cwd=cwd,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _env() -> dict[str, str]:
    """The environment for children: this repository importable as `tests`."""
    path = os.pathsep.join(filter(None, [os.environ.get("PYTHONPATH"), str(ROOT)]))
    return {**os.environ, "PYTHONPATH": path}


def _temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob(".sch-*"))


ORIGINAL = b"# keep\r\na: x  # comment\r\nb: 'y'\r\n"
FIXED = b"# keep\r\na: X  # comment\r\nb: 'Y'\r\n"


# -- failures between writing the temporary file and replacing the original -----------------


@pytest.mark.parametrize(
    ("target", "error"),
    [
        ("replace", OSError(errno.ENOSPC, "No space left on device")),
        ("fsync", OSError(errno.EIO, "Input/output error")),
        ("chmod", OSError(errno.EPERM, "Operation not permitted")),
        ("mkstemp", OSError(errno.EACCES, "Permission denied")),
    ],
)
def test_failure_before_replace_keeps_the_original(
    repo: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    target: str,
    error: OSError,
) -> None:
    path = write(repo, "f.yml", ORIGINAL)

    def fail(*args: object, **kwargs: object) -> None:
        raise error

    module = "tempfile" if target == "mkstemp" else "os"
    monkeypatch.setattr(f"{module}.{target}", fail)
    assert run_jobs([upper_job()], ["f.yml"], Settings(fix=True), Config()) == 1
    assert path.read_bytes() == ORIGINAL
    assert _temp_files(repo) == []
    out = capsys.readouterr().out
    assert f"f.yml:1:1: SCH001 cannot write: {error.strerror}\n" in out


def test_interrupt_before_replace_keeps_the_original_and_no_temp_file(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(repo, "f.yml", ORIGINAL)

    def interrupted(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    assert main(["--fix", "f.yml"]) == 130
    assert path.read_bytes() == ORIGINAL
    assert _temp_files(repo) == []
    assert "Interrupted" in capsys.readouterr().err


def test_killed_between_write_and_replace_leaves_the_original(repo: Path) -> None:
    """A child killed (SIGKILL) right before the rename: the original is intact; only the
    temporary file, which no cleanup can remove after a kill, is left."""
    path = write(repo, "f.yml", ORIGINAL)
    script = (
        "import os, signal, sys\n"
        "sys.path.insert(0, sys.argv[1])\n"
        "os.replace = lambda src, dst: os.kill(os.getpid(), signal.SIGKILL)\n"
        "from tests.test_reliability_writes import main\n"
        "main(['--fix', 'f.yml'])\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", script, str(ROOT)],
        cwd=repo,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == -9
    assert path.read_bytes() == ORIGINAL
    (temp,) = _temp_files(repo)
    assert (repo / temp).read_bytes() == FIXED


# -- writes happen only when bytes change, keep mode and owner ---------------------------------


def test_no_write_when_the_fix_changes_nothing(repo: Path) -> None:
    path = write(repo, "f.yml", ORIGINAL)
    before = path.stat()
    assert run_jobs([upper_job(same_text=True)], ["f.yml"], Settings(fix=True), Config()) == 1
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert _temp_files(repo) == []


def test_fix_keeps_mode_and_owner(repo: Path) -> None:
    path = write(repo, "f.yml", ORIGINAL)
    path.chmod(0o640)
    owner = (path.stat().st_uid, path.stat().st_gid)
    if os.geteuid() == 0:
        owner = (4321, 4321)  # root can give the file away: the fix must keep that owner
        os.chown(path, *owner)
    assert run_jobs([upper_job()], ["f.yml"], Settings(fix=True), Config()) == 1
    assert path.read_bytes() == FIXED
    info = path.stat()
    assert stat.S_IMODE(info.st_mode) == 0o640
    assert (info.st_uid, info.st_gid) == owner


# -- read-only files and folders -----------------------------------------------------------------


def test_read_only_file_is_not_written(repo: Path) -> None:
    path = write(repo, "f.yml", ORIGINAL)
    path.chmod(0o444)
    completed = _child("--fix", "f.yml", cwd=repo)
    assert completed.returncode == 1
    assert completed.stdout == (
        "f.yml:1:1: SCH001 cannot write: the file is read-only\nFound 1 problem.\n"
    )
    assert "Traceback" not in completed.stderr
    assert path.read_bytes() == ORIGINAL
    assert stat.S_IMODE(path.stat().st_mode) == 0o444
    assert _temp_files(repo) == []


def test_read_only_folder_is_a_clear_error(repo: Path) -> None:
    """A read-only folder: the temporary file cannot be created, so nothing is written.
    Root ignores folder permissions, so as root the child's mkstemp fails with the EACCES
    a user gets; as any other user the folder's real permissions do it."""
    folder = repo / "ro"
    path = write(repo, "ro/f.yml", ORIGINAL)
    folder.chmod(0o555)
    try:
        if os.geteuid() == 0:
            # root writes into read-only folders; make mkstemp see what a user would.
            script = (
                "import errno, sys, tempfile\n"
                "sys.path.insert(0, sys.argv[1])\n"
                "def denied(*a, **k):\n"
                "    raise PermissionError(errno.EACCES, 'Permission denied')\n"
                "tempfile.mkstemp = denied\n"
                "from tests.test_reliability_writes import main\n"
                "raise SystemExit(main(['--fix', 'ro/f.yml']))\n"
            )
            completed = subprocess.run(
                [sys.executable, "-c", script, str(ROOT)],
                cwd=repo,
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
            )
        else:
            completed = _child("--fix", "ro/f.yml", cwd=repo)
    finally:
        folder.chmod(0o755)
    assert completed.returncode == 1, completed.stderr
    assert completed.stdout == (
        "ro/f.yml:1:1: SCH001 cannot write: Permission denied\nFound 1 problem.\n"
    )
    assert "Traceback" not in completed.stderr
    assert path.read_bytes() == ORIGINAL
    assert _temp_files(repo) == []


# -- symbolic links ------------------------------------------------------------------------------


@pytest.fixture
def outside(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("outside")
    write(folder, "f.yml", ORIGINAL)
    return folder


@pytest.mark.parametrize("kind", ["absolute", "relative", "folder"])
def test_link_leaving_the_repository_is_never_written(repo: Path, outside: Path, kind: str) -> None:
    if kind == "absolute":
        (repo / "link.yml").symlink_to(outside / "f.yml")
        target = "link.yml"
    elif kind == "relative":
        (repo / "link.yml").symlink_to(os.path.relpath(outside / "f.yml", repo))
        target = "link.yml"
    else:
        (repo / "linked").symlink_to(outside, target_is_directory=True)
        target = "linked/f.yml"
    completed = _child("--fix", target, cwd=repo)
    assert completed.returncode == 1
    real = os.path.realpath(outside / "f.yml")
    assert completed.stdout == (
        f"{target}:1:1: SCH001 not written: it is a link to {real}, outside "
        f"{os.path.realpath(repo)}\nFound 1 problem.\n"
    )
    assert "Traceback" not in completed.stderr
    assert (outside / "f.yml").read_bytes() == ORIGINAL
    assert _temp_files(outside) == [] and _temp_files(repo) == []
    assert os.path.islink(repo / target.split("/")[0])


def test_file_outside_the_working_folder_is_written_when_named(
    repo: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A plain file named on the command line is fixed wherever it is (issue 13 item 11):
    in the same repository above the working folder, or in a folder of its own."""
    path = write(repo, "f.yml", ORIGINAL)
    (repo / "sub").mkdir()
    completed = _child("--fix", "../f.yml", cwd=repo / "sub")
    assert completed.returncode == 1
    assert completed.stderr == "../f.yml: fixed\n"
    assert path.read_bytes() == FIXED

    elsewhere = write(tmp_path_factory.mktemp("elsewhere"), "g.yml", ORIGINAL)
    completed = _child("--fix", str(elsewhere), cwd=repo)
    assert completed.returncode == 1
    assert completed.stderr == f"{elsewhere}: fixed\n"
    assert elsewhere.read_bytes() == FIXED


def test_a_named_link_outside_the_working_folder_still_may_not_leave_its_folder(
    repo: Path, outside: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("links")
    (folder / "link.yml").symlink_to(outside / "f.yml")
    completed = _child("--fix", str(folder / "link.yml"), cwd=repo)
    assert completed.returncode == 1
    assert "not written: it is a link to" in completed.stdout
    assert (outside / "f.yml").read_bytes() == ORIGINAL


def test_link_inside_the_repository_is_written_through_and_stays_a_link(repo: Path) -> None:
    """Decision: a link whose target is inside the repository is fixed in its target; the
    link itself stays a link (git tracks it as one). Given both, the target is fixed once."""
    target = write(repo, "real.yml", ORIGINAL)
    (repo / "link.yml").symlink_to("real.yml")
    completed = _child("--fix", "link.yml", cwd=repo)
    assert completed.returncode == 1
    assert completed.stderr == "link.yml: fixed\n"
    assert target.read_bytes() == FIXED
    assert os.readlink(repo / "link.yml") == "real.yml"

    target.write_bytes(ORIGINAL)
    completed = _child("--fix", "link.yml", "real.yml", cwd=repo)
    assert completed.returncode == 1
    assert target.read_bytes() == FIXED
    assert os.readlink(repo / "link.yml") == "real.yml"
    assert _temp_files(repo) == []


def test_dangling_link_is_reported_and_nothing_is_created(repo: Path) -> None:
    (repo / "link.yml").symlink_to("missing.yml")
    completed = _child("--fix", "link.yml", cwd=repo)
    assert completed.returncode == 1
    assert completed.stdout == "link.yml:1:1: SCH001 no such file\nFound 1 problem.\n"
    assert not (repo / "missing.yml").exists()


@pytest.mark.parametrize("kind", ["fifo", "stdin link"])
def test_special_files_never_block(repo: Path, kind: str) -> None:
    """A FIFO, or a link to /dev/stdin with a writer that never writes, used to block the
    run forever; they are reported as not regular files."""
    if kind == "fifo":
        os.mkfifo(repo / "f.yml")
    else:
        (repo / "f.yml").symlink_to("/dev/stdin")
    with subprocess.Popen(
        [sys.executable, "-m", "tests.test_reliability_writes", "--fix", "f.yml"],
        cwd=repo,
        env=_env(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as child:
        try:
            out, err = child.communicate(timeout=60)  # stdin stays open, never written
        finally:
            child.kill()
    assert child.returncode == 1, err
    assert (
        out == "f.yml:1:1: SCH001 not a regular file (a FIFO, socket or device)\nFound 1 problem.\n"
    )


# -- two fixers at once --------------------------------------------------------------------------


def _many(repo: Path, prefix: str, count: int) -> list[str]:
    names = [f"{prefix}{number:02d}.yml" for number in range(count)]
    for name in names:
        write(repo, name, ORIGINAL)
    return names


def test_two_processes_fixing_different_files_at_once(repo: Path) -> None:
    first, second = _many(repo, "a", 40), _many(repo, "b", 40)
    command = [sys.executable, "-m", "tests.test_reliability_writes", "--fix"]
    children = [
        subprocess.Popen(
            [*command, *names],
            cwd=repo,
            env=_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for names in (first, second)
    ]
    for child, names in zip(children, (first, second), strict=True):
        out, err = child.communicate(timeout=120)
        assert child.returncode == 1, err
        assert out == f"Fixed {len(names)} files; no problems left (1 hook, 40 files).\n"
        assert sorted(err.splitlines()) == sorted(f"{name}: fixed" for name in names)
    for name in first + second:
        assert (repo / name).read_bytes() == FIXED, name
    assert _temp_files(repo) == []


def test_two_runs_of_run_jobs_at_once(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first, second = _many(repo, "a", 40), _many(repo, "b", 40)
    codes: list[int] = []
    barrier = threading.Barrier(2)

    def run(names: list[str]) -> None:
        barrier.wait()
        codes.append(run_jobs([upper_job()], names, Settings(fix=True), Config()))

    threads = [threading.Thread(target=run, args=(names,)) for names in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert codes == [1, 1]
    for name in first + second:
        assert (repo / name).read_bytes() == FIXED, name
    assert _temp_files(repo) == []
    fixed = [line for line in capsys.readouterr().err.splitlines() if line.endswith(": fixed")]
    assert sorted(fixed) == sorted(f"{name}: fixed" for name in first + second)


def test_write_atomic_refuses_read_only_even_for_root(tmp_path: Path) -> None:
    path = tmp_path / "f.txt"
    path.write_bytes(b"old")
    path.chmod(0o400)
    with pytest.raises(edits.WriteError, match="the file is read-only"):
        edits.write_atomic(str(path), b"new")
    assert path.read_bytes() == b"old"


if __name__ == "__main__":
    raise SystemExit(main())
