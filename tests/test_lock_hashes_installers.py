"""require-lock-hashes against the real installers: encodings, constraints, weak hashes,
environment variables and the lines pip and uv refuse or read differently.

Each case is judged by real pip 26.3 and uv (next to the running interpreter): a local
wheel built here is "installed" with ``--dry-run``, so what the installer accepts is
observed, not assumed, and the hook's verdict must match it.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from supply_chain_hooks.deps.encoding import reader
from supply_chain_hooks.deps.lines import parse
from supply_chain_hooks.hooks.require_lock_hashes import main
from supply_chain_hooks.source import InputError, read
from tests.conftest import write

UV = Path(sys.executable).parent / "uv"
ZERO = "0" * 64


def _wheel(root: Path, name: str = "demo", version: str = "1.0") -> tuple[str, str]:
    """A minimal valid wheel: (file URL, sha256)."""
    path = root / f"{name}-{version}-py3-none-any.whl"
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
    return path.as_uri(), hashlib.sha256(path.read_bytes()).hexdigest()


def _pip(
    path: Path, *extra: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--dry-run",
            "--no-deps",
            "--no-index",
            "--ignore-installed",
            "--disable-pip-version-check",
            *extra,
            "-r",
            str(path),
        ],
        capture_output=True,
        text=True,
        cwd=path.parent,
        timeout=120,
        check=False,
        env={**os.environ, **(env or {})},
    )


def _uv(path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """Install for real (uv checks hashes when it installs) into a target inside tmp."""
    home = path.parent / ".uvhome"
    env = {**os.environ, "UV_CACHE_DIR": str(home / "cache"), "XDG_CONFIG_HOME": str(home)}
    return subprocess.run(
        [
            str(UV),
            "pip",
            "install",
            "--no-config",
            "--offline",
            "--no-index",
            "--no-deps",
            "--require-hashes",
            "--python",
            sys.executable,
            "--target",
            str(home / "target"),
            *extra,
            "-r",
            str(path),
        ],
        capture_output=True,
        text=True,
        cwd=path.parent,
        timeout=120,
        check=False,
        env=env,
    )


def _codes(capsys: pytest.CaptureFixture[str]) -> list[str]:
    lines = capsys.readouterr().out.splitlines()[:-1]
    return [" ".join(line.split(" ")[:2]) for line in lines]


# -- encodings: pip's auto-decoding ------------------------------------------------------------

_TEXTS = {
    "plain": "a==1.0 --hash=sha256:{h}\n# café\nb==2.0\n",
    "crlf": "a==1.0 \\\r\n    --hash=sha256:{h}\r\nb==2.0\r\n",
}
_ENCODINGS = [
    ("utf-8-sig", b""),
    ("utf-16-le", b"\xff\xfe"),
    ("utf-16-be", b"\xfe\xff"),
    ("utf-32-le", b"\xff\xfe\x00\x00"),
    ("utf-32-be", b"\x00\x00\xfe\xff"),
    ("utf-16-le", b""),  # no mark: NUL bytes that are valid UTF-8, read as such by pip
]


def _pip_lines(path: Path) -> list[tuple[int, str, list[str]]] | str:
    from pip._internal.req.req_file import RequirementsFileParser, get_line_parser

    parser = RequirementsFileParser(None, get_line_parser(None))  # type: ignore[arg-type]
    try:
        return [
            (
                line.lineno,
                line.args,
                sorted(f"{a}:{d}" for a, ds in (line.opts.hashes or {}).items() for d in ds),
            )
            for line in parser._parse_file(str(path), False)
        ]
    except Exception as error:  # noqa: BLE001  # pip's own error: the file cannot be read
        return f"error: {type(error).__name__}"


def _our_lines(path: Path) -> list[tuple[int, str, list[str]]] | str:
    try:
        source = reader(read, {})(str(path))
    except InputError:
        return "error"
    return [
        (line.number, line.requirement, sorted(line.values("--hash")))
        for line in parse(source).lines
    ]


def _cases() -> list[tuple[str, bytes]]:
    cases = []
    for name, text in _TEXTS.items():
        for encoding, bom in _ENCODINGS:
            cases.append(
                (f"{name}-{encoding}-{bool(bom)}", bom + text.format(h=ZERO).encode(encoding))
            )
    cases += [
        ("coding-latin-1", "# -*- coding: latin-1 -*-\n# caf\xe9\na==1.0\n".encode("latin-1")),
        (
            "coding-second-line",
            "#!x\n# vim: set fileencoding=cp1252 :\na==1.0 # \u20ac\n".encode("cp1252"),
        ),
        ("coding-third-line-ignored", b"#\n#\n# coding: latin-1\na==1.0\n"),
        (
            "coding-utf-7",
            f"# -*- coding: utf-7 -*-\na==1.0 #x=+AAo- --hash=sha256:{ZERO}\n".encode(),
        ),
        ("coding-unknown", b"# coding: klingon\na==1.0\n"),
        ("coding-wrong", b"# coding: ascii\na==1.0 # \xc3\xa9\n"),
        ("coding-after-bom", b"\xef\xbb\xbf# coding: latin-1\na==1.0 # \xc3\xa9\n"),
        ("coding-not-a-comment", b"a==1.0 ; coding: latin-1\nb==1.0\n"),
        ("nul-in-utf-8", b"a==1.0\x00\nb==1.0\n"),
    ]
    return cases


@pytest.mark.parametrize(("name", "data"), _cases(), ids=[name for name, _ in _cases()])
def test_decoding_agrees_with_pips_parser(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / "requirements.txt"
    path.write_bytes(data)
    theirs = _pip_lines(path)
    ours = _our_lines(path)
    if isinstance(theirs, str):
        assert ours == "error", (name, theirs)
    else:
        assert ours == theirs, name


def test_utf16_file_with_hashes_passes_and_pip_installs_it(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url, digest = _wheel(repo)
    text = f"# pip freeze > requirements.txt, by PowerShell\r\ndemo @ {url} \\\r\n    --hash=sha256:{digest}\r\n"
    path = write(repo, "requirements.txt", b"\xff\xfe" + text.encode("utf-16-le"))
    result = _pip(path, "--require-hashes")
    assert result.returncode == 0 and "Would install demo-1.0" in result.stdout, result.stderr
    assert _uv(path).returncode == 0  # uv reads UTF-16 by its mark too
    assert main(["requirements.txt"]) == 0, capsys.readouterr().out
    capsys.readouterr()
    # Unhashed pins in the same encoding get the normal findings, at their lines.
    path.write_bytes(
        b"\xff\xfe" + "# frozen\r\nsix==1.16.0\r\nattrs==23.1.0\r\n".encode("utf-16-le")
    )
    assert main(["requirements.txt"]) == 1
    assert _codes(capsys) == ["requirements.txt:2:1: SCH201", "requirements.txt:3:1: SCH201"]


def test_utf7_coding_line_that_pip_and_uv_read_differently(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url, _ = _wheel(repo, "evil")
    # `+AAo-` is a line break in UTF-7: pip cuts the --hash off the requirement.
    text = f"# -*- coding: utf-7 -*-\nevil @ {url}#x=+AAo- --hash=sha256:{ZERO}\n"
    path = write(repo, "requirements.txt", text)
    pip = _pip(path)
    assert pip.returncode == 0 and "Would install evil-1.0" in pip.stdout, pip.stderr
    uv = _uv(path)
    assert uv.returncode != 0 and "Hash mismatch" in uv.stderr, uv.stderr
    assert main(["requirements.txt"]) == 1
    assert _codes(capsys) == [
        "requirements.txt:1:1: SCH213",  # pip decodes as utf-7, uv as UTF-8
        "requirements.txt:2:1: SCH201",  # pip's reading: the requirement has no hash
        "requirements.txt:3:2: SCH208",  # and the hash stands alone
    ]


def test_coding_line_that_changes_nothing_is_not_reported(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        repo, "requirements.txt", f"# -*- coding: latin-1 -*-\nsix==1.16.0 --hash=sha256:{ZERO}\n"
    )
    assert main(["requirements.txt"]) == 0, capsys.readouterr().out


# -- constraints ---------------------------------------------------------------------------------


def test_constraints_need_no_pins_or_hashes_but_their_hashes_must_be_strong(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url, digest = _wheel(repo)
    write(repo, "requirements.txt", f"-c constraints.txt\ndemo @ {url} --hash=sha256:{digest}\n")
    write(repo, "constraints.txt", "urllib3<3\nsix==1.16.0\ndemo\n")
    # pip's judgement: unhashed ranges in a constraints file do not fail hash checking.
    result = _pip(repo / "requirements.txt", "--require-hashes")
    assert result.returncode == 0, result.stderr
    assert main(["requirements.txt", "constraints.txt"]) == 0, capsys.readouterr().out
    write(repo, "test-constraints.txt", "attrs>=23\n")
    assert main(["test-constraints.txt"]) == 0, capsys.readouterr().out
    capsys.readouterr()
    # A hash that is there is still held to the same standard.
    bad = f"six==1.16.0 --hash=md5:{'0' * 32}\nattrs==23.1 --hash=sha256:abc\n"
    write(repo, "constraints.txt", bad)
    assert main(["requirements.txt", "constraints.txt"]) == 1
    assert _codes(capsys) == ["constraints.txt:1:1: SCH202", "constraints.txt:2:1: SCH203"]
    # Reached through -c under a name the hook does not check itself: from the includer.
    write(repo, "requirements.txt", f"-c pins.in\ndemo @ {url} --hash=sha256:{digest}\n")
    write(repo, "pins.in", "urllib3<3\n" + bad)
    assert main(["requirements.txt"]) == 1
    assert _codes(capsys) == ["pins.in:2:1: SCH202", "pins.in:3:1: SCH203"]


# -- weak hashes: pip refuses the whole file ---------------------------------------------------------


@pytest.mark.parametrize("weak", ["md5", "sha1", "sha224", "blake2b"])
def test_weak_hash_next_to_a_strong_one_makes_pip_refuse_the_file(
    repo: Path, capsys: pytest.CaptureFixture[str], weak: str
) -> None:
    url, digest = _wheel(repo)
    weak_digest = hashlib.new(weak, (repo / url.rsplit("/", 1)[1]).read_bytes()).hexdigest()
    path = write(
        repo,
        "requirements.txt",
        f"demo @ {url} --hash={weak}:{weak_digest} --hash=sha256:{digest}\n",
    )
    result = _pip(path)
    assert result.returncode != 0 and "Allowed hash algorithms for --hash" in result.stderr
    assert main(["requirements.txt"]) == 1
    out = capsys.readouterr().out
    assert f"SCH202 `--hash={weak}:" in out and "pip refuses the whole file" in out


def test_weak_fragment_hash_is_what_pip_checks(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url, _ = _wheel(repo)
    md5 = hashlib.md5((repo / url.rsplit("/", 1)[1]).read_bytes()).hexdigest()  # noqa: S324
    path = write(repo, "requirements.txt", f"demo @ {url}#md5={md5}\n")
    assert _pip(path, "--require-hashes").returncode == 0  # md5 satisfies pip alone
    assert main(["requirements.txt"]) == 1
    assert "pip accepts it as the only hash" in capsys.readouterr().out


# -- ${VAR} anywhere on a line ---------------------------------------------------------------------


def test_variable_after_the_options_decides_the_hash(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url, digest = _wheel(repo, "evil")
    path = write(repo, "requirements.txt", f"evil @ {url} --hash=sha256:{ZERO} ${{EXTRA}}\n")
    result = _pip(path, env={"EXTRA": f"--hash=sha256:{digest}"})
    assert result.returncode == 0 and "Would install evil-1.0" in result.stdout, result.stderr
    assert main(["requirements.txt"]) == 1
    assert "SCH214 `${EXTRA}` is replaced from the environment" in capsys.readouterr().out
    # Credentials in an index URL on a line of its own stay allowed.
    # (--index-url: an extra index in a file without hashes is SCH215.)
    write(repo, "requirements.txt", "--index-url https://${TOKEN}@example.com/simple\n")
    assert main(["requirements.txt"]) == 0
    write(
        repo, "requirements.txt", "--extra-index-url https://${TOKEN}@example.com/simple ${MORE}\n"
    )
    assert main(["requirements.txt"]) == 1


# -- lines the installers refuse or read differently -------------------------------------------------


def test_use_feature_pip_refuses(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url, digest = _wheel(repo)
    path = write(
        repo, "requirements.txt", f"--use-feature=bogus\ndemo @ {url} --hash=sha256:{digest}\n"
    )
    assert "invalid choice: 'bogus'" in _pip(path).stderr
    assert main(["requirements.txt"]) == 1
    assert _codes(capsys) == ["requirements.txt:1:1: SCH213"]
    path.write_text(f"--use-feature=truststore\ndemo @ {url} --hash=sha256:{digest}\n")
    assert _pip(path).returncode == 0
    assert main(["requirements.txt"]) == 0


@pytest.mark.parametrize(
    "line",
    [
        "demo @ {url} --config-settings k=v --hash=sha256:{digest}",
        "demo @ {url} --hash=sha256:{digest} -C k=v",
        "demo @ {url} --pre --hash=sha256:{digest}",
        "demo @ {url} \\\\\n    --hash=sha256:{digest}",
    ],
)
def test_lines_uv_refuses_and_pip_reads(
    repo: Path, capsys: pytest.CaptureFixture[str], line: str
) -> None:
    url, digest = _wheel(repo)
    path = write(repo, "requirements.txt", line.format(url=url, digest=digest) + "\n")
    assert _pip(path, "--require-hashes").returncode == 0
    assert _uv(path).returncode == 2
    assert main(["requirements.txt"]) == 1
    assert _codes(capsys) == ["requirements.txt:1:1: SCH213"]


@pytest.mark.parametrize("option", ["--pre", "--extra-index-url https://example.invalid/simple"])
def test_an_option_after_a_requirement_without_hashes(
    repo: Path, capsys: pytest.CaptureFixture[str], option: str
) -> None:
    """uv expects only --hash after a requirement; pip reads the line and ignores it."""
    url, _ = _wheel(repo)
    path = write(repo, "requirements.txt", f"demo @ {url} {option}\n")
    assert _pip(path).returncode == 0
    assert _uv(path).returncode == 2
    assert main(["requirements.txt"]) == 1
    assert "requirements.txt:1:1: SCH213" in _codes(capsys)


def test_same_version_under_two_markers_with_other_hashes(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "links").mkdir()
    _wheel(repo / "links")
    digest = hashlib.sha256((repo / "links" / "demo-1.0-py3-none-any.whl").read_bytes()).hexdigest()
    path = write(
        repo,
        "requirements.txt",
        f"demo==1.0 ; python_version > '3' --hash=sha256:{ZERO}\n"
        f"demo==1.0 ; sys_platform != 'nowhere' --hash=sha256:{digest}\n",
    )
    # Both markers hold: pip checks the first line's hashes and refuses, uv installs.
    assert _pip(path, "--require-hashes", "--find-links", "links").returncode == 1
    assert _uv(path, "--find-links", "links").returncode == 0
    assert main(["requirements.txt"]) == 1
    assert _codes(capsys) == ["requirements.txt:2:1: SCH211"]
    # Different versions under different markers (a split resolution) stay allowed.
    write(
        repo,
        "requirements.txt",
        f"six==1.16.0 ; python_version < '3.12' --hash=sha256:{ZERO}\n"
        f"six==1.17.0 ; python_version >= '3.12' --hash=sha256:{'1' * 64}\n",
    )
    assert main(["requirements.txt"]) == 0, capsys.readouterr().out


# -- one report per problem under pre-commit's parallel batches ------------------------------------

PRE_COMMIT = Path(sys.executable).with_name("pre-commit")


@pytest.mark.skipif(not PRE_COMMIT.exists(), reason="pre-commit is a dev dependency")
def test_shared_include_is_reported_once_under_pre_commit(repo: Path) -> None:
    from ruamel.yaml import YAML

    from tests.conftest import ROOT, git

    manifest = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text())
    (entry,) = [hook for hook in manifest if hook["id"] == "require-lock-hashes"]
    assert not entry.get("require_serial")  # pre-commit runs it in parallel batches
    config = (
        "repos:\n  - repo: local\n    hooks:\n      - id: require-lock-hashes\n"
        f"        name: require-lock-hashes\n        entry: {Path(sys.executable).with_name('require-lock-hashes')}\n"
        f"        language: system\n        files: '{entry['files']}'\n"
    )
    write(repo, ".pre-commit-config.yaml", config)
    write(repo, "requirements/common.txt", "six==1.16.0\n")  # matched by `files:` itself
    write(repo, "shared.in", "attrs==23.1.0\n")  # not matched: reported from its includers
    for index in range(16):
        write(
            repo,
            f"requirements-{index}.txt",
            f"-r requirements/common.txt\n-r shared.in\npkg{index}==1.0 --hash=sha256:{ZERO}\n",
        )
    git("add", ".", cwd=repo)
    run = subprocess.run(
        [str(PRE_COMMIT), "run", "--all-files", "--color", "never"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        env={**os.environ, "PRE_COMMIT_HOME": str(repo.parent / "pre-commit-home")},
    )
    assert run.returncode == 1, run.stdout + run.stderr
    assert run.stdout.count("requirements/common.txt:1:1: SCH201") == 1, run.stdout
    # A file the hook does not check itself is reported by each batch that reaches it.
    assert run.stdout.count("shared.in:1:1: SCH201") >= 1, run.stdout
