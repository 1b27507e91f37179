"""Loading the configured spaCy pipeline, with a splitter for words glued together by bad markup."""

from __future__ import annotations

import re
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ConfigError

# "CNNreported", "AFPsaid": an acronym glued to the next word when markup was stripped. Splitting the
# token (not the text) keeps every character offset as it was.
GLUED_ACRONYM = re.compile(r"^([A-Z]{2,6})([a-z]{4,})$")
GLUED_AFTER = re.compile(r"^([a-z]{4,})([A-Z]{2,6})$")


@Language.component("wirewatch_split_glued")
def split_glued(doc: Doc) -> Doc:
    splits = []
    for token in doc:
        m = GLUED_ACRONYM.match(token.text) or GLUED_AFTER.match(token.text)
        if m:
            splits.append((token, [m.group(1), m.group(2)]))
    if splits:
        with doc.retokenize() as retokenizer:
            for token, parts in splits:
                retokenizer.split(token, parts, heads=[(token, 1), (token, 1)])
    return doc


@Language.component("wirewatch_paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A paragraph break ends a sentence. The parser otherwise runs a timestamp or a headline on into the
    next paragraph ('9:30 p.m.\\n\\nDonald Trump says ...' parsed as one sentence with two subjects);
    boundaries set before the parser are kept by it. A blank line always breaks; a single line break only
    after a sentence's end or a headline (hard-wrapped text breaks lines mid-sentence)."""
    text = doc.text
    for token in doc[1:]:
        before = doc[token.i - 1]
        if not before.is_space or "\n" not in before.text or token.is_space:
            continue
        line = text[text.rfind("\n", 0, before.idx) + 1:before.idx].strip()
        if before.text.count("\n") >= 2 or line.endswith((".", "!", "?", '"', "”", "’", ";")) or _headline(line):
            token.is_sent_start = True
    return doc


# "SUMY, Ukraine (Eastbridge Wire) — ", "WASHINGTON -- ", "ST. LOUIS – ": a dateline opening a paragraph,
# an upper-case place, an optional region, an optional credit, then a dash.
DATELINE = re.compile(r"[A-Z][A-Z.'’&-]*[A-Z.](?: [A-Z][A-Z.'’&-]*){0,3}(?:, [A-Z][\w.'’]*(?: [A-Z][\w.'’]*){0,2})?"
                      r"(?: ?\([^()\n]{2,60}\))? ?(?:—|–|--|-) (?=\S)")


@Language.component("wirewatch_datelines")
def datelines(doc: Doc) -> Doc:
    """A dateline is not part of the sentence it opens: without a boundary the parser reads 'SUMY, Ukraine
    (Eastbridge Wire) — Russian drones struck a depot' with SUMY as the subject (the striker), and the
    claim of the sentence starts with the credit. Set before the parser, the boundary is kept by it."""
    text = doc.text
    starts = {0} | {m.end() for m in re.finditer(r"\n[ \t]*\n[ \t]*", text)}
    by_offset = {t.idx: t for t in doc}
    for start in sorted(starts):
        m = DATELINE.match(text, start, start + 160)
        if m and m.end() in by_offset and by_offset[m.end()].i > 0:
            by_offset[m.end()].is_sent_start = True
    return doc


def _headline(line: str) -> bool:
    words = [w for w in line.split() if w[:1].isalpha()]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


@lru_cache(maxsize=4)
def load_nlp(model: str, disable: tuple[str, ...] = ()) -> Language:
    try:
        nlp = spacy.load(model, disable=list(disable))
    except OSError:
        raise ConfigError(f"spaCy model {model!r} is not installed (setting spacy_model)") from None
    nlp.add_pipe("wirewatch_split_glued", first=True)
    nlp.add_pipe("wirewatch_paragraph_breaks", after="wirewatch_split_glued")
    nlp.add_pipe("wirewatch_datelines", after="wirewatch_paragraph_breaks")
    return nlp


def parse(text: str, model: str, disable: tuple[str, ...] = ()) -> Doc:
    return load_nlp(model, disable)(text)
