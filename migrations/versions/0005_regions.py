# ruff: noqa: E501  (the frozen SQL below keeps its long COMMENT lines)
"""every region of China: levels prefecture/county, former names; observations.breakdown

Revision ID: 0005
Revises: 0003
Create Date: 2026-12-01 17:10:00

regions.level takes the DESIGN §6 values: city → prefecture, district → county (every row is
kept); regions gains former_names (names before a rename or merger) and an index on
parent_code; the reference sync then loads every GB/T 2260 division (govperf/data/
regions_gbt2260.csv).  observations gains ``breakdown`` (total / urban / rural, every existing
row total).  v_documents, v_observations and v_metric_comparison add region_level;
v_observations, v_metric_series and v_metric_comparison add breakdown, which joins the grain
of the series and of the comparison; v_metric_comparison ranks regions against regions of the
same level instead of districts only; v_coverage lists the county-level divisions beside those
with documents instead of every district.
Downgrade maps the levels back (prefecture → city, county → district), drops the columns (the
regions loaded stay) and restores the 0003 views from the SQL frozen below.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from govperf import reference, views

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

VIEWS_0003 = (
    "v_documents",
    "v_observations",
    "v_tasks",
    "v_category_results",
    "v_metric_series",
    "v_metric_comparison",
    "v_task_completion",
    "v_coverage",
)
LEVELS_0003 = ("national", "province", "city", "district")
LEVELS_0005 = ("national", "province", "prefecture", "county")
RENAMED = (("city", "prefecture"), ("district", "county"))


def _level_check(levels: tuple[str, ...]) -> None:
    quoted = ", ".join(f"'{level}'" for level in levels)
    op.create_check_constraint(op.f("ck_regions_level"), "regions", f"level IN ({quoted})")


def _map_levels(pairs: Sequence[tuple[str, str]]) -> None:
    for old, new in pairs:
        op.execute(sa.text("UPDATE regions SET level = :new WHERE level = :old").bindparams(old=old, new=new))


def upgrade() -> None:
    views.drop_views(op.get_bind())
    op.drop_constraint(op.f("ck_regions_level"), "regions", type_="check")
    _map_levels(RENAMED)
    _level_check(LEVELS_0005)
    op.add_column(
        "regions",
        sa.Column(
            "former_names",
            postgresql.ARRAY(sa.Text()),
            server_default=sa.text("'{}'::text[]"),
            nullable=False,
        ),
    )
    op.create_index(op.f("ix_regions_parent_code"), "regions", ["parent_code"])
    op.add_column("observations", sa.Column("breakdown", sa.Text(), server_default="total", nullable=False))
    op.create_check_constraint(
        op.f("ck_observations_breakdown"), "observations", "breakdown IN ('total', 'urban', 'rural')"
    )
    op.execute(
        "COMMENT ON TABLE regions IS 'GB/T 2260 regions (全国, provinces, prefectures, county-level divisions)'"
    )
    reference.sync_regions(op.get_bind())
    views.replace_views(op.get_bind())


def downgrade() -> None:
    views.drop_views(op.get_bind())
    op.drop_constraint(op.f("ck_observations_breakdown"), "observations", type_="check")
    op.drop_column("observations", "breakdown")
    op.drop_index(op.f("ix_regions_parent_code"), table_name="regions")
    op.drop_column("regions", "former_names")
    op.drop_constraint(op.f("ck_regions_level"), "regions", type_="check")
    _map_levels([(new, old) for old, new in RENAMED])
    _level_check(LEVELS_0003)
    op.execute("COMMENT ON TABLE regions IS 'GB/T 2260 regions (全国, provinces, cities, districts)'")
    views.replace_views(op.get_bind(), VIEWS_0003, FROZEN_0003)


FROZEN_0003 = {
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
        o.value, o.value_max, o.unit, o.label, o.snippet, o.span_start, d.source_sha256, d.part,
        d.imported_at,
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
            -- a tie on the rule above goes to the first figure by source file, part and place
            -- in the text: the same choice whatever the import order (serial or --jobs)
            c.source_sha256,
            c.part,
            c.span_start,
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

COMMENT ON VIEW v_metric_series IS '指标时间序列:每个指标×地区×年度×度量×类别一行。取值规则:①全年数优先于部分期间(上半年、1-11月等;观测未写期间时取其文件的报告期);②同为部分期间时取最晚截止的;③仍并列时按来源文件(sha256)、篇、文中位置取第一个,与导入顺序无关。数值均为指标标准单位(单位无法换算的观测不入选,见v_observations)。实际/预计/目标各占一行(需合并时按实际、预计、目标的顺序取) / Metric series: one row per metric × region × year × measure × kind. Rule: (1) a whole-year figure over a partial one (H1, Jan-Nov …; a figure that names no period takes its document''s); (2) among partial ones the latest period end; (3) a remaining tie goes to the first figure by source file (sha256), part and position in the text, whatever the import order. Values are in the metric''s canonical unit (an observation whose unit could not be converted is left out; see v_observations). Actual, estimate and target each get their own row (to combine them, prefer actual, then estimate, then target)';
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
    "v_metric_comparison": r"""
