CREATE VIEW v_tasks (
    task_id, document_id, district_code, district_name, year, period_label, scheme_code,
    category_code, category_name, seq_no, ref_code, title, target_text, progress_text, status,
    year_start
) AS
SELECT
    t.id,
    t.document_id,
    d.region_code,
    r.name,
    d.year,
    d.period_label,
    c.scheme_code,
    c.code,
    c.name,
    t.seq_no,
    t.ref_code,
    t.title,
    t.target_text,
    t.progress_text,
    t.status,
    make_date(d.year, 1, 1)
FROM tasks t
JOIN documents d ON d.id = t.document_id
JOIN regions r ON r.code = d.region_code
LEFT JOIN categories c ON c.id = t.category_id;

COMMENT ON VIEW v_tasks IS '任务及其目标和进展 / Tasks with their requirement and progress';
COMMENT ON COLUMN v_tasks.task_id IS '任务编号 / Task id';
COMMENT ON COLUMN v_tasks.document_id IS '所在文件编号 / Document id';
COMMENT ON COLUMN v_tasks.district_code IS '地区代码 / Region code of the document';
COMMENT ON COLUMN v_tasks.district_name IS '地区名称 / Region name';
COMMENT ON COLUMN v_tasks.year IS '报告年度 / Year of the document';
COMMENT ON COLUMN v_tasks.period_label IS '报告期 / Reporting period of the document';
COMMENT ON COLUMN v_tasks.scheme_code IS '任务分类体系 / Category scheme';
COMMENT ON COLUMN v_tasks.category_code IS '任务类别代码 / Task category code';
COMMENT ON COLUMN v_tasks.category_name IS '任务类别名称 / Task category name';
COMMENT ON COLUMN v_tasks.seq_no IS '序号 / Sequence number in the document';
COMMENT ON COLUMN v_tasks.ref_code IS '市折子号 / Reference code in the city''s task list (市折子号)';
COMMENT ON COLUMN v_tasks.title IS '任务 / Task title';
COMMENT ON COLUMN v_tasks.target_text IS '任务要求或年度目标 / Requirement or annual target, as written';
COMMENT ON COLUMN v_tasks.progress_text IS '进展情况 / Progress, as written';
COMMENT ON COLUMN v_tasks.status IS '状态:done 完成 / on_track 序时推进 / lagging 滞后 / unknown 未知 — Status';
COMMENT ON COLUMN v_tasks.year_start IS '报告年度的1月1日(BI工具的时间列;年度未知时为空) / 1 January of year, a date: the dataset''s time column in Superset and Metabase (NULL only when year is unknown)';
