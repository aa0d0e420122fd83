"""## What it does
Reports `poetry publish`, `hatch publish` and `flit publish` when they upload to PyPI or
TestPyPI (however they are started: directly, `python -m`, `pipx run`, a runner).

## Why is this bad?
These tools cannot authenticate with Trusted Publishing: each needs a password or API token
(`POETRY_PYPI_TOKEN_PYPI`, `HATCH_INDEX_AUTH`, `FLIT_PASSWORD`, or a `.pypirc` written from
a secret), which is the long-lived credential Trusted Publishing exists to remove (see
SCH701). Building with them is fine: only the upload has to move to a tool that exchanges
the workflow's OIDC token, `pypa/gh-action-pypi-publish` (which also uploads PEP 740
attestations) or `uv publish`.

## Example
```yaml
      - run: poetry publish --build    # SCH706
        env:
          POETRY_PYPI_TOKEN_PYPI: ${{ secrets.PYPI_TOKEN }}
```
Use instead (build with the same tool, upload from a job with `id-token: write`):
```yaml
  build:
    runs-on: ubuntu-latest
    permissions:
      contents: read
    steps:
      - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1
        with:
          persist-credentials: false
      - run: pipx run poetry build
      - uses: actions/upload-artifact@043fb46d1a93c77aae656e7c1c64a875d1fc6a0a # v7.0.1
        with:
          name: dist
          path: dist/
  publish:
    needs: build
    runs-on: ubuntu-latest
    environment: pypi
    permissions:
      id-token: write
    steps:
      - uses: actions/download-artifact@3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c # v8.0.1
        with:
          name: dist
          path: dist/
      - uses: pypa/gh-action-pypi-publish@dc37677b2e1c63e2034f94d8a5b11f265b73ba33 # v1.14.2
```
SCH701's documentation shows the complete workflow.

## Fix safety
No fix: the upload has to move to another tool, and Trusted Publishing needs a trusted
publisher configured on PyPI first.

## References
- Poetry docs, "Publishing to PyPI" (`POETRY_PYPI_TOKEN_<NAME>`); Hatch docs, "How to
  authenticate for index publishing", which recommends the action for Trusted Publishing
- PyPI docs, "Publishing to PyPI with a Trusted Publisher"
"""

from __future__ import annotations

from supply_chain_hooks.model import FixAvailability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.model import Finding
    from supply_chain_hooks.publishing.context import PublishContext

RULE = Rule(
    code="SCH706",
    name="publisher-without-trusted-publishing",
    hook="require-trusted-publishing",
    summary="upload to PyPI with a tool that cannot use Trusted Publishing (poetry, hatch, flit)",
    fix=FixAvailability.NONE,
    doc=__doc__,
)

WITHOUT = ("poetry", "hatch", "flit")


def check(context: PublishContext) -> Iterator[Finding]:
    from supply_chain_hooks.model import Finding
    from supply_chain_hooks.publishing.jobs import label

    source = context.document.source
    seen: set[int] = set()  # an aliased step: reported once, at the anchor
    for publish in context.publishes:
        if publish.indirect or publish.tool not in WITHOUT or not publish.target.in_scope:
            continue
        if publish.start in seen:
            continue
        message = (
            f"{label(publish)} cannot use Trusted Publishing: upload with "
            "`pypa/gh-action-pypi-publish` or `uv publish` from a job with `id-token: write`"
        )
        seen.add(publish.start)
        yield Finding(RULE, source.path, source.location(publish.start, publish.end), message)
