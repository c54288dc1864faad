"""What the report commands' core (``reports.run``) says when a command cannot go ahead."""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    "run.not_evaluated": (
        "dữ liệu có lỗi nên không đánh giá được; chạy kh284 validate",
        "the data cannot be evaluated: run kh284 validate",
    ),
    "run.no_unit": ("không xác định được đơn vị báo cáo", "no reporting unit: use --unit"),
}
