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
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kh284.validate.models.targets import Target

LANGS = ("vi", "en")

TARGET_LABELS: dict[str, tuple[str, str]] = {
    "achieved": ("Đã đạt", "Achieved"),
    "on_track": ("Đúng tiến độ", "On track"),
    "needs_acceleration": ("Cần đẩy nhanh", "Needs acceleration"),
    "stagnating": ("Chững lại/đi lùi", "Stagnating"),
    "not_maintained": ("Không duy trì", "Not maintained"),
    "missed": ("Không đạt", "Missed"),
    "no_data": ("Chưa có số liệu", "No data"),
    "insufficient_data": ("Chưa đủ số liệu", "Not enough data"),
}
TASK_LABELS: dict[str, tuple[str, str]] = {
    "done_on_time": ("Hoàn thành đúng hạn", "Done on time"),
    "done_late": ("Hoàn thành quá hạn", "Done late"),
    "in_progress": ("Đang thực hiện trong hạn", "In progress, within deadline"),
    "overdue": ("Quá hạn", "Overdue"),
    "not_due": ("Chưa đến hạn", "Not yet due"),
    "waiting_for_event": ("Chờ sự kiện", "Waiting for event"),
    "ongoing": ("Thường xuyên", "Ongoing"),
}
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
    "common.waived": ("miễn trừ", "waived"),
    "common.level_scale": ("mức độ (0-3)", "level (0-3)"),
    "common.drawing_charts": ("Vẽ biểu đồ", "Drawing charts"),
    "common.missing_extra": ("cần cài thêm {names}: {install}", "{names} not installed: {install}"),
    "common.import_summary": (
        "{errors} lỗi, {warnings} cảnh báo trong {file}",
        "{errors} errors, {warnings} warnings in {file}",
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
        "{errors} errors, {warnings} warnings, {infos} infos in {files} files",
    ),
    "common.summary_waived": ("; {count} được miễn trừ", "; {count} waived"),
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
    # -- kh284 targets ---------------------------------------------------------------------
    "table.plan_text": (
        "{count} phát hiện về văn bản kế hoạch như đã ban hành; xem đầy đủ bằng kh284 validate",
        "{count} findings about the plan's published text; kh284 validate lists them",
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
    "usage.see_help": ("Xem hướng dẫn: {command} -h", "See the help: {command} -h"),
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
    # -- report ----------------------------------------------------------------
    "report.report_title": (
        "Báo cáo kết quả thực hiện Kế hoạch số {number}",
        "Report on plan {number}",
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
    "html.days_overdue": ("quá hạn {days} ngày", "{days} days overdue"),
    # -- docx ------------------------------------------------------------------
    "docx.kind": ("BÁO CÁO", "REPORT"),
    "docx.summary": (
        "Kết quả thực hiện Kế hoạch số {number} ngày {date} của {issuer}",
        "Results of plan {number} of {date} of the {issuer}",
    ),
    "docx.as_of": ("(Số liệu tính đến ngày {date})", "(Figures as of {date})"),
    "docx.to": ("Kính gửi: {addressee}.", "To: {addressee}."),
    "docx.intro": (
        "Thực hiện Kế hoạch số {number} ngày {date} của {issuer}, {unit} báo cáo kết quả thực hiện"
        " đến ngày {as_of} như sau:",
        "Pursuant to plan {number} of {date} of the {issuer}, the {unit} reports the results as of"
        " {as_of} as follows:",
    ),
    "docx.part_results": ("I. KẾT QUẢ THỰC HIỆN", "I. RESULTS"),
    "docx.targets": ("1. Kết quả thực hiện các chỉ tiêu", "1. Results by target"),
    "docx.targets_intro": (
        "Đánh giá {count} chỉ tiêu theo phương pháp tiến độ SDG của Liên Hợp Quốc: {summary}. Biểu"
        " đồ từng chỉ tiêu tại Phụ lục kèm theo.",
        "{count} targets judged by the UN SDG progress method: {summary}. The chart of each target"
        " is in the appendix.",
    ),
    "docx.tasks": ("2. Kết quả thực hiện các nhiệm vụ", "2. Results by task"),
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
        "Trên đây là báo cáo kết quả thực hiện Kế hoạch số {number} của {unit}./.",
        "This is the {unit}'s report on the results of plan {number}./.",
    ),
    "docx.recipients": ("Nơi nhận:", "Recipients:"),
    "docx.as_above": ("- Như trên;", "- As above;"),
    "docx.archive": ("- Lưu: VT.", "- Archive: VT."),
    "docx.signer": ("[CHỨC VỤ NGƯỜI KÝ]", "[SIGNER'S TITLE]"),
    "docx.signer_name": ("[Họ và tên]", "[Full name]"),
    "docx.number": ("Số:        /BC-……", "No.:        /BC-……"),
    "docx.place_date": ("{place}, ngày {d} tháng {m} năm {y}", "{place}, {d}/{m}/{y}"),
    "docx.appendix": ("PHỤ LỤC", "APPENDIX"),
    "docx.appendix_title": (
        "Biểu đồ các chỉ tiêu có số liệu",
        "Charts of the targets with figures",
    ),
    "docx.figure": ("Hình {n}. {name} — {status}", "Figure {n}. {name} — {status}"),
    "docx.target_heads": (
        "STT|Chỉ tiêu|Mục tiêu|Kết quả mới nhất|Đánh giá|Căn cứ đánh giá",
        "No.|Target|Goal|Latest|Status|Why",
    ),
    "docx.task_heads": (
        "STT|Nhiệm vụ|Đơn vị chủ trì|Thời hạn|Tình trạng|Kết quả, minh chứng",
        "No.|Task|Lead unit|Deadline|Status|Result, evidence",
    ),
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
}


def pick(pair: tuple[str, str], lang: str) -> str:
    """The ``lang`` side of a (Vietnamese, English) pair."""
    if lang not in LANGS:
        raise ValueError(f"no such language: {lang!r}")
    return pair[0] if lang == "vi" else pair[1]


def word(key: str, lang: str, **args: object) -> str:
    """The word ``key`` in ``lang``, with ``{placeholders}`` filled from ``args``."""
    text = pick(WORDS[key], lang)
    return text.format(**args) if args else text


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
    """``≥ 90%``, ``≈ 35% (±2.5)``, ``≥ 20% /năm`` (``/year`` in English), ``30–35%``.

    A count ``accumulated`` from its ``from_year`` is written ``Σ ≥ 200``: the sum is judged.
    """
    sign = "%" if unit == "percent" else ""
    if comparator == "between" and upper is not None:
        text = f"{value:g}{COMPARATORS[comparator]}{upper:g}{sign}"
    else:
        text = f"{COMPARATORS[comparator]} {value:g}{sign}"
    if tolerance is not None:
        text += f" (±{tolerance:g})"
    if every_year:
        text += " " + word("common.per_year", lang)
    if accumulated:
        text = word("forms.accumulated", lang) + " " + text
    return text


def target_goal(target: Target, lang: str) -> str:
    """The goal of a target (a ``Target`` model) in words: ``≥ 90%``, ``≥ 20% /năm``."""
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

    For the Excel template's unit column and help text, which today write ``0-3``.
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
