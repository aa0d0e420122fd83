"""Agreement with zizmor's `use-trusted-publishing` on every workflow and action file of the
corpus.

Both tools run over the same files (zizmor `--offline`, no configuration, no ignore
comments). The unit compared is a publish step that does not use Trusted Publishing, named
by (file, line of the step's `uses:` or of the upload command):

* zizmor: each `use-trusted-publishing` finding about PyPI (the `pypa/gh-action-pypi-publish`
  action, or a `twine`/`uv`/`hatch`/`pdm` upload command), at its primary location; its
  findings about npm, cargo, RubyGems and `actions/setup-node` are left out;
* here: each publish for which require-trusted-publishing reports SCH701 (a stored
  credential it uses), SCH702 (its job has no `id-token: write`) or SCH706 (its tool cannot
  use Trusted Publishing).

Every difference is listed below with its reason. The other findings of the hook (SCH703,
SCH704, SCH705, and SCH701 on callers of reusable workflows) have no zizmor counterpart:
they are listed too, so the whole report on the corpus is pinned down.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import TypeVar

import pytest

from supply_chain_hooks.hooks import require_trusted_publishing as hook
from supply_chain_hooks.source import InputError
from supply_chain_hooks.workspace import Workspace
from tests.conftest import Corpus, oracle

K = TypeVar("K", tuple[str, int], tuple[str, int, str])

INDIRECT = (
    "the step runs a release script or tox environment whose own `env:` holds "
    "`TWINE_PASSWORD` from a secret: the upload happens inside, where zizmor does not look"
)
NOT_PYPI = ("npm", "cargo", "gem", "yarn", "pnpm")

#: Publishes reported here, not by zizmor: (file, line) -> reason.
ONLY_OURS: dict[tuple[str, int], str] = {
    ("encode__httpx/.github/workflows/publish.yml", 26): INDIRECT,
    ("pypa__setuptools/.github/workflows/main.yml", 251): INDIRECT,
    ("pypa__twine/.github/workflows/main.yml", 135): INDIRECT,
}
#: Publishes reported by zizmor, not here: (file, line) -> reason.
ONLY_ZIZMOR: dict[tuple[str, int], str] = {}

#: The hook's findings that are no publish-step verdict, with why zizmor has none.
NOT_COMPARED: dict[tuple[str, int, str], str] = {
    ("pypa__pipenv/.github/workflows/pypi_upload.yml", 10, "SCH703"): (
        "workflow-level `id-token: write`: zizmor's use-trusted-publishing only asks whether "
        "the job has the token, not where it is granted"
    ),
    ("pytorch__test-infra/.github/workflows/release-pypi.yml", 27, "SCH703"): (
        "workflow-level `id-token: write` (the publish itself uses Trusted Publishing)"
    ),
    ("astral-sh__uv/.github/workflows/ci.yml", 220, "SCH705"): (
        "a TestPyPI publish that same-repository pull requests reach (its `if:` checks the "
        "repository, the fork flag and a job output, none of which excludes `pull_request`); "
        "zizmor does not reason about triggers in this audit"
    ),
    ("pytorch__test-infra/.github/workflows/build_wheels_linux.yml", 370, "SCH701"): (
        "a caller passing `PYPI_API_TOKEN` to the reusable workflow `_binary_upload.yml`, which "
        "publishes with it; zizmor reports the reusable workflow only"
    ),
}


#: How many publishes both tools report, per corpus.
AGREED = {"sample": 9, "full": 13}


def _ours(paths: list[str]) -> tuple[set[tuple[str, int]], set[tuple[str, int, str]]]:
    """(file, publish line) of every publish reported as not using Trusted Publishing, and
    (file, line, code) of the other findings."""
    from supply_chain_hooks.publishing.commands import TRUSTED_PUBLISHING
    from supply_chain_hooks.publishing.context import PublishContext
    from supply_chain_hooks.publishing.credentials import stored

    workspace = Workspace(".")
    publishes: set[tuple[str, int]] = set()
    others: set[tuple[str, int, str]] = set()
    options = hook.Options()
    for path in paths:
        try:
            findings = hook.check(workspace, path, options)
        except InputError:
            continue
        if not findings:
            continue
        source = workspace.source(path)
        from supply_chain_hooks import fast_yaml

        context = PublishContext(fast_yaml.parse(source))
        at = {(f.rule.code, f.location.line) for f in findings}
        used: set[tuple[str, int]] = set()
        for publish in context.publishes:
            line = source.position(publish.start)[0]
            lines = {source.position(c.start)[0] for c in stored(publish)}
            job_lines = set()
            if publish.job is not None and publish.tool in TRUSTED_PUBLISHING:
                from supply_chain_hooks import yaml_doc as y

                found = y.get(publish.job_node, "permissions")
                node = found[0] if found is not None else publish.job
                job_lines.add(source.position(y.start(node))[0])
            verdicts = (
                {("SCH701", n) for n in lines}
                | {("SCH702", n) for n in job_lines}
                | {("SCH706", line)}
            ) & at
            if verdicts:
                publishes.add((path, line))
                used |= verdicts
        others |= {(path, line, code) for code, line in at - used}
    return publishes, others


def _theirs(zizmor: str, paths: list[str]) -> set[tuple[str, int]]:
    completed = subprocess.run(
        [
            zizmor,
            "--offline",
            "--no-config",
            "--no-ignores",
            "--no-progress",
            "--format",
            "json",
            *paths,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode in (0, 11, 12, 13, 14), completed.stderr[-2000:]
    flagged: set[tuple[str, int]] = set()
    for finding in json.loads(completed.stdout):
        if finding["ident"] != "use-trusted-publishing":
            continue
        for location in finding["locations"]:
            symbolic, concrete = location["symbolic"], location["concrete"]
            if symbolic["kind"] != "Primary" or symbolic.get("annotation") not in (
                "this step",
                "this command",
            ):
                continue
            feature = concrete["feature"].strip()
            if symbolic["annotation"] == "this step" and "gh-action-pypi-publish" not in feature:
                continue  # actions/setup-node, rubygems actions
            if symbolic["annotation"] == "this command" and feature.split()[0] in NOT_PYPI:
                continue
            path = symbolic["key"]["Local"]["verbatim_path"]
            flagged.add((path, concrete["location"]["start_point"]["row"] + 1))
    return flagged


@pytest.mark.slow
def test_agreement_with_zizmor_on_the_corpus(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    zizmor = oracle("zizmor")
    files = corpus.files(
        ".github/workflows/*.yml", ".github/workflows/*.yaml", "**/action.yml", "**/action.yaml"
    )
    monkeypatch.chdir(corpus.root)
    paths = [corpus.relative(path) for path in files]
    ours, others = _ours(paths)
    # zizmor's PyPI forms all need one of the hook's words: files without any are left out
    # (the hook does not parse them either).
    candidates = [p for p in paths if hook.may_publish(Path(p).read_text(errors="replace"))]
    theirs = _theirs(zizmor, candidates)

    def present(explained: dict[K, str]) -> dict[K, str]:
        return {key: reason for key, reason in explained.items() if key[0] in paths}

    assert len(ours & theirs) == AGREED[corpus.name], "the comparison must cover real findings"
    assert {key: ONLY_OURS.get(key, "UNEXPLAINED") for key in ours - theirs} == present(ONLY_OURS)
    assert {key: ONLY_ZIZMOR.get(key, "UNEXPLAINED") for key in theirs - ours} == present(
        ONLY_ZIZMOR
    )
    assert {key: NOT_COMPARED.get(key, "UNEXPLAINED") for key in others} == present(NOT_COMPARED)
