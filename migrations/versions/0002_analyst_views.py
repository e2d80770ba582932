# ruff: noqa: E501  (the frozen SQL below keeps its long COMMENT lines)
"""analyst views: series per kind, comparison from the series with gaps to best and median

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21 14:30:00

v_metric_series gets one row per metric × region × year × measure × kind (kind joins the grain)
and keeps only values in the metric's canonical unit; v_metric_comparison is computed from the
series and adds
best_value, median_value, gap_to_best and gap_to_median.  Downgrade restores the 0001 views from
the SQL frozen below.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from govperf import views

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

VIEWS_0001 = (
    "v_documents",
    "v_observations",
    "v_tasks",
    "v_category_results",
    "v_metric_series",
    "v_metric_comparison",
    "v_task_completion",
    "v_coverage",
)


def upgrade() -> None:
    # the views as they were at this revision (frozen by its successor), not today's files
    views.replace_views(
        op.get_bind(),
        frozen=views.frozen_sql(("0003_query_indexes", "FROZEN_0002"), ("0005_regions", "FROZEN_0003")),
    )


def downgrade() -> None:
    views.replace_views(
        op.get_bind(),
        VIEWS_0001,
        views.frozen_sql(
            ("0002_analyst_views", "FROZEN_0001"),
            ("0003_query_indexes", "FROZEN_0002"),
            ("0005_regions", "FROZEN_0003"),
        ),
    )


FROZEN_0001 = {
    "v_metric_series": r"""
CREATE VIEW v_metric_series (
    metric_code, metric_name, district_code, district_name, year, measure, kind, comparator,
    value, value_max, unit, period_label, period_end, is_annual, observation_id, document_id,
    candidates
) AS
WITH candidate AS (
    SELECT
        o.*,
        (o.period_end IS NULL OR o.period_end >= make_date(o.year, 12, 31)) AS annual,
        row_number() OVER w AS choice,
        count(*) OVER (PARTITION BY o.metric_code, o.region_code, o.year, o.measure) AS n
    FROM observations o
    JOIN documents d ON d.id = o.document_id
    WHERE o.metric_code IS NOT NULL AND o.year IS NOT NULL
    WINDOW w AS (
        PARTITION BY o.metric_code, o.region_code, o.year, o.measure
        ORDER BY
            (o.period_end IS NULL OR o.period_end >= make_date(o.year, 12, 31)) DESC,
            coalesce(o.period_end, make_date(o.year, 12, 31)) DESC,
            array_position(ARRAY['actual', 'estimate', 'target'], o.kind),
            d.imported_at DESC,
            o.id DESC
    )
)
SELECT
    c.metric_code,
    m.name,
    c.region_code,
    r.name,
    c.year,
    c.measure,
    c.kind,
    c.comparator,
    c.value,
    c.value_max,
    c.unit,
    c.period_label,
    c.period_end,
    c.annual,
    c.id,
    c.document_id,
    c.n::integer
FROM candidate c
JOIN metrics m ON m.code = c.metric_code
JOIN regions r ON r.code = c.region_code
WHERE c.choice = 1;

COMMENT ON VIEW v_metric_series IS '指标时间序列:每个地区、年度、度量取最佳观测(全年优先于部分期间,实际优先于预计和目标) / Best observation per metric, district, year and measure (annual over partial period, actual over estimate over target, latest import), for time-series charts';
COMMENT ON COLUMN v_metric_series.metric_code IS '标准指标代码 / Canonical metric code';
COMMENT ON COLUMN v_metric_series.metric_name IS '标准指标名称 / Canonical metric name';
COMMENT ON COLUMN v_metric_series.district_code IS '地区代码 / Region code';
COMMENT ON COLUMN v_metric_series.district_name IS '地区名称 / Region name';
COMMENT ON COLUMN v_metric_series.year IS '数值所属年度 / Year the value refers to';
COMMENT ON COLUMN v_metric_series.measure IS '度量 / Measure (level, change_pct …)';
COMMENT ON COLUMN v_metric_series.kind IS '所选观测的类别 / Kind of the chosen observation (actual, estimate, target)';
COMMENT ON COLUMN v_metric_series.comparator IS '比较符 / Comparator of the chosen observation';
COMMENT ON COLUMN v_metric_series.value IS '数值 / Value';
COMMENT ON COLUMN v_metric_series.value_max IS '区间上限 / Upper bound of a range';
COMMENT ON COLUMN v_metric_series.unit IS '单位 / Unit';
COMMENT ON COLUMN v_metric_series.period_label IS '期间 / Period as written';
COMMENT ON COLUMN v_metric_series.period_end IS '期间结束日期 / Last day of the period';
COMMENT ON COLUMN v_metric_series.is_annual IS '是否全年数 / Whether the value covers the whole year';
COMMENT ON COLUMN v_metric_series.observation_id IS '所选观测编号 / Id of the chosen observation';
COMMENT ON COLUMN v_metric_series.document_id IS '所选观测的文件编号 / Document of the chosen observation';
COMMENT ON COLUMN v_metric_series.candidates IS '候选观测数 / Number of candidate observations';
""",
    "v_metric_comparison": r"""