CREATE VIEW v_metric_comparison (
    metric_code, metric_name, unit, better, year, measure, kind, district_code, district_name,
    value, rank_in_year, districts_reporting, observation_id, period_label, candidates,
    comparator, is_annual, best_value, median_value, gap_to_best, gap_to_median
) AS
WITH district_series AS (
    -- The series rows of districts (the city and the country are not ranked among them), with
    -- the direction in which a value is better: +1 higher, -1 lower, NULL none.
    SELECT
        s.*,
        m.better,
        CASE
            WHEN s.measure = 'rank' THEN -1
            WHEN s.measure = 'progress_pct' THEN 1
            WHEN m.better = 'higher' THEN 1
            WHEN m.better = 'lower' THEN -1
        END AS direction
    FROM v_metric_series s
    JOIN metrics m ON m.code = s.metric_code
    WHERE s.region_level = 'district'
),
ranked AS (
    SELECT
        ds.*,
        CASE WHEN ds.direction IS NOT NULL THEN rank() OVER (g ORDER BY ds.value * ds.direction DESC) END
            AS rank_in_year,
        row_number() OVER (g ORDER BY ds.value) AS position,
        count(*) OVER g AS reporting,
        CASE ds.direction WHEN 1 THEN max(ds.value) OVER g WHEN -1 THEN min(ds.value) OVER g END AS best
    FROM district_series ds
    WINDOW g AS (PARTITION BY ds.metric_code, ds.year, ds.measure, ds.kind)
),
with_median AS (
    -- the median: the middle value, or the mean of the two middle values
    SELECT
        r.*,
        avg(r.value) FILTER (WHERE r.position IN ((r.reporting + 1) / 2, (r.reporting + 2) / 2)) OVER (
            PARTITION BY r.metric_code, r.year, r.measure, r.kind
        ) AS median
    FROM ranked r
)
SELECT
    k.metric_code,
    k.metric_name,
    k.unit,
    k.better,
    k.year,
    k.measure,
    k.kind,
    k.district_code,
    k.district_name,
    k.value,
    k.rank_in_year::integer,
    k.reporting::integer,
    k.observation_id,
    k.period_label,
    k.candidates,
    k.comparator,
    k.is_annual,
    k.best::numeric(20, 6),
    k.median::numeric(20, 6),
    (k.value - k.best)::numeric(20, 6),
    (k.value - k.median)::numeric(20, 6)
FROM with_median k;

