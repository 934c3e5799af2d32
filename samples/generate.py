#!/usr/bin/env python3
"""Generate the sample resumes in ``samples/`` (TXT, DOCX and PDF) and ``samples/personas.json``.

Everything here was written by the skillgap project: the people, companies, universities, contact
details and publications are invented (``example.com`` e-mails, ``555-01xx`` phone numbers).

Each persona is defined once, as data, and rendered three ways from that same data:

* TXT  -- plain text, the persona's own bullet character, dates as written;
* DOCX -- python-docx: real headings, "List Bullet" paragraphs, the contact line in the page header,
  right-aligned dates on a tab stop, a table for the skills section where the persona asks for one;
* PDF  -- reportlab platypus, standard Helvetica fonts (real text, nothing rasterised), one column or
  two columns with a left or right sidebar (contact, skills, education, certifications, languages).

The output is deterministic: no randomness, no clock, no network. Dates are fixed; "Present" means
the reference date ``AS_OF`` (2026-06-30). PDFs are written with reportlab's invariant mode and DOCX
archives with fixed ZIP timestamps, so two runs produce byte-identical files.

Usage::

    python samples/generate.py            # writes next to this file
    python samples/generate.py --out DIR  # writes somewhere else (for comparisons)

Needs reportlab (the ``samples`` extra) and python-docx (a core dependency).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

AS_OF = dt.date(2026, 6, 30)
AS_OF_MONTH = (AS_OF.year, AS_OF.month)
DOC_DATE = dt.datetime(2026, 1, 15, 9, 0, 0)  # fixed DOCX created/modified stamp
ZIP_DATE = (2026, 1, 15, 9, 0, 0)  # fixed ZIP member timestamp

MONTHS_SHORT = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
MONTHS_LONG = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December"]
SEASONS = {"Spring": (3, 5), "Summer": (6, 8), "Fall": (9, 11)}

YM = tuple[int, int]  # (year, month)


# --------------------------------------------------------------------------------------------------
# The data model
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Contact:
    name: str
    email: str
    phone: str
    city: str
    linkedin: str
    github: str | None = None

    def parts(self) -> list[str]:
        out = [self.city, self.phone, self.email, self.linkedin]
        if self.github:
            out.append(self.github)
        return out


@dataclass(frozen=True)
class Position:
    title: str
    company: str
    location: str
    start: YM
    end: YM | None  # None: open ("Present")
    date_style: str  # see format_dates()
    bullets: tuple[str, ...]
    kind: str = "full_time"  # or "internship" / "part_time" (part-time overlaps are merged, never added)
    leadership: bool = False  # formal leadership for the whole position (title or managed team)

    @property
    def dates(self) -> str:
        return format_dates(self.start, self.end, self.date_style)


@dataclass(frozen=True)
class Degree:
    degree: str  # "BSc", "MSc", "PhD", "Associate of Applied Science"
    field: str
    institution: str
    location: str
    year: int
    note: str | None = None  # thesis, coursework, honours


@dataclass(frozen=True)
class Section:
    """One resume section. ``kind`` selects the renderer; ``column`` matters only for two-column PDFs."""

    key: str
    heading: str
    kind: str  # text | positions | skills | education | list
    items: tuple = ()
    column: str = "main"  # main | side
    bulleted: bool = False  # for kind == "list"
    table: bool = False  # for kind == "skills": render as a table in DOCX


@dataclass(frozen=True)
class Persona:
    id: str
    intended_level: str
    highest_degree: str
    current_title: str
    contact: Contact
    headline: str
    layout: str  # one-column | two-column
    sidebar: str | None  # left | right (two-column only)
    bullet: str  # "•" or "-"
    position_style: str  # how a position's title/company/dates lines are laid out (see renderers)
    sections: tuple[Section, ...]
    accent: str = "#1F3A5F"
    leadership_extra: tuple[tuple[YM, YM], ...] = ()  # formal leadership inside a position (e.g. a project lead year)
    traps: tuple[str, ...] = ()

    def positions(self) -> list[Position]:
        return [p for s in self.sections if s.kind == "positions" for p in s.items]


# --------------------------------------------------------------------------------------------------
# Dates and the intended facts
# --------------------------------------------------------------------------------------------------


def format_dates(start: YM, end: YM | None, style: str) -> str:
    (y1, m1) = start
    if style == "mon_en":  # "Jan 2019 – Present"
        e = "Present" if end is None else f"{MONTHS_SHORT[end[1] - 1]} {end[0]}"
        return f"{MONTHS_SHORT[m1 - 1]} {y1} – {e}"
    if style == "mon_hy":  # "Sep 2012 - Aug 2014"
        e = "Present" if end is None else f"{MONTHS_SHORT[end[1] - 1]} {end[0]}"
        return f"{MONTHS_SHORT[m1 - 1]} {y1} - {e}"
    if style == "num":  # "03/2016 - 12/2018"
        e = "Present" if end is None else f"{end[1]:02d}/{end[0]}"
        return f"{m1:02d}/{y1} - {e}"
    if style == "month_to":  # "March 2021 to Current"
        e = "Current" if end is None else f"{MONTHS_LONG[end[1] - 1]} {end[0]}"
        return f"{MONTHS_LONG[m1 - 1]} {y1} to {e}"
    if style == "year_en":  # "2014–2016": only whole calendar years can be written this way
        assert end is not None and m1 == 1 and end[1] == 12, "year-only dates need Jan..Dec"
        return f"{y1}–{end[0]}"
    if style == "season":  # "Summer 2018"
        for name, (a, b) in SEASONS.items():
            if end is not None and (m1, end[1]) == (a, b) and end[0] == y1:
                return f"{name} {y1}"
        raise AssertionError("season dates need e.g. Jun..Aug of one year")
    raise ValueError(style)


def months(start: YM, end: YM | None) -> set[int]:
    e = end or AS_OF_MONTH
    a = start[0] * 12 + start[1] - 1
    b = e[0] * 12 + e[1] - 1
    assert b >= a, (start, end)
    return set(range(a, b + 1))


def years(month_set: set[int]) -> float:
    return round(len(month_set) / 12, 2)


def intended_facts(p: Persona) -> dict:
    """Total full-time years (union of months, part-time and internships never add time) and
    leadership years, as of AS_OF, computed from the same data the renderers use."""
    total: set[int] = set()
    lead: set[int] = set()
    for pos in p.positions():
        m = months(pos.start, pos.end)
        if pos.kind in ("full_time", "part_time"):
            # a part-time role counts only where it does not overlap a full-time one; ours are all
            # inside full-time ranges, which is the point: merging must not double count them
            total |= m
        if pos.leadership:
            lead |= m
    for a, b in p.leadership_extra:
        lead |= months(a, b)
    return {"total": years(total), "leadership": years(lead)}


# --------------------------------------------------------------------------------------------------
# The personas (all invented)
# --------------------------------------------------------------------------------------------------

JUNIOR = Persona(
    id="junior_ml_engineer",
    intended_level="junior_ai_engineer",
    highest_degree="bachelor",
    current_title="Junior ML Engineer",
    contact=Contact("Noah Fernsby", "noah.fernsby@example.com", "(512) 555-0117", "Austin, TX",
                    "linkedin.com/in/noah-fernsby-example", "github.com/nfernsby-example"),
    headline="Junior Machine Learning Engineer",
    layout="one-column",
    sidebar=None,
    bullet="-",
    position_style="title_company_then_dates",
    accent="#2E5E4E",
    sections=(
        Section("summary", "Summary", "text", (
            "Junior ML engineer with 1.5 years of experience building and maintaining classical machine learning "
            "models in Python. Comfortable with scikit-learn and pandas for feature engineering, training and "
            "evaluation, with TensorFlow basics from coursework and one small prototype. Looking to grow towards "
            "MLOps and larger-scale data processing.",
        )),
        Section("experience", "Work Experience", "positions", (
            Position("Junior ML Engineer", "Brightpath Logistics", "Austin, TX", (2025, 1), None, "mon_en", (
                "Retrained and tuned a gradient-boosted delivery-delay classifier with scikit-learn; recall on late "
                "shipments up 9 points after adding carrier and weather features",
                "Wrote feature pipelines in pandas and SQL over 40 million shipment events, with pytest unit tests",
                "Prototyped a small TensorFlow/Keras model for parcel-volume prediction (basics; reviewed and "
                "handed over to the senior team)",
                "Packaged a model behind a Flask REST endpoint and documented it for the on-call rota",
                "Join weekly model-performance check-ins and code reviews with the data science team",
            )),
            Position("Machine Learning Intern", "Copperline Retail Analytics", "Dallas, TX", (2022, 6), (2022, 8),
                     "season", (
                "Cleaned and labelled 12,000 product reviews and trained a TF-IDF + logistic regression sentiment "
                "baseline in scikit-learn",
                "Presented the results and error analysis to the analytics team at the end of the internship",
            ), kind="internship"),
        )),
        Section("education", "Education:", "education", (
            Degree("BSc", "Computer Science", "Pecan Valley University", "Austin, TX", 2023,
                   "Relevant coursework: Machine Learning, Statistics, Databases, Algorithms"),
        )),
        Section("skills", "Technical Skills", "skills", (
            ("Languages", "Python, SQL, Bash"),
            ("ML & Data", "scikit-learn, pandas, NumPy, Matplotlib, TensorFlow (basics)"),
            ("Tools", "Git, Jupyter, Flask, pytest, Docker (basic)"),
            (None, "Interested in learning Kubernetes and Spark."),
        )),
        Section("projects", "Projects", "list", (
            "Bike-share demand forecaster: pandas and scikit-learn regression on public trip data, with a "
            "Streamlit dashboard",
            "Handwritten digit classifier with TensorFlow (a first CNN, course project)",
        ), bulleted=True),
        Section("interests", "Interests", "list", (
            "Bouldering, chess, and volunteering at a weekend coding club for teenagers",
        )),
    ),
    traps=(
        "The internship (\"Machine Learning Intern\", \"Summer 2022\") must not count towards experience.",
        "\"Interested in learning Kubernetes and Spark.\" is a wish, not a skill.",
        "\"TensorFlow (basics)\" / \"Docker (basic)\": low proficiency.",
        "Heading with a trailing colon (\"Education:\"); a \"Languages:\" line inside Technical Skills "
        "that is not the spoken-languages section.",
    ),
)

AI_ENGINEER = Persona(
    id="ai_engineer",
    intended_level="ai_engineer",
    highest_degree="bachelor",
    current_title="AI Engineer",
    contact=Contact("Leila Marchetti-Stone", "leila.marchetti@example.com", "(206) 555-0142", "Seattle, WA",
                    "linkedin.com/in/lmarchetti-example"),
    headline="AI Engineer · NLP · MLOps on AWS",
    layout="two-column",
    sidebar="right",
    bullet="•",
    position_style="pipe_one_line",
    accent="#5B2A86",
    sections=(
        Section("summary", "Profile", "text", (
            "AI engineer with 3.5 years of experience shipping NLP models to production on AWS. I turn research "
            "prototypes in PyTorch into reliable, containerised services with CI/CD, tests and monitoring.",
        )),
        Section("skills", "Skills", "skills", (
            ("Languages", "Python, SQL, Bash"),
            ("ML / NLP", "PyTorch, Hugging Face Transformers, spaCy, scikit-learn"),
            ("Cloud & MLOps", "AWS (SageMaker, ECS, S3, Lambda), Docker, GitHub Actions CI/CD, MLflow"),
            ("Data", "pandas, PostgreSQL, Airflow"),
            (None, "No experience with Scala yet."),
        ), column="side"),
        Section("experience", "Experience", "positions", (
            Position("AI Engineer", "Copperleaf Health", "Seattle, WA", (2024, 7), None, "num", (
                "Own the clinical-notes NLP service: fine-tuned transformer models in PyTorch (Hugging Face) for "
                "entity extraction, F1 0.91 on the held-out set",
                "Containerised training and inference with Docker; deploy to AWS (ECS, S3, SageMaker endpoints) "
                "through a GitHub Actions CI/CD pipeline",
                "Cut p95 inference latency from 480 ms to 190 ms with ONNX export and request batching",
                "Added drift and latency dashboards in CloudWatch and Grafana, and data-quality checks that gate "
                "every model release",
                "Pair with two data scientists to turn notebooks into tested Python packages",
            )),
            Position("ML Engineer", "Tidewater Media", "Portland, OR", (2023, 1), (2024, 6), "num", (
                "Built a text-classification pipeline (PyTorch, spaCy) that tags 200k news articles a day into 45 "
                "topics",
                "Moved batch jobs from cron on EC2 to AWS Batch, with Docker images built and tested in CI",
                "Reduced labelling cost by 35% with an active-learning loop",
                "Ran offline and A/B evaluations of recommendation models with the product analytics team",
            )),
        )),
        Section("education", "Education", "education", (
            Degree("BSc", "Computer Engineering", "Cascadia Institute of Technology", "Seattle, WA", 2022),
        ), column="side"),
        Section("languages", "Languages", "list", ("English (native)", "Italian (fluent)"), column="side"),
    ),
    traps=(
        "\"No experience with Scala yet.\" is a negation: Scala must not count.",
        "Dates as MM/YYYY (\"01/2023 - 06/2024\", \"07/2024 - Present\").",
        "Two-column PDF with a right sidebar; the sidebar \"Languages\" lists spoken languages, while a "
        "\"Languages:\" line in Skills lists programming languages.",
        "\"CI/CD\" with a slash; \"AWS (SageMaker, ECS, S3, Lambda)\" with nested services.",
    ),
)

SENIOR = Persona(
    id="senior_ai_engineer",
    intended_level="senior_ai_engineer",
    highest_degree="master",
    current_title="Senior AI Engineer",
    contact=Contact("Daniel Okonkwo-Reyes", "daniel.okonkwo-reyes@example.com", "(312) 555-0163", "Chicago, IL",
                    "linkedin.com/in/daniel-okonkwo-reyes-example"),
    headline="Senior AI Engineer",
    layout="one-column",
    sidebar=None,
    bullet="•",
    position_style="right_aligned",
    accent="#7A2E1F",
    leadership_extra=(((2024, 7), (2025, 6)),),  # the 12 months as project lead
    sections=(
        Section("summary", "SUMMARY", "text", (
            "Senior AI engineer with 7 years of experience in deep learning, time series forecasting and computer "
            "vision. I build models that run at scale on Spark and GCP, and I enjoy mentoring junior engineers.",
        )),
        Section("experience", "PROFESSIONAL EXPERIENCE", "positions", (
            Position("Senior AI Engineer", "Larkspur Energy", "Chicago, IL", (2023, 7), None, "mon_hy", (
                "Main developer of the grid-load forecasting service: a temporal fusion transformer and "
                "gradient-boosting ensemble in PyTorch on Spark-prepared features in GCP (Vertex AI, BigQuery, "
                "Dataproc); MAPE down from 6.1% to 3.8%",
                "Project lead for 12 months on the demand-forecasting rebuild, coordinating a 4-person project "
                "group (two ML engineers, a data engineer and an analyst)",
                "Built a computer vision pipeline (YOLO-based detector in PyTorch) that flags vegetation near "
                "power lines in drone imagery",
                "Designed Spark jobs and feature tables processing 2 TB of smart-meter readings a day",
                "Mentor two junior engineers informally: weekly pairing, code reviews and career conversations",
            )),
            Position("Machine Learning Engineer", "Ferrowind Manufacturing", "Milwaukee, WI", (2020, 7), (2023, 6),
                     "mon_hy", (
                "Trained CNN defect-detection models (TensorFlow, Keras) for steel coils; 96% precision at line speed",
                "Built LSTM and Prophet forecasts of spare-parts demand across 14 plants",
                "Ported batch feature pipelines from pandas to PySpark, cutting runtime from 7 hours to 40 minutes",
                "Set up the model registry and scheduled retraining with MLflow and Airflow",
            )),
            Position("Data Scientist", "Harborview Insurance Group", "Chicago, IL", (2019, 7), (2020, 6), "mon_hy", (
                "Built claim-frequency models (GLMs, XGBoost) and monthly loss forecasts in Python and SQL",
                "Turned ad-hoc reporting notebooks into scheduled, tested jobs",
            )),
        )),
        Section("education", "EDUCATION", "education", (
            Degree("MSc", "Data Science", "Lakeshore University of Technology", "Chicago, IL", 2019),
            Degree("BSc", "Mathematics", "Prairie State College of Sciences", "Springfield, IL", 2017),
        )),
        Section("skills", "TECHNICAL SKILLS", "skills", (
            ("Deep learning", "PyTorch, TensorFlow, Keras"),
            ("Time series", "temporal fusion transformers, LSTM, Prophet, statsmodels"),
            ("Computer vision", "OpenCV, YOLO, torchvision"),
            ("Data & cloud", "Spark (PySpark), BigQuery, Airflow, MLflow | GCP (Vertex AI, Dataproc)/AWS basics"),
            ("Programming", "Python, SQL, R | Git, Docker"),
        )),
        Section("projects", "PROJECTS", "list", (
            "Contributor to an open-source forecasting library: bug fixes and a quantile-loss option",
            "Meetup talk \"Forecasting the grid with transformers\", Chicago ML community",
        ), bulleted=True),
        Section("certifications", "CERTIFICATIONS", "list", (
            "Google Cloud Professional Machine Learning Engineer (2022)",
            "Deep Learning Specialization, online course certificate (2019)",
        )),
    ),
    traps=(
        "Leadership is thin: 12 months as project lead inside a 3-year position plus informal mentoring; "
        "intended leadership is 1 year, not the whole 3-year position.",
        "Dates right-aligned on the title line in the PDF (a separate text block in layout analysis) and "
        "space-padded in the TXT.",
        "\"Python, SQL, R | Git, Docker\" and \"... | GCP (Vertex AI, Dataproc)/AWS basics\" separators; "
        "\"AWS basics\" is low proficiency.",
        "ALL CAPS headings.",
    ),
)

LEAD = Persona(
    id="lead_ai_engineer",
    intended_level="lead_ai_engineer",
    highest_degree="master",
    current_title="Lead AI Engineer",
    contact=Contact("Morgan Quinnell", "morgan.quinnell@example.com", "(617) 555-0188", "Boston, MA",
                    "linkedin.com/in/mquinnell-example", "github.com/mquinnell-example"),
    headline="Lead AI Engineer",
    layout="two-column",
    sidebar="left",
    bullet="•",
    position_style="right_aligned_stacked",
    accent="#0F4C75",
    sections=(
        Section("summary", "Professional Summary", "text", (
            "Lead AI engineer with 11 years of experience designing, shipping and operating machine learning "
            "systems in insurance, retail and analytics. I lead a cross-functional team of 8, set the technical "
            "direction of our AI platform, and care as much about governance, reliability and adoption as about "
            "models.",
        )),
        Section("skills", "Technical Skills", "skills", (
            ("Languages", "Python, Java, Go, C++, SQL"),
            ("ML frameworks", "TensorFlow, PyTorch, Keras, scikit-learn"),
            ("Data", "Apache Spark, Kafka, Airflow"),
            ("Cloud & MLOps", "AWS, Azure, Kubernetes, Docker, MLflow, Terraform"),
            ("Responsible AI", "SHAP, model cards, GDPR"),
        ), column="side", table=True),
        Section("experience", "Professional Experience", "positions", (
            Position("Lead AI Engineer", "Fabrikam Insurance", "Boston, MA", (2021, 3), None, "month_to", (
                "Lead a cross-functional team of 8 (ML engineers, data engineers, an MLOps engineer and a product "
                "analyst) delivering underwriting and claims AI",
                "Designed scalable AI infrastructure on AWS and Kubernetes (EKS) serving 40+ models, with "
                "autoscaling, a feature store and the MLflow model registry",
                "Introduced model monitoring in production: drift, data-quality and performance alerts with "
                "on-call runbooks",
                "Authored the model governance framework (risk tiers, model cards, approval workflow) adopted by "
                "the company's AI governance committee",
                "Built explainability into the claims models with SHAP; explanations are shown to adjusters and "
                "archived for audit",
                "Drove GDPR compliance for ML: data minimisation, retention rules and a DPIA for every model that "
                "handles personal data",
                "Wrote the reference architectures and SOPs for training, deployment and rollback; own disaster "
                "recovery and business continuity planning for AI services (multi-region failover, RTO 4 hours)",
                "Capacity planning for GPU and CPU clusters; cut inference cost by 31% through right-sizing and "
                "spot instances",
                "Mentor 5 engineers; run monthly workshops and training sessions on AI adoption for underwriters "
                "and business teams",
                "Present the roadmap and results to executives and C-suite sponsors every quarter; manage a $1.2M "
                "annual R&D budget",
                "Partnered with product marketing on the Go-to-market plan for a broker-facing risk-scoring API",
            ), leadership=True),
            Position("Senior Machine Learning Engineer", "Contoso Retail Tech", "Cambridge, MA", (2017, 6), (2021, 2),
                     "month_to", (
                "Built demand-forecasting and pricing models (TensorFlow, Keras, scikit-learn) on Apache Spark for "
                "1,200 stores",
                "Migrated model serving from VMs to Docker on Azure Kubernetes Service, with CI/CD in Azure DevOps",
                "Wrote high-throughput feature services in Go and a C++ extension for latency-critical scoring",
                "Mentored 3 junior engineers and introduced design reviews for ML systems",
            )),
            Position("Machine Learning Advisor (part-time)", "Open Harbor Health (non-profit)", "Remote",
                     (2019, 1), (2020, 12), "year_en", (
                "Advised a volunteer team on a patient-triage model: evaluation design and data protection review",
            ), kind="part_time"),
            Position("Machine Learning Engineer", "Northwind Analytics", "Providence, RI", (2015, 7), (2017, 5),
                     "month_to", (
                "Built churn and fraud models in Python and Java (Spark MLlib) with nightly batch scoring",
                "Set up the first model versioning and A/B testing workflow of the analytics platform",
            )),
        )),
        Section("education", "Education", "education", (
            Degree("MSc", "Computer Science", "Northbridge University", "Boston, MA", 2015),
            Degree("BSc", "Computer Science", "Bayside State University", "Providence, RI", 2013),
        ), column="side"),
        Section("certifications", "Certifications", "list", (
            "AWS Certified Machine Learning – Specialty (2022)",
            "TensorFlow Developer Certificate (2020)",
        ), column="side"),
        Section("languages", "Languages", "list", ("English (native)", "Spanish (professional)"), column="side"),
    ),
    traps=(
        "\"R&D budget\": R is not the R language; \"Go-to-market\": Go is not the Go language (Go does appear "
        "legitimately in the skills list and one bullet); \"C-suite\": not C.",
        "Overlapping ranges: the part-time advisor role \"2019–2020\" lies inside the Senior ML Engineer role "
        "\"June 2017 to February 2021\"; merged total stays 11.0 years (a naive sum gives 13).",
        "\"March 2021 to Current\" / \"Month YYYY to Month YYYY\" dates, right-aligned in the PDF main column.",
        "Two-column PDF with a left sidebar (contact, skills, education, certifications, languages); the "
        "DOCX puts the skills in a table (rows read as \"Languages | Python, Java, Go, C++, SQL\").",
        "The PDF runs to two pages: the last position sits on page 2 after the page-1 footer.",
    ),
)

DIRECTOR = Persona(
    id="ai_director",
    intended_level="ai_director",
    highest_degree="doctorate",
    current_title="Director of AI",
    contact=Contact("Helena Vasquez-Lind", "helena.vasquezlind@example.com", "(415) 555-0129", "San Francisco, CA",
                    "linkedin.com/in/helena-vasquez-lind-example"),
    headline="Director of AI · PhD, Machine Learning",
    layout="one-column",
    sidebar=None,
    bullet="-",
    position_style="title_company_then_dates",
    accent="#3B3B3B",
    sections=(
        Section("summary", "Executive Summary", "text", (
            "AI leader with 16 years in machine learning, from research to organisation-wide AI strategy. Director "
            "of AI at Aurora Mobility Group, leading 25 engineers across 3 teams. PhD in machine learning and still "
            "hands-on in architecture reviews, model risk and hiring.",
        )),
        Section("experience", "Experience", "positions", (
            Position("Director of AI", "Aurora Mobility Group", "San Francisco, CA", (2022, 1), None, "mon_en", (
                "Set the organisational AI strategy and three-year roadmap, agreed with the CEO and the board",
                "Lead 25 engineers across 3 teams (ML platform, applied ML, responsible AI) through 4 managers "
                "and tech leads",
                "Own an $8M annual budget for headcount, compute and vendors; run hiring and the career ladder "
                "for AI roles",
                "Chair the AI governance board: responsible AI policy, model risk tiers, fairness reviews and an "
                "incident process aligned with the EU AI Act",
                "Sponsored a shared ML platform (Kubernetes, Kubeflow, feature store, MLflow) now used by 9 product "
                "teams",
            ), leadership=True),
            Position("Head of Machine Learning", "Aurora Mobility Group", "San Francisco, CA", (2019, 1), (2021, 12),
                     "mon_en", (
                "Grew the ML group from 6 to 18 people and hired its first engineering managers",
                "Delivered ETA prediction, dynamic pricing and fraud detection models to production",
                "Established MLOps standards: CI/CD for models, monitoring and on-call",
            ), leadership=True),
            Position("Lead Machine Learning Engineer", "Quillfeather Labs", "Oakland, CA", (2014, 1), (2018, 12),
                     "year_en", (
                "Led a team of 7 ML engineers building recommendation and NLP systems in Python and Scala",
                "Designed real-time feature pipelines on Kafka and Spark Streaming",
                "Introduced deep learning (TensorFlow) for ranking, lifting click-through by 11%",
            ), leadership=True),
            Position("Senior Data Scientist", "Bluegate Telecom", "San Jose, CA", (2012, 9), (2013, 12), "mon_en", (
                "Built churn and network-demand models in R and Python; results presented to the executive team",
            )),
            Position("Data Scientist", "Bluegate Telecom", "San Jose, CA", (2010, 7), (2012, 8), "mon_en", (
                "Customer segmentation and uplift modelling on Hadoop; SQL and R reporting",
            )),
        )),
        Section("education", "Education", "education", (
            Degree("PhD", "Computer Science (Machine Learning)", "Stanwick University", "Palo Alto, CA", 2010,
                   "Thesis: Scalable Bayesian methods for sequential recommendation"),
            Degree("MSc", "Computer Science", "Stanwick University", "Palo Alto, CA", 2006),
            Degree("BSc", "Mathematics and Computer Science", "Redwood Coast University", "Arcata, CA", 2005),
        )),
        Section("publications", "Publications", "list", (
            "Vasquez-Lind, H. and Okafor, T. (2009). Scalable variational inference for sequential "
            "recommendation. Workshop on Large-Scale Learning.",
            "Vasquez-Lind, H., Brandt, K. and Osei, A. (2016). Real-time features for fraud detection in "
            "two-sided marketplaces. Applied ML Industry Track.",
            "Vasquez-Lind, H. (2023). Running an AI governance board: lessons from mobility. Invited talk, "
            "Responsible AI Practitioners Forum.",
        ), bulleted=True),
        Section("skills", "Skills & Expertise", "skills", (
            ("Leadership", "AI strategy, organisation design, budgeting, hiring, AI governance, responsible AI, "
                           "executive stakeholder management"),
            ("Machine learning", "deep learning, NLP, recommender systems, time series, causal inference, "
                                 "Bayesian methods"),
            (None, "Python, R, SQL | AWS/GCP | Spark, Kafka, Kubernetes, Kubeflow, TensorFlow, PyTorch, "
                   "scikit-learn, MLflow"),
        )),
        Section("languages", "Languages", "list", ("English (native)", "Spanish (native)", "German (conversational)")),
    ),
    traps=(
        "Two titles at the same company (Head of Machine Learning, then Director of AI); \"Jan 2019 – Dec 2021\" "
        "then \"Jan 2022 – Present\".",
        "Year-only range \"2014–2018\" (read as Jan 2014 – Dec 2018).",
        "Publications carry years that are not employment dates; R appears legitimately here "
        "(\"Python, R, SQL | AWS/GCP\").",
        "Strong technical list, but the level comes from leadership: 12.5 years of formal leadership.",
    ),
)

CHEF = Persona(
    id="off_target_chef",
    intended_level="off_target",
    highest_degree="associate",
    current_title="Head Chef / Kitchen Manager",
    contact=Contact("Marco Bellweather", "marco.bellweather@example.com", "(503) 555-0176", "Portland, OR",
                    "linkedin.com/in/marco-bellweather-example"),
    headline="Head Chef / Kitchen Manager",
    layout="one-column",
    sidebar=None,
    bullet="•",
    position_style="pipe_one_line",
    accent="#8A5A00",
    sections=(
        Section("summary", "Profile", "text", (
            "Head chef and kitchen manager with 12 years in busy restaurant kitchens. I lead kitchen teams, build "
            "seasonal menus that hit food-cost targets, and I am the go-to person for food safety and new-hire "
            "training. This CV covers my full-time roles; references are available on request.",
        )),
        Section("experience", "Employment History", "positions", (
            Position("Head Chef / Kitchen Manager", "The Copper Pot Bistro", "Portland, OR", (2020, 4), None, "mon_en", (
                "Run a kitchen of 14 staff across two shifts: hiring, scheduling and training cooks, prep staff and "
                "porters",
                "Design seasonal menus and cost every dish in Excel; brought food cost from 34% to 28% of sales",
                "Manage suppliers, ordering and inventory for a 120-cover restaurant",
                "Kept an A grade at every health inspection; wrote the kitchen's cleaning and allergen procedures",
            ), leadership=True),
            Position("Sous Chef", "Harbor & Vine", "Seattle, WA", (2017, 1), (2020, 3), "mon_hy", (
                "Supervised a kitchen staff of 8 line cooks and porters and ran the pass on busy services",
                "Moved stock counts and ordering from paper to shared Excel sheets",
            ), leadership=True),
            Position("Line Cook", "Riverside Grill", "Tacoma, WA", (2014, 7), (2016, 12), "mon_hy", (
                "Worked the grill, sauté and garde-manger stations in a 200-cover restaurant",
            )),
        )),
        Section("education", "Education", "education", (
            Degree("Associate of Applied Science", "Culinary Arts", "Cascade Culinary Institute", "Portland, OR", 2014),
        )),
        Section("certifications", "Certifications", "list", (
            "Food Protection Manager Certification, food safety (renewed 2024)",
            "Allergen Awareness Training (2023)",
        )),
        Section("skills", "Key Skills", "skills", (
            (None, "Menu development, food costing (Microsoft Excel), inventory control, kitchen team leadership, "
                   "scheduling, HACCP, staff training"),
        )),
        Section("languages", "Languages", "list", ("English (native)", "Italian (conversational)")),
        Section("interests", "Interests", "list", ("Farmers' markets, fermentation, cycling",)),
    ),
    traps=(
        "No AI/ML at all: must come out off target.",
        "\"CV\" (curriculum vitae) and \"go-to person\" (not the Go language); \"Excel\" is a real but "
        "irrelevant skill.",
        "Leadership is real but not technical: 9.5 years supervising kitchen staff.",
        "Associate degree (\"Associate of Applied Science\").",
    ),
)

PERSONAS: tuple[Persona, ...] = (JUNIOR, AI_ENGINEER, SENIOR, LEAD, DIRECTOR, CHEF)


# --------------------------------------------------------------------------------------------------
# Shared text helpers
# --------------------------------------------------------------------------------------------------


def degree_joiner(d: Degree) -> str:
    """ "BSc Computer Science", but "PhD in Computer Science" and "Associate of Applied Science in ..." """
    return " in " if (" " in d.degree or d.degree == "PhD") else " "


def degree_line(d: Degree) -> str:
    joiner = degree_joiner(d)
    return f"{d.degree}{joiner}{d.field}, {d.institution}, {d.location} — {d.year}"


def skill_line(cat: str | None, text: str) -> str:
    return f"{cat}: {text}" if cat else text


def position_text_lines(p: Persona, pos: Position, width: int = 96) -> list[str]:
    """The header lines of one position in the TXT rendering (bullets follow)."""
    st = p.position_style
    if st == "title_company_then_dates":
        return [f"{pos.title} — {pos.company}, {pos.location}", pos.dates]
    if st == "pipe_one_line":
        return [f"{pos.title} | {pos.company} | {pos.location} | {pos.dates}"]
    if st == "right_aligned":
        left = f"{pos.title}, {pos.company} — {pos.location}"
        return [left + " " * max(4, width - len(left) - len(pos.dates)) + pos.dates]
    if st == "right_aligned_stacked":
        return [pos.title, f"{pos.company}, {pos.location} | {pos.dates}"]
    raise ValueError(st)


# --------------------------------------------------------------------------------------------------
# TXT
# --------------------------------------------------------------------------------------------------


def render_txt(p: Persona) -> str:
    out: list[str] = [p.contact.name, p.headline, " | ".join(p.contact.parts()), ""]
    for s in p.sections:
        out.append(s.heading)
        if s.kind == "text":
            out.extend(s.items)
        elif s.kind == "positions":
            for i, pos in enumerate(s.items):
                if i:
                    out.append("")
                out.extend(position_text_lines(p, pos))
                out.extend(f"{p.bullet} {b}" for b in pos.bullets)
        elif s.kind == "skills":
            out.extend(skill_line(c, t) for c, t in s.items)
        elif s.kind == "education":
            for d in s.items:
                out.append(degree_line(d))
                if d.note:
                    out.append(d.note)
        elif s.kind == "list":
            if s.key == "languages":
                out.append(", ".join(s.items))
            else:
                out.extend(f"{p.bullet} {x}" if s.bulleted else x for x in s.items)
        else:
            raise ValueError(s.kind)
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


# --------------------------------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------------------------------


def render_docx(p: Persona) -> bytes:
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
    from docx.shared import Inches, Pt, RGBColor

    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Inches(8.5), Inches(11)
    sec.left_margin = sec.right_margin = Inches(0.8)
    sec.top_margin = sec.bottom_margin = Inches(0.7)
    text_width = sec.page_width - sec.left_margin - sec.right_margin

    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    accent = RGBColor.from_string(p.accent.lstrip("#"))
    for name in ("Heading 1", "Title"):
        doc.styles[name].font.color.rgb = accent

    cp = doc.core_properties
    cp.author = "skillgap sample generator"
    cp.last_modified_by = "skillgap sample generator"
    cp.title = f"{p.contact.name} — resume (sample)"
    cp.subject = "Invented sample resume written by the skillgap project"
    cp.comments = "Generated by samples/generate.py; all people, companies and contacts are fictional."
    cp.created = DOC_DATE
    cp.modified = DOC_DATE
    cp.last_printed = DOC_DATE
    cp.revision = 1

    # the contact line lives in the page header, as in many Word resumes
    hp = sec.header.paragraphs[0]
    hp.text = " | ".join(p.contact.parts())
    hp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for r in hp.runs:
        r.font.size = Pt(9)

    doc.add_heading(p.contact.name, level=0)
    sub = doc.add_paragraph(p.headline)
    sub.runs[0].italic = True

    for s in p.sections:
        doc.add_heading(s.heading, level=1)
        if s.kind == "text":
            for t in s.items:
                doc.add_paragraph(t)
        elif s.kind == "positions":
            for pos in s.items:
                para = doc.add_paragraph()
                para.paragraph_format.space_before = Pt(6)
                para.paragraph_format.keep_with_next = True
                tr = para.add_run(pos.title)
                tr.bold = True
                para.add_run(f", {pos.company}, {pos.location}")
                if p.position_style in ("right_aligned", "right_aligned_stacked", "pipe_one_line"):
                    para.paragraph_format.tab_stops.add_tab_stop(text_width, WD_TAB_ALIGNMENT.RIGHT)
                    para.add_run("\t" + pos.dates)
                else:
                    dp = doc.add_paragraph()
                    dp.add_run(pos.dates).italic = True
                    dp.paragraph_format.keep_with_next = True
                for b in pos.bullets:
                    doc.add_paragraph(b, style="List Bullet")
        elif s.kind == "skills":
            rows = [(c, t) for c, t in s.items if c]
            loose = [t for c, t in s.items if not c]
            if s.table and rows:
                table = doc.add_table(rows=0, cols=2)
                table.style = doc.styles["Table Grid"]
                table.alignment = WD_TABLE_ALIGNMENT.LEFT
                for c, t in rows:
                    cells = table.add_row().cells
                    cells[0].text = c
                    cells[1].text = t
                    cells[0].paragraphs[0].runs[0].bold = True
                    cells[0].width = Inches(1.6)
                    cells[1].width = text_width - Inches(1.6)
            else:
                for c, t in rows:
                    para = doc.add_paragraph()
                    para.add_run(f"{c}: ").bold = True
                    para.add_run(t)
            for t in loose:
                doc.add_paragraph(t)
        elif s.kind == "education":
            for d in s.items:
                para = doc.add_paragraph()
                joiner = degree_joiner(d)
                para.add_run(f"{d.degree}{joiner}{d.field}").bold = True
                para.add_run(f", {d.institution}, {d.location} — {d.year}")
                if d.note:
                    doc.add_paragraph(d.note)
        elif s.kind == "list":
            if s.key == "languages":
                doc.add_paragraph(", ".join(s.items))
            else:
                for x in s.items:
                    doc.add_paragraph(x, style="List Bullet" if s.bulleted else None)
        else:
            raise ValueError(s.kind)

    buf = io.BytesIO()
    doc.save(buf)
    return normalise_zip(buf.getvalue())


def normalise_zip(data: bytes) -> bytes:
    """Rewrite a ZIP with fixed member timestamps and attributes (python-docx stamps the current time)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.create_system = 0
            zi.external_attr = 0
            dst.writestr(zi, src.read(info.filename))
    return out.getvalue()


