"""Privacy: nothing goes out on the network, logs and journals never hold resume text, ``--redact`` and
``batch --blind`` leave no name, e-mail, phone, address or URL in any output, and the package source
holds no unsafe deserialisation or shell calls."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
import tokenize
from pathlib import Path

import pytest

import analyzer
from analyzer.redact import MASK, redact_report
from analyzer.render import RENDERERS, render
from analyzer.report import validate_report_dict

import hostile
from conftest import AS_OF, ROOT, SAMPLES, personas
from hostile import run_cli_many

FORMATS = sorted(RENDERERS)
CANARY = "QXZCANARY7731"

_BLOCKER = r'''
import os, socket

_LOG = os.environ["SKILLGAP_NET_LOG"]


def _record(what, args):
    with open(_LOG, "a", encoding="utf-8") as fh:
        fh.write(f"{os.getpid()} {what} {args!r}\n")
    raise OSError(f"network blocked by the privacy test: {what}")


class _Socket(socket.socket):
    """Sockets may be created (urllib3, imported through spaCy's dependencies, probes IPv6 support by
    binding ::1 at import time) but an Internet socket can neither connect nor send."""

    def connect(self, address):
        if self.family != socket.AF_UNIX:
            _record("connect", address)
        return super().connect(address)

    def connect_ex(self, address):
        if self.family != socket.AF_UNIX:
            _record("connect_ex", address)
        return super().connect_ex(address)

    def sendto(self, *args):
        if self.family != socket.AF_UNIX:
            _record("sendto", args[-1])
        return super().sendto(*args)


socket.socket = _Socket
socket.create_connection = lambda *a, **k: _record("create_connection", a)
socket.getaddrinfo = lambda *a, **k: _record("getaddrinfo", a)
socket.gethostbyname = lambda *a, **k: _record("gethostbyname", a)
socket.gethostbyname_ex = lambda *a, **k: _record("gethostbyname_ex", a)
'''


def _resume_lines() -> list[str]:
    return ["Priya Natarajan-Holt", "Senior ML Engineer",
            "221B Baker Street, London NW1 6XE | +44 20 7946 0958 | priya.nh@example.org | https://priya-nh.example.dev",
            "", "EXPERIENCE", "Senior ML Engineer, Contoso AI — Jan 2019 – Present",
            f"• Built the {CANARY} fraud model in Python and PyTorch, deployed on AWS with Kubernetes.",
            "• Led a team of 4 engineers.", "", "EDUCATION", "MSc Computer Science, Example University, 2018",
            "", "SKILLS", "Python, PyTorch, AWS, Kubernetes, SQL"]


SECRETS = ["Priya", "Natarajan", "Holt", "Baker Street", "NW1 6XE", "7946 0958", "priya.nh@example.org",
           "priya-nh.example.dev"]


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("canary")
    lines = _resume_lines()
    text = "\n".join(lines) + "\n"
    (d / "canary.txt").write_text(text, "utf-8")
    (d / "canary.pdf").write_bytes(hostile.pdf([ln for ln in lines if ln], encrypt=None))
    (d / "canary.docx").write_bytes(hostile.docx_from_lines(lines))
    (d / "canary.html").write_bytes(hostile.html_page(text))
    return d


@pytest.fixture(scope="module")
def offline_run(files, tmp_path_factory):
    """The whole CLI (analyze in every format, --verbose and --redact; batch CSV and blind JSONL with two
    worker processes) in interpreters whose sockets are blocked and recorded."""
    site = tmp_path_factory.mktemp("site")
    (site / "sitecustomize.py").write_text(_BLOCKER, "utf-8")
    log = site / "net.log"
    import os

    env = dict(os.environ, PYTHONPATH=str(site), SKILLGAP_NET_LOG=str(log), NO_COLOR="1")
    out = tmp_path_factory.mktemp("offline")
    argvs = []
    for f in sorted(files.iterdir()):
        for fmt in FORMATS:
            argvs.append(["analyze", str(f), "--as-of", AS_OF.isoformat(), "--format", fmt, "--verbose"])
            argvs.append(["analyze", str(f), "--as-of", AS_OF.isoformat(), "--format", fmt, "--redact"])
    argvs.append(["batch", str(files), "--out", str(out / "rows.csv"), "--workers", "2", "--verbose",
                  "--as-of", AS_OF.isoformat()])
    argvs.append(["batch", str(files), "--out", str(out / "blind.jsonl"), "--workers", "0", "--blind", "--verbose",
                  "--as-of", AS_OF.isoformat()])
    argvs.append(["batch", str(files), "--out", str(out / "blind.csv"), "--workers", "0", "--blind",
                  "--as-of", AS_OF.isoformat()])
    results = run_cli_many(argvs, env=env)
    # the blocker is live in these interpreters: a deliberate connection is refused and recorded
    probe = subprocess.run([sys.executable, "-c", "import urllib.request as u; u.urlopen('http://example.com', timeout=2)"],
                           env=env, capture_output=True, text=True, timeout=60)
    return results, log, out, probe


def test_nothing_goes_out_on_the_network(offline_run):
    results, log, _, probe = offline_run
    assert all(r.code == 0 for r in results), [(r.argv, r.stderr[-500:]) for r in results if r.code]
    assert probe.returncode != 0 and "network blocked by the privacy test" in probe.stderr
    attempts = [ln for ln in log.read_text("utf-8").splitlines()] if log.exists() else []
    assert len(attempts) >= 1
    probe_pids = {a.split()[0] for a in attempts}
    assert len(probe_pids) == 1, f"something other than the probe tried the network: {attempts}"


def test_logs_never_hold_resume_text(offline_run):
    results, *_ = offline_run
    for r in results:
        for secret in [CANARY] + SECRETS:
            assert secret not in r.stderr, (r.argv, secret, r.stderr[-300:])


def test_csv_journal_holds_no_resume_text(offline_run):
    _, _, out, _ = offline_run
    journal = b"".join(p.read_bytes() for p in out.glob("rows.csv.journal.sqlite*"))
    assert journal and CANARY.encode() not in journal


def test_blind_batch_outputs_and_journal_hold_no_identity(offline_run):
    _, _, out, _ = offline_run
    for name in ("blind.jsonl", "blind.csv"):
        blob = (out / name).read_text("utf-8") + "".join(
            p.read_bytes().decode("utf-8", "replace") for p in out.glob(f"{name}.journal.sqlite*"))
        for secret in SECRETS:
            assert secret not in blob, (name, secret)
    rows = [json.loads(ln) for ln in (out / "blind.jsonl").read_text("utf-8").splitlines()]
    assert len(rows) == 4 and all(r["batch"]["status"] == "ok" for r in rows)
    assert all(CANARY in r["text"] for r in rows), "redaction keeps the resume's content"
    with open(out / "blind.csv", newline="", encoding="utf-8") as fh:
        assert not {"name", "email", "phone"} & set(next(csv.reader(fh)))


def test_redact_cli_every_format_and_file_type(offline_run):
    results, *_ = offline_run
    redacted = [r for r in results if "--redact" in r.argv]
    assert len(redacted) == 4 * len(FORMATS)
    for r in redacted:
        assert r.code == 0, r.argv
        if {"json", "html"} & set(r.argv):
            assert CANARY in r.stdout, r.argv  # the resume's content stays
        for secret in SECRETS:
            assert secret not in r.stdout, (r.argv, secret)
    plain = [r for r in results if r.argv[0] == "analyze" and "--redact" not in r.argv and "json" in r.argv]
    assert any("Priya" in r.stdout for r in plain), "without --redact the name is shown (the check can fail)"


def _persona_secrets(txt: Path) -> list[str]:
    """Name, its parts, and each part of the contact line, from the sample's own text."""
    lines = txt.read_text("utf-8").split("\n")
    name = lines[0].strip()
    contact = [p.strip() for p in lines[2].split("|")]
    return [name, *re.split(r"[\s-]+", name), *contact]


