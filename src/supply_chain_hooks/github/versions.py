"""Version names, in tags (`v4.2.2`, `codeql-bundle-v2.1`) and in the comment after a pin.

:func:`most_specific_version` chooses the tag a pin's comment names (`v4` -> `v4.2.2`);
:func:`comment_version` reads the version a comment starts with (`# v4.2.2`, `# tag=v4`).
"""

from __future__ import annotations

from supply_chain_hooks.model import Record
from supply_chain_hooks.patterns import lazy

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterable


_VERSION = lazy(
    r"(?P<prefix>\S*?[/@_-]?[vV]?)(?P<numbers>\d+(?:\.\d+)*)(?P<suffix>(?:[-+][0-9A-Za-z.+-]*)?)\Z"
)


class Version(Record):
    prefix: str
    numbers: tuple[int, ...]
    suffix: str


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


_COMMENT_VERSION = lazy(r"#\s*(?P<label>(?:tag|version|ver)\s*[:=]\s*)?(?P<token>[^\s#]+)")


def looks_like_tag(token: str) -> bool:
    """Whether a comment's first word reads as a version tag (`v4`, `v4.2.2`, `1.2.3`,
    `codeql-bundle-v2.1`), not as ordinary prose: a bare number (`# 2 of 3 checkouts`,
    `# 3 retries`) or a date (`# 2024-06-01 audited`) is not one."""
    version = split_version(token)
    if version is None:
        return False
    if version.prefix[-1:] in ("v", "V"):
        return True
    return len(version.numbers) >= 2


def comment_version(comment: str) -> tuple[str, int, int] | None:
    """The version a comment starts with (`# v4.2.2`, `#v4`, `# tag=v4 ...`) and its span.

    Only a token that looks like a version tag counts (see :func:`looks_like_tag`); after an
    explicit `tag=`/`version=` label any version name does. Anything else is not a version
    comment: a fix keeps it whole after the new version.
    """
    match = _COMMENT_VERSION.match(comment)
    # `# ratchet:owner/repo@v4` and `# renovate: ...` are directives, not versions.
    if match is None or ":" in match["token"]:
        return None
    token = match["token"]
    if split_version(token) is None or not (match["label"] or looks_like_tag(token)):
        return None
    return token, match.start("token"), match.end("token")
