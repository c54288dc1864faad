"""Vietnamese-aware text comparison: Unicode normalisation, diacritics, did-you-mean.

Text typed in NFC or NFD compares equal after ``nfc``.  ``fold`` removes diacritics
(including đ/Đ), case and everything that is not a letter or digit, so "Sở GD&ĐT",
"so gddt" and "so-gddt" give the same key.  ``suggest`` proposes the closest known id.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable


def nfc(text: str) -> str:
    """Unicode NFC form of ``text``."""
    return unicodedata.normalize("NFC", text)


def strip_diacritics(text: str) -> str:
    """``text`` without Vietnamese diacritics; đ/Đ become d/D."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """A matching key: no diacritics, lower case, letters and digits only."""
    return "".join(ch for ch in strip_diacritics(text).casefold() if ch.isalnum())


def words(text: str) -> str:
    """``text`` in NFC with runs of white space collapsed to one space."""
    return " ".join(nfc(text).split())


def suggest(value: str, known: Iterable[str]) -> str | None:
    """The known value closest to ``value`` (ignoring case, spaces and diacritics), if any."""
    candidates = list(known)
    if not candidates:
        return None
    by_fold = {fold(c): c for c in candidates}
    key = fold(value)
    if key in by_fold:
        return by_fold[key]
    close = difflib.get_close_matches(key, list(by_fold), n=1, cutoff=0.6)
    return by_fold[close[0]] if close else None
