"""Project and workspace discovery, and which file uv reads settings from."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from typing import Any

from supply_chain_hooks.source import InputError
from supply_chain_hooks.uv.projects import Layout, Project, discover, settings_path


def layout(files: Mapping[str, str]) -> Layout:
    """Discover over in-memory files: TOML text for pyproject.toml, anything for the rest."""

    def load(path: str) -> Mapping[str, Any] | None:
        try:
            return tomllib.loads(files[path])
        except tomllib.TOMLDecodeError as error:
            raise InputError(f"invalid TOML: {error}") from None

    return discover(sorted(files), load)


def by_dir(found: Layout) -> dict[str, Project]:
    return {project.directory: project for project in found.projects}


PROJECT = '[project]\nname = "p"\nversion = "0"\n'
UV = PROJECT + '[tool.uv]\nexclude-newer = "7 days"\n'


def test_a_lock_or_a_tool_uv_table_makes_a_uv_project() -> None:
    found = by_dir(
        layout(
            {
                "a/pyproject.toml": PROJECT,
                "a/uv.lock": "",
                "b/pyproject.toml": UV,
                "c/pyproject.toml": PROJECT,  # plain project: not uv's
            }
        )
    )
    assert sorted(found) == ["a", "b"]
    assert found["a"].lock == "a/uv.lock"
    assert found["a"].settings is None
    assert found["b"].settings == "b/pyproject.toml"


def test_workspace_members_are_grouped_under_their_root() -> None:
    root = (
        PROJECT
        + '[tool.uv.workspace]\nmembers = ["packages/*", "tools/cli"]\nexclude = ["packages/skip"]\n'
    )
    found = layout(
        {
            "pyproject.toml": root,
            "uv.lock": "",
            "packages/a/pyproject.toml": UV,
            "packages/b/pyproject.toml": PROJECT,
            "packages/skip/pyproject.toml": UV,
            "tools/cli/pyproject.toml": PROJECT,
            "tools/other/pyproject.toml": UV,
        }
    )
    projects = by_dir(found)
    assert sorted(projects) == ["", "packages/skip", "tools/other"]
    assert projects[""].members == (
        "packages/a/pyproject.toml",
        "packages/b/pyproject.toml",
        "tools/cli/pyproject.toml",
    )
    assert found.member_of["packages/a/pyproject.toml"] == ""
    # members never read their own [tool.uv]; the root has [tool.uv] (workspace), so it wins
    assert projects[""].settings == "pyproject.toml"
    assert projects["packages/skip"].settings == "packages/skip/pyproject.toml"


def test_uv_toml_wins_even_when_empty_and_search_goes_upwards() -> None:
    found = by_dir(
        layout(
            {
                "pyproject.toml": UV,
                "uv.toml": "",
                "sub/pyproject.toml": PROJECT,
                "sub/uv.lock": "",
                "deep/x/pyproject.toml": PROJECT,
                "deep/x/uv.lock": "",
                "deep/uv.toml": "",
            }
        )
    )
    assert found[""].settings == "uv.toml"
    assert found["sub"].settings == "uv.toml"  # no [tool.uv] in sub/: the search continues up
    assert found["deep/x"].settings == "deep/uv.toml"


def test_a_nested_project_reads_its_own_tool_uv_table() -> None:
    found = by_dir(
        layout(
            {
                "pyproject.toml": UV,
                "sub/pyproject.toml": PROJECT + "[tool.uv]\nmanaged = true\n",
            }
        )
    )
    assert found["sub"].settings == "sub/pyproject.toml"


def test_an_enclosing_plain_project_stops_the_workspace_search() -> None:
    root = PROJECT + '[tool.uv.workspace]\nmembers = ["a/b"]\n'
    found = layout(
        {
            "pyproject.toml": root,
            "a/pyproject.toml": PROJECT,
            "a/b/pyproject.toml": UV,
        }
    )
    assert "a/b/pyproject.toml" not in found.member_of
    assert by_dir(found)["a/b"].settings == "a/b/pyproject.toml"


def test_unreadable_files_are_reported_and_skipped() -> None:
    found = layout({"pyproject.toml": "[tool.uv\n", "uv.lock": "", "ok/pyproject.toml": UV})
    assert [path for path, _ in found.errors] == ["pyproject.toml"]
    assert by_dir(found)["ok"].settings == "ok/pyproject.toml"


def test_settings_files_and_fix_targets() -> None:
    found = layout(
        {"a/pyproject.toml": PROJECT, "a/uv.lock": "", "b/uv.toml": "", "c/pyproject.toml": UV}
    )
    assert found.settings_files() == ["c/pyproject.toml", "b/uv.toml"]
    assert settings_path(by_dir(found)["a"]) == "a/pyproject.toml"
    assert settings_path(by_dir(found)["c"]) == "c/pyproject.toml"
    assert found.projects_reading("c/pyproject.toml") == [by_dir(found)["c"]]
