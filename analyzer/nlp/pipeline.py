"""Build the spaCy pipeline: ``spacy.blank("en")`` plus skillgap's components (nothing downloaded)."""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language

import analyzer.nlp.components  # noqa: F401  (registers the factories)
from analyzer.taxonomy import RoleBundle


def build_nlp(bundle: RoleBundle) -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("skillgap_skills", config={"role": bundle.path})
    nlp.add_pipe("skillgap_context")
    return nlp


@functools.lru_cache(maxsize=8)
def _cached(path: str, _key: int) -> Language:
    from analyzer.taxonomy import load_role

    return build_nlp(load_role(path))


def get_nlp(bundle: RoleBundle) -> Language:
    """The pipeline for a role, built once per process and reused."""
    return _cached(bundle.path, id(bundle.role))
