"""## What it does
Reports a job's container image (`jobs.<id>.container`, as a string or its `image:`) and a
service container's image (`jobs.<id>.services.<id>.image`) that is not pinned to a digest:
the reference must end in `@sha256:` and 64 lowercase hex digits, as `name[:tag]@sha256:...`.
A tag (`python:3.12`), the implicit `latest`, or a malformed digest is reported.

An image given by a matrix value (`image: ${{ matrix.image }}`, `${{ matrix.build.image }}`)
is checked through the job's static matrix: each value its lists and `include:` entries
give must be pinned (the finding names those that are not). Any other expression (a
`fromJSON(...)` matrix, an input, a `format(...)`) cannot be judged from the file; it is
reported only with `--strict-images` (or `strict-images = true` in
`[tool.supply-chain-hooks.pin-actions-to-sha]`).

## Why is this bad?
The job's steps run inside the container, and services run beside it, with the job's token
and secrets in reach. A tag is a pointer that whoever controls the image's repository (or
its registry account) can move to other content at any time; a digest names exactly one
image.

## Example
```yaml
jobs:
  test:
    container: python:3.12          # SCH108
    services:
      db:
        image: postgres:16          # SCH108
```
Use instead:
```yaml
jobs:
  test:
    container: python:3.12@sha256:<64 hex digits>
    services:
      db:
        image: postgres:16@sha256:<64 hex digits>
```
The tag stays for readers and for Dependabot's `docker` updates; the runner pulls by digest.

## Fix safety
`--fix` asks the image's registry (the OCI distribution API; Docker Hub through
`--registry-mirror` when one is given) which manifest list or image index the tag names
now, and appends `@sha256:<digest>` after the tag, leaving every other byte alone. This
trusts the registry's answer at the time of the fix, which is why it runs only when asked.
Values written with escapes or folded over lines, and images given by expressions, are not
fixed. Without network (`--offline`, pre-commit.ci) the check still runs; only the fix
needs the registry.

## References
- GitHub Docs, "Running jobs in a container" and "About service containers"
- OCI Distribution Specification, "Pulling manifests"
- zizmor `unpinned-images`
"""

from __future__ import annotations

from supply_chain_hooks.model import FixAvailability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.github.context import WorkflowContext
    from supply_chain_hooks.github.images import ImageSite
    from supply_chain_hooks.model import Finding

RULE = Rule(
    code="SCH108",
    name="unpinned-container-image",
    hook="pin-actions-to-sha",
    summary="job container or service image not pinned to a sha256 digest",
    fix=FixAvailability.SOMETIMES,
    doc=__doc__,
)


def _what(site: ImageSite) -> str:
    if site.where == "container":
        return f"container image of job `{site.job}`"
    return f"image of service `{site.where.removeprefix('services.')}` in job `{site.job}`"


def check(context: WorkflowContext) -> Iterator[Finding]:
    from supply_chain_hooks import yaml_doc as y
    from supply_chain_hooks.github.images import BadImage, Image, collect, parse_image
    from supply_chain_hooks.github.registry import Digest, key
    from supply_chain_hooks.github.spans import span, value_text
    from supply_chain_hooks.github.workflow import matrix_values
    from supply_chain_hooks.model import Edit, Finding, Fix

    document = context.document
    source = document.source
    for site in collect(document):
        value = (y.scalar(site.node) or "").strip()
        image = parse_image(value)
        location = source.location(*span(source, site.node))
        head = f"{_what(site)} `{value}`"
        if isinstance(image, BadImage) and image.expression:
            values = matrix_values(site.job_node, value)
            if values is not None:
                # A static matrix: each value it can take is checked like a literal one.
                loose = sorted(
                    {
                        text
                        for text in values
                        if not isinstance(parsed := parse_image(text), Image) or not parsed.pinned
                    }
                )
                if loose:
                    listed = ", ".join(f"`{text}`" for text in loose)
                    message = f"{head} takes matrix values not pinned to a digest: {listed}"
                    hint = "pin each one `@sha256:<digest>` in the matrix"
                    yield Finding(RULE, source.path, location, message, hint=hint)
                continue
        if isinstance(image, BadImage):
            if image.expression and not context.strict_images:
                continue
            if image.expression:
                message = f"{head} is given by an expression, so its digest cannot be checked"
                hint = (
                    "list each image pinned to a digest (`name:tag@sha256:...`) where the "
                    "value comes from"
                )
            else:
                message, hint = f"{head} is not a valid image reference: {image.reason}", ""
            yield Finding(RULE, source.path, location, message, hint=hint)
            continue
        if image.pinned:
            continue
        if image.digest is not None:
            # What a well-formed digest is belongs to the problem's statement.
            message = f"{head} has a malformed digest: write `@sha256:` and 64 lowercase hex digits"
            yield Finding(RULE, source.path, location, message)
            continue
        tag = image.tag or "latest"
        detail = (
            "runs whatever `latest` is when the job starts"
            if image.tag in (None, "latest")
            else f"the tag `{tag}` can be re-pushed with other content"
        )
        message = f"{head} is not pinned to a digest: {detail}"
        resolved = context.images.get(key(image)) if context.images is not None else None
        fix = None
        if isinstance(resolved, Digest):
            text = value_text(source, site.node)
            if text is not None and not text.block:
                pinned = f"{value}@{resolved.digest}"
                fix = Fix(f"pin to {pinned}", (Edit(text.end, text.end, f"@{resolved.digest}"),))
                message = f"{head} is not pinned to a digest: `{tag}` is now {resolved.digest}"
            else:
                message += (
                    f" (`{tag}` is now {resolved.digest}; the value is not written literally, "
                    "so write it by hand)"
                )
        elif resolved is not None:
            message += f" (could not resolve `{tag}`: {resolved.message})"
        later = context.images is None
        yield Finding(RULE, source.path, location, message, fix, fixed_by_fix=later)
