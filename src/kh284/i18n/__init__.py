"""Every word kh284 shows a person, in Vietnamese and in English: the one vocabulary.

Status words, comparator symbols, units of measure, table headers, document headings and
summary phrases all come from here, for every output: terminal, Markdown, JSON labels,
HTML, Excel and Word.  Nothing that produces text for people has a default language:
callers pass ``lang`` (``vi`` or ``en``) every time.  Data (the plan's text, names of
targets and units) is not vocabulary; it is shown as the data files write it.

Task labels follow the categories of Vietnamese government task tracking (QĐ 42/2014/QĐ-TTg
as amended): hoàn thành đúng hạn, hoàn thành quá hạn, chưa hoàn thành trong hạn, quá hạn.
"""

from __future__ import annotations

import datetime as dt
import math
import string
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kh284.i18n import commandline, commands, followup, loader, reasons, schema
from kh284.i18n.statuses import TARGET_STATUSES, TASK_STATUSES

if TYPE_CHECKING:
    from kh284.i18n.shapes import TargetShape as Target

LANGS = ("vi", "en")

#: Status words, from the one table of status records (``i18n.statuses``).
TARGET_LABELS: dict[str, tuple[str, str]] = {
    str(s): (r.vi, r.en) for s, r in TARGET_STATUSES.items()
}
TASK_LABELS: dict[str, tuple[str, str]] = {str(s): (r.vi, r.en) for s, r in TASK_STATUSES.items()}
#: What a unit reports about a task, as the Excel template's drop-down writes it.
REPORT_STATES: dict[str, tuple[str, str]] = {
    "not_started": ("Chưa thực hiện", "Not started"),
    "in_progress": ("Đang thực hiện", "In progress"),
    "done": ("Hoàn thành", "Done"),
}
#: Comparator symbols (the same in both languages).
COMPARATORS: dict[str, str] = {
    "at_least": "≥",
    "above": ">",
    "approximately": "≈",
    "equal": "=",
    "at_most": "≤",
    "below": "<",
    "between": "–",
}
#: Units of measure: the short form after a number, and the name of the scale.
UNITS: dict[str, tuple[str, str]] = {
    "percent": ("%", "%"),
    "level": ("mức độ", "level"),
    "count": ("số địa bàn", "areas"),
    "number": ("", ""),
}

