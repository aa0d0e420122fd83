"""YAML documents as composed nodes with exact spans.

ruamel.yaml's *composer* (never its constructor or dumper) gives a node graph in which
every node knows its start and end offset, its quote style and its anchor. Keys are
compared by their raw text, so ``on`` is the string ``on`` (YAML 1.2), never ``True``.

Aliases share the anchored node object: :func:`walk` visits each collection once, so an
alias bomb costs linear time and a finding inside an anchored block is reported once, at
the anchor. GitHub rejects duplicate keys while the composer keeps both: :func:`parse`
reports them as input errors.
"""

from __future__ import annotations

from collections.abc import Iterator

from supply_chain_hooks.model import Record
from supply_chain_hooks.patterns import lazy
from supply_chain_hooks.source import InputError, Source

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from typing import Any

    from ruamel.yaml.nodes import Node as Node
    from ruamel.yaml.nodes import ScalarNode as ScalarNode


class Document(Record):
    source: Source
    root: Node | None


#: YAML files larger than this are reported instead of parsed: composing costs about 150
#: bytes of memory per byte of input in the worst case (the largest workflow seen in the
#: corpus of real repositories is 320 KB).
MAX_CHARS = 2 * 1024 * 1024
#: The C composer recurses once per nesting level (it crashes the interpreter past about
#: 30,000 levels) and libyaml's scanner slows down quadratically with flow depth, so a
#: text that might nest deeper than this is composed by the pure-Python composer, which
#: stops at MAX_DEPTH levels with an error.
C_SAFE_DEPTH = 5000
MAX_DEPTH = 100


#: What may precede a block collection on its line; a line starts after any of the breaks
#: libyaml knows (CR, NEL, LS and PS as well as LF).
_BLOCK_PREFIX = lazy("(?:\\A|(?<=[\n\r\x85\u2028\u2029]))[ \t?:-]*")


def _depth_bound(text: str) -> int:
    """An upper bound of the nesting depth, without parsing.

    Each flow collection needs a `[` or `{`. A block collection starts after nothing but
    spaces and the indicators `-`, `?`, `:` on its line, at a greater column than its
    parent (a sequence as a mapping's value may share it), so block depth is at most twice
    the longest such line prefix.
    """
    flow = text.count("[") + text.count("{")
    if flow > C_SAFE_DEPTH:
        return flow
    return flow + 2 * (max(map(len, _BLOCK_PREFIX.findall(text))) + 2)


def may_nest_too_deep(text: str) -> bool:
    """Whether the text can nest more than MAX_DEPTH levels (False: it certainly cannot,
    and :func:`too_deep` need not walk its tree).

    The bound of :func:`_depth_bound`, made exact for this purpose: a flow sequence's
    single-pair mapping (`[a: b]`) is a level without a bracket, so flow counts twice, and
    the scalar at the bottom is a level too.
    """
    flow = text.count("[") + text.count("{")
    if 2 * flow >= MAX_DEPTH:
        return True
    prefix = max(map(len, _BLOCK_PREFIX.findall(text)), default=0)
    return 2 * flow + 2 * (prefix + 2) + 1 > MAX_DEPTH


def _compose(text: str) -> Node | None:
    try:
        from _ruamel_yaml import CParser
    except ImportError:  # pragma: no cover - exercised on PyPy / without the wheel
        CParser = None
    if CParser is None or _depth_bound(text) > C_SAFE_DEPTH:
        return _compose_python(text)
    from ruamel.yaml.error import MarkedYAMLError, YAMLError
    from ruamel.yaml.resolver import BaseResolver

    class _Loader(CParser, BaseResolver):  # type: ignore[misc]
        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            BaseResolver.__init__(self)

    parser = _Loader(text)
    try:
        return parser.get_single_node()  # type: ignore[no-any-return]
    except MarkedYAMLError as error:
        if not any(problem in str(error.problem) for problem in _OLD_LIBYAML_REJECTS):
            raise
        rejected = error
    finally:
        parser.dispose()
    # The libyaml bundled with ruamel.yaml.clib (0.1.7) predates YAML 1.2's plain scalars in
    # flow collections: it refuses a `:` or `?` inside them (`{image: node:20}`,
    # `[release-v1.?]`, `docker://alpine:3.19`) and a root block scalar whose text starts at
    # column 0, all valid YAML 1.2 that GitHub reads. For those errors alone the pure-Python
    # composer (YAML 1.2) decides, so only a text the C parser rejects pays for it. A text it
    # rejects too keeps the C composer's error.
    try:
        return _compose_python(text)
    except YAMLError:
        raise rejected from None


