"""`.pre-commit-config.yaml` as typed values: repositories, revs, frozen comments, hooks.

pre-commit reads `repos:`, a list of mappings: `repo:` (a git URL, or `local` / `meta`),
`rev:` (what to check out) and `hooks:` (each with an `id:` and, optionally, `language:` and
`additional_dependencies:`). :func:`read` turns the composed YAML document into those values
with the offsets rules report at and fixes edit; anything pre-commit itself would reject (a
`repos:` that is not a list, a rev that is not a scalar) is skipped, since pre-commit reports
it. `pre-commit autoupdate --freeze` writes `rev: <sha>  # frozen: <tag>`: the comment is
read from the line where the rev's value ends, when no other rev shares that line.
"""

from __future__ import annotations

import re

from supply_chain_hooks import yaml_doc as y
from supply_chain_hooks.github.refs import RefKind, ref_kind
from supply_chain_hooks.github.spans import comment_line, span, trailing_comment
from supply_chain_hooks.model import Record

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from supply_chain_hooks.source import Source

PATH = ".pre-commit-config.yaml"
#: `repo:` values that name no repository.
LOCAL, META = "local", "meta"
_FROZEN = re.compile(r"#[ \t]*frozen:[ \t]*(?P<tag>[^\s#]*)")
_set = object.__setattr__


def matches(path: str) -> bool:
    """pre-commit's default config file, at the root or in a subfolder (templates, monorepos)."""
    return path.replace("\\", "/").rsplit("/", 1)[-1] == PATH


class Frozen(Record):
    """A `# frozen: <tag>` comment: the comment's span and its tag ("" when it names none)."""

    __match_args__ = ("start", "end", "tag", "tag_start", "tag_end")
    __slots__ = __match_args__
    start: int
    end: int
    tag: str
    tag_start: int
    tag_end: int

    def __init__(self, start: int, end: int, tag: str, tag_start: int, tag_end: int) -> None:
        _set(self, "start", start)
        _set(self, "end", end)
        _set(self, "tag", tag)
        _set(self, "tag_start", tag_start)
        _set(self, "tag_end", tag_end)


class Rev(Record):
    """A repository's `rev:`: its value, where it is reported, and its frozen comment.

    ``shared_line`` is true when another rev ends on the same line (flow style): no comment
    on that line is read as this rev's, and none is written for it.
    """

    __match_args__ = ("value", "kind", "start", "end", "node", "frozen", "shared_line")
    __slots__ = __match_args__
    _compare = ("value", "kind", "start", "end", "frozen", "shared_line")
    value: str
    kind: RefKind
    start: int
    end: int
    node: y.Node
    frozen: Frozen | None
    shared_line: bool

    def __init__(
        self,
        value: str,
        kind: RefKind,
        start: int,
        end: int,
        node: y.Node,
        frozen: Frozen | None,
        shared_line: bool,
    ) -> None:
        values = (value, kind, start, end, node, frozen, shared_line)
        for name, item in zip(self.__match_args__, values, strict=True):
            _set(self, name, item)

    @property
    def pinned(self) -> bool:
        """A full 40-hex commit SHA (pre-commit and git accept either case)."""
        return self.kind in (RefKind.SHA, RefKind.UPPERCASE_SHA)


class Dependency(Record):
    """One `additional_dependencies` entry (its stripped value and where it is written)."""

    __match_args__ = ("text", "start", "end")
    __slots__ = __match_args__
    text: str
    start: int
    end: int

    def __init__(self, text: str, start: int, end: int) -> None:
        _set(self, "text", text)
        _set(self, "start", start)
        _set(self, "end", end)


class Hook(Record):
    """A hook entry: its id, its `language:` when the config sets one, its dependencies."""

    __match_args__ = ("id", "language", "dependencies", "start", "end")
    __slots__ = __match_args__
    id: str
    language: str | None
    dependencies: tuple[Dependency, ...]
    start: int
    end: int

    def __init__(
        self,
        id: str,
        language: str | None,
        dependencies: tuple[Dependency, ...],
        start: int,
        end: int,
    ) -> None:
        values = (id, language, dependencies, start, end)
        for name, item in zip(self.__match_args__, values, strict=True):
            _set(self, name, item)


