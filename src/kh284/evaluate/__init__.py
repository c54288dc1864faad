"""Stage 3, evaluate: verdicts on targets and tasks as of a date.

- ``series``: the reported figures as yearly series per measure and area.
- ``targets``: comparators, the UNSD progress rule, count-of-areas targets.
- ``tasks``: each deliverable's status from the lead units' reports; the headline (the
  deliverables themselves come from ``validate.deadlines``).

Everything here reads validated models through the ``Index`` and returns plain result
objects; nothing prints or knows about output formats.
"""
