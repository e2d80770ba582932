CREATE VIEW v_observations (
    observation_id, document_id, source_sha256, part, genre, district_code, district_name,
    region_level, year, document_year, period_label, period_start, period_end, metric_code,
    metric_name, label, measure, kind, breakdown, comparator, value, value_max, unit, raw_value,
    raw_unit, task_id, category_code, snippet, span_start, span_end, notes, year_start
) AS
SELECT
    o.id,
    o.document_id,
    d.source_sha256,
    d.part,
    d.genre,
    o.region_code,
    r.name,
    r.level,
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
    o.breakdown,
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
    o.span_end,
    o.notes,
    make_date(o.year, 1, 1)
FROM observations o
JOIN documents d ON d.id = o.document_id
JOIN regions r ON r.code = o.region_code
LEFT JOIN metrics m ON m.code = o.metric_code
LEFT JOIN categories c ON c.id = o.category_id
-- in the order the numbers were stored (document by document, in text order), whatever plan the
-- joins get: a reader that takes rows as they come sees the same order on every database
ORDER BY o.id;

COMMENT ON VIEW v_observations IS '数值观测:文中每个度量数字一行 / Observations: one row per number that measures something';
COMMENT ON COLUMN v_observations.observation_id IS '观测编号 / Observation id';
COMMENT ON COLUMN v_observations.document_id IS '所在文件编号 / Document id';
COMMENT ON COLUMN v_observations.source_sha256 IS '源文件的SHA-256 / SHA-256 of the source file';
COMMENT ON COLUMN v_observations.part IS '篇序号 / Part number within the source file';
COMMENT ON COLUMN v_observations.genre IS '文件类型代码 / Genre code of the document';
COMMENT ON COLUMN v_observations.district_code IS '数值所描述的地区代码 / Region the value describes (110000 for figures quoted from the city)';
COMMENT ON COLUMN v_observations.district_name IS '地区名称 / Region name';
COMMENT ON COLUMN v_observations.region_level IS '地区级别:national 全国 / province 省级 / prefecture 地级 / county 县级(含市辖区、县级市、旗) — Region level';
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
COMMENT ON COLUMN v_observations.breakdown IS '分项:total 合计 / urban 城镇 / rural 农村 — Breakdown (total, urban, rural)';
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
COMMENT ON COLUMN v_observations.notes IS '说明:以机器代码加冒号开头,如 cumulative:(累计数,跨多年,非当年数,不入v_metric_series)、rank_of_change:(增速或增量的排名,非水平的排名,不入v_metric_series) / Notes on what a value is not, each opening with a machine code and a colon: cumulative: (a 累计 figure over several years, not the year''s; left out of v_metric_series), rank_of_change: (the rank of a change, not of the level; left out of v_metric_series)';
COMMENT ON COLUMN v_observations.year_start IS '数值所属年度的1月1日(BI工具的时间列;年度未知时为空,period_start常为空) / 1 January of year, a date: the dataset''s time column in Superset and Metabase (NULL only when year is; period_start is mostly NULL)';
