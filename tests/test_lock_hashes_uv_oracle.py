"""Differential test: our verdict on requirements files against uv's static checks.

uv is run offline with nothing to install from:

    uv pip install --no-config --dry-run --offline --no-index --require-hashes --target T -r F

Exit code 2 means a static violation (missing or malformed hash, unpinned, unhashable
requirement, parse error); exit code 1 means the static checks passed and resolution then
failed for lack of packages. Generated files stay inside the domain where the two tools
mean the same thing; the deliberate differences are pinned down in their own test.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from supply_chain_hooks.hooks.require_lock_hashes import Options, check
from supply_chain_hooks.workspace import Workspace
from tests.conftest import oracle


@pytest.fixture(autouse=True, scope="module")
def _uv() -> None:
    """Every test here needs the real uv (skipped without it, failed under CI=true)."""
    oracle("uv")


H256 = "09abb1bccd265c01f4a3aa3f7a7db064b36514d2cba19a2f694fe6150451a759"
H384 = "5a" * 48
H512 = "c3" * 64
#: Codes whose findings uv also rejects statically (in the generated domain).
STATIC = {
    "SCH201",
    "SCH202",
    "SCH203",
    "SCH204",
    "SCH205",
    "SCH206",
    "SCH207",
    "SCH208",
    "SCH209",
    "SCH213",
}

_STRONG = [f"sha256:{H256}", f"sha384:{H384}", f"sha512:{H512}", f"sha256:{H256.upper()}"]
_BAD = [
    f"sha256:{H256[:40]}",
    "sha256:" + "z" * 64,
    "sha256:",
    f"SHA256:{H256}",
    H256,
    "sha1:" + "0" * 40,
    "sha224:" + "0" * 56,
]
_PINS = ["==1.0", "===1.0", "==1.0+local", "==1.0.post1"]
_SPECS = [
    "==1.0",
    "===1.0",
    "==1.0+local",
    "==1.0.post1",
    ">=1.0",
    "==1.*",
    "==1.0,<2",
    "",
    "~=1.0",
    "!=1.0",
]


@st.composite
def requirement_lines(draw: st.DrawFn, index: int) -> list[str]:
    kind = draw(
        st.sampled_from(["named"] * 12 + ["archive"] * 2 + ["editable", "directory", "vcs"])
    )
    name = f"pkg{index}"
    if kind == "editable":
        return [f"-e ./{name}"]
    if kind == "directory":
        return [f"./{name}"]
    if kind == "vcs":
        return [f"{name} @ git+https://github.com/example/{name}@{'8' * 40}"]
    shape = draw(st.integers(min_value=0, max_value=9))
    if shape < 6:  # the common, valid case: one to three strong hashes
        hashes = draw(st.lists(st.sampled_from(_STRONG), min_size=1, max_size=3))
    elif shape < 8:
        hashes = [draw(st.sampled_from(["md5:" + "0" * 32, *_BAD]))]
    else:
        hashes = draw(st.lists(st.sampled_from(_STRONG + _BAD), max_size=3))
    if kind == "archive":
        head = f"{name} @ https://files.example.com/{name}-1.0.tar.gz"
    else:
        extras = draw(st.sampled_from(["", "[extra]"]))
        marker = draw(st.sampled_from(["", ' ; python_version >= "3"']))
        spec = draw(
            st.sampled_from(_PINS) if draw(st.integers(0, 9)) < 8 else st.sampled_from(_SPECS)
        )
        head = f"{name}{extras}{spec}{marker}"
    options = [f"--hash={value}" for value in hashes]
    if draw(st.booleans()) and options:
        lines = [head + " \\"]
        lines += [f"    {option} \\" for option in options[:-1]]
        lines += [f"    {options[-1]}"]
    else:
        lines = [" ".join([head, *options])]
    if draw(st.booleans()):
        lines.append("    # via -r requirements.in")
    return lines


@st.composite
def requirements_files(draw: st.DrawFn) -> str:
    count = draw(st.integers(min_value=1, max_value=3))
    lines = []
    for index in range(count):
        lines += draw(requirement_lines(index))
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def uv_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One empty config and one cache for every uv run (interpreter facts are cached)."""
    return tmp_path_factory.mktemp("uv-home")


