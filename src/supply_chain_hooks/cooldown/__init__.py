"""The cooldown family (check-dependency-cooldown): every place outside uv's own settings
where new releases enter the repository waits before taking them.

Dependabot's `cooldown:` per `updates:` entry (:mod:`cooldown.dependabot`), and pip's and
uv's cutoff options in CI workflows and committed pip configuration (:mod:`cooldown.ci`).
uv's own settings are check-uv-exclude-newer's; both hooks read one minimum,
``min-cooldown`` in ``[tool.supply-chain-hooks]``.
"""
