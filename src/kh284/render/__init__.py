"""Rendering an ``Outcome``: ``plain`` builds one plain-data form, formats print it.

Formatters return text and never print; the CLI decides where it goes.  Every machine
format is built from ``plain.outcome_dict`` so the numbers never disagree.
"""

FORMATS = ("terminal", "json")
