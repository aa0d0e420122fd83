"""Where a value that decides the verdict is written: a file, and a place in it."""

from __future__ import annotations

from supply_chain_hooks.model import Record


class Origin(Record):
    """A file and a key path in it (TOML keys or YAML path), or a line span of a Python file.

    The finding for a cause is reported at its origin: the key's span, or ``span`` when the
    value is a comment (a file-level ``# ruff: noqa``) or the file as a whole.
    """

    path: str
    key: tuple[str | int, ...]
    #: How to name the value to a human, e.g. ``lint.ignore "S1"`` or ``--ignore S1``.
    label: str
    #: (line, column, end column), 1-based, for an origin that is not a key.
    span: tuple[int, int, int] | None = None
