"""What pip and uv make of a cutoff value: a cooldown in nanoseconds, or why they refuse it.

pip 26.3 (``_handle_uploaded_prior_to`` in ``pip/_internal/cli/cmdoptions.py``) takes, for
``--uploaded-prior-to``, ``PIP_UPLOADED_PRIOR_TO`` and ``uploaded-prior-to`` in pip.conf
alike: ``re.match(r"^P(\\d+)D$", value, re.ASCII)`` (whole days, upper case, since pip 26.1),
else ``datetime.fromisoformat`` of the Python that runs pip (a value without an offset is
local time). uv takes ``--exclude-newer`` and ``UV_EXCLUDE_NEWER`` in the grammar of its
``exclude-newer`` setting (:mod:`supply_chain_hooks.uv.exclude_newer`), and also ``false``.
"""

from __future__ import annotations

import re

from supply_chain_hooks.cooldown.policy import DAY_NS
from supply_chain_hooks.model import Record
from supply_chain_hooks.patterns import lazy

_PIP_DAYS = lazy(r"^P(\d+)D$", re.ASCII)


class Verdict(Record):
    """A value as its tool reads it: the cooldown it gives now, or its reason for refusing."""

    #: How long before now the cutoff is (negative: in the future); None when refused.
    cooldown_ns: int | None
    #: The tool's reason for refusing the value (None when accepted).
    reason: str | None = None
    #: uv's `false`: no cutoff at all.
    disabled: bool = False
    #: A relative value (a duration), as opposed to a fixed date.
    relative: bool = True


def pip_value(value: str, now_ns: int) -> Verdict:
    import datetime as dt

    match = _PIP_DAYS.match(value)
    if match:
        days = int(match.group(1))
        try:  # what pip computes: now - timedelta(days=days)
            dt.datetime.now(dt.UTC) - dt.timedelta(days=days)
        except OverflowError as error:
            return Verdict(None, f"pip fails with an OverflowError ({error})")
        return Verdict(days * DAY_NS)
    try:
        cutoff = dt.datetime.fromisoformat(value)
    except ValueError as error:
        return Verdict(None, f"pip rejects it ({error})")
    if cutoff.tzinfo is None:
        cutoff = cutoff.astimezone()
    epoch = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    delta = cutoff - epoch
    cutoff_ns = (delta.days * 86_400 + delta.seconds) * 1_000_000_000 + delta.microseconds * 1_000
    return Verdict(now_ns - cutoff_ns, relative=False)


def uv_value(value: str, now_ns: int) -> Verdict:
    from supply_chain_hooks.uv import exclude_newer as en

    if value == "false":
        return Verdict(0, disabled=True)
    parsed = en.parse(value, now_ns=now_ns)
    if isinstance(parsed, en.Invalid):
        return Verdict(None, f"uv rejects it ({parsed.reason})")
    return Verdict(parsed.cooldown_nanoseconds(now_ns), relative=parsed.is_relative)
