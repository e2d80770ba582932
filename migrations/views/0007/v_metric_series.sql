CREATE VIEW v_metric_series (
    metric_code, metric_name, district_code, district_name, region_level, year, measure, kind,
    breakdown, comparator, value, value_max, unit, period_label, period_start, period_end,
    is_annual, observation_id, document_id, candidates, label, snippet, year_start
) AS
WITH candidate AS (
    -- Observations of a canonical metric whose value is in that metric's unit (level and
    -- change_abs); percentages, points and ranks carry their own unit.
    SELECT
        o.id, o.document_id, o.region_code, o.year, o.metric_code, o.measure, o.kind, o.breakdown,
        o.comparator,
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
      -- a rank of a change (增速居全省第三: not a rank of the level) and a cumulative figure
      -- (累计…: several years, not the year's) are left out; they stay in v_observations.  The
      -- note's machine code before its colon is tested (govperf.extract.types.NOTES_OUT_OF_SERIES)
      AND NOT EXISTS (
          SELECT FROM unnest(o.notes) AS note
          WHERE split_part(note, ':', 1) IN ('rank_of_change', 'cumulative')
      )
),
annotated AS (
    SELECT c.*, (c.period_end IS NULL OR c.period_end >= make_date(c.year, 12, 31)) AS annual
    FROM candidate c
),
ranked AS (
    SELECT
        c.*,
        row_number() OVER w AS choice,
        count(*) OVER (
            PARTITION BY c.metric_code, c.region_code, c.year, c.measure, c.kind, c.breakdown
        ) AS n
    FROM annotated c
    WINDOW w AS (
        PARTITION BY c.metric_code, c.region_code, c.year, c.measure, c.kind, c.breakdown
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
    k.breakdown,
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
    k.snippet,
    make_date(k.year, 1, 1)
FROM ranked k
JOIN metrics m ON m.code = k.metric_code
JOIN regions r ON r.code = k.region_code
WHERE k.choice = 1;

COMMENT ON VIEW v_metric_series IS '指标时间序列:每个指标×地区×年度×度量×类别×分项(合计/城镇/农村)一行。取值规则:①全年数优先于部分期间(上半年、1-11月等;观测未写期间时取其文件的报告期);②同为部分期间时取最晚截止的;③仍并列时按来源文件(sha256)、篇、文中位置取第一个,与导入顺序无关。数值均为指标标准单位(单位无法换算的观测不入选,见v_observations)。实际/预计/目标各占一行(需合并时按实际、预计、目标的顺序取)。不收:增速或增量的排名(如“增速居全省第三”,排的是变化而非水平)和累计数(“累计…”,跨多年,非当年数),二者仅见于v_observations(notes以rank_of_change:或cumulative:开头) / Metric series: one row per metric × region × year × measure × kind × breakdown (total/urban/rural). Rule: (1) a whole-year figure over a partial one (H1, Jan-Nov …; a figure that names no period takes its document''s); (2) among partial ones the latest period end; (3) a remaining tie goes to the first figure by source file (sha256), part and position in the text, whatever the import order. Values are in the metric''s canonical unit (an observation whose unit could not be converted is left out; see v_observations). Actual, estimate and target each get their own row (to combine them, prefer actual, then estimate, then target). Left out: a rank of a change (增速居全省第三 ranks the growth, not the level) and a cumulative figure (累计…, over several years, not the year''s); both are only in v_observations (notes beginning rank_of_change: or cumulative:)';
COMMENT ON COLUMN v_metric_series.metric_code IS '标准指标代码 / Canonical metric code';
COMMENT ON COLUMN v_metric_series.metric_name IS '标准指标名称 / Canonical metric name';
COMMENT ON COLUMN v_metric_series.district_code IS '地区代码(区,或市、全国) / Region code (a district, or the city / country)';
COMMENT ON COLUMN v_metric_series.district_name IS '地区名称 / Region name';
COMMENT ON COLUMN v_metric_series.region_level IS '地区级别:national 全国 / province 省级 / prefecture 地级 / county 县级(含市辖区、县级市、旗) — Region level';
COMMENT ON COLUMN v_metric_series.year IS '数值所属年度 / Year the value refers to';
COMMENT ON COLUMN v_metric_series.measure IS '度量:level 水平 / change_pct 增速% / change_abs 增减量 / change_pp 百分点 / rank 排名 / progress_pct 完成进度% — Measure';
COMMENT ON COLUMN v_metric_series.kind IS '类别:actual 实际 / estimate 预计 / target 目标 — Kind';
COMMENT ON COLUMN v_metric_series.breakdown IS '分项:total 合计 / urban 城镇 / rural 农村 — Breakdown (total, urban, rural)';
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
COMMENT ON COLUMN v_metric_series.year_start IS '数值所属年度的1月1日(BI工具的时间列,从不为空;period_start常为空) / 1 January of year, a date: the dataset''s time column in Superset and Metabase (never NULL, unlike period_start)';
