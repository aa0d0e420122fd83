"""What several github rules say and do alike: how they name a site and a commit, and how
they pin a ref the server resolved (SCH101, and SCH102 when a "short SHA" is really a name).

Rules import this module inside ``check``, not at their top level, so a hook that never
checks a `uses:` never loads the grammar and the edit code behind it.
"""

from __future__ import annotations

from supply_chain_hooks.github.sites import Context

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterable

    from supply_chain_hooks.github.refs import Repository
    from supply_chain_hooks.github.resolve import RemoteRefs, Session
    from supply_chain_hooks.github.sites import Site
    from supply_chain_hooks.model import Fix
    from supply_chain_hooks.yaml_doc import Document


def label(site: Site) -> str:
    return "reusable workflow" if site.context is Context.JOB else "action"


def short(commit: str) -> str:
    return commit[:12]


def pin(
    document: Document,
    sites: Iterable[Site],
    site: Site,
    ref: Repository,
    listing: RemoteRefs,
    session: Session,
) -> tuple[str, Fix | None]:
    """What the server says about ref, and the fix that pins it (when --fix may)."""
    from supply_chain_hooks.github.pin_edit import pin_fix

    found = listing.resolve(ref.ref)
    if found is None:
        return f"{ref.slug} has no branch or tag `{ref.ref}`; not pinned", None
    where = f"`{ref.ref}` is a {found.kind} of {ref.slug}, now at {short(found.commit)}"
    if found.kind == "branch" and not session.pin_branches:
        return (
            (
                f"{where}, and a branch moves with every push; pin a release tag's commit "
                "instead, or pass --pin-branches to pin the branch's current commit"
            ),
            None,
        )
    if not session.fix:
        return f"{where}; run with --fix to pin it", None
    # A tag gets the most specific version tag on its commit; a branch keeps its own name.
    version = (listing.version_for(ref.ref, found.commit) if found.kind == "tag" else None) or (
        ref.ref.removeprefix("refs/tags/").removeprefix("refs/heads/")
    )
    title = f"pin to {found.commit} # {version}"
    fix = pin_fix(document, sites, site, found.commit, version, title)
    if fix is None:
        return (
            (
                f"{where}; the value is not written literally (escapes or line folding), "
                f"so write `@{found.commit} # {version}` by hand"
            ),
            None,
        )
    return where, fix
