"""What ``pipeline.run`` returns: evaluated or not, through the cache it is given, the task
findings' arguments; on the invented demo as of 31/12/2026.

PL-02 is tied to an event (its deliverable: "Luật Giáo dục sửa đổi", due 10/06/2026) and
overdue; PL-03 has one deliverable with no name (due 27/12/2025), overdue; PL-04 was done on
20/03/2026, after its deadline 31/12/2025.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import DEMO
from kh284.load.cache import Cache
from kh284.pipeline import run

AS_OF = dt.date(2026, 12, 31)


def test_nothing_is_judged_unless_asked() -> None:
    checked = run(DEMO, AS_OF, evaluate=False)
    assert not checked.evaluated
    assert (checked.targets, checked.tasks, checked.reporting) == ([], [], None)
    assert run(DEMO, AS_OF, evaluate=True).evaluated


def test_the_files_are_parsed_through_the_cache_given(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache")
    assert cache.enabled
    run(DEMO, AS_OF, evaluate=False, cache=cache)
    assert cache.misses > 0 and cache.hits == 0
    again = Cache(tmp_path / "cache")
    run(DEMO, AS_OF, evaluate=False, cache=again)
    assert again.hits == cache.misses and again.misses == 0


def test_a_task_finding_names_its_deliverable_or_a_dash() -> None:
    outcome = run(DEMO, AS_OF, evaluate=True)
    found = {
        (d.code, d.subject.id): dict(d.args)
        for d in outcome.diagnostics
        if d.subject is not None and d.code in ("K701", "K702")
    }
    assert found["K701", "PL-02"]["deliverable"] == "Luật Giáo dục sửa đổi"
    assert found["K701", "PL-02"]["item"] == "PL-02 (Luật Giáo dục sửa đổi)"
    assert (found["K701", "PL-03"]["deliverable"], found["K701", "PL-03"]["days"]) == ("-", "369")
    assert found["K702", "PL-04"] == {
        "completed_on": "2026-03-20",
        "deliverable": "-",
        "due": "2025-12-31",
        "item": "PL-04",
        "task": "PL-04",
    }
