"""kh284: a compliance checker for a provincial plan implementing Kết luận 91-KL/TW.

The package is a pipeline, one package per stage (docs/ARCHITECTURE.md): ``load`` reads the
files the registry names, ``validate`` turns documents into typed models and diagnostics,
``evaluate`` judges targets and tasks as of a date, ``diagnostics`` is what is said about
the data (the codes, severities, exit codes), and ``render`` (with ``reports``) writes the
result; ``pipeline`` is where they meet and ``cli`` is the command line.  Nothing about
one particular plan lives in the code: every id, unit, year and number comes from the data
directory.
"""

__version__ = "0.1.0"