WORDS: dict[str, tuple[str, str]] = {
    # -- words every output shares ---------------------------------------------------------
    "common.per_year": ("/năm", "/year"),
    "references.asked_clause": (
        "sẽ hỏi các đơn vị được giao ở mục {clause} ({units}); ghi rõ reporting_unit",
        "the units clause {clause} names ({units}) will be asked; name the reporting_unit",
    ),
    "references.asked_nobody": (
        "mục {clause} cũng không giao đơn vị nào, nên không ai được hỏi số liệu",
        "clause {clause} names no unit either, so nobody is asked for its figures",
    ),
    "common.and": (" và ", " and "),
    "common.waived": ("miễn trừ", "waived"),
    "common.drawing_charts": ("Vẽ biểu đồ", "Drawing charts"),
    "common.missing_extra": ("cần cài thêm {names}: {install}", "{names} not installed: {install}"),
    "common.import_summary": (
        "{errors} lỗi, {warnings} cảnh báo trong {file}",
        "{errors} {errors:error|errors}, {warnings} {warnings:warning|warnings} in {file}",
    ),
    "common.import_wrote": ("; đã ghi {path}", "; wrote {path}"),
    "common.import_not_written": ("; chưa ghi tệp vì còn lỗi", "; nothing written: fix the errors"),
    "common.wrote": ("đã ghi {path}", "wrote {path}"),
    "common.exists": (
        "{path} đã tồn tại; thêm --force để ghi đè",
        "{path} exists; add --force to replace it",
    ),
    "common.no_data_dir": (
        "không tìm thấy thư mục dữ liệu {path}; chỉ ra thư mục bằng --data-dir THƯ_MỤC "
        "hoặc biến môi trường KH284_DATA_DIR",
        "data directory not found: {path}; name it with --data-dir DIR or the environment "
        "variable KH284_DATA_DIR",
    ),
    "common.cache_refused": (
        "cảnh báo: bỏ qua bộ nhớ đệm {path}: không phải của riêng người dùng này "
        "(thuộc người khác hoặc người khác ghi được)",
        "ignoring the cache {path}: not private to this user (owned or writable by someone else)",
    ),
    "common.needs_output": ("--format {fmt} cần --output", "--format {fmt} needs --output"),
    "common.no_target": ("không có chỉ tiêu '{id}'", "no target '{id}'"),
    "common.no_such_file": ("tệp {path} không tồn tại", "the file {path} does not exist"),
    "common.did_you_mean": (" — có phải là '{hint}'?", " — did you mean '{hint}'?"),
    "common.no_unit": ("Không có đơn vị '{query}'", "No unit '{query}'"),
    "common.summary": (
        "{errors} lỗi, {warnings} cảnh báo, {infos} thông tin trong {files} tệp",
        "{errors} {errors:error|errors}, {warnings} {warnings:warning|warnings}, {infos} "
        "{infos:info|infos} in {files} {files:file|files}",
    ),
    "common.summary_waived": ("; {count} được miễn trừ", "; {count} waived"),
    "common.targets_headline": (
        "Chỉ tiêu: {unknown}/{total} chưa đánh giá được{owed}; {failing} chưa đạt yêu cầu; "
        "{good} đạt hoặc đúng tiến độ{stale}",
        "Targets: {unknown} of {total} cannot be judged yet{owed}; {failing} falling short; "
        "{good} achieved or on track{stale}",
    ),
    "common.targets_owed_by": (" (chờ số liệu của {units})", " (waiting for figures from {units})"),
    "common.targets_stale": (
        "; {stale} dựa trên số liệu cũ",
        "; {stale} {stale:rests|rest} on an old figure",
    ),
    "table.overdue_now": ("Quá hạn ({count})", "Overdue ({count})"),
    "table.due_soon": (
        "Sắp đến hạn trong {days} ngày tới ({count})",
        "Falling due in the next {days} {days:day|days} ({count})",
    ),
    "table.owing": (
        "Đơn vị còn nợ báo cáo: {units} — xem kh284 missing",
        "Units that owe reports: {units} — see kh284 missing",
    ),
    "common.headline": (
        "Tỷ lệ hoàn thành nhiệm vụ đã đến hạn: {rate} ({done}/{due}; "
        "đúng hạn {on_time}, quá hạn chưa xong {overdue})",
        "Completion of tasks already due: {rate} ({done}/{due}; "
        "on time {on_time}, overdue and not done {overdue})",
    ),
    # -- the command line: where output goes, what it selects ------------------------------
    "cli.not_regular": (
        "{path} là {kind}; kh284 chỉ ghi vào một tệp thường hoặc một đường dẫn mới",
        "{path} is {kind}; kh284 writes only to a regular file or a new path",
    ),
    "cli.kind.directory": ("một thư mục", "a directory"),
    "cli.kind.symlink": ("một liên kết tượng trưng (symlink)", "a symbolic link"),
    "cli.kind.device": ("một tệp thiết bị", "a device"),
    "cli.kind.fifo": ("một đường ống có tên (FIFO)", "a named pipe (FIFO)"),
    "cli.kind.socket": ("một socket", "a socket"),
    "cli.kind.other": ("một đối tượng không phải tệp thường", "not a regular file"),
    "cli.stdout_closed": (
        "không ghi được báo cáo: đầu ra chuẩn (stdout) đã bị đóng",
        "cannot write the report: standard output is closed",
    ),
    "cli.stdout_failed": (
        "không ghi được báo cáo ra đầu ra chuẩn (stdout): {detail}",
        "cannot write the report to standard output: {detail}",
    ),
    "cli.unknown_code": (
        "{option}: không có mã hay tiền tố mã nào là '{code}'",
        "{option}: no code or code prefix '{code}'",
    ),
    "cli.code_letters": (
        " — mã bắt đầu bằng một trong các chữ {letters}",
        " — codes start with one of {letters}",
    ),
    "cli.interrupted": ("đã dừng theo yêu cầu", "interrupted"),
    "cli.no_cwd": (
        "thư mục làm việc hiện tại không còn tồn tại (đã bị xoá?); chuyển sang một thư mục"
        " có thật rồi chạy lại",
        "the current working directory no longer exists (was it deleted?); change to a"
        " folder that exists and run again",
    ),
    # -- kh284 targets ---------------------------------------------------------------------
    "table.plan_text": (
        "{count} phát hiện về văn bản kế hoạch như đã ban hành; xem đầy đủ bằng kh284 validate",
        "{count} {count:finding|findings} about the plan's published text; kh284 validate lists "
        "them",
    ),
    "report.conflict_status": (
        "báo cáo này ghi '{status}', báo cáo trước ghi '{other_status}'",
        "this report says '{status_en}', the earlier one '{other_status_en}'",
    ),
    "report.conflict_dates": (
        "ngày hoàn thành ở đây là {date}, báo cáo trước ghi {other_date}",
        "completed on {date} here, on {other_date} in the earlier report",
    ),
    # -- the command line's own mistakes (the library's messages, said by kh284) ------------
    "usage.no_command": ("không có lệnh '{name}'", "No such command '{name}'."),
    "usage.no_option": ("không có tùy chọn {name}", "No such option: {name}"),
    "usage.missing_command": ("thiếu tên lệnh", "Missing command."),
    "usage.missing_option": ("thiếu tùy chọn bắt buộc '{name}'", "Missing option '{name}'."),
    "usage.missing_argument": ("thiếu đối số '{name}'", "Missing argument '{name}'."),
    "usage.missing_choice": (
        "thiếu đối số '{name}', một trong: {choices}",
        "Missing argument '{name}', one of: {choices}",
    ),
    "usage.needs_value": ("tùy chọn '{name}' cần một giá trị", "Option '{name}' requires {what}"),
    "usage.no_value": (
        "tùy chọn '{name}' không nhận giá trị",
        "Option '{name}' does not take a value.",
    ),
    "usage.extra": ("thừa đối số ({name})", "Got unexpected extra arguments ({name})"),
    "usage.invalid": ("giá trị không hợp lệ cho {name}: {why}", "Invalid value for {name}: {why}"),
    "usage.not_one_of": (
        "'{value}' không thuộc các giá trị {choices}",
        "'{value}' is not one of {choices}.",
    ),
    "usage.not_valid": ("{value} không đúng kiểu", "Value {value} is not valid."),
    "usage.not_integer": ("phải là một số nguyên", "should be a whole number"),
    "usage.not_number": ("phải là một số", "should be a number"),
    "usage.at_most": ("phải nhỏ hơn hoặc bằng {limit}", "should be at most {limit}"),
    "usage.at_least": ("phải lớn hơn hoặc bằng {limit}", "should be at least {limit}"),
    "usage.see_help": ("Xem hướng dẫn: {command} -h", "See the help: {command} -h"),
    # -- help: kh284 … -h in the language asked for (cli/helptext.py) ------------------------
    "help.usage": ("Cách dùng:", "Usage:"),
    "help.arguments": ("Đối số", "Arguments"),
    "help.options": ("Tùy chọn", "Options"),
    "help.commands": ("Lệnh", "Commands"),
    "help.envvar": ("biến môi trường: {var}", "env var: {var}"),
    "help.default": ("mặc định: {default}", "default: {default}"),
    "help.required": ("bắt buộc", "required"),
    "help.metavar.OPTIONS": ("TÙY_CHỌN", "OPTIONS"),
    "help.metavar.COMMAND": ("LỆNH", "COMMAND"),
    "help.metavar.ARGS": ("ĐỐI_SỐ", "ARGS"),
    "help.metavar.DIR": ("THƯ_MỤC", "DIR"),
    "help.metavar.DATE": ("NGÀY", "DATE"),
    "help.metavar.FILE": ("TỆP", "FILE"),
    "help.metavar.PATH": ("ĐƯỜNG_DẪN", "PATH"),
    "help.metavar.CODES": ("MÃ", "CODES"),
    "help.metavar.UNIT": ("ĐƠN_VỊ", "UNIT"),
    "help.metavar.STATUS": ("TRẠNG_THÁI", "STATUS"),
    "help.metavar.YEAR": ("NĂM", "YEAR"),
    "help.metavar.TARGET": ("CHỈ_TIÊU", "TARGET"),
    "help.metavar.KIND": ("LOẠI", "KIND"),
    "help.app": (
        "Kiểm tra tiến độ kế hoạch thực hiện Kết luận 91-KL/TW mô tả trong thư mục dữ liệu.",
        "Compliance checker for a plan implementing KL 91-KL/TW, described by the data directory.",
    ),
    "help.epilog.app": (
        "Hướng dẫn từng lệnh: kh284 LỆNH -h. Bằng tiếng Anh: thêm --lang en sau tên lệnh, hoặc "
        "đặt biến môi trường KH284_LANG=en.",
        "Each command's help: kh284 COMMAND -h. In Vietnamese: --lang vi after the command (the "
        "default), or the environment variable KH284_LANG=vi.",
    ),
    "help.cmd.validate": (
        "Kiểm tra mọi tệp dữ liệu; mỗi phát hiện chỉ rõ tệp:dòng:cột.",
        "Validate every data file: file:line:col diagnostics.",
    ),
    "help.cmd.check": (
        "Đánh giá mọi chỉ tiêu và nhiệm vụ tại một ngày.",
        "Evaluate every target and task as of a date.",
    ),
    "help.cmd.tasks": (
        "Liệt kê các nhiệm vụ của phụ lục và tình trạng của chúng.",
        "List appendix tasks with their status.",
    ),
    "help.cmd.overdue": (
        "Liệt kê các nhiệm vụ quá hạn, quá hạn lâu nhất trước.",
        "List overdue tasks, most overdue first.",
    ),
    "help.cmd.missing": (
        "Liệt kê báo cáo mỗi đơn vị còn nợ, quá hạn lâu nhất trước: theo từng đơn vị, số phải "
        "nộp, nộp đúng hạn, nộp muộn, còn thiếu. Mã thoát 1 khi còn thiếu (như overdue khi có "
        "việc quá hạn), 0 khi đủ, 2 khi không chạy được.",
        "List what each unit owes and has not sent, most overdue first: per unit, reports "
        "owed, received on time, received late, missing. Exit 1 when something is missing "
        "(as overdue exits 1 when something is overdue), 0 when nothing is, 2 when it could "
        "not run.",
    ),
    "help.cmd.targets": (
        "Liệt kê các chỉ tiêu, hoặc xem số liệu đã báo cáo của một chỉ tiêu.",
        "List the targets, or show one target's history.",
    ),
    "help.cmd.schema": (
        "In JSON Schema của một loại tệp dữ liệu (sinh từ mô hình dữ liệu).",
        "Print the JSON Schema of a data file (generated from the models).",
    ),
    "help.cmd.report": (
        "Ghi trang tổng hợp (html), sổ tình trạng (xlsx) hoặc dự thảo báo cáo (docx).",
        "Write the dashboard (html), status workbook (xlsx) or report draft (docx).",
    ),
    "help.cmd.template": (
        "Ghi mẫu Excel gồm những gì một đơn vị cần báo cáo trong một năm.",
        "Write an Excel template of what one unit should report for one year.",
    ),
    "help.cmd.import": (
        "Chuyển mẫu Excel đã điền thành báo cáo tiến độ (YAML), kiểm tra như mọi báo cáo.",
        "Turn a filled template into a progress report (YAML), validated like any report.",
    ),
    "help.opt.help": ("Hiện hướng dẫn này rồi thoát.", "Show this message and exit."),
    "help.opt.version": ("Hiện số phiên bản.", "Show the version."),
    "help.opt.data_dir": ("Thư mục dữ liệu.", "Data directory."),
    "help.opt.as_of": (
        "Đánh giá tại ngày DD/MM/YYYY hoặc YYYY-MM-DD [mặc định: hôm nay].",
        "Evaluate as of DD/MM/YYYY or YYYY-MM-DD [default: today].",
    ),
    "help.opt.lang": (
        "Ngôn ngữ: vi (tiếng Việt) hoặc en (tiếng Anh).",
        "Message language: vi (Vietnamese) or en (English).",
    ),
    "help.opt.format": (
        "Định dạng đầu ra [mặc định: github khi chạy trong GitHub Actions, ngoài ra terminal].",
        "Output format [default: github under GitHub Actions, else terminal].",
    ),
    "help.opt.output": ("Ghi báo cáo vào tệp này.", "Write the report to this file."),
    "help.opt.force": ("Cho phép --output ghi đè tệp đã có.", "Let --output replace a file."),
    "help.opt.fail_on": (
        "Trả mã thoát 1 khi có phát hiện từ mức này trở lên.",
        "Exit 1 on findings at or above this severity.",
    ),
    "help.opt.select": (
        "Chỉ xét các mã hoặc tiền tố mã này (dùng nhiều lần, hoặc a,b).",
        "Only these codes or code prefixes (repeatable, or a,b).",
    ),
    "help.opt.ignore": (
        "Bỏ qua các mã hoặc tiền tố mã này (dùng nhiều lần, hoặc a,b).",
        "Leave out these codes or prefixes (repeatable, or a,b).",
    ),
    "help.opt.quiet": ("Chỉ in dòng tổng kết.", "Print the summary only."),
    "help.opt.verbose": (
        "In thêm từng phát hiện về chỉ tiêu và nhiệm vụ.",
        "Also list every target and task finding.",
    ),
    "help.opt.show_waived": (
        "Liệt kê cả các phát hiện được miễn trừ.",
        "List waived findings too.",
    ),
    "help.opt.color": ("Tô màu kết quả trên màn hình.", "Colour the terminal output."),
    "help.opt.no_cache": (
        "Đọc lại mọi tệp, không dùng bộ nhớ đệm.",
        "Read every file afresh; do not use the cache.",
    ),
    "help.opt.unit": (
        "Chỉ nhiệm vụ của đơn vị này (mã, tên viết tắt hoặc tên đầy đủ).",
        "Only tasks of this unit (id, short name or name).",
    ),
    "help.opt.owing_unit": (
        "Chỉ những gì đơn vị này còn nợ (mã, tên viết tắt hoặc tên đầy đủ).",
        "Only what this unit owes (id, short name or name).",
    ),
    "help.opt.year": ("Chỉ những gì phải nộp cho năm này.", "Only what is owed for this year."),
    "help.opt.due_within": (
        "chỉ các sản phẩm chưa xong có hạn trong DAYS ngày sau ngày đánh giá (check: mặc định 30)",
        "only deliverables not done that fall due within DAYS days after the as-of date "
        "(check: 30 by default)",
    ),
    "help.opt.coordinating": (
        "Đi cùng --unit: thêm các nhiệm vụ đơn vị đó phối hợp.",
        "With --unit: also tasks the unit coordinates.",
    ),
    "help.opt.targets_format": (
        "terminal, hoặc json (kèm số liệu đã báo cáo).",
        "terminal, or json (with the history).",
    ),
    "help.opt.report_format": (
        "html: trang tổng hợp xem không cần mạng; xlsx: các bảng tình trạng; docx: dự thảo báo "
        "cáo.",
        "html: offline dashboard; xlsx: status tables; docx: draft of the report.",
    ),
    "help.opt.report_unit": (
        "docx: đơn vị ban hành báo cáo [mặc định: đơn vị chủ trì nhiều nhiệm vụ phụ lục nhất].",
        "docx: the reporting unit that issues it [default: the unit leading most appendix tasks].",
    ),
    "help.opt.template_unit": (
        "Đơn vị báo cáo (mã, tên viết tắt hoặc tên đầy đủ).",
        "The reporting unit (id, short name or name).",
    ),
    "help.opt.period": ("Năm của số liệu.", "The year the figures describe."),
    "help.opt.template_output": (
        "Tệp .xlsx sẽ ghi [mặc định: ĐƠN_VỊ-NĂM.xlsx].",
        "The .xlsx to write [default: UNIT-YEAR.xlsx].",
    ),
    "help.opt.import_output": (
        "Báo cáo tiến độ sẽ ghi [mặc định: THƯ_MỤC/progress/NĂM/TỆP.yaml].",
        "The progress report to write [default: DIR/progress/YEAR/FILE.yaml].",
    ),
    "help.arg.files": (
        "Chỉ báo cáo về các tệp này (vẫn nạp toàn bộ dữ liệu).",
        "Report only on these files (all are loaded).",
    ),
    "help.arg.target": (
        "Xem số liệu đã báo cáo của chỉ tiêu này.",
        "Show this target's history.",
    ),
    "help.arg.kind": ("Loại tệp dữ liệu.", "Which data file."),
    "help.arg.workbook": ("Mẫu Excel một đơn vị đã điền.", "A template filled in by a unit."),
    "help.family.Y": ("đọc tệp", "reading a file"),
    "help.family.S": ("cấu trúc của tệp dữ liệu", "the schema of a data file"),
    "help.family.R": ("tham chiếu giữa các tệp", "references between files"),
    "help.family.P": ("văn bản kế hoạch như đã ban hành", "the plan's own text, as published"),
    "help.family.D": (
        "số liệu và báo cáo nhiệm vụ đơn vị gửi",
        "submitted figures and task reports",
    ),
    "help.family.T": ("đánh giá chỉ tiêu", "target verdicts"),
    "help.family.K": ("thời hạn nhiệm vụ", "task deadlines"),
    "help.family.V": ("miễn trừ", "waivers"),
    "help.family.X": ("lỗi của chính kh284", "kh284 itself"),
    "targets.clause": ("Mục", "Clause"),
    "targets.scope": ("Phạm vi", "Scope"),
    "targets.goal": ("Mục tiêu: ", "Goal: "),
    "targets.interpretation": ("Cách hiểu: ", "Interpretation: "),
    "targets.verdict": ("Đánh giá: ", "Verdict: "),
    "targets.baseline": ("Năm gốc", "Baseline"),
    "targets.latest": ("Mới nhất", "Latest"),
    "targets.projected": ("Dự báo", "Projected"),
    "targets.ratio": ("Tỷ số tiến độ", "Progress ratio"),
    "targets.areas": ("Địa bàn", "Areas"),
    "targets.area": ("Địa bàn", "Area"),
    "targets.value": ("Giá trị", "Value"),
    "targets.counts": ("Đạt", "Counts"),
    "targets.history": ("Số liệu đã báo cáo", "Reported figures"),
    "targets.year": ("Năm", "Year"),
    "targets.by": ("Đơn vị báo cáo", "Reported by"),
    "targets.reported_on": ("Ngày báo cáo", "Reported on"),
    "targets.document": ("Văn bản", "Document"),
    "targets.file": ("Tệp", "File"),
    # -- the forms of a target: ranges, scales, accumulated counts, breakdowns -------------
    "breakdown.unknown": ("không có chỉ tiêu cha này", "no such parent target"),
    "breakdown.nested": (
        "chỉ tiêu cha không được là chính nó hay một chỉ tiêu chi tiết khác",
        "the parent must be neither the target itself nor another breakdown",
    ),
    "breakdown.unit": (
        "đơn vị đo '{unit}' khác với chỉ tiêu cha ('{parent_unit}')",
        "unit '{unit}' differs from the parent's ('{parent_unit}')",
    ),
    "breakdown.of": ("chi tiết của '{parent}': {group}", "breakdown of '{parent}': {group}"),
    "forms.level_scale": ("mức độ ({low}-{high})", "level ({low}-{high})"),
    "forms.accumulated": ("Σ", "Σ"),
    # -- SARIF: a rule's help (issue 24: the clients CI and editors use) ---------------------
    "sarif.help": (
        "{code}: {description}\n\nNhóm: {family}. Mức mặc định: {severity}. Chọn hoặc bỏ mã"
        " này bằng --select/--ignore {code}; chấp nhận tạm một phát hiện bằng waivers.yaml."
        " Tài liệu: {page} trong mã nguồn kh284.",
        "{code}: {description}\n\nFamily: {family}. Default severity: {severity}. Select or"
        " leave out this code with --select/--ignore {code}; accept a finding for a while in"
        " waivers.yaml. Documented in {page} of kh284's source.",
    ),
    # -- Markdown (the pull-request comment) ------------------------------------------------
    "markdown.errors": ("lỗi", "errors"),
    "markdown.warnings": ("cảnh báo", "warnings"),
    "markdown.waived": ("miễn trừ", "waived"),
    "markdown.code": ("Mã", "Code"),
    "markdown.location": ("Vị trí", "Location"),
    "markdown.message": ("Thông báo", "Message"),
    "markdown.target": ("Chỉ tiêu", "Target"),
    "markdown.status": ("Trạng thái", "Status"),
    "markdown.latest": ("Mới nhất", "Latest"),
    "markdown.task": ("Nhiệm vụ", "Task"),
    "markdown.due": ("Hạn", "Due"),
    "markdown.days": ("Số ngày quá hạn", "Days overdue"),
    "markdown.none": ("Không có phát hiện nào.", "No findings."),
    # -- table -----------------------------------------------------------------
    "table.target": ("Chỉ tiêu", "Target"),
    "table.goal": ("Mục tiêu", "Goal"),
    "table.latest": ("Mới nhất", "Latest"),
    "table.progress": ("Tiến độ", "Progress"),
    "table.status": ("Trạng thái", "Status"),
    "table.why": ("Căn cứ", "Why"),
    "table.task": ("Nhiệm vụ", "Task"),
    "table.lead": ("Chủ trì", "Lead"),
    "table.due": ("Hạn", "Due"),
    "table.days": ("Số ngày quá hạn", "Days overdue"),
    "table.last": ("Báo cáo gần nhất", "Last report"),
    "table.none": ("chưa báo cáo", "nothing reported"),
    # -- terminal tables fitted to a width (render/layout.py) --------------------------------
    "layout.dropped": (
        "Cột {columns} không vừa {width} ký tự; đặt COLUMNS rộng hơn để xem",
        "Column {columns} left out at {width} characters; set COLUMNS wider to see it",
    ),
    # -- report ----------------------------------------------------------------
    "report.report_title": (
        "Báo cáo kết quả thực hiện {document}",
        "Report on {document}",
    ),
    "report.as_of": ("Số liệu tính đến ngày {date}", "Figures as of {date}"),
    "report.headline": ("Tỷ lệ hoàn thành nhiệm vụ đã đến hạn", "Completion of tasks already due"),
    "report.due": ("Đã đến hạn", "Due"),
    "report.done": ("Đã hoàn thành", "Done"),
    "report.done_on_time": ("Đúng hạn", "On time"),
    "report.overdue": ("Quá hạn chưa xong", "Overdue, not done"),
    "report.targets_by_status": ("Chỉ tiêu theo trạng thái", "Targets by status"),
    "report.targets": ("Kết quả thực hiện các chỉ tiêu", "Results by target"),
    "report.tasks": ("Kết quả thực hiện các nhiệm vụ", "Results by task"),
    "report.target": ("Chỉ tiêu", "Target"),
    "report.goal": ("Mục tiêu", "Goal"),
    "report.latest": ("Kết quả mới nhất", "Latest value"),
    "report.status": ("Đánh giá", "Status"),
    "report.why": ("Căn cứ đánh giá", "Why"),
    "report.due_soon": ("Sắp đến hạn ({count})", "Falling due soon ({count})"),
    "report.no_due_soon": (
        "Không có nhiệm vụ nào đến hạn trong {days} ngày tới",
        "Nothing falls due in the next {days} {days:day|days}",
    ),
    "report.targets_rest": (
        "{owed}; {failing} chưa đạt yêu cầu; {good} đạt hoặc đúng tiến độ{stale}",
        "{owed}; {failing} falling short; {good} achieved or on track{stale}",
    ),
    "report.unknown_first": (
        "{unknown}/{total} chỉ tiêu chưa đánh giá được",
        "{unknown} of {total} targets cannot be judged yet",
    ),
    "report.stale": ("Số liệu cũ", "Old figure"),
    "report.stale_note": (
        "số liệu năm {year}; năm {due} chưa báo cáo",
        "latest figure from {year}; {due} not reported",
    ),
    "report.missing_years": ("Năm thiếu số liệu", "Years with no figure"),
    "report.task": ("Nhiệm vụ", "Task"),
    "report.lead": ("Đơn vị chủ trì", "Lead unit"),
    "report.deadline": ("Thời hạn", "Deadline"),
    "report.evidence": ("Kết quả, minh chứng", "Result, evidence"),
    "report.year": ("Năm", "Year"),
    "report.value": ("Giá trị", "Value"),
    "report.reported_by": ("Đơn vị báo cáo", "Reported by"),
    "report.reported_on": ("Ngày báo cáo", "Reported on"),
    "report.document": ("Văn bản nguồn", "Source document"),
    "report.baseline": ("Năm gốc", "Baseline"),
    "report.projected": ("Dự báo năm {year}", "Projected {year}"),
    "report.ratio": ("Tỷ số tiến độ", "Progress ratio"),
    "report.failing_years": ("Năm không đạt", "Years below target"),
    "report.areas": ("Địa bàn đạt / chưa đạt", "Areas meeting / not meeting"),
    "report.missing_areas": ("Địa bàn chưa có số liệu", "Areas with no figure"),
    "report.no_history": ("Chưa có số liệu", "No figures yet"),
    "report.count_series": ("Số địa bàn đạt", "Areas meeting the level"),
    "report.area_levels": ("Mức độ từng địa bàn ({year})", "Level by area ({year})"),
    "report.target_line": ("Mục tiêu", "Target"),
    "report.trend": ("Xu hướng", "Trend"),
    "report.reported": ("Số liệu báo cáo", "Reported"),
    "report.threshold": ("mức cần đạt", "required"),
    "report.no_figure": ("chưa có", "none"),
    "report.no_rate": ("—", "—"),
    "report.stt": ("STT", "No."),
    "report.none": ("—", "—"),
    # -- html ------------------------------------------------------------------
    "html.plan_of": ("{issuer}, ngày {date}", "{issuer}, {date}"),
    "html.generated": (
        "Tạo bởi kh284 {version} từ cùng kết quả đánh giá với lệnh kh284 check.",
        "Made by kh284 {version} from the same evaluation as kh284 check.",
    ),
    "html.method": (
        "Đánh giá chỉ tiêu theo phương pháp tiến độ SDG của Liên Hợp Quốc (dự báo tuyến tính từ "
        "năm gốc đến năm mới nhất); tỷ lệ hoàn thành tính trên các nhiệm vụ đã đến hạn.",
        "Targets are judged by the UN SDG progress method (a linear projection from the baseline "
        "to the latest year); the completion rate counts tasks already due.",
    ),
    "html.no_chart": ("Chưa có số liệu để vẽ biểu đồ.", "No figures to chart yet."),
    "html.file": ("tệp", "file"),
    "html.area": ("Địa bàn", "Area"),
    "html.completed_on": ("hoàn thành {date}", "done {date}"),
    "html.legend": ("Màu theo trạng thái", "Colours by status"),
    "html.reason": ("Nhận xét", "Verdict"),
    "html.days_overdue": ("quá hạn {days} ngày", "{days} {days:day|days} overdue"),
    # -- dashboard (the HTML report's action page, print and charts) -----------------------
    "dashboard.attention": ("Cần chú ý", "Needs attention"),
    "dashboard.failing": ("Chỉ tiêu chưa đạt yêu cầu ({count})", "Targets falling short ({count})"),
    "dashboard.no_failing": ("Không có chỉ tiêu nào chưa đạt yêu cầu.", "No target falls short."),
    "dashboard.projected": ("Dự báo năm đích", "Projected, due year"),
    "dashboard.overdue_tasks": ("Nhiệm vụ quá hạn ({count})", "Overdue tasks ({count})"),
    "dashboard.no_overdue": ("Không có nhiệm vụ quá hạn.", "No task is overdue."),
    "dashboard.days_late": ("Số ngày quá hạn", "Days late"),
    "dashboard.owing": ("Đơn vị còn nợ báo cáo ({count})", "Units that owe reports ({count})"),
    "dashboard.no_owing": ("Không đơn vị nào còn nợ báo cáo.", "No unit owes a report."),
    "dashboard.unit": ("Đơn vị", "Unit"),
    "dashboard.missing": ("Chưa nộp", "Missing"),
    "dashboard.most_days_late": ("Quá hạn lâu nhất (ngày)", "Longest overdue (days)"),
    "dashboard.what": ("Còn nợ", "Owed"),
    "dashboard.and_more": ("và {count} mục khác", "and {count} more"),
    "dashboard.no_figures": (
        "Chỉ tiêu chưa có số liệu ({count}): đơn vị cần báo cáo",
        "Targets with no figure yet ({count}): who owes it",
    ),
    "dashboard.owes_figure": ("Đơn vị báo cáo", "Reporting unit"),
    "dashboard.task_count": ("Số nhiệm vụ", "Tasks"),
    "dashboard.count": ("Số chỉ tiêu", "Targets"),
    "dashboard.template": (
        "Lệnh lập biểu mẫu Excel năm {year} để gửi số liệu",
        "Command that makes the Excel template for {year}",
    ),
    "dashboard.by_unit": ("Tình hình theo đơn vị", "By unit"),
    "dashboard.col.led": ("Nhiệm vụ chủ trì", "Tasks led"),
    "dashboard.col.done": ("Đã hoàn thành", "Done"),
    "dashboard.col.overdue": ("Quá hạn", "Overdue"),
    "dashboard.col.in_progress": ("Đang thực hiện trong hạn", "In progress"),
    "dashboard.col.owed": ("Báo cáo phải nộp", "Reports owed"),
    "dashboard.col.on_time": ("Nộp đúng hạn", "On time"),
    "dashboard.col.late": ("Nộp muộn", "Late"),
    "dashboard.col.missing": ("Chưa nộp", "Missing"),
    "dashboard.clause": ("mục {clause}", "clause {clause}"),
    "dashboard.sources": (
        "Phụ lục: nguồn của từng số liệu",
        "Appendix: the source of every figure",
    ),
    "dashboard.figures": ("Số liệu [văn bản:dòng]", "Figures [document:line]"),
    "dashboard.sources_note": (
        "Mỗi số liệu ghi kèm [số thứ tự văn bản nguồn:dòng trong tệp dữ liệu].",
        "Each figure cites [its source document's number:the line in the data file].",
    ),
    "dashboard.documents": ("Văn bản nguồn", "Source documents"),
    "dashboard.page": ("Trang", "Page"),
    "dashboard.due_line": ("hạn {year}", "due {year}"),
    "dashboard.required_path": ("Lộ trình cần đạt", "Required path"),
    "dashboard.chart_alt": (
        "Biểu đồ {name}: {values}. Mục tiêu {goal} vào năm {year}. Đánh giá: {status}.",
        "Chart of {name}: {values}. Target {goal} by {year}. Status: {status}.",
    ),
    "dashboard.chart_alt_projected": (
        "Dự báo năm {year}: {value}.",
        "Projected for {year}: {value}.",
    ),
    "dashboard.chart_alt_areas": (
        "Mức độ từng địa bàn: {areas}.",
        "Level by area: {areas}.",
    ),
    # -- docx ------------------------------------------------------------------
    "docx.kind": ("BÁO CÁO", "REPORT"),
    "docx.summary": (
        "Kết quả thực hiện {document} ngày {date} của {issuer}",
        "Results of {document} of {date} of the {issuer}",
    ),
    "docx.as_of": ("(Số liệu tính đến ngày {date})", "(Figures as of {date})"),
    "docx.to": ("Kính gửi: {addressee}.", "To: {addressee}."),
    "docx.intro": (
        "Thực hiện {document} ngày {date} của {issuer}, {unit} báo cáo kết quả thực hiện"
        " đến ngày {as_of} như sau:",
        "Pursuant to {document} of {date} of the {issuer}, the {unit} reports the results as of"
        " {as_of} as follows:",
    ),
    "docx.part_results": ("I. KẾT QUẢ THỰC HIỆN", "I. RESULTS"),
    "docx.targets": ("1. Kết quả thực hiện các chỉ tiêu", "1. Results by target"),
    "docx.targets_intro": (
        "Đánh giá {count} chỉ tiêu theo phương pháp tiến độ SDG của Liên Hợp Quốc: {summary}. Kết"
        " quả và biểu đồ từng chỉ tiêu tại Phụ lục kèm theo.",
        "{count} {count:target|targets} judged by the UN SDG progress method: {summary}. The "
        "result and chart of each target are in the appendix.",
    ),
    "docx.tasks": ("2. Kết quả thực hiện các nhiệm vụ", "2. Results by task"),
    "docx.targets_headline": (
        "Trong {total} chỉ tiêu, {unknown} chỉ tiêu chưa đánh giá được{owed}; {failing} chỉ tiêu "
        "chưa đạt yêu cầu; {good} chỉ tiêu đạt hoặc đúng tiến độ{stale}.",
        "Of {total} targets, {unknown} cannot be judged yet{owed}; {failing} {failing:is|are} "
        "falling short; {good} {good:is|are} achieved or on track{stale}.",
    ),
    "docx.due_soon": ("Sắp đến hạn", "Falling due soon"),
    "docx.due_soon_intro": (
        "các nhiệm vụ chưa hoàn thành có hạn trong {days} ngày tới (sau ngày {date}), theo "
        "đơn vị chủ trì:",
        "deliverables not done that fall due in the next {days} {days:day|days} (after {date}), "
        "by lead unit:",
    ),
    "docx.due_soon_none": (
        "không có nhiệm vụ nào đến hạn trong {days} ngày tới.",
        "nothing falls due in the next {days} {days:day|days}.",
    ),
    "docx.tasks_intro": (
        "Tỷ lệ hoàn thành nhiệm vụ đã đến hạn: {rate} ({done}/{due} nhiệm vụ; đúng hạn {on_time}; "
        "quá hạn chưa hoàn thành {overdue}).",
        "Completion of tasks already due: {rate} ({done} of {due}; on time {on_time}; overdue and "
        "not done {overdue}).",
    ),
    "docx.part_limits": ("II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN", "II. LIMITATIONS AND CAUSES"),
    "docx.part_next": ("III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI", "III. NEXT STEPS"),
    "docx.part_proposals": ("IV. ĐỀ XUẤT, KIẾN NGHỊ", "IV. PROPOSALS"),
    "docx.to_write": (
        "[Phần này do cán bộ soạn thảo viết; kh284 không tự đánh giá nội dung này.]",
        "[To be written by the drafting officer; kh284 does not write this part.]",
    ),
    "docx.closing": (
        "Trên đây là báo cáo kết quả thực hiện {document} của {unit}./.",
        "This is the {unit}'s report on the results of {document}./.",
    ),
    "docx.recipients": ("Nơi nhận:", "Recipients:"),
    "docx.as_above": ("- Như trên;", "- As above;"),
    "docx.archive": ("- Lưu: VT.", "- Archive: VT."),
    "docx.signer": ("[CHỨC VỤ NGƯỜI KÝ]", "[SIGNER'S TITLE]"),
    "docx.signer_name": ("[Họ và tên]", "[Full name]"),
    "docx.number": ("Số:        /BC-{code}", "No.:        /BC-{code}"),
    "docx.place_date": ("{place}, ngày {d} tháng {m} năm {y}", "{place}, {d}/{m}/{y}"),
    "docx.appendix": ("PHỤ LỤC", "APPENDIX"),
    "docx.appendix_title": (
        "Biểu đồ các chỉ tiêu có số liệu",
        "Charts of the targets with figures",
    ),
    "docx.figure": ("Hình {n}. {name} — {status}", "Figure {n}. {name} — {status}"),
    "docx.days_overdue": ("quá hạn {days} ngày", "{days} {days:day|days} overdue"),
    "docx.reporting": (
        "3. Tình hình báo cáo của các đơn vị",
        "3. Reports received from the units",
    ),
    "docx.reporting_unit": ("Đơn vị", "Unit"),
    "docx.reporting_owed": ("Phải báo cáo", "Owed"),
    "docx.reporting_on_time": ("Đúng hạn", "On time"),
    "docx.reporting_late": ("Muộn", "Late"),
    "docx.reporting_missing": ("Còn thiếu", "Missing"),
    # -- xlsx ------------------------------------------------------------------
    "xlsx.sheet_overview": ("Tổng quan", "Overview"),
    "xlsx.sheet_targets": ("Chỉ tiêu", "Targets"),
    "xlsx.sheet_tasks": ("Nhiệm vụ", "Tasks"),
    "xlsx.sheet_figures": ("Số liệu", "Figures"),
    "xlsx.id": ("Mã", "ID"),
    "xlsx.group": ("Nhóm", "Group"),
    "xlsx.clause": ("Mục", "Clause"),
    "xlsx.due_year": ("Năm đích", "Due year"),
    "xlsx.projected": ("Dự báo", "Projected"),
    "xlsx.lead_now": ("Chủ trì hiện nay", "Lead now"),
    "xlsx.days_overdue": ("Số ngày quá hạn", "Days overdue"),
    "xlsx.last_report": ("Báo cáo gần nhất", "Last report"),
    "xlsx.completed_on": ("Ngày hoàn thành", "Completed on"),
    "xlsx.source": ("Nguồn", "Source"),
    "xlsx.file": ("Tệp", "File"),
    "xlsx.line": ("Dòng", "Line"),
    "xlsx.count": ("Số lượng", "Count"),
    "xlsx.item": ("Mục", "Item"),
    "xlsx.baseline_value": ("Giá trị năm gốc", "Baseline value"),
    # -- issue 22 (h22a): the printed dashboard, the Word draft as filed, the workbook printed
    "dashboard.owed.figure": (
        "Số liệu năm {year} ({count} chỉ tiêu, hạn {due})",
        "Figures for {year} ({count} {count:target|targets}, due {due})",
    ),
    "dashboard.owed.task_report": (
        "Báo cáo nhiệm vụ năm {year} ({count} nhiệm vụ, hạn {due})",
        "Task reports for {year} ({count} {count:task|tasks}, due {due})",
    ),
    "dashboard.owed.unit_plan": (
        "Kế hoạch triển khai của đơn vị năm {year} (hạn {due})",
        "The unit's own plan for {year} (due {due})",
    ),
    "dashboard.template_note": (
        "Lệnh lập biểu mẫu Excel cho từng đơn vị có trong bản xem trên màn hình.",
        "The command that makes each unit's Excel template is in the on-screen version.",
    ),
    "docx.draft": ("DỰ THẢO", "DRAFT"),
    "docx.motto_1": ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIET NAM"),
    "docx.motto_2": ("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"),
    "docx.failing_named": (
        "Các chỉ tiêu chưa đạt yêu cầu ({count}): {items}.",
        "Targets falling short ({count}): {items}.",
    ),
    "docx.failing_item": (
        "{name} ({status}; {latest}, mục tiêu {goal})",
        "{name} ({status}; {latest}, goal {goal})",
    ),
    "docx.overdue_named": (
        "Các nhiệm vụ quá hạn chưa hoàn thành ({count}): {items}.",
        "Overdue tasks not done ({count}): {items}.",
    ),
    "docx.overdue_item": (
        "{label} – {lead}, quá hạn {days} ngày",
        "{label} – {lead}, {days} days overdue",
    ),
    "docx.owing_named": (
        "Đến ngày {date}, {count} đơn vị còn nợ báo cáo: ",
        "As of {date}, {count} {count:unit owes|units owe} reports: ",
    ),
    "docx.owing_none": (
        "Đến ngày {date}, các đơn vị đã gửi đủ báo cáo.",
        "As of {date}, every unit has sent its reports.",
    ),
    "docx.owes.figure": (
        "số liệu năm {year} của {count} chỉ tiêu",
        "figures for {year} of {count} {count:target|targets}",
    ),
    "docx.owes.task_report": (
        "báo cáo năm {year} của {count} nhiệm vụ",
        "reports for {year} on {count} {count:task|tasks}",
    ),
    "docx.owes.unit_plan": ("kế hoạch triển khai năm {year}", "its own plan for {year}"),
    "docx.reporting_what": ("Còn nợ", "Still owed"),
    "docx.appendix_of": (
        "(Kèm theo báo cáo kết quả thực hiện {document})",
        "(Attached to the report on {document})",
    ),
    "docx.appendix_targets": ("Kết quả thực hiện các chỉ tiêu", "Results by target"),
    "docx.appendix_tasks": ("Kết quả thực hiện các nhiệm vụ", "Results by task"),
    "docx.appendix_reporting": (
        "Tình hình báo cáo của các đơn vị",
        "Reports received from the units",
    ),
    "xlsx.sheet_owed": ("Đơn vị còn nợ", "Owed by unit"),
    "xlsx.owed_unit": ("Đơn vị", "Unit"),
    "xlsx.owed_kind": ("Loại", "Kind"),
    "xlsx.owed_subject": ("Nội dung", "About"),
    "xlsx.owed_due": ("Hạn nộp", "Due"),
    "xlsx.owed_state": ("Tình trạng", "State"),
    "xlsx.owed_missing": ("Chưa nộp", "Missing"),
    "xlsx.owed_late": ("Nộp muộn", "Late"),
    "xlsx.owed_received": ("Ngày nhận", "Received on"),
    "common.scale_count": ("số lượng", "number"),
    "report.area_levels_no_year": ("Mức độ từng địa bàn", "Level by area"),
    # -- the Excel template (kh284 template; written in Vietnamese) ----------------------
    "template.targets_help": (
        "Ghi giá trị vào cột D bằng số, theo dấu thập phân của máy (Excel tiếng Việt: 97,4); "
        "tỷ lệ % ghi từ 0 đến 100 (34,5 là 34,5 %); mức độ chọn trong danh sách của ô "
        "(theo thang ở cột E). Tử số, mẫu số chỉ ghi ở dòng tỷ lệ có ô nền vàng. Để trống "
        "nếu chưa có số liệu.",
        "Type each figure in column D as a number, with your computer's decimal mark "
        "(97.4); percentages from 0 to 100 (34.5 is 34.5 %); levels from the cell's list "
        "(the scale in column E). A numerator and a denominator go only on the rows of a "
        "rate, in the yellow cells. Leave it empty when there is no figure yet.",
    ),
    "template.former": ("cũ", "former"),
    "template.tasks_help": (
        "Chọn tình trạng ở cột H trong danh sách; khi hoàn thành, ghi ngày hoàn thành "
        "(ngày/tháng/năm) và minh chứng. Để trống dòng không báo cáo.",
        "Choose the status in column H from the list; when done, type the completion date "
        "(day/month/year) and the evidence. Leave a row empty to report nothing on it.",
    ),
    "template.info_unit": ("Mã đơn vị báo cáo", "Reporting unit's id"),
    "template.info_unit_name": ("Tên đơn vị", "Unit name"),
    "template.info_period": ("Năm của số liệu", "Year of the figures"),
    "template.info_reported_on": ("Ngày báo cáo (DD/MM/YYYY)", "Report date (DD/MM/YYYY)"),
    "template.info_document": ("Số, ký hiệu văn bản báo cáo", "Number and code of the report"),
    "template.info_source": ("Nơi công bố (nếu có)", "Where published (if anywhere)"),
    "template.info_note": ("Ghi chú", "Note"),
    "template.col_target": ("Mã chỉ tiêu", "Target id"),
    "template.col_name": ("Tên chỉ tiêu", "Target"),
    "template.col_value": ("Giá trị năm {period}", "Value {period}"),
    "template.col_unit": ("Đơn vị tính", "Unit of measure"),
    "template.col_previous": ("Giá trị kỳ trước", "Previous value"),
    "template.col_previous_year": ("Năm kỳ trước", "Previous year"),
    "template.col_goal": ("Mục tiêu (năm)", "Goal (year)"),
    "template.col_area_name": ("Địa bàn", "Area"),
    "template.col_area": ("Mã địa bàn", "Area id"),
    "template.col_numerator": ("Tử số (nếu có)", "Numerator (if any)"),
    "template.col_denominator": ("Mẫu số (nếu có)", "Denominator (if any)"),
    "template.col_note": ("Ghi chú", "Note"),
    "template.col_task": ("Mã nhiệm vụ", "Task id"),
    "template.col_deliverable": ("Sản phẩm (năm, sự kiện)", "Deliverable (year, event)"),
    "template.col_text": ("Nội dung nhiệm vụ", "Task"),
    "template.col_role": ("Vai trò", "Role"),
    "template.col_due": ("Thời hạn", "Deadline"),
    "template.col_last": ("Báo cáo gần nhất", "Last report"),
    "template.col_status": ("Tình trạng", "Status"),
    "template.col_completed_on": ("Ngày hoàn thành (DD/MM/YYYY)", "Completed on (DD/MM/YYYY)"),
    "template.col_evidence": ("Minh chứng (văn bản, sản phẩm)", "Evidence (document, product)"),
    "template.col_task_note": ("Ghi chú", "Note"),
    "template.role_lead": ("Chủ trì", "Lead"),
    "template.role_coordinate": ("Phối hợp", "Coordinating"),
    "template.info_title": (
        "MẪU BÁO CÁO TIẾN ĐỘ THỰC HIỆN {document}",
        "PROGRESS REPORT TEMPLATE FOR {document}",
    ),
    "template.info_help": (
        "Điền các ô nền vàng ở ba trang tính; không sửa các ô khác.",
        "Fill in the yellow cells of the three sheets; leave the other cells as they are.",
    ),
    "template.targets_title": ("SỐ LIỆU CHỈ TIÊU NĂM {period}", "FIGURES FOR {period}"),
    "template.tasks_title": ("TÌNH HÌNH THỰC HIỆN NHIỆM VỤ", "PROGRESS OF THE TASKS"),
    "template.plan_errors": (
        "dữ liệu kế hoạch có lỗi; chạy kh284 validate",
        "the plan data has errors: run validate",
    ),
    "template.not_a_template": (
        "{file} không phải mẫu do kh284 template tạo",
        "{file} is not a template made by kh284 template",
    ),
    "template.value_title": ("Cần một số", "A number is needed"),
    "template.percent_error": (
        "Tỷ lệ phần trăm: ghi một số từ 0 đến 100 (không ghi dấu %).",
        "A percentage: type a number from 0 to 100 (without the % sign).",
    ),
    "template.level_error": (
        "Mức độ: chọn một trong {levels}.",
        "A level: choose one of {levels}.",
    ),
    "template.number_error": (
        "Ghi một số không âm (Excel tiếng Việt: 97,4).",
        "Type a number of at least 0.",
    ),
    "template.status_error": (
        "Chọn một tình trạng trong danh sách: {choices}.",
        "Choose a status from the list: {choices}.",
    ),
    # -- kh284 import: findings told by the template's cells --------------------------
    "import.at": ("«{heading}»: {problem}", "“{heading}”: {problem}"),
    "import.empty": ("ô này còn trống; cần điền", "the cell is empty; fill it in"),
    "import.not_number": (
        "'{value}' không phải là số; ghi một số, ví dụ {example}",
        "'{value}' is not a number; type a number such as {example}",
    ),
    "import.text_number": (
        "'{value}' được ghi dạng chữ, không phải số; xóa đi và gõ lại thành số {number}",
        "'{value}' is text, not a number; clear the cell and type the number {number}",
    ),
    "import.not_choice": (
        "'{value}' không có trong danh sách; chọn một trong: {choices}",
        "'{value}' is not in the list; choose one of: {choices}",
    ),
    "import.not_date": (
        "'{value}' không phải là ngày; ghi ngày/tháng/năm, ví dụ 15/03/2026",
        "'{value}' is not a date; type day/month/year, such as 15/03/2026",
    ),
    "import.out_of_range": (
        "{value} nằm ngoài giới hạn; cần {bound}",
        "{value} is out of range; it must be {bound}",
    ),
    "import.wants_level": ("một mức độ của thang", "a level of the target's scale"),
    "import.wants_figure": ("một con số (không phải tỷ lệ)", "a figure (not a percentage)"),
    "import.wants_part": ("một số đếm (tử số, mẫu số)", "a count (numerator, denominator)"),
    "import.percent_range": (
        "tỷ lệ {value} nằm ngoài khoảng 0–100",
        "the percentage {value} is outside 0–100",
    ),
    "import.level_range": (
        "mức độ {value} không hợp lệ; ghi một số nguyên từ {low} đến {high}",
        "the level {value} is not valid; type a whole number from {low} to {high}",
    ),
    "import.done_without": (
        "tình trạng là «{done}» nhưng ô này còn trống; cần điền",
        "the status is “{done}” but this cell is empty; fill it in",
    ),
    "import.after_report": (
        "ngày {date} sau ngày báo cáo {reported} (ô {cell})",
        "{date} is after the report date {reported} (cell {cell})",
    ),
    "import.date_not_done": (
        "có ngày hoàn thành nhưng «{heading}» là «{status}»",
        "a completion date is given but “{heading}” is “{status}”",
    ),
    "import.conflict": (
        "nhiệm vụ {task}: «{heading}» ở đây là «{here}», báo cáo đã có {where} ghi «{there}»",
        "task {task}: “{heading}” here is “{here}”, the report {where} says “{there}”",
    ),
    "import.other_figure": (
        "ở đây là {here}, báo cáo đã có {where} ghi {there} cho cùng chỉ tiêu, địa bàn và năm",
        "{here} here, the report {where} says {there} for the same target, area and year",
    ),
    "import.deliverable": (
        "'{value}' không phải một sản phẩm của nhiệm vụ {task}; ghi {what}",
        "'{value}' is not a deliverable of task {task}; type {what}",
    ),
    "import.deliverable_empty": (
        "ô này còn trống; nhiệm vụ {task} cần ghi {what}",
        "the cell is empty; for task {task} type {what}",
    ),
    "import.a_year": (
        "năm của sản phẩm (nhiệm vụ hằng năm từ {first}), ví dụ {first}",
        "the deliverable's year (a yearly task from {first}), such as {first}",
    ),
    "import.one_of": ("một trong: {choices}", "one of: {choices}"),
    "import.empty_or": ("{year} hoặc để trống", "{year} or nothing"),
    "import.nothing": ("để trống", "nothing"),
    "import.report_at": ("{file} (dòng {line})", "{file} (line {line})"),
    "import.year": ("năm {year}", "year {year}"),
    # -- import: workbook bounds and what a cell means (one block) ---------------------------
    "import.range_merge": ("ô gộp", "merged cells"),
    "import.range_hyperlink": ("liên kết", "hyperlink"),
    "import.range_conditional": ("định dạng có điều kiện", "conditional format"),
    "import.range_validation": ("kiểm tra dữ liệu", "data validation"),
    "import.shared_strings": ("chuỗi", "strings"),
    "import.shared_chars": ("ký tự", "characters"),
    "template.date_title": ("Cần một ngày", "A date is needed"),
    "template.date_error": (
        "Ghi một ngày từ {first} đến {last} (ngày/tháng/năm).",
        "Type a date from {first} to {last} (day/month/year).",
    ),
    # -- reporting: who still owes what (kh284 missing, check's `reporting` section) ----------
    "reporting.title": ("Tình hình gửi báo cáo", "Reports received"),
    "reporting.missing_title": ("Còn thiếu, quá hạn lâu nhất trước", "Missing, most overdue first"),
    "reporting.unit": ("Đơn vị", "Unit"),
    "reporting.owed": ("Phải gửi", "Owed"),
    "reporting.on_time": ("Đúng hạn", "On time"),
    "reporting.late": ("Muộn", "Late"),
    "reporting.missing": ("Chưa gửi", "Missing"),
    "reporting.kind": ("Loại", "Kind"),
    "reporting.subject": ("Nội dung", "Subject"),
    "reporting.year": ("Năm", "Year"),
    "reporting.due": ("Hạn", "Due"),
    "reporting.days_overdue": ("Quá hạn (ngày)", "Days overdue"),
    "reporting.kind.figure": ("Số liệu", "Figure"),
    "reporting.kind.task_report": ("Báo cáo nhiệm vụ", "Task report"),
    "reporting.kind.unit_plan": ("Kế hoạch của đơn vị", "Unit's own plan"),
    "reporting.unit_plan_subject": (
        "Kế hoạch triển khai thực hiện của đơn vị ({clause})",
        "The unit's own implementation plan ({clause})",
    ),
    "reporting.as_of": ("Tính đến ngày {date}", "As of {date}"),
    "reporting.nothing_missing": ("Không còn thiếu báo cáo nào.", "Nothing is missing."),
    "reporting.no_calendar": (
        "Dữ liệu chưa có lịch báo cáo (settings.reporting) hay danh sách kế hoạch của đơn vị "
        "(settings.unit_plans) trong plan.yaml.",
        "The data sets no reporting calendar (settings.reporting) and no unit plans "
        "(settings.unit_plans) in plan.yaml.",
    ),
    # -- plan: deadline shapes and due dates -------------------------------------
    "plan.deadline_needs": ("cần '{field}'", "needs '{field}'"),
    "plan.deadline_refuses": ("không được có '{field}'", "must not have '{field}'"),
    "plan.deadline_no_such_day": (
        "có ngày {day}/{month} không có trong năm",
        "has day {day}/{month}, which no year has",
    ),
    "plan.deadline_ends_before_start": (
        "kết thúc năm {last}, trước năm bắt đầu {first}",
        "ends in {last}, before it starts in {first}",
    ),
    "plan.deadline_school_year_end": (
        "cần 'settings.school_year_end' (ngày kết thúc năm học)",
        "needs 'settings.school_year_end' (the day a school year ends)",
    ),
    # -- plan: which deliverable a report entry is about (validate.deadlines) -------
    "plan.key_needs_year": ("cần 'year': nhiệm vụ hằng năm", "needs 'year': it is due every year"),
    "plan.key_before_first": (
        "năm {year} trước năm bắt đầu {first}",
        "year {year} is before its first year {first}",
    ),
    "plan.key_after_last": (
        "năm {year} sau năm cuối {last}",
        "year {year} is after its last year {last}",
    ),
    "plan.key_not_its_event": (
        "sự kiện '{event}' không phải của nhiệm vụ này",
        "event '{event}' is not one of this task's events",
    ),
    "plan.key_needs_event": (
        "cần 'event': nhiệm vụ gắn với nhiều sự kiện ({events})",
        "needs 'event': the task has one deliverable per event ({events})",
    ),
    "plan.key_other_year": (
        "'year: {year}' khác năm hạn {due_year}",
        "'year: {year}' differs from its deadline year {due_year}",
    ),
    # -- issue 25: a document named as itself (its kind and number) --------------------
    "document.name": ("{kind} số {number}", "{kind} {number}"),
    "document.unnumbered": ("{kind} {name}", "{kind} {name}"),
    # -- issue 28: format versions and `kh284 migrate` --------------------------------------
    "help.cmd.migrate": (
        "Ghi lại mọi tệp dữ liệu theo định dạng hiện hành, giữ nguyên chú thích, thứ tự khóa "
        "và dấu nháy; in những gì thay đổi, từng tệp.",
        "Rewrite every data file in the current format, keeping comments, key order and "
        "quoting; print what changes, file by file.",
    ),
    "help.opt.migrate_check": (
        "Không ghi gì; mã thoát 1 khi cần chuyển đổi (cho CI và pre-commit).",
        "Write nothing; exit 1 when a migration is needed (for CI and pre-commit).",
    ),
    "help.opt.migrate_diff": (
        "In thay đổi dưới dạng unified diff, không ghi gì.",
        "Show the changes as a unified diff and write nothing.",
    ),
    "migrate.file": ("{file}: định dạng {found} → {current}", "{file}: format {found} → {current}"),
    "migrate.current": (
        "Dữ liệu đã ở định dạng {current}: không có gì phải đổi",
        "The data is already in format {current}: nothing to change",
    ),
    "migrate.needed": (
        "Cần chuyển sang định dạng {current}: chạy '{command}'",
        "A migration to format {current} is needed: run '{command}'",
    ),
    "migrate.diff_only": ("--diff: chưa ghi tệp nào", "--diff: no file written"),
    "migrate.done": (
        "Đã chuyển {count} tệp sang định dạng {current}",
        "Migrated {count} file(s) to format {current}",
    ),
    "migrate.changed_meanwhile": (
        "{path} đã thay đổi trong lúc chuyển đổi; chạy lại lệnh",
        "{path} changed during the migration; run the command again",
    ),
}

