"""Ingest: turn files into :class:`~wirewatch.model.Article` objects, rejecting what is not text.

One module per format (``text``, ``jsonl``, ``html``, ``feed``); :func:`read_inputs` walks files and
folders and picks the reader by extension, or by sniffing the first bytes.
"""

from .base import Skipped
from .sources import detect_format, iter_files, read_file, read_inputs
from .text import read_article, read_text, read_text_file, split_header, validate_date

__all__ = ["Skipped", "detect_format", "iter_files", "read_article", "read_file", "read_inputs", "read_text",
           "read_text_file", "split_header", "validate_date"]
