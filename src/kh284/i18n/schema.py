"""What a field of a data file expects, in words, for the schema's type errors (S203).

``validate.schema_errors`` maps each pydantic error type to one of these keys.
"""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    "schema.expected.text": ("chuỗi ký tự", "text"),
    "schema.expected.quoted_text": ("chuỗi ký tự (đặt trong dấu nháy)", "text (put it in quotes)"),
    "schema.expected.number": ("một số", "a number"),
    "schema.expected.whole_number": ("số nguyên", "a whole number"),
    "schema.expected.boolean": ("true hoặc false", "true or false"),
    "schema.expected.list": ("một danh sách", "a list"),
    "schema.expected.mapping": ("một bảng khóa: giá trị", "a mapping of keys to values"),
    "schema.expected.date": ("một ngày", "a date"),
}
