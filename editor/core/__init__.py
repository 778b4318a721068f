"""The domain in pure Python: report types, identifiers, rich-text rules. No Qt, no SQL."""
