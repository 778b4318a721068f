"""Bundled resources (icons, style sheets, translations, the sample report), read via importlib.resources."""