# --------------------------------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------------------------------

PAGE_W, PAGE_H = 612.0, 792.0  # US Letter
MARGIN = 40.0
SIDEBAR_W = 168.0
GUTTER = 30.0  # wide, so layout analysis never joins a sidebar line with a main-column line
BANNER_H = 64.0


def _styles(p: Persona):
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_LEFT, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    accent = colors.HexColor(p.accent)
    grey = colors.HexColor("#444444")
    base = ParagraphStyle("base", fontName="Helvetica", fontSize=9.4, leading=12.2, textColor=colors.black,
                          alignment=TA_LEFT)
    return {
        "accent": accent,
        "name": ParagraphStyle("name", parent=base, fontName="Helvetica-Bold", fontSize=21, leading=25,
                               textColor=accent),
        "headline": ParagraphStyle("headline", parent=base, fontSize=11, leading=14, textColor=grey),
        "contact": ParagraphStyle("contact", parent=base, fontSize=8.8, leading=11.5, textColor=grey),
        "h": ParagraphStyle("h", parent=base, fontName="Helvetica-Bold", fontSize=11, leading=14,
                            textColor=accent, spaceBefore=9, spaceAfter=3),
        "h_side": ParagraphStyle("h_side", parent=base, fontName="Helvetica-Bold", fontSize=10, leading=13,
                                 textColor=accent, spaceBefore=10, spaceAfter=2),
        "body": ParagraphStyle("body", parent=base, spaceAfter=2),
        # sidebar paragraphs sit close together (no extra space), so layout analysis keeps each sidebar
        # section one text block instead of many small ones that can pair up with main-column blocks
        "side": ParagraphStyle("side", parent=base, fontSize=8.6, leading=11, spaceAfter=0),
        "pos": ParagraphStyle("pos", parent=base, fontSize=9.8, leading=12.5, spaceBefore=5),
        "dates": ParagraphStyle("dates", parent=base, fontName="Helvetica-Oblique", fontSize=9, leading=12,
                                textColor=grey),
        "dates_r": ParagraphStyle("dates_r", parent=base, fontName="Helvetica-Oblique", fontSize=9, leading=12.5,
                                  textColor=grey, alignment=TA_RIGHT),
        # a shallow hanging indent (< half a line height) keeps wrapped bullet lines in one text block
        "bullet": ParagraphStyle("bullet", parent=base, leftIndent=9, firstLineIndent=-4, spaceAfter=1.2),
    }


