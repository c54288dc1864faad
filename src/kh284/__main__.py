"""Entry point for ``python -m kh284``."""

from kh284.cli import main

main()
