"""The data every part of the pipeline speaks: edits, fixes, findings and rules.

Everything here is immutable. Offsets are indices into the decoded text of a file
(without its byte order mark); lines and columns are 1-based and counted in characters.

The value classes are :class:`Record` subclasses rather than dataclasses: a hook process
starts for every batch of files, and importing ``dataclasses`` and building a dozen frozen
dataclasses costs about a quarter of the time ``zizmor`` needs for a whole small workflow.
A Record is declared like a frozen dataclass (annotated fields, defaults on the class,
:func:`field` for anything more, ``__post_init__`` to validate) and behaves like one
(``__init__`` takes the fields in order; equality, hash and repr go over them; assignment
is refused), but nothing is compiled when a class is defined: every Record's ``__init__``
is the same small function, storing the arguments through the slots.
"""

from __future__ import annotations

import enum

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, ClassVar, NoReturn, Self, TypeVar, dataclass_transform

    _T = TypeVar("_T")


class _Missing:
    """No default (a class, so that None can be a default)."""


class _Field:
    """One declared field of a Record."""

    __slots__ = ("compare", "default", "factory", "init", "name")

    def __init__(
        self, default: object, factory: Callable[[], object] | None, init: bool, compare: bool
    ) -> None:
        self.name = ""
        self.default = default
        self.factory = factory
        self.init = init
        self.compare = compare

    @property
    def required(self) -> bool:
        return self.default is _Missing and self.factory is None


if not TYPE_CHECKING:

    def dataclass_transform(**options: object) -> Callable[[_T], _T]:
        """typing's, for the type checker only (importing typing costs start-up time)."""
        return lambda target: target


def field(
    *,
    default: Any = _Missing,
    default_factory: Callable[[], object] | None = None,
    init: bool = True,
    compare: bool = True,
) -> Any:
    """A field with options, e.g. ``doc: str = field(compare=False)``. A field that
    ``__init__`` does not take (a cache) needs a default or a default_factory:
    ``_cache: list[int] = field(init=False, compare=False, default_factory=list)``."""
    return _Field(default, default_factory, init, compare)


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
class _RecordType(type):
    """Builds a Record class from its annotated fields: ``__slots__``, ``__match_args__``,
    the compared fields and ``__init__``. A class that writes its own ``__slots__`` (and
    ``__init__``) is left as written."""

    def __new__(mcls, name: str, bases: tuple[type, ...], namespace: dict[str, Any]) -> _RecordType:
        if "__slots__" in namespace:
            return super().__new__(mcls, name, bases, namespace)
        annotations = namespace.get("__annotations__")
        if annotations is None and "__annotate__" in namespace:
            raise TypeError("a Record's module needs `from __future__ import annotations`")
        fields = [spec for base in bases for spec in getattr(base, "_fields", ())]
        slots, parameters, compared = [], [], [spec.name for spec in fields if spec.compare]
        for spec in fields:
            if spec.init:
                parameters.append(spec.name)
        optional = any(not spec.required for spec in fields if spec.init)  # inherited
        for key, annotation in (annotations or {}).items():
            if str(annotation).startswith(("ClassVar", "typing.ClassVar")):
                continue
            # Taken out of the namespace: a slot and a class attribute cannot share a name.
            declared = namespace.pop(key, _Missing)
            if declared.__class__ is _Field:
                spec = declared
            elif declared.__class__ in (list, dict, set):
                raise TypeError(
                    f"{key}: mutable default {declared!r}: use field(default_factory=...)"
                )
            else:
                spec = _Field(declared, None, init=True, compare=True)
            spec.name = key
            required = spec.default is _Missing and spec.factory is None
            if not spec.init:
                if required:
                    raise TypeError(f"{name}: {key!r} has init=False and no default")
            elif optional and required:
                raise TypeError(f"{name}: {key!r} without a default follows a default")
            else:
                optional = not required
                parameters.append(key)
            if spec.compare:
                compared.append(key)
            slots.append(key)
            fields.append(spec)
        namespace["__slots__"] = tuple(slots)
        namespace["__match_args__"] = tuple(parameters)
        namespace["_compare"] = tuple(compared)
        namespace["_fields"] = tuple(fields)
        cls = super().__new__(mcls, name, bases, namespace)
        if "__init__" not in namespace:
            cls.__init__ = _first_init(cls)  # type: ignore[misc]
        return cls


def _first_init(cls: _RecordType) -> Callable[..., None]:
    """A Record's ``__init__`` until its first call, which builds the real one: a class
    that a run never instantiates costs nothing more."""

    def __init__(self: Record, *args: object, **kwargs: object) -> None:
        init = _make_init(cls)
        cls.__init__ = init  # type: ignore[misc]
        init(self, *args, **kwargs)

    return __init__