def _bullet(p: Persona) -> str:
    """The bullet glyph as paragraph markup. reportlab writes "•" in Helvetica (WinAnsi) as code 127,
    which text extractors cannot map back (pdfminer prints "(cid:127)"); the Symbol font's bullet
    extracts as U+2022."""
    return '<font name="Symbol">\u2022</font>' if p.bullet == "•" else escape(p.bullet)


def _pdf_section(p: Persona, s: Section, st, width: float, side: bool) -> list:
    from reportlab.platypus import HRFlowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

    E = escape
    body = st["side"] if side else st["body"]
    flow: list = [Paragraph(E(s.heading), st["h_side"] if side else st["h"])]
    if not side:
        flow.append(HRFlowable(width="100%", thickness=0.6, color=st["accent"], spaceBefore=0, spaceAfter=3))
    if s.kind == "text":
        flow += [Paragraph(E(t), body) for t in s.items]
    elif s.kind == "positions":
        for pos in s.items:
            head: list = []
            if p.position_style in ("right_aligned", "right_aligned_stacked"):
                date_w = 118.0
                if p.position_style == "right_aligned":
                    left = f"<b>{E(pos.title)}</b>, {E(pos.company)} — {E(pos.location)}"
                else:
                    left = f"<b>{E(pos.title)}</b><br/>{E(pos.company)}, {E(pos.location)}"
                t = Table([[Paragraph(left, st["pos"]), Paragraph(E(pos.dates), st["dates_r"])]],
                          colWidths=[width - date_w, date_w])
                t.setStyle(TableStyle([
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
                ]))
                head.append(t)
            elif p.position_style == "pipe_one_line":
                head.append(Paragraph(f"<b>{E(pos.title)}</b> | {E(pos.company)} | {E(pos.location)} | "
                                      f"<i>{E(pos.dates)}</i>", st["pos"]))
            else:  # title_company_then_dates
                head.append(Paragraph(f"<b>{E(pos.title)}</b> — {E(pos.company)}, {E(pos.location)}", st["pos"]))
                head.append(Paragraph(E(pos.dates), st["dates"]))
            bullets = [Paragraph(f"{_bullet(p)}&nbsp;{E(b)}", st["bullet"]) for b in pos.bullets]
            flow.append(head + bullets[:2])  # a group: kept together (see below)
            flow += bullets[2:]
    elif s.kind == "skills":
        for c, t in s.items:
            flow.append(Paragraph(f"<b>{E(c)}:</b> {E(t)}" if c else E(t), body))
    elif s.kind == "education":
        for d in s.items:
            joiner = degree_joiner(d)
            if side:
                flow.append(Paragraph(f"<b>{E(d.degree + joiner + d.field)}</b><br/>{E(d.institution)}<br/>"
                                      f"{E(d.location)} — {d.year}", body))
            else:
                flow.append(Paragraph(f"<b>{E(d.degree + joiner + d.field)}</b>, {E(d.institution)}, "
                                      f"{E(d.location)} — {d.year}", body))
            if d.note:
                flow.append(Paragraph(f"<i>{E(d.note)}</i>", body))
    elif s.kind == "list":
        if s.key == "languages" and not side:
            flow.append(Paragraph(E(", ".join(s.items)), body))
        else:
            for x in s.items:
                if s.bulleted:
                    flow.append(Paragraph(f"{_bullet(p)}&nbsp;{E(x)}", st["bullet"]))
                else:
                    flow.append(Paragraph(E(x), body))
    else:
        raise ValueError(s.kind)
    flow.append(Spacer(1, 2))
    # never leave a heading alone at the foot of a page: keep it (and the rule) with the first block;
    # groups (lists) are kept together, never nested, since nested KeepTogether wraps badly in frames
    n_head = 1 if side else 2
    first = flow[n_head]
    out = [KeepTogether(flow[:n_head] + (first if isinstance(first, list) else [first]))]
    for f in flow[n_head + 1:]:
        out.append(KeepTogether(f) if isinstance(f, list) else f)
    return out


