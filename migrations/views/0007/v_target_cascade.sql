CREATE VIEW v_target_cascade (
    region_code, region_name, region_level, parent_code, parent_name, parent_level, metric_code,
    metric_name, unit, better, measure, breakdown, year, year_start, target_comparator, target_value,
    target_value_max, parent_target_comparator, parent_target_value, parent_target_value_max,
    national_target_comparator, national_target_value, national_target_value_max, excess_over_parent,
    excess_over_national, target_observation_id, parent_target_observation_id,
    national_target_observation_id
) AS
WITH RECURSIVE target AS MATERIALIZED (
    -- The targets of v_target_attainment (the same choice of one target per cell), each with the
    -- number it is compared by: its value, or for a range (4.5%—5%) its more ambitious end — the
    -- upper bound when higher is better, the lower bound when lower is better or no direction.
    SELECT
        t.*,
        CASE
            WHEN t.target_value_max IS NULL THEN t.target_value
            WHEN t.better = 'higher' THEN greatest(t.target_value, t.target_value_max)
            ELSE least(t.target_value, t.target_value_max)
        END AS compared,
        CASE t.better WHEN 'lower' THEN -1 ELSE 1 END AS sign
    FROM v_target_attainment t
),
ancestry AS (
    -- every region above a region with a target, nearest first (depth 1 = its parent)
    SELECT r.code AS region_code, r.parent_code AS ancestor_code, 1 AS depth
    FROM regions r
    WHERE r.parent_code IS NOT NULL AND r.code IN (SELECT region_code FROM target)
    UNION ALL
    SELECT a.region_code, r.parent_code, a.depth + 1
    FROM ancestry a
    JOIN regions r ON r.code = a.ancestor_code
    WHERE r.parent_code IS NOT NULL AND a.depth < 10
)
SELECT
    t.region_code,
    t.region_name,
    t.region_level,
    p.region_code,
    p.region_name,
    p.region_level,
    t.metric_code,
    t.metric_name,
    t.unit,
    t.better,
    t.measure,
    t.breakdown,
    t.year,
    t.year_start,
    t.target_comparator,
    t.target_value,
    t.target_value_max,
    p.target_comparator,
    p.target_value,
    p.target_value_max,
    n.target_comparator,
    n.target_value,
    n.target_value_max,
    (t.sign * (t.compared - p.compared))::numeric(20, 6),
    (t.sign * (t.compared - n.compared))::numeric(20, 6),
    t.target_observation_id,
    p.target_observation_id,
    n.target_observation_id
FROM target t
LEFT JOIN LATERAL (
    -- the nearest higher government with a target in the same cell: the parent, else the
    -- parent's parent … (a county whose prefecture set none is compared with its province)
    SELECT u.*
    FROM ancestry a
    JOIN target u ON u.region_code = a.ancestor_code
    WHERE a.region_code = t.region_code
      AND u.metric_code = t.metric_code AND u.measure = t.measure AND u.breakdown = t.breakdown
      AND u.year = t.year AND u.unit = t.unit
    ORDER BY a.depth
    LIMIT 1
) p ON true
LEFT JOIN target n
    ON n.region_level = 'national'
    AND n.metric_code = t.metric_code AND n.measure = t.measure AND n.breakdown = t.breakdown
    AND n.year = t.year AND n.unit = t.unit;

