"""The extraction pipeline: an ordered list of registered components run over one :class:`Analysis`.

As in spaCy, components are made by factories registered by name (:mod:`wirewatch.registry`), and the order is
configuration (``Settings.pipeline``), not code. The pipeline builds one :class:`~wirewatch.kb.KnowledgeBase`,
checks that each component's requirements come before it, and calls each factory with the knowledge base and
the component's config; a component takes the Analysis and adds its part of the document.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator

from .analysis import Analysis
from .config import Settings
from .errors import ConfigError, InputError
from .kb import KnowledgeBase
from .model import Article, Document
from .nlp import load_nlp
from .registry import Component, Factory, check_order, registered


class Pipeline:
    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings.load()
        available = registered(self.settings.plugins)
        check_order(self.settings.pipeline, available)
        unused = sorted({n for n, _ in self.settings.components} - set(available))
        if unused:
            raise ConfigError(f"config for unknown component(s): {', '.join(unused)}")
        self.kb = KnowledgeBase()
        self.components = [(n, self._make(available[n])) for n in self.settings.pipeline]
        self.nlp = load_nlp(self.settings.spacy_model, self.settings.spacy_disable)
        # seconds spent per stage, summed over every article this pipeline has seen
        self.timings: dict[str, float] = {"nlp": 0.0, **{n: 0.0 for n, _ in self.components}}

    def _make(self, f: Factory) -> Component:
        config = {**f.default_config, **self.settings.component_config(f.name)}
        unknown = sorted(set(config) - set(f.default_config))
        if unknown:
            raise ConfigError(f"component {f.name!r} has no setting(s) {', '.join(unknown)}; "
                              f"known: {', '.join(sorted(f.default_config)) or 'none'}")
        for key, value in config.items():
            # a setting takes its default's type: "filter = 'no'" would otherwise read as true
            want = type(f.default_config[key])
            if not isinstance(value, want) or isinstance(value, bool) != (want is bool):
                raise ConfigError(f"component {f.name!r}: setting {key} = {value!r} must be a {want.__name__}")
        return f.make(self.kb, config)

    def check_length(self, article: Article) -> None:
        if len(article.text) > self.settings.max_chars:
            raise InputError(f"{article.origin or 'article'}: {len(article.text):,} characters, more than the "
                             f"{self.settings.max_chars:,} the parser takes (setting max_chars)")

    def analyse(self, article: Article) -> Analysis:
        self.check_length(article)
        t0 = time.perf_counter()
        doc = self.nlp(article.text)
        self.timings["nlp"] += time.perf_counter() - t0
        return self._run(article, doc)

    def _run(self, article: Article, doc: object) -> Analysis:
        analysis = Analysis(article=article, doc=doc)  # type: ignore[arg-type]
        for name, fn in self.components:
            t0 = time.perf_counter()
            fn(analysis)
            self.timings[name] += time.perf_counter() - t0
        return analysis

    def __call__(self, article: Article) -> Document:
        return self.analyse(article).document()

    def pipe(self, articles: Iterable[Article], batch_size: int = 32) -> Iterator[Document]:
        """Documents for many articles, parsing in spaCy batches (faster than one by one)."""
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= batch_size:
                yield from self._batch(batch)
                batch = []
        if batch:
            yield from self._batch(batch)

    def _batch(self, batch: list[Article]) -> Iterator[Document]:
        for article in batch:
            self.check_length(article)
        t0 = time.perf_counter()
        docs = list(self.nlp.pipe(a.text for a in batch))
        self.timings["nlp"] += time.perf_counter() - t0
        for article, doc in zip(batch, docs, strict=True):
            yield self._run(article, doc).document()
