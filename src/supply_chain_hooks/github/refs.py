"""The grammar of a `uses:` value: what it references, and what kind of ref it names.

GitHub reads a `uses:` value after stripping surrounding whitespace, as one of:

* a local action or workflow: `./path` or `$/path` (the same repository); `../path` is
  refused by GitHub (a local action is relative to the workspace root) and is invalid here;
* a Docker image: `docker://[registry/]name[:tag][@sha256:<64 hex>]`;
* an action or reusable workflow in a repository: `owner/repo[/path]@ref`.

:func:`parse` turns a value into one of those (or an :class:`Invalid` with the reason);
:func:`ref_kind` says whether a ref is a commit SHA (full, uppercase, abbreviated) or a name.
"""

from __future__ import annotations

import enum

from supply_chain_hooks.model import Record
from supply_chain_hooks.patterns import lazy

#: GitHub account names: letters, digits and hyphens, not starting with a hyphen. Enterprise
#: managed users add an `_shortcode` suffix, so underscores are accepted after the first character.
OWNER = lazy(r"[A-Za-z0-9][A-Za-z0-9_-]{0,99}\Z")
#: GitHub repository names: ASCII letters, digits, `.`, `-` and `_`.
REPO = lazy(r"[A-Za-z0-9._-]{1,100}\Z")
#: Hex digits only, in either case.
HEX = lazy(r"[0-9a-fA-F]+\Z")
_LOWER_SHA = lazy(r"[0-9a-f]{40}\Z")
_DIGEST = lazy(r"sha256:[0-9a-f]{64}\Z")
#: Characters git never allows in a ref name (git check-ref-format).
_BAD_REF_CHARS = lazy(r"[\x00-\x20\x7f~^:?*\[\\]")


class RefKind(enum.Enum):
    SHA = "sha"  #: exactly 40 lowercase hex digits: pinned
    UPPERCASE_SHA = "uppercase-sha"  #: 40 hex digits, some uppercase: pinned, not canonical
    SHORT_SHA = "short-sha"  #: 7 to 39 hex digits: an abbreviated commit, not a pin
    SYMBOLIC = "symbolic"  #: a tag, a branch, or anything else


class Local(Record):
    path: str


class Docker(Record):
    image: str
    tag: str | None
    digest: str | None

    @property
    def pinned(self) -> bool:
        return self.digest is not None and _DIGEST.match(self.digest) is not None


class Repository(Record):
    owner: str
    repo: str
    subpath: str | None
    ref: str

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
    reason: str


Uses = Local | Docker | Repository | Invalid


def ref_kind(ref: str) -> RefKind:
    if HEX.match(ref):
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
    if text.startswith(("./", "$/")):
        return Local(text)
    if text.startswith("../"):
        return Invalid(
            f"`{text}` leaves the repository: GitHub runs only `./`-relative local actions"
        )
    if text.startswith("docker://"):
        return _parse_docker(text)
    if "@" not in text:
        return Invalid(f"`{text}` has no `@ref`")
    name, _, ref = text.partition("@")
    if "@" in ref:
        return Invalid(f"`{text}` has more than one `@`")
    if not ref:
        return Invalid(f"`{text}` has an empty ref after `@`")
    parts = name.split("/", 2)
    if len(parts) < 2:
        return Invalid(f"`{text}` does not name a repository (`owner/repo@ref`)")
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
