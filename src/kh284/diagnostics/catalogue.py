"""The catalogue of diagnostic codes: the rules as records.

Each code has a default severity, a short English title, a Vietnamese and an English
message (``str.format`` templates whose arguments are plain text prepared by the caller),
and, through its family (``FAMILIES``, by the code's first letter), the pipeline stage
that finds it and the kind of thing it is about: a ``file``, the published ``plan`` text,
a ``target``, a ``task``, a ``waiver``, or the ``run`` itself.  Renderers ask
``Diagnostic.about``; they never look at code letters.  Codes are stable: tools filter
and waive findings by them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from kh284.i18n import said_os, word


@dataclass(frozen=True)
class Entry:
    """One code: default severity, a short English title and the two message templates."""

    severity: str
    title: str
    vi: str
    en: str


@dataclass(frozen=True)
class Family:
    """A family of codes: the stage that finds them and what they are about."""

    stage: str
    about: str
    description: str


#: Every family of codes, by first letter.
FAMILIES: dict[str, Family] = {
    "Y": Family("load", "file", "reading a file"),
    "S": Family("validate", "file", "the schema of a data file"),
    "R": Family("validate", "file", "references between files"),
    "P": Family("validate", "plan", "the plan's own text, as published"),
    "D": Family("validate", "file", "submitted figures and task reports"),
    "T": Family("evaluate", "target", "target verdicts"),
    "K": Family("evaluate", "task", "task deadlines"),
    "V": Family("diagnostics", "waiver", "waivers"),
    "X": Family("kh284", "run", "kh284 itself"),
}


def family(code: str) -> Family:
    """The family of ``code``."""
    return FAMILIES[code[0]]


E, W = "error", "warning"

CATALOGUE: dict[str, Entry] = {
    # -- reading files -------------------------------------------------------------------
    "Y101": Entry(
        E, "yaml-syntax", "Lỗi cú pháp YAML: {explain_vi}", "YAML syntax error: {explain_en}"
    ),
    "Y102": Entry(
        E,
        "tab-indentation",
        "Dùng ký tự tab để thụt lề; YAML chỉ cho phép dấu cách",
        "A tab is used for indentation; YAML allows only spaces",
    ),
    "Y103": Entry(
        E,
        "duplicate-key",
        "Khóa '{key}' bị lặp (lần đầu ở dòng {first_line}); giá trị sau sẽ không ghi đè",
        "Duplicate key '{key}' (first at line {first_line}); it would silently overwrite",
    ),
    "Y104": Entry(
        E,
        "empty-document",
        "Tệp rỗng hoặc chỉ có chú thích",
        "The file is empty or holds only comments",
    ),
    "Y105": Entry(
        E,
        "multiple-documents",
        "Tệp chứa {count} tài liệu YAML; mỗi tệp chỉ được có một",
        "The file holds {count} YAML documents; one per file is allowed",
    ),
    "Y106": Entry(
        E,
        "not-utf8",
        "Tệp không phải UTF-8 ({detail}); hãy lưu lại với mã hóa UTF-8",
        "The file is not UTF-8 ({detail}); save it again as UTF-8",
    ),
    "Y107": Entry(
        E,
        "file-too-large",
        "Tệp lớn {size} byte, vượt giới hạn {limit} byte",
        "The file is {size} bytes, over the limit of {limit} bytes",
    ),
    "Y108": Entry(
        E,
        "nesting-too-deep",
        "Cấu trúc lồng nhau sâu quá {limit} cấp",
        "Nesting deeper than {limit} levels",
    ),
    "Y109": Entry(
        E,
        "alias-limit",
        "Quá nhiều bí danh (alias) hoặc nút sau khi mở rộng (giới hạn {limit})",
        "Too many aliases or expanded nodes (limit {limit})",
    ),
    "Y110": Entry(
        E, "unsupported-tag", "Thẻ YAML '{tag}' không được hỗ trợ", "Unsupported YAML tag '{tag}'"
    ),
    "Y111": Entry(
        E,
        "complex-key",
        "Khóa phải là một giá trị đơn, không phải danh sách hay bảng",
        "A key must be a plain value, not a list or mapping",
    ),
    "Y112": Entry(
        E, "unreadable", "Không đọc được tệp: {detail}", "The file cannot be read: {detail}"
    ),
    "Y113": Entry(
        E,
        "outside-data-dir",
        "Đường dẫn trỏ ra ngoài thư mục dữ liệu: {target}",
        "The path leads outside the data directory: {target}",
    ),
    "Y114": Entry(
        E,
        "missing-file",
        "Thiếu tệp bắt buộc {name} trong thư mục dữ liệu",
        "The required file {name} is missing from the data directory",
    ),
    "Y115": Entry(
        E,
        "not-a-file",
        "'{name}' là thư mục, không phải tệp",
        "'{name}' is a directory, not a file",
    ),
    "Y116": Entry(
        E,
        "too-many-files",
        "Thư mục progress có hơn {limit} tệp; phần còn lại không được đọc",
        "More than {limit} files under progress/; the rest were not read",
    ),
    "Y117": Entry(
        E,
        "recursive-alias",
        "Bí danh '*{name}' nằm bên trong chính nút mà nó trỏ tới (vòng lặp vô hạn)",
        "The alias '*{name}' lies inside the very node it refers to (an endless loop)",
    ),
    "Y118": Entry(
        E,
        "not-a-regular-file",
        "'{name}' là {kind}, không phải tệp thông thường; không đọc",
        "'{name}' is a {kind}, not a regular file; it was not read",
    ),
    "Y119": Entry(
        E,
        "too-many-problems",
        "Tệp có quá {limit} lỗi; dừng đọc tệp này, các lỗi sau không được liệt kê",
        "More than {limit} problems in this file; reading it stopped, the rest are not listed",
    ),
    "Y120": Entry(
        E,
        "not-a-directory",
        "'{name}' phải là thư mục nhưng lại là tệp; không có báo cáo nào được đọc",
        "'{name}' should be a directory but is a file; no report was read",
    ),
    "Y121": Entry(
        W,
        "link-not-followed",
        "'{name}' là liên kết tới thư mục; không đi theo, các tệp trong đó không được đọc",
        "'{name}' is a link to a directory; it was not followed, its files were not read",
    ),
    "Y122": Entry(
        E,
        "data-too-large",
        "Các tệp dữ liệu cộng lại vượt {limit} byte; tệp này và các tệp sau không được đọc",
        "The data files together exceed {limit} bytes; this file and the rest were not read",
    ),
    "Y123": Entry(
        E,
        "control-character",
        "Văn bản chứa ký tự điều khiển {char}; chỉ được dùng tab và xuống dòng",
        "The text holds the control character {char}; only tabs and line breaks are allowed",
    ),
    "Y124": Entry(
        E,
        "not-a-character",
        "'{escape}' không phải một ký tự Unicode (vượt quá U+10FFFF, nửa cặp thay thế UTF-16"
        " hoặc mã phi ký tự); hãy gõ chính ký tự đó, hoặc viết \\UXXXXXXXX",
        "'{escape}' is not a Unicode character (beyond U+10FFFF, half of a UTF-16 surrogate"
        " pair, or a noncharacter); type the character itself, or write \\UXXXXXXXX",
    ),
    "Y125": Entry(
        E,
        "yaml-version",
        "Phiên bản YAML {version} không được hỗ trợ; kh284 đọc YAML 1.2 (bỏ dòng %YAML)",
        "YAML version {version} is not supported; kh284 reads YAML 1.2 (remove the %YAML line)",
    ),
    "Y126": Entry(
        E,
        "tag-mismatch",
        "Thẻ YAML '{tag}' không dùng được cho {what_vi}",
        "The YAML tag '{tag}' does not fit {what_en}",
    ),
    "Y127": Entry(
        E,
        "workbook-damaged",
        "kh284 không đọc được sổ tính ({part}: {detail}); hãy mở và lưu lại bằng Excel",
        "kh284 cannot read the workbook ({part}: {detail}); open it and save it again in Excel",
    ),
    "Y128": Entry(
        E,
        "workbook-too-large",
        "Sổ tính giải nén ra hơn {limit} byte (tới phần {part}); một mẫu báo cáo nhỏ hơn nhiều",
        "The workbook unpacks to more than {limit} bytes (at part {part}); a template is far"
        " smaller",
    ),
    "Y129": Entry(
        E,
        "workbook-too-many-parts",
        "Sổ tính có {count} phần, vượt giới hạn {limit}",
        "The workbook has {count} parts, over the limit of {limit}",
    ),
    "Y130": Entry(
        E,
        "sheet-too-many-rows",
        "Trang tính '{sheet}' có tới dòng {rows}, vượt giới hạn {limit} dòng của một mẫu báo cáo",
        "The sheet '{sheet}' reaches row {rows}, over the limit of {limit} rows for a template",
    ),
    "Y131": Entry(
        E,
        "formula-without-value",
        "Công thức chưa có giá trị; hãy mở và lưu lại trong Excel",
        "Formula without a saved value: open and save the workbook in Excel",
    ),
    "Y132": Entry(
        E,
        "cell-too-long",
        "Ô có {length} ký tự, vượt giới hạn {limit} ký tự",
        "The cell holds {length} characters, over the limit of {limit}",
    ),
    "Y133": Entry(
        E,
        "cell-out-of-bounds",
        "Trang tính '{sheet}' có ô {cell}, ngoài {rows} dòng và {columns} cột của một mẫu báo"
        " cáo; sổ tính không được đọc",
        "The sheet '{sheet}' has a cell {cell}, beyond the {rows} rows and {columns} columns of a"
        " template; the workbook is not read",
    ),
    "Y134": Entry(
        E,
        "range-too-large",
        "Trang tính '{sheet}': vùng {range} ({kind_vi}) vượt ra ngoài {rows} dòng và {columns}"
        " cột, hoặc các vùng phủ quá {limit} ô; sổ tính không được đọc",
        "The sheet '{sheet}': the range {range} ({kind_en}) reaches beyond {rows} rows and"
        " {columns} columns, or the ranges cover over {limit} cells; the workbook is not read",
    ),
    "Y135": Entry(
        E,
        "shared-strings-too-large",
        "Bảng chuỗi dùng chung của sổ tính ('{sheet}') vượt {limit} {what_vi}; sổ tính không"
        " được đọc",
        "The workbook's shared-string table ('{sheet}') holds over {limit} {what_en}; the"
        " workbook is not read",
    ),
    "Y136": Entry(
        E,
        "shared-strings-expand",
        "Tới ô {cell} của trang tính '{sheet}', các ô dùng chuỗi chung đã chứa quá {limit} ký tự;"
        " sổ tính không được đọc",
        "By cell {cell} of the sheet '{sheet}', cells referring to shared strings hold over"
        " {limit} characters; the workbook is not read",
    ),
    "Y137": Entry(
        W,
        "percent-below-one",
        "Tỷ lệ {value_vi} % nhỏ hơn 1 và ô không định dạng phần trăm: nếu muốn ghi"
        " {percent_vi} % thì gõ {percent_vi}; nếu đúng là {value_vi} % thì giữ nguyên",
        "The percentage {value_en} % is below 1 and the cell has no percent format: if"
        " {percent_en} % was meant, type {percent_en}; if {value_en} % is right, keep it",
    ),
    "Y138": Entry(
        E,
        "ambiguous-figure",
        "'{text}' có thể là {whole} hoặc {fraction_vi}; hãy gõ lại thành số, không dùng dấu"
        " phân cách hàng nghìn",
        "'{text}' could be {whole} or {fraction_en}; type the figure again as a number,"
        " without a thousands separator",
    ),
    "Y139": Entry(
        E,
        "percent-not-wanted",
        "Ô ghi {shown_vi}, một tỷ lệ phần trăm, nhưng ở đây cần {what_vi}; hãy gõ lại con số,"
        " không có dấu % và không định dạng phần trăm",
        "The cell shows {shown_en}, a percentage, but {what_en} is wanted here; type the"
        " figure again without % and without a percent format",
    ),
    "Y140": Entry(
        E,
        "formula-maybe-stale",
        "Công thức có giá trị đã lưu {value}, nhưng sổ tính chưa được tính lại trước khi lưu"
        " (nó được đặt tính lại khi mở), nên Excel có thể hiển thị số khác; hãy gõ giá trị vào"
        " ô thay cho công thức",
        "Formula saved with the value {value}, but the workbook was not calculated before it"
        " was saved (it is set to recalculate when opened), so Excel may show another"
        " figure; type the value in place of the formula",
    ),
    # -- schema --------------------------------------------------------------------------
    "S201": Entry(E, "unknown-key", "Khóa không hợp lệ '{key}'{hint}", "Unknown key '{key}'{hint}"),
    "S202": Entry(E, "missing-key", "Thiếu khóa bắt buộc '{key}'", "Missing required key '{key}'"),
    "S203": Entry(
        E,
        "wrong-type",
        "Sai kiểu dữ liệu ở '{key}': cần {expected_vi}",
        "Wrong type at '{key}': expected {expected_en}",
    ),
    "S204": Entry(
        E,
        "not-allowed",
        "Giá trị '{value}' không hợp lệ; chỉ chấp nhận: {allowed}{hint}",
        "Value '{value}' is not allowed; expected one of: {allowed}{hint}",
    ),
    "S205": Entry(
        E,
        "invalid-date",
        "Ngày không hợp lệ '{value}': {reason_vi}",
        "Invalid date '{value}': {reason_en}",
    ),
    "S206": Entry(
        E,
        "out-of-range",
        "Giá trị {value} ở '{key}' nằm ngoài giới hạn ({bound})",
        "Value {value} at '{key}' is out of range ({bound})",
    ),
    "S207": Entry(
        E,
        "decimal-comma",
        "Số '{value}' dùng dấu phẩy thập phân; hãy viết {suggestion}",
        "Number '{value}' uses a decimal comma; write {suggestion}",
    ),
    "S208": Entry(
        E,
        "not-finite",
        "NaN hoặc vô cực không phải là số liệu",
        "NaN or infinity is not a figure",
    ),
    "S209": Entry(
        E,
        "bad-id",
        "Mã '{value}' sai định dạng{hint}",
        "Id '{value}' is not well formed{hint}",
    ),
    "S211": Entry(
        E,
        "tolerance-mismatch",
        "Chỉ tiêu 'approximately' cần 'tolerance', và chỉ nó mới có 'tolerance'",
        "'tolerance' is required with 'approximately' and allowed only with it",
    ),
    "S212": Entry(
        E,
        "count-scope",
        "Phạm vi đếm địa bàn (count_of_areas) cần đủ level, area_comparator, area_value; "
        "phạm vi một địa bàn không được có chúng",
        "A count_of_areas scope needs level, area_comparator and area_value; "
        "an area scope must not have them",
    ),
    "S213": Entry(
        E,
        "empty-report",
        "Báo cáo không có chỉ tiêu (indicators), nhiệm vụ (tasks) hay kế hoạch của đơn vị "
        "(unit_plan) nào",
        "The report has neither indicators, tasks nor a unit plan (unit_plan)",
    ),
    "S214": Entry(
        E,
        "bad-period",
        "Kỳ báo cáo '{value}' không phải là một năm hay năm học (vd 2024-2025)",
        "Period '{value}' is neither a year nor a school year such as 2024-2025",
    ),
    "S215": Entry(
        E,
        "percent-range",
        "Chỉ tiêu phần trăm phải nằm trong khoảng 0–100",
        "A percentage target must lie between 0 and 100",
    ),
    "S216": Entry(
        E,
        "range-mismatch",
        "Chỉ tiêu 'between' cần 'upper' lớn hơn 'value', và chỉ nó mới có 'upper'",
        "'upper', above 'value', is required with 'between' and allowed only with it",
    ),
    "S217": Entry(
        E,
        "scale-mismatch",
        "Chỉ tiêu mức độ (unit: level, hoặc đếm địa bàn) cần 'scale' với min nhỏ hơn max, "
        "chứa mức cần đạt; chỉ tiêu khác không có 'scale'",
        "A level target (unit: level, or a count of areas) needs a 'scale', min below max, "
        "that holds its level; other targets have none",
    ),
    "S218": Entry(
        E,
        "accumulate-mismatch",
        "Chỉ tiêu cộng dồn (accumulate) cần 'from_year' không sau 'due_year', đơn vị count "
        "hoặc number, phạm vi một địa bàn, và không có every_year",
        "An accumulated target needs 'from_year' not after 'due_year', unit count or number, "
        "an area scope, and no every_year",
    ),
    "S219": Entry(
        E,
        "no-decrease-mismatch",
        "'no_decrease' (không giảm) chỉ dùng cho chỉ tiêu every_year; 'no_decrease_in' cần "
        "'no_decrease'",
        "'no_decrease' goes with an every_year target; 'no_decrease_in' needs 'no_decrease'",
    ),
    # -- issue 25: any implementing document, any level ---------------------------------
    "S220": Entry(
        E,
        "unnamed-document",
        "Văn bản căn cứ cần số hiệu ('number') hoặc tên ('name', khi văn bản không có số, như "
        "một luật)",
        "A legal basis needs its 'number' or, for a document without one (a law), its 'name'",
    ),
    # -- issue 28: format versions and `kh284 migrate` -------------------------------------
    "S230": Entry(
        W,
        "older-format",
        "Dữ liệu viết theo định dạng {found}, kh284 này dùng định dạng {current}: đã đọc "
        "bằng cách chuyển đổi trong bộ nhớ; chạy 'kh284 migrate --data-dir {data_dir}' để "
        "ghi lại các tệp theo định dạng {current}",
        "The data is written in format {found} and this kh284 uses format {current}: it was "
        "converted in memory when read; run 'kh284 migrate --data-dir {data_dir}' to rewrite "
        "the files in format {current}",
    ),
    "S231": Entry(
        E,
        "newer-format",
        "Dữ liệu viết theo định dạng {found}, mới hơn định dạng kh284 này biết ({current}): "
        "hãy nâng cấp kh284",
        "The data is written in format {found}, newer than the format this kh284 knows "
        "({current}): upgrade kh284",
    ),
    "S232": Entry(
        W,
        "migration-guess",
        "kh284 migrate không suy ra được '{key}': đã ghi giá trị mặc định {value} kèm chú "
        "thích 'kh284 migrate: check this' trên dòng đó; hãy kiểm tra rồi xóa chú thích",
        "kh284 migrate could not infer '{key}': it wrote the default {value} with the "
        "comment 'kh284 migrate: check this' on its line; check it, then remove the comment",
    ),
    "S233": Entry(
        E,
        "migration-blocked",
        "Không chuyển đổi được: sửa {count} lỗi ở trên trước; chưa tệp nào được ghi",
        "Cannot migrate: fix the {count} problem(s) above first; no file was written",
    ),
    "S234": Entry(
        E,
        "migration-unfaithful",
        "Không ghi lại được tệp này mà giữ nguyên nội dung và chú thích ({detail}); chưa "
        "tệp nào được ghi: hãy sửa tệp bằng tay",
        "This file cannot be rewritten keeping its content and comments ({detail}); no "
        "file was written: edit it by hand",
    ),
    "S299": Entry(E, "schema", "Dữ liệu không hợp lệ: {detail}", "Invalid data: {detail}"),
    # -- references ----------------------------------------------------------------------
    "R301": Entry(E, "unknown-unit", "Không có đơn vị '{id}'{hint}", "No unit '{id}'{hint}"),
    "R302": Entry(E, "unknown-target", "Không có chỉ tiêu '{id}'{hint}", "No target '{id}'{hint}"),
    "R303": Entry(
        E, "unknown-task", "Không có nhiệm vụ '{id}'{hint}", "No appendix task '{id}'{hint}"
    ),
    "R304": Entry(E, "unknown-event", "Không có sự kiện '{id}'{hint}", "No event '{id}'{hint}"),
    "R305": Entry(
        E,
        "not-an-area",
        "'{id}' không phải là địa bàn thống kê{hint}",
        "'{id}' is not a statistical area{hint}",
    ),
    "R306": Entry(
        E,
        "duplicate-id",
        "Mã '{id}' bị trùng (đã khai báo ở {first})",
        "Duplicate id '{id}' (first declared at {first})",
    ),
    "R307": Entry(
        E,
        "unknown-section",
        "Không có mục '{id}' trong kế hoạch{hint}",
        "No section '{id}' in the plan{hint}",
    ),
    "R308": Entry(
        E,
        "measure-mismatch",
        "Các chỉ tiêu dùng chung chuỗi số liệu '{measure}' có đơn vị đo khác nhau",
        "Targets sharing the series '{measure}' use different units of measure",
    ),
    "R309": Entry(
        E,
        "bad-deadline",
        "Thời hạn kiểu '{kind}' {problem_vi}",
        "A deadline of kind '{kind}' {problem_en}",
    ),
    "R310": Entry(
        E,
        "bad-breakdown",
        "Chỉ tiêu '{id}' chi tiết hóa '{parent}': {problem_vi}",
        "Target '{id}' breaks down '{parent}': {problem_en}",
    ),
    "R311": Entry(
        W,
        "no-reporter",
        "Chỉ tiêu '{id}' không ghi đơn vị báo cáo số liệu (reporting_unit), các chỉ tiêu cùng "
        "chuỗi số liệu cũng không: {asked_vi}",
        "Target '{id}' names no unit that reports its figures (reporting_unit), nor does any "
        "target of the same series: {asked_en}",
    ),
    # -- issue 25: any implementing document, any level ---------------------------------
    "R312": Entry(
        E,
        "count-level-not-below",
        "Chỉ tiêu '{id}' đếm các địa bàn cấp '{level}' trong '{area}', là địa bàn cấp "
        "'{area_level}': chỉ đếm được các địa bàn ở cấp thấp hơn",
        "Target '{id}' counts the '{level}' areas of '{area}', itself a '{area_level}' area: "
        "only areas of a lower level can be counted",
    ),
    "R313": Entry(
        W,
        "each-owes-without-members",
        "'{id}' ghi each_owes (mỗi thành viên tự chịu trách nhiệm) nhưng không phải nhóm có "
        "danh sách thành viên (members): nó vẫn chịu trách nhiệm như một đơn vị",
        "'{id}' says each_owes (each member owes its own) but is not a group that lists its "
        "members: it still owes as one unit",
    ),
    # -- the plan's own text -------------------------------------------------------------
    "P401": Entry(
        W,
        "duplicate-task",
        "Nhiệm vụ {id} lặp lại nguyên văn nhiệm vụ {other}",
        "Task {id} repeats task {other} word for word",
    ),
    "P402": Entry(
        W,
        "uncited-document",
        "Văn bản '{number}' được dẫn ở mục {section} nhưng không có trong căn cứ{hint}",
        "Document '{number}' is cited in {section} but is not among the legal bases{hint}",
    ),
    "P403": Entry(
        W,
        "deadline-after-period",
        "Nhiệm vụ {id} có hạn năm {year}, sau khi giai đoạn {period} mà nó nói đến đã kết thúc",
        "Task {id} is due in {year}, after the period {period} it concerns has ended",
    ),
    "P404": Entry(
        W,
        "erratum",
        "Văn bản gốc ở {where} viết '{text}', đúng ra là '{should_be}' (giữ nguyên như ban hành)",
        "The source at {where} reads '{text}' for '{should_be}' (kept as published)",
    ),
    "P405": Entry(
        E,
        "stale-erratum",
        "Không tìm thấy '{text}' ở {where}: mục đính chính không còn khớp",
        "'{text}' is not found at {where}: the erratum no longer matches",
    ),
    "P406": Entry(
        E,
        "task-numbering",
        "Số thứ tự nhiệm vụ {id} là {number}, cần là {expected}",
        "Task {id} is numbered {number}; expected {expected}",
    ),
    "P407": Entry(
        E,
        "clause-lettering",
        "Điểm {id} mang chữ '{letter}', theo thứ tự a, b, c, d, đ, e, g… cần là '{expected}'",
        "Clause {id} is lettered '{letter}'; in the order a, b, c, d, đ, e, g… it should be "
        "'{expected}'",
    ),
    "P408": Entry(
        W,
        "lead-disagrees-with-body",
        "Nhiệm vụ {id} giao {lead} chủ trì, nhưng mục {section} mà nó nhắc lại giao "
        "{body_lead} chủ trì",
        "Task {id} has {lead} leading, but {section}, which it repeats, has {body_lead} leading",
    ),
    # -- submitted figures and task reports ----------------------------------------------
    "D501": Entry(
        E,
        "numerator-above-denominator",
        "Tử số {numerator} lớn hơn mẫu số {denominator}",
        "Numerator {numerator} is above the denominator {denominator}",
    ),
    "D502": Entry(
        E,
        "ratio-mismatch",
        "Giá trị {value} không khớp tử số/mẫu số ({computed})",
        "Value {value} does not agree with numerator/denominator ({computed})",
    ),
    "D503": Entry(
        E,
        "conflicting-figures",
        "Số liệu mâu thuẫn cho '{target}', địa bàn {area}, năm {period}: {value} ở đây, "
        "{other_value} ở {other}",
        "Conflicting figures for '{target}', area {area}, year {period}: {value} here, "
        "{other_value} at {other}",
    ),
    "D504": Entry(
        W,
        "after-as-of",
        "Báo cáo ngày {reported_on} sau ngày đánh giá {as_of}; không được tính",
        "The report dated {reported_on} is after the as-of date {as_of}; it is not counted",
    ),
    "D505": Entry(
        W,
        "unit-not-existing",
        "Đơn vị '{unit}' không còn tồn tại vào ngày {reported_on} (chấm dứt sau {until}); "
        "đơn vị kế thừa: {successors}. Số liệu của địa bàn cũ hãy do đơn vị đang hoạt động "
        "báo cáo với 'area: {unit}'",
        "Unit '{unit}' did not exist on {reported_on} (ended after {until}); successor: "
        "{successors}. Have an existing unit report the former area with 'area: {unit}'",
    ),
    "D506": Entry(
        E,
        "percent-out-of-range",
        "Tỷ lệ {value} nằm ngoài khoảng 0–100",
        "Percentage {value} is outside 0–100",
    ),
    "D507": Entry(
        E,
        "done-without-date",
        "Nhiệm vụ {task} báo 'done' nhưng thiếu 'completed_on'",
        "Task {task} is 'done' without 'completed_on'",
    ),
    "D508": Entry(
        E,
        "done-without-evidence",
        "Nhiệm vụ {task} báo 'done' nhưng thiếu 'evidence' (văn bản chứng minh)",
        "Task {task} is 'done' without 'evidence'",
    ),
    "D509": Entry(
        E,
        "completed-after-report",
        "Ngày hoàn thành {completed_on} sau ngày báo cáo {reported_on}",
        "Completion date {completed_on} is after the report date {reported_on}",
    ),
    "D510": Entry(
        W,
        "not-assigned",
        "Đơn vị '{unit}' không chủ trì hay phối hợp nhiệm vụ {task}",
        "Unit '{unit}' neither leads nor coordinates task {task}",
    ),
    "D511": Entry(
        E,
        "conflicting-task-reports",
        "Báo cáo mâu thuẫn về nhiệm vụ {task}{part}: {difference_vi}; báo cáo trước ở {other}",
        "Conflicting reports on task {task}{part}: {difference_en}; the earlier report is at "
        "{other}",
    ),
    "D512": Entry(
        E,
        "bad-deliverable",
        "Nhiệm vụ {task}: {problem_vi}",
        "Task {task}: {problem_en}",
    ),
    "D513": Entry(
        W,
        "completed-on-not-done",
        "Nhiệm vụ {task} có 'completed_on' nhưng trạng thái là '{status}'",
        "Task {task} has 'completed_on' but its status is '{status}'",
    ),
    "D514": Entry(
        E,
        "period-in-future",
        "Năm số liệu {period} chưa bắt đầu vào ngày báo cáo {reported_on}",
        "Year {period} had not begun on the report date {reported_on}",
    ),
    "D515": Entry(
        E,
        "level-out-of-range",
        "Mức độ {value} không hợp lệ (mức độ là số nguyên {low}–{high})",
        "Level {value} is not valid (levels are whole numbers {low}–{high})",
    ),
    # -- verdicts ------------------------------------------------------------------------
    "T601": Entry(
        E, "target-missed", "Chỉ tiêu '{id}' không đạt: {why_vi}", "Target '{id}' missed: {why_en}"
    ),
    "T602": Entry(
        E,
        "target-not-maintained",
        "Chỉ tiêu '{id}' không được duy trì trong {years:năm #|các năm #}",
        "Target '{id}' was not maintained in {years}",
    ),
    "T603": Entry(
        W,
        "target-stagnating",
        "Chỉ tiêu '{id}' chững lại hoặc đi lùi: {why_vi}",
        "Target '{id}' is stagnating or regressing: {why_en}",
    ),
    "T604": Entry(
        W,
        "target-needs-acceleration",
        "Chỉ tiêu '{id}' cần đẩy nhanh: {why_vi}",
        "Target '{id}' needs acceleration: {why_en}",
    ),
    "T605": Entry(W, "target-no-data", "Chỉ tiêu '{id}': {why_vi}", "Target '{id}': {why_en}"),
    "T606": Entry(
        W,
        "target-insufficient-data",
        "Chỉ tiêu '{id}' chưa đủ số liệu: {why_vi}",
        "Target '{id}' has not enough data: {why_en}",
    ),
    "K701": Entry(
        E,
        "task-overdue",
        "Nhiệm vụ {item} quá hạn {days} ngày (hạn {due})",
        "Task {item} is overdue by {days:# day|# days} (due {due})",
    ),
    "K702": Entry(
        W,
        "task-done-late",
        "Nhiệm vụ {item} hoàn thành ngày {completed_on}, sau hạn {due}",
        "Task {item} was completed on {completed_on}, after its deadline {due}",
    ),
    "K703": Entry(
        W,
        "ongoing-unreported",
        "Nhiệm vụ thường xuyên {task} không có báo cáo nào trong năm {year}",
        "Ongoing task {task} has no report for {year}",
    ),
    # -- waivers -------------------------------------------------------------------------
    "V801": Entry(
        W,
        "waiver-expired",
        "Miễn trừ cho {waived_code} {subject} đã hết hạn ngày {expires}",
        "The waiver for {waived_code} {subject} expired on {expires}",
    ),
    "V802": Entry(
        W,
        "waiver-unused",
        "Miễn trừ cho {waived_code} {subject} không khớp phát hiện nào",
        "The waiver for {waived_code} {subject} matches no finding",
    ),
    "X901": Entry(
        E,
        "internal-error",
        "Lỗi nội bộ của kh284 ({detail}). Xin báo lỗi kèm lệnh đã chạy và tệp dữ liệu",
        "kh284 internal error ({detail}). Please report it with the command and data files",
    ),
}


#: A whole argument that is an ISO date (``2026-06-10``).
_ISO_DATE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")


def render(
    code: str, lang: str, args: dict[str, str], quote: Callable[[str], str] | None = None
) -> str:
    """Fill the ``lang`` template of ``code`` with ``args`` (missing ones become empty).

    Every argument goes through ``printable``, then through ``quote`` when a format needs
    data set apart from the template's own words (Markdown puts it in code spans).
    """
    entry = CATALOGUE[code]
    template = entry.vi if lang == "vi" else entry.en
    # an operating system's refusal (``i18n.commandline.os_reason``) in the vocabulary's words
    values = {key: printable(said_os(value, lang)) for key, value in args.items()}
    if lang == "vi":
        # Vietnamese writes dates DD/MM/YYYY, as the tables do (findings keep ISO dates)
        values = {key: _ISO_DATE.sub(r"\3/\2/\1", value) for key, value in values.items()}
    if quote is not None:
        values = {key: quote(value) for key, value in values.items()}
    suggestion = values.get("suggestion")
    if suggestion and "hint" not in values:
        values["hint"] = word("common.did_you_mean", lang, hint=suggestion)
    return template.format_map(_Defaulting({k: _Arg(v) for k, v in values.items()}))


class _Arg(str):
    """An argument that may be worded by how many items it lists.

    ``{years:năm #|các năm #}`` writes the first form for one item, the second for more
    (items are separated by ``, ``; a whole number counts as itself); ``#`` stands for the
    argument itself.
    """

    __slots__ = ()

    def __format__(self, spec: str) -> str:
        if "|" not in spec:
            return format(str(self), spec)
        one, many = spec.split("|", 1)
        if self.lstrip("-").isdigit():  # a number: that many
            count = abs(int(self))
        else:  # a list: that many items
            count = len(self.split(", ")) if self else 0
        return (one if count == 1 else many).replace("#", str(self))


#: A placeholder's format spec (``{years:năm #|các năm #}``), as a rule's text leaves it out.
_SPEC = re.compile(r"\{(\w+):[^}]*\}")


def template(code: str, lang: str) -> str:
    """The message template of ``code`` as a rule list shows it, without format specs.

    A word chosen by number is given in its general form: ``{days} days``.
    """
    entry = CATALOGUE[code]

    def plain(found: re.Match[str]) -> str:
        name, spec = found.group(1), found.group(0)[len(found.group(1)) + 2 : -1]
        many = spec.split("|", 1)[-1] if "|" in spec else "#"
        return many.replace("#", "{" + name + "}")

    return _SPEC.sub(plain, entry.vi if lang == "vi" else entry.en)


def printable(text: str) -> str:
    r"""``text`` with what is not printable escaped, so data cannot drive a terminal.

    The one escaper for text from data: a control character becomes ``\x1b`` or
    ``\x0a``, a line separator ``\u2028``, and a byte of a file name that was not UTF-8
    (kept by ``surrogateescape``) ``\xe1``.
    """
    if text.isprintable():
        return text
    out = []
    for char in text:
        code = ord(char)
        if 0xDC80 <= code <= 0xDCFF:
            out.append(f"\\x{code - 0xDC00:02x}")
        elif char.isprintable():
            out.append(char)
        elif code <= 0xFF:
            out.append(f"\\x{code:02x}")
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    return "".join(out)


class _Defaulting(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return ""
