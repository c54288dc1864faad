"""Stage 2, validate: documents into typed models, checked within and across files.

- ``models``: pydantic models, one module per kind of data file.
- ``schema_errors``: pydantic's errors as diagnostics at their line and column.
- ``json_schema``: the JSON Schemas generated from the models (``kh284 schema``).
- ``dataset``: every file the registry names, loaded and schema-checked.
- ``index``: lookups across files (units and their successors, targets, tasks, events).
- ``checks``: the rules across files: references, the plan's own text, progress reports.
- ``deadlines``: the deadline kinds and the deliverables they create.
- ``waivers``: waivers applied to the findings; ``--select`` and ``--ignore``.
- ``dates``, ``names``: dates as people write them; names matched with or without
  diacritics.
"""