#: Issue 25: the English word for each kind of document a plan or a legal basis may be (the
#: Vietnamese as the data spells it, compared case-insensitively); another kind keeps its
#: Vietnamese word in English unless the data gives ``kind_en``.
DOCUMENT_KINDS: dict[str, str] = {
    "kế hoạch": "Plan",
    "nghị quyết": "Resolution",
    "chương trình hành động": "Programme of action",
    "chương trình": "Programme",
    "quyết định": "Decision",
    "kết luận": "Conclusion",
    "chỉ thị": "Directive",
    "nghị định": "Decree",
    "thông tư": "Circular",
    "luật": "Law",
    "công văn": "Official letter",
    "đề án": "Scheme",
    "hướng dẫn": "Guidance",
}


def document_name(
    kind: str, number: str | None, lang: str, *, kind_en: str | None = None, name: str = ""
) -> str:
    """A document as itself: ``Nghị quyết số 51/NQ-CP``, ``Resolution 51/NQ-CP``.

    Without a number, its kind and ``name`` (``Luật Nhà giáo``) as the data writes them.
    """
    if lang == "en":
        kind = kind_en or DOCUMENT_KINDS.get(kind.casefold(), kind)
    if number:
        return word("document.name", lang, kind=kind, number=number)
    return word("document.unnumbered", lang, kind=kind, name=name).strip()


