"""`uses:` values: what they reference, where they stand, and how to rewrite them in place.

GitHub reads a `uses:` value after stripping surrounding whitespace, as one of:

* a local action or workflow: `./path`, `../path`, or `$/path` (the same repository);
* a Docker image: `docker://[registry/]name[:tag][@sha256:<64 hex>]`;
* an action or reusable workflow in a repository: `owner/repo[/path]@ref`.

:func:`parse` turns a value into one of those (or an :class:`Invalid` with the reason);
:func:`collect` finds every place a `uses:` (or a Docker action's `runs.image`) stands in a
workflow or action document, once per YAML node, so an anchored value used through aliases
is reported once, at the anchor. The text helpers at the end locate the ref inside the file's
own bytes and build edits that touch nothing else; :func:`meaning_preserved` re-parses the
edited text to prove the change altered only the intended value.
"""

from __future__ import annotations

import enum
import re

from supply_chain_hooks import yaml_doc as y
from supply_chain_hooks.github import workflow
from supply_chain_hooks.model import Edit, Fix, Record
from supply_chain_hooks.source import InputError, Source

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

_set = object.__setattr__

#: GitHub account names: letters, digits and hyphens, not starting with a hyphen. Enterprise
#: managed users add an `_shortcode` suffix, so underscores are accepted after the first character.
OWNER = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,99}\Z")
#: GitHub repository names: ASCII letters, digits, `.`, `-` and `_`.
REPO = re.compile(r"[A-Za-z0-9._-]{1,100}\Z")
_HEX = re.compile(r"[0-9a-fA-F]+\Z")
_LOWER_SHA = re.compile(r"[0-9a-f]{40}\Z")
_DIGEST = re.compile(r"sha256:[0-9a-f]{64}\Z")
#: Characters git never allows in a ref name (git check-ref-format).
_BAD_REF_CHARS = re.compile(r"[\x00-\x20\x7f~^:?*\[\\]")
#: Branch names that nearly always mean a moving branch.
BRANCH_NAMES = frozenset(
    {"main", "master", "develop", "development", "dev", "trunk", "next", "HEAD"}
)


class RefKind(enum.Enum):
    SHA = "sha"  #: exactly 40 lowercase hex digits: pinned
    UPPERCASE_SHA = "uppercase-sha"  #: 40 hex digits, some uppercase: pinned, not canonical
    SHORT_SHA = "short-sha"  #: 7 to 39 hex digits: an abbreviated commit, not a pin
    SYMBOLIC = "symbolic"  #: a tag, a branch, or anything else


class Local(Record):
    __match_args__ = ("path",)
    __slots__ = __match_args__
    path: str

    def __init__(self, path: str) -> None:
        _set(self, "path", path)


class Docker(Record):
    __match_args__ = ("image", "tag", "digest")
    __slots__ = __match_args__
    image: str
    tag: str | None
    digest: str | None

    def __init__(self, image: str, tag: str | None, digest: str | None) -> None:
        _set(self, "image", image)
        _set(self, "tag", tag)
        _set(self, "digest", digest)

    @property
    def pinned(self) -> bool:
        return self.digest is not None and _DIGEST.match(self.digest) is not None


class Repository(Record):
    __match_args__ = ("owner", "repo", "subpath", "ref")
    __slots__ = __match_args__
    owner: str
    repo: str
    subpath: str | None
    ref: str

    def __init__(self, owner: str, repo: str, subpath: str | None, ref: str) -> None:
        _set(self, "owner", owner)
        _set(self, "repo", repo)
        _set(self, "subpath", subpath)
        _set(self, "ref", ref)

    @property
    def name(self) -> str:
        """`owner/repo[/subpath]`, as written."""
        return f"{self.owner}/{self.repo}" + (f"/{self.subpath}" if self.subpath else "")

    @property
    def slug(self) -> str:
        return f"{self.owner}/{self.repo}"

    @property
    def kind(self) -> RefKind:
        return ref_kind(self.ref)


class Invalid(Record):
    __match_args__ = ("reason",)
    __slots__ = __match_args__
    reason: str

    def __init__(self, reason: str) -> None:
        _set(self, "reason", reason)


Uses = Local | Docker | Repository | Invalid


