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
