"""Taxonomy -> matcher patterns (plain data), in the spirit of spaCy's SpanRuler patterns.

Each pattern is ``{"id": skill_id, "label": category, "pattern": text, "attr": "LOWER"|"ORTH",
"ambiguous": bool, "alias": alias as written, "variant": how the text was derived}``; many aliases map
to one skill through ``id``.

Variants generated from every alias (except ambiguous / case-sensitive ones, matched exactly):

- spacing and punctuation: ``scikit-learn`` -> ``scikit learn``, ``scikitlearn``; ``TensorFlow`` ->
  ``Tensor Flow`` is listed in the taxonomy; ``CI/CD`` -> ``CI / CD``; ``Node.js`` -> ``NodeJS``,
  ``Node JS``; ``and`` <-> ``&``; a two-word alias -> hyphenated form.
- inflections: the first word of an alias takes its verb/noun forms and the last word its plural or
  singular (``deploy models`` -> ``deployed models``, ``ML pipeline`` -> ``ML pipelines``). The forms
  come from the spaCy lookup lemma table (``spacy-lookups-data``, read in place at build time; never
  copied); without that package, regular English endings are used.

Version suffixes ("Python 3", "Spark 3.4", "Python3", "Java8") are handled by the matcher, not here.
"""

from __future__ import annotations

import functools
import gzip
import json
import re
from dataclasses import dataclass

from analyzer.taxonomy.models import Alias, Role


@dataclass(frozen=True)
class AliasPattern:
    id: str  # skill id
    label: str  # category id
    pattern: str  # text as it should be matched
    attr: str  # LOWER (case-insensitive) or ORTH (exact case)
    ambiguous: bool
    alias: str  # the alias as written in the taxonomy (for explanations)
    variant: str = "alias"  # alias | spelling | inflection

    def to_dict(self) -> dict:
        return {"id": self.id, "label": self.label, "pattern": self.pattern, "attr": self.attr,
                "ambiguous": self.ambiguous, "alias": self.alias, "variant": self.variant}


@functools.lru_cache(maxsize=1)
def _lemma_forms() -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    """(form -> lemma, lemma -> forms) from spacy-lookups-data's English lookup table, or empty."""
    try:
        from importlib import resources

        raw = resources.files("spacy_lookups_data").joinpath("data", "en_lemma_lookup.json.gz").read_bytes()
        table: dict[str, str] = json.loads(gzip.decompress(raw))
    except Exception:  # pragma: no cover - the package is a core dependency
        return {}, {}
    inv: dict[str, list[str]] = {}
    for form, lemma in table.items():
        if form.isalpha() and form.islower() and lemma.isalpha():
            inv.setdefault(lemma, []).append(form)
    return table, {k: tuple(sorted(v)) for k, v in inv.items()}


def _regular_forms(word: str) -> list[str]:
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return [word + "es"]
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return [word[:-1] + "ies"]
    return [word + "s"]


def word_forms(word: str, *, plural_only: bool = False) -> list[str]:
    """Inflected forms of one lowercase word (``deploy`` -> ``deployed, deploying, deploys``)."""
    if not (word.isalpha() and word.islower() and len(word) >= 3):
        return []
    table, inv = _lemma_forms()
    lemma = table.get(word, word)
    out: list[str] = []
    if lemma != word:
        # an inflected alias ("models", "deployed"): its lemma, and (for plurals) nothing else
        if plural_only and not word.endswith("s"):
            return []
        out.append(lemma)
        if plural_only:
            return out
    forms = inv.get(lemma, ()) if inv else tuple(_regular_forms(lemma))
    for f in forms:
        if f == word:
            continue
        if plural_only and not (f.endswith("s") and f[: len(lemma)] == lemma[: len(f) - 1][: len(lemma)]
                                and len(f) - len(lemma) <= 2):
            continue
        if not plural_only and (f[:2] != lemma[:2] or abs(len(f) - len(lemma)) > 4):
            continue  # suppletive forms (go -> went) are not variants we want
        out.append(f)
    return out


