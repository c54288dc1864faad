"""The positions kept with a file's values: their array type and how many a value has.

The fast readers (``lines``, ``fast``) keep, in one walk with the values, the 1-based line
and column of the document, of each mapping entry's key and value, and of each sequence
item, depth first; the cache's codec stores them and checks that they fit the values.  No
YAML here: the cache's replay reads entries without loading a parser.
"""

from __future__ import annotations

from array import array
from typing import Any

#: The array type that holds positions: unsigned 32-bit integers.
MARK_TYPE = "I" if array("I").itemsize == 4 else "L"


def pairs_below(value: Any) -> int:
    """How many positions ``fast_read`` keeps for what lies below ``value`` (not its own)."""
    if type(value) is dict:
        count = 2 * len(value)
        for child in value.values():
            if type(child) is dict or type(child) is list:
                count += pairs_below(child)
        return count
    if type(value) is list:
        count = len(value)
        for child in value:
            if type(child) is dict or type(child) is list:
                count += pairs_below(child)
        return count
    return 0
