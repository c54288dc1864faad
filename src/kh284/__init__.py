"""kh284: a compliance checker for a provincial plan implementing Kết luận 91-KL/TW.

The package is a pipeline: ``loader`` reads YAML with a source map, ``validation`` turns
documents into typed models and diagnostics, ``evaluation`` judges targets and tasks as of
a date, and ``render`` prints the result.  Nothing about one particular plan lives in the
code: every id, unit, year and number comes from the data directory.
"""

__version__ = "0.1.0"
