"""Whether an `additional_dependencies` entry installs one exact version.

pre-commit hands the entries to the hook language's installer: `pip install` (python),
`npm install` (node), `go install` (golang), and others for the remaining languages. A
local hook's `language:` says which; a remote hook's language is in its repository's
manifest, not in the config, so its entries are read by their form:

* an option (`-r file`, `--index-url ...`): not a dependency, not checked;
* a Go module path (`golang.org/x/tools/cmd/goimports@v0.24.0`: a first path segment with a
  dot): pinned by a semantic version or a full commit SHA after `@`;
* an npm spec (`prettier@3.3.3`, `@scope/name@1.0.0`): pinned by one exact version (`1.2.3`,
  `v1.2.3`, `=1.2.3`), an alias of one (`npm:name@1.2.3`) or a git URL ending in `#<sha>`;
* a PEP 508 requirement (`black==24.8.0`, extras and markers allowed): pinned by one `==`
  without a wildcard or `===`, a VCS URL ending in `@<sha>`, or an archive URL with a
  `#sha256=` hash; a bare name is unpinned in every ecosystem.

Anything else (Ruby's `gem:1.0`, Rust's `cli:name:1.0`, Dart, conda, R, Perl, Lua, Haskell,
Julia and Coursier entries, whose pinning grammar differs per installer) is not checked, and
neither are the entries of local hooks in those languages.
"""

from __future__ import annotations

import re

from supply_chain_hooks.model import Record
from supply_chain_hooks.patterns import lazy

#: Languages whose installer reads PEP 508 requirements / npm specs / Go module paths.
PYTHON = frozenset({"python", "python_venv"})
NODE = frozenset({"node"})
GOLANG = frozenset({"golang"})

_SHA = lazy(r"[0-9a-fA-F]{40}\Z")
_SEMVER = r"\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?"
_NPM_EXACT = lazy(rf"[v=]?{_SEMVER}\Z")
_GO_VERSION = lazy(rf"v{_SEMVER}\Z")
_NPM = lazy(
    r"(?P<name>(?:@[A-Za-z0-9][A-Za-z0-9._~-]*/)?[A-Za-z0-9][A-Za-z0-9._~-]*)(?:@(?P<spec>.*))?\Z"
)
_GO = lazy(r"[a-z0-9-]+(?:\.[a-z0-9-]+)+/[^@\s]+(?:@(?P<version>\S*))?\Z")
_NPM_GIT = lazy(r"(?:git\+[a-z]+://|git://|github:|gitlab:|bitbucket:|[\w.-]+/[\w.-]+#)")
_RANGE_CHARS = lazy(r"[\^~<>*|]|\s|\b[xX]\b|\.[xX]\b")


class Unpinned(Record):
    """Why an entry does not install one exact version, and how it was read."""

    #: "PEP 508", "npm" or "Go": the grammar the entry was read with ("" for a bare name of
    #: a hook whose language is unknown: unpinned in every grammar).
    form: str
    #: What the entry has instead of a pin, e.g. "a range `>=24`".
    why: str
    #: What a pin looks like in that grammar, e.g. "`black==<version>`".
    pin: str


def judge(text: str, language: str | None) -> Unpinned | None:
    """None when the entry is pinned, or not checked (see the module docstring)."""
    text = text.strip()
    if not text or text.startswith("-"):
        return None
    if language is None:
        if _GO.match(text) and "://" not in text:
            return _go(text)
        npm = _NPM.match(text)
        spec = npm["spec"] if npm is not None else None
        # `name@<git URL>#<commit>` is npm's spelling; `name @ <URL>` is PEP 508's.
        if text.startswith("@") or (
            spec is not None
            and (not _is_url(spec) or (_NPM_GIT.match(spec) is not None and "#" in spec))
        ):
            return _npm(text)
        verdict = _python(text)
        if verdict is not None and verdict.why == "no version":
            # A bare name: the language decides the grammar of its pin.
            name = text.split(";", 1)[0].split("[", 1)[0].strip()
            pin = f"`{name}==<version>` (Python) or `{name}@<version>` (npm)"
            return Unpinned("", "no version", pin)
        return verdict
    if language in PYTHON:
        return _python(text)
    if language in NODE:
        return _npm(text)
    if language in GOLANG:
        return _go(text)
    return None


