"""ruff/options.py: a Layer moved to another origin keeps every other value."""

from __future__ import annotations

from supply_chain_hooks.ruff.options import Layer
from supply_chain_hooks.ruff.origin import Origin


def test_layer_at_replaces_only_the_origin() -> None:
    file = Origin("ruff.toml", (), "ruff.toml")
    argument = Origin("<command line>", (), '`--config lint.ignore = ["S"]`')
    entry = Origin("ruff.toml", ("lint", "ignore", 0), '"S" in `lint.ignore`')
    layer = Layer(
        file,
        "/repo",
        ignore=(("S", entry),),
        preview=(True, entry),
        per_file_ignores=(("tests/*", (("S", entry),), entry),),
        convention="google",
    )
    moved = layer.at(argument)
    assert moved.origin == argument
    assert moved == Layer(
        argument,
        "/repo",
        ignore=(("S", entry),),
        preview=(True, entry),
        per_file_ignores=(("tests/*", (("S", entry),), entry),),
        convention="google",
    )
    assert layer.origin == file  # the layer read is left as it was
    assert layer.at(file) == layer
