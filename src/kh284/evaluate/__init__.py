"""Evaluation: verdicts on targets (``targets``) and tasks (``tasks``) as of a date.

Both read only validated models through the ``Index`` and produce plain result objects;
nothing here prints or knows about output formats.
"""
