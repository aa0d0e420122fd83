"""## What it does
Reports a stored credential that a publish to PyPI or TestPyPI authenticates with, instead
of Trusted Publishing, whether or not the job also has `id-token: write`:

- `password:` on `pypa/gh-action-pypi-publish` (any ref);
- a password or token variable of the publishing tool in the step's, the job's or the
  workflow's `env:`, or set in front of the command: `TWINE_PASSWORD`, `UV_PUBLISH_TOKEN`,
  `UV_PUBLISH_PASSWORD`, `POETRY_PYPI_TOKEN_<NAME>`, `POETRY_HTTP_BASIC_<NAME>_PASSWORD`,
  `FLIT_PASSWORD`, `HATCH_INDEX_AUTH`, `PDM_PUBLISH_PASSWORD`;
- a password or token on the command line: `--password`/`-p` (twine, poetry), `--token`/`-t`
  and `--password`/`-p` (uv), `--auth`/`-a` (hatch), `--password`/`-P` (pdm);
- a username of `__token__` (`TWINE_USERNAME: __token__`, `--username __token__`) when the
  password is set where the file does not show it;
- a caller that passes a secret (`secrets: {PYPI_TOKEN: ...}` or `secrets: inherit`) to a
  local reusable workflow (`uses: ./.github/workflows/publish.yml`) whose publish reads it.

A credential is *stored* when it comes from a secret (`${{ secrets.PYPI_TOKEN }}`), an
input (how a caller hands a secret to a composite action or a reusable workflow), a
configuration variable (`${{ vars.X }}`) or the file itself; `${{ env.X }}` and a shell's
`$X` are followed to the variable they name. A token minted at run time from the OIDC
exchange (`${{ steps.mint.outputs.token }}`) is not stored. A step that runs something else
(`tox -e release`, `make upload`, a script) while its own `env:` holds such a credential is
a publish too: the credential says so.

A publish step is `pypa/gh-action-pypi-publish`, or a `run:` command that uploads:
`twine upload` (also `python -m twine`, `uv run twine`, `uvx twine`, `uv tool run twine`,
`pipx run twine`, `hatch run`/`pdm run`/`poetry run twine`), `uv publish`, `hatch publish`,
`pdm publish`, `poetry publish`, `flit publish`. A dry run, `--help` and `twine check` are
not. Uploads to a private index (a literal URL or configured name other than PyPI's or
TestPyPI's) are out of scope: Trusted Publishing is PyPI's; an index given by an expression
or a variable is checked.

## Why is this bad?
A PyPI API token in the repository's secrets lives until someone revokes it. Whoever gets
it (a compromised action in any job that sees it, a leaked log, a malicious pull request
that reaches a privileged workflow) can publish any version of the project. Trusted
Publishing replaces it with a token PyPI mints for one run of one workflow, valid for
minutes; with `pypa/gh-action-pypi-publish` it also signs PEP 740 attestations. A token next
to `id-token: write` is still a token: zizmor's `use-trusted-publishing` does not look at
`run:` uploads in such a job, and misses it.

## Example
```yaml
      - uses: pypa/gh-action-pypi-publish@release/v1
        with:
          password: ${{ secrets.PYPI_API_TOKEN }}   # SCH701
```
```yaml
      - run: twine upload dist/*
        env:
          TWINE_USERNAME: __token__
          TWINE_PASSWORD: ${{ secrets.PYPI_TOKEN }}  # SCH701
```
Use instead: add this workflow as a trusted publisher of the project on PyPI (Manage
project, Publishing; owner, repository, workflow file name and environment), then publish
without a credential, from a job that alone holds `id-token: write`:
```yaml
name: Release
on:
  release:
    types: [published]
permissions: {}
jobs:
  build:
    runs-on: ubuntu-latest
    permissions:
      contents: read
    steps:
      - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1
        with:
          persist-credentials: false
      - uses: actions/setup-python@5fda3b95a4ea91299a34e894583c3862153e4b97 # v7.0.0
        with:
          python-version: "3.x"
      - run: |
          python -m pip install --require-hashes -r requirements-build.txt
          python -m build
      - uses: actions/upload-artifact@043fb46d1a93c77aae656e7c1c64a875d1fc6a0a # v7.0.1
        with:
          name: dist
          path: dist/
  publish:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: pypi
      url: https://pypi.org/project/<your-project>/
    permissions:
      id-token: write  # Trusted Publishing and attestations, for this job only
    steps:
      - uses: actions/download-artifact@3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c # v8.0.1
        with:
          name: dist
          path: dist/
      - uses: pypa/gh-action-pypi-publish@dc37677b2e1c63e2034f94d8a5b11f265b73ba33 # v1.14.2
```
With `uv publish` (Trusted Publishing is automatic on GitHub Actions when the job has
`id-token: write`), the publish step is `- run: uv publish` after `astral-sh/setup-uv`; with
twine, `twine upload dist/*` (twine exchanges the OIDC token itself in recent versions).
Then delete the token on PyPI and the secret in the repository.

## Fix safety
No fix: Trusted Publishing needs a trusted publisher configured on PyPI's side first, and
removing the token before that breaks the next release.

## References
- PyPI docs, "Publishing to PyPI with a Trusted Publisher" and "Adding a Trusted Publisher"
- `pypa/gh-action-pypi-publish` README, "Trusted publishing"
- uv docs, "Publishing your package"; zizmor `use-trusted-publishing`
"""

