"""Trendmark: an outline and annotation editor for long research reports."""

__version__ = "0.1.0"