#: Issue 28: the documented default ``kind`` when a plan's title names no type.
DEFAULT_DOCUMENT_KIND = "Kế hoạch"


def pick(pair: tuple[str, str], lang: str) -> str:
    """The ``lang`` side of a (Vietnamese, English) pair."""
    if lang not in LANGS:
        raise ValueError(f"no such language: {lang!r}")
    return pair[0] if lang == "vi" else pair[1]


def word(key: str, lang: str, **args: object) -> str:
    """The word ``key`` in ``lang``, with ``{placeholders}`` filled from ``args``.

    A placeholder may choose its word by number, ``{count:ngày|ngày}`` / ``{count:day|days}``
    (the first for one), as in the sentences of :func:`say`.
    """
    text = pick(WORDS[key], lang)
    if not args:
        return text
    if "|" in text:
        return _Saying(lang).vformat(text, (), args)
    return text.format(**args)


def said_os(reason: str, lang: str) -> str:
    """An operating system's refusal (``commandline.os_reason``) in the vocabulary's words.

    Anything that is not such a reason is returned as it is.
    """
    if reason.startswith("os.other."):
        return word("os.other", lang, code=reason.removeprefix("os.other."))
    if reason.startswith("os.E") and reason in WORDS:
        return word(reason, lang)
    return reason


