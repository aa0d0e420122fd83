"""The ruff family (enforce-ruff-S): a model of how Ruff resolves its configuration.

Ruff's own model:

* :mod:`.table` -- the vendored rule table of each known Ruff version and rule selectors;
* :mod:`.selection` -- the enabled rule set, computed the way Ruff computes it;
* :mod:`.globset` -- Ruff's glob semantics (the Rust ``globset`` crate) for excludes and
  per-file ignores;
* :mod:`.origin` -- where a value is written (file and key, or a line span);
* :mod:`.config_file` -- one config file, read once, and what Ruff refuses in it;
* :mod:`.discovery` -- which config governs a directory, and its ``extend`` chain;
* :mod:`.options` -- one config file's options, type-checked, as one layer;
* :mod:`.settings` -- a chain's layers and the command line merged into settings;
* :mod:`.cli` -- ruff's command-line options as they appear in pre-commit ``args``;
* :mod:`.precommit` -- the ruff hook in ``.pre-commit-config.yaml``;
* :mod:`.noqa` -- file-level ``# ruff: noqa`` and ``# ruff: file-ignore[...]`` comments.

The verdict:

* :mod:`.policy` -- which S rules are required where (the hook's options);
* :mod:`.python_files` -- the tracked Python files, and those that may hold a directive;
* :mod:`.resolution` -- per file, the settings Ruff uses (or the problem that stops it);
* :mod:`.layers` -- one module per layer that can switch a required rule off;
* :mod:`.verdict` -- runs the layers over every file into one :class:`~.causes.Verdict`;
* :mod:`.causes` -- the verdict's typed values: each kind of cause, the planned fixes;
* :mod:`.fix` -- the offline configuration fix, as one minimal edit per config file.

The rules (:mod:`.rules`, one module each) read a :class:`~.context.RuffContext` and turn
the causes of their kind into findings, with the wording and locations of :mod:`.helpers`.
"""
