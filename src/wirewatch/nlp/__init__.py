"""NLP stage: the spaCy pipeline that every later stage reads (tokens, sentences, parse, entities)."""

from .pipeline import load_nlp, parse

__all__ = ["load_nlp", "parse"]
