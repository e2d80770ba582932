CREATE VIEW v_target_attainment (
    region_code, region_name, region_level, metric_code, metric_name, unit, better, measure, breakdown,
    year, year_start, target_comparator, target_value, target_value_max, target_tolerance,
    target_observation_id, target_document_id, actual_value, actual_kind, actual_is_annual,
    actual_period_label, actual_observation_id, actual_document_id, met, gap
) AS
WITH figure AS (
    -- Observations of a canonical metric with a number, as v_metric_series takes them: a level or
    -- an absolute change in the metric's canonical unit, no rank of a change, no cumulative figure.
    SELECT
        o.id, o.document_id, o.region_code, o.metric_code, o.measure, o.breakdown, o.year, o.kind,
        o.comparator, o.value, o.value_max, o.raw_value, o.unit, o.span_start,
        d.source_sha256, d.part, d.year AS document_year, d.published_on,
        -- a figure (not a target) that names no period of its own, in a document about part of
        -- that year (上半年 …), covers the document's period
        coalesce(o.period_label, CASE WHEN p.partial_document THEN d.period_label END) AS period_label,
        coalesce(o.period_end, CASE WHEN p.partial_document THEN d.period_end END) AS period_end
    FROM observations o
    JOIN documents d ON d.id = o.document_id
    JOIN metrics m ON m.code = o.metric_code
    CROSS JOIN LATERAL (
        SELECT d.year = o.year AND o.kind <> 'target' AND d.period_end < make_date(d.year, 12, 31)
            AS partial_document
    ) p
    WHERE o.year IS NOT NULL
      AND o.value IS NOT NULL
      AND (o.measure NOT IN ('level', 'change_abs') OR o.unit = m.unit)
      AND NOT EXISTS (
          SELECT FROM unnest(o.notes) AS note
          WHERE split_part(note, ':', 1) IN ('rank_of_change', 'cumulative')
      )
),
annotated AS (
    SELECT f.*, (f.period_end IS NULL OR f.period_end >= make_date(f.year, 12, 31)) AS annual
    FROM figure f
),
target AS (
    -- The target of the cell: a whole-year target from any document (a work report's 主要预期目标,
    -- a 年度目标 column, a five-year-plan goal naming the year); the latest document wins (its
    -- year, then its publication date), then the first figure by source file, part and position.
    SELECT DISTINCT ON (a.metric_code, a.region_code, a.year, a.measure, a.breakdown) a.*
    FROM annotated a
    WHERE a.kind = 'target' AND a.annual
    ORDER BY
        a.metric_code, a.region_code, a.year, a.measure, a.breakdown,
        a.document_year DESC NULLS LAST, a.published_on DESC NULLS LAST,
        a.source_sha256, a.part, a.span_start, a.id
),
outcome AS (
    -- The actual of the cell: a whole-year figure over a partial one, then kind actual over
    -- estimate (a later review's actual supersedes an earlier 预计), then the latest period end,
    -- then the latest document (year, publication date), then the first by file, part, position.
    SELECT DISTINCT ON (a.metric_code, a.region_code, a.year, a.measure, a.breakdown, a.unit) a.*
    FROM annotated a
    WHERE a.kind IN ('actual', 'estimate')
    ORDER BY
        a.metric_code, a.region_code, a.year, a.measure, a.breakdown, a.unit,
        a.annual DESC, (a.kind = 'actual') DESC, coalesce(a.period_end, make_date(a.year, 12, 31)) DESC,
        a.document_year DESC NULLS LAST, a.published_on DESC NULLS LAST,
        a.source_sha256, a.part, a.span_start, a.id
),
paired AS (
    SELECT
        t.*,
        a.id AS actual_id, a.document_id AS actual_document_id, a.value AS actual_value,
        a.kind AS actual_kind, a.annual AS actual_annual, a.period_label AS actual_period_label,
        -- +1 higher is better, -1 lower is better, NULL no direction (as v_metric_comparison)
        CASE
            WHEN t.measure = 'rank' THEN -1
            WHEN t.measure = 'progress_pct' THEN 1
            WHEN m.better = 'higher' THEN 1
            WHEN m.better = 'lower' THEN -1
        END AS direction,
        -- written = value / factor: the target as written (1.4 of 万亿斤; 3 of 下降3%)
        CASE WHEN t.raw_value IS NOT NULL AND t.raw_value <> 0 THEN t.value / t.raw_value ELSE 1 END AS factor,
        -- half a unit of the target's last written digit, in written units (5 → 0.5, 5.5 → 0.05)
        0.5 * power(10::numeric, -scale(trim_scale(coalesce(t.raw_value, t.value)))) AS half_digit
    FROM target t
    JOIN metrics m ON m.code = t.metric_code
    LEFT JOIN outcome a
        ON a.metric_code = t.metric_code AND a.region_code = t.region_code AND a.year = t.year
        AND a.measure = t.measure AND a.breakdown = t.breakdown AND a.unit = t.unit
),
judged AS (
    SELECT
        p.*,
        CASE
            WHEN p.actual_id IS NULL OR NOT p.actual_annual THEN NULL
            WHEN p.value_max IS NOT NULL
                THEN p.actual_value BETWEEN least(p.value, p.value_max) AND greatest(p.value, p.value_max)
            WHEN p.comparator = 'approx'
                THEN p.actual_value / p.factor >= coalesce(p.raw_value, p.value) - p.half_digit
                 AND p.actual_value / p.factor < coalesce(p.raw_value, p.value) + p.half_digit
            WHEN p.comparator = 'min' THEN p.actual_value >= p.value
            WHEN p.comparator = 'max' THEN p.actual_value <= p.value
            ELSE p.actual_value = p.value
        END AS met,
        -- actual minus the nearest value of the target (a range: 0 inside it, else its nearest bound)
        CASE
            WHEN p.actual_id IS NULL OR NOT p.actual_annual THEN NULL
            WHEN p.value_max IS NULL THEN p.actual_value - p.value
            WHEN p.actual_value < least(p.value, p.value_max) THEN p.actual_value - least(p.value, p.value_max)
            WHEN p.actual_value > greatest(p.value, p.value_max)
                THEN p.actual_value - greatest(p.value, p.value_max)
            ELSE 0
        END AS difference
    FROM paired p
)
SELECT
    j.region_code,
    r.name,
    r.level,
    j.metric_code,
    m.name,
    j.unit,
    CASE j.direction WHEN 1 THEN 'higher' WHEN -1 THEN 'lower' END,
    j.measure,
    j.breakdown,
    j.year,
    make_date(j.year, 1, 1),
    j.comparator,
    j.value,
    j.value_max,
    (CASE WHEN j.comparator = 'approx' AND j.value_max IS NULL THEN j.half_digit * abs(j.factor) END)::numeric(20, 6),
    j.id,
    j.document_id,
    j.actual_value,
    j.actual_kind,
    j.actual_annual,
    j.actual_period_label,
    j.actual_id,
    j.actual_document_id,
    j.met,
    (coalesce(j.direction, 1) * j.difference)::numeric(20, 6)
FROM judged j
JOIN metrics m ON m.code = j.metric_code
JOIN regions r ON r.code = j.region_code;

COMMENT ON VIEW v_target_attainment IS '目标完成情况:每个有目标数值的地区×指标×度量×分项×年度一行,目标与实际并列。目标:来自任何文件的该年度全年目标(当年政府工作报告的主要预期目标、年度目标列、写明该年的五年规划目标“到2030年…”);多个时取最新文件(文件年度,再发布日期),再按来源文件(sha256)、篇、文中位置取第一个;只写目标未写数值的不列入;半年等部分期间的目标不是年度目标,不列入。实际:先全年数后部分期间数,同为全年时实际数优先于预计数(次年报告回顾的实际数取代此前的预计数),再取期间截止最晚的,再取最新文件(文件年度,再发布日期),再按来源文件、篇、文中位置取第一个;单位须与目标相同。是否完成(met,无实际数或实际数仅为部分期间时为空):左右(approx)——实际数按目标的写法(下降写作正数,原单位)四舍五入到目标最后一位数字等于目标,即落在目标±最后一位的半个单位内(含下限不含上限):5%左右为4.5≤x<5.5,5.5%左右为5.45≤x<5.55,1.4万亿斤左右为1.35≤x<1.45万亿斤,下降3%左右为降幅2.5≤x<3.5;最后一位按原文数值(raw_value)去掉小数末尾的0确定(存储的数值不保留末尾的0:5.0%左右按5%计);以上/不低于(min)——实际≥目标;以内/控制在/不超过(max)——实际≤目标;等于(eq)——实际=目标(超过也算未完成,见gap);区间(4.5%—5%)——实际在区间内(含两端),不论比较符。差距gap=实际−目标(区间取最近的端点,区间内为0),指标越大越好时原样、越小越好时取反,使正数为好于目标;无方向的指标为原差值 / Target attainment: one row per region × metric × measure × breakdown × year that has a target with a number, the target beside the actual. Target: a whole-year target of that year from any document (the year''s work-report 主要预期目标, a 年度目标 column, a five-year-plan goal naming the year, 到2030年…); among several the latest document wins (its year, then its publication date), then the first by source file (sha256), part and position in the text; a target with no number never appears; a target for part of a year (上半年…) is not the year''s and is left out. Actual: a whole-year figure over a partial one, then kind actual over estimate (a later review''s actual supersedes an earlier 预计 estimate), then the latest period end, then the latest document (year, then publication date), then the first by source file, part and position; its unit must be the target''s. met (NULL when there is no actual or only a partial-year one): approx (左右) — the actual, written as the target is written (a decrease as a positive number, in the written unit), rounds half-up to the target at its last written digit, i.e. lies within half a unit of that digit, lower end included, upper excluded: 5%左右 is met by 4.5 ≤ x < 5.5, 5.5%左右 by 5.45 ≤ x < 5.55, 1.4万亿斤左右 by 1.35 ≤ x < 1.45 万亿斤, 下降3%左右 by a fall of 2.5 ≤ x < 3.5; the last written digit is read from raw_value with the trailing zeros of its decimals removed (stored numbers keep no trailing zero: 5.0%左右 counts as 5%); min (以上, 不低于) — actual ≥ target; max (以内, 控制在, 不超过) — actual ≤ target; eq — actual = target (beating it is not meeting it: see gap); a range (4.5%—5%) — the actual inside it, both ends included, whatever the comparator. gap = actual − target (for a range, its nearest bound; 0 inside), negated when lower is better so that a positive gap is better than the target; the plain difference when the metric has no direction';
COMMENT ON COLUMN v_target_attainment.region_code IS '地区代码(GB/T 2260,全国为000000) / Region code (GB/T 2260; the nation is 000000)';
COMMENT ON COLUMN v_target_attainment.region_name IS '地区名称 / Region name';
COMMENT ON COLUMN v_target_attainment.region_level IS '地区级别:national 全国 / province 省级 / prefecture 地级 / county 县级 — Region level';
COMMENT ON COLUMN v_target_attainment.metric_code IS '标准指标代码 / Canonical metric code';
COMMENT ON COLUMN v_target_attainment.metric_name IS '标准指标名称 / Canonical metric name';
COMMENT ON COLUMN v_target_attainment.unit IS '目标与实际数值的单位(水平值为指标标准单位) / Unit of the target and actual values (the metric''s canonical unit for a level)';
COMMENT ON COLUMN v_target_attainment.better IS '优劣方向:higher 越大越好 / lower 越小越好 / 空 无方向(排名度量越小越好,完成进度越大越好) — Better direction of this measure (lower for rank, higher for progress_pct), NULL when none';
COMMENT ON COLUMN v_target_attainment.measure IS '度量:level 水平 / change_pct 增速% / change_abs 增减量 / change_pp 百分点 / rank 排名 / progress_pct 完成进度% — Measure';
COMMENT ON COLUMN v_target_attainment.breakdown IS '分项:total 合计 / urban 城镇 / rural 农村 — Breakdown';
COMMENT ON COLUMN v_target_attainment.year IS '目标所属年度 / Year the target is for';
COMMENT ON COLUMN v_target_attainment.year_start IS '年度第一天(BI工具的时间列) / First day of year (the time column for BI tools)';
COMMENT ON COLUMN v_target_attainment.target_comparator IS '目标比较符:eq 等于 / approx 左右 / max 以内 / min 以上 — Comparator of the target';
COMMENT ON COLUMN v_target_attainment.target_value IS '目标值(区间为下限) / Target value (the lower bound of a range)';
COMMENT ON COLUMN v_target_attainment.target_value_max IS '目标区间上限(非区间为空) / Upper bound of a range target, else NULL';
COMMENT ON COLUMN v_target_attainment.target_tolerance IS '“左右”目标允许的偏差:最后一位数字的半个单位,折算为本行单位(非“左右”或区间为空) / For an approx (左右) target: half a unit of its last written digit, in this row''s unit; met when target − tolerance ≤ actual < target + tolerance (for a decrease the window is mirrored); NULL otherwise';
COMMENT ON COLUMN v_target_attainment.target_observation_id IS '目标观测编号(见v_observations) / Id of the target observation (see v_observations)';
COMMENT ON COLUMN v_target_attainment.target_document_id IS '目标所在文件编号(见v_documents) / Document of the target';
COMMENT ON COLUMN v_target_attainment.actual_value IS '实际值(无实际数时为空) / Actual value, NULL when none is loaded';
COMMENT ON COLUMN v_target_attainment.actual_kind IS '实际值类别:actual 实际 / estimate 预计(没有实际数时) — Kind of the actual value: actual, or estimate when no actual exists';
COMMENT ON COLUMN v_target_attainment.actual_is_annual IS '实际值是否全年数(部分期间数不判断是否完成) / Whether the actual covers the whole year (a partial-year figure is shown but neither meets nor misses)';
COMMENT ON COLUMN v_target_attainment.actual_period_label IS '实际值的期间(如“1-11月”;全年数通常为空) / Period of the actual as written (e.g. 1-11月), usually NULL for a whole year';
COMMENT ON COLUMN v_target_attainment.actual_observation_id IS '实际值观测编号(见v_observations) / Id of the actual observation (see v_observations)';
COMMENT ON COLUMN v_target_attainment.actual_document_id IS '实际值所在文件编号 / Document of the actual';
COMMENT ON COLUMN v_target_attainment.met IS '是否完成目标(规则见视图说明;无全年实际数时为空) / Whether the target was met (rules in the view comment); NULL without a whole-year actual';
COMMENT ON COLUMN v_target_attainment.gap IS '差距:实际−目标(区间取最近端点,区间内为0),正数为好于目标;无方向指标为原差值 / Actual − target (a range: its nearest bound, 0 inside), positive = better than the target; the plain difference for a metric with no direction';
