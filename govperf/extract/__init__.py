"""Extraction engine: Chinese government prose → typed observations (pure, no database).

from govperf.extract import extract, ExtractContext
extract("PM2.5累计浓度为56微克/立方米,同比下降13微克/立方米")
"""

from __future__ import annotations

from govperf.extract.engine import extract
from govperf.extract.types import COMPARATORS, KINDS, MEASURES, ExtractContext, Observation

__all__ = ["COMPARATORS", "KINDS", "MEASURES", "ExtractContext", "Observation", "extract"]
