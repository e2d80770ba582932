CREATE VIEW v_metric_comparison (
    metric_code, metric_name, unit, better, year, measure, kind, breakdown, district_code,
    district_name, region_level, value, rank_in_year, districts_reporting, observation_id,
    period_label, candidates, comparator, is_annual, best_value, median_value, gap_to_best,
    gap_to_median, year_start
) AS
WITH district_series AS (
    -- The series rows with the direction in which a value is better: +1 higher, -1 lower, NULL
    -- none.  Regions are compared with regions of the same level (county-level with
    -- county-level, provinces with provinces), within one breakdown (total, urban, rural).
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
    WINDOW g AS (PARTITION BY ds.metric_code, ds.year, ds.measure, ds.kind, ds.breakdown, ds.region_level)
),
with_median AS (
    -- the median: the middle value, or the mean of the two middle values
    SELECT
        r.*,
        avg(r.value) FILTER (WHERE r.position IN ((r.reporting + 1) / 2, (r.reporting + 2) / 2)) OVER (
            PARTITION BY r.metric_code, r.year, r.measure, r.kind, r.breakdown, r.region_level
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
    k.breakdown,
    k.district_code,
    k.district_name,
    k.region_level,
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
    (k.value - k.median)::numeric(20, 6),
    make_date(k.year, 1, 1)
FROM with_median k;

COMMENT ON VIEW v_metric_comparison IS '地区比较:由v_metric_series取值,每个指标×年度×度量×类别×分项×地区一行;同级地区(县级与县级、地级与地级、省级与省级)在同一分项(合计/城镇/农村)内按指标优劣方向排名(并列同名次;排名度量越小越好,完成进度越大越好),并给出与同组最佳值、中位数的差距。排名度量只有水平的排名:增速的排名和累计数不参与比较(见v_metric_series) / Regional comparison from v_metric_series: one row per metric × year × measure × kind × breakdown × region; regions are ranked against regions of the same level (county-level, prefecture, province) within one breakdown (total, urban, rural), by the metric''s better direction (ties share a rank; for the rank measure lower is better, for progress_pct higher), with the gap to the best and to the median of that group. The rank measure holds ranks of the level only: a rank of a change and a cumulative figure are never compared (see v_metric_series)';
COMMENT ON COLUMN v_metric_comparison.metric_code IS '标准指标代码 / Canonical metric code';
COMMENT ON COLUMN v_metric_comparison.metric_name IS '标准指标名称 / Canonical metric name';
COMMENT ON COLUMN v_metric_comparison.unit IS '单位(指标标准单位) / Unit of value (the metric''s canonical unit)';
COMMENT ON COLUMN v_metric_comparison.better IS '优劣方向:higher 越高越好 / lower 越低越好 / NULL 无方向 — Better direction';
COMMENT ON COLUMN v_metric_comparison.year IS '数值所属年度 / Year the value refers to';
COMMENT ON COLUMN v_metric_comparison.measure IS '度量 / Measure (level, change_pct …)';
COMMENT ON COLUMN v_metric_comparison.kind IS '类别 / Kind (actual, estimate, target)';
COMMENT ON COLUMN v_metric_comparison.breakdown IS '分项:total 合计 / urban 城镇 / rural 农村 — Breakdown (total, urban, rural)';
COMMENT ON COLUMN v_metric_comparison.district_code IS '地区代码(GB/T 2260,任一级别) / Region code (GB/T 2260, any level)';
COMMENT ON COLUMN v_metric_comparison.district_name IS '地区名称 / Region name';
COMMENT ON COLUMN v_metric_comparison.region_level IS '地区级别:national 全国 / province 省级 / prefecture 地级 / county 县级(含市辖区、县级市、旗) — Region level';
COMMENT ON COLUMN v_metric_comparison.value IS '数值 / Value';
COMMENT ON COLUMN v_metric_comparison.rank_in_year IS '年度排名(1为最好,并列同名次;无方向为NULL) / Rank among the regions of the same level and breakdown in the year (1 = best, ties share a rank; NULL when the metric has no direction)';
COMMENT ON COLUMN v_metric_comparison.districts_reporting IS '同级、同分项报告该数值的地区数 / Number of regions of the same level reporting this metric, measure, kind and breakdown in the year';
COMMENT ON COLUMN v_metric_comparison.observation_id IS '所选观测编号 / Id of the chosen observation';
COMMENT ON COLUMN v_metric_comparison.period_label IS '期间 / Period of the chosen observation';
COMMENT ON COLUMN v_metric_comparison.candidates IS '候选观测数 / Number of candidate observations for this district';
COMMENT ON COLUMN v_metric_comparison.comparator IS '比较符 / Comparator of the chosen observation';
COMMENT ON COLUMN v_metric_comparison.is_annual IS '是否全年数 / Whether the value covers the whole year';
COMMENT ON COLUMN v_metric_comparison.best_value IS '最佳区的数值(无方向为NULL) / Value of the best district (NULL when the metric has no direction)';
COMMENT ON COLUMN v_metric_comparison.median_value IS '各区中位数 / Median over the reporting districts';
COMMENT ON COLUMN v_metric_comparison.gap_to_best IS '与最佳区之差(本区值减最佳值) / This value minus the best district''s';
COMMENT ON COLUMN v_metric_comparison.gap_to_median IS '与中位数之差(本区值减中位数) / This value minus the median';
COMMENT ON COLUMN v_metric_comparison.year_start IS '数值所属年度的1月1日(BI工具的时间列,从不为空) / 1 January of year, a date: the dataset''s time column in Superset and Metabase (never NULL)';
