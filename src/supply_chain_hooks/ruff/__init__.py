"""A model of how Ruff resolves its configuration, for `enforce-ruff-S`.

* :mod:`.table` -- the vendored rule table of each known Ruff version and rule selectors;
* :mod:`.selection` -- the enabled rule set, computed the way Ruff computes it;
* :mod:`.globset` -- Ruff's glob semantics (the Rust ``globset`` crate) for excludes and
  per-file ignores;
* :mod:`.settings` -- config discovery, ``extend`` chains, legacy keys, validation;
* :mod:`.cli` -- ruff's command-line options as they appear in pre-commit ``args``;
* :mod:`.precommit` -- the ruff hook in ``.pre-commit-config.yaml``;
* :mod:`.noqa` -- file-level ``# ruff: noqa`` and ``# ruff: file-ignore[...]`` comments;
* :mod:`.verdict` -- per Python file: which S rules Ruff really reports, and why not;
* :mod:`.fix` -- the offline configuration fix.
"""
