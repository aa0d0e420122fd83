"""The hook's policy: the minimum cooldown (uv's duration grammar) and what --fix writes."""

from __future__ import annotations

from supply_chain_hooks.model import Record

DAY_NS = 86_400 * 1_000_000_000
DEFAULT_MIN_COOLDOWN = "3 days"
DEFAULT_FIX_DAYS = 7
#: Dependabot accepts cooldown days from 1 to 90 (0 is written in the wild to switch it off).
MAX_DAYS = 90


class PolicyError(ValueError):
    """A --min-cooldown or --fix-days that cannot be used."""


class Policy(Record):
    """The options of one run, validated."""

    #: --min-cooldown as written (messages quote it).
    min_cooldown: str
    minimum_ns: int
    #: The days --fix writes into Dependabot's `cooldown:`.
    fix_days: int
    #: The current time in nanoseconds, against which relative values are measured.
    now_ns: int

    @classmethod
    def build(
        cls,
        min_cooldown: str = DEFAULT_MIN_COOLDOWN,
        fix_days: int = DEFAULT_FIX_DAYS,
        now_ns: int | None = None,
    ) -> Policy:
        """Raises PolicyError for unusable options."""
        import time

        from supply_chain_hooks.uv import exclude_newer as en

        minimum = en.parse(min_cooldown, now_ns=now_ns)
        if isinstance(minimum, en.Invalid):
            raise PolicyError(f"--min-cooldown {min_cooldown!r}: {minimum.reason}")
        if minimum.span is None:
            raise PolicyError(
                f"--min-cooldown {min_cooldown!r} must be a duration such as '3 days'"
            )
        minimum_ns = minimum.span.fixed_nanoseconds()
        if not 1 <= fix_days <= MAX_DAYS:
            raise PolicyError(f"--fix-days {fix_days} must be a whole number from 1 to {MAX_DAYS}")
        if fix_days * DAY_NS < minimum_ns:
            raise PolicyError(
                f"--fix-days {fix_days} is shorter than --min-cooldown ({min_cooldown})"
            )
        return cls(min_cooldown, minimum_ns, fix_days, now_ns or time.time_ns())

    def days_short(self, days: int) -> bool:
        """Whether a cooldown of whole days is below the minimum."""
        return days * DAY_NS < self.minimum_ns

    def short(self, nanoseconds: int) -> bool:
        return nanoseconds < self.minimum_ns


def plural_days(days: int) -> str:
    return f"{days} day" if days == 1 else f"{days} days"


def describe_ns(nanoseconds: int) -> str:
    """A cooldown for a message: whole days when it is, else hours (or "none")."""
    if nanoseconds <= 0:
        return "no cooldown"
    if nanoseconds % DAY_NS == 0:
        return plural_days(nanoseconds // DAY_NS)
    hours = nanoseconds / (3_600 * 1_000_000_000)
    return f"{hours:g} hours"
