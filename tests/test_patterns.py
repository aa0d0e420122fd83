"""Lazily compiled patterns behave as the compiled pattern, and the modules use them."""

from __future__ import annotations

import pickle
import re
from pathlib import Path

from supply_chain_hooks.patterns import lazy

SOURCE = Path(__file__).resolve().parent.parent / "src" / "supply_chain_hooks"


def test_behaves_as_the_compiled_pattern() -> None:
    text = "a=1, bb=22\nccc=333"
    for pattern, flags in [(r"(?P<key>\w+)=(\d+)", 0), (r"^c+", re.MULTILINE), ("x", 0)]:
        compiled = re.compile(pattern, flags)
        standing = lazy(pattern, flags)
        assert standing.pattern == pattern
        assert standing.flags == flags  # as given (re adds UNICODE to its own)
        for method in ("match", "search", "fullmatch"):
            got, expected = getattr(standing, method)(text), getattr(compiled, method)(text)
            assert (got and (got.span(), got.groups())) == (
                expected and (expected.span(), expected.groups())
            )
        assert standing.findall(text) == compiled.findall(text)
        assert standing.split(text) == compiled.split(text)
        assert [m.span() for m in standing.finditer(text)] == [
            m.span() for m in compiled.finditer(text)
        ]
        assert standing.sub("-", text) == compiled.sub("-", text)
        assert standing.subn("-", text) == compiled.subn("-", text)
        assert standing.groups == compiled.groups
        assert standing.groupindex == compiled.groupindex


def test_compiled_once_then_the_methods_are_the_compiled_patterns() -> None:
    standing = lazy(r"\d+")
    assert "search" not in vars(standing)  # nothing compiled yet
    found = standing.search("x12")
    assert found is not None
    assert found.group() == "12"
    first = vars(standing)["search"]
    assert first.__self__ is vars(standing)["match"].__self__  # one compiled pattern
    assert isinstance(first.__self__, re.Pattern)


def test_errors_surface_on_first_use_and_pickling_keeps_the_pattern() -> None:
    broken = lazy("(")
    try:
        broken.search("x")
    except re.error:
        pass
    else:  # pragma: no cover - the assertion below reports it
        raise AssertionError("an invalid pattern must raise re.error when used")
    copy = pickle.loads(pickle.dumps(lazy(r"a+", re.IGNORECASE)))  # noqa: S301 - our own data
    assert copy.fullmatch("AaA") is not None
    assert repr(copy) == "lazy('a+', 2)"


def test_modules_declare_their_patterns_lazily() -> None:
    # A module-level re.compile() runs at import, in every run that imports the module.
    declared = re.compile(
        r"^[A-Za-z_]\w*\s*(?::[^=\n]*)?=\s*re\.compile\((?!rb|b[\"'])", re.MULTILINE
    )
    eager = [
        f"{path.relative_to(SOURCE)}:{text[: found.start()].count(chr(10)) + 1}"
        for path in sorted(SOURCE.rglob("*.py"))
        for text in [path.read_text(encoding="utf-8")]
        for found in declared.finditer(text)
    ]
    assert eager == []