def render_pdf(p: Persona) -> bytes:
    from reportlab import rl_config
    from reportlab.lib import colors
    from reportlab.platypus import BaseDocTemplate, Frame, FrameBreak, NextPageTemplate, PageTemplate, Paragraph

    rl_config.invariant = 1  # no creation date / random document id: byte-identical output
    st = _styles(p)
    E = escape
    buf = io.BytesIO()
    doc = BaseDocTemplate(
        buf, pagesize=(PAGE_W, PAGE_H), leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
        bottomMargin=MARGIN, title=f"{p.contact.name} — resume (sample)", author="skillgap sample generator",
        subject="Invented sample resume written by the skillgap project", creator="samples/generate.py",
        invariant=1,
    )
    full_w = PAGE_W - 2 * MARGIN
    story: list = []

    def footer(canvas, _doc):
        canvas.saveState()
        canvas.setFont("Helvetica", 7.5)
        canvas.setFillColor(colors.HexColor("#888888"))
        canvas.drawRightString(PAGE_W - MARGIN, 22, f"{p.contact.name} — page {canvas.getPageNumber()}")
        canvas.restoreState()

    if p.layout == "one-column":
        frame = Frame(MARGIN, MARGIN, full_w, PAGE_H - 2 * MARGIN, id="main", leftPadding=0, rightPadding=0,
                      topPadding=0, bottomPadding=0)
        doc.addPageTemplates([PageTemplate(id="one", frames=[frame], onPage=footer)])
        story.append(Paragraph(E(p.contact.name), st["name"]))
        story.append(Paragraph(E(p.headline), st["headline"]))
        story.append(Paragraph(E("  |  ".join(p.contact.parts())), st["contact"]))
        for s in p.sections:
            story += _pdf_section(p, s, st, full_w, side=False)
    else:
        main_w = full_w - SIDEBAR_W - GUTTER
        body_top = PAGE_H - MARGIN - BANNER_H
        body_h = body_top - MARGIN
        if p.sidebar == "left":
            side_x, main_x = MARGIN, MARGIN + SIDEBAR_W + GUTTER
        else:
            main_x, side_x = MARGIN, MARGIN + main_w + GUTTER
        pad = dict(leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        banner = Frame(MARGIN, body_top, full_w, BANNER_H, id="banner", **pad)
        side = Frame(side_x + 8, MARGIN, SIDEBAR_W - 16, body_h - 6, id="side", **pad)
        main = Frame(main_x, MARGIN, main_w, body_h, id="main", **pad)
        main_later = Frame(main_x, MARGIN, main_w, PAGE_H - 2 * MARGIN, id="main_later", **pad)

        def sidebar_bg(canvas, _doc, top=body_top):
            canvas.saveState()
            canvas.setFillColor(colors.HexColor("#F1F3F6"))
            canvas.setStrokeColor(colors.HexColor("#F1F3F6"))
            canvas.rect(side_x, MARGIN - 8, SIDEBAR_W, top - MARGIN + 8, stroke=0, fill=1)
            canvas.restoreState()
            footer(canvas, _doc)

        def first(canvas, d):
            sidebar_bg(canvas, d)
            canvas.saveState()
            canvas.setStrokeColor(st["accent"])
            canvas.setLineWidth(1.2)
            canvas.line(MARGIN, body_top + 4, PAGE_W - MARGIN, body_top + 4)
            canvas.restoreState()

        def later(canvas, d):
            sidebar_bg(canvas, d, top=PAGE_H - MARGIN)

        doc.addPageTemplates([
            PageTemplate(id="first", frames=[banner, side, main], onPage=first),
            PageTemplate(id="later", frames=[main_later], onPage=later),
        ])
        story.append(Paragraph(E(p.contact.name), st["name"]))
        story.append(Paragraph(E(p.headline), st["headline"]))
        story.append(FrameBreak())
        # sidebar: contact first, then the side sections in their order
        story.append(Paragraph("Contact", st["h_side"]))
        for part in p.contact.parts():
            story.append(Paragraph(E(part), st["side"]))
        for s in p.sections:
            if s.column == "side":
                story += _pdf_section(p, s, st, SIDEBAR_W - 16, side=True)
        story.append(FrameBreak())
        story.append(NextPageTemplate("later"))
        for s in p.sections:
            if s.column == "main":
                story += _pdf_section(p, s, st, main_w, side=False)
    doc.build(story)
    return buf.getvalue()


# --------------------------------------------------------------------------------------------------
# Driver
# --------------------------------------------------------------------------------------------------


def persona_record(p: Persona) -> dict:
    facts = intended_facts(p)
    return {
        "id": p.id,
        "intended_level": p.intended_level,
        "total_experience_years": facts["total"],
        "leadership_years": facts["leadership"],
        "highest_degree": p.highest_degree,
        "current_title": p.current_title,
        "files": {"txt": f"{p.id}.txt", "docx": f"{p.id}.docx", "pdf": f"{p.id}.pdf"},
        "layout": p.layout,
    }


def check(p: Persona) -> None:
    """Consistency of the data with what the personas.json promises."""
    assert p.layout in ("one-column", "two-column") and (p.sidebar is None) == (p.layout == "one-column")
    assert p.intended_level in ("junior_ai_engineer", "ai_engineer", "senior_ai_engineer", "lead_ai_engineer",
                                "ai_director", "off_target")
    assert p.highest_degree in ("bachelor", "master", "doctorate", "associate")
    full = [pos for pos in p.positions() if pos.kind == "full_time"]
    # full-time roles never overlap each other: the totals are unambiguous
    seen: set[int] = set()
    for pos in full:
        m = months(pos.start, pos.end)
        assert not (m & seen), f"{p.id}: overlapping full-time roles ({pos.title})"
        seen |= m
    current = [pos for pos in full if pos.end is None]
    assert len(current) == 1 and current[0].title == p.current_title, p.id
    for pos in p.positions():
        assert (pos.end or AS_OF_MONTH) <= AS_OF_MONTH
        if "intern" in pos.title.lower():
            assert pos.kind == "internship"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent,
                    help="output directory (default: the directory of this script)")
    args = ap.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    records = []
    for p in PERSONAS:
        check(p)
        (out / f"{p.id}.txt").write_text(render_txt(p), encoding="utf-8", newline="\n")
        (out / f"{p.id}.docx").write_bytes(render_docx(p))
        (out / f"{p.id}.pdf").write_bytes(render_pdf(p))
        records.append(persona_record(p))
    (out / "personas.json").write_text(json.dumps(records, indent=2, ensure_ascii=False) + "\n", encoding="utf-8",
                                       newline="\n")
    for r in records:
        print(f"{r['id']:<20} {r['intended_level']:<19} total={r['total_experience_years']:>5} "
              f"leadership={r['leadership_years']:>5} degree={r['highest_degree']:<9} {r['layout']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