#: The C parser's problems that YAML 1.2 plain scalars in flow collections (and a root block
#: scalar at column 0) cause; see _compose.
_OLD_LIBYAML_REJECTS = (
    "found unexpected ':'",
    "did not find expected ',' or ']'",
    "did not find expected ',' or '}'",
    "did not find expected node content",
    "did not find expected <document start>",
    "found character that cannot start any token",  # `[0?@]`: the text after a `?`
)


def _compose_python(text: str) -> Node | None:
    from ruamel.yaml.loader import BaseLoader

    loader: Any = BaseLoader(text)
    loader.max_depth = MAX_DEPTH
    loader.warn_double_anchors = False
    try:
        return loader.get_single_node()  # type: ignore[no-any-return]
    finally:
        loader.dispose()


def parse(source: Source) -> Document:
    """Compose one YAML document; syntax errors and duplicate keys raise InputError."""
    from ruamel.yaml.error import MarkedYAMLError, YAMLError
    from ruamel.yaml.reader import ReaderError

    if len(source.text) > MAX_CHARS:
        raise InputError(f"YAML file is larger than {MAX_CHARS // (1024 * 1024)} MiB, not checked")
    try:
        root = _compose(source.text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or error.context or "invalid YAML"
        if "duplicate anchor" in str(error.context or "") and error.context_mark is not None:
            problem = f"duplicate anchor (first defined on line {error.context_mark.line + 1})"
        if "maximum depth" in str(problem):
            problem = f"nested more than {MAX_DEPTH} levels deep"
        if "expected a single document" in str(error.context or ""):
            problem = "more than one YAML document in the file (GitHub reads only one)"
        # The mark's index counts characters; its line does not (YAML also breaks lines
        # at U+0085, U+2028 and U+2029), so positions come from the index.
        index = int(mark.index) if mark is not None else 0
        line, column = source.position(index)
        if source.text[index : index + 1] == "\t":
            problem = "a tab character where YAML allows only spaces"
        raise InputError(f"invalid YAML: {problem}", line, column) from None
    except ReaderError as error:
        # The reader stops at the first character YAML forbids; its `position` counts
        # bytes in the C parser and characters in the Python one, so find the character.
        character = chr(error.character) if isinstance(error.character, int) else ""
        found = source.text.find(character) if character else -1
        line, column = source.position(found) if found >= 0 else (1, 1)
        what = f"character U+{ord(character):04X}" if character else "a character"
        raise InputError(f"invalid YAML: {what} is not allowed in YAML", line, column) from None
    except YAMLError as error:
        raise InputError(f"invalid YAML: {str(error).splitlines()[0]}") from None
    except RecursionError:
        raise InputError("invalid YAML: nesting too deep") from None
    if root is not None:
        deep = too_deep(root) if may_nest_too_deep(source.text) else None
        if deep is not None:
            line, column = source.position(start(deep))
            raise InputError(
                f"invalid YAML: nested more than {MAX_DEPTH} levels deep", line, column
            )
        for key, first in duplicate_keys(root):
            line, column = source.position(start(key))
            first_line = source.position(start(first))[0]
            raise InputError(
                f"invalid YAML: duplicate key {key.value!r} (first defined on line {first_line})",
                line,
                column,
            )
    return Document(source, root)


def kind(node: Node) -> str:
    """'scalar', 'sequence' or 'mapping'."""
    return str(getattr(node, "id", ""))


def start(node: Node) -> int:
    return int(node.start_mark.index)


def end(node: Node) -> int:
    return int(node.end_mark.index)


_BREAKS = " \t\r\n\x85\u2028\u2029"


def content_start(text: str, node: Node) -> int:
    """Where a node's content starts: after its properties (an anchor `&t`, a tag `!!str` or
    `!<...>`) and the spaces, comments and line breaks that follow them. The composer's
    start is at the first property; findings and edits belong at the content."""
    index, last = start(node), end(node)
    while text[index : index + 1] in ("&", "!"):
        if text.startswith("!<", index):
            index = text.find(">", index) + 1 or last
        while index < last and text[index] not in _BREAKS:
            index += 1
        while index < last:
            if text[index] in _BREAKS:
                index += 1
            elif text[index] == "#":
                while index < last and text[index] not in "\r\n\x85\u2028\u2029":
                    index += 1
            else:
                break
    return index if index < last else start(node)


def is_mapping(node: Node | None) -> bool:
    return node is not None and kind(node) == "mapping"


def is_sequence(node: Node | None) -> bool:
    return node is not None and kind(node) == "sequence"


def is_scalar(node: Node | None) -> bool:
    return node is not None and kind(node) == "scalar"


def scalar(node: Node | None) -> str | None:
    """The scalar's value (raw text, quotes resolved), or None for collections."""
    if node is not None and kind(node) == "scalar":
        return str(node.value)
    return None


def items(node: Node | None) -> list[tuple[ScalarNode, Node]]:
    """Key/value pairs of a mapping with scalar keys; [] for anything else."""
    if node is None or kind(node) != "mapping":
        return []
    return [(key, value) for key, value in node.value if kind(key) == "scalar"]


def get(node: Node | None, key: str) -> tuple[ScalarNode, Node] | None:
    for key_node, value in items(node):
        if key_node.value == key:
            return key_node, value
    return None


def value(node: Node | None, *path: str | int) -> Node | None:
    """Follow a symbolic path of mapping keys and sequence indices; None when absent."""
    current = node
    for step in path:
        if current is None:
            return None
        if isinstance(step, int):
            if kind(current) != "sequence" or not -len(current.value) <= step < len(current.value):
                return None
            current = current.value[step]
        else:
            found = get(current, step)
            current = found[1] if found else None
    return current


def elements(node: Node | None) -> list[Node]:
    if node is None or kind(node) != "sequence":
        return []
    return list(node.value)


def walk(root: Node) -> Iterator[Node]:
    """Every node reachable from root, each collection once (aliases are not re-entered)."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if kind(node) == "scalar":
            yield node
            continue
        if id(node) in seen:
            continue
        seen.add(id(node))
        yield node
        if kind(node) == "mapping":
            for key, val in reversed(node.value):
                stack.append(val)
                stack.append(key)
        else:
            stack.extend(reversed(node.value))


def too_deep(root: Node) -> Node | None:
    """The first node, in document order, nested more than MAX_DEPTH levels deep (the root
    is level 1, an alias is not a level), as the pure-Python composer stops at it; None when
    there is none. The C composer has no such limit: this makes the verdict the same on
    every path, whatever else the file holds."""
    seen: set[int] = set()
    stack = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if depth > MAX_DEPTH:
            return node
        if kind(node) == "mapping":
            for key, val in reversed(node.value):
                stack.append((val, depth + 1))
                stack.append((key, depth + 1))
        elif kind(node) == "sequence":
            stack.extend((child, depth + 1) for child in reversed(node.value))
    return None


def duplicate_keys(root: Node) -> Iterator[tuple[ScalarNode, ScalarNode]]:
    """(duplicate key, first key) for every mapping that repeats a scalar key."""
    for node in walk(root):
        if kind(node) != "mapping":
            continue
        first: dict[str, ScalarNode] = {}
        for key, _ in node.value:
            if kind(key) != "scalar":
                continue
            if key.value in first:
                yield key, first[key.value]
            else:
                first[key.value] = key


def scalar_value_span(source: Source, node: ScalarNode) -> tuple[int, int]:
    """Offsets of a scalar's content inside its quotes (plain and quoted styles).

    For a quoted scalar the span excludes the quotes; escapes in double-quoted
    scalars are not decoded, so callers that rewrite must check the raw text.
    """
    first, last = start(node), end(node)
    if node.style in ("'", '"'):
        return first + 1, last - 1
    if node.style in ("|", ">"):
        return first, last
    # Plain scalars: the composer's end is exact, but trim trailing spaces defensively.
    while last > first and source.text[last - 1] in " \t":
        last -= 1
    return first, last