def _is_url(spec: str) -> bool:
    return "://" in spec or spec.startswith("git+")


#: `name==version` / `name[extra]===version`, pinned as packaging reads it: the common case,
#: judged without importing pip's reader (and packaging) into a clean run.
_SIMPLE_PIN = lazy(
    r"[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?(?:\[[A-Za-z0-9._,\s-]*\])?"
    r"\s*===?\s*[0-9][0-9A-Za-z.!+_-]*\Z"
)


def _python(text: str) -> Unpinned | None:
    if _SIMPLE_PIN.match(text):
        return None
    from supply_chain_hooks.deps.requirement import classify

    requirement = classify(text)
    name = requirement.name or "name"
    pin = f"`{name}==<version>`"
    if requirement.kind == "invalid":
        return None  # not a PEP 508 requirement: the installer reports it
    if requirement.kind == "named":
        if requirement.pinned:
            return None
        specifier = requirement.specifier
        if not specifier:
            why = "no version"
        elif "," in specifier:
            why = f"several version specifiers `{specifier}`"
        elif specifier.endswith(".*"):
            why = f"a wildcard `{specifier}`"
        else:
            why = f"a range `{specifier}`"
        return Unpinned("PEP 508", why, pin)
    url = requirement.url
    if requirement.kind == "vcs":
        ref = url.split("#", 1)[0].rsplit("@", 1)
        if len(ref) == 2 and "/" not in ref[1] and _SHA.match(ref[1]):
            return None
        why = "a VCS URL without a full commit SHA after `@`"
        return Unpinned("PEP 508", why, "the full commit SHA after `@`")
    if requirement.kind in ("archive", "url"):
        if requirement.fragment_hashes:
            return None
        return Unpinned("PEP 508", "a URL without a `#sha256=` hash", f"{pin} or a `#sha256=` hash")
    return Unpinned("PEP 508", "a local path", pin)


def _npm(text: str) -> Unpinned | None:
    match = _NPM.match(text)
    if match is None:
        return None  # not an npm spec (a path, a URL...): left to npm
    name, spec = match["name"], match["spec"]
    pin = f"`{name}@<version>`"
    if spec is None or not spec.strip():
        return Unpinned("npm", "no version", pin)
    spec = spec.strip()
    if spec.startswith("npm:"):
        inner = _npm(spec.removeprefix("npm:"))
        return None if inner is None else Unpinned("npm", f"an alias to {inner.why}", pin)
    if _NPM_EXACT.match(spec):
        return None
    if _NPM_GIT.match(spec):
        commit = spec.rsplit("#", 1)[1] if "#" in spec else ""
        if _SHA.match(commit.removeprefix("commit=")):
            return None
        return Unpinned("npm", "a git URL without `#<full commit SHA>`", "`#<full commit SHA>`")
    if _is_url(spec) or spec.startswith(("file:", "link:", ".", "/")):
        return Unpinned("npm", f"`{spec}`, a URL or path rather than a version", pin)
    if _RANGE_CHARS.search(spec) or re.match(r"\d+(\.\d+)?\Z", spec):
        return Unpinned("npm", f"a range `{spec}`", pin)
    return Unpinned("npm", f"`{spec}`, a dist-tag that moves", pin)


def _go(text: str) -> Unpinned | None:
    module, _, version = text.partition("@")
    pin = f"`{module}@v<version>`"
    if not version:
        return Unpinned("Go", "no version", pin)
    if _GO_VERSION.match(version) or _SHA.match(version):
        return None
    return Unpinned("Go", f"`@{version}`, which is not a version", pin)
