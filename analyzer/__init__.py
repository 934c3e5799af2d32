"""skillgap: explainable resume-to-role skill-gap analysis.

>>> import analyzer
>>> report = analyzer.analyze("resume.pdf")            # default role: lead_ai_engineer
>>> report.score, report.assessment.career.next_level
>>> report.to_dict()                                   # exactly what `skillgap analyze --format json` prints
"""

from analyzer.core import Analyzer, analyze, analyze_text
from analyzer.errors import InputError, InternalError, SkillgapError, TaxonomyError, UserError
from analyzer.taxonomy import load_role
from analyzer.types import Report
from analyzer.version import __version__

__all__ = ["Analyzer", "InputError", "InternalError", "Report", "SkillgapError", "TaxonomyError", "UserError",
           "__version__", "analyze", "analyze_text", "load_role"]
