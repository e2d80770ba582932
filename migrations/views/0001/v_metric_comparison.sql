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
