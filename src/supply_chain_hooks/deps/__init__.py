"""The deps family: requirements files and lock files (require-lock-hashes).

Each module has one job; a module imports only modules above it in this list:

- ``hashes``: which hashes count (strong algorithms, well-formed digests, commit ids);
- ``requirement``: what pip makes of one requirement string (``classify``);
- ``options``: pip's option table, parsing the options part of a line;
- ``lines``: pip's line reader (continuations, comments, logical lines with spans);
- ``includes``: the ``-r``/``-c`` tree, with cycles, missing files and URLs as problems;
- ``hints``: how a file was generated, and the command that regenerates it;
- ``locks``: the lock model, one reader per format, and ``locks.formats`` to pick one;
- ``context``: what the rules read: a requirements tree analysed, or a lock file;
- ``analysis``: a requirements tree analysed line by line into its context;
- ``load``: from a checked path to its contexts;
- ``rules``: one module per rule, and ``MODULES``, the family's one list.
"""
