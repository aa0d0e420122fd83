"""The file-level noqa layer: ``# ruff: noqa`` and ``# ruff: file-ignore[...]`` in a file.

Comments are parsed by :mod:`..noqa`; a file is read only when it may hold one (it is among
the candidates a ``git grep`` found, or, without git, it contains ``ruff`` or ``flake8``).
Codes are matched exactly, after Ruff's redirects, and by rule name in preview.
"""

from __future__ import annotations

import contextlib
import os

from supply_chain_hooks.ruff import noqa
from supply_chain_hooks.ruff.causes import FileNoqa
from supply_chain_hooks.ruff.origin import Origin
from supply_chain_hooks.source import InputError

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Callable

    from supply_chain_hooks.ruff.causes import Collector
    from supply_chain_hooks.ruff.table import RuleTable
    from supply_chain_hooks.source import Source


class FileNoqaLayer:
    """The file-level noqa layer of one run."""

    def __init__(
        self,
        read: Callable[[str], Source],
        root: str,
        candidates: frozenset[str] | None,
        *,
        table: RuleTable,
        required: frozenset[int],
        collector: Collector,
    ) -> None:
        self.read = read
        self.root = root
        #: Files that may hold a file-level directive (None: read every file to find out).
        self.candidates = candidates
        self.table = table
        self.required = required
        self.collector = collector

    def file(self, path: str, preview: bool, reported: frozenset[int]) -> frozenset[int]:
        """The S rules of `reported` the file's directives leave on; report the directives that
        switch required ones off."""
        if self.candidates is not None and path not in self.candidates:
            return reported
        try:
            data = _read_bytes(f"{self.root}/{path}")
        except OSError:
            return reported
        if not noqa.could_contain(data):
            return reported
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return reported
        found = noqa.find(text)
        if not found:
            return reported
        # Through the reader too, so `# supply-chain-hooks: ignore[...]` on the line counts.
        with contextlib.suppress(InputError):
            self.read(path)
        for exemption in found:
            rules = self._exempted(exemption, preview)
            reported = reported - rules
            hit_required = rules & self.required
            if hit_required:
                span = (exemption.line, exemption.column, exemption.end_column)
                origin = Origin(path, (), exemption.text, span=span)
                cause = FileNoqa(origin, exemption.text, exemption.codes)
                self.collector.add(cause, path, hit_required)
        return reported

    def _exempted(self, exemption: noqa.Exemption, preview: bool) -> frozenset[int]:
        table = self.table
        if exemption.codes is None:
            return table.s_rules
        out = set()
        for code in exemption.codes:
            target = table.redirects.get(code, code)
            index = table.by_code.get(target)
            if index is None and preview and table.names_selectable:
                index = table.by_name.get(code)
            if index is not None:
                out.add(index)
        return frozenset(out) & table.s_rules


def _read_bytes(path: str) -> bytes:
    """A whole file with the least overhead (no buffered file object)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
    finally:
        os.close(fd)
    return b"".join(chunks)