def _make_init(cls: _RecordType) -> Callable[..., None]:
    """The ``__init__`` of a Record, a closure over its fields (nothing is compiled):
    positional arguments are stored through the slot descriptors; keywords and missing
    arguments go through :func:`_bind`, which fails as a written ``__init__`` would."""
    fields: tuple[_Field, ...] = cls._fields  # type: ignore[attr-defined]
    parameters = [spec for spec in fields if spec.init]
    setters = tuple([getattr(cls, spec.name).__set__ for spec in parameters])
    count = len(parameters)
    minimum = 0
    while minimum < count and parameters[minimum].required:
        minimum += 1
    # The defaults of the optional parameters (a factory's field stands for a fresh value).
    tail = tuple([spec if spec.factory else spec.default for spec in parameters[minimum:]])
    finish = _finisher(cls, fields)

    def __init__(self: Record, *args: object, **kwargs: object) -> None:
        if kwargs or not minimum <= len(args) <= count:
            args = _bind(cls, parameters, args, kwargs)
        elif len(args) < count:
            args += tail[len(args) - minimum :]
        for setter, value in zip(setters, args):  # noqa: B905 - one value per setter
            setter(self, value)
        if finish is not None:
            finish(self)

    return __init__


def _finisher(cls: type, fields: tuple[_Field, ...]) -> Callable[[Record], None] | None:
    """What ``__init__`` does after storing the arguments, if anything: fresh values from
    factories, the fields it does not take, then ``__post_init__``."""
    factories = [
        (spec, getattr(cls, spec.name).__set__) for spec in fields if spec.factory or not spec.init
    ]
    post_init = getattr(cls, "__post_init__", None)
    if not factories and post_init is None:
        return None

    def finish(self: Record) -> None:
        for spec, setter in factories:
            if not spec.init or getattr(self, spec.name) is spec:
                setter(self, spec.factory() if spec.factory else spec.default)
        if post_init is not None:
            post_init(self)

    return finish


def _bind(
    cls: type, parameters: list[_Field], args: tuple[object, ...], kwargs: dict[str, object]
) -> tuple[object, ...]:
    """Every parameter's value, from the arguments, keywords and defaults; a call that
    does not fit the signature raises the TypeError Python would."""
    if len(args) > len(parameters):
        raise TypeError(
            f"{cls.__qualname__}() takes {len(parameters)} positional arguments "
            f"but {len(args)} were given"
        )
    values = list(args)
    missing = []
    for spec in parameters[len(args) :]:
        if spec.name in kwargs:
            values.append(kwargs.pop(spec.name))
        elif spec.required:
            missing.append(repr(spec.name))
        else:
            values.append(spec if spec.factory is not None else spec.default)
    if missing:
        names = " and ".join([", ".join(missing[:-1]), missing[-1]] if missing[1:] else missing)
        raise TypeError(
            f"{cls.__qualname__}() missing {len(missing)} required positional "
            f"argument{'s' if missing[1:] else ''}: {names}"
        )
    for name in kwargs:
        known = any(spec.name == name for spec in parameters)
        problem = "multiple values for" if known else "an unexpected keyword"
        raise TypeError(f"{cls.__qualname__}() got {problem} argument {name!r}")
    return tuple(values)


class Record(metaclass=_RecordType):
    """An immutable value: equality, hash and repr over its compared fields.

    Declare fields as on a frozen dataclass (``__slots__``, ``__match_args__`` and
    ``__init__`` are derived from them); validate in ``__post_init__``. A subclass that
    writes ``__slots__`` itself is kept as written: it lists its fields in
    ``__match_args__`` and sets them in its own ``__init__`` with ``object.__setattr__``.
    """

    __slots__ = ()
    #: The fields __init__ takes, in order (as a dataclass's __match_args__).
    __match_args__: ClassVar[tuple[str, ...]] = ()
    #: Fields compared, hashed and shown by repr (every field unless narrowed).
    _compare: ClassVar[tuple[str, ...]] = ()
    _fields: ClassVar[tuple[_Field, ...]] = ()

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

    def replace(self, **changes: Any) -> Self:
        """A copy with the given fields changed (as ``dataclasses.replace``)."""
        values = {name: getattr(self, name) for name in self.__match_args__}
        return self.__class__(**{**values, **changes})

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

    start: int
    end: int
    content: str

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"invalid edit range {self.start}..{self.end}")


class Fix(Record):
    title: str
    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE

    @property
    def start(self) -> int:
        return min(edit.start for edit in self.edits)

    @property
    def end(self) -> int:
        return max(edit.end for edit in self.edits)


class Location(Record):
    """A 1-based, inclusive-start, exclusive-end range of line and column numbers."""

    line: int
    column: int
    end_line: int
    end_column: int


class Rule(Record):
    """A rule's stable identity and its documentation (the module docstring).

    ``doc`` takes no part in equality, hashing or repr.
    """

    code: str
    name: str
    hook: str
    summary: str
    fix: FixAvailability
    doc: str = field(compare=False)

    def __post_init__(self) -> None:
        code = self.code
        if not (len(code) == 6 and code.startswith("SCH") and code[3:].isdigit()):
            raise ValueError(f"rule code {code!r} is not of the form SCHnnn")


class Finding(Record):
    rule: Rule
    path: str
    location: Location
    message: str
    fix: Fix | None = None
    #: ``--fix`` computes a safe fix for this finding that a plain check cannot (it needs
    #: the network): counted as fixable like a finding carrying a safe fix.
    fixed_by_fix: bool = False
    #: What to do about this finding in particular (e.g. the command that regenerates the
    #: file), shown with ``--show-hints`` before the rule's own example.
    hint: str = ""

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.location.line, self.location.column, self.rule.code)
