"""Development helpers that are not part of the shipped package."""
