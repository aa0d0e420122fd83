"""require-lock-hashes SCH215 (extra-index-without-hashes): a second index or find-links
location in a requirements file whose install is not fully hash-checked.

Every case runs the real hook's CLI. Where the extra index is seen is compared with pip's own
requirements-file reader (``req_file.parse_requirements`` updating a real ``PackageFinder``),
and the two facts the rule rests on are shown with real pip on local indexes: an extra index
wins with a higher version, and a hash-complete file refuses it.
"""

from __future__ import annotations

import hashlib
import optparse
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supply_chain_hooks.hooks.require_lock_hashes import main
from tests.conftest import git, write

HASH = "8abb2f1d86890a2dfb989f9a77cfcfd3e47c2a354b01111771326f8aa26e0254"
HASHED = f"six==1.16.0 --hash=sha256:{HASH}\n"


def _report(
    capsys: pytest.CaptureFixture[str], *paths: str, args: tuple[str, ...] = ()
) -> list[str]:
    """Run the hook on ``paths``; its report lines without the summary."""
    main([*args, *paths])
    return capsys.readouterr().out.splitlines()[:-1]


def _sch215(capsys: pytest.CaptureFixture[str], *paths: str) -> list[str]:
    """``path:line:col`` of each SCH215 finding."""
    return [line.split(": ")[0] for line in _report(capsys, *paths) if " SCH215 " in line]


# -- the forms pip reads ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("--extra-index-url https://a.example/simple\nsix==1.16.0\n", ["requirements.txt:1:1"]),
        ("--extra-index-url=https://a.example/simple\nsix==1.16.0\n", ["requirements.txt:1:1"]),
        ("--extra-index https://a.example/simple\nsix==1.16.0\n", ["requirements.txt:1:1"]),
        (
            "--extra-index-url \\\n    https://a.example/simple\nsix==1.16.0\n",
            ["requirements.txt:1:1"],
        ),
        (
            "  --extra-index-url https://a.example/simple  # private\nsix==1.16.0\n",
            ["requirements.txt:1:3"],
        ),
        (
            "six==1.16.0\n--pre --extra-index-url https://a.example/simple\n",
            ["requirements.txt:2:7"],
        ),
        ("-f https://a.example/links\nsix==1.16.0\n", ["requirements.txt:1:1"]),
        ("--find-links=./wheels\nsix==1.16.0\n", ["requirements.txt:1:1"]),
        ("--find-links ./wheels\r\nsix==1.16.0\r\n", ["requirements.txt:1:1"]),
        # Two on one line: each extra index counts, only the first --find-links does.
        (
            "--extra-index-url https://a.example --extra-index-url https://b.example\nsix==1.16.0\n",
            ["requirements.txt:1:1", "requirements.txt:1:37"],
        ),
        ("-f https://a.example -f https://b.example\nsix==1.16.0\n", ["requirements.txt:1:1"]),
    ],
    ids=[
        "space",
        "equals",
        "abbreviation",
        "continuation",
        "indented-with-comment",
        "after-another-option",
        "find-links-url",
        "find-links-local-equals",
        "find-links-crlf",
        "two-extra-indexes",
        "second-find-links-ignored",
    ],
)
def test_every_form_pip_reads_is_reported(
    repo: Path, capsys: pytest.CaptureFixture[str], text: str, expected: list[str]
) -> None:
    write(repo, "requirements.txt", text)
    assert _sch215(capsys, "requirements.txt") == expected


