"""pre-commit configurations: the repositories, revs and hook dependencies of `.pre-commit-config.yaml`."""
