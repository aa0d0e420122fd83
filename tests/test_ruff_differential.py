"""The real judge: our per-file S verdict against the real ruff, on generated configurations.

For generated repositories (select/extend-select/ignore lists of codes, prefixes, redirects and
ALL; legacy top-level keys; preview and explicit-preview-rules; `extend` chains; nested
configs; per-file ignores; excludes; fix-only; file-level noqa; ruff hook arguments) every
Python file holds a canary that triggers every S rule, and

* the S codes our model says Ruff reports for each file equal what
  ``ruff check --no-cache --force-exclude --output-format json --stdin-filename PATH -``
  reports (or both say Ruff refuses the configuration);
* after ``enforce-ruff-S --fix``, Ruff still reports every rule it reported before, and
  reports every required S rule for every file our check no longer flags.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supply_chain_hooks.ruff.policy import Policy
from supply_chain_hooks.ruff.verdict import analyze
from supply_chain_hooks.source import read
from tests.conftest import ruff_oracle

ROOT = Path(__file__).resolve().parents[1]
CANARY = (ROOT / "tests" / "fixtures" / "ruff" / "canary_s.txt").read_text()
S_CODE = re.compile(r"^S\d+$")

pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True)
def _ruff() -> None:
    """Every test here needs the real ruff (skipped without it, failed under CI=true)."""
    ruff_oracle()


def ruff_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RUFF_", "XDG_"))}
    env["XDG_CONFIG_HOME"] = str(home / "xdg-empty")
    env["HOME"] = str(home)
    return env


def ruff_codes(root: Path, paths: list[str], args: list[str]) -> dict[str, frozenset[str] | None]:
    """What ruff reports for each file given as stdin (None: ruff refused to run)."""
    env = ruff_env(root.parent)

    def one(path: str) -> tuple[str, frozenset[str] | None]:
        result = subprocess.run(
            [
                ruff_oracle(),
                "check",
                "--no-cache",
                "--no-fix",
                "--force-exclude",
                "--output-format",
                "json",
                *args,
                "--stdin-filename",
                path,
                "-",
            ],
            cwd=root,
            env=env,
            input=(root / path).read_text(),
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode == 2:
            return path, None
        # ruff really ran: JSON diagnostics, or (fix-only) the file's source again.
        assert result.stdout.strip(), result.stderr
        if not result.stdout.lstrip().startswith("["):
            return path, frozenset()  # fix-only: ruff prints the (fixed) source, no diagnostics
        return path, frozenset(d["code"] for d in json.loads(result.stdout) if d["code"])

    with ThreadPoolExecutor(max_workers=4) as pool:
        return dict(pool.map(one, paths))


def only_s(codes: frozenset[str] | None) -> frozenset[str] | None:
    return None if codes is None else frozenset(c for c in codes if S_CODE.match(c))


def our_codes(root: Path, paths: list[str]) -> dict[str, frozenset[str] | None]:
    cwd = os.getcwd()
    os.chdir(root)
    try:
        analysis = analyze(
            paths,
            read,
            Policy(allow=frozenset(), exempt_tests=False),
            root=".",
            environ={"HOME": str(root.parent)},
        )
    finally:
        os.chdir(cwd)
    table = analysis.table
    out: dict[str, frozenset[str] | None] = {}
    for path in paths:
        if path in analysis.invalid_files:
            out[path] = None
            continue
        codes = frozenset(table.rules[i].label for i in analysis.reported.get(path, frozenset()))
        if path.endswith(".pyi"):
            # A property of the canary, not of the configuration: Ruff's S4xx import rules
            # never fire in stub files.
            codes = frozenset(code for code in codes if not code.startswith("S4"))
        out[path] = codes
    return out


# -- generated repositories -------------------------------------------------------------------

FILES = [
    "app.py",
    "pkg/mod.py",
    "pkg/sub/core.py",
    "scripts/tool.py",
    "gen/out.py",
    "src/core.py",
    "tests/test_a.py",
    "venv/x.py",
    "stubs/api.pyi",
]

SELECTORS = st.sampled_from(
    [
        "S",
        "S",
        "S1",
        "S10",
        "S101",
        "S102",
        "S3",
        "S30",
        "S307",
        "S6",
        "S60",
        "S603",
        "S4",
        "S40",
        "S404",
        "S41",
        "S7",
        "S704",
        "S5",
        "PGH001",
        "RUF035",
        "ALL",
        "E",
        "F",
        "B",
        "C",
        "T",
        "E501",
        "SIM",
        "S32",
        "security",
        "exec-builtin",
        "S410",
        "S999",
    ]
)
COMMON = st.sampled_from(["S", "S1", "S6", "S101", "S603", "PGH001", "ALL", "E", "F", "B", "E501"])
PATTERNS = st.sampled_from(
    [
        "*",
        "**",
        "*.py",
        "!tests/**",
        "src/*",
        "src/**/*.py",
        "core.py",
        "pkg/*",
        "scripts/*",
        "tests/**",
        "**/tests/**",
        "/src/*",
        "src",
        "pkg/**",
        "*/mod.py",
        "**/*.pyi",
        "{app,tool}.py",
        "[a-c]*.py",
        "pkg/sub/*",
    ]
)
EXCLUDES = st.sampled_from(
    ["gen", "scripts", "pkg/sub", "*.pyi", "core.py", "venv", "src/*", "tests"]
)


def selector_lists(common: bool = False) -> st.SearchStrategy[list[str]]:
    return st.lists(COMMON if common else st.one_of(COMMON, COMMON, SELECTORS), max_size=3)


@st.composite
def layer(draw: st.DrawFn, *, may_extend: str | None = None) -> dict[str, object]:
    options: dict[str, object] = {}
    legacy = draw(st.booleans()) and draw(st.booleans())
    for key in ("select", "extend-select", "ignore", "extend-ignore"):
        if draw(st.integers(0, 3)) == 0:
            options[("" if legacy else "lint.") + key] = draw(selector_lists())
    if draw(st.integers(0, 5)) == 0:
        options["preview"] = draw(st.booleans())
    if draw(st.integers(0, 8)) == 0:
        options["lint.preview"] = draw(st.booleans())
    if draw(st.integers(0, 6)) == 0:
        options["lint.explicit-preview-rules"] = True
    if draw(st.integers(0, 3)) == 0:
        options[("" if legacy else "lint.") + "per-file-ignores"] = draw(
            st.dictionaries(PATTERNS, selector_lists(common=True), max_size=2)
        )
    if draw(st.integers(0, 6)) == 0:
        options["lint.extend-per-file-ignores"] = draw(
            st.dictionaries(PATTERNS, selector_lists(True), max_size=1)
        )
    if draw(st.integers(0, 5)) == 0:
        options["extend-exclude"] = draw(st.lists(EXCLUDES, max_size=2))
    if draw(st.integers(0, 8)) == 0:
        options["exclude"] = draw(st.lists(EXCLUDES, max_size=2))
    if draw(st.integers(0, 8)) == 0:
        options["lint.exclude"] = draw(st.lists(EXCLUDES, max_size=1))
    if draw(st.integers(0, 15)) == 0:
        options["fix-only"] = True
    if draw(st.integers(0, 15)) == 0:
        options["lint.unfixable"] = draw(st.lists(st.sampled_from(["S", "S410", "B"]), max_size=1))
    if may_extend and draw(st.booleans()):
        options["extend"] = may_extend
    return options


def toml_value(value: object) -> str:
    return (
        json.dumps(value)
        if not isinstance(value, dict)
        else (
            "{ " + ", ".join(f"{json.dumps(k)} = {toml_value(v)}" for k, v in value.items()) + " }"
        )
    )


def render(options: dict[str, object], pyproject: bool) -> str:
    top = {k: v for k, v in options.items() if not k.startswith("lint.")}
    lint = {k[5:]: v for k, v in options.items() if k.startswith("lint.")}
    head, lint_head = ("[tool.ruff]\n", "[tool.ruff.lint]\n") if pyproject else ("", "[lint]\n")
    text = ('[project]\nname = "demo"\n\n' if pyproject else "") + head
    text += "".join(f"{k} = {toml_value(v)}\n" for k, v in top.items())
    if lint:
        text += "\n" + lint_head + "".join(f"{k} = {toml_value(v)}\n" for k, v in lint.items())
    return text


@st.composite
def repositories(draw: st.DrawFn) -> dict[str, object]:
    files: dict[str, str] = {}
    root_kind = draw(st.sampled_from(["pyproject", "ruff", ".ruff", "none", "pyproject"]))
    base = draw(st.booleans()) and root_kind != "none"
    if base:
        files["configs/base.toml"] = render(draw(layer()), False)
    root_name = {"pyproject": "pyproject.toml", "ruff": "ruff.toml", ".ruff": ".ruff.toml"}.get(
        root_kind
    )
    if root_name:
        options = draw(layer())
        if base:
            options["extend"] = "configs/base.toml"
        files[root_name] = render(options, root_kind == "pyproject")
    nested = draw(st.sampled_from(["none", "none", "pyproject", "ruff", "empty", "bare"]))
    if nested != "none":
        if nested == "empty":
            files["pkg/.ruff.toml"] = ""
        elif nested == "bare":
            files["pkg/pyproject.toml"] = '[project]\nname = "pkg"\n\n[tool.ruff]\n'
        else:
            options = draw(layer(may_extend=f"../{root_name}" if root_name else None))
            files["pkg/pyproject.toml" if nested == "pyproject" else "pkg/ruff.toml"] = render(
                options, nested == "pyproject"
            )
    if draw(st.integers(0, 4)) == 0:
        files["pkg/sub/ruff.toml"] = render(
            draw(layer(may_extend="../../configs/base.toml" if base else None)), False
        )
    for path in FILES:
        files[path] = "<canary>"
    for _ in range(draw(st.integers(0, 2))):
        directive = draw(NOQA)
        target = draw(st.sampled_from(FILES))
        if draw(st.booleans()):
            files[target] = directive + "\n" + files[target]
        else:
            files[target] = (
                files[target] + "\n\ndef later():\n    " + directive + "\n    return 1\n"
            )
    groups = draw(st.lists(st.sampled_from(range(len(ARGS))), max_size=2, unique=True))
    args = [arg for group in groups for arg in ARGS[group]]
    return {"files": files, "args": args}


NOQA = st.sampled_from(
    [
        "# ruff: noqa",
        "# ruff: noqa: S603, S607",
        "# ruff: file-ignore[S101, S102]",
        "# flake8: noqa: S307",
        "# type: ignore # ruff: noqa",
        "# Ruff: noqa",
        "# ruff: noqa: S",
        "# ruff: file-ignore[exec-builtin]",
        "# ruff: noqa: PGH001",
        "# FLAKE8: NOQA",
        "#ruff:noqa:S603S607",
    ]
)
ARGS = [
    ["--extend-select", "S"],
    ["--ignore", "S1"],
    ["--select", "E,F"],
    ["--preview"],
    ["--config", "lint.ignore = ['S6']"],
    ["--extend-exclude", "gen"],
    ["--per-file-ignores", "scripts/*:S603"],
    ["--no-preview"],
    ["--extend-ignore=PGH001"],
    ["--config", "lint.per-file-ignores = { 'core.py' = ['S'] }"],
    ["--exclude", "src"],
    ["--config", "configs/base.toml"],
    ["--isolated"],
    ["--ignore-noqa"],
    ["--fix-only"],
]


def build(root: Path, spec: dict[str, object]) -> list[str]:
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    files = spec["files"]
    assert isinstance(files, dict)
    for path, text in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text.replace("<canary>", CANARY))
    args = spec["args"]
    assert isinstance(args, list)
    (root / ".pre-commit-config.yaml").write_text(
        "repos:\n  - repo: https://github.com/astral-sh/ruff-pre-commit\n    rev: v0.17.6\n"
        "    hooks:\n      - id: ruff-check\n        args: " + json.dumps(args) + "\n"
    )
    return [p for p in files if p.endswith((".py", ".pyi"))]


@settings(
    max_examples=90, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(spec=repositories())
def test_verdict_equals_ruff(spec: dict[str, object], tmp_path: Path) -> None:
    root = tmp_path / "repo"
    paths = build(root, spec)
    args = spec["args"]
    assert isinstance(args, list)
    theirs = {path: only_s(codes) for path, codes in ruff_codes(root, paths, args).items()}
    ours = our_codes(root, paths)
    assert ours == theirs, _explain(root, ours, theirs)


def _explain(
    root: Path, ours: dict[str, frozenset[str] | None], theirs: dict[str, frozenset[str] | None]
) -> str:
    lines = []
    for path, a in ours.items():
        b = theirs[path]
        if a != b:
            extra = None if a is None or b is None else (sorted(a - b), sorted(b - a))
            lines.append(
                f"{path}: ours={None if a is None else len(a)} ruff={None if b is None else len(b)} "
                f"(ours-only, ruff-only)={extra}"
            )
    for config in [*sorted(root.rglob("*.toml")), root / ".pre-commit-config.yaml"]:
        lines.append(f"--- {config.relative_to(root)}\n{config.read_text()}")
    return "\n".join(lines)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(spec=repositories())
def test_fix_enforces_s_and_keeps_every_rule(spec: dict[str, object], tmp_path: Path) -> None:
    from supply_chain_hooks.hooks import enforce_ruff_s

    root = tmp_path / "repo"
    paths = build(root, spec)
    args = spec["args"]
    assert isinstance(args, list)
    before = ruff_codes(root, paths, args)
    cwd = os.getcwd()
    os.chdir(root)
    try:
        enforce_ruff_s.main(["--fix", "--format", "json", *paths])
        analysis = analyze(paths, read, Policy(), root=".", environ={"HOME": str(tmp_path)})
    finally:
        os.chdir(cwd)
    after = ruff_codes(root, paths, args)
    flagged = {path for reason in analysis.reasons for path in reason.files}
    table = analysis.table
    required = {table.rules[i].label for i in table.stable_s} - {"S101"}
    # The verdict after the fix is still Ruff's verdict.
    for path, effective in analysis.effective.items():
        codes = after[path]
        assert codes is not None
        assert {table.rules[i].label for i in effective} == required & codes, path
    for path in paths:
        if before[path] is None:
            continue
        assert after[path] is not None, f"{path}: ruff refuses the fixed config\n" + _explain(
            root, {}, {}
        )
        # Enabling S makes file-level `noqa: S...` comments used, so RUF100 may go away.
        lost = before[path] - after[path] - {"RUF100"}
        assert not lost, f"{path}: lost {sorted(lost)}"
        if path not in flagged and path in analysis.effective:
            assert required <= after[path], (
                f"{path}: still missing {sorted(required - after[path])}"
            )
