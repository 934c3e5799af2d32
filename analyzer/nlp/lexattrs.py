"""Faster lexical-attribute getters for the vocabulary of skillgap's own pipeline: the same values.

When spaCy meets a word it has not seen, it makes a lexeme and calls each of the vocabulary's
``lex_attr_getters`` on the word (about 20 of them: ``lower``, ``shape``, ``like_num``, ``like_url``,
``is_punct`` ...). On a new resume that is about a hundred new words, and the getters are most of a new
word's cost (``bench/bench_nlp_speed.py``: "unseen texts"). :func:`fast_getters` swaps each of spaCy's
English getters for an equivalent that returns the same value faster:

- one-argument string methods and item getters instead of Python functions (``str.lower`` for
  ``lower``, ``str.isalpha`` for ``is_alpha``, ``operator.itemgetter(0)`` for ``prefix`` ...);
- ``frozenset.__contains__`` instead of a membership test against a tuple (``is_bracket``, ``is_quote``
  ...);
- a fast path for the common case, and spaCy's own function for the rest:
  ``like_num`` of a word of letters is whether it is a number or ordinal word (a letter is never a
  digit, and no letter's lower case holds one); ``like_url`` of a word without a full stop is whether it
  starts with ``http://`` or ``https://``; ``like_email`` of a word without ``@`` is false; ``is_punct``
  and ``is_currency`` of a word whose first character is a letter or digit are false (spaCy's loop
  stops there); ``word_shape`` of an ASCII word is a byte translation (``X``, ``x``, ``d``) with runs cut to
  four characters, memoised per translation (shapes are few: "Xxxxx", "dddd", "xx.xxx").

Only getters that are spaCy's own functions are replaced, so a language or a spaCy version with other
getters keeps them. ``tests/test_lexattrs.py`` checks every replacement against spaCy's function on
the words of the resumes and on generated and Unicode strings.
"""

from __future__ import annotations

import functools
import operator
import re

from spacy.lang import lex_attrs as base
from spacy.lang.en import lex_attrs as en
try:  # NORM's getter with its exception table (spaCy's util.add_lookups)
    from spacy.util import _get_attr_unless_lookup
except ImportError:  # pragma: no cover - another spaCy: its NORM getter is kept
    _get_attr_unless_lookup = None

_NUMBER_WORDS = frozenset(en._num_words) | frozenset(en._ordinal_words)
_ASCII_SHAPE = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
                               b"X" * 26 + b"x" * 26 + b"d" * 10)
_LONG_RUN = re.compile(rb"(.)\1{4,}", re.DOTALL)  # a character repeated more than four times
# translated ASCII word -> its shape: words of one shape ("Xxxxx", "dddd") are many, shapes few
_SHAPES: dict[bytes, str] = {}
_MAX_SHAPES = 20_000


def like_num(text: str) -> bool:
    if text.isalpha():
        return text.lower() in _NUMBER_WORDS
    return en.like_num(text)


def like_url(text: str) -> bool:
    if text and "." not in text:
        return text.startswith(("http://", "https://"))
    return base.like_url(text)


def like_email(text: str) -> bool:
    return "@" in text and base.like_email(text)


def is_punct(text: str) -> bool:
    return False if text[:1].isalnum() else base.is_punct(text)


def is_currency(text: str) -> bool:
    return False if text[:1].isalnum() else base.is_currency(text)


def _cut_runs(m: re.Match) -> bytes:
    return m.group(1) * 4


def word_shape(text: str) -> str:
    if len(text) >= 100 or not text.isascii():
        return base.word_shape(text)
    key = text.encode("ascii").translate(_ASCII_SHAPE)
    shape = _SHAPES.get(key)
    if shape is None:
        if len(_SHAPES) >= _MAX_SHAPES:
            _SHAPES.clear()
        shape = _SHAPES[key] = _LONG_RUN.sub(_cut_runs, key).decode("ascii")
    return shape


def _is_stop(stops, text: str) -> bool:
    return text.lower() in stops


def _constant(value, _text: str):
    return value


def _norm(table: dict, text: str) -> str:
    value = table.get(text)
    return text.lower() if value is None else value


# spaCy's function -> its equivalent (the functions that take no data)
_SAME = {
    base.lower: str.lower,
    base.prefix: operator.itemgetter(0),
    base.suffix: operator.itemgetter(slice(-3, None)),
    base.is_alpha: str.isalpha,
    base.is_digit: str.isdigit,
    base.is_lower: str.islower,
    base.is_space: str.isspace,
    base.is_title: str.istitle,
    base.is_upper: str.isupper,
    base.is_ascii: str.isascii,
    base.is_bracket: frozenset(("(", ")", "[", "]", "{", "}", "<", ">")).__contains__,
    base.is_quote: frozenset(('"', "'", "`", "«", "»", "‘", "’", "‚", "‛", "“", "”", "„", "‟", "‹", "›", "❮", "❯",
                              "''", "``")).__contains__,
    base.is_left_punct: frozenset(("(", "[", "{", "<", '"', "'", "«", "‘", "‚", "‛", "“", "„", "‟", "‹", "❮",
                                   "``")).__contains__,
    base.is_right_punct: frozenset((")", "]", "}", ">", '"', "'", "»", "’", "”", "›", "❯", "''")).__contains__,
    base.is_punct: is_punct,
    base.is_currency: is_currency,
    base.like_email: like_email,
    base.like_url: like_url,
    base.word_shape: word_shape,
    en.like_num: like_num,
}


def _fast(func):
    """The equivalent of one getter, or the getter itself."""
    same = _SAME.get(func) if callable(func) and not isinstance(func, functools.partial) else None
    if same is not None:
        return same
    if isinstance(func, functools.partial):
        if func.func is base.is_stop and not func.args and set(func.keywords) == {"stops"}:
            return functools.partial(_is_stop, frozenset(func.keywords["stops"]))
        if func.func is base.get_lang and not func.args and set(func.keywords) == {"lang"}:
            return functools.partial(_constant, func.keywords["lang"])
        if (func.func is _get_attr_unless_lookup and not func.keywords and len(func.args) == 2
                and func.args[0] is base.lower and len(func.args[1]) == 1 and type(func.args[1][0]) is dict
                and all(type(v) is str for v in func.args[1][0].values())):
            return functools.partial(_norm, func.args[1][0])
    return func


def fast_getters(getters: dict) -> dict:
    """``getters`` (a vocabulary's ``lex_attr_getters``) with spaCy's functions replaced by equivalents."""
    return {attr: _fast(func) for attr, func in getters.items()}


def use_fast_getters(vocab) -> None:
    """Give ``vocab`` the faster getters (lexemes made from now on; their values are the same)."""
    if vocab.lex_attr_getters:
        vocab.lex_attr_getters = fast_getters(vocab.lex_attr_getters)

