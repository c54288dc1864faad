"""What the command line says about itself (issue 22): units, statuses, files, folders.

``kh284 units``' headers, the words of ``--status``, an operating system's error said in
the vocabulary's words (``os_error``), why a summary exits 1, the data directory that is a
sub-folder of one, the years ``template`` accepts.
"""

from __future__ import annotations

import errno

# -- issue 22: the command line, Vietnamese first -------------------------------------------
WORDS: dict[str, tuple[str, str]] = {
    "help.cmd.units": (
        "Liệt kê các đơn vị: tên, tên viết tắt, loại, thời gian tồn tại, đơn vị kế thừa.",
        "List the units: name, short name, kind, from and until, successors.",
    ),
    "help.opt.units_format": ("Định dạng: terminal hoặc json.", "Format: terminal or json."),
    "help.opt.units_as_of": (
        "Chỉ các đơn vị tồn tại ngày này (DD/MM/YYYY hoặc YYYY-MM-DD) [mặc định: mọi đơn vị].",
        "Only the units that exist on this day (DD/MM/YYYY or YYYY-MM-DD) [default: all].",
    ),
    "units.id": ("Mã", "Id"),
    "units.unit": ("Đơn vị", "Unit"),
    "units.short": ("Tên viết tắt", "Short name"),
    "units.kind": ("Loại", "Kind"),
    "units.from": ("Từ ngày", "From"),
    "units.until": ("Đến ngày", "Until"),
    "units.successors": ("Đơn vị kế thừa", "Successors"),
    "units.kind.agency": ("cơ quan", "agency"),
    "units.kind.area": ("địa bàn", "area"),
    "units.kind.group": ("nhóm đơn vị", "group"),
    "units.as_of": (
        "Các đơn vị tồn tại ngày {date}: {count}",
        "Units existing on {date}: {count}",
    ),
    "units.all": ("Mọi đơn vị trong dữ liệu: {count}", "Every unit in the data: {count}"),
    "units.none": ("Không có đơn vị nào", "No units"),
    "cli.unit_hint": (" — có phải là {names}?", " — did you mean {names}?"),
    "cli.unit_list": (" (xem danh sách: kh284 units)", " (see the list: kh284 units)"),
    "cli.status_ambiguous": (
        "'{value}' ứng với nhiều tình trạng: {choices}",
        "'{value}' matches several statuses: {choices}",
    ),
    "help.opt.status": (
        "Chỉ các tình trạng này (dùng nhiều lần, hoặc a,b; có dấu hoặc không): {statuses}.",
        "Only these statuses (repeatable, or a,b): {statuses}.",
    ),
    "cli.period_outside": (
        "năm {period} nằm ngoài kế hoạch: chỉ nhận các năm {first}–{last}",
        "{period} is outside the plan: only the years {first}–{last}",
    ),
    "cli.data_subfolder": (
        "{path} là một thư mục con của thư mục dữ liệu; dùng --data-dir {parent}",
        "{path} is a sub-folder of a data directory; use --data-dir {parent}",
    ),
    "cli.missing_why": (
        "{count} đơn vị còn nợ báo cáo ({items} mục)",
        "{count} {count:unit owes|units owe} reports ({items} {items:item|items})",
    ),
    "cli.overdue_why": (
        "{count} nhiệm vụ quá hạn",
        "{count} overdue {count:task|tasks}",
    ),
    "targets.scope_count": (
        "{level} thuộc {area}: {comparator} {value}",
        "{level} in {area}: {comparator} {value}",
    ),
    "targets.level.province": ("tỉnh", "province"),
    "targets.level.district": ("huyện", "district"),
    "targets.level.commune": ("xã", "commune"),
    "os.ENOENT": ("không có tệp hoặc thư mục này", "No such file or directory"),
    "os.EACCES": ("không có quyền truy cập", "Permission denied"),
    "os.EPERM": ("không được phép", "Operation not permitted"),
    "os.EISDIR": ("là một thư mục, không phải tệp", "Is a directory"),
    "os.ENOTDIR": (
        "một phần của đường dẫn không phải thư mục",
        "Not a directory",
    ),
    "os.ENOSPC": ("ổ đĩa đã đầy", "No space left on device"),
    "os.EROFS": ("ổ đĩa chỉ đọc", "Read-only file system"),
    "os.EEXIST": ("đã tồn tại", "File exists"),
    "os.ENAMETOOLONG": ("tên quá dài", "File name too long"),
    "os.ELOOP": ("quá nhiều liên kết tượng trưng lồng nhau", "Too many levels of symbolic links"),
    "os.EIO": ("lỗi đọc ghi thiết bị", "Input/output error"),
    "os.other": ("lỗi hệ điều hành (mã {code})", "Operating system error ({code})"),
}