COMMENT ON VIEW v_metric_comparison IS '区际比较:由v_metric_series取各区的值,每个指标×年度×度量×类别×区一行;按指标优劣方向排名(并列同名次;排名度量越小越好,完成进度越大越好),并给出与最佳区、中位数的差距。市和全国的数不参与排名 / Cross-district comparison from v_metric_series: one row per metric × year × measure × kind × district, ranked by the metric''s better direction (ties share a rank; for the rank measure lower is better, for progress_pct higher), with the gap to the best and to the median district. The city and the country are not ranked';
COMMENT ON COLUMN v_metric_comparison.metric_code IS '标准指标代码 / Canonical metric code';
COMMENT ON COLUMN v_metric_comparison.metric_name IS '标准指标名称 / Canonical metric name';
COMMENT ON COLUMN v_metric_comparison.unit IS '单位(指标标准单位) / Unit of value (the metric''s canonical unit)';
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
COMMENT ON COLUMN v_metric_comparison.comparator IS '比较符 / Comparator of the chosen observation';
COMMENT ON COLUMN v_metric_comparison.is_annual IS '是否全年数 / Whether the value covers the whole year';
COMMENT ON COLUMN v_metric_comparison.best_value IS '最佳区的数值(无方向为NULL) / Value of the best district (NULL when the metric has no direction)';
COMMENT ON COLUMN v_metric_comparison.median_value IS '各区中位数 / Median over the reporting districts';
COMMENT ON COLUMN v_metric_comparison.gap_to_best IS '与最佳区之差(本区值减最佳值) / This value minus the best district''s';
COMMENT ON COLUMN v_metric_comparison.gap_to_median IS '与中位数之差(本区值减中位数) / This value minus the median';
""",
    "v_documents": r"""
CREATE VIEW v_documents (
    document_id, source_sha256, source_name, part, genre, genre_name, district_code, district_name,
    year, year_source, period_label, period_start, period_end, title, published_on,
    task_count, observation_count, category_result_count, totals, imported_at, parser_version
) AS
SELECT
    d.id,
    d.source_sha256,
    d.source_name,
    d.part,
    d.genre,
    g.name,
    d.region_code,
    r.name,
    d.year,
    d.year_source,
    d.period_label,
    d.period_start,
    d.period_end,
    d.title,
    d.published_on,
    (SELECT count(*) FROM tasks t WHERE t.document_id = d.id)::integer,
    (SELECT count(*) FROM observations o WHERE o.document_id = d.id)::integer,
    (SELECT count(*) FROM category_results c WHERE c.document_id = d.id)::integer,
    d.totals,
    d.imported_at,
    d.parser_version
FROM documents d
JOIN regions r ON r.code = d.region_code
JOIN genres g ON g.code = d.genre;

COMMENT ON VIEW v_documents IS '已导入的文件(每篇一行) / Imported documents, one row per report (part) of a source file';
COMMENT ON COLUMN v_documents.document_id IS '文件编号 / Document id';
COMMENT ON COLUMN v_documents.source_sha256 IS '源文件的SHA-256 / SHA-256 of the source file bytes';
COMMENT ON COLUMN v_documents.source_name IS '源文件名 / Source file name';
COMMENT ON COLUMN v_documents.part IS '篇序号(一个文件含多篇时) / Part number within the source file (篇1 = 1)';
COMMENT ON COLUMN v_documents.genre IS '文件类型代码 / Genre code (perf_self_report, gov_work_report, …)';
COMMENT ON COLUMN v_documents.genre_name IS '文件类型名称 / Genre name';
COMMENT ON COLUMN v_documents.district_code IS '地区代码(GB/T 2260) / Region code (GB/T 2260)';
COMMENT ON COLUMN v_documents.district_name IS '地区名称 / Region name';
COMMENT ON COLUMN v_documents.year IS '报告年度 / Year the document reports on (NULL when unknown)';
COMMENT ON COLUMN v_documents.year_source IS '年度来源:stated 文中写明 / inferred 推断 / given 导入时指定 — How the year was found';
COMMENT ON COLUMN v_documents.period_label IS '报告期(如“上半年”) / Reporting period as written (e.g. 上半年)';
COMMENT ON COLUMN v_documents.period_start IS '报告期开始日期 / First day of the reporting period';
COMMENT ON COLUMN v_documents.period_end IS '报告期结束日期 / Last day of the reporting period';
COMMENT ON COLUMN v_documents.title IS '标题 / Title';
COMMENT ON COLUMN v_documents.published_on IS '发布日期 / Publication date';
COMMENT ON COLUMN v_documents.task_count IS '任务数 / Number of tasks extracted';
COMMENT ON COLUMN v_documents.observation_count IS '数值观测数 / Number of observations extracted';
COMMENT ON COLUMN v_documents.category_result_count IS '分类结果数 / Number of category results';
COMMENT ON COLUMN v_documents.totals IS '文中写明的总数(JSON) / Totals stated in the document, JSON (indicators, tasks_total, tasks_done …)';
COMMENT ON COLUMN v_documents.imported_at IS '导入时间 / When the document was imported';
COMMENT ON COLUMN v_documents.parser_version IS '解析器版本 / Version of the parser that produced the rows';
""",
    "v_observations": r"""