def uv_verdict(path: Path, home: Path) -> tuple[bool, str]:
    """(violation, first error line) from uv's static checks."""
    env = {
        **os.environ,
        "XDG_CONFIG_HOME": str(home / "config"),
        "UV_CACHE_DIR": str(home / "cache"),
        "NO_COLOR": "1",
    }
    result = subprocess.run(
        [
            oracle("uv"),
            "pip",
            "install",
            "--no-config",
            "--dry-run",
            "--offline",
            "--no-index",
            "--require-hashes",
            "--python",
            sys.executable,
            "--target",
            str(path.parent / "target"),
            "-r",
            str(path),
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=path.parent,
        timeout=120,
        check=False,
    )
    error = next((line for line in result.stderr.splitlines() if "error" in line), "")
    # 0: nothing to install (e.g. every line's marker is false here), 1: static checks passed
    assert result.returncode in (0, 1, 2), result.stderr
    # uv really ran: it names the interpreter it checked for, or the violation it found.
    assert error if result.returncode == 2 else "interpreter at:" in result.stderr, result.stderr
    return result.returncode == 2, error


def our_verdict(path: Path) -> tuple[bool, list[str]]:
    findings = check(Workspace(str(path.parent)), str(path), Options())
    codes = sorted({finding.rule.code for finding in findings})
    return any(code in STATIC for code in codes), codes


#: Each static rule's positive case (and a clean file), run in every default run: the
#: generator draws some of them only rarely (an unhashed archive URL about once in 600).
POSITIVE_CASES = [
    "pkg0 @ https://files.example.com/pkg0-1.0.tar.gz\n",  # SCH201, an archive URL
    "pkg0==1.0\n",  # SCH201
    f"pkg0==1.0 --hash=md5:{'0' * 32}\n",  # SCH202
    f"pkg0==1.0 --hash=sha256:{H256[:40]}\n",  # SCH203
    f"pkg0>=1.0 --hash=sha256:{H256}\n",  # SCH204
    "-e ./pkg0\n",  # SCH205
    f"pkg0 @ git+https://github.com/example/pkg0@{'8' * 40}\n",  # SCH206
    "./pkg0\n",  # SCH207
    f"pkg0 @ https://files.example.com/pkg0-1.0.tar.gz --hash=sha256:{H256}\n",  # clean
]


def _with_positive_cases(test: Callable[..., None]) -> Callable[..., None]:
    for text in reversed(POSITIVE_CASES):
        test = example(text=text)(test)
    return test


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@_with_positive_cases
@given(requirements_files())
def test_verdict_agrees_with_uv(
    tmp_path_factory: pytest.TempPathFactory, uv_home: Path, text: str
) -> None:
    work = tmp_path_factory.mktemp("uv")
    path = work / "requirements.txt"
    path.write_text(text)
    theirs, error = uv_verdict(path, uv_home)
    ours, codes = our_verdict(path)
    assert ours == theirs, f"uv: {error!r}; ours: {codes}\n{text}"


@pytest.mark.parametrize(
    ("text", "uv_rejects", "codes"),
    [
        # uv accepts md5 next to sha256 here; pip 26.3 refuses the whole file (any --hash=md5).
        (f"a==1.0 --hash=md5:{'0' * 32} --hash=sha256:{H256}\n", False, ["SCH202"]),
        # uv's blake2b is blake2b-256; pip does not know it, so the file is not portable.
        (f"a==1.0 --hash=blake2b:{H256}\n", False, ["SCH202"]),
        # uv splits on tabs, pip does not: the same line means two things.
        (f"a==1.0\t--hash=sha256:{H256}\n", False, ["SCH213"]),
        # uv skips lines whose markers are false here; the line is unhashed everywhere else.
        ('a==1.0 ; python_version < "3.0"\n', False, ["SCH201"]),
        # uv refuses these, and so do we (with the reason pip would give).
        (f"--no-require-hashes\na==1.0 --hash=sha256:{H256}\n", True, ["SCH210"]),
        (f"--hash=sha256:{H256} a==1.0\n", True, ["SCH208"]),
    ],
)
def test_known_differences_from_uv(
    tmp_path: Path, uv_home: Path, text: str, uv_rejects: bool, codes: list[str]
) -> None:
    path = tmp_path / "requirements.txt"
    path.write_text(text)
    assert uv_verdict(path, uv_home)[0] is uv_rejects
    assert our_verdict(path)[1] == codes
