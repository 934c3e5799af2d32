"""Taxonomy -> matcher patterns (plain data), in the spirit of spaCy's SpanRuler patterns.

Each pattern is ``{"id": skill_id, "label": category, "pattern": alias text, "attr": "LOWER"|"ORTH",
"ambiguous": bool}``; many aliases map to one skill through ``id``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analyzer.taxonomy.models import Alias, Role


@dataclass(frozen=True)
class AliasPattern:
    id: str  # skill id
    label: str  # category id
    pattern: str  # alias text as it should be matched
    attr: str  # LOWER (case-insensitive) or ORTH (exact case)
    ambiguous: bool
    alias: str  # the alias as written in the taxonomy (for explanations)

    def to_dict(self) -> dict:
        return {"id": self.id, "label": self.label, "pattern": self.pattern, "attr": self.attr,
                "ambiguous": self.ambiguous, "alias": self.alias}


def _variants(text: str) -> list[str]:
    """Spelling variants of one alias: hyphen/space/joined forms, 'and'/'&', dotted acronyms."""
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
    seen: list[str] = []
    for v in out:
        v = re.sub(r"\s+", " ", v).strip()
        if v and v not in seen:
            seen.append(v)
    return seen


def patterns_from_role(role: Role) -> list[AliasPattern]:
    pats: list[AliasPattern] = []
    seen: set[tuple[str, str, str]] = set()
    for req in role.skills:
        for spec in req.aliases:
            alias = spec if isinstance(spec, Alias) else Alias(text=spec)
            exact = alias.case_sensitive or alias.ambiguous
            attr = "ORTH" if exact else "LOWER"
            for v in _variants(alias.text) if not exact else [alias.text]:
                key = (req.id, attr, v if exact else v.lower())
                if key in seen:
                    continue
                seen.add(key)
                pats.append(AliasPattern(req.id, req.category, v, attr, alias.ambiguous, alias.text))
    return pats
