"""Place-name folding: the keys the gazetteer is indexed and looked up under."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..lexicons import lexicon_words

_SPECIAL = str.maketrans({
    "ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae",
    "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "Th", "ð": "d", "ħ": "h", "Ħ": "H",
    "ʼ": "", "ʻ": "", "’": "", "‘": "", "'": "", "`": "", "´": "", "ʿ": "", "ʾ": "", ".": "",
})


_NONWORD = re.compile(r"[^a-z0-9]+")


_WORD_CANON = {"saint": "st", "sainte": "ste", "mount": "mt", "fort": "ft"}


_AH_END = re.compile(r"ah\b")


_ARTICLES = frozenset(lexicon_words("gazetteer_words", "articles"))


@lru_cache(maxsize=1 << 16)  # pure, and asked of the same names all through a run
def fold(name: str) -> str:
    """Case-, diacritic- and punctuation-insensitive key: ``fold("Tikrīt") == fold("TIKRIT")``.

    Also drops a leading "the", writes "saint/mount/fort" as "st/mt/ft" and a word-final "-ah" as "-a"
    ("Raqqah" = "Raqqa", "Fallujah" = "Falluja").
    """
    s = unicodedata.normalize("NFKD", name.translate(_SPECIAL))
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).lower()
    s = _NONWORD.sub(" ", s).strip()
    if not s:
        return ""
    words = [_WORD_CANON.get(w, w) for w in s.split()]
    if words[0] == "the" and len(words) > 1:
        words = words[1:]
    return _AH_END.sub("a", " ".join(words))


def strip_article(key: str) -> str:
    """Drop a leading Arabic article from a folded key: "ar raqqa" -> "raqqa", "al fallujah" -> "fallujah"."""
    head, _, rest = key.partition(" ")
    if rest and head in _ARTICLES and len(rest) >= 3:
        return rest
    return key


def index_keys(name: str) -> set[str]:
    """The keys a gazetteer name is indexed under (its fold, and the fold without an Arabic article)."""
    k = fold(name)
    if not k:
        return set()
    return {k, strip_article(k)}


def is_latin(name: str) -> bool:
    """True when every letter of ``name`` is a (possibly accented) Latin letter."""
    s = unicodedata.normalize("NFKD", name.translate(_SPECIAL))
    return any(ch.isalpha() for ch in s) and all(
        ch.isascii() or unicodedata.combining(ch) or not ch.isalpha() for ch in s)
