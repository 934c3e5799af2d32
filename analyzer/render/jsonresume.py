"""``--format jsonresume``: the parsed profile as a JSON Resume document (https://jsonresume.org/schema).

Standard fields carry what the resume says (basics, work, education, certificates, skills). What
skillgap adds lives under keys named ``x-skillgap`` (allowed by the schema's ``additionalProperties``):
per skill its requirement id, status, years in dated roles and the evidence (id, text, offsets,
section); per role its years and flags; at the top level the score, level and role.
"""

from __future__ import annotations

import json
import re
from typing import Any

from analyzer.types import Report

X = "x-skillgap"
_BULLET = re.compile(r"^\s*[•\-*▪●◦·]\s*")


def _url(u: str) -> str:
    return u if re.match(r"^[a-z][a-z0-9+.-]*://", u, re.I) else "https://" + u


def _network(u: str) -> str | None:
    names = {"linkedin": "LinkedIn", "github": "GitHub", "gitlab": "GitLab", "twitter": "Twitter", "x.com": "X",
             "kaggle": "Kaggle", "medium": "Medium", "stackoverflow": "Stack Overflow"}
    for key, name in names.items():
        if key in u.lower():
            return name
    return None


def _clean(s: str | None) -> str:
    return " ".join((s or "").split())


def to_jsonresume(report: Report) -> dict[str, Any]:
    p = report.profile
    a = report.assessment
    ct = p.contact
    text = report.text
    basics: dict[str, Any] = {}
    if ct.name:
        basics["name"] = _clean(ct.name)
    if p.current_title:
        basics["label"] = _clean(p.current_title)
    if ct.email:
        basics["email"] = ct.email
    if ct.phone:
        basics["phone"] = ct.phone
    profiles, site = [], None
    for u in ct.urls:
        net = _network(u)
        if net:
            user = _url(u).rstrip("/").rsplit("/", 1)[-1]
            profiles.append({"network": net, "username": user, "url": _url(u)})
        elif site is None:
            site = _url(u)
    if site:
        basics["url"] = site
    if profiles:
        basics["profiles"] = profiles
    if ct.location:
        basics["location"] = {"address": _clean(ct.location)}

    work = []
    for i, pos in enumerate(p.positions):
        d = pos.dates
        item: dict[str, Any] = {}
        if pos.organisation:
            item["name"] = _clean(pos.organisation)
        if pos.title:
            item["position"] = _clean(pos.title)
        if pos.location:
            item["location"] = _clean(pos.location)
        if d and d.start:
            item["startDate"] = d.start.strftime("%Y-%m")
        if d and d.end and not d.current:
            item["endDate"] = d.end.strftime("%Y-%m")
        highlights = [_clean(_BULLET.sub("", text[s:e])) for s, e in pos.bullets]
        if highlights:
            item["highlights"] = [x for x in highlights if x]
        item[X] = {"index": i, "years": round(pos.years, 2), "kind": pos.kind, "current": bool(d and d.current),
                   "leadership": pos.leadership, "ai_ml": pos.ai_ml, "date_text": d.text if d else None,
                   "start": pos.start, "end": pos.end,
                   "skills": sorted({e.skill_id for e in report.evidence if e.position == i and e.counts})}
        work.append(item)

    education = []
    for ed in p.education:
        item = {}
        if ed.institution:
            item["institution"] = _clean(ed.institution)
        if ed.field_text:
            item["area"] = _clean(ed.field_text)
        if ed.degree:
            item["studyType"] = _clean(ed.degree)
        if ed.year and 1000 <= ed.year <= 2999:
            item["endDate"] = str(ed.year)
        item[X] = {"level": ed.level, "field": ed.field, "status": ed.status, "start": ed.start, "end": ed.end}
        education.append(item)

    certificates = [{"name": _clean(c.name), X: {"skill_id": c.skill_id, "start": c.start, "end": c.end}}
                    for c in p.certifications]

    years = dict(p.skill_years)
    by_req = {r.id: r for r in a.requirements}
    skills = []
    seen_order: list[str] = []
    for e in report.evidence:
        if e.skill_id not in seen_order:
            seen_order.append(e.skill_id)
    for sid in seen_order:
        ev = [e for e in report.evidence if e.skill_id == sid and e.counts]
        if not ev:
            continue
        r = by_req.get(sid)
        named = [e for e in ev if e.matcher != "semantic"]
        keywords = sorted({_clean(e.text) for e in named}, key=str.lower)
        item = {"name": r.label if r else ev[0].label}
        levels = [e.proficiency for e in ev if e.proficiency]
        if levels:
            order = ["basic", "intermediate", "advanced", "expert"]
            item["level"] = max(levels, key=lambda x: order.index(x) if x in order else -1)
        if keywords:
            item["keywords"] = keywords
        item[X] = {"id": sid, "category": ev[0].category, "status": r.status if r else None,
                   "points": r.points if r else None, "years": round(years.get(sid, 0.0), 2),
                   "evidence": [{"id": e.id, "text": e.text, "start": e.start, "end": e.end, "section": e.section,
                                 "position": e.position, "matcher": e.matcher, "proficiency": e.proficiency}
                                for e in ev]}
        skills.append(item)

    c = a.career
    doc: dict[str, Any] = {
        "$schema": "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json",
        "basics": basics, "work": work, "education": education, "certificates": certificates, "skills": skills,
        "meta": {"version": "v1.0.0", X: {"tool": "skillgap", "tool_version": report.tool_version,
                                          "source": report.source.name, "as_of": report.as_of.isoformat()}},
        X: {"role": report.role.id, "score": a.score,
            "level": c.current_level.id, "next_level": c.next_level.id if c.next_level else None,
            "on_target": c.on_target,
            "years": {"total": round(p.total_experience_years, 2), "ai_ml": round(p.ai_ml_years, 2),
                      "leadership": round(p.leadership_years, 2), "architecture": round(p.architecture_years, 2)},
            "highest_degree": p.highest_degree,
            "requirements": {r.id: {"status": r.status, "points": r.points, "max_points": r.max_points} for r in a.requirements}},
    }
    return doc


def render_jsonresume(report: Report, *, indent: int | None = 2, **_) -> str:
    return json.dumps(to_jsonresume(report), ensure_ascii=False, indent=indent)
