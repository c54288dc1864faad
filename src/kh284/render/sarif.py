"""The ``sarif`` format: SARIF 2.1.0, rule ids = diagnostic codes, physical locations.

Written to pass Microsoft's SARIF multitool with the GitHub rules (``validate --rule-kind
"Sarif;Ghas"``), which is what GitHub code scanning and the SARIF viewers read:

- every rule has a ``help`` text (what the code means, its family and default severity,
  how to select, ignore or waive it, and where it is documented: ``docs/CODES.md#<code>``)
  and a ``fullDescription`` whose arguments are ``…`` (never an unfilled ``{name}``);
- ``helpUri`` and ``informationUri`` are given only when the installed kh284 names real
  pages (``[project.urls]`` in pyproject.toml: ``Codes`` for the page of docs/CODES.md,
  ``Homepage``); a placeholder address is worse than none;
- ``artifactLocation.uri`` is a URI reference (RFC 3986): a relative path percent-encoded
  (a space, ``#``, ``%``, ``?``, a Vietnamese letter, a byte of a name that was not UTF-8),
  a ``file:`` URI for an absolute one;
- each result has ``partialFingerprints["kh284/v1"]`` (``fingerprint``), the same from one
  run to the next and when lines move, so that an alert keeps its identity.

Rule texts and messages are in the language asked for.  Waived findings are included with
an external suppression carrying the waiver's reason, so code-scanning tools show them as
accepted rather than dropping them.  Messages and reasons are shown through
``printable``, like everywhere else.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from typing import Any
from urllib.parse import quote

from kh284 import __version__
from kh284.diagnostics import Diagnostic, Severity
from kh284.diagnostics import catalogue as messages
from kh284.diagnostics.catalogue import printable
from kh284.i18n import word
from kh284.render.plain import dumps
from kh284.render.view import View

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
#: Where the codes are documented, in the source tree; a code's section is ``anchor(code)``.
CODES_PAGE = "docs/CODES.md"
#: The key of kh284's own fingerprint in ``partialFingerprints``.
FINGERPRINT = "kh284/v1"
#: A template's argument, shown in a rule's description as ``…``.
_ARGUMENT = re.compile(r"\{\w+\}")
#: A message argument that moves with the lines or the date: a number, a date, a position.
_MOVING = re.compile(r"-?\d+(?:[.,]\d+)?|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4}|.*:\d+(?::\d+)?")


def anchor(code: str) -> str:
    """The id of ``code``'s row in docs/CODES.md (``tools/docs.py`` writes it there)."""
    return code.lower()


def render(view: View) -> str:
    """The view as a SARIF log."""
    codes = sorted(messages.CATALOGUE)
    pages = project_pages()
    rules = [_rule(code, view.lang, pages.get("codes")) for code in codes]
    index = {code: i for i, code in enumerate(codes)}
    seen: dict[str, int] = {}
    results = [_result(view, d, index, seen) for d in view.diagnostics]
    for diag, waiver in view.waived:
        result = _result(view, diag, index, seen)
        result["suppressions"] = [
            {
                "kind": "external",
                "justification": printable(f"{waiver.reason} ({waiver.accepted_by})"),
            }
        ]
        results.append(result)
    driver: dict[str, Any] = {"name": "kh284", "version": __version__}
    if "homepage" in pages:
        driver["informationUri"] = pages["homepage"]
    driver["rules"] = rules
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return dumps(log) + "\n"


def project_pages() -> dict[str, str]:
    """The installed kh284's ``Project-URL``s that are absolute http(s) addresses, by label.

    Labels are lower-cased: ``codes`` (the page of docs/CODES.md), ``homepage``.  Empty when
    kh284 is not installed or names none (as now: it has no public home yet).
    """
    from importlib import metadata

    try:
        found = metadata.metadata("kh284").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return {}
    pages = {}
    for entry in found:
        label, _, url = (part.strip() for part in entry.partition(","))
        if re.fullmatch(r"https?://[^\s/]+\.[^\s/]+(?:/\S*)?", url):
            pages[label.lower()] = url
    return pages


def description(code: str, lang: str) -> str:
    """The message of ``code`` with ``…`` for each argument: what a rule list shows."""
    return _ARGUMENT.sub("…", messages.template(code, lang))


def _rule(code: str, lang: str, codes_page: str | None) -> dict[str, Any]:
    entry = messages.CATALOGUE[code]
    text = description(code, lang)
    help_text = word(
        "sarif.help",
        lang,
        code=code,
        description=text,
        family=word(f"help.family.{code[0]}", lang),
        severity=entry.severity,
        page=f"{CODES_PAGE}#{anchor(code)}",
    )
    rule: dict[str, Any] = {
        "id": code,
        "name": entry.title,
        "shortDescription": {"text": entry.title},
        "fullDescription": {"text": text},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": _level(entry.severity)},
    }
    if codes_page is not None:
        rule["helpUri"] = f"{codes_page.split('#', 1)[0]}#{anchor(code)}"
    return rule


def _level(severity: str) -> str:
    return {"error": "error", "warning": "warning", "info": "note"}[severity]


def uri(view: View, file: str) -> str:
    """``file`` (relative to the data directory) as a URI reference (RFC 3986).

    The path ``View.path`` shows, percent-encoded byte by byte (UTF-8, and a name's bytes
    that were not UTF-8 as they were): relative when it is, else a ``file:`` URI.
    """
    shown = view.unescaped_path(file)
    if os.sep == "\\":
        shown = shown.replace("\\", "/")
    drive = re.match(r"[A-Za-z]:/", shown)
    if drive:  # C:/data/plan.yaml
        return "file:///" + shown[:2] + _encode(shown[2:])
    if shown.startswith("//"):  # a network share: //server/share/plan.yaml
        return "file:" + _encode(shown)
    if shown.startswith("/"):
        return "file://" + _encode(shown)
    return _encode(shown)


#: What a URI's path may hold as it is (RFC 3986 ``pchar``, less ``:``, which would make a
#: relative path's first segment a scheme).
_PATH_SAFE = "/@!$&'()*+,;="


def _encode(path: str) -> str:
    return quote(path.encode("utf-8", "surrogateescape"), safe=_PATH_SAFE)


def fingerprint(diag: Diagnostic, path: str) -> str:
    """What identifies a finding from one run to the next, as a hash (hexadecimal).

    The code, the file (``path``, as the log names it), what the finding is about (a target,
    a task and its deliverable) and the message's arguments, less those that move with the
    lines or the date (numbers, dates, ``file:line`` positions): a finding keeps its
    fingerprint when lines are added above it or another day is checked.
    """
    subject = diag.subject
    parts = [diag.code, path]
    parts += [] if subject is None else [subject.kind, subject.id, subject.part]
    parts += [f"{k}={v}" for k, v in diag.args if not _MOVING.fullmatch(v.strip())]
    text = unicodedata.normalize("NFC", "\x00".join(parts))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _result(
    view: View, diag: Diagnostic, index: dict[str, int], seen: dict[str, int]
) -> dict[str, Any]:
    loc = diag.location
    region = {"startLine": loc.line or 1, "startColumn": loc.column or 1}
    artifact = uri(view, loc.file)
    key = fingerprint(diag, artifact)
    # findings alike in all that identifies them are told apart by their order
    seen[key] = seen.get(key, 0) + 1
    return {
        "ruleId": diag.code,
        "ruleIndex": index[diag.code],
        "level": LEVELS[diag.severity],
        "message": {"text": diag.message(view.lang)},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": artifact},
                    "region": region,
                }
            }
        ],
        "partialFingerprints": {FINGERPRINT: f"{key}:{seen[key]}"},
    }
