"""The language knowledge and the shared vocabularies: the lowest layer of govperf.

The YAML tables beside this module (units, cue words, metrics and aliases, regions, genres …) are
read through ``load_yaml``, the one loader, which parses each file once per process.  The typed
views of them live with their users (``govperf.extract.resources``, ``govperf.documents.data``,
``govperf.db.reference``); what several layers share lives here: ``vocab`` (the codes of genres,
measures, kinds, comparators, statuses, breakdowns) and ``units`` (units.yaml and conversion).
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def load_yaml(name: str) -> Any:
    """The parsed data file ``govperf/data/<name>`` (shared: callers must not modify it)."""
    text = resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
    return yaml.safe_load(text)
