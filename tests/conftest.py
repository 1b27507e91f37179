"""Shared fixtures: one pipeline per test session (loading spaCy and the data files takes a second)."""

from __future__ import annotations

from pathlib import Path

import pytest

from wirewatch.analysis import Analysis
from wirewatch.model import Article
from wirewatch.pipeline import Pipeline

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"

# corpus store fixtures (db_url: SQLite, and PostgreSQL when $WIREWATCH_TEST_PG_URL is set)
pytest_plugins = ("corpus_fixtures",)


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.fixture(scope="session")
def analyse(pipeline: Pipeline):
    def run(text: str, published: str | None = "2024-05-10") -> Analysis:
        return pipeline.analyse(Article(text=text, published=published))

    return run