CREATE VIEW v_metric_comparison (
    metric_code, metric_name, unit, better, year, measure, kind, district_code, district_name,
    value, rank_in_year, districts_reporting, observation_id, period_label, candidates
) AS
WITH best AS (
    SELECT
        o.*,
        row_number() OVER (
            PARTITION BY o.metric_code, o.year, o.measure, o.kind, o.region_code
            ORDER BY
                (o.period_end IS NULL OR o.period_end >= make_date(o.year, 12, 31)) DESC,
                coalesce(o.period_end, make_date(o.year, 12, 31)) DESC,
                d.imported_at DESC,
                o.id DESC
        ) AS choice,
        count(*) OVER (PARTITION BY o.metric_code, o.year, o.measure, o.kind, o.region_code) AS n
    FROM observations o
    JOIN documents d ON d.id = o.document_id
    JOIN regions r ON r.code = o.region_code
    WHERE o.metric_code IS NOT NULL AND o.year IS NOT NULL AND r.level = 'district'
),
ranked AS (
    SELECT
        b.*,
        m.name AS metric_name,
        m.unit AS metric_unit,
        m.better,
        CASE
            WHEN b.measure = 'rank' OR (b.measure <> 'progress_pct' AND m.better = 'lower')
                THEN rank() OVER (PARTITION BY b.metric_code, b.year, b.measure, b.kind ORDER BY b.value ASC)
            WHEN b.measure = 'progress_pct' OR m.better = 'higher'
                THEN rank() OVER (PARTITION BY b.metric_code, b.year, b.measure, b.kind ORDER BY b.value DESC)
        END AS rank_in_year,
        count(*) OVER (PARTITION BY b.metric_code, b.year, b.measure, b.kind) AS reporting
    FROM best b
    JOIN metrics m ON m.code = b.metric_code
    WHERE b.choice = 1
)
SELECT
    k.metric_code,
    k.metric_name,
    k.unit,
    k.better,
    k.year,
    k.measure,
    k.kind,
    k.region_code,
    r.name,
    k.value,
    k.rank_in_year::integer,
    k.reporting::integer,
    k.id,
    k.period_label,
    k.n::integer
FROM ranked k
JOIN regions r ON r.code = k.region_code;

COMMENT ON VIEW v_metric_comparison IS '区际比较:每个指标、年度、度量、类别、区一行,并按优劣方向排名 / Cross-district comparison: one row per metric × year × measure × kind × district, ranked by the metric''s better direction';
COMMENT ON COLUMN v_metric_comparison.metric_code IS '标准指标代码 / Canonical metric code';
COMMENT ON COLUMN v_metric_comparison.metric_name IS '标准指标名称 / Canonical metric name';
COMMENT ON COLUMN v_metric_comparison.unit IS '单位 / Unit of value';
COMMENT ON COLUMN v_metric_comparison.better IS '优劣方向:higher 越高越好 / lower 越低越好 / NULL 无方向 — Better direction';
COMMENT ON COLUMN v_metric_comparison.year IS '数值所属年度 / Year the value refers to';
COMMENT ON COLUMN v_metric_comparison.measure IS '度量 / Measure (level, change_pct …)';
COMMENT ON COLUMN v_metric_comparison.kind IS '类别 / Kind (actual, estimate, target)';
COMMENT ON COLUMN v_metric_comparison.district_code IS '区代码 / District code';
COMMENT ON COLUMN v_metric_comparison.district_name IS '区名称 / District name';
COMMENT ON COLUMN v_metric_comparison.value IS '数值 / Value';
COMMENT ON COLUMN v_metric_comparison.rank_in_year IS '年度排名(1为最好,并列同名次;无方向为NULL) / Rank among districts in the year (1 = best, ties share a rank; NULL when the metric has no direction)';
COMMENT ON COLUMN v_metric_comparison.districts_reporting IS '报告该数值的区数 / Number of districts reporting this metric, measure and kind in the year';
COMMENT ON COLUMN v_metric_comparison.observation_id IS '所选观测编号 / Id of the chosen observation';
COMMENT ON COLUMN v_metric_comparison.period_label IS '期间 / Period of the chosen observation';
COMMENT ON COLUMN v_metric_comparison.candidates IS '候选观测数 / Number of candidate observations for this district';
""",
}
