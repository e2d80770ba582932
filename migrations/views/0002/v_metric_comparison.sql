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