def os_error(exc: OSError, lang: str) -> str:
    """``exc`` in the vocabulary's words (``không có tệp hoặc thư mục này``), never the OS's."""
    return said_os(commandline.os_reason(exc), lang)


def both(key: str, **args: object) -> tuple[str, str]:
    """The word ``key`` in Vietnamese and in English (for a message chosen later)."""
    return word(key, "vi", **args), word(key, "en", **args)


def with_hint(key: str, hint: str | None, **args: object) -> tuple[str, str]:
    """``both(key)``, followed by "did you mean …?" when there is a ``hint``."""
    vi, en = both(key, **args)
    if hint:
        tail_vi, tail_en = both("common.did_you_mean", hint=hint)
        vi, en = vi + tail_vi, en + tail_en
    return vi, en


def label(labels: dict[str, tuple[str, str]], status: str, lang: str) -> str:
    """The label of ``status`` in one of the status tables."""
    return pick(labels[status], lang)


def goal_words(
    comparator: str,
    value: float,
    unit: str,
    tolerance: float | None,
    every_year: bool,
    lang: str,
    *,
    upper: float | None = None,
    accumulated: bool = False,
) -> str:
    """A goal in words, figures the ``lang`` way: ``≥ 38 %``, ``≈ 35 % (±2,5)``, ``30–35 %``.

    The one form of a goal, in every output (Vietnamese writes ``34,5 %``; English
    ``34.5%``); ``≥ 20 % /năm`` for every year.  A count ``accumulated`` from its
    ``from_year`` is written ``Σ ≥ 200``: the sum is judged.
    """
    if comparator == "between" and upper is not None:
        text = f"{number(value, lang)}{COMPARATORS[comparator]}{quantity(upper, unit, lang)}"
    else:
        text = f"{COMPARATORS[comparator]} {quantity(value, unit, lang)}"
    if tolerance is not None:
        text += f" (±{number(tolerance, lang)})"
    if every_year:
        text += " " + word("common.per_year", lang)
    if accumulated:
        text = word("forms.accumulated", lang) + " " + text
    return text


