CREATE VIEW v_category_results (
    document_id, district_code, district_name, year, period_label, scheme_code, category_code,
    category_name, tasks_total, tasks_done, tasks_lagging, source, year_start
) AS
SELECT
    cr.document_id,
    d.region_code,
    r.name,
    d.year,
    d.period_label,
    c.scheme_code,
    c.code,
    c.name,
    cr.tasks_total,
    cr.tasks_done,
    cr.tasks_lagging,
    cr.source,
    make_date(d.year, 1, 1)
FROM category_results cr
JOIN documents d ON d.id = cr.document_id
JOIN regions r ON r.code = d.region_code
JOIN categories c ON c.id = cr.category_id;

COMMENT ON VIEW v_category_results IS '各类任务完成情况(文件所述) / Tasks per category, as each document states them';
COMMENT ON COLUMN v_category_results.document_id IS '所在文件编号 / Document id';
COMMENT ON COLUMN v_category_results.district_code IS '地区代码 / Region code';
COMMENT ON COLUMN v_category_results.district_name IS '地区名称 / Region name';
COMMENT ON COLUMN v_category_results.year IS '报告年度 / Year of the document';
COMMENT ON COLUMN v_category_results.period_label IS '报告期 / Reporting period of the document';
COMMENT ON COLUMN v_category_results.scheme_code IS '任务分类体系 / Category scheme';
COMMENT ON COLUMN v_category_results.category_code IS '任务类别代码 / Task category code';
COMMENT ON COLUMN v_category_results.category_name IS '任务类别名称 / Task category name';
COMMENT ON COLUMN v_category_results.tasks_total IS '任务总数 / Number of tasks';
COMMENT ON COLUMN v_category_results.tasks_done IS '已完成任务数 / Tasks done';
COMMENT ON COLUMN v_category_results.tasks_lagging IS '滞后任务数 / Tasks lagging';
COMMENT ON COLUMN v_category_results.source IS '来源:stated 文中写明 / counted 由任务计数 — Whether stated or counted from tasks';
COMMENT ON COLUMN v_category_results.year_start IS '报告年度的1月1日(BI工具的时间列;年度未知时为空) / 1 January of year, a date: the dataset''s time column in Superset and Metabase (NULL only when year is)';
