"""Which S rules must be in force, and where: the hook's options as a :class:`Policy`.

The required rules of a file are the stable S rules of the Ruff version in use, minus the
allowed ones: S101 anywhere, ``--allow-ignore`` codes and prefixes anywhere, and every S rule
in test files.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from supply_chain_hooks.config import UsageError


@dataclass(frozen=True)
class Policy:
    #: S codes that may be switched off anywhere (S101 and `--allow-ignore`).
    allow: frozenset[str] = frozenset({"S101"})
    require_hook: bool = False
    #: Force the Ruff version instead of taking it from the hook's rev.
    version: tuple[int, int, int] | None = None
    #: Test files may switch any S rule off (False: check them like other files).
    exempt_tests: bool = True


def policy(allow_ignore: Iterable[str], *, require_hook: bool, ruff_version: str | None) -> Policy:
    """The policy of the hook's options (UsageError for a version that is not one)."""
    return Policy(
        allow=frozenset({"S101", *expand_allowed(allow_ignore)}),
        require_hook=require_hook,
        version=parse_version(ruff_version),
    )


def expand_allowed(codes: Iterable[str]) -> set[str]:
    """`--allow-ignore` takes codes and S prefixes (`S3` allows S301..S324)."""
    from supply_chain_hooks.ruff.table import choose, load

    table = load(choose(None))
    out: set[str] = set()
    for code in codes:
        matched = {
            rule.code
            for rule in table.rules
            if rule.code and rule.code.startswith(code) and rule.linter == "S"
        }
        out |= matched or {code}
    return out


def parse_version(text: str | None) -> tuple[int, int, int] | None:
    if not text:
        return None
    parts = text.lstrip("v").split(".")
    try:
        numbers = [int(part) for part in parts[:3]] + [0] * (3 - len(parts[:3]))
    except ValueError:
        raise UsageError(f"--ruff-version: not a version: {text!r}") from None
    return numbers[0], numbers[1], numbers[2]


def is_test_file(path: str) -> bool:
    parts = path.split("/")
    name = parts[-1]
    stem = name.rsplit(".", 1)[0]
    return (
        "tests" in parts[:-1]
        or "test" in parts[:-1]
        or stem.startswith("test_")
        or stem.endswith("_test")
        or stem == "conftest"
    )
