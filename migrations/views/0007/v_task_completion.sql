CREATE VIEW v_task_completion (
    district_code, district_name, year, scheme_code, category_code, category_name, tasks_total,
    tasks_done, tasks_lagging, completion_rate, source, document_id, period_label, year_start
) AS
WITH per_document AS (
    -- One row per document and category: the counts it states, or else the count of its tasks.
    -- Both arms carry the document's region and year, so a filter on them (WHERE year = …)
    -- reaches each arm and only that year's documents and tasks are read.
    SELECT
        cr.document_id, cr.category_id, cr.tasks_total, cr.tasks_done, cr.tasks_lagging, cr.source,
        d.region_code, d.year, d.period_label, d.period_end, d.imported_at
    FROM category_results cr
    JOIN documents d ON d.id = cr.document_id
    WHERE d.year IS NOT NULL
    UNION ALL
    SELECT
        d.id,
        t.category_id,
        count(*)::integer,
        (count(*) FILTER (WHERE t.status = 'done'))::integer,
        (count(*) FILTER (WHERE t.status = 'lagging'))::integer,
        'counted',
        d.region_code, d.year, d.period_label, d.period_end, d.imported_at
    FROM documents d
    JOIN tasks t ON t.document_id = d.id
    WHERE d.year IS NOT NULL
      AND t.category_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM category_results cr WHERE cr.document_id = d.id)
    GROUP BY d.id, d.region_code, d.year, d.period_label, d.period_end, d.imported_at, t.category_id
),
chosen AS (
    SELECT
        p.*,
        row_number() OVER (
            PARTITION BY p.region_code, p.year, p.category_id
            ORDER BY
                (p.source = 'stated') DESC,
                coalesce(p.period_end, make_date(p.year, 12, 31)) DESC,
                p.imported_at DESC,
                p.document_id DESC
        ) AS choice
    FROM per_document p
)
SELECT
    ch.region_code,
    r.name,
    ch.year,
    c.scheme_code,
    c.code,
    c.name,
    ch.tasks_total,
    ch.tasks_done,
    ch.tasks_lagging,
    round(ch.tasks_done::numeric / nullif(ch.tasks_total, 0), 4)::numeric(6, 4),
    ch.source,
    ch.document_id,
    ch.period_label,
    make_date(ch.year, 1, 1)
FROM chosen ch
JOIN regions r ON r.code = ch.region_code
JOIN categories c ON c.id = ch.category_id
WHERE ch.choice = 1;

COMMENT ON VIEW v_task_completion IS '任务完成率:每个地区、年度、类别一行(优先采用文件所述数字,否则按任务计数) / Task completion per district, year and category (stated counts where a document gives them, else counted from its tasks)';
COMMENT ON COLUMN v_task_completion.district_code IS '地区代码 / Region code';
COMMENT ON COLUMN v_task_completion.district_name IS '地区名称 / Region name';
COMMENT ON COLUMN v_task_completion.year IS '年度 / Year';
COMMENT ON COLUMN v_task_completion.scheme_code IS '任务分类体系 / Category scheme';
COMMENT ON COLUMN v_task_completion.category_code IS '任务类别代码 / Task category code';
COMMENT ON COLUMN v_task_completion.category_name IS '任务类别名称 / Task category name';
COMMENT ON COLUMN v_task_completion.tasks_total IS '任务总数 / Number of tasks';
COMMENT ON COLUMN v_task_completion.tasks_done IS '已完成任务数 / Tasks done';
COMMENT ON COLUMN v_task_completion.tasks_lagging IS '滞后任务数 / Tasks lagging';
COMMENT ON COLUMN v_task_completion.completion_rate IS '完成率(0-1) / Share of tasks done, 0 to 1';
COMMENT ON COLUMN v_task_completion.source IS '来源:stated 文中写明 / counted 由任务计数 — Whether stated or counted';
COMMENT ON COLUMN v_task_completion.document_id IS '数字来源文件编号 / Document the counts come from';
COMMENT ON COLUMN v_task_completion.period_label IS '该文件的报告期 / Reporting period of that document';
COMMENT ON COLUMN v_task_completion.year_start IS '年度的1月1日(BI工具的时间列,从不为空) / 1 January of year, a date: the dataset''s time column in Superset and Metabase (never NULL)';
