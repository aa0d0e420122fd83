"""Which refs must be commit SHAs: zizmor-compatible `uses:` patterns and their policies.

`--allow PATTERN` and `--policy PATTERN=POLICY` (and the `policies` table of the
configuration) build one :class:`Policies`; the most specific matching pattern decides.
"""

from __future__ import annotations

import enum

from supply_chain_hooks.model import Record
from supply_chain_hooks.patterns import lazy

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterable

    from supply_chain_hooks.github.refs import Repository


class Policy(enum.Enum):
    HASH_PIN = "hash-pin"  #: the ref must be a full commit SHA (the default)
    REF_PIN = "ref-pin"  #: any ref (tag, branch, SHA) is accepted
    ANY = "any"  #: same as ref-pin here: a `uses:` without `@ref` is invalid for GitHub anyway


_PATTERN = lazy(r"([\w-]+)/([\w.-]+|\*)(?:/(\*|[^@*\s]+))?\Z")


class Pattern(Record):
    """A zizmor-compatible `uses:` pattern: `*`, `owner/*`, `owner/repo`, `owner/repo/*`,
    `owner/repo/sub/path`. Owner and repo match case-insensitively, the path exactly.

    ``rank`` orders specificity: 0 exact path, 1 exact repo, 2 repo with any path, 3 owner,
    4 everything.
    """

    text: str
    owner: str | None
    repo: str | None
    subpath: str | None
    rank: int

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

    rules: tuple[tuple[Pattern, Policy], ...] = ()

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
