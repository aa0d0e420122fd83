"""Resolving an image tag to its digest with the OCI distribution API (`--fix` only).

For `name:tag` the registry answers `HEAD /v2/<repository>/manifests/<tag>` with the
digest of what the tag names: for a multi-platform image that is the manifest list (Docker)
or image index (OCI), which is what a runner pulls and what `docker buildx imagetools
inspect` prints, so the request accepts those media types first. When the registry sends no
`Docker-Content-Digest` header the manifest is fetched and hashed.

Anonymous pulls follow the token flow Docker Hub and ghcr.io use: a 401 with
`WWW-Authenticate: Bearer realm=...,service=...,scope=...` is answered by asking the realm
for a token. Credentials come only from the environment, scoped to one registry host:
`DOCKER_AUTH_CONFIG` (the JSON of a Docker `config.json`, `{"auths": {"host": {"auth":
base64("user:password")}}}`) and, for ghcr.io, `GH_TOKEN`/`GITHUB_TOKEN`. They are sent only
over HTTPS (or to a loopback address), never with a redirect to another host, and never
appear in a message. Docker Hub images go to `--registry-mirror` when one is given.
"""

from __future__ import annotations

from supply_chain_hooks.model import Record
from supply_chain_hooks.patterns import lazy

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from supply_chain_hooks.github.images import Image


#: What the runner pulls, best first: a multi-platform list or index, then one manifest.
ACCEPT = (
    "application/vnd.oci.image.index.v1+json, "
    "application/vnd.docker.distribution.manifest.list.v2+json, "
    "application/vnd.oci.image.manifest.v1+json, "
    "application/vnd.docker.distribution.manifest.v2+json"
)
DOCKER_HUB_URL = "https://registry-1.docker.io"
_DIGEST = lazy(r"sha256:[0-9a-f]{64}\Z")
_LOOPBACK = lazy(r"(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d+)?\Z")
_PARAM = lazy(r'(\w+)="([^"]*)"')
_MAX_REDIRECTS = 5
_MAX_MANIFEST = 4 * 1024 * 1024


class Digest(Record):
    digest: str


class RegistryError(Record):
    message: str


def key(image: Image) -> str:
    """One key per (registry, repository, tag): what a run resolves once."""
    return f"{image.registry}/{image.repository}:{image.tag or 'latest'}"


def is_loopback(host: str) -> bool:
    return _LOOPBACK.match(host) is not None


def base_url(registry: str, mirror: str | None) -> str:
    """Where a registry's API lives: Docker Hub (or its mirror), plain HTTP for loopback."""
    if registry == "docker.io":
        return (mirror or DOCKER_HUB_URL).rstrip("/")
    scheme = "http" if is_loopback(registry) else "https"
    return f"{scheme}://{registry}"


def credentials(registry: str, env: Mapping[str, str]) -> tuple[str, str] | None:
    """User and password for one registry host from the environment, or None."""
    import base64
    import json

    config = env.get("DOCKER_AUTH_CONFIG", "").strip()
    if config:
        try:
            auths = json.loads(config).get("auths", {})
        except (ValueError, AttributeError):
            auths = {}
        names = {registry}
        if registry == "docker.io":
            names |= {"index.docker.io", "https://index.docker.io/v1/", "registry-1.docker.io"}
        for name, entry in auths.items() if isinstance(auths, dict) else ():
            host = str(name).removeprefix("https://").removeprefix("http://").rstrip("/")
            if (name in names or host in names) and isinstance(entry, dict):
                encoded = entry.get("auth")
                if isinstance(encoded, str):
                    try:
                        user, _, password = base64.b64decode(encoded).decode().partition(":")
                    except ValueError:
                        continue
                    return user, password
    if registry == "ghcr.io":
        token = env.get("GH_TOKEN") or env.get("GITHUB_TOKEN")
        if token:
            return "token", token
    return None


def resolve_all(
    images: Sequence[Image],
    *,
    mirror: str | None,
    timeout: float,
    env: Mapping[str, str],
) -> dict[str, Digest | RegistryError]:
    """The digest of each image's tag, by :func:`key`; all in parallel, one deadline."""
    import concurrent.futures
    import time

    wanted: dict[str, Image] = {}
    for image in images:
        wanted.setdefault(key(image), image)
    if not wanted:
        return {}
    deadline = time.monotonic() + timeout
    found: dict[str, Digest | RegistryError] = {}
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=min(8, len(wanted)))
    try:
        futures = {
            pool.submit(_resolve, image, mirror, deadline, env): name
            for name, image in wanted.items()
        }
        done, _ = concurrent.futures.wait(futures, timeout=max(0.0, deadline - time.monotonic()))
        for future, name in futures.items():
            if future in done:
                found[name] = future.result()
            else:
                found[name] = RegistryError(f"the registry did not answer within {timeout:g} s")
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
    return found


class _Response(Record):
    status: int
    headers: dict[str, str]
    body: bytes


class _Failed(Exception):
    pass


def _resolve(
    image: Image, mirror: str | None, deadline: float, env: Mapping[str, str]
) -> Digest | RegistryError:
    try:
        return _resolve_or_raise(image, mirror, deadline, env)
    except _Failed as error:
        return RegistryError(str(error))


