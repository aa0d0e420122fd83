"""Pinning a `uses:` in place: the edits that write a new ref and its `# version` comment.

Edits touch only the ref and the comment; :func:`meaning_preserved` re-parses the edited
text to prove the change altered only the intended value, and :func:`pin_fix` offers a fix
only then.
"""

from __future__ import annotations

import itertools
import re

from supply_chain_hooks import yaml_doc as y
from supply_chain_hooks.github.refs import Repository
from supply_chain_hooks.github.spans import others_on_line, trailing_comment, value_text
from supply_chain_hooks.github.versions import comment_version
from supply_chain_hooks.model import Edit, Fix, Record
from supply_chain_hooks.source import InputError

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from supply_chain_hooks.github.sites import Site
    from supply_chain_hooks.github.spans import ValueText
    from supply_chain_hooks.source import Source


def rewrite_comment(comment: str | None, version: str) -> str:
    """The comment after pinning: `# <version>`, keeping whatever text the old one had.

    A comment that starts with a version (`# v4`, `# tag=v4 keep`) gets that version replaced;
    any other comment (`# keep me`, `# zizmor: ignore[...]`) follows the new version.
    """
    if comment is None:
        return f"# {version}"
    found = comment_version(comment)
    if found is not None:
        _, start, end = found
        return comment[:start] + version + comment[end:]
    return f"# {version} {comment}"


_separator: list[tuple[Source, str]] = []


def comment_separator(source: Source) -> str:
    """The spacing before `#` that the file's `uses:` lines already use (yamllint wants two);
    computed once per text (every site of a file asks)."""
    if _separator and _separator[0][0] is source:
        return _separator[0][1]
    found = _comment_separator(source)
    _separator[:] = [(source, found)]
    return found


def _comment_separator(source: Source) -> str:
    counts: dict[str, int] = {}
    for match in re.finditer(r"uses['\"]?\s*:[^#\n]*?\S( +)#", source.text):
        counts[match.group(1)] = counts.get(match.group(1), 0) + 1
    if not counts:
        return " "
    return max(counts, key=lambda gap: (counts[gap], -len(gap)))


def pin_edits(
    source: Source,
    text: ValueText,
    old_ref: str,
    new_ref: str,
    version: str | None,
    *,
    separator: str = " ",
) -> tuple[Edit, ...] | None:
    """Edits that replace the ref (the value's tail) and write or update the version comment."""
    ref_start = text.end - len(old_ref)
    if source.text[ref_start : text.end] != old_ref:
        return None
    edits = [Edit(ref_start, text.end, new_ref)]
    if version is None:
        return tuple(edits)
    found = trailing_comment(source, text.comment_from)
    if found is None:
        return None
    comment, content_end = found
    if comment is None:
        edits.append(Edit(content_end, content_end, f"{separator}# {version}"))
    else:
        new_comment = rewrite_comment(comment.text, version)
        if new_comment != comment.text:
            edits.append(Edit(comment.start, comment.end, new_comment))
    if len(edits) == 2 and edits[1].start < edits[0].end and edits[0].start < edits[1].end:
        return None
    return tuple(sorted(edits, key=lambda edit: (edit.start, edit.end)))


def apply(text: str, edits: Iterable[Edit]) -> str:
    parts = []
    last = 0
    for edit in sorted(edits, key=lambda edit: edit.start):
        parts.append(text[last : edit.start])
        parts.append(edit.content)
        last = edit.end
    parts.append(text[last:])
    return "".join(parts)


def fingerprint(root: y.Node | None, replace: Mapping[int, str] | None = None) -> list[object]:
    """The document's meaning: tags, values and alias structure, in document order.

    Linear in the number of nodes (aliases are recorded, not expanded). ``replace`` maps a
    scalar node's id to the value it should be compared with.
    """
    out: list[object] = []
    if root is None:
        return out
    numbers: dict[int, int] = {}
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in numbers:
            out.append(("*", numbers[id(node)]))
            continue
        numbers[id(node)] = len(numbers)
        if y.is_scalar(node):
            value = replace.get(id(node), node.value) if replace else node.value
            out.append(("s", node.tag, value))
        elif y.is_mapping(node):
            out.append(("m", node.tag, len(node.value)))
            for key, item in reversed(node.value):
                stack.append(item)
                stack.append(key)
        else:
            out.append(("q", node.tag, len(node.value)))
            stack.extend(reversed(node.value))
    return out