class Repo(Record):
    """One entry of `repos:`. ``url`` is the stripped `repo:` value ("" when missing)."""

    __match_args__ = ("url", "start", "end", "rev", "hooks")
    __slots__ = __match_args__
    url: str
    start: int
    end: int
    rev: Rev | None
    hooks: tuple[Hook, ...]

    def __init__(
        self, url: str, start: int, end: int, rev: Rev | None, hooks: tuple[Hook, ...]
    ) -> None:
        values = (url, start, end, rev, hooks)
        for name, item in zip(self.__match_args__, values, strict=True):
            _set(self, name, item)

    @property
    def remote(self) -> bool:
        """A repository pre-commit clones (not `local` or `meta`)."""
        return self.url not in (LOCAL, META, "")


class PreCommitConfig(Record):
    __match_args__ = ("document", "repos")
    __slots__ = __match_args__
    _compare = ("repos",)
    document: y.Document
    repos: tuple[Repo, ...]

    def __init__(self, document: y.Document, repos: tuple[Repo, ...]) -> None:
        _set(self, "document", document)
        _set(self, "repos", repos)

    @property
    def source(self) -> Source:
        return self.document.source


def read(document: y.Document) -> PreCommitConfig:
    """The repositories of a parsed config, in order (aliased entries are read once each
    time they appear, as pre-commit reads them; they share offsets)."""
    source = document.source
    entries = [repo for repo in y.elements(y.value(document.root, "repos")) if y.is_mapping(repo)]
    rev_nodes = [y.value(repo, "rev") for repo in entries]
    lines: dict[int, int] = {}
    unique = {id(node): node for node in rev_nodes if node is not None and y.is_scalar(node)}
    for node in unique.values():
        line = comment_line(source, node)
        lines[line] = lines.get(line, 0) + 1
    repos = []
    for repo, rev_node in zip(entries, rev_nodes, strict=True):
        url_node = y.value(repo, "repo")
        url = (y.scalar(url_node) or "").strip()
        if url_node is not None and y.is_scalar(url_node):
            start, end = span(source, url_node)
        else:
            start = end = y.content_start(source.text, repo)
        rev = None
        if rev_node is not None and y.is_scalar(rev_node):
            shared = lines[comment_line(source, rev_node)] > 1
            rev = _rev(source, rev_node, shared)
        repos.append(Repo(url, start, end, rev, tuple(_hooks(source, repo))))
    return PreCommitConfig(document, tuple(repos))


def _rev(source: Source, node: y.Node, shared: bool) -> Rev:
    value = str(node.value).strip()
    start, end = span(source, node)
    frozen = None
    if not shared:
        style = getattr(node, "style", None) or ""
        after = y.start(node) if style in ("|", ">") else y.end(node)
        found = trailing_comment(source, after)
        comment = found[0] if found is not None else None
        if comment is not None:
            match = _FROZEN.match(comment.text)
            if match is not None:
                tag_start = comment.start + match.start("tag")
                frozen = Frozen(
                    comment.start,
                    comment.end,
                    match["tag"],
                    tag_start,
                    tag_start + len(match["tag"]),
                )
    return Rev(value, ref_kind(value), start, end, node, frozen, shared)


def _hooks(source: Source, repo: y.Node) -> list[Hook]:
    hooks = []
    for hook in y.elements(y.value(repo, "hooks")):
        if not y.is_mapping(hook):
            continue
        id_node = y.value(hook, "id")
        if id_node is not None and y.is_scalar(id_node):
            start, end = span(source, id_node)
        else:
            start = end = y.content_start(source.text, hook)
        language = y.scalar(y.value(hook, "language"))
        dependencies = []
        for item in y.elements(y.value(hook, "additional_dependencies")):
            text = y.scalar(item)
            if text is None or not text.strip():
                continue
            dependencies.append(Dependency(text.strip(), *span(source, item)))
        hooks.append(
            Hook(
                (y.scalar(id_node) or "").strip(),
                language.strip() if language is not None else None,
                tuple(dependencies),
                start,
                end,
            )
        )
    return hooks
