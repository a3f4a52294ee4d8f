"""Demo content for the programme plugin: a believable cinema and festival programme.

Add ``programme_demo`` to ``INSTALLED_APPS`` next to ``programme`` and run
``manage.py load_demo``. It is optional: nothing in ``programme`` imports it.
"""
