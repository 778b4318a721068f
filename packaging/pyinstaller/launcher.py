"""Entry point of the frozen Trendmark build: the same command line as the installed ``trendmark``."""

from __future__ import annotations

import sys

from editor.cli import main

if __name__ == "__main__":
    sys.exit(main())
