"""A port of the parts of jiff (0.2.38, the version uv 0.13.9 is built with) that uv uses to
read an `exclude-newer` value, with jiff's exact error messages.

* :mod:`.values`: the values (``Span``, ``Timestamp``, ``Unit``), the civil calendar and the
  arithmetic uv does with them relative to now;
* :mod:`.scan`: byte-level helpers shared by both grammars, and jiff's failure value;
* :mod:`.temporal`: Temporal / RFC 3339 / RFC 9557 date-times (``Timestamp`` and
  ``civil::Date``);
* :mod:`.spans`: durations, ISO 8601 (``P7D``) and jiff's "friendly" format (``7 days``).

Nothing here knows what uv does with a value: that is ``uv/exclude_newer.py``. No function
raises on bad input; parsers return a value or a :class:`~.scan.Fail` carrying jiff's message.
"""
