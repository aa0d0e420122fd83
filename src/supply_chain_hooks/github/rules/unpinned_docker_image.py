"""## What it does
Reports a Docker image that is not pinned to a digest: a step's `uses: docker://image`
(workflows and composite actions) and a Docker action's `runs.image: docker://image`. The
reference must end in `@sha256:` followed by 64 lowercase hex digits; a tag (`:3.20`), the
implicit `latest`, or a malformed digest (`@sha256:abc`) is reported.

## Why is this bad?
An image tag is a pointer the image's publisher (or anyone who takes over the account or
registry) can re-push at any time; the step then runs different code with the job's token
and secrets. A digest names exactly one image.

## Example
```yaml
- uses: docker://alpine:3.20   # SCH105
```
Use instead:
```yaml
- uses: docker://alpine:3.20@sha256:<64 hex digits>
```
Get the digest with `docker buildx imagetools inspect alpine:3.20` (the `Digest:` line);
keeping the tag before `@` documents the version and is ignored by the runner.

## Fix safety
No fix: this hook does not contact container registries.

## References
- GitHub Docs, "Workflow syntax: example using a Docker public registry action"
- zizmor `unpinned-images`
"""

from __future__ import annotations

from supply_chain_hooks.model import FixAvailability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.github.context import WorkflowContext
    from supply_chain_hooks.model import Finding

RULE = Rule(
    code="SCH105",
    name="unpinned-docker-image",
    hook="pin-actions-to-sha",
    summary="Docker image not pinned to a sha256 digest",
    fix=FixAvailability.NONE,
    doc=__doc__,
)


def check(context: WorkflowContext) -> Iterator[Finding]:
    from supply_chain_hooks.github.refs import Docker
    from supply_chain_hooks.github.sites import Context
    from supply_chain_hooks.github.spans import span
    from supply_chain_hooks.model import Finding

    source = context.document.source
    for site in context.sites:
        image = site.uses
        if not isinstance(image, Docker) or image.pinned:
            continue
        where = "Docker action image" if site.context is Context.IMAGE else "Docker image"
        reference = image.image + (f":{image.tag}" if image.tag else "")
        if image.digest is not None:
            message = f"{where} `docker://{reference}@{image.digest}` has a malformed digest"
        else:
            detail = (
                "it runs whatever `latest` is"
                if image.tag is None or image.tag == "latest"
                else f"the tag `{image.tag}` can be re-pushed"
            )
            message = f"{where} `docker://{reference}` is not pinned to a digest: {detail}"
        location = source.location(*span(source, site.node))
        yield Finding(RULE, source.path, location, message)
