"""What the vocabulary needs to know of a target to put its goal into words, as protocols.

The vocabulary is the bottom layer: it imports nothing of the stages above it.  Its helpers
that word a target's goal, level scale and breakdown ask only for the attributes listed here,
which the ``Target`` model of ``validate.models.targets`` has.
"""

from __future__ import annotations

from typing import Protocol


class BreakdownShape(Protocol):
    """The part of another target's indicator a breakdown target is about."""

    @property
    def parent(self) -> str:
        """The id of the target broken down."""

    @property
    def group(self) -> str:
        """The part, in Vietnamese."""

    @property
    def group_en(self) -> str:
        """The part, in English."""


class TargetShape(Protocol):
    """A target's goal: its comparator, figures and unit, and how it is counted."""

    @property
    def comparator(self) -> str:
        """The comparator's name (``at_least``, ``between`` …)."""

    @property
    def value(self) -> float:
        """The goal's figure (the lower end for ``between``)."""

    @property
    def upper(self) -> float | None:
        """The upper end of a ``between`` range."""

    @property
    def unit(self) -> str:
        """The unit of measure's name (``percent``, ``level`` …)."""

    @property
    def tolerance(self) -> float | None:
        """The tolerance of an ``approximately`` goal."""

    @property
    def every_year(self) -> bool:
        """True when the goal must hold every year."""

    @property
    def accumulate(self) -> bool:
        """True when yearly figures are added up and the sum is judged."""

    @property
    def levels(self) -> tuple[int, int] | None:
        """The lowest and highest level a figure may take, for level figures."""

    @property
    def breakdown(self) -> BreakdownShape | None:
        """The part of another target's indicator this one is about, if it is one."""
