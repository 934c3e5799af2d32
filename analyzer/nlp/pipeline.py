"""Build the spaCy pipeline: ``spacy.blank("en")`` plus skillgap's components (nothing downloaded)."""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language
from spacy.util import compile_infix_regex

import analyzer.nlp.components  # noqa: F401  (registers the factories)
import analyzer.nlp.semantic  # noqa: F401
from analyzer.taxonomy import RoleBundle


# resume lists glue items with "|", "/", "(" and ")": "SQL|AWS", "C++/Java", "Kubernetes(EKS)"
_INFIXES = (r"(?<=\S)[|/()\[\]{}•·](?=\S)", r"(?<=[+#])[,;:](?=\S)")


def tune_tokenizer(nlp: Language) -> Language:
    """Split list separators inside tokens; everything else is spaCy's English tokenizer."""
    infixes = list(nlp.Defaults.infixes) + list(_INFIXES)
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    return nlp


def build_nlp(bundle: RoleBundle) -> Language:
    nlp = tune_tokenizer(spacy.blank("en"))
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
