# ruff: noqa: E501  (the frozen SQL below keeps its long COMMENT lines)
"""query indexes; v_task_completion filters by year inside; v_metric_series ties by source

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21 15:20:00

Indexes for v_task_completion (benchmarks/RESULTS.md, issue 7): tasks (document_id, category_id)
INCLUDE (status) where category_id is set, and documents (year).  An observations (region_code,
year, metric_code) index was measured too and left out: the existing (metric_code, year,
region_code) index serves the same view queries as fast.  v_task_completion carries each
document's region and year inside both arms of its per-document part, so ``WHERE year = …`` is
applied before the tasks are counted; v_metric_series breaks a tie on its rule by (source_sha256,
part, span_start) before the import time, so its choice (and v_metric_comparison's) does not
depend on import order.
Downgrade drops the indexes and restores the 0002 views from the SQL frozen below.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from govperf import views

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

VIEWS_0002 = (
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
    op.create_index(
        op.f("ix_tasks_document_id_category_id"),
        "tasks",
        ["document_id", "category_id"],
        postgresql_include=["status"],
        postgresql_where=sa.text("category_id IS NOT NULL"),
    )
    op.create_index(op.f("ix_documents_year"), "documents", ["year"])
    # the views as they were at this revision (frozen by its successor), not today's files
    views.replace_views(op.get_bind(), frozen=views.frozen_sql(("0005_regions", "FROZEN_0003")))


def downgrade() -> None:
    views.replace_views(
        op.get_bind(),
        VIEWS_0002,
        views.frozen_sql(("0003_query_indexes", "FROZEN_0002"), ("0005_regions", "FROZEN_0003")),
    )
    op.drop_index(op.f("ix_documents_year"), table_name="documents")
    op.drop_index(op.f("ix_tasks_document_id_category_id"), table_name="tasks")


FROZEN_0002 = {
    "v_metric_series": r"""
CREATE VIEW v_metric_series (
    metric_code, metric_name, district_code, district_name, region_level, year, measure, kind,
    comparator, value, value_max, unit, period_label, period_start, period_end, is_annual,
    observation_id, document_id, candidates, label, snippet
) AS
WITH candidate AS (
    -- Observations of a canonical metric whose value is in that metric's unit (level and
    -- change_abs); percentages, points and ranks carry their own unit.
    SELECT
        o.id, o.document_id, o.region_code, o.year, o.metric_code, o.measure, o.kind, o.comparator,
        o.value, o.value_max, o.unit, o.label, o.snippet, d.imported_at,
        -- a figure (not a target) that names no period of its own, in a document about part of
        -- that year (上半年 …), covers the document's period
        coalesce(o.period_label, CASE WHEN partial_document THEN d.period_label END) AS period_label,
        coalesce(o.period_start, CASE WHEN partial_document THEN d.period_start END) AS period_start,
        coalesce(o.period_end, CASE WHEN partial_document THEN d.period_end END) AS period_end
    FROM observations o
    JOIN documents d ON d.id = o.document_id
    JOIN metrics m ON m.code = o.metric_code
    CROSS JOIN LATERAL (
        SELECT d.year = o.year AND o.kind <> 'target' AND d.period_end < make_date(d.year, 12, 31)
            AS partial_document
    ) p
    WHERE o.year IS NOT NULL
      AND (o.measure NOT IN ('level', 'change_abs') OR o.unit = m.unit)
),
annotated AS (
    SELECT c.*, (c.period_end IS NULL OR c.period_end >= make_date(c.year, 12, 31)) AS annual
    FROM candidate c
),
ranked AS (
    SELECT
        c.*,
        row_number() OVER w AS choice,
        count(*) OVER (PARTITION BY c.metric_code, c.region_code, c.year, c.measure, c.kind) AS n
    FROM annotated c
    WINDOW w AS (
        PARTITION BY c.metric_code, c.region_code, c.year, c.measure, c.kind
        ORDER BY
            c.annual DESC,
            coalesce(c.period_end, make_date(c.year, 12, 31)) DESC,
            c.imported_at DESC,
            c.id DESC
    )
)
SELECT
    k.metric_code,
    m.name,
    k.region_code,
    r.name,
    r.level,
    k.year,
    k.measure,
    k.kind,
    k.comparator,
    k.value,
    k.value_max,
    k.unit,
    k.period_label,
    k.period_start,
    k.period_end,
    k.annual,
    k.id,
    k.document_id,
    k.n::integer,
    k.label,
    k.snippet
