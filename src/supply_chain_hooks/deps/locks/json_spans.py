"""Offsets of keys and values in a JSON text that ``json.loads`` accepted.

Built only when a finding needs a line: ``index(text)[("default", "six", "hashes", 0)]``
gives ``(start, end)`` of that element (for object members, from the key to the value's end).
"""

from __future__ import annotations

import json

from supply_chain_hooks.deps.locks import Key
from supply_chain_hooks.patterns import lazy

_TOKEN = lazy(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+')


def index(text: str) -> dict[Key, tuple[int, int]]:
    tokens = [(match.group(), match.start(), match.end()) for match in _TOKEN.finditer(text)]
    entries: dict[Key, tuple[int, int]] = {}
    position = 0

    def value(path: Key) -> tuple[int, int]:
        nonlocal position
        piece, start, end = tokens[position]
        position += 1
        if piece == "{":
            while position < len(tokens) and tokens[position][0] != "}":
                if tokens[position][0] == ",":
                    position += 1
                    continue
                raw, key_start, _ = tokens[position]
                position += 2  # the key and ":"
                key = json.loads(raw)
                _, value_end = value((*path, key))
                entries[(*path, key)] = (key_start, value_end)
            end = tokens[position][2] if position < len(tokens) else len(text)
            position += 1
        elif piece == "[":
            number = 0
            while position < len(tokens) and tokens[position][0] != "]":
                if tokens[position][0] == ",":
                    position += 1
                    continue
                entries[(*path, number)] = value((*path, number))
                number += 1
            end = tokens[position][2] if position < len(tokens) else len(text)
            position += 1
        return start, end

    if tokens:
        entries[()] = value(())
    return entries
