"""The uv family (check-uv-exclude-newer): uv's configuration, read the way uv 0.13.9 reads it.

The domain computes facts as typed values; the rules turn them into findings:

* ``jiff/``: a port of jiff's date, time and duration grammars, with jiff's messages;
* ``exclude_newer.py``: what uv makes of an `exclude-newer` value, with uv's messages;
* ``settings.py``: a table of uv settings (its known keys, names, `required-version`);
* ``projects.py``: the uv projects and workspaces, and which file uv reads each one's
  settings from; ``files.py`` lists the candidate files cheaply;
* ``policy.py``: the hook's options and its verdict on a cutoff;
* ``lock.py``: whether a uv.lock was resolved under the configured `exclude-newer`;
* ``context.py``: one repository analysed into a :class:`~.context.UvContext`;
* ``rules/``: one module per rule (``check(context)``), ``helpers.py`` what they share.
"""