def target_goal(target: Target, lang: str) -> str:
    """The goal of a target (a ``Target`` model) in words: ``≥ 90 %``, ``≥ 20 % /năm``."""
    return goal_words(
        target.comparator,
        target.value,
        target.unit,
        target.tolerance,
        target.every_year,
        lang,
        upper=target.upper,
        accumulated=target.accumulate,
    )


def level_scale(target: Target, lang: str) -> str | None:
    """The levels a target's figures may take, in words (``mức độ (0-2)``); None for others.

    For the Excel template's unit column and the charts' level axis.
    """
    levels = target.levels
    if levels is None:
        return None
    return word("forms.level_scale", lang, low=levels[0], high=levels[1])


def breakdown_words(target: Target, lang: str) -> str | None:
    """``chi tiết của 'parent': học sinh dân tộc thiểu số``; None for a target of its own."""
    part = target.breakdown
    if part is None:
        return None
    group = part.group if lang == "vi" else part.group_en
    return word("breakdown.of", lang, parent=part.parent, group=group)


def number(value: float | None, lang: str, digits: int | None = None) -> str:
    """A figure the way ``lang`` writes it: ``34,5`` and ``12.500`` in Vietnamese.

    ``digits`` fixes the decimals (``1`` gives ``34,5``); without it the shortest exact
    form is used (``97.4``, ``5``, ``0.125``), never exponent notation.  ``—`` for nothing.
    Vietnamese groups thousands with a point and writes the decimal comma (TCVN, and every
    Vietnamese government document); English the other way round.
    """
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "—"
    text = f"{value:.6f}".rstrip("0").rstrip(".") if digits is None else f"{value:.{digits}f}"
    if text.startswith("-") and not text.strip("-0."):
        text = text[1:]  # no "-0"
    sign, text = ("-", text[1:]) if text.startswith("-") else ("", text)
    whole, _, frac = text.partition(".")
    thousands, decimal = (".", ",") if lang == "vi" else (",", ".")
    if len(whole) > 3:
        groups: list[str] = []
        while len(whole) > 3:
            groups.insert(0, whole[-3:])
            whole = whole[:-3]
        whole = thousands.join([whole, *groups])
    return sign + whole + (decimal + frac if frac else "")


