"""Hash values as pip and uv accept them: strong algorithms, well-formed digests, commit ids.

Both halves of the family read hashes: the ``--hash`` options and URL fragments of
requirements files, and the artifact hashes of lock files. A hash counts when its algorithm
is one both installers accept (pip's ``STRONG_HASHES``) and its digest has the right form.
"""

from __future__ import annotations

from supply_chain_hooks.model import Record
from supply_chain_hooks.patterns import lazy

#: pip's STRONG_HASHES with their hex digest lengths; the intersection of pip and uv.
STRONG = {"sha256": 64, "sha384": 96, "sha512": 128}
#: Algorithms some tool accepts that we refuse: broken, or unknown to pip.
WEAK = frozenset(
    {
        "md5",
        "sha1",
        "sha224",
        "blake2b",
        "blake2s",
        "sha3_224",
        "sha3_256",
        "sha3_384",
        "sha3_512",
        "sha512_224",
        "sha512_256",
    }
)
_HEX = lazy(r"[0-9a-fA-F]*")
_COMMIT = lazy(r"(?:[0-9a-fA-F]{40}|[0-9a-fA-F]{64})")


class HashProblem(Record):
    weak: bool  #: True for a weak or unknown algorithm, False for a malformed value
    message: str


def hash_problem(algorithm: str, digest: str) -> HashProblem | None:
    """Why ``algorithm:digest`` is not a strong, well-formed hash (None when it is)."""
    if algorithm not in STRONG:
        lowered = algorithm.lower().replace("-", "_")
        if lowered in STRONG:
            return HashProblem(
                False, f"algorithm `{algorithm}` must be written `{lowered}` (pip and uv reject it)"
            )
        if not algorithm:
            return HashProblem(False, "no algorithm: write `sha256:<hex digest>`")
        if lowered in WEAK:
            return HashProblem(
                True, f"`{algorithm}` is not a strong hash (use sha256, sha384 or sha512)"
            )
        return HashProblem(
            True, f"unknown hash algorithm `{algorithm}` (use sha256, sha384 or sha512)"
        )
    expected = STRONG[algorithm]
    if not _HEX.fullmatch(digest):
        return HashProblem(False, f"the {algorithm} digest is not hexadecimal")
    if len(digest) != expected:
        return HashProblem(
            False, f"the {algorithm} digest has {len(digest)} hex digits, expected {expected}"
        )
    return None


def split_hash(value: str) -> tuple[str, str]:
    """``"sha256:abc"`` -> ("sha256", "abc"); a value without ``:`` has no algorithm."""
    if ":" not in value:
        return "", value
    algorithm, digest = value.split(":", 1)
    return algorithm, digest


def is_commit(value: object) -> bool:
    """A full git (or hg) commit id: 40 hex digits, or 64 for SHA-256 repositories."""
    return isinstance(value, str) and _COMMIT.fullmatch(value) is not None
