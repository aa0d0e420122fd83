"""require-lock-hashes end to end: manifest, options, real files (golden reports: test_goldens.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supply_chain_hooks.config import Config
from supply_chain_hooks.hooks import require_lock_hashes
from supply_chain_hooks.hooks.require_lock_hashes import FILES, ID, Options, check, main, matches
from supply_chain_hooks.runner import Job, Settings, execute
from supply_chain_hooks.workspace import Workspace
from tests.conftest import LOCK_SAMPLES, ROOT, Corpus, write
from tests.golden import Goldens

H1 = "09abb1bccd265c01f4a3aa3f7a7db064b36514d2cba19a2f694fe6150451a759"


# -- the manifest ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "requirements.txt",
        "requirements-dev.txt",
        "dev-requirements.txt",
        "test_requirements.txt",
        "docs/requirements.txt",
        "requirements/main.txt",
        "src/app/requirements/dev.txt",
        "requirements/sub/dev.txt",
        "requirements/pytorch/extra/gpu.txt",
        "requirement.txt",
        "requirement-dev.txt",
        "test-constraints.txt",
        "ci/pip_constraints.txt",
        "constraints.txt",
        "constraint.txt",
        "ci/constraints-3.11.txt",
        "uv.lock",
        "packages/lib/uv.lock",
        "pylock.toml",
        "pylock.dev.toml",
        "sub/pylock.py312.toml",
        "poetry.lock",
        "pdm.lock",
        "Pipfile.lock",
        "app/Pipfile.lock",
    ],
)
def test_files_regex_matches(path: str) -> None:
    assert matches(path)


@pytest.mark.parametrize(
    "path",
    [
        "requirements.in",
        "requirements.txt.bak",
        "requirements/README.md",
        "requirements/sub/dev.md",
        "notes.txt",
        "constraints.txt.orig",
        "uv.lock.bak",
        "old-uv.lock",
        "pylock.a.b.toml",
        "pylock.toml.orig",
        "mypylock.toml",
        "pyproject.toml",
        "poetry.lock.orig",
        "Pipfile",
        "pipfile.lock",
        "package-lock.json",
        "constraints.in",
    ],
)
def test_files_regex_rejects(path: str) -> None:
    assert not matches(path)


def _manifest_entry() -> dict[str, object]:
    from ruamel.yaml import YAML

    entries = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text())
    (entry,) = [item for item in entries if item["id"] == ID]
    assert isinstance(entry, dict)
    return entry


def test_manifest_entry_uses_the_same_regex_and_script() -> None:
    import tomllib

    entry = _manifest_entry()
    assert entry["files"] == FILES
    assert entry["entry"] == ID
    assert entry["language"] == "python"
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert scripts[ID] == "supply_chain_hooks.hooks.require_lock_hashes:HOOK.run"


def test_every_hook_rule_is_registered() -> None:
    from supply_chain_hooks.rules import ALL_RULES

    codes = {rule.code for rule in require_lock_hashes.RULES}
    assert codes <= {rule.code for rule in ALL_RULES}
    assert all(
        rule.hook == ID and "SCH201" <= rule.code <= "SCH229" for rule in require_lock_hashes.RULES
    )
    assert len(codes) == len(require_lock_hashes.RULES)
    for rule in require_lock_hashes.RULES:
        for section in ("## What it does", "## Why is this bad?", "## Example", "## Fix safety"):
            assert section in rule.doc, (rule.code, section)


# -- options, suppressions, output -------------------------------------------------------------------


def test_inline_suppression_and_json(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(
        repo,
        "requirements.txt",
        "six==1.16.0  # supply-chain-hooks: ignore[SCH201] wheel vendored and checked in CI\n"
        "attrs==23.1\n",
    )
    assert main(["--format", "json", "requirements.txt"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert [(item["code"], item["line"], item["fix"]) for item in report] == [("SCH201", 2, None)]


def test_exclude_option_and_config(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(
        repo,
        "requirements.txt",
        "-r vendor/base.in\nsix==1.16.0 --hash=sha256:" + H1 + "\n",
    )
    write(repo, "vendor/base.in", "anything\n")
    write(repo, "tests/data/requirements.txt", "anything\n")
    assert main(["requirements.txt", "tests/data/requirements.txt"]) == 1
    assert "vendor/base.in:1:1: SCH204" in capsys.readouterr().out
    assert main(["--exclude", "vendor/**", "--exclude", "tests/**", "requirements.txt"]) == 0
    capsys.readouterr()
    write(
        repo,
        "pyproject.toml",
        '[tool.supply-chain-hooks.require-lock-hashes]\nexclude = ["vendor/**", "tests/**"]\n',
    )
    assert main(["requirements.txt", "tests/data/requirements.txt"]) == 0


def test_forbid_local_sources_from_config(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(
        repo,
        "uv.lock",
        'version = 1\n\n[[package]]\nname = "lib"\nversion = "1"\nsource = { directory = "../lib" }\n',
    )
    assert main(["uv.lock"]) == 0
    write(
        repo,
        "pyproject.toml",
        "[tool.supply-chain-hooks.require-lock-hashes]\nforbid-local-sources = true\n",
    )
    assert main(["uv.lock"]) == 1
    assert (
        "uv.lock:6:1: SCH222 `lib` is installed from the local directory `../lib`"
        in capsys.readouterr().out
    )
    write(
        repo,
        "pyproject.toml",
        '[tool.supply-chain-hooks.require-lock-hashes]\nforbid-local-sources = "yes"\n',
    )
    assert main(["uv.lock"]) == 2


def test_bad_input_is_reported_and_other_files_still_checked(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(repo, "requirements.txt", b"six==1.16.0\xff\n")
    write(repo, "poetry.lock", "[[package]\n")
    write(repo, "Pipfile.lock", "")
    write(repo, "constraints.txt", "attrs==23.1 --hash=sha256:abc\n")
    assert main(["requirements.txt", "poetry.lock", "Pipfile.lock", "constraints.txt"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(" ")[0:2] for line in lines[:-1]] == [
        ["Pipfile.lock:1:1:", "SCH001"],
        ["constraints.txt:1:1:", "SCH203"],
        ["poetry.lock:1:10:", "SCH001"],
        ["requirements.txt:1:12:", "SCH001"],
    ]


def test_a_digest_longer_than_its_algorithm_is_malformed(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Too many hex digits is as wrong as too few: pip never matches such a digest."""
    write(repo, "requirements.txt", f"six==1.16.0 --hash=sha256:{H1}0\n")
    assert main(["requirements.txt"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        (
            "requirements.txt:1:1: SCH203 `--hash=sha256:09abb1bccd…`: "
            "the sha256 digest has 65 hex digits, expected 64"
        ),
        "Found 1 problem.",
    ]


def test_included_lock_file_parse_error_is_reported_at_its_path(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(repo, "requirements.txt", "-r pylock.toml\n")
    write(repo, "pylock.toml", "lock-version = \n")
    # pylock.toml is checked on its own (its name matches `files:`), and reported once.
    assert main(["requirements.txt", "pylock.toml"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("pylock.toml:1:16: SCH001 invalid TOML") and out.count("SCH001") == 1
    # Reached only through an include whose name the hook does not check: from the includer.
    write(repo, "requirements.txt", "-r locks/pylock.toml\n")
    write(repo, "locks/pylock.toml", "lock-version = \n")
    (repo / "pylock.toml").unlink()
    assert main(["requirements.txt"]) == 0  # locks/pylock.toml matches `files:` too


def test_included_file_that_is_not_utf8(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo, "requirements.txt", "-r base.in\nsix==1.16.0 --hash=sha256:" + H1 + "\n")
    write(repo, "base.in", b"a==1\xff\n")
    assert main(["requirements.txt"]) == 1
    assert capsys.readouterr().out.startswith(
        "base.in:1:5: SCH001 file is not valid UTF-8 (byte 0xff) and has no coding line: pip "
        "decodes it with the locale's encoding"
    )
    # UTF-16 with its byte order mark is what pip reads: its lines are checked.
    write(repo, "base.in", b"\xfe\xff\x00a")
    assert main(["requirements.txt"]) == 1
    assert capsys.readouterr().out.startswith("base.in:1:1: SCH204 `a` has no version")


# -- single cases the generated inputs may miss ------------------------------------------------------


def _findings(tmp_path: Path, name: str, text: str) -> list[tuple[str, int, int, str]]:
    path = write(tmp_path, name, text)
    found = check(Workspace(str(tmp_path)), str(path), Options())
    return [(f.rule.code, f.location.line, f.location.column, f.message) for f in found]


def test_unhashed_archive_url_is_reported(tmp_path: Path) -> None:
    line = "pkg @ https://example.org/pkg-1.0.tar.gz"
    message = f"`{line}` has no --hash"
    assert _findings(tmp_path, "requirements.txt", line + "\n") == [("SCH201", 1, 1, message)]


UV_LOCK_SOURCES = f"""\
version = 1
requires-python = ">=3.12"

[[package]]
name = "urlpkg"
version = "1.0"
source = {{ url = "https://example.org/urlpkg-1.0.tar.gz" }}

[[package]]
name = "pathpkg"
version = "2.0"
source = {{ path = "dist/pathpkg-2.0-py3-none-any.whl" }}

[[package]]
name = "hashed"
version = "3.0"
source = {{ url = "https://example.org/hashed-3.0.tar.gz" }}
sdist = {{ hash = "sha256:{H1}" }}
"""


def test_uv_lock_url_and_path_sources_without_files_are_reported(tmp_path: Path) -> None:
    """A url or path source with neither sdist nor wheels has nothing uv could verify."""

    def message(name: str, label: str) -> str:
        return f"`{name}` {label} has no hash"

    assert _findings(tmp_path, "uv.lock", UV_LOCK_SOURCES) == [
        ("SCH220", 7, 1, message("urlpkg", "https://example.org/urlpkg-1.0.tar.gz")),
        ("SCH220", 12, 1, message("pathpkg", "dist/pathpkg-2.0-py3-none-any.whl")),
    ]


# -- real files ---------------------------------------------------------------------------------------

SAMPLE_EXPECTATIONS = {
    "Pipfile.lock": [],
    "pdm.lock": [],
    "poetry.lock": [],
    "pylock.all-sources.toml": [],
    "pylock.pip-lock.toml": [],
    "uv.lock.all-sources": [],
    "uv.lock.exclude-newer-package": [],
    "uv.lock.registry-absolute-exclude-newer": [],
    "requirements.pip-compile-hashes.txt": [("SCH205", 9)],
    "requirements.uv-compile-hashes.txt": [("SCH205", 3)],
    "requirements.uv-export.txt": [("SCH205", 3), ("SCH205", 4), ("SCH207", 9), ("SCH206", 11)],
}


def _check_copy(
    sample: Path, tmp_path: Path, options: Options | None = None
) -> list[tuple[str, int]]:
    name = sample.name
    target = tmp_path / name / "uv.lock" if name.startswith("uv.lock") else tmp_path / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(sample.read_bytes())
    findings = check(Workspace(str(tmp_path)), str(target), options or Options())
    return sorted(
        ((finding.rule.code, finding.location.line) for finding in findings),
        key=lambda item: item[1],
    )


@pytest.mark.parametrize("name", sorted(SAMPLE_EXPECTATIONS))
def test_research_samples(name: str, tmp_path: Path) -> None:
    sample = LOCK_SAMPLES / name
    assert _check_copy(sample, tmp_path) == SAMPLE_EXPECTATIONS[name]


def test_research_samples_with_local_sources_forbidden(tmp_path: Path) -> None:
    sample = LOCK_SAMPLES / "uv.lock.all-sources"
    found = _check_copy(sample, tmp_path, Options(forbid_local_sources=True))
    # libdir and libedit; the project itself (editable ".") is not reported
    assert found == [("SCH222", 25), ("SCH222", 30)]


CORPUS_PATTERNS = (
    "**/uv.lock",
    "**/poetry.lock",
    "**/pdm.lock",
    "**/Pipfile.lock",
    "**/pylock*.toml",
    "**/*requirements*.txt",
    "**/*requirements*.in",
    "**/requirements*/**/*.txt",
    "**/constraints*",
)


#: Real files from tools that hash everything: each must be in its corpus and come out clean.
CLEAN = {
    "sample": (
        "Homebrew__brew/Library/Homebrew/formula-analytics/uv.lock",
        "astral-sh__setup-uv/__tests__/fixtures/cache-dir-defined-project/uv.lock",
    ),
    "full": (
        "astral-sh__uv/uv.lock",
        "pydantic__pydantic-ai/uv.lock",
        "pypi__warehouse/requirements/main.txt",
    ),
}


def test_every_corpus_lock_and_requirements_file_runs_without_a_traceback(
    corpus: Corpus, goldens: Goldens
) -> None:
    paths = tuple(str(path) for path in corpus.files(*CORPUS_PATTERNS))
    job = Job(require_lock_hashes.HOOK, check_file=lambda ws, path: check(ws, path, Options()))
    outcome = execute(job, Workspace(str(corpus.root)), paths, Settings())
    assert outcome.internal_errors == 0
    flagged = {finding.path for finding in outcome.findings}
    for clean in CLEAN[corpus.name]:
        path = str(corpus.root / clean)
        assert path in paths, clean
        assert path not in flagged, clean
    # Exactly these files come out clean; every other one is reported.
    clean = sorted(corpus.relative(Path(path)) for path in set(paths) - flagged)
    goldens.expect(corpus.expected / "lock_hashes_clean.txt", "".join(f"{p}\n" for p in clean))


# -- robustness: arbitrary text never crashes ------------------------------------------------------------

_FRAGMENTS = st.sampled_from(
    [
        "six",
        "==",
        "1.0",
        " ",
        "\\",
        "\n",
        "\r\n",
        "#",
        "--hash",
        "=",
        "sha256:",
        H1[:8],
        "-e",
        "-r",
        "x.txt",
        "@",
        "git+",
        "https://",
        ";",
        "'",
        '"',
        "\t",
        "${X}",
        "[",
        "]",
        "*",
        ">=",
        "--no-require-hashes",
        "file:",
        "./",
        ".whl",
        "-c",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_FRAGMENTS, max_size=40))
def test_any_requirements_text_is_checked_without_errors(
    tmp_path_factory: pytest.TempPathFactory, parts: list[str]
) -> None:
    root = tmp_path_factory.mktemp("fuzz")
    (root / "requirements.txt").write_text("".join(parts), encoding="utf-8")
    findings = check(Workspace(str(root)), str(root / "requirements.txt"), Options())
    assert all(finding.location.line >= 1 for finding in findings)


_LOCK_MUTATIONS = st.sampled_from(
    [
        ("sha256:", "md5:"),
        ('hash = "', 'hash = "x'),
        ("#", ""),
        ('"hashes"', '"hashez"'),
        ("hashes = {", "hashes = {md5 = 'a', "),
        ("version = 1", "version = 7"),
        ("files = [", "files = [1, "),
        ("[[package]]", "[[package]]\nsource = 3"),
        ("==", ""),
        ("git", "hg"),
    ]
)


@settings(max_examples=120, deadline=None)
@given(st.sampled_from(sorted(SAMPLE_EXPECTATIONS)), st.lists(_LOCK_MUTATIONS, max_size=3))
def test_mutated_samples_never_crash(
    tmp_path_factory: pytest.TempPathFactory, name: str, mutations: list[tuple[str, str]]
) -> None:
    sample = LOCK_SAMPLES / name
    text = sample.read_text(encoding="utf-8")
    for old, new in mutations:
        text = text.replace(old, new, 1)
    root = tmp_path_factory.mktemp("mutated")
    target = root / ("uv.lock" if name.startswith("uv.lock") else name)
    target.write_text(text, encoding="utf-8")
    job = Job(require_lock_hashes.HOOK, check_file=lambda ws, path: check(ws, path, Options()))
    outcome = execute(job, Workspace(str(root)), (str(target),), Settings())
    assert outcome.internal_errors == 0


def test_build_reads_config_lists() -> None:
    import argparse

    parser = argparse.ArgumentParser()
    require_lock_hashes.add_arguments(parser)
    args = parser.parse_args(["--exclude", "a/**"])
    config = Config(hooks={ID: {"exclude": ["b/**"], "forbid-local-sources": True}})
    job = require_lock_hashes.build(args, config)
    assert job.hook is require_lock_hashes.HOOK and job.check_file is not None


def test_hints_name_paths_from_here_and_only_inputs_that_exist(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(repo, "docs/requirements.txt", "six==1.16.0\n")
    header = "#    pip-compile --output-file=requirements.txt requirements.in\n"
    write(repo, "ci/requirements.txt", "# generated by pip-compile:\n" + header + "six==1.16.0\n")
    write(
        repo,
        "packages/lib/uv.lock",
        (
            'version = 1\n\n[[package]]\nname = "nohash"\nversion = "1.0"\n'
            'source = { registry = "https://pypi.org/simple" }\n'
            'sdist = { url = "https://e.com/nohash-1.0.tar.gz" }\n'
        ),
    )
    paths = ["docs/requirements.txt", "ci/requirements.txt", "packages/lib/uv.lock"]
    assert main(["--show-hints", *paths]) == 1
    out = capsys.readouterr().out
    # No docs/requirements.in: the file itself is compiled (its pins kept, hashes added).
    assert (
        "`uv pip compile --generate-hashes docs/requirements.txt -o docs/requirements.txt`" in out
    )
    # The header's command names the file by its base name: it runs in the file's folder.
    assert "`cd ci && pip-compile --generate-hashes --output-file=requirements.txt" in out
    assert "`cd packages/lib && uv lock --refresh-package nohash`" in out
    write(repo, "docs/requirements.in", "six\n")
    assert main(["--show-hints", "docs/requirements.txt"]) == 1
    assert "`uv pip compile --generate-hashes docs/requirements.in -o docs/requirements.txt`" in (
        capsys.readouterr().out
    )
    # Without --show-hints the message is one short sentence.
    assert main(paths) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4 and all(len(line) < 140 for line in lines), lines