def _resolve_or_raise(
    image: Image, mirror: str | None, deadline: float, env: Mapping[str, str]
) -> Digest:
    import hashlib

    base = base_url(image.registry, mirror)
    url = f"{base}/v2/{image.repository}/manifests/{image.tag or 'latest'}"
    auth: str | None = None
    secret = credentials(image.registry, env)
    for attempt in range(2):
        response = _request("HEAD", url, auth, deadline)
        if response.status == 401 and attempt == 0:
            challenge = response.headers.get("www-authenticate", "")
            auth = _authorize(challenge, image, secret, deadline)
            continue
        break
    if response.status == 200:
        digest = response.headers.get("docker-content-digest", "").strip()
        if _DIGEST.match(digest):
            return Digest(digest)
        response = _request("GET", url, auth, deadline)
        if response.status == 200:
            return Digest("sha256:" + hashlib.sha256(response.body).hexdigest())
    where = f"{image.registry}/{image.repository}"
    tag = image.tag or "latest"
    if response.status == 404:
        raise _Failed(f"{where} has no tag `{tag}`")
    if response.status == 401:
        hint = "" if secret else " (set DOCKER_AUTH_CONFIG for a private registry)"
        raise _Failed(f"{where} refused an anonymous pull of `{tag}`{hint}")
    if response.status == 429:
        raise _Failed(f"{where}: the registry's rate limit was reached (HTTP 429); try later")
    raise _Failed(f"{where}: the registry answered HTTP {response.status}")


def _authorize(
    challenge: str, image: Image, secret: tuple[str, str] | None, deadline: float
) -> str | None:
    """The Authorization header that answers a 401 challenge, None when there is none."""
    import base64
    import json
    import urllib.parse

    scheme = challenge.split(" ", 1)[0].lower()
    basic = (
        "Basic " + base64.b64encode(f"{secret[0]}:{secret[1]}".encode()).decode()
        if secret
        else None
    )
    if scheme == "basic":
        return basic
    if scheme != "bearer":
        return None
    params = dict(_PARAM.findall(challenge))
    realm = params.get("realm", "")
    parsed = urllib.parse.urlsplit(realm)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise _Failed(f"{image.registry}: the registry's token realm is not a URL")
    secure = parsed.scheme == "https" or is_loopback(parsed.netloc)
    query = {"scope": params.get("scope") or f"repository:{image.repository}:pull"}
    if "service" in params:
        query["service"] = params["service"]
    separator = "&" if parsed.query else "?"
    url = realm + separator + urllib.parse.urlencode(query)
    response = _request("GET", url, basic if secure else None, deadline)
    if response.status != 200:
        raise _Failed(f"{image.registry}: the token service answered HTTP {response.status}")
    try:
        answer = json.loads(response.body)
    except ValueError:
        raise _Failed(f"{image.registry}: the token service sent no JSON") from None
    token = answer.get("token") or answer.get("access_token") if isinstance(answer, dict) else None
    if not isinstance(token, str) or not token:
        raise _Failed(f"{image.registry}: the token service sent no token")
    return f"Bearer {token}"


def _request(method: str, url: str, auth: str | None, deadline: float) -> _Response:
    """One request, following redirects by hand: Authorization never goes to another host."""
    import http.client
    import time
    import urllib.parse

    original = urllib.parse.urlsplit(url).netloc
    for _ in range(_MAX_REDIRECTS + 1):
        parsed = urllib.parse.urlsplit(url)
        if parsed.scheme not in ("http", "https"):
            raise _Failed(f"refusing to follow a redirect to a {parsed.scheme or 'relative'} URL")
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise _Failed(f"{original}: the registry did not answer in time")
        connection_type = (
            http.client.HTTPSConnection if parsed.scheme == "https" else http.client.HTTPConnection
        )
        connection: http.client.HTTPConnection = connection_type(parsed.netloc, timeout=remaining)
        headers = {"Accept": ACCEPT, "User-Agent": "supply-chain-hooks"}
        if auth is not None and parsed.netloc == original:
            headers["Authorization"] = auth
        path = parsed.path + (f"?{parsed.query}" if parsed.query else "")
        try:
            connection.request(method, path or "/", headers=headers)
            answer = connection.getresponse()
            body = answer.read(_MAX_MANIFEST + 1) if method == "GET" else b""
            status, found = answer.status, {k.lower(): v for k, v in answer.getheaders()}
        except TimeoutError:
            raise _Failed(f"{parsed.netloc}: the registry did not answer in time") from None
        except OSError as error:
            raise _Failed(f"{parsed.netloc}: cannot connect ({error.__class__.__name__})") from None
        except http.client.HTTPException:
            raise _Failed(f"{parsed.netloc}: the registry sent a malformed answer") from None
        finally:
            connection.close()
        if status in (301, 302, 303, 307, 308) and "location" in found:
            url = urllib.parse.urljoin(url, found["location"])
            if status == 303:
                method = "GET"
            continue
        if len(body) > _MAX_MANIFEST:
            raise _Failed(f"{parsed.netloc}: the manifest is larger than 4 MiB")
        return _Response(status, found, body)
    raise _Failed(f"{original}: more than {_MAX_REDIRECTS} redirects")
