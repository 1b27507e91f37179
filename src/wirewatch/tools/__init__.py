"""Developer tools that check the code base itself (``python -m wirewatch.tools.layers``)."""
