"""Build the spaCy pipeline: ``spacy.blank("en")`` plus skillgap's components (nothing downloaded)."""

from __future__ import annotations

import contextlib
import functools
import re
import weakref
from functools import reduce
from itertools import accumulate, chain
from operator import iadd

import spacy
from spacy.lang.tokenizer_exceptions import URL_MATCH
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, registry

import analyzer.nlp.components  # noqa: F401  (registers the factories)
import analyzer.nlp.semantic  # noqa: F401
from analyzer.nlp.components import TEXT_KEY
from analyzer.nlp.lexattrs import use_fast_getters
from analyzer.taxonomy import RoleBundle

# resume lists glue items with "|", "/", "(" and ")": "SQL|AWS", "C++/Java", "Kubernetes(EKS)"
_INFIXES = (r"(?<=\S)[|/()\[\]{}•·](?=\S)", r"(?<=[+#])[,;:](?=\S)")
# chunks of a text: a run of non-space characters with the single space after it (its trailing
# whitespace), or a run of space characters (re's \s is str.isspace, as in spaCy's tokenizer)
_CHUNKS = re.compile(r"\S+ ?|\s+")
# a run that spaCy's English tokenizer (with skillgap's infixes) splits by rule alone into the pieces below, one
# token each, when no piece nor any run of adjacent pieces is a special case and the URL pattern does not match
# the core (CachedTokenizer._simple states why; tests/test_tokenizer.py compares with spaCy):
#   run   = ["(" | "["] core [")" | "]"] [tail]     the brackets: a prefix and a suffix ("(2019)", "Ltd)", "[a")
#   core  = word {infix word}                        "e-mail", "2019-2020", "CI/CD", "2007-Present", "3/01/2015"
#   word  = ASCII letters with optional digits after them ("IPv4"), an ordinal ("21st"), a number with an
#           optional decimal part ("3.5") or initials ("U.S.")
#   infix = "/" | "-" before a letter (after a letter or digit) | "-" between digits   (not in "top-25", "U.S.-based")
#   tail  = one of ",;:!?" | "." after a lower-case letter, a digit, a closing bracket or two capitals ("SQL.")
_WORD = r"(?:[A-Za-z]+[0-9]*|[0-9]+(?:st|nd|rd|th)|[0-9]+(?:\.[0-9]+)?|(?:[A-Z]\.)+)"
_INFIX = r"(?:/|(?<=[A-Za-z0-9])-(?=[A-Za-z])|(?<=[0-9])-(?=[0-9]))"
_TAIL = r"(?:[,;:!?]|(?<=[a-z0-9)\]])\.|(?<=[A-Z]{2})\.)"
_SIMPLE = re.compile(rf"([(\[]?)({_WORD}(?:{_INFIX}{_WORD})*)([)\]]?)({_TAIL}?)")
_SPLIT_INFIXES = re.compile(f"({_INFIX})")
# whitespace flags of n tokens without and with a space after the last one (shared tuples)
_FLAGS = tuple(((False,) * n, (False,) * (n - 1) + (True,)) if n else ((), ()) for n in range(17))


def _spells_a_rule(pieces: list[str], rules) -> bool:
    """Whether a piece, or adjacent pieces joined, are a special case (a key of ``rules``)."""
    for i in range(len(pieces)):
        joined = ""
        for piece in pieces[i:]:
            joined += piece
            if joined in rules:
                return True
    return False


def tune_tokenizer(nlp: Language) -> Language:
    """Split list separators inside tokens; everything else is spaCy's English tokenizer."""
    infixes = list(nlp.Defaults.infixes) + list(_INFIXES)
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    return nlp


