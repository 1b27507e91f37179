"""The untrained event classifier's parts (training code, kept out of the runtime package).

``scripts/train_event_classifier.py`` builds, cross-validates and fits them; the fitted
:class:`wirewatch.extract.classify.EnsembleModel` ships as ``data/models/event_classifier.joblib``, which the
runtime loads without this module (the pickle refers to ``wirewatch.extract.classify`` only).
"""

from __future__ import annotations

from typing import Any

from wirewatch.extract.classify import LexiconFeatures, _identity, between_all, normalise_all


def build_model(C: float = 0.5, lexicon_weight: float = 0.75, loss: str = "hinge") -> Any:
    """The untrained sparse scikit-learn pipeline (half of :class:`EnsembleModel`): marked sentences in, roots out.

    TF-IDF word 1-2-grams and char 2-5-grams of the normalised sentence and of the source-target span,
    plus (weighted by ``lexicon_weight``; 0 leaves them out) the :class:`LexiconFeatures`; a LinearSVC with
    the plain hinge ``loss`` (chosen over squared hinge by repeated cross-validation on PLV_train; see
    ``scripts/train_event_classifier.py``).
    """
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import FeatureUnion, FunctionTransformer, make_pipeline
    from sklearn.svm import LinearSVC

    def part(select: Any, **kwargs: Any) -> Any:
        return make_pipeline(FunctionTransformer(select), TfidfVectorizer(sublinear_tf=True, **kwargs))

    parts: list[tuple[str, Any]] = [
        ("sent_words", part(normalise_all, ngram_range=(1, 2))),
        ("sent_chars", part(normalise_all, analyzer="char_wb", ngram_range=(2, 5), min_df=2)),
        ("span_words", part(between_all, ngram_range=(1, 2))),
        ("span_chars", part(between_all, analyzer="char_wb", ngram_range=(2, 5), min_df=2)),
    ]
    weights = {name: 1.0 for name, _ in parts}
    if lexicon_weight:
        lex = make_pipeline(LexiconFeatures(), TfidfVectorizer(analyzer=_identity, sublinear_tf=True))
        parts.append(("lexicon", lex))
        weights["lexicon"] = lexicon_weight
    svc = LinearSVC(C=C, loss=loss, max_iter=5000, random_state=0)  # hinge needs more than the default 1000
    return make_pipeline(FeatureUnion(parts, transformer_weights=weights), svc)


def build_dense_model(C: float = 0.003) -> Any:
    """The untrained model over sentence embeddings: standardised features, a strongly regularised
    LinearSVC (C chosen by repeated cross-validation on PLV_train with the ensemble weight 0.5)."""
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    from sklearn.svm import LinearSVC

    return make_pipeline(StandardScaler(), LinearSVC(C=C, max_iter=5000, random_state=0))
