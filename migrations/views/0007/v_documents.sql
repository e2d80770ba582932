CREATE VIEW v_documents (
    document_id, source_sha256, source_name, part, genre, genre_name, district_code, district_name,
    region_level, year, year_source, period_label, period_start, period_end, title, published_on,
    task_count, observation_count, category_result_count, totals, imported_at, parser_version,
    year_start, indicators, tasks_total, tasks_done, tasks_lagging
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
    r.level,
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
    d.parser_version,
    make_date(d.year, 1, 1),
    CASE WHEN d.totals ->> 'indicators' ~ '^[0-9]{1,9}$' THEN (d.totals ->> 'indicators')::integer END,
    CASE WHEN d.totals ->> 'tasks_total' ~ '^[0-9]{1,9}$' THEN (d.totals ->> 'tasks_total')::integer END,
    CASE WHEN d.totals ->> 'tasks_done' ~ '^[0-9]{1,9}$' THEN (d.totals ->> 'tasks_done')::integer END,
    CASE WHEN d.totals ->> 'tasks_lagging' ~ '^[0-9]{1,9}$' THEN (d.totals ->> 'tasks_lagging')::integer END
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
COMMENT ON COLUMN v_documents.district_code IS '文件所述地区代码(GB/T 2260,任一级别) / Code of the region the document is about (GB/T 2260, any level)';
COMMENT ON COLUMN v_documents.district_name IS '地区名称 / Region name';
COMMENT ON COLUMN v_documents.region_level IS '地区级别:national 全国 / province 省级 / prefecture 地级 / county 县级(含市辖区、县级市、旗) — Region level';
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
COMMENT ON COLUMN v_documents.totals IS '文中写明的总数(JSON,各项另有整数列) / Totals stated in the document, JSON (indicators, tasks_total, tasks_done …; each also in an integer column of its own)';
COMMENT ON COLUMN v_documents.imported_at IS '导入时间 / When the document was imported';
COMMENT ON COLUMN v_documents.parser_version IS '解析器版本 / Version of the parser that produced the rows';
COMMENT ON COLUMN v_documents.year_start IS '报告年度的1月1日(BI工具的时间列;年度未知时为空) / 1 January of year, a date: the dataset''s time column in Superset and Metabase (NULL only when year is unknown)';
COMMENT ON COLUMN v_documents.indicators IS '文中写明的指标数(totals.indicators) / Number of indicators the document states (totals.indicators)';
COMMENT ON COLUMN v_documents.tasks_total IS '文中写明的任务总数(totals.tasks_total;task_count为解析出的任务数) / Number of tasks the document states (totals.tasks_total; task_count counts the tasks extracted)';
COMMENT ON COLUMN v_documents.tasks_done IS '文中写明的已完成任务数(totals.tasks_done) / Tasks done, as the document states (totals.tasks_done)';
COMMENT ON COLUMN v_documents.tasks_lagging IS '文中写明的滞后任务数(totals.tasks_lagging) / Tasks lagging, as the document states (totals.tasks_lagging)';