FROM ranked k
JOIN metrics m ON m.code = k.metric_code
JOIN regions r ON r.code = k.region_code
WHERE k.choice = 1;

COMMENT ON VIEW v_metric_series IS '指标时间序列:每个指标×地区×年度×度量×类别一行。取值规则:①全年数优先于部分期间(上半年、1-11月等;观测未写期间时取其文件的报告期);②同为部分期间时取最晚截止的;③再取最近导入的。数值均为指标标准单位(单位无法换算的观测不入选,见v_observations)。实际/预计/目标各占一行(需合并时按实际、预计、目标的顺序取) / Metric series: one row per metric × region × year × measure × kind. Rule: (1) a whole-year figure over a partial one (H1, Jan-Nov …; a figure that names no period takes its document''s); (2) among partial ones the latest period end; (3) then the most recent import. Values are in the metric''s canonical unit (an observation whose unit could not be converted is left out; see v_observations). Actual, estimate and target each get their own row (to combine them, prefer actual, then estimate, then target)';
COMMENT ON COLUMN v_metric_series.metric_code IS '标准指标代码 / Canonical metric code';
COMMENT ON COLUMN v_metric_series.metric_name IS '标准指标名称 / Canonical metric name';
COMMENT ON COLUMN v_metric_series.district_code IS '地区代码(区,或市、全国) / Region code (a district, or the city / country)';
COMMENT ON COLUMN v_metric_series.district_name IS '地区名称 / Region name';
COMMENT ON COLUMN v_metric_series.region_level IS '地区级别:district 区 / city 市 / province 省 / national 全国 — Region level';
COMMENT ON COLUMN v_metric_series.year IS '数值所属年度 / Year the value refers to';
COMMENT ON COLUMN v_metric_series.measure IS '度量:level 水平 / change_pct 增速% / change_abs 增减量 / change_pp 百分点 / rank 排名 / progress_pct 完成进度% — Measure';
COMMENT ON COLUMN v_metric_series.kind IS '类别:actual 实际 / estimate 预计 / target 目标 — Kind';
COMMENT ON COLUMN v_metric_series.comparator IS '比较符:eq 等于 / approx 左右 / max 以内 / min 以上 — Comparator of the chosen observation';
COMMENT ON COLUMN v_metric_series.value IS '数值(指标标准单位) / Value, in the metric''s canonical unit';
COMMENT ON COLUMN v_metric_series.value_max IS '区间上限 / Upper bound of a range, else NULL';
COMMENT ON COLUMN v_metric_series.unit IS '单位 / Unit of value';
COMMENT ON COLUMN v_metric_series.period_label IS '期间(如“上半年”;观测未写时为文件的报告期) / Period as written (e.g. 上半年), else the document''s period';
COMMENT ON COLUMN v_metric_series.period_start IS '期间开始日期 / First day of the period';
COMMENT ON COLUMN v_metric_series.period_end IS '期间结束日期 / Last day of the period';
COMMENT ON COLUMN v_metric_series.is_annual IS '是否全年数 / Whether the value covers the whole year';
COMMENT ON COLUMN v_metric_series.observation_id IS '所选观测编号(见v_observations) / Id of the chosen observation (see v_observations)';
COMMENT ON COLUMN v_metric_series.document_id IS '所选观测的文件编号 / Document of the chosen observation';
COMMENT ON COLUMN v_metric_series.candidates IS '候选观测数(同一指标、地区、年度、度量、类别) / Number of candidate observations for this row';
COMMENT ON COLUMN v_metric_series.label IS '原文指标短语 / Metric phrase as written in the chosen observation';
COMMENT ON COLUMN v_metric_series.snippet IS '原文句子 / Sentence of the chosen observation';
""",
    "v_task_completion": r"""
