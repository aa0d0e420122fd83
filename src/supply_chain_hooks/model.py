"""The data every part of the pipeline speaks: edits, fixes, findings and rules.

Everything here is immutable. Offsets are indices into the decoded text of a file
(without its byte order mark); lines and columns are 1-based and counted in characters.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Applicability(enum.Enum):
    """How far a fix can be trusted.

    SAFE keeps the exact meaning of the file and is applied by ``--fix``.
    UNSAFE may change behaviour (or trusts state outside the file) and is only shown.
    """

    SAFE = "safe"
    UNSAFE = "unsafe"


class FixAvailability(enum.Enum):
    """Whether a rule ever offers a fix, for the rule table and the docs."""

    NONE = "none"
    SOMETIMES = "sometimes"
    ALWAYS = "always"


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` with ``content`` (an insertion when start == end)."""

    start: int
    end: int
    content: str

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"invalid edit range {self.start}..{self.end}")


@dataclass(frozen=True, slots=True)
class Fix:
    title: str
    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE

    @property
    def start(self) -> int:
        return min(edit.start for edit in self.edits)

    @property
    def end(self) -> int:
        return max(edit.end for edit in self.edits)


@dataclass(frozen=True, slots=True)
class Location:
    """A 1-based, inclusive-start, exclusive-end range of line and column numbers."""

    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule's stable identity and its documentation (the module docstring)."""

    code: str
    name: str
    hook: str
    summary: str
    fix: FixAvailability
    doc: str = field(repr=False, compare=False)

    def __post_init__(self) -> None:
        if not (len(self.code) == 6 and self.code.startswith("SCH") and self.code[3:].isdigit()):
            raise ValueError(f"rule code {self.code!r} is not of the form SCHnnn")


@dataclass(frozen=True, slots=True)
class Finding:
    rule: Rule
    path: str
    location: Location
    message: str
    fix: Fix | None = None

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.location.line, self.location.column, self.rule.code)
