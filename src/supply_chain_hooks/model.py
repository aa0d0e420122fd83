"""The data every part of the pipeline speaks: edits, fixes, findings and rules.

Everything here is immutable. Offsets are indices into the decoded text of a file
(without its byte order mark); lines and columns are 1-based and counted in characters.

The value classes are written out by hand on :class:`Record` rather than with
``@dataclass``: a hook process starts for every batch of files, and importing
``dataclasses`` and building a dozen frozen dataclasses costs about a quarter of the time
``zizmor`` needs for a whole small workflow. They behave as frozen dataclasses do
(equality and hash over their fields, the same repr, assignment refused).
"""

from __future__ import annotations

import enum

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from typing import ClassVar, NoReturn

_set = object.__setattr__


class Record:
    """An immutable value: equality, hash and repr over ``_compare`` (default: every field).

    Subclasses list their fields in ``__match_args__`` (the order ``__init__`` takes them),
    use them as ``__slots__``, and set them in ``__init__`` with ``_set(self, name, value)``.
    """

    __slots__ = ()
    #: The fields __init__ takes, in order (as a dataclass's __match_args__).
    __match_args__: ClassVar[tuple[str, ...]] = ()
    #: Fields compared, hashed and shown by repr (every slot unless a subclass narrows it).
    _compare: ClassVar[tuple[str, ...]] = ()

    def _key(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in (self._compare or self.__match_args__))

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__ and isinstance(other, Record):
            return self._key() == other._key()
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        names = self._compare or self.__match_args__
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
        return f"{self.__class__.__qualname__}({fields})"

    def __setattr__(self, name: str, value: object) -> NoReturn:
        raise AttributeError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> NoReturn:
        raise AttributeError(f"cannot delete field {name!r}")

    def __reduce__(self) -> tuple[type[Record], tuple[object, ...]]:
        # copy, deepcopy and pickle rebuild through __init__ (setattr is refused).
        return (self.__class__, tuple(getattr(self, name) for name in self.__match_args__))


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


class Edit(Record):
    """Replace ``text[start:end]`` with ``content`` (an insertion when start == end)."""

    __match_args__ = ("start", "end", "content")
    __slots__ = __match_args__
    start: int
    end: int
    content: str

    def __init__(self, start: int, end: int, content: str) -> None:
        if not 0 <= start <= end:
            raise ValueError(f"invalid edit range {start}..{end}")
        _set(self, "start", start)
        _set(self, "end", end)
        _set(self, "content", content)


class Fix(Record):
    __match_args__ = ("title", "edits", "applicability")
    __slots__ = __match_args__
    title: str
    edits: tuple[Edit, ...]
    applicability: Applicability

    def __init__(
        self,
        title: str,
        edits: tuple[Edit, ...],
        applicability: Applicability = Applicability.SAFE,
    ) -> None:
        _set(self, "title", title)
        _set(self, "edits", edits)
        _set(self, "applicability", applicability)

    @property
    def start(self) -> int:
        return min(edit.start for edit in self.edits)

    @property
    def end(self) -> int:
        return max(edit.end for edit in self.edits)


class Location(Record):
    """A 1-based, inclusive-start, exclusive-end range of line and column numbers."""

    __match_args__ = ("line", "column", "end_line", "end_column")
    __slots__ = __match_args__
    line: int
    column: int
    end_line: int
    end_column: int

    def __init__(self, line: int, column: int, end_line: int, end_column: int) -> None:
        _set(self, "line", line)
        _set(self, "column", column)
        _set(self, "end_line", end_line)
        _set(self, "end_column", end_column)


class Rule(Record):
    """A rule's stable identity and its documentation (the module docstring).

    ``doc`` takes no part in equality, hashing or repr.
    """

    __match_args__ = ("code", "name", "hook", "summary", "fix", "doc")
    __slots__ = __match_args__
    _compare = ("code", "name", "hook", "summary", "fix")
    code: str
    name: str
    hook: str
    summary: str
    fix: FixAvailability
    doc: str

    def __init__(
        self, code: str, name: str, hook: str, summary: str, fix: FixAvailability, doc: str
    ) -> None:
        if not (len(code) == 6 and code.startswith("SCH") and code[3:].isdigit()):
            raise ValueError(f"rule code {code!r} is not of the form SCHnnn")
        _set(self, "code", code)
        _set(self, "name", name)
        _set(self, "hook", hook)
        _set(self, "summary", summary)
        _set(self, "fix", fix)
        _set(self, "doc", doc)


class Finding(Record):
    __match_args__ = ("rule", "path", "location", "message", "fix")
    __slots__ = __match_args__
    rule: Rule
    path: str
    location: Location
    message: str
    fix: Fix | None

    def __init__(
        self, rule: Rule, path: str, location: Location, message: str, fix: Fix | None = None
    ) -> None:
        _set(self, "rule", rule)
        _set(self, "path", path)
        _set(self, "location", location)
        _set(self, "message", message)
        _set(self, "fix", fix)

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.location.line, self.location.column, self.rule.code)
