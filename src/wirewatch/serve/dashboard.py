"""The dashboard (filled in by the dashboard work)."""

from __future__ import annotations

from fastapi import FastAPI


def install_dashboard(app: FastAPI) -> None:
    """Filled in by the dashboard."""