CREATE VIEW v_observations (
    observation_id, document_id, source_sha256, part, genre, district_code, district_name, year,
    document_year, period_label, period_start, period_end, metric_code, metric_name, label,
    measure, kind, comparator, value, value_max, unit, raw_value, raw_unit, task_id,
    category_code, snippet, span_start, span_end
) AS
SELECT
    o.id,
    o.document_id,
    d.source_sha256,
    d.part,
    d.genre,
    o.region_code,
    r.name,
    o.year,
    d.year,
    o.period_label,
    o.period_start,
    o.period_end,
    o.metric_code,
    m.name,
    o.label,
    o.measure,
    o.kind,
    o.comparator,
    o.value,
    o.value_max,
    o.unit,
    o.raw_value,
    o.raw_unit,
    o.task_id,
    c.code,
    o.snippet,
    o.span_start,
    o.span_end
FROM observations o
JOIN documents d ON d.id = o.document_id
JOIN regions r ON r.code = o.region_code
LEFT JOIN metrics m ON m.code = o.metric_code
LEFT JOIN categories c ON c.id = o.category_id;

COMMENT ON VIEW v_observations IS '数值观测:文中每个度量数字一行 / Observations: one row per number that measures something';
COMMENT ON COLUMN v_observations.observation_id IS '观测编号 / Observation id';
COMMENT ON COLUMN v_observations.document_id IS '所在文件编号 / Document id';
COMMENT ON COLUMN v_observations.source_sha256 IS '源文件的SHA-256 / SHA-256 of the source file';
COMMENT ON COLUMN v_observations.part IS '篇序号 / Part number within the source file';
COMMENT ON COLUMN v_observations.genre IS '文件类型代码 / Genre code of the document';
COMMENT ON COLUMN v_observations.district_code IS '数值所描述的地区代码 / Region the value describes (110000 for figures quoted from the city)';
COMMENT ON COLUMN v_observations.district_name IS '地区名称 / Region name';
COMMENT ON COLUMN v_observations.year IS '数值所属年度(工作报告的回顾部分为上一年) / Year the value refers to (the year before for a work report''s review)';
COMMENT ON COLUMN v_observations.document_year IS '文件的报告年度 / Year of the document';
COMMENT ON COLUMN v_observations.period_label IS '期间(如“1-11月”) / Period as written (e.g. 1-11月)';
COMMENT ON COLUMN v_observations.period_start IS '期间开始日期 / First day of the period';
COMMENT ON COLUMN v_observations.period_end IS '期间结束日期 / Last day of the period';
COMMENT ON COLUMN v_observations.metric_code IS '标准指标代码(未映射为NULL) / Canonical metric code, NULL when unmapped';
COMMENT ON COLUMN v_observations.metric_name IS '标准指标名称 / Canonical metric name';
COMMENT ON COLUMN v_observations.label IS '原文指标短语 / Metric phrase as written';
COMMENT ON COLUMN v_observations.measure IS '度量:level 水平 / change_pct 增速% / change_abs 增减量 / change_pp 百分点 / rank 排名 / progress_pct 完成进度% — Measure';
COMMENT ON COLUMN v_observations.kind IS '类别:actual 实际 / estimate 预计 / target 目标 — Kind';
COMMENT ON COLUMN v_observations.comparator IS '比较符:eq 等于 / approx 左右 / max 以内 / min 以上 — Comparator';
COMMENT ON COLUMN v_observations.value IS '数值(指标标准单位) / Value, in the metric''s canonical unit when mapped';
COMMENT ON COLUMN v_observations.value_max IS '区间上限(仅区间) / Upper bound of a range, else NULL';
COMMENT ON COLUMN v_observations.unit IS '单位 / Unit of value';
COMMENT ON COLUMN v_observations.raw_value IS '原文数值 / Value as written';
COMMENT ON COLUMN v_observations.raw_unit IS '原文单位 / Unit as written';
COMMENT ON COLUMN v_observations.task_id IS '所属任务编号 / Task the value belongs to, if any';
COMMENT ON COLUMN v_observations.category_code IS '任务类别代码 / Task category code, if any';
COMMENT ON COLUMN v_observations.snippet IS '原文句子 / Sentence around the value';
COMMENT ON COLUMN v_observations.span_start IS '原文起始字符位置 / Start offset in the document''s original text';
COMMENT ON COLUMN v_observations.span_end IS '原文结束字符位置 / End offset in the document''s original text';
""",
    "v_coverage": r"""
