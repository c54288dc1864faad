"""The output formats' names (``Format``), apart from the registry that renders them.

``View`` (``render.view``) carries the format asked for, and the registry
(``render/__init__``) maps each format to its module and takes a ``View``; the names live
here so that neither of the two imports the other.  ``machine`` tells the formats a
program reads (written as UTF-8 bytes whatever the locale) from those a person reads.
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

    @property
    def machine(self) -> bool:
        """True for a format a program reads, in UTF-8 by its own rules.

        JSON and SARIF (RFC 8259: UTF-8), JUnit (its XML declaration says UTF-8) and the
        GitHub workflow commands (the runner reads its steps' output as UTF-8) are written
        as UTF-8 bytes whatever the locale; the terminal and Markdown are for people, in the
        locale's encoding (``cli.output``).
        """
        return self in (Format.json, Format.junit, Format.github, Format.sarif)
