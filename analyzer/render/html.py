"""HTML: one self-contained file - inline CSS and inline SVG charts, no external resources, no JavaScript.

Every string that comes from the resume (file name, titles, evidence, explanations, the text itself)
goes through :func:`h` (``html.escape`` with quotes). A Content-Security-Policy meta tag forbids
scripts and remote loads as a second line of defence.
"""

from __future__ import annotations

import math
from html import escape

from analyzer.render.common import (
    context,
    counts,
    evidence_for,
    requirements_by_category,
    salary_heading,
    salary_line,
    where,
    why,
)
from analyzer.types import Report

COLORS = {"met": "#1a7f37", "partial": "#b26a00", "missing": "#c62828"}
LABELS = {"met": "met", "partial": "partial", "missing": "missing"}


def h(s: object) -> str:
    return escape(str(s), quote=True)


CSS = """
:root{--ink:#1f2328;--muted:#57606a;--line:#d0d7de;--bg:#f6f8fa;--accent:#0b5cad;--met:#1a7f37;--partial:#b26a00;--missing:#c62828}
*{box-sizing:border-box}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:#fff;margin:0}
main{max-width:1120px;margin:0 auto;padding:28px 32px 48px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:20px;margin:32px 0 12px;padding-bottom:6px;border-bottom:1px solid var(--line)}
h3{font-size:16px;margin:22px 0 8px}
.muted{color:var(--muted)}.small{font-size:13px}
.top{display:grid;grid-template-columns:180px 1fr;gap:28px;align-items:center;background:var(--bg);border:1px solid var(--line);border-radius:12px;padding:20px 24px}
.facts{display:grid;grid-template-columns:repeat(auto-fit,minmax(170px,1fr));gap:10px 20px;margin-top:12px}
.fact b{display:block;font-size:12px;color:var(--muted);font-weight:600;text-transform:uppercase;letter-spacing:.04em}
.level{display:inline-flex;gap:8px;align-items:center;flex-wrap:wrap;margin-top:6px}
.chip{display:inline-block;border-radius:999px;padding:3px 12px;font-weight:600;font-size:14px;border:1px solid var(--line);background:#fff}
.chip.now{background:#0b5cad;color:#fff;border-color:#0b5cad}.chip.off{background:var(--missing);color:#fff;border-color:var(--missing)}
.warn{background:#fff8e1;border:1px solid #f0c36d;border-radius:8px;padding:10px 14px;margin:16px 0}
.alert{background:#fdecea;border:1px solid #f5b5ae;border-radius:8px;padding:12px 16px;margin:16px 0;font-size:16px}
.charts{display:grid;grid-template-columns:1.15fr 1fr;gap:16px;align-items:start}
.card{border:1px solid var(--line);border-radius:12px;padding:16px 18px;background:#fff}
ol.todo{padding-left:22px;margin:6px 0}ol.todo li{margin:5px 0}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{text-align:left;vertical-align:top;padding:7px 8px;border-bottom:1px solid var(--line)}
th{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
td.num,th.num{text-align:right;white-space:nowrap}
.pill{display:inline-block;min-width:68px;text-align:center;border-radius:999px;padding:1px 8px;font-size:12px;font-weight:700;color:#fff}
.pill.met{background:var(--met)}.pill.partial{background:var(--partial)}.pill.missing{background:var(--missing)}
.imp{font-size:12px;color:var(--muted)}
details{margin-top:4px}summary{cursor:pointer;color:var(--accent);font-size:13px}
.ev{margin:6px 0 0;padding:6px 10px;border-left:3px solid var(--line);background:var(--bg);font-size:13px}
.ev .meta{color:var(--muted);font-size:12px}
mark{background:#fff3b0;padding:0 2px;border-radius:3px}
mark.no{background:#fde2e1;text-decoration:line-through}
pre.resume{white-space:pre-wrap;font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:var(--bg);border:1px solid var(--line);border-radius:8px;padding:14px}
footer{margin-top:36px;color:var(--muted);font-size:13px}
@media (max-width:800px){.top,.charts{grid-template-columns:1fr}}
@media print{summary{display:none}details{display:block}}
"""


