"""Checks that run after every file has passed its schema: one module per concern.

``references`` checks ids between files, ``plan_text`` reads the plan as a careful reader
would, ``reports`` reviews submitted figures and task reports.  Each exposes
``check(index, ...)`` yielding diagnostics; ``run_all`` runs them in order.
"""

from __future__ import annotations

import datetime as dt

from kh284.diagnostics import Diagnostic
from kh284.validate.checks import plan_text, references, reports
from kh284.validate.index import Index


def run_all(index: Index, as_of: dt.date) -> list[Diagnostic]:
    """Every check over ``index``; reports dated after ``as_of`` are flagged."""
    found: list[Diagnostic] = []
    found.extend(references.check(index))
    found.extend(plan_text.check(index))
    found.extend(reports.check(index, as_of))
    return found