def ref_kind(ref: str) -> RefKind:
    if _HEX.match(ref):
        if len(ref) == 40:
            return RefKind.SHA if _LOWER_SHA.match(ref) else RefKind.UPPERCASE_SHA
        if 7 <= len(ref) < 40:
            return RefKind.SHORT_SHA
    return RefKind.SYMBOLIC


def ref_name_problem(ref: str) -> str | None:
    """Why ref is not a valid git ref name (git check-ref-format, one level allowed), or None."""
    if ref.startswith("-"):
        return "starts with `-`"
    if _BAD_REF_CHARS.search(ref):
        return "contains a space, a control character or one of ~^:?*[\\"
    if ".." in ref or "@{" in ref or "//" in ref or ref == "@":
        return "contains `..`, `@{` or `//`"
    if ref.endswith(("/", ".", ".lock")) or ref.startswith("/"):
        return "starts or ends with `/`, or ends with `.` or `.lock`"
    if any(part.startswith(".") for part in ref.split("/")):
        return "has a path component starting with `.`"
    return None


def parse(value: str) -> Uses:
    """What a `uses:` value references (GitHub strips surrounding whitespace first)."""
    text = value.strip()
    if not text:
        return Invalid("`uses:` is empty")
    if "${{" in text:
        return Invalid(
            "`uses:` cannot contain an expression (`${{ }}`): GitHub resolves actions "
            "before it evaluates expressions"
        )
    if text.startswith(("./", "../", "$/")):
        return Local(text)
    if text.startswith("docker://"):
        return _parse_docker(text)
    if "@" not in text:
        return Invalid(
            f"`{text}` has no `@ref`: write `owner/repo@<40-hex commit SHA>` "
            "(or `./path` for a local action)"
        )
    name, _, ref = text.partition("@")
    if "@" in ref:
        return Invalid(f"`{text}` has more than one `@`")
    if not ref:
        return Invalid(f"`{text}` has an empty ref after `@`")
    parts = name.split("/", 2)
    if len(parts) < 2:
        return Invalid(f"`{text}` does not name a repository: write `owner/repo@ref`")
    owner, repo = parts[0], parts[1]
    subpath = parts[2] if len(parts) == 3 else None
    if not OWNER.match(owner):
        return Invalid(f"`{text}`: `{owner}` is not a valid GitHub owner name")
    if not REPO.match(repo) or repo in (".", ".."):
        return Invalid(f"`{text}`: `{repo}` is not a valid GitHub repository name")
    if subpath is not None and (not subpath or any(not part for part in subpath.split("/"))):
        return Invalid(f"`{text}` has an empty path component")
    problem = ref_name_problem(ref)
    if problem is not None:
        return Invalid(f"`{text}`: the ref `{ref}` is not a valid git ref name (it {problem})")
    return Repository(owner, repo, subpath, ref)


def _parse_docker(text: str) -> Uses:
    reference = text.removeprefix("docker://")
    if not reference:
        return Invalid("`docker://` names no image")
    image, _, digest = reference.partition("@")
    last = image.rsplit("/", 1)[-1]
    tag = None
    if ":" in last:
        image, _, tag = image.rpartition(":")
    if not image or any(ch.isspace() for ch in reference):
        return Invalid(f"`{text}` is not a valid image reference")
    return Docker(image, tag or None, digest if "@" in reference else None)


# --- version names -----------------------------------------------------------------------

_VERSION = re.compile(
    r"(?P<prefix>\S*?[/@_-]?[vV]?)(?P<numbers>\d+(?:\.\d+)*)(?P<suffix>(?:[-+][0-9A-Za-z.+-]*)?)\Z"
)


class Version(Record):
    __match_args__ = ("prefix", "numbers", "suffix")
    __slots__ = __match_args__
    prefix: str
    numbers: tuple[int, ...]
    suffix: str

    def __init__(self, prefix: str, numbers: tuple[int, ...], suffix: str) -> None:
        _set(self, "prefix", prefix)
        _set(self, "numbers", numbers)
        _set(self, "suffix", suffix)


