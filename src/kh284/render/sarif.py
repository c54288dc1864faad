"""The ``sarif`` format: SARIF 2.1.0, rule ids = diagnostic codes, physical locations.

Waived findings are included with an external suppression carrying the waiver's reason,
so code-scanning tools show them as accepted rather than dropping them.  Messages, paths
and reasons are shown through ``printable``, like everywhere else.
"""

from __future__ import annotations

from typing import Any

from kh284 import __version__
from kh284.diagnostics import Diagnostic, Severity
from kh284.diagnostics import catalogue as messages
from kh284.diagnostics.catalogue import printable
from kh284.render.plain import dumps
from kh284.render.view import View

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render(view: View) -> str:
    """The view as a SARIF log."""
    codes = sorted(messages.CATALOGUE)
    rules = [
        {
            "id": code,
            "name": messages.CATALOGUE[code].title,
            "shortDescription": {"text": messages.CATALOGUE[code].title},
            "fullDescription": {"text": messages.template(code, "en")},
            "defaultConfiguration": {"level": _level(messages.CATALOGUE[code].severity)},
        }
        for code in codes
    ]
    index = {code: i for i, code in enumerate(codes)}
    results = [_result(view, d, index) for d in view.diagnostics]
    for diag, waiver in view.waived:
        result = _result(view, diag, index)
        result["suppressions"] = [
            {
                "kind": "external",
                "justification": printable(f"{waiver.reason} ({waiver.accepted_by})"),
            }
        ]
        results.append(result)
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "kh284",
                        "version": __version__,
                        "informationUri": "https://example.invalid/kh284",
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return dumps(log) + "\n"


def _level(severity: str) -> str:
    return {"error": "error", "warning": "warning", "info": "note"}[severity]


def _result(view: View, diag: Diagnostic, index: dict[str, int]) -> dict[str, Any]:
    loc = diag.location
    region = {"startLine": loc.line or 1, "startColumn": loc.column or 1}
    return {
        "ruleId": diag.code,
        "ruleIndex": index[diag.code],
        "level": LEVELS[diag.severity],
        "message": {"text": diag.message(view.lang)},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": view.path(loc.file)},
                    "region": region,
                }
            }
        ],
    }
