"""The output formats' names (``Format``), apart from the registry that renders them.

``View`` (``render.view``) carries the format asked for, and the registry
(``render/__init__``) maps each format to its module and takes a ``View``; the names live
here so that neither of the two imports the other.
"""

from __future__ import annotations

import enum


class Format(str, enum.Enum):
    """Every output format."""

    terminal = "terminal"
    json = "json"
    junit = "junit"
    github = "github"
    sarif = "sarif"
    markdown = "markdown"