def percent(value: float | None, lang: str, digits: int | None = None) -> str:
    """``34,5 %`` in Vietnamese (a space before the sign), ``34.5%`` in English."""
    if value is None:
        return "—"
    return number(value, lang, digits) + (" %" if lang == "vi" else "%")


def quantity(value: float | None, unit: str | None, lang: str, digits: int | None = None) -> str:
    """A figure with its unit: :func:`percent` for percentages, :func:`number` otherwise."""
    return percent(value, lang, digits) if unit == "percent" else number(value, lang, digits)


def day(value: dt.date | str | None) -> str:
    """DD/MM/YYYY, as Vietnamese documents and kh284's tables write a date; ``—`` for none."""
    if value is None:
        return "—"
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return value.strftime("%d/%m/%Y")


# -- messages: what a decision says, as a key with raw arguments, said here -----------------
#: The sub-modules' tables are words like any other: ``word(key, lang)`` reaches them.
for _table in (
    reasons.WORDS,
    loader.WORDS,
    schema.WORDS,
    commands.WORDS,
    followup.WORDS,
    commandline.WORDS,
):
    WORDS.update(_table)


@dataclass(frozen=True)
class Message:
    """A sentence not yet said: a vocabulary key and its raw arguments (years, figures, names).

    Decisions return one (``evaluate.targets``); :func:`say` writes it in a language, the
    figures the way that language writes them.
    """

    key: str
    args: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, key: str, **args: object) -> Message:
        """The message ``key`` with ``args`` (in the order given)."""
        return cls(key, tuple(args.items()))


