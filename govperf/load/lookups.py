"""Reference ids the loader needs, read once per import run (and per worker process)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from govperf.db import models


@dataclass(frozen=True)
class Lookups:
    """Reference ids the loader needs, read once per import run (and per worker process)."""

    categories: dict[str, int]
    regions: frozenset[str]
    metrics: frozenset[str]
    # Aliases users added (govperf alias add): the extractor knows only the builtin ones, so
    # each stored document is re-mapped by these in the transaction that stores it.
    user_aliases: bool = False

    @classmethod
    def load(cls, engine: Engine) -> Lookups:
        with Session(engine) as session:
            categories = {
                code: id_ for id_, code in session.execute(select(models.Category.id, models.Category.code))
            }
            regions = frozenset(session.scalars(select(models.Region.code)))
            metrics = frozenset(session.scalars(select(models.Metric.code)))
            user_aliases = session.scalar(
                select(models.MetricAlias.id).where(models.MetricAlias.source == "user").limit(1)
            )
        return cls(
            categories=categories, regions=regions, metrics=metrics, user_aliases=user_aliases is not None
        )
