"""Agreement with zizmor on every workflow and action file of the corpus.

Both tools run over the same files: zizmor once (`--offline`, no configuration, no ignore
comments, pedantic persona so tag-pinned `docker://` images count as unpinned, as they do
here). The (file, line) pairs flagged by zizmor's `unpinned-uses`, and by `unpinned-images`
for `uses: docker://` and `runs.image`, must equal the pairs flagged here by SCH101
(symbolic ref), SCH102 (short SHA), SCH104 (invalid `uses:`, which zizmor flags as unpinned
or refuses to load), SCH105 (Docker image) and SCH108 (job container and service images,
which zizmor's `unpinned-images` covers too), except for the differences listed below,
each with the reason we differ on purpose. SCH103 (uppercase SHA) is not compared: zizmor
and GitHub accept such a pin, and so do we; we only ask for the canonical spelling.
"""

from __future__ import annotations

import json
import re
import subprocess

import pytest

from supply_chain_hooks.hooks import pin_actions_to_sha as hook
from supply_chain_hooks.source import InputError
from supply_chain_hooks.workspace import Workspace
from tests.conftest import Corpus, oracle

COMPARED = {"SCH101", "SCH102", "SCH104", "SCH105", "SCH108"}

NOT_LOADED_BY_ZIZMOR = (
    "zizmor rejects the whole file against its schema; every `uses:` in it is still checked here"
)
IF_FALSE = (
    "zizmor skips jobs whose `if:` is the constant `false`; a disabled job is one edit away "
    "from running, so its references are checked here"
)
COMPOSITE_DOCKER = (
    "zizmor checks `uses: docker://` only in workflows; a composite action's Docker step "
    "runs the same unpinned image"
)

ENSURE_SHA = "zgosalvez__github-actions-ensure-sha-pinned-actions/test/stub/"
PREFECT = "PrefectHQ__prefect/.github/workflows/api-compatibility-tests.yaml"
PINACT = "suzuki-shunsuke__pinact/testdata/diff-file/action.yaml"

#: Flagged here, not by zizmor: (file, line) -> reason.
ONLY_OURS: dict[tuple[str, int], str] = {
    (PREFECT, 37): IF_FALSE,
    (PREFECT, 46): IF_FALSE,
    (PREFECT, 55): IF_FALSE,
    # A workflow saved as action.yaml (pinact's test data).
    (PINACT, 9): NOT_LOADED_BY_ZIZMOR,
    (PINACT, 10): NOT_LOADED_BY_ZIZMOR,
    (PINACT, 11): NOT_LOADED_BY_ZIZMOR,
    # An action.yml with a `jobs:` block: SCH104, a job's `uses:` must be a reusable workflow.
    (ENSURE_SHA + "invalid/actions/action-confused-with-workflow/action.yml", 3): (
        NOT_LOADED_BY_ZIZMOR
    ),
    (ENSURE_SHA + "unpinned/actions/my-action/action.yaml", 6): COMPOSITE_DOCKER,
    (ENSURE_SHA + "unpinned/actions/my-action/action.yaml", 7): COMPOSITE_DOCKER,
}

DYNAMIC_IMAGE = (
    "an image given by an expression that is not a static matrix value (`fromJSON(...)`, an "
    "input, a job output, `format(...)`): zizmor reports it as possibly unpinned; here only "
    "with --strict-images, since the file does not say which image runs"
)

#: Flagged by zizmor, not here: (file, line) -> reason.
ONLY_ZIZMOR: dict[tuple[str, int], str] = {
    ("Homebrew__brew/.github/workflows/tap-new-tests.yml", 25): DYNAMIC_IMAGE,
    ("PrefectHQ__prefect/.github/workflows/python-tests.yaml", 70): DYNAMIC_IMAGE,
    ("astral-sh__uv/.github/workflows/test-system.yml", 187): DYNAMIC_IMAGE,
    ("microsoft__DeepSpeed/.github/workflows/python.yml", 29): DYNAMIC_IMAGE,
    ("pypi__warehouse/.github/workflows/ci.yml", 64): DYNAMIC_IMAGE,
    ("pypi__warehouse/.github/workflows/ci.yml", 71): DYNAMIC_IMAGE,
    ("pypi__warehouse/.github/workflows/ci.yml", 80): DYNAMIC_IMAGE,
    ("pypi__warehouse/.github/workflows/ci.yml", 84): DYNAMIC_IMAGE,
    ("pypi__warehouse/.github/workflows/ci.yml", 109): DYNAMIC_IMAGE,
    ("pytorch__test-infra/.github/workflows/build-pypi-cache.yml", 63): DYNAMIC_IMAGE,
    ("pytorch__test-infra/.github/workflows/build_wheels_linux.yml", 166): DYNAMIC_IMAGE,
    ("pytorch__test-infra/.github/workflows/linux_job_v3.yml", 130): DYNAMIC_IMAGE,
}


#: How many (file, line) pairs both tools flag, per corpus.
AGREED = {"sample": 68, "full": 973}
INVALID = "zizmorcore__zizmor/crates/zizmor/tests/integration/test-data/invalid/"
#: Files zizmor does not load that have no `uses:` to compare: path -> what they are.
UNLOADED = {
    INVALID + "invalid-action-1/action.yml": "an action without `runs.using`; no `uses:`",
    INVALID + "invalid-action-2/action.yml": "invalid YAML (SCH001 here)",
    INVALID + "empty-action/action.yml": "an empty file",
    ENSURE_SHA + "empty/actions/my-action/action.yml": "an empty file",
}


def _ours(paths: list[str]) -> set[tuple[str, int]]:
    workspace = Workspace(".")
    flagged: set[tuple[str, int]] = set()
    for path in paths:
        try:
            found = hook.check(workspace, path, hook.Options(), None)
        except InputError:
            continue
        flagged |= {(path, f.location.line) for f in found if f.rule.code in COMPARED}
    return flagged


def _theirs(zizmor: str, paths: list[str]) -> tuple[set[tuple[str, int]], set[str]]:
    completed = subprocess.run(
        [
            zizmor,
            "--offline",
            "--no-config",
            "--no-ignores",
            "--persona",
            "pedantic",
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
    audited = set(re.findall(r"completed (\S+)", completed.stderr))
    flagged: set[tuple[str, int]] = set()
    for finding in json.loads(completed.stdout):
        if finding["ident"] not in ("unpinned-uses", "unpinned-images"):
            continue
        for location in finding["locations"]:
            if location["symbolic"]["kind"] != "Primary":
                continue
            path = location["symbolic"]["key"]["Local"]["verbatim_path"]
            flagged.add((path, location["concrete"]["location"]["start_point"]["row"] + 1))
    return flagged, audited


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
    ours = _ours(paths)
    theirs, audited = _theirs(zizmor, paths)

    only_ours = {key: reason for key, reason in ONLY_OURS.items() if key[0] in paths}
    only_zizmor = {key: reason for key, reason in ONLY_ZIZMOR.items() if key[0] in paths}
    assert len(ours & theirs) == AGREED[corpus.name], "the comparison must cover real findings"
    assert {key: ONLY_OURS.get(key, "UNEXPLAINED") for key in ours - theirs} == only_ours
    assert {key: ONLY_ZIZMOR.get(key, "UNEXPLAINED") for key in theirs - ours} == only_zizmor
    # zizmor audited every file but those the reasons above name.
    unloaded = set(paths) - audited
    explained = {path for (path, _), reason in only_ours.items() if reason == NOT_LOADED_BY_ZIZMOR}
    assert unloaded == explained | {path for path in UNLOADED if path in paths}
