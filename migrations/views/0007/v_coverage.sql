CREATE VIEW v_coverage (
    district_code, district_name, year, genre, genre_name, documents, periods, task_count,
    observation_count, year_start
) AS
WITH loaded_year AS (
    SELECT DISTINCT year FROM documents WHERE year IS NOT NULL
),
covered_region AS (
    -- every region with a document, and the other county-level divisions under the same parent
    -- as a county-level region with one (the districts of a city that sent none)
    SELECT r.code FROM regions r
    WHERE r.level = 'county' AND r.parent_code IN (
        SELECT p.parent_code FROM regions p JOIN documents d ON d.region_code = p.code WHERE p.level = 'county'
    )
    UNION
    SELECT region_code FROM documents
),
per_document AS (
    SELECT
        d.region_code,
        d.year,
        d.genre,
        d.period_label,
        (SELECT count(*) FROM tasks t WHERE t.document_id = d.id) AS tasks,
        (SELECT count(*) FROM observations o WHERE o.document_id = d.id) AS observations
    FROM documents d
    WHERE d.year IS NOT NULL
)
SELECT
    r.code,
    r.name,
    y.year,
    g.code,
    g.name,
    count(p.genre)::integer,
    string_agg(DISTINCT p.period_label, ', '),
    coalesce(sum(p.tasks), 0)::integer,
    coalesce(sum(p.observations), 0)::integer,
    make_date(y.year, 1, 1)
FROM covered_region cr
JOIN regions r ON r.code = cr.code
CROSS JOIN loaded_year y
CROSS JOIN genres g
LEFT JOIN per_document p ON p.region_code = r.code AND p.year = y.year AND p.genre = g.code
GROUP BY r.code, r.name, y.year, g.code, g.name;

COMMENT ON VIEW v_coverage IS '数据覆盖:每个地区、年度、文件类型已导入的文件数(0表示缺数据,而非缺绩效) / Coverage: documents loaded per district, year and genre; 0 marks a gap in the data, not in performance';
COMMENT ON COLUMN v_coverage.district_code IS '地区代码 / Region code';
COMMENT ON COLUMN v_coverage.district_name IS '地区名称 / Region name';
COMMENT ON COLUMN v_coverage.year IS '报告年度(有文件导入的年度) / Year (every year any document reports on)';
COMMENT ON COLUMN v_coverage.genre IS '文件类型代码 / Genre code';
COMMENT ON COLUMN v_coverage.genre_name IS '文件类型名称 / Genre name';
COMMENT ON COLUMN v_coverage.documents IS '已导入文件数 / Number of documents loaded';
COMMENT ON COLUMN v_coverage.periods IS '已导入的报告期 / Reporting periods loaded';
COMMENT ON COLUMN v_coverage.task_count IS '任务数 / Number of tasks in those documents';
COMMENT ON COLUMN v_coverage.observation_count IS '数值观测数 / Number of observations in those documents';
COMMENT ON COLUMN v_coverage.year_start IS '年度的1月1日(BI工具的时间列,从不为空) / 1 January of year, a date: the dataset''s time column in Superset and Metabase (never NULL)';
