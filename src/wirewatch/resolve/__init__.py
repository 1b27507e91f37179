"""Resolve stage: actor codes, places and dates pinned to reference data."""
