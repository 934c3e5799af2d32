"""Build the spaCy pipeline: ``spacy.blank("en")`` plus skillgap's components (nothing downloaded)."""

from __future__ import annotations

import functools
import re

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, registry

import analyzer.nlp.components  # noqa: F401  (registers the factories)
import analyzer.nlp.semantic  # noqa: F401
from analyzer.nlp.components import TEXT_KEY
from analyzer.taxonomy import RoleBundle

# resume lists glue items with "|", "/", "(" and ")": "SQL|AWS", "C++/Java", "Kubernetes(EKS)"
_INFIXES = (r"(?<=\S)[|/()\[\]{}•·](?=\S)", r"(?<=[+#])[,;:](?=\S)")
# a run of non-space characters with the single space after it (its trailing whitespace), or a run of
# space characters (re's \s is str.isspace, as in spaCy's tokenizer)
_RUNS = re.compile(r"(\S+)( ?)|(\s+)")
# whitespace flags of a run of n tokens, without and with a space after it (shared tuples)
_FLAGS = tuple(((False,) * n, (False,) * (n - 1) + (True,)) if n else ((), ()) for n in range(17))


def tune_tokenizer(nlp: Language) -> Language:
    """Split list separators inside tokens; everything else is spaCy's English tokenizer."""
    infixes = list(nlp.Defaults.infixes) + list(_INFIXES)
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    return nlp


class CachedTokenizer:
    """spaCy's tokenizer, memoised per whitespace-delimited chunk, building ``Doc(vocab, words, spaces)``.

    spaCy's tokenizer splits a text into runs of non-space and of space characters (a single ``" "``
    after a token becomes that token's trailing whitespace) and tokenizes each run on its own with its
    prefix, suffix, infix and special-case rules. This class does the same split with one compiled
    regular expression and looks each run up in a dict of the wrapped tokenizer's result for that run,
    so the tokens (text, trailing whitespace, character offsets) are exactly those of the wrapped
    tokenizer, at a fraction of its cost on resumes (``bench/bench_nlp_speed.py``;
    ``tests/test_tokenizer.py`` checks the equality). Differences: token ``norm_`` overrides from special
    cases ("n't" -> "not") are not kept (no skillgap component reads them); and in theory spaCy's
    special-case matcher, which runs over the whole text, could let a match across a space shadow an
    overlapping special case that a run tokenized on its own gets (none in the 310 dotin texts). The cache is cleared when it
    holds ``max_entries`` runs (a few hundred bytes each: at most ~15 MB by default). The text is kept in
    ``doc.user_data`` (see :func:`analyzer.nlp.components.doc_text`), as ``Doc.text`` joins all tokens.
    """

    def __init__(self, base, max_entries: int = 50_000) -> None:
        self.base = base
        self.vocab = base.vocab
        self.max_entries = max_entries
        self._cache: dict[str, tuple[tuple[str, ...], tuple[bool, ...], tuple[bool, ...]]] = {}

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        get = self._cache.get
        for word, space, blank in _RUNS.findall(text):
            run = word or blank
            entry = get(run)
            if entry is None:
                entry = self._tokenize(run)
            words += entry[0]
            spaces += entry[2] if space else entry[1]
        doc = Doc(self.vocab, words=words, spaces=spaces)
        doc.user_data[TEXT_KEY] = text
        return doc

    def _tokenize(self, run: str) -> tuple[tuple[str, ...], tuple[bool, ...], tuple[bool, ...]]:
        """The wrapped tokenizer's tokens of one run, and their whitespace flags without and with a
        space after the run."""
        if len(self._cache) >= self.max_entries:
            self._cache.clear()
        toks = tuple(t.text for t in self.base(run))
        if len(toks) == 1:
            toks = (run,)  # the key itself: no second copy of the string
        n = len(toks)
        flags = _FLAGS[n] if n < len(_FLAGS) else ((False,) * n, (False,) * (n - 1) + (True,))
        entry = self._cache[run] = (toks, *flags)
        return entry

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)

    def __getattr__(self, name):  # rules, explain(), serialisation: the wrapped tokenizer's
        if name in ("base", "_cache"):
            raise AttributeError(name)
        return getattr(self.base, name)

    def to_bytes(self, **kwargs) -> bytes:
        return self.base.to_bytes(**kwargs)

    def from_bytes(self, data: bytes, **kwargs) -> "CachedTokenizer":
        self.base.from_bytes(data, **kwargs)
        self._cache.clear()
        return self

    def to_disk(self, path, **kwargs) -> None:
        self.base.to_disk(path, **kwargs)

    def from_disk(self, path, **kwargs) -> "CachedTokenizer":
        self.base.from_disk(path, **kwargs)
        self._cache.clear()
        return self


@registry.tokenizers("skillgap.cached_tokenizer.v1")
def create_cached_tokenizer(max_entries: int = 50_000):
    """``[nlp.tokenizer] @tokenizers = "skillgap.cached_tokenizer.v1"``: the English tokenizer with
    skillgap's list separators (:func:`tune_tokenizer`), memoised per chunk (:class:`CachedTokenizer`)."""

    def make(nlp: Language) -> CachedTokenizer:
        base = registry.tokenizers.get("spacy.Tokenizer.v1")()(nlp)
        base.infix_finditer = compile_infix_regex(list(nlp.Defaults.infixes) + list(_INFIXES)).finditer
        return CachedTokenizer(base, max_entries=max_entries)

    return make


def build_nlp(bundle: RoleBundle, *, fast_tokenizer: bool = True) -> Language:
    nlp = tune_tokenizer(spacy.blank("en"))
    if fast_tokenizer:
        nlp.tokenizer = CachedTokenizer(nlp.tokenizer)
    nlp.add_pipe("skillgap_skills", config={"role": bundle.path})
    nlp.add_pipe("skillgap_context")
    nlp.add_pipe("skillgap_semantic", config={"role": bundle.path})
    return nlp


@functools.lru_cache(maxsize=8)
def _cached(path: str, _key: int) -> Language:
    from analyzer.taxonomy import load_role

    return build_nlp(load_role(path))


def get_nlp(bundle: RoleBundle) -> Language:
    """The pipeline for a role, built once per process and reused."""
    return _cached(bundle.path, id(bundle.role))
