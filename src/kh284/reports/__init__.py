"""Reports people look at: an HTML dashboard, Excel in and out, a Word draft.

One module per output: ``content`` builds the evaluation every report is made from (the
same one ``kh284 check`` prints), ``charts`` draws one chart per target with matplotlib,
``html`` writes the offline dashboard, ``xlsx_export`` the status workbook,
``workbook`` the per-unit template and its import, ``docx_report`` the Word draft, and
``run`` is the core of the ``report``, ``template`` and ``import`` commands.

The plotting, Excel and Word libraries are the optional extra ``kh284[reports]``; they
are imported only inside the functions that use them, so ``kh284 check`` never loads
them.  ``require`` says which package is missing, in the user's language.
"""

from __future__ import annotations

from importlib import import_module

#: The command that installs the extra.
INSTALL = "pip install 'kh284[reports]'"

#: Import name → distribution name of every library of the extra.
PACKAGES = {"matplotlib": "matplotlib", "openpyxl": "openpyxl", "docx": "python-docx"}

#: The libraries each output needs.
NEEDS = {
    "html": ("matplotlib",),
    "xlsx": ("openpyxl",),
    "docx": ("docx", "matplotlib"),
    "template": ("openpyxl",),
    "import": ("openpyxl",),
}


class MissingExtra(Exception):
    """A library of the ``reports`` extra is not installed (exit code 2)."""

    def __init__(self, packages: list[str]) -> None:
        super().__init__(", ".join(packages))
        self.packages = packages

    def message(self, lang: str) -> str:
        """What to install, in ``lang``."""
        from kh284.i18n import word

        return word("common.missing_extra", lang, names=", ".join(self.packages), install=INSTALL)


def require(output: str) -> None:
    """Raise ``MissingExtra`` unless every library ``output`` needs can be imported."""
    missing = []
    for module in NEEDS[output]:
        try:
            import_module(module)
        except ImportError:
            missing.append(PACKAGES[module])
    if missing:
        raise MissingExtra(missing)