def split_version(name: str) -> Version | None:
    """`v4.2.2` -> ('v', (4, 2, 2), ''); `codeql-bundle-v2.1` -> ('codeql-bundle-v', (2, 1), '')."""
    match = _VERSION.match(name)
    if match is None:
        return None
    prefix = match["prefix"]
    # A prefix must end at a separator or be a bare `v` (so `abc1` is not a version).
    if prefix and prefix not in ("v", "V") and prefix[-1] not in "/@_-vV":
        return None
    if prefix and prefix[-1] in "vV" and len(prefix) > 1 and prefix[-2] not in "/@_-":
        return None
    numbers = tuple(int(part) for part in match["numbers"].split("."))
    return Version(prefix, numbers, match["suffix"])


def is_version_like(ref: str) -> bool:
    """`v4`, `1.2.3`, `v6-beta`: a plain version name without a prefix."""
    version = split_version(ref)
    return version is not None and version.prefix in ("", "v", "V")


def most_specific_version(ref: str, tags: Iterable[str]) -> str | None:
    """Of the tags on one commit, the most specific version name for ref (`v4` -> `v4.2.2`).

    Tags of the same family as ref (same prefix, same leading numbers) come first; then any
    version tag; releases beat pre-releases, more numbers beat fewer. None when no tag is a
    version (the caller may fall back to ref itself).
    """

    def key(tag: str) -> tuple[int, bool, tuple[int, ...], str]:
        version = split_version(tag)
        assert version is not None  # noqa: S101 - filtered below
        return (len(version.numbers), not version.suffix, version.numbers, tag)

    versions = [tag for tag in tags if split_version(tag) is not None]
    base = split_version(ref)
    if base is not None:
        family = []
        for tag in versions:
            version = split_version(tag)
            if (
                version is not None
                and version.prefix == base.prefix
                and version.numbers[: len(base.numbers)] == base.numbers
            ):
                family.append(tag)
        if family:
            return max(family, key=key)
    return max(versions, key=key) if versions else None


# --- where `uses:` stands ------------------------------------------------------------------


class Context(enum.Enum):
    STEP = "step"  #: a workflow, parallel or composite-action step
    JOB = "job"  #: a job calling a reusable workflow
    IMAGE = "image"  #: a Docker action's `runs.image`


class Site(Record):
    __match_args__ = ("context", "key", "node", "uses")
    __slots__ = __match_args__
    context: Context
    key: y.ScalarNode
    node: y.Node
    uses: Uses

    def __init__(self, context: Context, key: y.ScalarNode, node: y.Node, uses: Uses) -> None:
        _set(self, "context", context)
        _set(self, "key", key)
        _set(self, "node", node)
        _set(self, "uses", uses)


def collect(document: y.Document) -> list[Site]:
    """Every `uses:` of steps (workflow, parallel, composite) and jobs, and `runs.image`.

    Each value node appears once, even when aliases repeat it.
    """
    root = document.root
    if not y.is_mapping(root):
        return []
    found: list[Site] = []
    seen: set[int] = set()

    def add(context: Context, pair: tuple[y.ScalarNode, y.Node] | None) -> None:
        if pair is None or id(pair[1]) in seen:
            return
        key, node = pair
        seen.add(id(node))
        found.append(Site(context, key, node, _classify(context, node)))

    for _, job in workflow.jobs(root):
        add(Context.JOB, y.get(job, "uses"))
    for step in workflow.steps(root):
        add(Context.STEP, y.get(step.node, "uses"))
    image = y.get(y.value(root, "runs"), "image")
    if image is not None and (y.scalar(image[1]) or "").strip().startswith("docker://"):
        add(Context.IMAGE, image)
    found.sort(key=lambda site: y.start(site.node))
    return found


def _classify(context: Context, node: y.Node) -> Uses:
    value = y.scalar(node)
    if value is None:
        return Invalid("`uses:` must be a string")
    uses = parse(value)
    if context is Context.JOB:
        if isinstance(uses, Docker):
            return Invalid("a job's `uses:` must name a reusable workflow, not a Docker image")
        if isinstance(uses, Local) and "@" in uses.path:
            return Invalid(
                f"`{uses.path}`: a local reusable workflow takes no `@ref` "
                "(it always runs from the calling commit)"
            )
        if isinstance(uses, Repository) and not _is_workflow_subpath(uses.subpath):
            return Invalid(
                f"`{uses.name}@{uses.ref}`: a job's `uses:` must name a reusable workflow, "
                "`owner/repo/.github/workflows/<file>.yml@ref`"
            )
    return uses


