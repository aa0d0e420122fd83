"""Agreement with zizmor on every workflow and action file of the corpus.

Both tools run over the same files: zizmor once (`--offline`, no configuration, no ignore
comments, pedantic persona so tag-pinned `docker://` images count as unpinned, as they do
here). The (file, line) pairs flagged by zizmor's `unpinned-uses`, and by `unpinned-images`
for `uses: docker://` and `runs.image`, must equal the pairs flagged here by SCH101
(symbolic ref), SCH102 (short SHA), SCH104 (invalid `uses:`, which zizmor flags as unpinned
or refuses to load) and SCH105 (Docker image), except for the differences listed below,
each with the reason we differ on purpose. SCH103 (uppercase SHA) is not compared: zizmor
and GitHub accept such a pin, and so do we; we only ask for the canonical spelling.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from supply_chain_hooks.hooks import pin_actions_to_sha as hook
from supply_chain_hooks.source import InputError
from supply_chain_hooks.workspace import Workspace
from tests.conftest import CORPUS, corpus_files, require_corpus

COMPARED = {"SCH101", "SCH102", "SCH104", "SCH105"}

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

#: Flagged by zizmor, not here: (file, line) -> reason. Container and service images
#: (`jobs.<id>.container`, `jobs.<id>.services.<name>.image`) are filtered out before the
#: comparison: they are not `uses:` references and this hook does not check them.
ONLY_ZIZMOR: dict[tuple[str, int], str] = {}


def _zizmor() -> str:
    found = shutil.which("zizmor") or str(Path(sys.executable).with_name("zizmor"))
    if not Path(found).exists():
        pytest.skip("zizmor is not installed")
    return found


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
        [zizmor, "--offline", "--no-config", "--no-ignores", "--persona", "pedantic",
         "--no-progress", "--format", "json", *paths],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert completed.returncode in (0, 11, 12, 13, 14), completed.stderr[-2000:]
    audited = set(re.findall(r"completed (\S+)", completed.stderr))
    flagged: set[tuple[str, int]] = set()
    for finding in json.loads(completed.stdout):
        if finding["ident"] not in ("unpinned-uses", "unpinned-images"):
            continue
        for location in finding["locations"]:
            if location["symbolic"]["kind"] != "Primary":
                continue
            route = [next(iter(step.values())) for step in location["symbolic"]["route"]["route"]]
            if "container" in route or "services" in route:
                continue
            path = location["symbolic"]["key"]["Local"]["verbatim_path"]
            flagged.add((path, location["concrete"]["location"]["start_point"]["row"] + 1))
    return flagged, audited


@pytest.mark.slow
def test_agreement_with_zizmor_on_the_corpus(monkeypatch: pytest.MonkeyPatch) -> None:
    require_corpus()
    zizmor = _zizmor()
    files = corpus_files(
        ".github/workflows/*.yml", ".github/workflows/*.yaml", "**/action.yml", "**/action.yaml"
    )
    monkeypatch.chdir(CORPUS)
    paths = [str(path.relative_to(CORPUS)) for path in files]
    ours = _ours(paths)
    theirs, audited = _theirs(zizmor, paths)

    assert len(ours & theirs) > 500, "the comparison must cover real findings"
    assert {key: ONLY_OURS.get(key, "UNEXPLAINED") for key in ours - theirs} == ONLY_OURS
    assert {key: ONLY_ZIZMOR.get(key, "UNEXPLAINED") for key in theirs - ours} == ONLY_ZIZMOR
    # The files zizmor could not load are exactly those its reasons name.
    unloaded = set(paths) - audited
    explained = {path for (path, _), reason in ONLY_OURS.items() if reason == NOT_LOADED_BY_ZIZMOR}
    assert explained <= unloaded
