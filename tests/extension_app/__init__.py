"""An example extension app: an event page with screenings and a label of its own.

It uses only the documented extension points (docs/extend.md): the
``ScreeningHostMixin`` and ``AbstractHostedScreening`` bases, the label and
access-flag registry, the programme's blocks and templates. It is installed by
the test settings only; ``tests/test_extension.py`` checks it.
"""
