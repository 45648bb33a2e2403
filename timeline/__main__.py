"""``python -m timeline``."""

from .cli import main

main()