def _is_workflow_subpath(subpath: str | None) -> bool:
    return (
        subpath is not None
        and subpath.startswith(".github/workflows/")
        and subpath.endswith((".yml", ".yaml"))
    )


# --- text: where the value is, its comment, and edits ---------------------------------------


class ValueText(Record):
    """Where a scalar's stripped value is spelled literally in the file.

    ``comment_from`` is where a trailing comment may start: after the scalar, or after a
    block scalar's header indicator.
    """

    __match_args__ = ("start", "end", "comment_from", "block")
    __slots__ = __match_args__
    start: int
    end: int
    comment_from: int
    block: bool

    def __init__(self, start: int, end: int, comment_from: int, block: bool) -> None:
        _set(self, "start", start)
        _set(self, "end", end)
        _set(self, "comment_from", comment_from)
        _set(self, "block", block)


def value_text(source: Source, node: y.Node) -> ValueText | None:
    """The literal span of a scalar's stripped value, or None when it is not spelled literally.

    Values written with escapes (`"\\x41"`, `''`) or folded over several lines have no single
    literal span; callers report them without an automatic fix.
    """
    value = y.scalar(node)
    if value is None:
        return None
    wanted = value.strip()
    first, last = y.start(node), y.end(node)
    raw = source.text[first:last]
    if not wanted or raw.count(wanted) != 1 or "\n" in wanted:
        return None
    style = getattr(node, "style", None) or ""
    if style == '"' and "\\" in raw:
        return None
    if style == "'" and "''" in raw:
        return None
    offset = first + raw.index(wanted)
    block = style in ("|", ">")
    comment_from = last
    if block:
        # A block scalar's comment can only stand on its header line, after the indicator
        # and its chomping/indentation modifiers (`>-`, `|+2`).
        indicator = first
        text = source.text
        while text[indicator : indicator + 1] in ("&", "!"):
            while indicator < offset and not text[indicator].isspace():
                indicator += 1
            while indicator < offset and text[indicator] in " \t":
                indicator += 1
        if text[indicator : indicator + 1] != style:
            return None
        comment_from = indicator + 1
        while source.text[comment_from : comment_from + 1] in ("+", "-") or (
            source.text[comment_from : comment_from + 1].isdigit()
        ):
            comment_from += 1
    return ValueText(offset, offset + len(wanted), comment_from, block)


class Comment(Record):
    """A trailing comment: from its `#` to the end of the line (before the line break)."""

    __match_args__ = ("start", "end", "text")
    __slots__ = __match_args__
    start: int
    end: int
    text: str

    def __init__(self, start: int, end: int, text: str) -> None:
        _set(self, "start", start)
        _set(self, "end", end)
        _set(self, "text", text)


def line_end(source: Source, offset: int) -> int:
    index = source.text.find("\n", offset)
    end = len(source.text) if index < 0 else index
    if end > offset and source.text[end - 1] == "\r":
        end -= 1
    return end


def trailing_comment(source: Source, offset: int) -> tuple[Comment | None, int] | None:
    """The comment on offset's line after offset, and where the line's content ends.

    Skips quoted strings on the way (flow-style lines); returns None when the line ends
    inside a quoted string, where nothing can be appended safely.
    """
    text = source.text
    end = line_end(source, offset)
    index = offset
    quote = ""
    while index < end:
        char = text[index]
        if quote:
            if char == "\\" and quote == '"':
                index += 2
                continue
            if char == quote:
                if quote == "'" and text[index + 1 : index + 2] == "'":
                    index += 2
                    continue
                quote = ""
        elif char in "'\"" and index > offset and text[index - 1] in " \t,[{:":
            quote = char
        elif char == "#" and index > 0 and text[index - 1] in " \t":
            content_end = _rstrip(text, offset, index)
            return Comment(index, end, text[index:end]), content_end
        index += 1
    if quote:
        return None
    return None, _rstrip(text, offset, end)


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " \t":
        end -= 1
    return end


_COMMENT_VERSION = re.compile(r"#\s*(?:(?:tag|version|ver)\s*[:=]\s*)?(?P<token>[^\s#]+)")