CREATE VIEW v_task_completion (
    district_code, district_name, year, scheme_code, category_code, category_name, tasks_total,
    tasks_done, tasks_lagging, completion_rate, source, document_id, period_label
) AS
WITH per_document AS (
    SELECT cr.document_id, cr.category_id, cr.tasks_total, cr.tasks_done, cr.tasks_lagging, cr.source
    FROM category_results cr
    UNION ALL
    SELECT
        t.document_id,
        t.category_id,
        count(*)::integer,
        (count(*) FILTER (WHERE t.status = 'done'))::integer,
        (count(*) FILTER (WHERE t.status = 'lagging'))::integer,
        'counted'
    FROM tasks t
    WHERE t.category_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM category_results cr WHERE cr.document_id = t.document_id)
    GROUP BY t.document_id, t.category_id
),
chosen AS (
    SELECT
        p.*,
        d.region_code,
        d.year,
        d.period_label,
        row_number() OVER (
            PARTITION BY d.region_code, d.year, p.category_id
            ORDER BY
                (p.source = 'stated') DESC,
                coalesce(d.period_end, make_date(d.year, 12, 31)) DESC,
                d.imported_at DESC,
                d.id DESC
        ) AS choice
    FROM per_document p
    JOIN documents d ON d.id = p.document_id
    WHERE d.year IS NOT NULL
)
SELECT
    ch.region_code,
    r.name,
    ch.year,
    c.scheme_code,
    c.code,
    c.name,
    ch.tasks_total,
    ch.tasks_done,
    ch.tasks_lagging,
    round(ch.tasks_done::numeric / nullif(ch.tasks_total, 0), 4)::numeric(6, 4),
    ch.source,
    ch.document_id,
    ch.period_label
FROM chosen ch
JOIN regions r ON r.code = ch.region_code
JOIN categories c ON c.id = ch.category_id
WHERE ch.choice = 1;

COMMENT ON VIEW v_task_completion IS '任务完成率:每个地区、年度、类别一行(优先采用文件所述数字,否则按任务计数) / Task completion per district, year and category (stated counts where a document gives them, else counted from its tasks)';
COMMENT ON COLUMN v_task_completion.district_code IS '地区代码 / Region code';
COMMENT ON COLUMN v_task_completion.district_name IS '地区名称 / Region name';
COMMENT ON COLUMN v_task_completion.year IS '年度 / Year';
COMMENT ON COLUMN v_task_completion.scheme_code IS '任务分类体系 / Category scheme';
COMMENT ON COLUMN v_task_completion.category_code IS '任务类别代码 / Task category code';
COMMENT ON COLUMN v_task_completion.category_name IS '任务类别名称 / Task category name';
COMMENT ON COLUMN v_task_completion.tasks_total IS '任务总数 / Number of tasks';
COMMENT ON COLUMN v_task_completion.tasks_done IS '已完成任务数 / Tasks done';
COMMENT ON COLUMN v_task_completion.tasks_lagging IS '滞后任务数 / Tasks lagging';
COMMENT ON COLUMN v_task_completion.completion_rate IS '完成率(0-1) / Share of tasks done, 0 to 1';
COMMENT ON COLUMN v_task_completion.source IS '来源:stated 文中写明 / counted 由任务计数 — Whether stated or counted';
COMMENT ON COLUMN v_task_completion.document_id IS '数字来源文件编号 / Document the counts come from';
COMMENT ON COLUMN v_task_completion.period_label IS '该文件的报告期 / Reporting period of that document';
""",
}
