"""What the rules of the precommit family read (one config file, the options, the network
answers of this run) and what they share: pinning a rev, naming the tag of a commit."""

from __future__ import annotations

from supply_chain_hooks import yaml_doc as y
from supply_chain_hooks.model import Record, field

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from supply_chain_hooks.model import Edit, Fix
    from supply_chain_hooks.precommit.config import PreCommitConfig, Repo, Rev
    from supply_chain_hooks.precommit.remote import Listing, RemoteRevs

FROZEN = "  # frozen: "


class Options(Record):
    """The hook's options. ``allow`` holds URL globs of repositories whose revs may stay
    tags or branches; ``ignored`` the rule codes ignored in [tool.supply-chain-hooks]."""

    fix: bool = False
    verify: bool = False
    pin_branches: bool = False
    allow: tuple[str, ...] = ()
    timeout: float = 30.0
    ignored: frozenset[str] = frozenset()

    @property
    def online(self) -> bool:
        return self.fix or self.verify

    def allowed(self, url: str) -> bool:
        """Whether `--allow` lets this repository keep a tag or branch rev. Patterns are globs
        over the URL (`*` within a path segment, `**` across), compared without case and
        without a trailing `/` or `.git`."""
        if not self.allow:
            return False
        from supply_chain_hooks.globs import compile_glob

        normal = _normal(url)
        return any(compile_glob(_normal(pattern)).match(normal) for pattern in self.allow)


def _normal(url: str) -> str:
    return url.strip().lower().rstrip("/").removesuffix(".git")


class Context(Record):
    """One config file as the rules see it. ``listings`` holds the branches and tags of the
    repositories resolved before checking (empty offline), by URL."""

    config: PreCommitConfig
    options: Options = field(default_factory=Options)
    listings: Mapping[str, Listing] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # A copy: the run's listings are filled in before checking, never after.
        object.__setattr__(self, "listings", dict(self.listings))

    def listing(self, repo: Repo) -> Listing | None:
        return self.listings.get(repo.url)

    def remote_repos(self) -> Iterable[Repo]:
        return (repo for repo in self.config.repos if repo.remote)


def short(commit: str) -> str:
    return commit[:12]


#: Names that nearly always mean a moving branch.
BRANCH_NAMES = frozenset({"main", "master", "develop", "dev", "trunk", "next", "HEAD"})


def describe_rev(rev: str) -> str:
    """Why a rev that is not a SHA is not a pin, judged from its spelling alone (offline)."""
    from supply_chain_hooks.github.refs import HEX
    from supply_chain_hooks.github.versions import is_version_like

    if HEX.match(rev) and len(rev) > 40:
        return f"`{rev[:12]}...` has {len(rev)} hex digits, not 40"
    if rev in BRANCH_NAMES or rev.startswith(("refs/heads/", "release/", "releases/")):
        return f"`{rev}` looks like a branch"
    if is_version_like(rev) or rev.startswith("refs/tags/"):
        return f"`{rev}` looks like a tag"
    return f"`{rev}` is a branch or tag name"


def best_tag(tags: list[str], near: str = "") -> str | None:
    """The tag to name in `# frozen:` among those on one commit: the most specific version
    (of near's family when there is one), else the first by name."""
    from supply_chain_hooks.github.versions import most_specific_version

    if not tags:
        return None
    return most_specific_version(near, tags) or min(tags)


def pin_fix(config: PreCommitConfig, rev: Rev, commit: str, tag: str | None) -> Fix | None:
    """A SAFE fix writing `rev: <commit>  # frozen: <tag>` as `pre-commit autoupdate --freeze`
    writes it, touching nothing else: the value is replaced inside its quotes (a plain value of
    digits only gets single quotes, or YAML would read a number), an old `# frozen:` comment
    is replaced, any other comment is kept after the new one. The comment is left out when
    another rev shares the line; no fix when the value is not spelled literally (escapes,
    folding, surrounding spaces inside quotes) or the edit would change anything else in the
    document (checked by parsing the result)."""
    from supply_chain_hooks.github.spans import line_end, trailing_comment, value_text
    from supply_chain_hooks.model import Applicability, Edit, Fix

    source = config.source
    node = rev.node
    text = value_text(source, node)
    if text is None or text.block or str(node.value) != rev.value:
        return None
    style = getattr(node, "style", None) or ""
    content = f"'{commit}'" if not style and commit.isdigit() else commit
    value_edit = Edit(text.start, text.end, content)
    attempts: list[tuple[Edit, ...]] = []
    found = trailing_comment(source, y.end(node))
    if tag and not rev.shared_line and found is not None:
        comment, content_end = found
        frozen = f"{FROZEN}{tag}"
        if comment is None:
            comment_edit = Edit(content_end, line_end(source, content_end), frozen)
        elif rev.frozen is not None:
            comment_edit = Edit(content_end, rev.frozen.tag_end, frozen)
        else:
            comment_edit = Edit(content_end, comment.start, frozen + "  ")
        attempts.append((value_edit, comment_edit))
    elif not tag and rev.frozen is not None and found is not None:
        # A branch pinned without a tag: an old `# frozen:` comment would now be wrong.
        attempts.append((value_edit, Edit(found[1], rev.frozen.tag_end, "")))
    attempts.append((value_edit,))
    title = f"pin to {commit}" + (f"{FROZEN}{tag}" if tag else "")
    for edits in attempts:
        if _only_rev_changed(config, edits, node, commit):
            return Fix(title, edits, Applicability.SAFE)
    return None


def _only_rev_changed(
    config: PreCommitConfig, edits: tuple[Edit, ...], node: y.Node, commit: str
) -> bool:
    """Whether the edited text parses to the same document but for the rev's new value.

    The rev's own tag may change: a rev that YAML reads as a number (`rev: 2024101`, which
    pre-commit rejects: "Expected string got int") becomes the string it must be.
    """
    from supply_chain_hooks import fast_yaml
    from supply_chain_hooks.github.pin_edit import apply, fingerprint
    from supply_chain_hooks.source import InputError

    document = config.document
    try:
        changed = fast_yaml.parse(document.source.replaced(apply(document.source.text, edits)))
    except InputError:
        return False
    new = fingerprint(changed.root)
    old = fingerprint(document.root, {id(node): commit})
    if len(new) != len(old):
        return False
    for after, before in zip(new, old, strict=True):
        if after != before and not (
            isinstance(after, tuple)
            and isinstance(before, tuple)
            and after[0] == before[0] == "s"
            and after[2] == before[2] == commit
        ):
            return False
    return True


def pin(context: Context, repo: Repo, rev: Rev, listing: RemoteRevs) -> tuple[str, Fix | None]:
    """What the repository says about a tag or branch rev, and the fix that pins it (when
    `--fix` was given, and for a branch only with `--pin-branches`)."""
    found = listing.resolve(rev.value)
    if found is None:
        return f"{repo.url} has no tag or branch `{rev.value}`; not pinned", None
    where = f"`{rev.value}` is a {found.kind} of {repo.url}, now at {short(found.commit)}"
    if found.branch is not None and found.branch != found.commit:
        where += f" (a branch of that name is at {short(found.branch)}; pre-commit uses the tag)"
    options = context.options
    if found.kind == "branch" and not options.pin_branches:
        return f"{where}; a branch is pinned only with --pin-branches", None
    if not options.fix:
        return where, None
    tag = found.name if found.kind == "tag" else None
    fix = pin_fix(context.config, rev, found.commit, tag)
    if fix is None:
        return (f"{where}; not written literally (escapes, folding or spaces), so not fixed"), None
    return where, fix
