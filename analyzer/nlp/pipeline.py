"""Build the spaCy pipeline: ``spacy.blank("en")`` plus skillgap's components (nothing downloaded)."""

from __future__ import annotations

import functools
import re
from itertools import chain

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
# chunks of a text: a run of non-space characters with the single space after it (its trailing
# whitespace), or a run of space characters (re's \s is str.isspace, as in spaCy's tokenizer)
_CHUNKS = re.compile(r"\S+ ?|\s+")
# whitespace flags of n tokens without and with a space after the last one (shared tuples)
_FLAGS = tuple(((False,) * n, (False,) * (n - 1) + (True,)) if n else ((), ()) for n in range(17))


def tune_tokenizer(nlp: Language) -> Language:
    """Split list separators inside tokens; everything else is spaCy's English tokenizer."""
    infixes = list(nlp.Defaults.infixes) + list(_INFIXES)
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    return nlp


class _Chunks(dict):
    """chunk -> its tokens' (orth id, whitespace flag) pairs, flattened; a missing chunk is tokenized on lookup."""

    def __init__(self, owner: "CachedTokenizer") -> None:
        super().__init__()
        self.owner = owner

    def __missing__(self, chunk: str):
        return self.owner._tokenize(chunk)


class CachedTokenizer:
    """spaCy's tokenizer, memoised per whitespace-delimited chunk, building ``Doc(vocab, words, spaces)``.

    spaCy's tokenizer splits a text into runs of non-space and of space characters (a single ``" "``
    after a token becomes that token's trailing whitespace) and tokenizes each run on its own with its
    prefix, suffix, infix and special-case rules. This class cuts the text with one compiled regular
    expression into chunks (a non-space run with the single space after it, or a space run) and looks
    each chunk up in a dict of the wrapped tokenizer's result for that run: the tokens' orth ids (string
    hashes, so ``Doc`` need not hash every word again) and whitespace flags. The tokens (text, trailing
    whitespace, character offsets) are exactly those of the wrapped tokenizer, at a fraction of its cost
    on resumes (``bench/bench_nlp_speed.py``; ``tests/test_tokenizer.py`` checks the equality).
    Differences: token ``norm_`` overrides from special cases ("n't" -> "not") are not kept (no skillgap
    component reads them); and in theory spaCy's special-case matcher, which runs over the whole text,
    could let a match across a space shadow an overlapping special case that a run tokenized on its own
    gets (none in the 310 dotin texts). The cache is cleared when it holds ``max_entries`` chunks (a few
    hundred bytes each: at most ~15 MB by default). Inside ``vocab.memory_zone()`` new chunks are not
    memoised (their strings are transient). The text is kept in ``doc.user_data`` (see
    :func:`analyzer.nlp.components.doc_text`), as ``Doc.text`` joins all tokens.
    """

    def __init__(self, base, max_entries: int = 50_000) -> None:
        self.base = base
        self.vocab = base.vocab
        self.max_entries = max_entries
        self._cache = _Chunks(self)

    def __call__(self, text: str) -> Doc:
        chunks = _CHUNKS.findall(text)
        try:
            doc = self._doc(chunks)
        except KeyError:  # an orth id whose string the vocab no longer has (a replaced string store)
            self._cache.clear()
            doc = self._doc(chunks)
        doc.user_data[TEXT_KEY] = text
        return doc

    def _doc(self, chunks: list[str]) -> Doc:
        flat = list(chain.from_iterable(map(self._cache.__getitem__, chunks)))
        return Doc(self.vocab, words=flat[0::2], spaces=flat[1::2])

    def _tokenize(self, chunk: str) -> tuple:
        """The wrapped tokenizer's tokens of one chunk: (orth id, whitespace flag) pairs, flattened."""
        run = chunk[:-1] if len(chunk) > 1 and chunk[-1] == " " and not chunk[-2].isspace() else chunk
        toks = [t.text for t in self.base(run)]
        n = len(toks)
        flags = _FLAGS[n] if n < len(_FLAGS) else ((False,) * n, (False,) * (n - 1) + (True,))
        flags = flags[1] if run is not chunk else flags[0]
        if self.vocab.in_memory_zone:  # transient strings: use them for this Doc, remember nothing
            return tuple(chain.from_iterable(zip(toks, flags)))
        if len(self._cache) >= self.max_entries:
            self._cache.clear()
        entry = self._cache[chunk] = tuple(chain.from_iterable(zip(map(self.vocab.strings.add, toks), flags)))
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