class _Chunks(dict):
    """chunk -> its tokens' (orth id, whitespace flag) pairs, flattened. A chunk not there is looked up in
    ``extra`` (the entries of a text's new chunks that were not memoised) and otherwise reads as no tokens
    and is noted in ``missing``, so that all the new chunks of a text are tokenized together."""

    def __init__(self) -> None:
        super().__init__()
        self.missing: dict[str, None] = {}
        self.extra: dict[str, tuple] = {}

    def __missing__(self, chunk: str) -> tuple:
        entry = self.extra.get(chunk)
        if entry is None:
            self.missing[chunk] = None
            return ()
        return entry


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
    gets (none in the 310 dotin texts). The new chunks of a text are tokenized together, in one call of the
    wrapped tokenizer (:meth:`_run_tokens`). The cache is cleared when it holds ``max_entries`` chunks (a few
    hundred bytes each: at most ~15 MB by default). Inside ``vocab.memory_zone()`` new chunks are not
    memoised (their strings are transient). The text is kept in ``doc.user_data`` (see
    :func:`analyzer.nlp.components.doc_text`), as ``Doc.text`` joins all tokens.
    """

    def __init__(self, base, max_entries: int = 50_000) -> None:
        self.base = base
        self.vocab = base.vocab
        self.max_entries = max_entries
        self._cache = _Chunks()

    def __call__(self, text: str) -> Doc:
        if len(self._cache) >= self.max_entries:
            self._cache.clear()
        chunks = _CHUNKS.findall(text)
        try:
            doc = self._doc(chunks)
        except KeyError:  # an orth id whose string the vocab no longer has (a replaced string store)
            self._cache.clear()
            doc = self._doc(chunks)
        doc.user_data[TEXT_KEY] = text
        return doc

    def _doc(self, chunks: list[str]) -> Doc:
        cache = self._cache
        cache.missing.clear()
        # the entries, concatenated into one new list (list += tuple for each: no Python-level step per chunk)
        flat = reduce(iadd, map(cache.__getitem__, chunks), [])
        if cache.missing:  # new chunks: tokenized together, then the words again
            new = self._tokenize(list(cache.missing))
            cache.missing.clear()
            cache.extra = new  # read for the new chunks that were not memoised (full cache, memory zone)
            try:
                flat = reduce(iadd, map(cache.__getitem__, chunks), [])
            finally:
                cache.extra = {}
        return Doc(self.vocab, words=flat[0::2], spaces=flat[1::2])

    def _tokenize(self, chunks: list[str]) -> dict[str, tuple]:
        """The wrapped tokenizer's tokens of new chunks: chunk -> (orth id, whitespace flag) pairs, flattened;
        memoised unless the cache is full or a memory zone is open (then the words are the strings)."""
        runs: dict[str, None] = {}
        for c in chunks:
            if not c[0].isspace():
                runs[c[:-1] if c[-1] == " " and len(c) > 1 else c] = None
        tokens = self._simple(runs)
        rest = [r for r in runs if r not in tokens]
        tokens.update(zip(rest, self._run_tokens(rest)))
        transient = self.vocab.in_memory_zone  # transient strings: use them for this Doc, remember nothing
        add = self.vocab.strings.add
        out = {}
        for c in chunks:
            if c[0].isspace():  # a run of spaces is tokenized on its own
                toks, trailing = [t.text for t in self.base(c)], False
            else:
                trailing = c[-1] == " " and len(c) > 1
                toks = tokens[c[:-1] if trailing else c]
            n = len(toks)
            flags = _FLAGS[n] if n < len(_FLAGS) else ((False,) * n, (False,) * (n - 1) + (True,))
            words = toks if transient else map(add, toks)
            entry = out[c] = tuple(chain.from_iterable(zip(words, flags[1] if trailing else flags[0])))
            if not transient and len(self._cache) < self.max_entries:
                self._cache[c] = entry
        return out

    def _simple(self, runs) -> dict[str, list[str]]:
        """The tokens of the runs that need no call of the wrapped tokenizer (:data:`_SIMPLE`): nine in ten
        of the new runs of a resume (words, numbers, "word,", "(word", "word),", "a-b", "a/b", "3.5", "U.S.").

        Why they are spaCy's tokens: spaCy's tokenizer strips a run's prefixes ("(", "[") and suffixes (")",
        "]", the tail) one at a time from the outside, looking up each string left as a special case and
        trying ``token_match`` on it; then it splits what is left, the core, at its infixes ("/", and "-"
        where :data:`_SIMPLE` has one; the "." of "3.5" or "U.S." is none), unless the core is a special case
        or matches ``token_match``/``url_match``; last, its special-case matcher merges adjacent tokens that
        spell a special case with affixes ("8)", "):"). Each string looked up is adjacent pieces joined,
        so when none is a special case (nor ``token_match`` matches the strings left as the affixes come
        off, nor ``url_match`` the core) the pieces are the tokens. spaCy's own URL pattern needs a "."
        before two lower-case letters (the top-level domain), which no core has: it is not tried."""
        rules = self.base.rules
        token_match, url_match = self.base.token_match, self.base.url_match
        if url_match == URL_MATCH:
            url_match = None
        out = {}
        for r in runs:
            m = _SIMPLE.fullmatch(r)
            if m is None:
                continue
            opening, core, closing, tail = m.groups()
            words = _SPLIT_INFIXES.split(core) if "-" in core or "/" in core else [core]
            pieces = words if core == r else [p for p in (opening, *words, closing, tail) if p]
            if _spells_a_rule(pieces, rules) or (url_match is not None and url_match(core)):
                continue
            if token_match is not None and any(token_match(a + core + b) for a in {opening, ""}
                                               for b in {closing + tail, closing, ""}):
                continue
            out[r] = pieces
        return out

    def _run_tokens(self, runs: list[str]) -> list[list[str]]:
        """The token texts of each non-space run, from one call of the wrapped tokenizer on the runs joined by
        line breaks: it cuts a text at whitespace first, and no special case holds a line break next to other
        characters, so each run gets the tokens it gets on its own (checked; else one call per run)."""
        if len(runs) > 1:
            doc = self.base("\n".join(runs))
            starts = list(accumulate((len(r) + 1 for r in runs), initial=0))  # a run's start; its end + 1
            out: list[list[str]] = [[] for _ in runs]
            k, ok = 0, True
            for t in doc:
                i, word = t.idx, t.text
                while i >= starts[k + 1]:
                    k += 1
                end = starts[k + 1] - 1
                if i == end and word == "\n":
                    continue  # the line break after run k
                if i + len(word) > end:
                    ok = False
                    break
                out[k].append(word)
            if ok and all("".join(toks) == run for toks, run in zip(out, runs)):
                return out
        return [[t.text for t in self.base(run)] for run in runs]

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)

    def __getattr__(self, name):  # rules, explain(), serialisation: the wrapped tokenizer's
        if name in ("base", "_cache", "vocab", "max_entries"):
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
    """skillgap's pipeline for a role. ``fast_tokenizer`` (the default) memoises the tokenizer
    (:class:`CachedTokenizer`) and gives the vocabulary faster lexical-attribute getters
    (:mod:`analyzer.nlp.lexattrs`); both give the same tokens and attributes as spaCy's plain ones, which
    ``fast_tokenizer=False`` keeps (the tests compare the two)."""
    nlp = tune_tokenizer(spacy.blank("en"))
    if fast_tokenizer:
        nlp.tokenizer = CachedTokenizer(nlp.tokenizer)
        use_fast_getters(nlp.vocab)  # the same lexical attributes, made faster for new words
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


# documents a pipeline analyses before its vocabulary is frozen (see vocab_zone)
VOCAB_WARMUP = 500
_SEEN: "weakref.WeakKeyDictionary[Language, int]" = weakref.WeakKeyDictionary()


def vocab_zone(nlp: Language, warmup: int | None = None):
    """The context in which one document's spaCy work runs. The first ``warmup`` documents a pipeline
    sees grow its vocabulary for good; after that each document runs in spaCy's ``memory_zone``: the
    words it adds to the vocabulary (and the tokenizer's memo) are dropped when the zone closes, so a
    long run's memory stays flat. The common words of resumes are learnt in the warm-up; a word first
    met later is looked up again in each document that has it. Output is the same either way
    (``tests/test_nlp.py``)."""
    warmup = VOCAB_WARMUP if warmup is None else warmup  # read at call time (tests may set it)
    n = _SEEN.get(nlp, 0)
    if n < warmup:
        _SEEN[nlp] = n + 1
        return contextlib.nullcontext()
    if not hasattr(nlp, "memory_zone") or getattr(nlp.vocab, "in_memory_zone", False):
        return contextlib.nullcontext()  # spaCy < 3.8, or the caller's own zone (zones do not nest)
    return nlp.memory_zone()