from __future__ import annotations

from supply_chain_hooks.model import FixAvailability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.model import Finding
    from supply_chain_hooks.publishing.context import PublishContext

RULE = Rule(
    code="SCH701",
    name="stored-publish-credential",
    hook="require-trusted-publishing",
    summary="publish to PyPI authenticates with a stored token instead of Trusted Publishing",
    fix=FixAvailability.NONE,
    doc=__doc__,
)

#: How to replace a stored credential, shown with --show-hints (the rule's example shows it).
CHANGE = "configure a Trusted Publisher on PyPI, remove the credential and delete the token"


def check(context: PublishContext) -> Iterator[Finding]:
    from supply_chain_hooks.model import Finding
    from supply_chain_hooks.publishing.credentials import stored
    from supply_chain_hooks.publishing.jobs import label, line

    source = context.document.source
    seen: set[int] = set()  # a job or workflow `env:` entry can serve several publishes
    for publish in context.publishes:
        if not publish.target.in_scope:
            continue
        for credential in stored(publish):
            if credential.start in seen:
                continue
            seen.add(credential.start)
            used = label(publish)
            if not publish.indirect:
                used += f" (line {line(source, publish.start)})"
            change = CHANGE
            if credential.origin is not None:
                given = f"a stored credential from {credential.origin.describe()}"
            elif credential.what.endswith("__token__`"):
                given = "an API token"
            else:
                given = "a password instead of Trusted Publishing"
                change = "remove it (the action exchanges the workflow's OIDC token itself)"
            message = f"{credential.what} gives {used} {given}"
            location = source.location(credential.start, credential.end)
            yield Finding(RULE, source.path, location, message, hint=change)
    yield from _callers(context)


def _callers(context: PublishContext) -> Iterator[Finding]:
    """Jobs that hand a secret to a local reusable workflow whose publish reads it."""
    from supply_chain_hooks import yaml_doc as y
    from supply_chain_hooks.model import Finding
    from supply_chain_hooks.publishing.credentials import origin, secret_names
    from supply_chain_hooks.publishing.jobs import local_calls

    source = context.document.source
    for call in local_calls(context.document.root):
        publishes = context.called_publishes(call.path)
        if not publishes:
            continue
        names = secret_names(publishes)  # lowercased name -> name as the workflow reads it
        if not names:
            continue
        found = y.get(call.job, "secrets")
        if found is None:
            continue
        key, value = found
        if (y.scalar(value) or "").strip() == "inherit":
            listed = ", ".join(f"`{names[name]}`" for name in sorted(names))
            message = (
                f"`secrets: inherit` hands {listed} to `{call.path}`, which publishes to PyPI "
                "with it as a stored token"
            )
            location = source.location(y.start(key), y.end(value))
            yield Finding(RULE, source.path, location, message, hint=CHANGE)
            continue
        for name, passed in y.items(value):
            text = y.scalar(passed)
            if str(name.value).lower() not in names or text is None:
                continue
            if origin(text, (), expands=False) is None:
                continue
            message = (
                f"passes `{name.value}` to `{call.path}`, which publishes to PyPI with it as a "
                "stored token"
            )
            location = source.location(y.start(name), y.end(passed))
            yield Finding(RULE, source.path, location, message, hint=CHANGE)
