"""The performance benchmark: a synthetic programme at scale, measured on the real stack.

``bin/bench`` (or ``python -m bench``) builds a deterministic programme into its own
SQLite database under ``bench/.data/`` (the demo database is never touched), then
measures every public page type through gunicorn and whitenoise with ``wrk``, and
writes ``bench/RESULTS.md``.

- ``environment``: where the bench keeps its files, and the settings it runs Django with;
- ``build``: the synthetic programme (``Sizes`` and ``ProgrammeBuilder``);
- ``run``: gunicorn, wrk, memory sampling and the in-process measurements;
- ``report``: the targets and the RESULTS.md table.
"""