def _donut(score: float, on_target: bool) -> str:
    r, c = 62.0, 2 * math.pi * 62.0
    frac = max(0.0, min(1.0, score / 100))
    color = "#0b5cad" if on_target else COLORS["missing"]
    return (f'<svg viewBox="0 0 160 160" width="160" height="160" role="img" aria-label="score {score:.1f} of 100">'
            f'<circle cx="80" cy="80" r="{r}" fill="none" stroke="#e6eaef" stroke-width="16"/>'
            f'<circle cx="80" cy="80" r="{r}" fill="none" stroke="{color}" stroke-width="16" stroke-linecap="round" '
            f'stroke-dasharray="{c * frac:.2f} {c:.2f}" transform="rotate(-90 80 80)"/>'
            f'<text x="80" y="84" text-anchor="middle" font-size="34" font-weight="700" fill="#1f2328">{score:.1f}</text>'
            f'<text x="80" y="106" text-anchor="middle" font-size="13" fill="#57606a">of 100</text></svg>')


def _bars(report: Report) -> str:
    cats = report.assessment.categories
    row, lw, bw = 30, 250, 250
    hgt = row * len(cats) + 10
    out = [f'<svg viewBox="0 0 {lw + bw + 110} {hgt}" width="100%" role="img" aria-label="coverage by category">']
    for i, c in enumerate(cats):
        y = 6 + i * row
        cov = max(0.0, min(1.0, c.coverage))
        color = COLORS["met"] if cov >= 0.75 else (COLORS["partial"] if cov >= 0.4 else COLORS["missing"])
        out.append(f'<text x="{lw - 10}" y="{y + 15}" text-anchor="end" font-size="13" fill="#1f2328">{h(c.label)}</text>'
                   f'<rect x="{lw}" y="{y + 2}" width="{bw}" height="18" rx="4" fill="#eef1f4"/>'
                   f'<rect x="{lw}" y="{y + 2}" width="{bw * cov:.1f}" height="18" rx="4" fill="{color}"/>'
                   f'<text x="{lw + bw + 8}" y="{y + 15}" font-size="12" fill="#57606a">{cov:.0%} · {c.points:.1f}/{c.max_points:.1f}</text>')
    out.append("</svg>")
    return "".join(out)


def _radar(report: Report) -> str:
    cats = report.assessment.categories
    n = len(cats)
    if n < 3:
        return ""
    cx, cy, R = 270.0, 180.0, 118.0

    def pt(i: int, f: float) -> tuple[float, float]:
        ang = -math.pi / 2 + 2 * math.pi * i / n
        return cx + R * f * math.cos(ang), cy + R * f * math.sin(ang)

    out = ['<svg viewBox="0 0 540 360" width="100%" role="img" aria-label="coverage radar">']
    for ring in (0.25, 0.5, 0.75, 1.0):
        pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in (pt(i, ring) for i in range(n)))
        out.append(f'<polygon points="{pts}" fill="none" stroke="#d0d7de" stroke-width="1"/>')
    for i, c in enumerate(cats):
        x, y = pt(i, 1.0)
        out.append(f'<line x1="{cx}" y1="{cy}" x2="{x:.1f}" y2="{y:.1f}" stroke="#e6eaef"/>')
        lx, ly = pt(i, 1.12)
        anchor = "middle" if abs(lx - cx) < 12 else ("start" if lx > cx else "end")
        words = c.label.split()
        lines, cur = [], ""
        for w in words:
            if cur and len(cur) + len(w) > 18:
                lines.append(cur)
                cur = w
            else:
                cur = f"{cur} {w}".strip()
        lines.append(cur)
        dy0 = ly - (len(lines) - 1) * 6 + 4
        spans = "".join(f'<tspan x="{lx:.1f}" y="{dy0 + k * 12:.1f}">{h(t)}</tspan>' for k, t in enumerate(lines))
        out.append(f'<text font-size="11" fill="#57606a" text-anchor="{anchor}">{spans}</text>')
    pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in (pt(i, max(0.02, min(1.0, c.coverage))) for i, c in enumerate(cats)))
    out.append(f'<polygon points="{pts}" fill="rgba(11,92,173,.25)" stroke="#0b5cad" stroke-width="2"/>')
    for i, c in enumerate(cats):
        x, y = pt(i, max(0.02, min(1.0, c.coverage)))
        out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="#0b5cad"/>')
    out.append("</svg>")
    return "".join(out)


