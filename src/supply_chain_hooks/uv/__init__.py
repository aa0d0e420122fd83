"""uv's configuration, read the way uv 0.13 reads it: the `exclude-newer` grammar and projects."""
