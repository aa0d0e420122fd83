"""What several github rules say and do alike: how they name a site and a commit, and how
they pin a ref the server resolved (SCH101, and SCH102 when a "short SHA" is really a name).

Rules import this module inside ``check``, not at their top level, so a hook that never
checks a `uses:` never loads the grammar and the edit code behind it.
"""

from __future__ import annotations

from supply_chain_hooks.github.sites import Context
from supply_chain_hooks.model import Record

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Sequence

    from supply_chain_hooks.github.pin_edit import Candidate
    from supply_chain_hooks.github.refs import Repository
    from supply_chain_hooks.github.resolve import RemoteRefs, Session
    from supply_chain_hooks.github.sites import Site
    from supply_chain_hooks.model import Fix
    from supply_chain_hooks.yaml_doc import Document


def label(site: Site) -> str:
    return "reusable workflow" if site.context is Context.JOB else "action"


def short(commit: str) -> str:
    return commit[:12]


class Pin(Record):
    """What the server says about one ref: the finding's detail, and the unproven edits
    that pin it (``candidate``; None when --fix may not pin it). ``unprovable`` is the detail
    to report instead when those edits cannot be proven to change nothing else."""

    detail: str
    candidate: Candidate | None = None
    unprovable: str = ""


def pin(
    document: Document,
    sites: Sequence[Site],
    site: Site,
    ref: Repository,
    listing: RemoteRefs,
    session: Session,
) -> Pin:
    """What the server says about ref, and the edits that pin it (when --fix may); the
    rule proves the edits of all its sites at once with :func:`settle`."""
    from supply_chain_hooks.github.pin_edit import candidate

    found = listing.resolve(ref.ref)
    if found is None:
        return Pin(f"{ref.slug} has no branch or tag `{ref.ref}`; not pinned")
    where = f"`{ref.ref}` is a {found.kind} of {ref.slug}, now at {short(found.commit)}"
    if found.kind == "branch" and not session.pin_branches:
        return Pin(f"{where}; a branch is pinned only with --pin-branches")
    if not session.fix:
        return Pin(where)
    # A tag gets the most specific version tag on its commit; a branch keeps its own name.
    version = (listing.version_for(ref.ref, found.commit) if found.kind == "tag" else None) or (
        ref.ref.removeprefix("refs/tags/").removeprefix("refs/heads/")
    )
    title = f"pin to {found.commit} # {version}"
    unprovable = f"{where}; not written literally (escapes or folding), so not fixed"
    return Pin(where, candidate(document, sites, site, found.commit, version, title), unprovable)


def settle(document: Document, pins: Sequence[Pin]) -> list[tuple[str, Fix | None]]:
    """Each pin's detail and proven fix; every candidate of the document is proven with one
    re-parse (see :func:`pin_edit.prove`)."""
    from supply_chain_hooks.github.pin_edit import prove

    fixes = prove(document, [item.candidate for item in pins])
    return [
        (item.detail, fix) if fix is not None or not item.unprovable else (item.unprovable, None)
        for item, fix in zip(pins, fixes, strict=True)
    ]