CASES = [(p["id"], fmt) for p in personas() for fmt in ("txt", "pdf", "docx")]


@pytest.mark.parametrize("pid,fmt", CASES)
def test_redact_removes_identity_from_every_format(analyzer_default, pid, fmt):
    report = analyzer_default.analyze(SAMPLES / f"{pid}.{fmt}", as_of=AS_OF)
    red = redact_report(report)
    assert red.score == report.score and red.assessment.gaps == redact_report(report).assessment.gaps
    assert len(red.text) == len(report.text)
    for e in red.evidence:
        assert red.text[e.start:e.end] == e.text
    validate_report_dict(red.to_dict())
    secrets = _persona_secrets(SAMPLES / f"{pid}.txt")
    assert any(s in render(report, "json") for s in secrets), "the check can fail"
    for fmt_out in FORMATS:
        out = render(red, fmt_out)
        leaks = [s for s in secrets if s in out]
        assert not leaks, (fmt_out, leaks)
    assert MASK in red.text


@pytest.mark.parametrize("line,secret", [
    ("Address: 42 Rue de la Paix, 75002 Paris", "Rue de la Paix"),
    ("Home address: Hauptstraße 5, 10115 Berlin", "Hauptstraße 5"),
    ("1600 Pennsylvania Avenue NW, Washington, DC 20500", "Pennsylvania Avenue"),
    ("Location: Lagos, Nigeria", "Lagos, Nigeria"),
    ("Tel. +49 (0)30 1234567 · Mobile 0171 2345678", "1234567"),
    ("Web: www.jane-example.dev · GitHub: github.com/jane-example", "jane-example"),
])
def test_redact_addresses_phones_and_urls_in_other_shapes(analyzer_default, line, secret):
    text = "Jane Example\n" + line + "\n\nEXPERIENCE\nML Engineer, Acme — 2019 – 2024\n• Python and PyTorch models.\n"
    red = redact_report(analyzer_default.analyze_text(text, as_of=AS_OF))
    for fmt in FORMATS:
        out = render(red, fmt)
        assert secret not in out and "Jane" not in out, (fmt, line)
    assert "Python and PyTorch models" in red.text and "2019 – 2024" in red.text  # content stays


