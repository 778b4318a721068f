"""python -m editor — same as the trendmark command."""

from editor.cli import main

raise SystemExit(main())