COMMENT ON VIEW v_target_cascade IS '目标层层对比:v_target_attainment的每个目标一行(同一取法),与上级政府和全国在同一指标×度量×分项×年度的目标并列,用于研究层层加码。上级(parent_code)为有同一目标的最近上级:先父级,无目标时再往上(如地级市未载入时县与省比较);全国为级别national的地区(000000);全国本身一行的上级为空、对全国超出为0。比较用的数:单一目标取其值;区间目标(如4.5%—5%)取更积极的一端——越大越好时取上限,越小越好或无方向时取下限。超出(excess_over_parent / excess_over_national)=本级比较数−上级(全国)比较数,越小越好时取反,正数为本级目标更积极;无方向指标为原差值;对方无目标时为空。注意:总量水平(亿元、万人)在不同规模地区之间相比无意义,超出宜用于增速、比率、强度等 / Targets across levels of government: one row per target of v_target_attainment (the same choice), beside the target of the parent and of the nation in the same metric × measure × breakdown × year — for studying targets raised level by level (层层加码). The parent (parent_code) is the nearest higher government with a target in that cell: the parent, else its parent … (a county whose prefecture is not loaded is compared with its province); the nation is the region of level national (000000); the nation''s own row has no parent and an excess over the nation of 0. The number compared: a single target''s value; for a range (4.5%—5%) its more ambitious end — the upper bound when higher is better, the lower bound when lower is better or the metric has no direction. excess_over_parent / excess_over_national = this target''s number − the parent''s (nation''s), negated when lower is better, so that a positive excess is a more ambitious target; the plain difference for a metric with no direction; NULL when the other has no target. Note: a level that is an amount (亿元, 万人) compares regions of different size; read the excess for growth, rates and intensities';
COMMENT ON COLUMN v_target_cascade.region_code IS '地区代码 / Region code';
COMMENT ON COLUMN v_target_cascade.region_name IS '地区名称 / Region name';
COMMENT ON COLUMN v_target_cascade.region_level IS '地区级别:national / province / prefecture / county — Region level';
COMMENT ON COLUMN v_target_cascade.parent_code IS '有同一目标的最近上级地区代码(无则为空) / Code of the nearest higher government with a target in the same cell, NULL when none';
COMMENT ON COLUMN v_target_cascade.parent_name IS '该上级地区名称 / Name of that higher government';
COMMENT ON COLUMN v_target_cascade.parent_level IS '该上级地区级别 / Level of that higher government';
COMMENT ON COLUMN v_target_cascade.metric_code IS '标准指标代码 / Canonical metric code';
COMMENT ON COLUMN v_target_cascade.metric_name IS '标准指标名称 / Canonical metric name';
COMMENT ON COLUMN v_target_cascade.unit IS '目标数值的单位 / Unit of the target values';
COMMENT ON COLUMN v_target_cascade.better IS '优劣方向:higher / lower / 空 — Better direction of this measure, NULL when none';
COMMENT ON COLUMN v_target_cascade.measure IS '度量(见v_target_attainment) / Measure';
COMMENT ON COLUMN v_target_cascade.breakdown IS '分项:total / urban / rural — Breakdown';
COMMENT ON COLUMN v_target_cascade.year IS '目标所属年度 / Year the targets are for';
COMMENT ON COLUMN v_target_cascade.year_start IS '年度第一天(BI工具的时间列) / First day of year (the time column for BI tools)';
COMMENT ON COLUMN v_target_cascade.target_comparator IS '本级目标比较符:eq / approx / max / min — Comparator of this region''s target';
COMMENT ON COLUMN v_target_cascade.target_value IS '本级目标值(区间为下限) / This region''s target (the lower bound of a range)';
COMMENT ON COLUMN v_target_cascade.target_value_max IS '本级目标区间上限 / Upper bound of this region''s range target, else NULL';
COMMENT ON COLUMN v_target_cascade.parent_target_comparator IS '上级目标比较符 / Comparator of the parent''s target';
COMMENT ON COLUMN v_target_cascade.parent_target_value IS '上级目标值(区间为下限) / The parent''s target (the lower bound of a range)';
COMMENT ON COLUMN v_target_cascade.parent_target_value_max IS '上级目标区间上限 / Upper bound of the parent''s range target, else NULL';
COMMENT ON COLUMN v_target_cascade.national_target_comparator IS '全国目标比较符 / Comparator of the national target';
COMMENT ON COLUMN v_target_cascade.national_target_value IS '全国目标值(区间为下限) / The national target (the lower bound of a range)';
COMMENT ON COLUMN v_target_cascade.national_target_value_max IS '全国目标区间上限 / Upper bound of the national range target, else NULL';
COMMENT ON COLUMN v_target_cascade.excess_over_parent IS '超出上级:本级比较数−上级比较数(区间取更积极的一端),正数为更积极 / This target''s number minus the parent''s (a range by its more ambitious end), positive = more ambitious';
COMMENT ON COLUMN v_target_cascade.excess_over_national IS '超出全国:本级比较数−全国比较数,正数为更积极 / This target''s number minus the nation''s, positive = more ambitious';
COMMENT ON COLUMN v_target_cascade.target_observation_id IS '本级目标观测编号(见v_observations) / Id of this target''s observation';
COMMENT ON COLUMN v_target_cascade.parent_target_observation_id IS '上级目标观测编号 / Id of the parent target''s observation';
COMMENT ON COLUMN v_target_cascade.national_target_observation_id IS '全国目标观测编号 / Id of the national target''s observation';
