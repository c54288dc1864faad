"""The ``junit`` format: JUnit XML with one test case per data file, target and task.

A test case fails when it has a finding at or above ``--fail-on``: it then has one
``<failure>`` (what CI servers read; most show only a case's first) whose ``type`` is the
codes, ``message`` the messages and text one ``file:line:col`` line per finding, so a
suite's ``failures`` is the number of its failed cases, as in every JUnit report.
Findings below the threshold go to the case's ``system-out``.  Every suite says
``tests``, ``failures`` and ``errors`` (always 0: a finding is a failure, and a run that
cannot check is exit 2 with no report), as junit-10.xsd, which Jenkins and pytest
follow, requires.  Every name and text goes through ``printable``, so no character XML 1.0
forbids (a control character in a file name or a value) can make the document ill-formed.
The document is UTF-8, as its declaration says, whatever the locale (``Format.machine``).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable

from kh284.diagnostics import FAIL_ON, Diagnostic
from kh284.diagnostics.catalogue import printable
from kh284.render.view import View


def render(view: View) -> str:
    """The view as a JUnit XML document."""
    root = ET.Element("testsuites", name=f"kh284 {view.command}")
    by_file: dict[str, list[Diagnostic]] = {}
    for diag in view.diagnostics:
        if diag.about not in ("target", "task"):
            by_file.setdefault(diag.location.file, []).append(diag)
    files = sorted({*view.outcome.dataset.documents, *by_file})
    _suite(root, view, "files", [(view.path(f), by_file.get(f, [])) for f in files])
    if view.show_targets:
        cases = [
            (r.target.id, _about(view.diagnostics, "target", r.target.id))
            for r in view.outcome.targets
        ]
        _suite(root, view, "targets", cases)
    if view.show_tasks:
        cases = [
            (r.label, _about(view.diagnostics, "task", r.task.id, r.deliverable.label))
            for r in view.tasks
        ]
        _suite(root, view, "tasks", cases)
    for count in ("tests", "failures", "errors"):
        root.set(count, str(sum(int(s.get(count, "0")) for s in root)))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def _about(
    diags: Iterable[Diagnostic], kind: str, item: str, part: str | None = None
) -> list[Diagnostic]:
    """The findings whose subject is ``item`` (and, for a task, the deliverable ``part``).

    A task finding about the task as a whole (no deliverable) belongs to each of its rows.
    """
    return [
        d
        for d in diags
        if d.subject is not None
        and d.subject.kind == kind
        and d.subject.id == item
        and (part is None or not d.subject.part or d.subject.part == part)
    ]


def _suite(
    root: ET.Element, view: View, name: str, cases: list[tuple[str, list[Diagnostic]]]
) -> None:
    threshold = FAIL_ON[view.fail_on]
    suite = ET.SubElement(
        root, "testsuite", name=f"kh284.{name}", tests=str(len(cases)), failures="0", errors="0"
    )
    failures = 0
    for case_name, diags in cases:
        case = ET.SubElement(
            suite, "testcase", classname=f"kh284.{name}", name=printable(case_name)
        )
        failing = [d for d in diags if threshold is not None and d.severity >= threshold]
        others = [d for d in diags if d not in failing]
        if failing:
            failure = ET.SubElement(
                case,
                "failure",
                type=" ".join(dict.fromkeys(d.code for d in failing)),
                message=printable("; ".join(d.message(view.lang) for d in failing)),
            )
            failure.text = "\n".join(_line(view, d) for d in failing)
            failures += 1
        if others:
            out = ET.SubElement(case, "system-out")
            out.text = "\n".join(_line(view, d) for d in others)
    suite.set("failures", str(failures))


def _line(view: View, diag: Diagnostic) -> str:
    loc = diag.location
    where = view.path(loc.file) + (f":{loc.line}:{loc.column or 1}" if loc.line else "")
    return printable(f"{where}: {diag.severity.label} {diag.code} {diag.message(view.lang)}")
