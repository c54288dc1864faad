"""The query layer (``views.build``, ``views.model``) on the invented demo, as of 31/12/2026.

Expected values are read off examples/demo by hand (the reporting arithmetic is in
tests/test_reporting.py): figures of year Y fall due on 31/01/Y+1, so on 31/12/2026 the
2025 figures are owed and the 2026 ones not yet.  The two targets pcgd-tieu-hoc-muc-3-huyen
and pcgd-tieu-hoc-duy-tri read one measure (pcgd-tieu-hoc-muc-do) that nobody reported.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from conftest import DEMO
from kh284.evaluate.tasks import Headline
from kh284.pipeline import Outcome, run
from kh284.views import Model, build
from kh284.views.model import by_lead_unit


@pytest.fixture(scope="module")
def outcome() -> Outcome:
    return run(DEMO, dt.date(2026, 12, 31), evaluate=True)


@pytest.fixture(scope="module")
def model(outcome: Outcome) -> Model:
    return build(outcome, "vi")


def test_the_headline_is_the_outcome_s_unless_one_is_given(outcome: Outcome) -> None:
    assert outcome.headline is not None
    assert build(outcome, "vi").headline == outcome.headline
    narrowed = Headline(due=1, done=1, done_on_time=1, overdue=0)
    assert build(outcome, "vi", headline=narrowed).headline is narrowed


def test_a_measure_nobody_reported_is_owed_for_every_target_that_reads_it(model: Model) -> None:
    for target_id in ("pcgd-tieu-hoc-muc-3-huyen", "pcgd-tieu-hoc-duy-tri"):
        target = model.target(target_id)
        assert target.result.target.measure_id == "pcgd-tieu-hoc-muc-do"
        assert target.owing == ("so-gddt",)
        assert target.unsent_years == (2025,)  # 2026's is due 31/01/2027
        assert target.asked == ("so-gddt",)


def test_a_target_whose_figures_are_in_is_owed_by_nobody(model: Model) -> None:
    # nha-tre-huy-dong: 2025's figure in the report of 12/12/2025, 2026's not yet due
    target = model.target("nha-tre-huy-dong")
    assert (target.owing, target.unsent_years) == ((), ())
    assert target.responsible == ("so-gddt",)
    assert target.asked == ("so-gddt",)  # nobody owes a figure: ask who is responsible


def test_a_fresh_verdict_has_no_stale_note(model: Model) -> None:
    fresh = [t for t in model.targets if t.latest_year is not None]
    assert len(fresh) == 28  # 35 targets, 7 of them with no figure (no_data)
    for target in fresh:
        assert not target.result.stale
        assert target.stale_note == "", target.id


def test_a_unit_s_roll_up(model: Model) -> None:
    units = {u.unit: u for u in model.units}
    gddt = units["so-gddt"]
    assert (gddt.name, gddt.short_name) == ("Sở Giáo dục và Đào tạo", "Sở GD&ĐT")
    assert gddt.reports == {"owed": 31, "on_time": 20, "late": 0, "missing": 11}
    # Công an tỉnh leads no deliverable; it owes its own plan (III.1.4), not sent
    police = units["cong-an-tinh"]
    assert (police.led, police.done, police.overdue, police.in_progress) == (0, 0, 0, 0)
    assert police.reports == {"owed": 1, "on_time": 0, "late": 0, "missing": 1}
    # Trường Cao đẳng Bắc Kạn leads PL-15 (overdue) and owes no report
    college = units["cd-bac-kan"]
    assert (college.name, college.led, college.overdue, college.reports) == (
        "Trường Cao đẳng Bắc Kạn",
        1,
        1,
        None,
    )


def test_unit_names_and_a_target_by_id(model: Model) -> None:
    assert model.unit_full_name("so-gddt") == "Sở Giáo dục và Đào tạo"
    assert model.unit_name("so-gddt") == "Sở GD&ĐT"
    assert model.unit_full_name("khong-co") == model.unit_name("khong-co") == "khong-co"
    assert model.target("ngan-sach-giao-duc").id == "ngan-sach-giao-duc"
    assert model.target("ngan-sach-giao-duc").status == "not_maintained"
    with pytest.raises(KeyError):
        model.target("khong-co")


def test_deliverables_by_the_unit_that_leads_them_now(model: Model) -> None:
    groups = dict(by_lead_unit(model.tasks))
    led = {u.unit: u.led for u in model.units if u.led}
    assert {unit: len(tasks) for unit, tasks in groups.items()} == led
    assert [t.id for t in groups["cd-bac-kan"]] == ["PL-15"]


def test_the_model_cannot_be_changed_by_an_output(model: Model) -> None:
    """Every output renders the one model: none may change what the next one shows."""
    target, task, unit = model.targets[0], model.tasks[0], model.units[0]
    for part, name in [
        (model, "lang"),
        (target, "owing"),
        (target.goal, "text"),
        (task, "due_text"),
        (unit, "led"),
        (model.target_headline, "total"),
    ]:
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(part, name, None)