@pytest.mark.parametrize(
    "text",
    [
        # pip parses these options on a requirement, -e, -r or -c line and drops them.
        "six==1.16.0 --extra-index-url https://a.example/simple\n",
        "-e ./pkg --extra-index-url https://a.example/simple\nsix==1.16.0\n",
        "-r other.txt --extra-index-url https://a.example/simple\n",
        "-c other.txt --find-links https://a.example/links\nsix==1.16.0\n",
        # Only comments.
        "# --extra-index-url https://a.example/simple\nsix==1.16.0\n",
        "six==1.16.0  # --extra-index-url https://a.example/simple\n",
        # One index replaces PyPI: no second source.
        "--index-url https://a.example/simple\nsix==1.16.0\n",
        "-i https://a.example/simple\nsix==1.16.0\n",
        # --no-index anywhere: pip reads no index at all, only the links the file names.
        "--no-index\n--extra-index-url https://a.example/simple\n-f ./wheels\nsix==1.16.0\n",
        "--extra-index-url https://a.example/simple\n-f ./wheels\n--no-index\nsix==1.16.0\n",
        "--extra-index-url https://a.example/simple --no-index\nsix==1.16.0\n",
        # A line pip cannot parse makes it refuse the file (SCH213 reports it).
        "--extra-index-url https://a.example/simple --bogus\nsix==1.16.0\n",
    ],
    ids=[
        "on-requirement-line",
        "on-editable-line",
        "on-include-line",
        "on-constraint-include-line",
        "comment-line",
        "trailing-comment",
        "index-url",
        "index-url-short",
        "no-index-before",
        "no-index-after",
        "no-index-same-line",
        "unparsable-line",
    ],
)
def test_options_pip_does_not_apply_are_not_reported(
    repo: Path, capsys: pytest.CaptureFixture[str], text: str
) -> None:
    write(repo, "other.txt", "attrs==23.1.0\n")
    write(repo, "requirements.txt", text)
    assert _sch215(capsys, "requirements.txt") == []


# -- when the install is hash-checked ----------------------------------------------------------