def comment_version(comment: str) -> tuple[str, int, int] | None:
    """The version a comment starts with (`# v4.2.2`, `#v4`, `# tag=v4 ...`) and its span."""
    match = _COMMENT_VERSION.match(comment)
    # `# ratchet:owner/repo@v4` and `# renovate: ...` are directives, not versions.
    if match is None or ":" in match["token"] or split_version(match["token"]) is None:
        return None
    return match["token"], match.start("token"), match.end("token")


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


def comment_separator(source: Source) -> str:
    """The spacing before `#` that the file's `uses:` lines already use (yamllint wants two)."""
    counts: dict[str, int] = {}
    for match in re.finditer(r"uses['\"]?\s*:[^#\n]*?\S( +)#", source.text):
        counts[match.group(1)] = counts.get(match.group(1), 0) + 1
    if not counts:
        return " "
    return max(counts, key=lambda gap: (counts[gap], -len(gap)))


def comment_line(source: Source, node: y.Node) -> int:
    """The line where a value's trailing comment stands (a block scalar's header line)."""
    style = getattr(node, "style", None) or ""
    offset = y.start(node) if style in ("|", ">") else y.end(node)
    return source.position(offset)[0]


def others_on_line(source: Source, sites: Iterable[Site], site: Site) -> bool:
    """Whether another site's comment would stand on the same line as site's (flow style)."""
    line = comment_line(source, site.node)
    return any(other is not site and comment_line(source, other.node) == line for other in sites)


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
    from supply_chain_hooks import fast_yaml

    new_text = apply(document.source.text, edits)
    try:
        changed = fast_yaml.parse(document.source.replaced(new_text))
    except InputError:
        return False
    return fingerprint(changed.root) == fingerprint(document.root, {id(node): new_value})


# --- policies ------------------------------------------------------------------------------


class Policy(enum.Enum):
    HASH_PIN = "hash-pin"  #: the ref must be a full commit SHA (the default)
    REF_PIN = "ref-pin"  #: any ref (tag, branch, SHA) is accepted
    ANY = "any"  #: same as ref-pin here: a `uses:` without `@ref` is invalid for GitHub anyway


_PATTERN = re.compile(r"([\w-]+)/([\w.-]+|\*)(?:/(\*|[^@*\s]+))?\Z")


class Pattern(Record):
    """A zizmor-compatible `uses:` pattern: `*`, `owner/*`, `owner/repo`, `owner/repo/*`,
    `owner/repo/sub/path`. Owner and repo match case-insensitively, the path exactly.

    ``rank`` orders specificity: 0 exact path, 1 exact repo, 2 repo with any path, 3 owner,
    4 everything.
    """

    __match_args__ = ("text", "owner", "repo", "subpath", "rank")
    __slots__ = __match_args__
    text: str
    owner: str | None
    repo: str | None
    subpath: str | None
    rank: int

    def __init__(
        self, text: str, owner: str | None, repo: str | None, subpath: str | None, rank: int
    ) -> None:
        _set(self, "text", text)
        _set(self, "owner", owner)
        _set(self, "repo", repo)
        _set(self, "subpath", subpath)
        _set(self, "rank", rank)

    def matches(self, uses: Repository) -> bool:
        if self.owner is None:
            return True
        if uses.owner.lower() != self.owner:
            return False
        if self.repo is None:
            return True
        if uses.repo.lower() != self.repo:
            return False
        if self.rank == 0:
            return uses.subpath == self.subpath
        if self.rank == 1:
            return uses.subpath is None
        return True


def parse_pattern(text: str) -> Pattern:
    """Parse a policy pattern; ValueError with the reason when it is not one."""
    if text == "*":
        return Pattern(text, None, None, None, 4)
    if "@" in text:
        raise ValueError(f"invalid pattern {text!r}: cannot use exact ref patterns here")
    match = _PATTERN.match(text)
    if match is None:
        raise ValueError(
            f"invalid pattern {text!r}: use *, owner/*, owner/repo, owner/repo/* or owner/repo/path"
        )
    owner, repo, subpath = match.groups()
    if repo == "*":
        if subpath is not None:
            raise ValueError(f"invalid pattern {text!r}: nothing may follow owner/*")
        return Pattern(text, owner.lower(), None, None, 3)
    if subpath == "*":
        return Pattern(text, owner.lower(), repo.lower(), None, 2)
    if subpath is not None:
        return Pattern(text, owner.lower(), repo.lower(), subpath, 0)
    return Pattern(text, owner.lower(), repo.lower(), None, 1)


