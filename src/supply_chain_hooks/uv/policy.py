"""The hook's policy for a cooldown: its options, the verdict on a cutoff, the values fixes write."""

from __future__ import annotations

import enum
from collections.abc import Mapping

from supply_chain_hooks.model import Record
from supply_chain_hooks.uv import exclude_newer as en
from supply_chain_hooks.uv.settings import spans_supported

_DAY_NS = 86_400 * 1_000_000_000


class Options(Record):
    """The hook's options as given (validated by :func:`validate`)."""

    min_cooldown: str = "3 days"
    fix_value: str = "7 days"
    check_lock: bool = False
    exclude: tuple[str, ...] = ()
    #: The current time in nanoseconds (None: the clock); tests pin it.
    now_ns: int | None = None


class OptionsError(ValueError):
    """A --min-cooldown or --fix-value that cannot be used."""


def validate(options: Options) -> int:
    """The minimum cooldown in nanoseconds; raises OptionsError for unusable options."""
    minimum = en.parse(options.min_cooldown, now_ns=options.now_ns)
    if isinstance(minimum, en.Invalid):
        raise OptionsError(f"--min-cooldown {options.min_cooldown!r}: {minimum.reason}")
    if minimum.span is None:
        raise OptionsError(
            f"--min-cooldown {options.min_cooldown!r} must be a duration such as '3 days'"
        )
    minimum_ns = minimum.span.fixed_nanoseconds()
    fix = en.parse(options.fix_value, now_ns=options.now_ns)
    if isinstance(fix, en.Invalid):
        raise OptionsError(f"--fix-value {options.fix_value!r}: {fix.reason}")
    if fix.span is None or fix.span.fixed_nanoseconds() < max(minimum_ns, 1):
        raise OptionsError(
            f"--fix-value {options.fix_value!r} must be a duration of at least "
            f"--min-cooldown ({options.min_cooldown})"
        )
    return minimum_ns


class Problem(enum.Enum):
    """What is wrong with a cutoff uv accepts, measured against the minimum cooldown."""

    #: A span of zero: the cutoff is now.
    ZERO_SPAN = "zero span"
    #: A span too large to subtract from now: uv then uses now as the cutoff.
    SPAN_OVERFLOWS = "span overflows"
    #: A span shorter than the minimum cooldown.
    SPAN_TOO_SHORT = "span too short"
    #: An absolute cutoff in the future: until then every new release is allowed.
    CUTOFF_IN_FUTURE = "cutoff in the future"
    #: An absolute cutoff more recent than the minimum cooldown.
    CUTOFF_TOO_RECENT = "cutoff too recent"

    @property
    def disables(self) -> bool:
        """The cutoff is now: no cooldown at all."""
        return self in (Problem.ZERO_SPAN, Problem.SPAN_OVERFLOWS)


class Policy(Record):
    """The options of one run, validated, and the clock they are measured against."""

    #: --min-cooldown as written (messages quote it).
    min_cooldown: str
    minimum_ns: int
    #: --fix-value as written.
    fix_value: str
    now_ns: int

    @classmethod
    def from_options(cls, options: Options) -> Policy:
        """Raises OptionsError for unusable options."""
        import time

        minimum_ns = validate(options)
        now_ns = options.now_ns or time.time_ns()
        return cls(options.min_cooldown, minimum_ns, options.fix_value, now_ns)

    def setting(self, value: object) -> en.Setting:
        return en.parse_setting(value, now_ns=self.now_ns)

    def problem(self, cutoff: en.Cutoff) -> Problem | None:
        cooldown = cutoff.cooldown_nanoseconds(self.now_ns)
        if cutoff.span is not None:
            if cutoff.span.is_zero:
                return Problem.ZERO_SPAN
            if cooldown <= 0:
                return Problem.SPAN_OVERFLOWS
            if cooldown < self.minimum_ns:
                return Problem.SPAN_TOO_SHORT
            return None
        if cooldown < 0:
            return Problem.CUTOFF_IN_FUTURE
        if cooldown < self.minimum_ns:
            return Problem.CUTOFF_TOO_RECENT
        return None

    def acceptable(self, value: object, table: Mapping[str, object]) -> str | None:
        """A string value that passes the policy in this table (for moving it), else None."""
        if not isinstance(value, str):
            return None
        parsed = self.setting(value)
        if not isinstance(parsed, en.Cutoff) or self.problem(parsed) is not None:
            return None
        if parsed.is_relative and not spans_supported(table):
            return None
        return value

    def default_value(self, table: Mapping[str, object]) -> str:
        """--fix-value, or, when `required-version` only allows uv without durations, a
        timestamp that far back (UTC midnight): old uv would drop a duration and the table."""
        if spans_supported(table):
            return self.fix_value
        fix = en.parse(self.fix_value, now_ns=self.now_ns)
        assert isinstance(fix, en.Cutoff)  # noqa: S101 - validated with the options
        cutoff = fix.cutoff_nanoseconds(self.now_ns)
        day = cutoff - cutoff % _DAY_NS
        return en.Timestamp.from_nanoseconds(day).iso()

    def replacement(self, original: object, table: Mapping[str, object]) -> str:
        """The value a fix writes: the original lower-cased when that passes, else the default."""
        if isinstance(original, str):
            candidate = original.strip().lower()
            if self.acceptable(candidate, table) is not None:
                return candidate
        return self.default_value(table)