def test_hash_complete_file_is_not_reported(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(
        repo,
        "requirements.txt",
        f"--extra-index-url https://download.pytorch.org/whl/cpu\n-f ./wheels\n{HASHED}",
    )
    assert _report(capsys, "requirements.txt") == []


@pytest.mark.parametrize(
    ("text", "why"),
    [
        (
            f"--extra-index-url https://a.example\n{HASHED}attrs==23.1.0\n",
            "`attrs==23.1.0` has no hash",
        ),
        (
            f"--extra-index-url https://a.example\na==1\n{HASHED}b==2\nc==3\n",
            "`a==1` and 2 more requirements have no hash",
        ),
        (f"--extra-index-url https://a.example\n-e ./pkg\n{HASHED}", "`-e ./pkg` has no hash"),
        (
            f"--extra-index-url https://a.example\n--no-require-hashes\n{HASHED}",
            "`--no-require-hashes` in requirements.txt turns hash checking off",
        ),
        (
            f"--extra-index-url https://a.example\n-r https://example.com/r.txt\n{HASHED}",
            "an include cannot be checked for hashes",
        ),
        (
            f"--extra-index-url https://a.example\n-r missing.txt\n{HASHED}",
            "an include cannot be checked for hashes",
        ),
        ("--extra-index-url https://a.example\n", "nothing in the file turns on hash checking"),
    ],
    ids=[
        "one-unhashed",
        "several-unhashed",
        "editable",
        "no-require-hashes",
        "url-include",
        "missing-include",
        "installs-nothing",
    ],
)
def test_message_says_why_the_install_is_not_hash_checked(
    repo: Path, capsys: pytest.CaptureFixture[str], text: str, why: str
) -> None:
    write(repo, "requirements.txt", text)
    (finding,) = [line for line in _report(capsys, "requirements.txt") if " SCH215 " in line]
    assert finding == (
        "requirements.txt:1:1: SCH215 `--extra-index-url` lets a package of the same name on "
        f"either index win (dependency confusion), and {why}"
    )


def test_option_only_file_with_require_hashes_passes(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # pip's hash-checking mode then covers every install that reads this file.
    write(repo, "index-requirements.txt", "--require-hashes\n--extra-index-url https://a.example\n")
    assert _report(capsys, "index-requirements.txt") == []


def test_constraints_need_no_hash_but_install_nothing(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A constraints file's index options apply to the install (pip, not uv); checked on its
    # own it installs nothing, so the index is reported.
    write(repo, "constraints.txt", "--extra-index-url https://a.example\nsix==1.16.0\n")
    assert _report(capsys, "constraints.txt") == [
        (
            "constraints.txt:1:1: SCH215 `--extra-index-url` lets a package of the same name on "
            "either index win (dependency confusion), and nothing in the file turns on hash "
            "checking"
        )
    ]


# -- includes: reported where written, judged with the whole tree ------------------------------


def test_included_file_is_reported_where_the_option_is_written(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(repo, "requirements.txt", "-r base.in\n-c pins.in\n")
    write(repo, "base.in", "six==1.16.0\n")
    write(repo, "pins.in", "attrs==23.1.0\n--find-links https://a.example/links\n")
    assert _report(capsys, "requirements.txt") == [
        "base.in:1:1: SCH201 `six==1.16.0` has no --hash",
        (
            "pins.in:2:1: SCH215 `--find-links` lets a package of the same name there or on the "
            "index win (dependency confusion), and `six==1.16.0` (in base.in) has no hash"
        ),
    ]


def test_hashed_tree_covers_its_option_only_include(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(repo, "requirements.txt", f"-r index.in\n{HASHED}")
    write(repo, "index.in", "--extra-index-url https://a.example\n")
    assert _report(capsys, "requirements.txt") == []


def test_no_index_in_an_include_covers_the_tree(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(repo, "requirements.txt", "--find-links ./wheels\n-r offline.in\nsix==1.16.0\n")
    write(repo, "offline.in", "--no-index\n")
    assert _sch215(capsys, "requirements.txt") == []


def test_included_requirements_file_is_reported_once_when_checked_itself(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # requirements/base.txt matches `files:`: its findings come from its own check.
    write(repo, "requirements.txt", "-r requirements/base.txt\nsix==1.16.0\n")
    write(repo, "requirements/base.txt", "--extra-index-url https://a.example\nattrs==23.1.0\n")
    assert _sch215(capsys, "requirements.txt", "requirements/base.txt") == [
        "requirements/base.txt:1:1"
    ]


def test_inline_suppression_and_baseline(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from supply_chain_hooks.cli import main as cli

    write(
        repo,
        "requirements.txt",
        "--extra-index-url https://a.example  # supply-chain-hooks: ignore[extra-index-without-hashes] internal mirror\n"
        "--extra-index-url https://b.example\nsix==1.16.0 --hash=sha256:" + HASH + "\nattrs==1\n",
    )
    lines = _report(capsys, "requirements.txt")
    assert [line.split(": ")[0] for line in lines if " SCH215 " in line] == ["requirements.txt:2:1"]
    git("add", ".", cwd=repo)
    assert cli(["baseline"]) == 0
    capsys.readouterr()
    assert _report(capsys, "requirements.txt") == []


# -- pip's own reader sees the index where we report it ----------------------------------------

_FINDER_SESSION: object = None


def _pip_sources(root: Path) -> list[str] | None:
    """The extra indexes and find-links URLs pip's reader leaves in a real PackageFinder after
    reading ``root`` (none when it sets --no-index); None when pip refuses the file."""
    from pip._internal.exceptions import InstallationError
    from pip._internal.index.collector import LinkCollector
    from pip._internal.index.package_finder import PackageFinder
    from pip._internal.models.search_scope import SearchScope
    from pip._internal.models.selection_prefs import SelectionPreferences
    from pip._internal.network.session import PipSession
    from pip._internal.req.req_file import parse_requirements

    global _FINDER_SESSION
    if _FINDER_SESSION is None:
        _FINDER_SESSION = PipSession()
    session = _FINDER_SESSION
    assert isinstance(session, PipSession)
    scope = SearchScope.create([], ["https://pypi.org/simple"], False)
    finder = PackageFinder.create(
        LinkCollector(session, scope), SelectionPreferences(allow_yanked=False)
    )
    options = optparse.Values(
        {"require_hashes": False, "no_require_hashes": False, "features_enabled": []}
    )
    try:
        for _ in parse_requirements(str(root), session, finder=finder, options=options):
            pass
    except InstallationError:
        return None
    if finder.search_scope.no_index:
        return []
    return [*finder.index_urls[1:], *finder.find_links]


#: {n} is replaced by a fresh number per use; the URL carries it, so a URL pip keeps names
#: the line it came from.
_OPTION_LINES = [
    "--extra-index-url https://i.example/{n}",
    "--extra-index-url=https://i.example/{n}",
    "--extra-index https://i.example/{n}",
    "--extra-index-url \\\n    https://i.example/{n}",
    "-f https://f.example/{n}",
    "--find-links=https://f.example/{n}",
    "-f https://f.example/{n} -f https://f.example/{n}",
    "--pre --extra-index-url https://i.example/{n}",
    "--extra-index-url https://i.example/{n}  # comment",
    "six==1.0 --extra-index-url https://i.example/{n}",
    "-e ./pkg --extra-index-url https://i.example/{n}",
    "# --extra-index-url https://i.example/{n}",
    "--no-index",
    "attrs==1.0",
    "--only-binary :all:",
]
_URL = re.compile(r"https://[if]\.example/(\d+)")


def _file_text(choices: list[int], counter: list[int], first: int) -> tuple[str, dict[str, int]]:
    """The lines ``choices`` pick, starting at line ``first``, and the line of each number."""
    lines, where, number = [], {}, first
    for choice in choices:
        template = _OPTION_LINES[choice]
        while "{n}" in template:
            counter[0] += 1
            template = template.replace("{n}", str(counter[0]), 1)
            where[str(counter[0])] = number  # the option's line, also for a continuation
        lines.append(template)
        number += template.count("\n") + 1
    return "".join(line + "\n" for line in lines), where


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    root=st.lists(st.integers(0, len(_OPTION_LINES) - 1), max_size=6),
    included=st.lists(st.integers(0, len(_OPTION_LINES) - 1), max_size=4),
    how=st.sampled_from(["-r", "-c", None]),
)
def test_pip_sees_the_extra_sources_where_they_are_reported(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    root: list[int],
    included: list[int],
    how: str | None,
) -> None:
    folder = tmp_path / f"case{len(list(tmp_path.iterdir()))}"
    folder.mkdir()
    monkeypatch.chdir(folder)
    counter = [0]
    head = f"{how} included.in\n" if how else ""
    root_text, root_where = _file_text(root, counter, 2 if how else 1)
    # `unhashed` keeps the install from being hash-checked, so every extra source counts.
    write(folder, "requirements.txt", head + root_text + "unhashed==1.0\n")
    included_text, included_where = _file_text(included, counter, 1)
    write(folder, "included.in", included_text)
    seen = _pip_sources(folder / "requirements.txt")
    ours = [":".join(found.split(":")[:2]) for found in _sch215(capsys, "requirements.txt")]
    if seen is None:
        return  # pip refuses the file (e.g. `-e ./pkg`): other rules report why
    expected = []
    for url in seen:
        match = _URL.search(url)
        assert match is not None, url
        number = match.group(1)
        if number in root_where:
            expected.append(f"requirements.txt:{root_where[number]}")
        elif how:
            expected.append(f"included.in:{included_where[number]}")
    assert sorted(ours) == sorted(expected)


# -- the facts, with real pip on local indexes -------------------------------------------------


def _wheel(folder: Path, name: str, version: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}-{version}-py3-none-any.whl"
    info = f"{name}-{version}.dist-info"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(f"{name}/__init__.py", "")
        archive.writestr(
            f"{info}/METADATA", f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"
        )
        archive.writestr(
            f"{info}/WHEEL",
            "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
        )
        archive.writestr(f"{info}/RECORD", "")
    return path


def _index(root: Path, name: str, version: str) -> tuple[str, str]:
    """A PEP 503 index in a folder serving one wheel: (its file URL, the wheel's sha256)."""
    wheel = _wheel(root / "files", name, version)
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    page = root / "simple" / name.replace("_", "-") / "index.html"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(f'<a href="{wheel.as_uri()}#sha256={digest}">{wheel.name}</a>\n')
    return (root / "simple").as_uri(), digest


def _pip_install(requirements: Path, index: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--dry-run",
            "--ignore-installed",
            "--no-deps",
            "--disable-pip-version-check",
            "--index-url",
            index,
            "-r",
            str(requirements),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "PIP_CONFIG_FILE": os.devnull},
    )


def test_pip_takes_the_higher_version_from_the_extra_index_unless_hashed(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    private, good = _index(repo / "private", "internal_lib", "1.0")
    public, _ = _index(repo / "public", "internal_lib", "99.0")  # the attacker's upload
    write(repo, "requirements.txt", f"--extra-index-url {public}\ninternal-lib==1.0\n")
    write(repo, "loose-requirements.txt", f"--extra-index-url {public}\ninternal-lib\n")
    write(
        repo,
        "hashed-requirements.txt",
        f"--extra-index-url {public}\ninternal-lib --hash=sha256:{good}\n",
    )

    confused = _pip_install(repo / "loose-requirements.txt", private)
    assert confused.returncode == 0, confused.stderr
    assert "Would install internal_lib-99.0" in confused.stdout.replace(
        "internal-lib", "internal_lib"
    )
    hashed = _pip_install(repo / "hashed-requirements.txt", private)
    assert hashed.returncode == 0, hashed.stderr
    assert "Would install internal_lib-1.0" in hashed.stdout.replace("internal-lib", "internal_lib")

    reported = _sch215(
        capsys, "requirements.txt", "loose-requirements.txt", "hashed-requirements.txt"
    )
    assert reported == ["loose-requirements.txt:1:1", "requirements.txt:1:1"]