def _spelling(text: str) -> list[str]:
    """Spelling variants of one alias: hyphen/space/joined forms, 'and'/'&', dotted names, slashes."""
    out = [text]
    if "-" in text:
        out += [text.replace("-", " "), text.replace("-", "")]
    if " " in text and len(text.split()) == 2 and "-" not in text:
        out.append(text.replace(" ", "-"))
    if " and " in text:
        out.append(text.replace(" and ", " & "))
    if " & " in text:
        out.append(text.replace(" & ", " and "))
    if "/" in text and " / " not in text:
        out.append(text.replace("/", " / "))
    m = re.fullmatch(r"([A-Za-z]+)\.(js|JS|net|NET|io|ai)", text)
    if m:  # Node.js -> NodeJS, Node JS; Neptune.ai -> Neptune ai
        out += [m.group(1) + m.group(2), f"{m.group(1)} {m.group(2)}"]
    seen: list[str] = []
    for v in out:
        v = re.sub(r"\s+", " ", v).strip()
        if v and v not in seen:
            seen.append(v)
    return seen


def _inflections(text: str) -> list[str]:
    words = text.split(" ")
    out: list[str] = []
    if len(words) == 1:
        return word_forms(words[0])
    for f in word_forms(words[0]):
        out.append(" ".join([f] + words[1:]))
    for f in word_forms(words[-1], plural_only=True):
        out.append(" ".join(words[:-1] + [f]))
    return out


def _needs_exact_case(text: str) -> bool:
    """Short mixed-case names (``ViT``, ``PoC``) collide with acronyms in upper case (VIT university)."""
    letters = re.sub(r"[^A-Za-z]", "", text)
    return 2 <= len(letters) <= 4 and not letters.islower() and not letters.isupper() and not letters.istitle()


def alias_variants(alias: Alias) -> list[tuple[str, str, str]]:
    """(text, attr, variant kind) for one alias."""
    exact = alias.case_sensitive or alias.ambiguous or _needs_exact_case(alias.text)
    if exact:
        return [(alias.text, "ORTH", "alias")]
    out: list[tuple[str, str, str]] = []
    for i, v in enumerate(_spelling(alias.text)):
        out.append((v, "LOWER", "alias" if i == 0 else "spelling"))
        for f in _inflections(v):
            out.append((f, "LOWER", "inflection"))
    return out


def patterns_from_role(role: Role) -> list[AliasPattern]:
    pats: list[AliasPattern] = []
    seen: set[tuple[str, str]] = set()
    # explicit aliases first so that a generated variant never shadows another skill's alias
    explicit: dict[str, str] = {}
    for req in role.skills:
        for spec in req.aliases:
            alias = spec if isinstance(spec, Alias) else Alias(text=spec)
            if not (alias.case_sensitive or alias.ambiguous):
                explicit.setdefault(alias.text.lower(), req.id)
    for req in role.skills:
        for spec in req.aliases:
            alias = spec if isinstance(spec, Alias) else Alias(text=spec)
            for text, attr, kind in alias_variants(alias):
                norm = text if attr == "ORTH" else text.lower()
                owner = explicit.get(norm)
                if kind != "alias" and owner is not None and owner != req.id:
                    continue
                key = (attr, norm)
                if key in seen:
                    continue
                seen.add(key)
                pats.append(AliasPattern(req.id, req.category, text, attr, alias.ambiguous, alias.text, kind))
    return pats


# --------------------------------------------------------------------------- trap contexts

# Words that, right after (``after``) or right before (``before``) an ambiguous alias, show that it is an
# ordinary word and not the skill: "Go live", "my CV attached", "Spark plugs". Matching is
# case-insensitive on whole words; keys are ambiguous aliases as written in the taxonomy.
AMBIGUOUS_TRAPS: dict[str, dict[str, tuple[str, ...]]] = {
    "Go": {"after": ("live", "lives", "to", "ahead", "getter", "getters", "green", "back", "forward"),
           "before": ("let's", "will", "can", "must", "should", "to")},
    "CV": {"after": ("writing", "attached", "available", "template", "templates", "review", "reviews", "screening",
                     "upon", "on request", "of"),
           "before": ("my", "your", "his", "her", "their", "updated", "attached", "detailed", "enclosed")},
    "Spark": {"after": ("plug", "plugs", "interest", "curiosity", "joy", "ideas", "change", "conversations",
                        "innovation", "creativity", "discussion", "discussions", "growth")},
    "Lambda": {"after": ("chi", "phi", "sigma", "alpha", "pi", "theta")},
    "Hive": {"after": ("of activity", "mind")},
    "Flask": {"after": ("of",), "before": ("erlenmeyer", "volumetric", "lab", "laboratory", "conical")},
    "Helm": {"after": ("of",), "before": ("the", "at")},
    "Impala": {"before": ("chevrolet", "chevy")},
    "Prophet": {"before": ("the",)},
}
# Role nouns: after a determiner or a number they name other people ("worked with the project manager",
# "for two project managers"), not the candidate's role ("as the project manager" is the candidate's).
ROLE_NOUN_ALIASES = ("project manager", "team lead", "team leader", "tech lead", "technical lead",
                     "engineering manager", "line manager", "people manager", "Scrum Master")