class Policies(Record):
    """Pattern -> policy; the most specific matching pattern wins, whatever the order."""

    __match_args__ = ("rules",)
    __slots__ = __match_args__
    rules: tuple[tuple[Pattern, Policy], ...]

    def __init__(self, rules: tuple[tuple[Pattern, Policy], ...] = ()) -> None:
        _set(self, "rules", rules)

    @classmethod
    def build(cls, entries: Iterable[tuple[str, str]]) -> Policies:
        """From (pattern, policy name) pairs; ValueError on a bad pattern, policy or conflict."""
        chosen: dict[str, tuple[Pattern, Policy]] = {}
        for text, name in entries:
            pattern = parse_pattern(text.strip())
            try:
                policy = Policy(name.strip())
            except ValueError:
                raise ValueError(
                    f"invalid policy {name!r} for {text!r}: use hash-pin, ref-pin or any"
                ) from None
            key = f"{pattern.rank}:{pattern.owner}/{pattern.repo}/{pattern.subpath}"
            if key in chosen and chosen[key][1] is not policy:
                raise ValueError(
                    f"conflicting policies for {text!r}: {chosen[key][1].value} and {policy.value}"
                )
            chosen[key] = (pattern, policy)
        ordered = sorted(chosen.values(), key=lambda rule: rule[0].rank)
        return cls(tuple(ordered))

    def lookup(self, uses: Repository) -> tuple[Pattern | None, Policy]:
        for pattern, policy in self.rules:
            if pattern.matches(uses):
                return pattern, policy
        return None, Policy.HASH_PIN

    def requires_sha(self, uses: Repository) -> bool:
        return self.lookup(uses)[1] is Policy.HASH_PIN


# --- what rules share ----------------------------------------------------------------------


def span(source: Source, node: y.Node) -> tuple[int, int]:
    """Where to report a value: its literal text, or a block scalar's header line."""
    text = value_text(source, node)
    if text is not None and not text.block:
        return text.start, text.end
    start = y.start(node)
    return start, max(start, min(y.end(node), line_end(source, start)))


def short(commit: str) -> str:
    return commit[:12]


def pin_fix(
    document: y.Document,
    sites: Iterable[Site],
    site: Site,
    new_ref: str,
    version: str | None,
    title: str,
) -> Fix | None:
    """A SAFE fix that writes new_ref (and `# version`) in place, proven to change nothing else.

    The version comment is left out when another `uses:` shares the line or when adding it
    would change the document (a flow collection continuing on the next line); no fix at all
    when the value is not spelled literally (escapes, folding).
    """
    from supply_chain_hooks.model import Applicability

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
    sites = list(sites)
    attempts = [version, None] if version is not None else [None]
    if version is not None and others_on_line(source, sites, site):
        attempts = [None]
    separator = comment_separator(source) if version is not None else " "
    for attempt in attempts:
        edits = pin_edits(source, text, uses.ref, new_ref, attempt, separator=separator)
        if edits and meaning_preserved(document, edits, site.node, new_value):
            return Fix(title, edits, Applicability.SAFE)
    return None


def label(site: Site) -> str:
    return "reusable workflow" if site.context is Context.JOB else "action"


def describe_ref(ref: str) -> str:
    """Why a symbolic ref is not a pin, judged from its spelling alone (offline)."""
    if _HEX.match(ref) and len(ref) > 40:
        return f"`{ref[:12]}...` has {len(ref)} hex digits, a commit SHA has exactly 40"
    if ref in BRANCH_NAMES or ref.startswith(("refs/heads/", "release/", "releases/")):
        return f"`{ref}` looks like a branch, which moves with every push"
    if is_version_like(ref) or ref.startswith("refs/tags/"):
        return f"`{ref}` looks like a tag, and tags can be moved to other code"
    return f"`{ref}` is a branch or tag name, which can be moved to other code"