CREATE VIEW v_coverage (
    district_code, district_name, year, genre, genre_name, documents, periods, task_count,
    observation_count
) AS
WITH loaded_year AS (
    SELECT DISTINCT year FROM documents WHERE year IS NOT NULL
),
covered_region AS (
    SELECT code FROM regions WHERE level = 'district'
    UNION
    SELECT region_code FROM documents
),
per_document AS (
    SELECT
        d.region_code,
        d.year,
        d.genre,
        d.period_label,
        (SELECT count(*) FROM tasks t WHERE t.document_id = d.id) AS tasks,
        (SELECT count(*) FROM observations o WHERE o.document_id = d.id) AS observations
    FROM documents d
    WHERE d.year IS NOT NULL
)
SELECT
    r.code,
    r.name,
    y.year,
    g.code,
    g.name,
    count(p.genre)::integer,
    string_agg(DISTINCT p.period_label, ', '),
    coalesce(sum(p.tasks), 0)::integer,
    coalesce(sum(p.observations), 0)::integer
FROM covered_region cr
JOIN regions r ON r.code = cr.code
CROSS JOIN loaded_year y
CROSS JOIN genres g
LEFT JOIN per_document p ON p.region_code = r.code AND p.year = y.year AND p.genre = g.code
GROUP BY r.code, r.name, y.year, g.code, g.name;

COMMENT ON VIEW v_coverage IS '数据覆盖:每个地区、年度、文件类型已导入的文件数(0表示缺数据,而非缺绩效) / Coverage: documents loaded per district, year and genre; 0 marks a gap in the data, not in performance';
COMMENT ON COLUMN v_coverage.district_code IS '地区代码 / Region code';
COMMENT ON COLUMN v_coverage.district_name IS '地区名称 / Region name';
COMMENT ON COLUMN v_coverage.year IS '报告年度(有文件导入的年度) / Year (every year any document reports on)';
COMMENT ON COLUMN v_coverage.genre IS '文件类型代码 / Genre code';
COMMENT ON COLUMN v_coverage.genre_name IS '文件类型名称 / Genre name';
COMMENT ON COLUMN v_coverage.documents IS '已导入文件数 / Number of documents loaded';
COMMENT ON COLUMN v_coverage.periods IS '已导入的报告期 / Reporting periods loaded';
COMMENT ON COLUMN v_coverage.task_count IS '任务数 / Number of tasks in those documents';
COMMENT ON COLUMN v_coverage.observation_count IS '数值观测数 / Number of observations in those documents';
""",
}
