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

from supply_chain_hooks import yaml_doc as y
from supply_chain_hooks.github.refs import RefKind, ref_kind
from supply_chain_hooks.github.spans import comment_line, span, trailing_comment
from supply_chain_hooks.model import Record, field
from supply_chain_hooks.patterns import lazy

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from supply_chain_hooks.source import Source

PATH = ".pre-commit-config.yaml"
#: `repo:` values that name no repository.
LOCAL, META = "local", "meta"
_FROZEN = lazy(r"#[ \t]*frozen:[ \t]*(?P<tag>[^\s#]*)")


def matches(path: str) -> bool:
    """pre-commit's default config file, at the root or in a subfolder (templates, monorepos)."""
    return path.replace("\\", "/").rsplit("/", 1)[-1] == PATH


class Frozen(Record):
    """A `# frozen: <tag>` comment: the comment's span and its tag ("" when it names none)."""

    start: int
    end: int
    tag: str
    tag_start: int
    tag_end: int


class Rev(Record):
    """A repository's `rev:`: its value, where it is reported, and its frozen comment.

    ``shared_line`` is true when another rev ends on the same line (flow style): no comment
    on that line is read as this rev's, and none is written for it.
    """

    value: str
    kind: RefKind
    start: int
    end: int
    #: Not compared: a rev is its value and place, whatever document it was parsed from.
    node: y.Node = field(compare=False)
    frozen: Frozen | None
    shared_line: bool

    @property
    def pinned(self) -> bool:
        """A full 40-hex commit SHA (pre-commit and git accept either case)."""
        return self.kind in (RefKind.SHA, RefKind.UPPERCASE_SHA)


class Dependency(Record):
    """One `additional_dependencies` entry (its stripped value and where it is written)."""

    text: str
    start: int
    end: int


class Hook(Record):
    """A hook entry: its id, its `language:` when the config sets one, its dependencies."""

    id: str
    language: str | None
    dependencies: tuple[Dependency, ...]
    start: int
    end: int


class Repo(Record):
    """One entry of `repos:`. ``url`` is the stripped `repo:` value ("" when missing)."""

    url: str
    start: int
    end: int
    rev: Rev | None
    hooks: tuple[Hook, ...]

    @property
    def remote(self) -> bool:
        """A repository pre-commit clones (not `local` or `meta`)."""
        return self.url not in (LOCAL, META, "")


class PreCommitConfig(Record):
    #: Not compared: two configs are equal when their repositories are.
    document: y.Document = field(compare=False)
    repos: tuple[Repo, ...]

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