def joined(items: Sequence[str], lang: str) -> str:
    """``2024, 2025 và 2026`` (``2024, 2025 and 2026``): a list as a sentence writes it."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + word("common.and", lang) + items[-1]


def figure(value: float | None, lang: str, digits: int | None = None) -> str:
    """A figure of a sentence: :func:`number`, three significant digits below 1 (``0,125``)."""
    if value is None:
        return number(None, lang)
    if digits is None and abs(value) < 1 and value != 0:
        value = float(f"{value:.3g}")
    return number(value, lang, digits)


class _Saying(string.Formatter):
    """Fills a template, writing each argument as its format spec asks (see ``reasons``)."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> Any:
        lang = self.lang
        if format_spec in ("fig", "fig1", "fig2"):
            return figure(value, lang, int(format_spec[3:]) if format_spec[3:] else None)
        if format_spec == "goal":
            low, high = value
            upper = "" if high is None else COMPARATORS["between"] + figure(high, lang)
            return figure(low, lang) + upper
        if format_spec == "years":
            pairs: Sequence[tuple[int, float]] = value
            return ", ".join(f"{year} ({figure(v, lang)})" for year, v in pairs)
        if format_spec == "list":
            return ", ".join(str(item) for item in value)
        if format_spec == "msg":
            return say(value, lang)
        if format_spec == "drops":
            drops: Sequence[tuple[str, int, float, int, float]] = value
            return "; ".join(
                f"{area}: {figure(was, lang)} ({before}) → {figure(now, lang)} ({after})"
                for area, before, was, after, now in drops
            )
        if format_spec == "and":
            return joined([str(item) for item in value], lang)
        if "|" in format_spec:  # {years:năm|các năm}: the word for one item, for more
            one, many = format_spec.split("|", 1)
            count = value if isinstance(value, int) else len(value)
            return one if count == 1 else many
        return super().format_field(value, format_spec)


def say(message: Message, lang: str) -> str:
    """``message`` in ``lang``: its template filled with its arguments, written that way."""
    return _Saying(lang).vformat(pick(WORDS[message.key], lang), (), dict(message.args))