def _snippet(report: Report, e) -> str:
    b, m, a = context(report.text, e, 80)
    cls = ' class="no"' if not e.counts else ""
    flags = ", ".join(f for f, on in (("negated", e.negated), ("a wish", e.hypothetical)) if on)
    meta = f"{h(e.id)} · {h(where(report, e))} · {h(e.matcher)} match" + (f" · {h(flags)}" if flags else "") \
        + (f" · {h(e.proficiency)}" if e.proficiency else "")
    return f'<div class="ev">…{h(b)}<mark{cls}>{h(m)}</mark>{h(a)}…<div class="meta">{meta}</div></div>'


def _resume_text(report: Report) -> str:
    text = report.text
    spans = sorted(((e.start, e.end, e) for e in report.evidence if e.matcher != "semantic" and e.end > e.start),
                   key=lambda t: (t[0], -t[1]))
    out, pos = [], 0
    for s, t, e in spans:
        if s < pos:
            continue
        out.append(h(text[pos:s]))
        cls = ' class="no"' if not e.counts else ""
        out.append(f'<mark{cls} title="{h(e.label)} ({h(e.id)})">{h(text[s:t])}</mark>')
        pos = t
    out.append(h(text[pos:]))
    return "".join(out)


def render_html(report: Report, **_) -> str:
    a = report.assessment
    c = a.career
    p = report.profile
    n = counts(report)
    nxt = c.next_level.title if c.next_level else "top of the ladder"
    o: list[str] = []
    o.append('<!doctype html><html lang="en"><head><meta charset="utf-8">'
             '<meta name="viewport" content="width=device-width,initial-scale=1">'
             '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; img-src data:">'
             f'<title>Skill-gap report: {h(report.source.name)} vs {h(report.role.title)}</title>'
             f'<style>{CSS}</style></head><body><main>')
    o.append(f'<h1>Skill-gap report — {h(report.role.title)}</h1>'
             f'<div class="muted">{h(report.source.name)} · as of {h(report.as_of.isoformat())} · skillgap {h(report.tool_version)}</div>')
    now_cls = "now" if c.on_target else "off"
    o.append('<section class="top" style="margin-top:16px">' + _donut(a.score, c.on_target) + "<div>"
             f'<div style="font-size:18px"><b>{a.score:.1f} / 100</b> fit with {h(report.role.title)} — '
             f'<span style="color:var(--met)">{n["met"]} met</span>, <span style="color:var(--partial)">{n["partial"]} partial</span>, '
             f'<span style="color:var(--missing)">{n["missing"]} missing</span></div>'
             f'<div class="level"><span class="chip {now_cls}">{h(c.current_level.title)}</span><span>→</span>'
             f'<span class="chip">{h(nxt)}</span></div><div class="facts">'
             f'<div class="fact"><b>Current title</b>{h(p.current_title or "not found")}</div>'
             f'<div class="fact"><b>Experience</b>{p.total_experience_years:.1f} years</div>'
             f'<div class="fact"><b>AI/ML</b>{p.ai_ml_years:.1f} years</div>'
             f'<div class="fact"><b>Leadership</b>{p.leadership_years:.1f} years</div>'
             f'<div class="fact"><b>Highest degree</b>{h(p.highest_degree or "not found")}</div>'
             "</div></div></section>")
    for w in report.warnings:
        o.append(f'<div class="warn"><b>Warning:</b> {h(w)}</div>')
    if not c.on_target:
        o.append(f'<div class="alert"><b>Not on the AI engineering ladder yet.</b> {h(c.reasons[0])}</div>')
    o.append('<h2>Coverage by category</h2><div class="charts"><div class="card">' + _bars(report) +
             '</div><div class="card">' + _radar(report) + "</div></div>")
    o.append(f'<h2>Next step: {h(c.current_level.title)} → {h(nxt)}</h2><div class="card"><h3 style="margin-top:0">Why this level</h3><ul>')
    o += [f"<li>{h(x)}</li>" for x in c.reasons]
    o.append('</ul><h3>What it takes, in order</h3><ol class="todo">')
    o += [f"<li>{h(x)}</li>" for x in c.to_next_level]
    o.append("</ol>")
    if c.salary:
        o.append(f"<h3>{h(salary_heading(report))}</h3><ul>" + "".join(f"<li>{h(salary_line(s))}</li>" for s in c.salary) + "</ul>")
    o.append("</div>")
    o.append('<h2>Gaps, in the order to work on them</h2><table><thead><tr><th class="num">#</th><th>Requirement</th>'
             '<th>Status</th><th class="num">To gain</th><th>Suggestions</th></tr></thead><tbody>')
    for g in a.gaps:
        sug = "".join(f"<li>{h(x)}</li>" for x in g.suggestions)
        o.append(f'<tr><td class="num">{g.priority}</td><td>{h(g.label)}<div class="imp">{h(g.importance)}</div></td>'
                 f'<td><span class="pill {h(g.status)}">{h(LABELS.get(g.status, g.status))}</span></td>'
                 f'<td class="num">+{g.points_available:.1f}</td><td><ul style="margin:0;padding-left:18px">{sug}</ul></td></tr>')
    o.append("</tbody></table>")
    o.append("<h2>Requirements and evidence</h2>")
    for _cid, label, reqs in requirements_by_category(report):
        got = sum(r.points for r in reqs)
        top = sum(r.max_points for r in reqs)
        o.append(f'<h3>{h(label)} <span class="muted small">{got:.1f} / {top:.1f} points</span></h3><table><thead><tr>'
                 '<th>Status</th><th>Requirement</th><th class="num">Points</th><th>Why</th></tr></thead><tbody>')
        for r in reqs:
            ev = evidence_for(report, r)
            det = ""
            if ev:
                det = (f"<details><summary>{len(ev)} evidence item{'s' if len(ev) != 1 else ''} in context</summary>"
                       + "".join(_snippet(report, e) for e in ev[:8]) + "</details>")
            o.append(f'<tr><td><span class="pill {h(r.status)}">{h(LABELS.get(r.status, r.status))}</span></td>'
                     f'<td>{h(r.label)}<div class="imp">{h(r.importance)} · <code>{h(r.id)}</code></div></td>'
                     f'<td class="num">{r.points:.1f} / {r.max_points:.1f}</td><td>{h(why(r))}{det}</td></tr>')
        o.append("</tbody></table>")
    o.append(f'<h2>Resume text</h2><details><summary>Show the text as read, with every keyword match highlighted '
             f'(struck through: negated or a wish)</summary><pre class="resume">{_resume_text(report)}</pre></details>')
    o.append("<footer>How the score works: each requirement's maximum points are its weight's share of 100; it earns "
             "them when met, a fraction when partial and nothing when missing, and the score is the sum. Negated and "
             "wished-for mentions, keyword dumps and repeats earn nothing; name, contact data and other personal "
             "details are never used. Salary figures: US market, 2024, from the role description. "
             f"Explain one line: <code>skillgap analyze {h(report.source.name)} --explain REQUIREMENT_ID</code>."
             "</footer></main></body></html>\n")
    return "".join(o)
