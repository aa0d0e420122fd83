"""The deps family: requirements files and lock files (require-lock-hashes)."""
