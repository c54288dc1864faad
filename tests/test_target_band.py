"""What the evaluation hands the charts: a verdict's ``bounds``, ``met`` and a target's ``band``.

``band`` must hold exactly the figures ``meets`` accepts (checked on generated targets), ``met``
is ``meets`` with the target's own comparator, and every verdict carries the bounds its
projection was clamped to.  Hand-made targets and series (no files read), so the mutation
run of ``evaluate/targets.py`` can afford it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kh284.evaluate.targets import band, bounds, evaluate_target, meets, met
from kh284.validate.models.targets import Target
from test_rules_targets import by_year, count_target, index, target

COMPARATORS = ["at_least", "above", "approximately", "equal", "at_most", "below", "between"]


@st.composite
def targets(draw: st.DrawFn) -> Target:
    comparator = draw(st.sampled_from(COMPARATORS))
    value = float(draw(st.integers(min_value=0, max_value=90)))
    extra: dict[str, Any] = {"comparator": comparator, "value": value}
    if comparator == "between":
        extra["upper"] = value + draw(st.integers(min_value=1, max_value=10))
    if comparator == "approximately":
        extra["tolerance"] = draw(st.sampled_from([0.0, 0.5, 2.5, 5.0]))
    extra["direction"] = draw(st.sampled_from(["increase", "decrease"]))
    return target(**extra)


FIGURES = st.integers(min_value=0, max_value=200).map(lambda v: v / 2)


@settings(max_examples=300, deadline=None)
@given(targets(), FIGURES)
def test_the_band_holds_exactly_the_figures_that_meet(t: Target, figure: float) -> None:
    ok = meets(t.comparator, t.value, figure, t.tolerance, t.upper)
    assert met(t, figure) is ok
    shaded = band(t)
    if shaded is None:
        assert t.comparator not in ("between", "approximately")
    else:
        assert ok is (shaded[0] <= figure <= shaded[1])
        assert met(t, shaded[0]) and met(t, shaded[1])


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"comparator": "between", "value": 30, "upper": 35}, (30.0, 35.0)),
        ({"comparator": "approximately", "value": 35, "tolerance": 2.5}, (32.5, 37.5)),
        ({"comparator": "at_least", "value": 90}, None),
        ({"comparator": "equal", "value": 90}, None),
    ],
)
def test_band_of_each_form(overrides: dict[str, Any], expected: Any) -> None:
    assert band(target(**overrides)) == expected


def test_met_on_the_ends_of_a_range() -> None:
    t = target(comparator="between", value=30, upper=35)
    assert [met(t, v) for v in (29.9, 30, 32, 35, 35.1)] == [False, True, True, True, False]


def test_every_verdict_carries_its_bounds() -> None:
    as_of = dt.date(2026, 12, 31)
    percent = evaluate_target(index(), {}, target(), as_of)
    assert percent.bounds == bounds(target(), None) == (0.0, 100.0)
    level = target(unit="level", value=2, scale={"min": 0, "max": 2})
    assert evaluate_target(index(), {}, level, as_of).bounds == (0.0, 2.0)
    # a count of the three districts runs 0-3 areas, whatever the levels' own scale (0-5)
    counted = evaluate_target(index(), by_year({2025: {"ba-be": 2}}), count_target(), as_of)
    assert counted.bounds == bounds(count_target(), 3) == (0.0, 3.0)
    wide = count_target(scale={"min": 0, "max": 5})
    assert evaluate_target(index(), {}, wide, as_of).bounds == (0.0, 3.0)
    number = target(unit="number", value=200, comparator="at_least")
    assert evaluate_target(index(), {}, number, as_of).bounds is None
