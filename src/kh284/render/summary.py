"""The one-line summary every command writes to stderr (plain text, no rich needed)."""

from __future__ import annotations

from kh284.diagnostics import count_by_severity
from kh284.i18n import word
from kh284.render.view import View


def summary_text(view: View) -> str:
    """Counts of errors, warnings, infos and waived findings over the files read."""
    counts = count_by_severity(view.diagnostics)
    files, waived = view.outcome.dataset.file_count, len(view.waived)
    text = word(
        "common.summary",
        view.lang,
        errors=counts["error"],
        warnings=counts["warning"],
        infos=counts["info"],
        files=files,
    )
    if waived:
        text += word("common.summary_waived", view.lang, count=waived)
        text += "" if view.show_waived else " (--show-waived)"
    return text
