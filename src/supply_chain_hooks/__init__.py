"""pre-commit hooks that harden the software supply chain of Python repositories."""

__version__ = "0.1.0"
