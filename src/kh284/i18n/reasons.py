"""The reasons of target verdicts, in Vietnamese and English: one sentence per key.

``evaluate.targets`` decides and names its reason by key with raw arguments (years,
figures, areas); these templates say it.  A placeholder's format spec says how the
vocabulary writes the argument (see ``kh284.i18n.say``): ``fig`` a figure the ``lang`` way
(``fig1``, ``fig2`` with that many decimals), ``goal`` a goal's figure or range, ``years``
failing years with their figures, ``list`` names separated by commas, ``and`` a list as a
sentence writes it (``2025 và 2026``); ``one|many`` chooses a word by how many items (or
what number) the argument holds, ``msg`` another reason said in the same language,
``drops`` where a figure fell (``huyện Ba Bể: 3 (2025) → 1 (2026)``).
"""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    "reason.nothing_reported": ("chưa có số liệu", "nothing reported"),
    "reason.not_maintained": (
        "không đạt {goal:goal} trong năm {failing:years}",
        "below {goal:goal} in {failing:years}",
    ),
    "reason.years_missing": (
        "thiếu số liệu năm {missing:and}; {reported} năm có số liệu",
        "no figure for {missing:and}; {reported} {reported:year|years} reported",
    ),
    "reason.stale_verdict": (
        "{verdict:msg}; năm {due:and} chưa báo cáo",
        "{verdict:msg}; {due:and} not reported",
    ),
    "reason.decreased": (
        "mức đã đạt bị giảm: {drops:drops}",
        "a level already reached fell: {drops:drops}",
    ),
    "reason.both": ("{first:msg}; {second:msg}", "{first:msg}; {second:msg}"),
    "reason.maintained": (
        "đạt mọi năm từ {since} ({years} năm có số liệu)",
        "met in every reported year since {since} ({years} {years:year|years})",
    ),
    "reason.nothing_since": ("chưa có số liệu từ năm {since}", "no figure since {since}"),
    "reason.achieved": (
        "năm {year}: {value:fig} so với mục tiêu {goal:goal}",
        "{value:fig} in {year} against {goal:goal}",
    ),
    "reason.missed": (
        "hết năm {due_year}, mới đạt {value:fig} ({year}), cần {goal:goal}",
        "{due_year} is over at {value:fig} ({year}), needed {goal:goal}",
    ),
    "reason.one_point": (
        "chỉ có một số liệu ({year}: {value:fig}); cần hai để tính xu hướng",
        "only one point ({year}: {value:fig}); a trend needs two",
    ),
    "reason.trend": (
        "{base_year}: {base:fig} → {year}: {value:fig}; dự báo {due_year}: "
        "{projected:fig1} (mục tiêu {goal:goal}); tỷ số {ratio:fig2}",
        "{base_year}: {base:fig} → {year}: {value:fig}; projected {due_year}: "
        "{projected:fig1} (target {goal:goal}); ratio {ratio:fig2}",
    ),
    "reason.areas_missing": (
        "năm {year}: {counted:fig}/{areas} địa bàn đạt, thiếu số liệu của {missing:list}",
        "{year}: {counted:fig} of {areas} areas meet the level; no figure for {missing:list}",
    ),
}
