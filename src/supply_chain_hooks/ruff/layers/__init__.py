"""The layers of the verdict, one module each; a required S rule is off when any switches it off.

* :mod:`.hook` -- the ruff hook: missing, not run on commit, skipped by pre-commit.ci, files
  filtered out of it, arguments that silence Ruff;
* :mod:`.exclusion` -- ``exclude``/``extend-exclude`` on the file and its directories up to the
  project root, ``lint.exclude`` on the file, when ``--force-exclude`` is in effect;
* :mod:`.fix_only` -- ``fix-only``;
* :mod:`.rule_selection` -- defaults, select/extend-select/ignore over the ``extend`` chain and
  the command line, with the entry or ``select`` responsible, and the fix of each config;
* :mod:`.per_file_ignores` -- per-file ignores (basename or anchored absolute match, ``!``);
* :mod:`.file_noqa` -- file-level ``# ruff: noqa`` and ``# ruff: file-ignore[...]``.

Each layer reports its causes to the run's :class:`~..causes.Collector`.
"""
