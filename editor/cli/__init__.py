"""The ``trendmark`` command line: argument parsing (main.py) and one handler per sub-command (handlers.py)."""

from editor.cli.main import gui_main, main

__all__ = ["gui_main", "main"]
