"""The one-line summary every command writes to stderr (plain text, no rich needed)."""

from __future__ import annotations

from kh284.diagnostics import count_by_severity
from kh284.render.view import View


def summary_text(view: View) -> str:
    """Counts of errors, warnings, infos and waived findings over the files read."""
    counts = count_by_severity(view.diagnostics)
    files, waived = view.outcome.dataset.file_count, len(view.waived)
    hint = "" if view.show_waived else " (--show-waived)"
    if view.lang == "vi":
        text = (
            f"{counts['error']} lỗi, {counts['warning']} cảnh báo, {counts['info']} thông tin "
            f"trong {files} tệp"
        )
        return text + (f"; {waived} được miễn trừ{hint}" if waived else "")
    text = (
        f"{counts['error']} errors, {counts['warning']} warnings, {counts['info']} infos "
        f"in {files} files"
    )
    return text + (f"; {waived} waived{hint}" if waived else "")