def meaning_preserved(
    document: y.Document, edits: Iterable[Edit], node: y.Node, new_value: str
) -> bool:
    """Whether applying edits changes the document only by giving node the new value."""
    return _preserved(document, edits, {id(node): new_value})


class Candidate(Record):
    """The edits that would pin one site, not yet proven: each attempt (with the version
    comment, then without it) is tried in order."""

    site: Site
    title: str
    attempts: tuple[tuple[Edit, ...], ...]
    #: The value the site's node must have after the edits.
    new_value: str


def candidate(
    document: y.Document,
    sites: Sequence[Site],
    site: Site,
    new_ref: str,
    version: str | None,
    title: str,
) -> Candidate | None:
    """The edits that write new_ref (and `# version`) in place, or None when the value is
    not spelled literally (escapes, folding). The version comment is left out when another
    `uses:` shares the line."""
    uses = site.uses
    value = y.scalar(site.node)
    if not isinstance(uses, Repository) or value is None:
        return None
    source = document.source
    text = value_text(source, site.node)
    if text is None:
        return None
    old = source.text[text.start : text.end]
    new_value = value.replace(old, old[: len(old) - len(uses.ref)] + new_ref, 1)
    versions = [version, None] if version is not None else [None]
    if version is not None and others_on_line(source, sites, site):
        versions = [None]
    separator = comment_separator(source) if version is not None else " "
    attempts = []
    for attempt in versions:
        edits = pin_edits(source, text, uses.ref, new_ref, attempt, separator=separator)
        if edits:
            attempts.append(edits)
    return Candidate(site, title, tuple(attempts), new_value) if attempts else None


def prove(document: y.Document, candidates: Sequence[Candidate | None]) -> list[Fix | None]:
    """A SAFE fix for each candidate whose edits are proven to change nothing but its value.

    All candidates' first attempts are proven together with one re-parse of the document
    (so pinning n sites costs one parse, not n); only when that fails is each candidate
    proven on its own, attempt by attempt.
    """
    from supply_chain_hooks.model import Applicability

    live = [item for item in candidates if item is not None]
    proven: dict[int, tuple[Edit, ...]] = {}
    if live:
        edits = sorted(
            (edit for item in live for edit in item.attempts[0]),
            key=lambda edit: (edit.start, edit.end),
        )
        disjoint = all(left.end <= right.start for left, right in itertools.pairwise(edits))
        replace = {id(item.site.node): item.new_value for item in live}
        if len(replace) == len(live) and disjoint and _preserved(document, edits, replace):
            proven = {id(item): item.attempts[0] for item in live}
        else:
            for item in live:
                for attempt in item.attempts:
                    if _preserved(document, attempt, {id(item.site.node): item.new_value}):
                        proven[id(item)] = attempt
                        break
    return [
        Fix(item.title, proven[id(item)], Applicability.SAFE)
        if item is not None and id(item) in proven
        else None
        for item in candidates
    ]


def _preserved(document: y.Document, edits: Iterable[Edit], replace: Mapping[int, str]) -> bool:
    """Whether applying edits changes the document only by giving each node in replace
    (by id) its new value."""
    from supply_chain_hooks import fast_yaml

    new_text = apply(document.source.text, edits)
    try:
        changed = fast_yaml.parse(document.source.replaced(new_text))
    except InputError:
        return False
    return fingerprint(changed.root) == fingerprint(document.root, replace)


def pin_fix(
    document: y.Document,
    sites: Sequence[Site],
    site: Site,
    new_ref: str,
    version: str | None,
    title: str,
) -> Fix | None:
    """A SAFE fix that writes new_ref (and `# version`) in place, proven to change nothing else.

    The version comment is left out when another `uses:` shares the line or when adding it
    would change the document (a flow collection continuing on the next line); no fix at all
    when the value is not spelled literally (escapes, folding). To pin many sites of one
    document, build their :func:`candidate` and :func:`prove` them together.
    """
    return prove(document, [candidate(document, sites, site, new_ref, version, title)])[0]
