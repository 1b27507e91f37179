"""Ingest: turn files into :class:`~wirewatch.model.Article` objects, rejecting what is not text."""

from .text import read_article, read_text, validate_date

__all__ = ["read_article", "read_text", "validate_date"]
