"""Stage 1, load: files into documents, with positions, within limits.

- ``registry``: the kinds of data file (name or folder, model, schema, required or not).
- ``files``: which files of a data directory may be read (confinement, limits, listing).
- ``exact``: the exact YAML loader (ruamel events), with a source map of every value.
- ``fast``: the libyaml fast path for files that need no positions.
- ``reading``: the cache first, then fast, then exact; worker processes for many files.
- ``cache``: the cache of parsed files, keyed on their bytes and kh284's code, in a folder
  only the user may write; ``codec``: its entries as JSON data (never code).
"""
