"""The follow-up's words (issue 26): reminder letters, what each unit owes, what changed.

``kh284 remind`` and ``views.owed``; ``kh284 changes`` and ``report --since``.  Formal
wording follows Nghị định 30/2020/NĐ-CP (công văn).
"""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    # -- what a unit owes (views/owed.py) -----------------------------------------------------
    "owed.task_row": ("nhiệm vụ số {number} tại Phụ lục", "task {number} of the appendix"),
    "owed.clause": ("mục {clause}", "clause {clause}"),
    "owed.clauses": ("mục {clauses}", "clauses {clauses}"),
    "owed.task_rows": (
        "các nhiệm vụ số {numbers} tại Phụ lục",
        "tasks {numbers} of the appendix",
    ),
    "owed.task": ("Nhiệm vụ số {number}", "Task {number}"),
    "owed.task_part": ("Nhiệm vụ số {number} ({part})", "Task {number} ({part})"),
    "owed.figure": ("Số liệu năm {year}", "Figures for {year}"),
    "owed.task_report": (
        "Báo cáo năm {year} về nhiệm vụ số {number}",
        "Report for {year} on task {number}",
    ),
    "owed.unit_plan": (
        "Kế hoạch triển khai thực hiện của đơn vị",
        "The unit's own implementation plan",
    ),
    # -- kh284 remind: the letter (Nghị định 30/2020/NĐ-CP, Phụ lục I, công văn) ---------------
    "remind.number": ("Số: …/{code}-…", "No.: …/{code}-…"),
    "remind.about": (
        "V/v đôn đốc thực hiện {plan}",
        "Re: reminder to carry out {plan}",
    ),
    "remind.to": ("Kính gửi: {addressee}", "To: {addressee}"),
    "remind.intro": (
        "Thực hiện {plan} ngày {date} của {issuer}; căn cứ trách nhiệm được giao tại {clauses} "
        "của {kind}, tính đến ngày {as_of}, {unit} còn các nội dung chưa hoàn thành hoặc chưa "
        "báo cáo như sau:",
        "Under {plan} of {date} of the {issuer}, and the duties set by {clauses} of the {kind}, "
        "as of {as_of} the {unit} has not completed or not reported the following:",
    ),
    "remind.passed": (
        "{unit} thực hiện các nội dung trên thay cho {units} (đơn vị đã thôi hoạt động) theo "
        "sắp xếp tổ chức bộ máy.",
        "The {unit} carries out the items above in place of {units} (units that no longer "
        "exist) after the reorganisation.",
    ),
    "remind.request": (
        "Đề nghị {unit} khẩn trương hoàn thành các nội dung trên và gửi báo cáo kết quả về "
        "{sender} trước ngày {reply_by} để tổng hợp, báo cáo {superior}./.",
        "The {unit} is asked to complete the items above and send its report to the {sender} "
        "by {reply_by}, to be compiled for the {superior}./.",
    ),
    "remind.stt": ("STT", "No."),
    "remind.item": ("Nội dung", "Item"),
    "remind.basis": ("Căn cứ", "Basis"),
    "remind.due": ("Hạn", "Due"),
    "remind.days_late": ("Số ngày quá hạn", "Days late"),
    "remind.section.task": ("Nhiệm vụ quá hạn", "Overdue tasks"),
    "remind.section.figure": ("Số liệu chưa gửi", "Figures not received"),
    "remind.section.task_report": ("Báo cáo nhiệm vụ chưa gửi", "Task reports not received"),
    "remind.section.unit_plan": (
        "Kế hoạch triển khai thực hiện của đơn vị chưa gửi",
        "Own implementation plan not received",
    ),
    "remind.instead_of": ("(thay {units})", "(in place of {units})"),
    "remind.for_info": ("- {unit} (để báo cáo);", "- {unit} (for information);"),
    "remind.wrote": (
        "đã ghi {count} công văn đôn đốc vào {path}",
        "wrote {count} reminder {count:letter|letters} to {path}",
    ),
    "remind.none": (
        "không đơn vị nào còn nợ gì tính đến ngày {date}: không ghi công văn nào",
        "no unit owes anything as of {date}: no letter written",
    ),
    "remind.needs_output": (
        "kh284 remind cần thư mục ghi công văn: -o THƯ_MỤC",
        "kh284 remind needs a folder for the letters: -o DIR",
    ),
    "remind.not_folder": (
        "{path} không phải là thư mục",
        "{path} is not a folder",
    ),
    "remind.reply_before": (
        "--reply-by {date} phải sau ngày tính {as_of}",
        "--reply-by {date} must be after the as-of date {as_of}",
    ),
    # -- kh284 changes -------------------------------------------------------------------------
    "changes.title": (
        "Thay đổi từ {before} đến {after}",
        "Changes from {before} to {after}",
    ),
    "changes.side_date": ("ngày {date}", "{date}"),
    "changes.side_rev": ("bản {rev} (ngày {date})", "revision {rev} ({date})"),
    "changes.side_now": ("hiện nay (ngày {date})", "now ({date})"),
    "changes.since": ("Thay đổi so với ngày {date}", "Changes since {date}"),
    "changes.headline": ("Tổng quan", "Headline"),
    "changes.before": ("Trước", "Before"),
    "changes.after": ("Sau", "After"),
    "changes.measure": ("Chỉ số", "Measure"),
    "changes.rate": ("Tỷ lệ hoàn thành nhiệm vụ đã đến hạn", "Completion of tasks already due"),
    "changes.done": ("Nhiệm vụ đã hoàn thành", "Tasks done"),
    "changes.overdue_count": ("Nhiệm vụ quá hạn chưa xong", "Tasks overdue and not done"),
    "changes.unknown": ("Chỉ tiêu chưa đánh giá được", "Targets that cannot be judged"),
    "changes.failing": ("Chỉ tiêu chưa đạt yêu cầu", "Targets falling short"),
    "changes.good": ("Chỉ tiêu đạt hoặc đúng tiến độ", "Targets achieved or on track"),
    "changes.missing_count": ("Báo cáo còn thiếu", "Reports missing"),
    "changes.kind.done": ("Đã hoàn thành ({count})", "Done ({count})"),
    "changes.kind.overdue": ("Trở thành quá hạn ({count})", "Became overdue ({count})"),
    "changes.kind.due": (
        "Hết chờ sự kiện, đã có hạn ({count})",
        "No longer waiting for an event ({count})",
    ),
    "changes.kind.other": ("Thay đổi khác ({count})", "Other changes ({count})"),
    "changes.targets": ("Chỉ tiêu thay đổi ({count})", "Targets that changed ({count})"),
    "changes.tasks": (
        "Nhiệm vụ thay đổi trạng thái ({count})",
        "Tasks whose status changed ({count})",
    ),
    "changes.new_figures": ("Số liệu mới", "New figures"),
    "changes.area_figures": (
        "{year}: {count} số liệu theo địa bàn",
        "{year}: {count} {count:figure|figures} by area",
    ),
    "changes.reported": ("Đơn vị đã gửi báo cáo ({count})", "Units that reported ({count})"),
    "changes.owing": ("Đơn vị còn nợ báo cáo ({count})", "Units still owing ({count})"),
    "changes.items": ("Nội dung", "Items"),
    "changes.nothing": ("Không có thay đổi nào.", "Nothing changed."),
    "changes.none_status": ("—", "—"),
    "changes.summary": (
        "{tasks} nhiệm vụ, {targets} chỉ tiêu thay đổi; {units} đơn vị đã gửi báo cáo",
        "{tasks} {tasks:task|tasks}, {targets} {targets:target|targets} changed; "
        "{units} {units:unit|units} reported",
    ),
    "changes.needs_from": (
        "cần --from NGÀY hoặc --from-rev BẢN",
        "needs --from DATE or --from-rev REV",
    ),
    "changes.from_after_to": (
        "--from {before} phải trước hoặc bằng ngày so sánh sau {after}",
        "--from {before} must be on or before the later date {after}",
    ),
    "changes.both_from": (
        "chỉ dùng một trong --from và --from-rev",
        "use only one of --from and --from-rev",
    ),
    "changes.not_evaluated": (
        "dữ liệu {side} có lỗi nên không đánh giá được; chạy kh284 validate",
        "the data {side} cannot be evaluated: run kh284 validate",
    ),
    # -- git: kh284 changes --from-rev ---------------------------------------------------------
    "git.not_repo": (
        "{path} không nằm trong một kho git: --from-rev cần dữ liệu được lưu trong git",
        "{path} is not in a git repository: --from-rev needs data kept in git",
    ),
    "git.no_git": (
        "không tìm thấy lệnh git: cài git để dùng --from-rev",
        "git not found: install git to use --from-rev",
    ),
    "git.bad_rev": (
        "không có bản '{rev}' trong kho git",
        "no revision '{rev}' in the git repository",
    ),
    "git.no_dir": (
        "bản {rev} không có thư mục {path}",
        "revision {rev} has no folder {path}",
    ),
    "git.failed": ("git không chạy được: {detail}", "git failed: {detail}"),
    "git.timeout": ("git chạy quá {seconds} giây", "git took more than {seconds} seconds"),
    # -- help ----------------------------------------------------------------------------------
    "help.metavar.REV": ("BẢN", "REV"),
    "help.cmd.remind": (
        "Ghi công văn đôn đốc (Word, theo Nghị định 30/2020/NĐ-CP) cho từng đơn vị còn nợ "
        "nhiệm vụ quá hạn, số liệu, báo cáo hoặc kế hoạch của đơn vị, mỗi đơn vị một tệp.",
        "Write a reminder letter (Word, Nghị định 30/2020/NĐ-CP) to each unit that owes overdue "
        "tasks, figures, reports or its own plan, one file per unit.",
    ),
    "help.cmd.changes": (
        "Những gì thay đổi giữa hai ngày (hoặc so với một bản trong git): nhiệm vụ, chỉ tiêu, "
        "báo cáo đã gửi và còn nợ.",
        "What changed between two dates (or since a git revision): tasks, targets, reports "
        "received and still owed.",
    ),
    "help.opt.remind_unit": (
        "Chỉ công văn gửi đơn vị này (mã, tên viết tắt hoặc tên đầy đủ); dùng nhiều lần được.",
        "Only the letter to this unit (id, short name or name); may be repeated.",
    ),
    "help.opt.remind_output": (
        "Thư mục ghi công văn (tạo nếu chưa có); mỗi đơn vị một tệp, tên theo tên viết tắt.",
        "Folder for the letters (created if missing); one file per unit, named by short name.",
    ),
    "help.opt.remind_format": (
        "docx: công văn Word; md: cùng nội dung dạng Markdown (gửi thư điện tử, tin nhắn).",
        "docx: Word letters; md: the same text as Markdown (for e-mail or chat).",
    ),
    "help.opt.reply_by": (
        "Hạn đơn vị trả lời [mặc định: 15 ngày sau ngày tính].",
        "The date to answer by [default: 15 days after the as-of date].",
    ),
    "help.opt.sender": (
        "Đơn vị gửi công văn [mặc định: đơn vị chủ trì nhiều nhiệm vụ phụ lục nhất].",
        "The unit that sends the letters [default: the unit leading most appendix tasks].",
    ),
    "help.opt.from_date": (
        "Ngày so sánh trước (ngày/tháng/năm).",
        "The earlier date (DD/MM/YYYY).",
    ),
    "help.opt.to_date": (
        "Ngày so sánh sau [mặc định: ngày tính --as-of].",
        "The later date [default: the as-of date].",
    ),
    "help.opt.from_rev": (
        "So dữ liệu hiện nay với dữ liệu tại bản git này (ví dụ HEAD~1), cùng ngày tính.",
        "Compare the data now with the data at this git revision (e.g. HEAD~1), same date.",
    ),
    "help.opt.changes_format": (
        "terminal: bảng; json: dữ liệu; markdown: bảng cho bình luận pull request.",
        "terminal: tables; json: data; markdown: tables for a pull-request comment.",
    ),
    "help.opt.since": (
        'Thêm phần "Thay đổi so với ngày …" (html, docx).',
        'Add a section "Changes since …" (html, docx).',
    ),
}