# --------------------------------------------------------------------------- unsafe code

BANNED_NAMES = {"pickle", "cPickle", "_pickle", "dill", "shelve", "marshal", "cloudpickle", "unsafe_load", "full_load"}


def unsafe_calls(source: str) -> list[str]:
    """Unsafe constructs in Python ``source`` (code tokens only; comments and strings are ignored)."""
    toks = [t for t in tokenize.generate_tokens(io.StringIO(source).readline)
            if t.type in (tokenize.NAME, tokenize.OP, tokenize.NUMBER)]
    found = []
    for i, t in enumerate(toks):
        prev = toks[i - 1].string if i else ""
        nxt = toks[i + 1].string if i + 1 < len(toks) else ""
        if t.type != tokenize.NAME:
            continue
        where = f"line {t.start[0]}: "
        if t.string in BANNED_NAMES:
            found.append(where + t.string)
        elif t.string in ("eval", "exec") and nxt == "(" and prev != ".":
            found.append(where + t.string + "(")
        elif t.string in ("shell", "allow_pickle") and nxt == "=" and toks[i + 2].string == "True":
            found.append(where + t.string + "=True")
        elif t.string in ("system", "popen") and prev == "." and toks[i - 2].string == "os":
            found.append(where + "os." + t.string)
        elif t.string == "load" and prev == "." and toks[i - 2].string == "yaml":
            depth, j, args = 0, i + 1, []
            while j < len(toks):
                depth += toks[j].string == "("
                depth -= toks[j].string == ")"
                args.append(toks[j].string)
                if depth == 0:
                    break
                j += 1
            if "SafeLoader" not in args and "CSafeLoader" not in args:
                found.append(where + "yaml.load without SafeLoader")
    return found


def test_the_scanner_finds_what_it_must():
    bad = ("import pickle\nx = eval('1')\nexec(code)\nyaml.load(s)\nyaml.unsafe_load(s)\n"
           "subprocess.run(c, shell=True)\nnp.load(f, allow_pickle=True)\nos.system('ls')\n")
    assert len(unsafe_calls(bad)) == 8
    ok = ("model.eval()\nyaml.load(s, Loader=yaml.SafeLoader)\n# pickle in a comment\n'eval(' \n"
          "subprocess.run(['a'], shell=False)\nnp.load(f, allow_pickle=False)\n")
    assert unsafe_calls(ok) == []


def test_no_pickle_eval_exec_unsafe_yaml_or_shell_in_the_source():
    files = sorted((ROOT / "analyzer").rglob("*.py")) + sorted((ROOT / "bench").glob("*.py")) + [SAMPLES / "generate.py"]
    assert len(files) > 20
    hits = {str(f.relative_to(ROOT)): unsafe_calls(f.read_text("utf-8")) for f in files}
    assert {k: v for k, v in hits.items() if v} == {}


def test_no_resume_text_stays_in_the_text_memos_after_an_analysis():
    """The line and header-field memos of the section reader and the profile serve one document: once its
    analysis is done (or fails) they are empty, so no fragment of a resume is kept for the next one."""
    from analyzer import util

    text = (SAMPLES / "lead_ai_engineer.txt").read_text("utf-8") + f"\nEXPERIENCE\n{CANARY} Engineer, {CANARY} Ltd  2015 - 2019\n"
    report = analyzer.analyze_text(text, as_of=AS_OF)
    assert any(CANARY in (p.title or "") + (p.organisation or "") for p in report.profile.positions)
    assert len(util._TEXT_MEMOS) >= 2  # the heading memo and the title-word memos exist
    assert all(not memo for memo in util._TEXT_MEMOS)



def test_the_text_memos_are_emptied_when_an_analysis_fails(monkeypatch):
    import analyzer.core as core
    from analyzer import util

    def fail(*args, **kwargs):
        assert any(util._TEXT_MEMOS)  # the section reader has filled the heading memo by now
        raise RuntimeError("stage failed")

    monkeypatch.setattr(core, "build_profile", fail)
    with pytest.raises(RuntimeError):
        core.Analyzer().analyze_text((SAMPLES / "ai_engineer.txt").read_text("utf-8"), as_of=AS_OF)
    assert all(not memo for memo in util._TEXT_MEMOS)
