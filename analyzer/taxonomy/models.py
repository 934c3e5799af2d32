"""Strict models of a role taxonomy and a career ladder.

Unknown keys are rejected (``extra="forbid"``) so that a typo in a YAML file fails loudly with
its line (see :mod:`analyzer.taxonomy.loader`). ``skillgap taxonomy schema`` writes the JSON
Schema generated from these models; a copy ships in ``analyzer/schemas/``.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

ID_RE = r"^[a-z][a-z0-9_]*$"
Id = Annotated[str, Field(pattern=ID_RE, min_length=1, max_length=64)]
Text = Annotated[str, Field(min_length=1, max_length=2000)]
Importance = Literal["required", "preferred", "bonus"]
DegreeLevel = Literal["none", "secondary", "associate", "bachelor", "master", "doctorate"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Alias(Strict):
    """An alias written out with options. A plain string in YAML is an alias with defaults."""

    text: Text
    case_sensitive: bool = Field(
        False, description="Match only with this exact capitalisation (e.g. 'R', 'Go', 'CV')."
    )
    ambiguous: bool = Field(
        False,
        description="The alias is also an ordinary word or abbreviation; it only counts in a "
        "technical context (a skills list or next to other skills). Implies case_sensitive.",
    )


AliasSpec = Union[Text, Alias]


class Category(Strict):
    id: Id
    label: Text
    description: str = ""


class RequirementBase(Strict):
    id: Id
    label: Text
    category: Id
    importance: Importance
    weight: float = Field(gt=0, le=10, description="Relative weight in the score.")
    description: Text
    suggestions: list[Text] = Field(min_length=1, description="Concrete ways to close the gap.")
    source: str = Field("", description="Where in the role description this comes from.")


class SkillRequirement(RequirementBase):
    """A skill or competency matched from the resume text."""

    kind: Literal["skill"] = "skill"
    aliases: list[AliasSpec] = Field(min_length=1)
    paraphrases: list[Text] = Field(
        default_factory=list,
        description="Sentences that describe the competency in experience bullets; used by the "
        "semantic matcher for competencies that are not keywords.",
    )
    implied_by: list[Id] = Field(
        default_factory=list,
        description="Other requirement ids whose evidence also counts as partial evidence here.",
    )
    min_mentions_for_met: int = Field(
        1, ge=1, le=10, description="Distinct supporting mentions needed for 'met'."
    )

    @field_validator("aliases")
    @classmethod
    def _no_duplicate_aliases(cls, v: list[AliasSpec]) -> list[AliasSpec]:
        seen: set[str] = set()
        for a in v:
            t = a if isinstance(a, str) else a.text
            key = t.lower() if isinstance(a, str) or not (a.case_sensitive or a.ambiguous) else t
            if key in seen:
                raise ValueError(f"duplicate alias {t!r}")
            seen.add(key)
        return v


class AnyOfRequirement(RequirementBase):
    """Met when at least ``min_count`` of the listed skill requirements are met."""

    kind: Literal["any_of"] = "any_of"
    of: list[Id] = Field(min_length=1)
    min_count: int = Field(1, ge=1)


class DegreeRequirement(RequirementBase):
    kind: Literal["degree"] = "degree"
    min_level: DegreeLevel
    fields: list[Id] = Field(
        default_factory=list, description="Field ids that count (empty list: any field)."
    )
    related_ok: bool = Field(True, description="A related field counts as partial.")


class ExperienceRequirement(RequirementBase):
    kind: Literal["experience"] = "experience"
    measure: Literal["total", "ai_ml", "architecture", "leadership"]
    min_years: float = Field(ge=0, le=60)
    max_years: float | None = Field(None, ge=0, le=60)

    @model_validator(mode="after")
    def _range(self) -> "ExperienceRequirement":
        if self.max_years is not None and self.max_years < self.min_years:
            raise ValueError("max_years is below min_years")
        return self


Requirement = Annotated[
    Union[SkillRequirement, AnyOfRequirement, DegreeRequirement, ExperienceRequirement],
    Field(discriminator="kind"),
]


class FieldOfStudy(Strict):
    id: Id
    label: Text
    aliases: list[Text] = Field(min_length=1)
    relevance: Literal["core", "related", "other"] = "core"


class Role(Strict):
    """A role taxonomy: what the role requires, as data."""

    schema_version: Literal[1] = 1
    id: Id
    title: Text
    version: str = "1"
    description: str = ""
    source: str = Field("", description="The document this taxonomy was authored from.")
    ladder: Id = Field(description="Id of the career ladder this role sits on.")
    level: Id = Field(description="Id of this role's level on the ladder.")
    categories: list[Category] = Field(min_length=1)
    fields_of_study: list[FieldOfStudy] = Field(default_factory=list)
    requirements: list[Requirement] = Field(min_length=1)

    @model_validator(mode="after")
    def _references(self) -> "Role":
        cats = {c.id for c in self.categories}
        ids: set[str] = set()
        for r in self.requirements:
            if r.id in ids:
                raise ValueError(f"duplicate requirement id {r.id!r}")
            ids.add(r.id)
            if r.category not in cats:
                raise ValueError(f"requirement {r.id!r}: unknown category {r.category!r}")
        skills = {r.id for r in self.requirements if isinstance(r, SkillRequirement)}
        fields = {f.id for f in self.fields_of_study}
        for r in self.requirements:
            if isinstance(r, AnyOfRequirement):
                bad = [x for x in r.of if x not in skills]
                if bad:
                    raise ValueError(f"requirement {r.id!r}: 'of' names unknown skills {bad}")
                if r.min_count > len(r.of):
                    raise ValueError(f"requirement {r.id!r}: min_count exceeds the list")
            if isinstance(r, SkillRequirement):
                bad = [x for x in r.implied_by if x not in skills]
                if bad:
                    raise ValueError(f"requirement {r.id!r}: implied_by names unknown skills {bad}")
            if isinstance(r, DegreeRequirement):
                bad = [x for x in r.fields if x not in fields]
                if bad:
                    raise ValueError(f"requirement {r.id!r}: unknown fields of study {bad}")
        return self

    # convenience -----------------------------------------------------------------
    def requirement(self, rid: str) -> Requirement:
        for r in self.requirements:
            if r.id == rid:
                return r
        raise KeyError(rid)

    @property
    def skills(self) -> list[SkillRequirement]:
        return [r for r in self.requirements if isinstance(r, SkillRequirement)]


class SalaryFigure(Strict):
    currency: Literal["USD"] = "USD"
    region: Text
    year: int = Field(ge=2000, le=2100)
    average: int | None = Field(None, ge=0)
    low: int | None = Field(None, ge=0)
    high: int | None = Field(None, ge=0)
    note: str = ""


class Level(Strict):
    id: Id
    title: Text
    rank: int = Field(ge=0, le=20)
    title_patterns: list[Text] = Field(
        min_length=1, description="Regular expressions (case-insensitive) matching job titles at this level."
    )
    min_years: float = Field(ge=0, le=60)
    min_leadership_years: float = Field(0, ge=0, le=60)
    scope: Text
    expectations: list[Text] = Field(min_length=1)
    salary: SalaryFigure | None = None

    @field_validator("title_patterns")
    @classmethod
    def _compile(cls, v: list[str]) -> list[str]:
        for p in v:
            try:
                re.compile(p)
            except re.error as exc:
                raise ValueError(f"bad regular expression {p!r}: {exc}") from None
        return v


class Ladder(Strict):
    schema_version: Literal[1] = 1
    id: Id
    title: Text
    source: str = ""
    entry_step: Text = Field(description="Advice for a profile with no AI/ML background at all.")
    levels: list[Level] = Field(min_length=2)

    @model_validator(mode="after")
    def _ranks(self) -> "Ladder":
        ranks = [lv.rank for lv in self.levels]
        if ranks != sorted(ranks) or len(set(ranks)) != len(ranks):
            raise ValueError("levels must be listed in strictly increasing rank")
        ids = [lv.id for lv in self.levels]
        if len(set(ids)) != len(ids):
            raise ValueError("duplicate level id")
        return self

    def level(self, lid: str) -> Level:
        for lv in self.levels:
            if lv.id == lid:
                return lv
        raise KeyError(lid)
