"""What the YAML loader says in words, in Vietnamese and English.

The YAML reader's most common complaints explained (``yaml.explain.*``, which take no
arguments; ``load.exact`` keeps which complaint is which), a character YAML does not
allow, and the kinds of node a tag may not fit (``yaml.node.*``, for Y126).
"""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    "yaml.explain.undefined_alias": (
        "dùng bí danh (*tên) chưa được khai báo bằng &tên ở phía trên",
        "an alias (*name) is used before any &name declares it",
    ),
    "yaml.explain.indentation": (
        "thụt lề không khớp với các dòng cùng cấp phía trên; hãy canh dòng này thẳng với "
        "các khóa cùng cấp (chỉ dùng dấu cách)",
        "the indentation does not match the lines above at the same level; align this line "
        "with its sibling keys (spaces only)",
    ),
    "yaml.explain.colon": (
        "dấu ':' không được đứng ở đây: dòng này có lẽ thụt lề sâu hơn các dòng cùng cấp, "
        'hoặc giá trị có chứa ": " (khi đó hãy đặt giá trị trong dấu nháy kép "...")',
        "a ':' is not allowed here: the line is probably indented deeper than its siblings, "
        "or a value contains ': ' (then put the value in double quotes)",
    ),
    "yaml.explain.no_colon": (
        "thiếu dấu ':' sau tên khóa, hoặc một dòng bị xuống dòng giữa chừng",
        "a key lacks its ':', or a line was broken in the middle",
    ),
    "yaml.explain.unclosed_quote": (
        "thiếu dấu nháy đóng của một chuỗi",
        "a quoted text is not closed",
    ),
    "yaml.explain.flow_list": (
        "danh sách viết trong [...] thiếu dấu ',' hoặc dấu ']'",
        "a list written in [...] lacks a ',' or its ']'",
    ),
    "yaml.explain.flow_map": (
        "bảng viết trong {...} thiếu dấu ',' hoặc dấu '}'",
        "a mapping written in {...} lacks a ',' or its '}'",
    ),
    "yaml.explain.list_items": (
        "các mục của danh sách phải bắt đầu bằng '- ' và thẳng hàng với nhau",
        "the items of a list must start with '- ' and line up",
    ),
    "yaml.explain.comment_space": (
        "ghi chú phải cách phần đứng trước nó bằng dấu cách: viết ' #' thay cho '#'",
        "a comment must be set apart from what stands before it: write ' #', not '#'",
    ),
    "yaml.explain.block_scalar_lines": (
        "ở đầu khối văn bản (| hoặc >), một dòng trống có nhiều dấu cách hơn dòng có chữ "
        "đầu tiên; hãy xóa các dấu cách thừa trên dòng trống",
        "at the start of a block of text (| or >), an empty line has more spaces than the "
        "first line with text; remove the spaces from the empty line",
    ),
    "yaml.reader_says": ("bộ đọc YAML báo: {detail}", "{detail}"),
    "yaml.bad_character": (
        "ký tự U+{code:04X} không được phép trong YAML",
        "character U+{code:04X} is not allowed in YAML",
    ),
    "yaml.node.value": ("giá trị '{quoted}'", "the value '{quoted}'"),
    "yaml.node.scalar": ("một giá trị đơn", "a single value"),
    "yaml.node.key": ("một khóa (khóa luôn là văn bản)", "a key (keys are always text)"),
    "yaml.node.map": ("một bảng khóa: giá trị", "a mapping"),
    "yaml.node.seq": ("một danh sách", "a list"),
}
