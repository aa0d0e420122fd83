"""Container images a workflow's jobs run: `jobs.<id>.container` and `services.<id>.image`.

:func:`collect` finds each image value (a `container:` string, its `image:`, a service's
`image:`), once per YAML node so an anchored value used through aliases is reported once.
:func:`parse_image` splits a reference into registry, repository, tag and digest the way
Docker reads it: the first part names a registry only when it holds a `.` or a `:` or is
`localhost`; Docker Hub's official images live under `library/`.
"""

from __future__ import annotations

from supply_chain_hooks import yaml_doc as y
from supply_chain_hooks.github import workflow
from supply_chain_hooks.model import Record
from supply_chain_hooks.patterns import lazy

#: A pinned digest: the only algorithm registries use for manifests.
DIGEST = lazy(r"sha256:[0-9a-f]{64}\Z")
DOCKER_HUB = "docker.io"
#: Lower-case path components separated by `.`, `_`, `__` or dashes (the distribution spec).
_COMPONENT = lazy(r"[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*\Z")
_TAG = lazy(r"[\w][\w.-]{0,127}\Z")


class ImageSite(Record):
    """One image value: what holds it (`container`, `services.<id>`), its key and value."""

    job: str
    where: str
    key: y.ScalarNode
    node: y.Node
    job_node: y.Node


class Image(Record):
    """A parsed image reference. ``registry`` is the host (`docker.io` for Docker Hub),
    ``repository`` the path on it (`library/python`), ``name`` as written before the tag."""

    name: str
    registry: str
    repository: str
    tag: str | None
    digest: str | None

    @property
    def pinned(self) -> bool:
        return self.digest is not None and DIGEST.match(self.digest) is not None


class BadImage(Record):
    """A value that is no image reference (a reason), or an expression (``expression``)."""

    reason: str
    expression: bool = False


def collect(document: y.Document) -> list[ImageSite]:
    """Every job container and service image of a workflow, in file order."""
    root = document.root
    found: list[ImageSite] = []
    seen: set[int] = set()

    for key, job in workflow.jobs(root):
        name = str(key.value)
        pairs: list[tuple[str, tuple[y.ScalarNode, y.Node] | None]] = []
        container = y.get(job, "container")
        if container is not None:
            pairs.append(("container", container if y.is_scalar(container[1]) else None))
            pairs.append(("container", y.get(container[1], "image")))
        for service, config in y.items(y.value(job, "services")):
            pairs.append((f"services.{service.value}", y.get(config, "image")))
        for where, pair in pairs:
            if pair is None or id(pair[1]) in seen or not y.is_scalar(pair[1]):
                continue
            seen.add(id(pair[1]))
            found.append(ImageSite(name, where, pair[0], pair[1], job))
    found.sort(key=lambda site: y.start(site.node))
    return found


def parse_image(text: str) -> Image | BadImage:
    """A reference `[host[:port]/]path[:tag][@sha256:<hex>]`, as Docker reads it."""
    value = text.strip()
    if "${{" in value:
        return BadImage("given by an expression", expression=True)
    if not value:
        return BadImage("empty")
    if any(char.isspace() for char in value):
        return BadImage(f"`{value}` holds a space")
    rest, at, digest = value.partition("@")
    last = rest.rsplit("/", 1)[-1]
    tag = None
    if ":" in last:
        rest, _, tag = rest.rpartition(":")
        if not _TAG.match(tag):
            return BadImage(f"`{value}` has an invalid tag `{tag}`")
    first, slash, path = rest.partition("/")
    if slash and ("." in first or ":" in first or first == "localhost"):
        registry, repository = first, path
    else:
        registry, repository = DOCKER_HUB, rest
    if registry in ("index.docker.io", "registry-1.docker.io"):
        registry = DOCKER_HUB
    if registry == DOCKER_HUB and "/" not in repository:
        repository = f"library/{repository}"
    if not repository or not all(_COMPONENT.match(part) for part in repository.split("/")):
        return BadImage(f"`{value}` is not a valid image name")
    return Image(rest, registry, repository, tag, digest if at else None)