#: The ``errno`` names the vocabulary says in words (``os.<NAME>``).
KNOWN_ERRNOS = {
    getattr(errno, key[3:]): key[3:]
    for key in WORDS
    if key.startswith("os.E") and hasattr(errno, key[3:])
}


def os_reason(exc: OSError) -> str:
    """Why the operating system refused, as a vocabulary key (``os.ENOENT``).

    An error the vocabulary does not name is ``os.other.<ENAME>``; one with no number, its
    own words (``said_os`` shows it as it is).
    """
    number = exc.errno
    if number in KNOWN_ERRNOS:
        return f"os.{KNOWN_ERRNOS[number]}"
    if isinstance(number, int) and number in errno.errorcode:
        return f"os.other.{errno.errorcode[number]}"
    return exc.strerror or type(exc).__name__


#: Vietnamese words of more than one syllable that the vocabulary's table headers and
#: short phrases use: a terminal table breaks a phrase of the vocabulary only between
#: words (``word_units``), never inside one ("Trạng / thái", "Chờ sự / kiện").
COMPOUNDS = frozenset(
    {
        "báo cáo", "gần nhất", "chỉ tiêu", "chủ trì", "căn cứ", "dự báo", "giá trị",
        "đơn vị", "kế hoạch", "mới nhất", "mục tiêu", "nhiệm vụ", "năm gốc", "nội dung",
        "phạm vi", "số liệu", "số ngày", "quá hạn", "tiến độ", "trạng thái", "tình trạng",
        "viết tắt", "tình hình", "tỷ số", "văn bản", "cơ quan", "đúng hạn", "kế thừa",
        "địa bàn", "hoàn thành", "thực hiện", "trong hạn", "đến hạn", "sự kiện",
        "thường xuyên", "đẩy nhanh", "chững lại", "đi lùi", "duy trì", "cách hiểu",
        "đánh giá", "phải gửi", "chưa gửi", "nộp muộn", "còn thiếu", "điều khoản",
        "lãnh đạo", "phối hợp", "thời hạn", "hạn chót", "tệp tin", "dữ liệu", "tên gọi",
        "chưa có", "chưa đủ", "đang thực hiện", "chưa thực hiện", "chưa đến hạn",
        "chờ sự kiện", "chưa báo cáo", "đã báo cáo", "không đạt", "đã đạt",
    }
)  # fmt: skip
#: A phrase of at most this many syllables is never broken (``Ngày báo cáo``).
WHOLE_SYLLABLES = 3


def word_units(phrase: str) -> list[str]:
    """``phrase`` (the vocabulary's, one space between syllables) as its words, in order.

    ``Số ngày quá hạn`` is ``[Số ngày, quá hạn]``; a Vietnamese phrase of up to
    ``WHOLE_SYLLABLES`` syllables is one unit.  English (all ASCII) is its words as written.
    """
    syllables = phrase.split(" ")
    if phrase.isascii():
        return syllables
    if len(syllables) <= WHOLE_SYLLABLES:
        return [phrase]
    units: list[str] = []
    at = 0
    while at < len(syllables):
        for size in (3, 2, 1):  # the longest word of the lexicon that starts here
            unit = " ".join(syllables[at : at + size])
            if size == 1 or (
                at + size <= len(syllables) and unit.lower().strip("()[],;:.") in COMPOUNDS
            ):
                units.append(unit)
                at += size
                break
    return units