_OTHER_PEOPLE = re.compile(r"(?:(?<!\bas )\bthe|\b(?:our|their|his|her|its|with|other|several|two|three|four|"
                           r"five|six|seven|eight|nine|ten|\d+))[ \t]+$", re.I)
TRAP_ALIASES = frozenset(AMBIGUOUS_TRAPS) | frozenset(ROLE_NOUN_ALIASES)
EXPANDED_TO_OTHER = "acronym expanded to other words"
_EXPANSION = re.compile(r"\s*\(([A-Za-z][A-Za-z &'-]{2,60})\)")
_MINOR = {"and", "of", "&", "the", "for", "in", "on", "to"}


def _expands_to_other(text: str, end: int, alias: str, skill_aliases: frozenset[str]) -> bool:
    """``GCP (Global Career Program)``: an acronym followed by a parenthesised expansion whose initials
    spell it, but which is not an alias of the same skill, names something else."""
    letters = re.sub(r"[^A-Za-z]", "", alias)
    if not (2 <= len(letters) <= 6 and letters.isupper()):
        return False
    m = _EXPANSION.match(text, end)
    if not m:
        return False
    words = [w for w in re.split(r"[\s-]+", m.group(1)) if w and w.lower() not in _MINOR]
    initials = "".join(w[0] for w in words).upper()
    return initials == letters.upper() and m.group(1).strip().lower() not in skill_aliases


@functools.lru_cache(maxsize=None)  # the trap words of the taxonomy: a few dozen
def _trap_word(where: str, word: str) -> re.Pattern:
    """The regex of a trap word right after (``where="after"``, matched at the start of what follows) or
    right before (searched in what precedes) an alias, compiled once per word."""
    return re.compile(rf"[ \t]+{re.escape(word)}(?![\w])" if where == "after" else rf"(?<![\w']){re.escape(word)}[ \t]+$")


def trap_context(text: str, start: int, end: int, alias: str, skill_aliases: frozenset[str] = frozenset()) -> str | None:
    """Why the ambiguous alias ``text[start:end]`` (taxonomy alias ``alias``) is not its skill here, or None.

    Rules (data above): a trap word right after or before it; a role noun ("project manager") after a
    determiner or a number (someone else, unless "as the ..."); an acronym expanded to other words
    ("GCP (Global Career Program)"); a one-letter alias that is a middle initial after a capitalised
    name ("John R. Smith") or part of a dotted abbreviation ("R.N.").
    """
    if len(alias) == 1 and (re.match(r"\.[A-Z]\.", text[end:end + 3]) or (
            re.match(r"\. ?[A-Z][a-z]", text[end:end + 4]) and re.search(r"(?<![\w.])[A-Z][a-z]+ $", text[max(0, start - 20):start]))):
        return "initial"
    spec = AMBIGUOUS_TRAPS.get(alias)
    if spec:
        after = text[end:end + 40].lower()
        for w in spec.get("after", ()):
            if _trap_word("after", w).match(after):
                return f"followed by '{w}'"
        before = text[max(0, start - 40):start].lower()
        for w in spec.get("before", ()):
            if _trap_word("before", w).search(before):
                return f"preceded by '{w}'"
    if alias in ROLE_NOUN_ALIASES:
        before = text[max(0, start - 40):start]
        m = _OTHER_PEOPLE.search(before)
        if m and not re.search(r"\b(?:worked|working|work|served|serving|acted|acting|employed|hired|promoted)\s+as\s+(?:an?\s+)?$",
                               before, re.I):
            return "another person's role"
    if _expands_to_other(text, end, alias, skill_aliases):
        return EXPANDED_TO_OTHER
    return None
