"""Who answers for what (``validate.responsibility``), on the invented demo's units and plan.

The expectations are read off examples/demo by hand: ``units.yaml`` (ubnd-tinh ceased on
30/06/2025, succeeded by ubnd-tinh-thai-nguyen; the group ubnd-cac-huyen of the 8 former
districts, each of them, and the group, succeeded by ubnd-cap-xa) and ``plan.yaml`` (item
III.2.1 names cac-so-ban-nganh, cd-bac-kan and ubnd-cac-huyen; its bullets III.2.1-1 … -3
name nobody and inherit them; III.2.2 names so-gddt).
"""

from __future__ import annotations

import pytest

from conftest import DEMO
from kh284.validate.dataset import load_dataset
from kh284.validate.index import Index, build_index
from kh284.validate.models.targets import Target
from kh284.validate.responsibility import (
    answering_for,
    clause_units,
    parent_clause,
    reporters,
    reports_target,
    with_members,
)

DISTRICTS = {"tp-bac-kan", "ba-be", "bach-thong", "cho-don", "cho-moi", "na-ri", "ngan-son"}
DISTRICTS.add("pac-nam")


@pytest.fixture(scope="module")
def index() -> Index:
    return build_index(load_dataset(DEMO))


def _unreported(index: Index, clause: str) -> Target:
    """A demo target moved to ``clause``, with no reporting unit and a measure of its own."""
    target = index.targets.items["nha-tre-huy-dong"]
    return target.model_copy(
        update={"clause": clause, "reporting_unit": None, "measure": "chi-minh-no"}
    )


@pytest.mark.parametrize(
    ("clause", "parent"),
    [
        ("III.2.1-3", "III.2.1"),  # a bullet: the item it is listed under
        ("III.7.2", "III.7"),  # one level up, not two
        ("III.7", "III"),
        ("III", None),
    ],
)
def test_parent_clause(clause: str, parent: str | None) -> None:
    assert parent_clause(clause) == parent


def test_a_bullet_that_names_nobody_is_answered_for_by_its_item(index: Index) -> None:
    item = ["cac-so-ban-nganh", "cd-bac-kan", "ubnd-cac-huyen"]
    assert index.sections.items["III.2.1-1"].responsible == []  # the bullet names nobody
    assert clause_units(index, "III.2.1-1") == item
    assert clause_units(index, "III.2.1") == item
    assert clause_units(index, "III.2.2") == ["so-gddt"]


def test_a_target_with_no_reporter_named_is_reported_by_its_clause(index: Index) -> None:
    assert reporters(index, _unreported(index, "III.2.1-2")) == [
        "cac-so-ban-nganh",
        "cd-bac-kan",
        "ubnd-cac-huyen",
    ]
    assert reporters(index, _unreported(index, "III.2.2")) == ["so-gddt"]


def test_members_only_or_members_and_successors(index: Index) -> None:
    # --unit narrows to a group and its members; what passed to a successor is its own
    assert with_members(index, ["ubnd-cac-huyen"]) == {"ubnd-cac-huyen", *DISTRICTS}
    assert with_members(index, ["ubnd-tinh"]) == {"ubnd-tinh"}
    # a report by a member or by a successor counts for the unit
    assert answering_for(index, ["ubnd-cac-huyen"]) == {"ubnd-cac-huyen", "ubnd-cap-xa", *DISTRICTS}
    assert answering_for(index, ["ubnd-tinh"]) == {"ubnd-tinh", "ubnd-tinh-thai-nguyen"}


def test_which_units_report_a_target(index: Index) -> None:
    own = index.targets.items["nha-tre-huy-dong"]  # reporting_unit: so-gddt
    assert reports_target(index, own, "so-gddt")
    assert not reports_target(index, own, "so-tai-chinh")
    by_group = _unreported(index, "III.2.1-1")  # the item's units, among them the group
    assert reports_target(index, by_group, "ba-be")  # a member of ubnd-cac-huyen
    assert reports_target(index, by_group, "ubnd-cap-xa")  # its successor
    assert not reports_target(index, by_group, "so-gddt")
