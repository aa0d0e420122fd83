"""Ruff's path globs: the Rust globset crate's syntax with `*` crossing `/`."""

from __future__ import annotations

import pytest

from supply_chain_hooks.ruff.globset import GlobError, absolute, compile_glob, escape


@pytest.mark.parametrize(
    ("pattern", "path", "matches"),
    [
        ("*.py", "a/b.py", True),  # `*` crosses `/` (no literal_separator)
        ("src/*", "src/app/core.py", True),
        ("?", "/", True),
        ("**", "anything/at/all.py", True),
        ("**/tests/**", "/r/tests/a.py", True),
        ("**/x.py", "x.py", True),  # a leading `**/` also matches nothing
        ("/r/**/x.py", "/r/x.py", True),
        ("/r/**/x.py", "/r/a/b/x.py", True),
        ("/r/src/**", "/r/src/a.py", True),
        ("/r/src/**", "/r/src", False),
        ("a**b", "a/x/b", True),  # `**` inside a component is two `*`
        ("[!a]x", "bx", True),
        ("[!a]x", "ax", False),
        ("[a-c]*.py", "app.py", True),
        ("[]]", "]", True),
        ("[-a]", "-", True),
        ("{app,tool}.py", "tool.py", True),
        ("{app,tool}.py", "core.py", False),
        ("x}y", "xy", True),  # an unopened `}` is an empty group
        ("a\\*", "a*", True),
        ("a\\*", "ab", False),
        ("core.py", "lib/core.py", False),  # anchored at both ends
    ],
)
def test_glob_matches(pattern: str, path: str, matches: bool) -> None:
    assert bool(compile_glob(pattern).match(path)) is matches


@pytest.mark.parametrize("pattern", ["[abc", "{a,{b}}", "{a,b", "a\\", "[z-a]"])
def test_invalid_globs(pattern: str) -> None:
    with pytest.raises(GlobError):
        compile_glob(pattern)


def test_absolute_patterns_are_anchored_and_normalised() -> None:
    assert absolute("tests/**", "/repo/configs") == "/repo/configs/tests/**"
    assert absolute("./tests/../src/*", "/repo") == "/repo/src/*"
    assert absolute("/src/*", "/repo") == "/src/*"  # an absolute pattern stays absolute
    assert absolute("src/", "/repo") == "/repo/src"
    assert absolute("x.py", "/re[po]") == "/re[[]po[]]/x.py"
    assert escape("a*b?{c}") == "a[*]b[?][{]c[}]"
    assert compile_glob(absolute("x.py", "/re[po]")).match("/re[po]/x.py")
