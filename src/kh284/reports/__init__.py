"""Reports people look at: an HTML dashboard, Excel in and out, a Word draft.

One module per output: ``content`` builds the evaluation every report is made from (the
same one ``kh284 check`` prints), ``charts`` draws one chart per target with matplotlib,
``html`` writes the offline dashboard, ``xlsx_export`` the status workbook,
``template`` the per-unit Excel template and ``importer`` reads it back filled in (both on
the layout of ``template_layout``; ``filled_template`` tells the findings by cell),
``xlsx_guard`` checks an .xlsx before it is opened, ``docx_report`` writes the Word draft,
and ``run`` is the core of the ``report``, ``template`` and ``import`` commands.

The plotting, Excel and Word libraries are the optional extra ``kh284[reports]``; they
are imported only inside the functions that use them, so ``kh284 check`` never loads
them.  ``require`` says which package is missing, in the user's language.
"""

from __future__ import annotations

from importlib import import_module


def install_command() -> str:
    """The command that installs the extra into this installation's Python.

    From a clone (a local or editable install, PEP 610's ``direct_url.json``) the extra is
    installed from that folder; ``pip install 'kh284[reports]'`` would look on PyPI.
    Double quotes work in the Windows command prompt, PowerShell and POSIX shells alike.
    """
    import json
    import sys
    from importlib.metadata import PackageNotFoundError, distribution
    from urllib.parse import unquote, urlparse
    from urllib.request import url2pathname

    target = "kh284[reports]"
    editable = ""
    try:
        found = distribution("kh284").read_text("direct_url.json")
        origin = json.loads(found) if found else {}
    except (PackageNotFoundError, ValueError):
        origin = {}
    url = origin.get("url", "") if isinstance(origin, dict) else ""
    if url.startswith("file:"):
        folder = url2pathname(unquote(urlparse(url).path))
        target = f"{folder}[reports]"
        if origin.get("dir_info", {}).get("editable"):
            editable = "-e "
    return f'"{sys.executable}" -m pip install {editable}"{target}"'


#: Import name → distribution name of every library of the extra.
PACKAGES = {"matplotlib": "matplotlib", "openpyxl": "openpyxl", "docx": "python-docx"}

#: The libraries each output needs.
NEEDS = {
    "html": ("matplotlib",),
    "xlsx": ("openpyxl",),
    "docx": ("docx", "matplotlib"),
    "template": ("openpyxl",),
    "import": ("openpyxl",),
    "remind": ("docx",),
}


class MissingExtra(Exception):
    """A library of the ``reports`` extra is not installed (exit code 2)."""

    def __init__(self, packages: list[str]) -> None:
        super().__init__(", ".join(packages))
        self.packages = packages

    def message(self, lang: str) -> str:
        """What to install, in ``lang``."""
        from kh284.i18n import word

        install = install_command()
        return word("common.missing_extra", lang, names=", ".join(self.packages), install=install)


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
