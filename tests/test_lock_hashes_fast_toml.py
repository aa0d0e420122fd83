"""The lock files' fast TOML reader equals tomllib whenever it answers, and defers otherwise."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supply_chain_hooks.deps.locks.fast_toml import _Unsupported, load, parse_subset
from supply_chain_hooks.source import InputError, Source
from tests.conftest import LOCK_SAMPLES, ROOT, corpus_files


def _agree(text: str) -> str:
    """'fast' when the subset reader answered (and equals tomllib), else 'deferred'."""
    try:
        expected: dict[str, Any] | Exception = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        expected = error
    try:
        got = parse_subset(text)
    except _Unsupported:
        return "deferred"
    assert not isinstance(expected, Exception), f"accepted what tomllib rejects: {expected}"
    assert got == expected
    return "fast"


def _real_files() -> list[Path]:
    files = corpus_files("**/*.lock", "**/*.toml")
    files += sorted(path for path in LOCK_SAMPLES.glob("*") if path.is_file())
    files += sorted((ROOT / "tests" / "fixtures" / "deps").rglob("*.lock"))
    files += sorted((ROOT / "tests" / "fixtures" / "deps").rglob("*.toml"))
    return files


def test_real_toml_files_agree_with_tomllib() -> None:
    files = _real_files()
    if not files:
        pytest.skip("no corpus")
    locks = {"fast": 0, "deferred": 0}
    for path in files:
        text = path.read_bytes().decode("utf-8", errors="replace").removeprefix("\ufeff")
        outcome = _agree(text)
        if path.name in ("uv.lock", "poetry.lock", "pdm.lock"):
            locks[outcome] += 1
    # Generated lock files are the subset's whole point: nearly all are read fast.
    assert locks["fast"] >= 0.9 * (locks["fast"] + locks["deferred"])


def test_load_reports_errors_like_toml_doc() -> None:
    with pytest.raises(InputError) as caught:
        load(Source("uv.lock", "version = 1\nversion = 2\n"))
    assert caught.value.line == 2
    assert load(Source("uv.lock", "a = '''x'''\n")) == {"a": "x"}


@pytest.mark.parametrize(
    "text",
    [
        "a = 1\na = 2\n",
        "[t]\n[t]\n",
        "[[t]]\n[t]\n",
        "[t]\nx = 1\n[[t]]\n",
        "a = {x = 1}\n[a.b]\n",
        "a = [{x = 1}]\n[[a]]\n",
        "a = {x = 1, x = 2}\n",
        "a = {x = 1,}\n",
        "a = [1 2]\n",
        "a = 01\n",
        "a = 1.5\n",
        "a = 1979-05-27\n",
        'a = "x\\q"\n',
        'a = "tab\tok"\n',
        'a = "ctrl\x01"\n',
        "a.b = 1\n",
        '"quoted key" = 1\n',
        "'lit' = 'v'\n",
        "a = [\n  1, # c\n  2,\n]\n",
        "[a.b]\nx = 1\n[a]\ny = 2\n",
        "[a.b]\n[a.b]\n",
        "[a]\nb = 1\n[a.b]\n",
        "a = 1\r\nb = 2\r\n",
        "a = 1\rb = 2\n",
        "[ a . b ]\nx = true\n",
        "[[a.b]]\n[[a.b]]\n[a.b.c]\nx = -0\n",
        'a = "\\u00e9"\n',
        'a = ""\n# comment at the end',
        "a = 1 # comment\x7f\n",
        'a = [[1, 2], ["x"]]\n',
        'a = { b = { c = "d" } }\n',
        "a = truex\n",
        "a = 1_000\n",
        "[a]\n[a.b]\n[a]\n",
        "",
        "\n\n# only comments\n",
    ],
)
def test_edge_cases_agree(text: str) -> None:
    _agree(text)


_KEYS = st.one_of(
    st.sampled_from(["a", "b", "c", "d", "e", "f", "pkg-name", "x_1", "hash", "url", "size"]),
    st.sampled_from(['"q k"', "'lit'", "a.b", '""']),
)
_SCALARS = st.one_of(
    st.sampled_from(['"s"', '"say \\"hi\\""', "'lit'", "0", "-1", "42", "true", "false",
                     '"sha256:ab"', '"\\n\\t"', '""', "-0", '"#not comment"', '"[x]"']),
    st.sampled_from(["007", "1.5", "tru", "1979-05-27", "+1", '"\\u00e9"', "1_0"]),
)  # fmt: skip


@st.composite
def values(draw: st.DrawFn, depth: int = 0) -> str:
    if depth > 2 or draw(st.integers(0, 3)) < 2:
        return draw(_SCALARS)
    if draw(st.booleans()):
        items = draw(st.lists(values(depth + 1), max_size=3))
        separator = draw(st.sampled_from([", ", ",\n    ", " , ", ",", ",\n  # c\n  "]))
        trailing = draw(st.sampled_from(["", ",", ",\n"]))
        return "[" + separator.join(items) + trailing + "]"
    pairs = draw(st.lists(st.tuples(_KEYS, values(depth + 1)), max_size=3))
    return "{ " + ", ".join(f"{key} = {value}" for key, value in pairs) + " }"


@st.composite
def documents(draw: st.DrawFn) -> str:
    statements = []
    for _ in range(draw(st.integers(0, 10))):
        kind = draw(st.integers(0, 9))
        if kind < 5:
            statements.append(f"{draw(_KEYS)} = {draw(values())}")
        elif kind < 7:
            path = ".".join(
                draw(
                    st.lists(
                        st.sampled_from(["package", "metadata", "a", "b"]), min_size=1, max_size=3
                    )
                )
            )
            statements.append(f"[[{path}]]" if draw(st.booleans()) else f"[{path}]")
        elif kind < 8:
            statements.append(draw(st.sampled_from(["# comment", "", "   ", "\t# tab"])))
        else:
            statements.append(f"{draw(_KEYS)} = {draw(values())} # trailing")
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    return newline.join(statements) + draw(st.sampled_from(["", newline]))


@settings(max_examples=400, deadline=None)
@given(documents())
def test_generated_documents_agree_with_tomllib(text: str) -> None:
    _agree(text)


_NAMES = ["name", "version", "hash", "url", "size", "source", "pkg-name", "x_1", '"quoted"']
_CLEAN_SCALARS = st.sampled_from(
    ['"s"', '"say \\"hi\\""', "'lit'", "0", "-1", "42", "true", "false", '"sha256:ab"', '""',
     '"a\\\\b"', '"#x"', "-0", "1.5", '"\\u00e9"']
)  # fmt: skip


@st.composite
def clean_values(draw: st.DrawFn, depth: int = 0) -> str:
    choice = draw(st.integers(0, 5)) if depth < 2 else 0
    if choice < 3:
        return draw(_CLEAN_SCALARS)
    if choice < 5:
        items = draw(st.lists(clean_values(depth + 1), max_size=3))
        separator = draw(st.sampled_from([", ", ",\n    ", ",\n    # c\n    "]))
        trailing = draw(st.sampled_from(["", ",", ",\n"])) if items else ""
        return "[" + separator.join(items) + trailing + "]"
    keys = draw(st.lists(st.sampled_from(_NAMES), unique=True, max_size=4))
    return "{ " + ", ".join(f"{key} = {draw(clean_values(depth + 1))}" for key in keys) + " }"


@st.composite
def lock_like_documents(draw: st.DrawFn) -> str:
    def table() -> list[str]:
        keys = draw(st.lists(st.sampled_from(_NAMES), unique=True, max_size=4))
        return [f"{key} = {draw(clean_values())}" for key in keys]

    lines = table()
    for _ in range(draw(st.integers(0, 4))):
        lines += ["", "[[package]]", *table()]
        for header in draw(st.lists(st.sampled_from(["[package.metadata]", "[[package.wheels]]",
                                                     "[package.optional-dependencies]"]),
                                    unique=True, max_size=2)):  # fmt: skip
            lines += [header, *table()]
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    return newline.join(lines) + newline


@settings(max_examples=300, deadline=None)
@given(lock_like_documents())
def test_generated_lock_like_documents_agree_with_tomllib(text: str) -> None:
    _agree(text)
