"""A bundle for Apache Superset's "Import dashboards": the database, one dataset per public view,
a starter dashboard (``govperf bi superset``; docs/bi.md).

The bundle is Superset's export format (version 1.0.0): a ZIP whose one top folder holds
``metadata.yaml`` and YAML files under ``databases/``, ``datasets/<database>/``, ``charts/`` and
``dashboards/``, which refer to each other by UUID.  The UUIDs are derived from the database name
(``uuid5``), so importing a newer bundle updates the objects an older one made.

Everything is read from the database: the public views, their columns and types, and the
``COMMENT``s, which become each dataset's and column's description (Superset itself copies the
column comments but not the view's) and, shortened, the Chinese / English verbose names.  The
database entry carries no password: the analyst types it in Superset after the import.
"""

from __future__ import annotations

import io
import re
import uuid
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import yaml
from sqlalchemy import text
from sqlalchemy.engine import Connection

from govperf.query.superset_charts import Chart, starter_charts, starter_dashboard

VERSION = "1.0.0"  # of Superset's import/export format
NAMESPACE = uuid.UUID("5c0b7e8e-3f1d-4d36-9a55-6f1f0e2b9c41")  # govperf's bundles
TIME_COLUMN = "year_start"
DATE_TYPES = ("date", "timestamp")
ENGLISH_LABEL = 40  # characters of English in a verbose name, at most (then cut at a word)

_COLUMNS = text(
    """
    SELECT c.relname, obj_description(c.oid, 'pg_class'), a.attname,
           format_type(a.atttypid, a.atttypmod), col_description(c.oid, a.attnum)
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
    WHERE n.nspname = 'public' AND c.relkind IN ('v', 'm')
    ORDER BY c.relname, a.attnum
    """
)


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # as PostgreSQL spells it: numeric(20,6), date, text …
    comment: str | None

    @property
    def is_date(self) -> bool:
        return self.type.startswith(DATE_TYPES)


@dataclass
class View:
    name: str
    comment: str | None
    columns: list[Column] = field(default_factory=list)

    def column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.name == name), None)


@dataclass(frozen=True)
class Target:
    """Where Superset reaches the database: a reader login (grant-reader), never its password."""

    login: str = "superset"
    host: str = "localhost"
    port: int = 5432
    database: str = "govperf"
    name: str = "govperf"  # the database connection's name in Superset

    @property
    def uri(self) -> str:
        return f"postgresql+psycopg2://{self.login}@{self.host}:{self.port}/{self.database}"


@dataclass(frozen=True)
class Bundle:
    """The files of a bundle (path inside the ZIP → YAML text) and what they hold."""

    files: dict[str, str]
    datasets: list[str]
    charts: list[str]

    def zip_bytes(self) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path, content in self.files.items():
                archive.writestr(path, content)
        return buffer.getvalue()


def public_views(conn: Connection) -> list[View]:
    """Every view of schema public with its columns and comments, in column order."""
    found: dict[str, View] = {}
    for view, view_comment, name, type_, comment in conn.execute(_COLUMNS):
        found.setdefault(view, View(view, view_comment)).columns.append(Column(name, type_, comment))
    return list(found.values())


def verbose_name(comment: str | None, fallback: str) -> str:
    """A short 中文 / English label from a bilingual comment ('地区名称 / Region name', or
    '度量:level 水平 / … — Measure'): the Chinese words before any colon or bracket, and the
    English words after the last ' — ' (else after the first ' / ') before any bracket or colon,
    cut at a word past ``ENGLISH_LABEL`` characters."""
    if not comment or " / " not in comment:
        return fallback
    chinese, english = comment.split(" / ", 1)
    if " — " in comment:
        english = comment.rsplit(" — ", 1)[1]
    chinese = re.split(r"[:(:(]", chinese, maxsplit=1)[0].strip()
    english = re.split(r"[:(;,]| \(", english, maxsplit=1)[0].strip()
    if not chinese or not english:
        return fallback
    if len(english) > ENGLISH_LABEL:
        english = english[: english.rfind(" ", 0, ENGLISH_LABEL)] + "…"
    return f"{chinese} / {english}"


def object_uuid(target: Target, kind: str, name: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{target.name}/{kind}/{name}"))


def build(conn: Connection, target: Target, metric: str | None = None, year: int | None = None) -> Bundle:
    """The bundle for the database on ``conn`` as Superset reaches it at ``target``.

    ``metric`` and ``year`` choose what the starter charts show (default: the metric most
    regions report a yearly level of, and the latest year in which the most regions report it).
    """
    views = public_views(conn)
    metric, year = _defaults(conn, metric, year)
    root = f"govperf_{target.name}"
    database_uuid = object_uuid(target, "database", target.name)
    files = {
        f"{root}/metadata.yaml": _yaml(
            {"version": VERSION, "type": "Dashboard", "timestamp": datetime.now(UTC).isoformat()}
        ),
        f"{root}/databases/{target.name}.yaml": _yaml(_database(target, database_uuid)),
    }
    dataset_uuids = {}
    for view in views:
        dataset_uuids[view.name] = object_uuid(target, "dataset", view.name)
        files[f"{root}/datasets/{target.name}/{view.name}.yaml"] = _yaml(
            _dataset(view, dataset_uuids[view.name], database_uuid)
        )
    charts = [c for c in starter_charts(metric, year) if c.dataset in dataset_uuids]
    for number, chart in enumerate(charts, start=1):
        files[f"{root}/charts/{chart.key}.yaml"] = _yaml(
            _chart(chart, number, object_uuid(target, "chart", chart.key), dataset_uuids[chart.dataset])
        )
    dashboard = starter_dashboard(
        [(chart, number, object_uuid(target, "chart", chart.key)) for number, chart in enumerate(charts, 1)],
        object_uuid(target, "dashboard", "starter"),
        metric,
        year,
    )
    files[f"{root}/dashboards/govperf_starter.yaml"] = _yaml(dashboard | {"version": VERSION})
    return Bundle(files, [v.name for v in views], [c.key for c in charts])


def _defaults(conn: Connection, metric: str | None, year: int | None) -> tuple[str, int | None]:
    yearly_levels = "measure = 'level' AND kind = 'actual' AND breakdown = 'total' AND is_annual"
    if metric is None:
        metric = conn.scalar(
            text(
                f"SELECT metric_code FROM v_metric_series WHERE {yearly_levels} GROUP BY metric_code"
                " ORDER BY count(DISTINCT (district_code, year)) DESC, metric_code LIMIT 1"
            )
        )
    if year is None:
        year = conn.scalar(
            text(
                f"SELECT year FROM v_metric_series WHERE metric_code = :m AND {yearly_levels}"
                " GROUP BY year ORDER BY count(DISTINCT district_code) DESC, year DESC LIMIT 1"
            ),
            {"m": metric or "gdp"},
        )
    return metric or "gdp", year


def _database(target: Target, database_uuid: str) -> dict[str, Any]:
    return {
        "database_name": target.name,
        "sqlalchemy_uri": target.uri,
        "cache_timeout": None,
        "expose_in_sqllab": True,
        "allow_run_async": False,
        "allow_ctas": False,
        "allow_cvas": False,
        "allow_dml": False,
        "allow_csv_upload": False,
        "extra": {"allows_virtual_table_explore": True},
        "uuid": database_uuid,
        "version": VERSION,
    }


def _dataset(view: View, dataset_uuid: str, database_uuid: str) -> dict[str, Any]:
    time_column = view.column(TIME_COLUMN) or next((c for c in view.columns if c.is_date), None)
    return {
        "table_name": view.name,
        "main_dttm_col": time_column.name if time_column else None,
        "description": view.comment,
        "default_endpoint": None,
        "offset": 0,
        "cache_timeout": None,
        "schema": "public",
        "sql": None,
        "params": None,
        "template_params": None,
        "filter_select_enabled": True,
        "fetch_values_predicate": None,
        "extra": None,
        "uuid": dataset_uuid,
        "metrics": [_metric(name, expression, label) for name, expression, label in saved_metrics(view)],
        "columns": [_column(column) for column in view.columns],
        "version": VERSION,
        "database_uuid": database_uuid,
    }


def _column(column: Column) -> dict[str, Any]:
    return {
        "column_name": column.name,
        "verbose_name": verbose_name(column.comment, column.name),
        "is_dttm": column.is_date,
        "is_active": True,
        "type": column.type.upper(),
        "groupby": True,
        "filterable": True,
        "expression": None,
        "description": column.comment,
        "python_date_format": None,
    }


def _metric(name: str, expression: str, label: str) -> dict[str, Any]:
    return {
        "metric_name": name,
        "verbose_name": label,
        "metric_type": None,
        "expression": expression,
        "description": None,
        "d3format": None,
        "extra": None,
        "warning_text": None,
    }


# Saved metrics, by the columns a view must have: (name, SQL over the view, 中文 / English label).
METRICS: list[tuple[tuple[str, ...], str, str, str]] = [
    ((), "count", "COUNT(*)", "行数 / Rows"),
    (("value", "measure", "kind"), "avg_value", "AVG(value)", "数值(平均) / Value (average)"),
    (
        ("district_code", "value"),
        "regions_reporting",
        "COUNT(DISTINCT district_code)",
        "报告地区数 / Regions",
    ),
    (("rank_in_year",), "best_rank", "MIN(rank_in_year)", "最好名次 / Best rank"),
    (("gap_to_median",), "avg_gap_to_median", "AVG(gap_to_median)", "与中位数之差 / Gap to the median"),
    (("tasks_total", "tasks_done"), "tasks_total", "SUM(tasks_total)", "任务总数 / Tasks"),
    (("tasks_total", "tasks_done"), "tasks_done", "SUM(tasks_done)", "已完成任务数 / Tasks done"),
    (("tasks_lagging",), "tasks_lagging", "SUM(tasks_lagging)", "滞后任务数 / Tasks lagging"),
    (
        ("tasks_total", "tasks_done"),
        "completion_rate",
        "SUM(tasks_done)::numeric / NULLIF(SUM(tasks_total), 0)",
        "完成率 / Completion rate",
    ),
    (
        ("status", "task_id"),
        "done_share",
        "AVG(CASE WHEN status = 'done' THEN 1.0 ELSE 0 END)",
        "完成占比 / Share done",
    ),
    (("documents", "genre"), "documents_loaded", "SUM(documents)", "已导入文件数 / Documents loaded"),
    (("document_id", "source_sha256"), "documents", "COUNT(DISTINCT document_id)", "文件数 / Documents"),
]


def saved_metrics(view: View) -> list[tuple[str, str, str]]:
    """The saved metrics of ``view``'s dataset: those whose columns it has."""
    names = {c.name for c in view.columns}
    return [(name, sql, label) for needs, name, sql, label in METRICS if set(needs) <= names]


def _chart(chart: Chart, number: int, chart_uuid: str, dataset_uuid: str) -> dict[str, Any]:
    return {
        "slice_name": chart.title,
        "description": chart.description,
        "viz_type": chart.viz_type,
        "params": chart.params | {"datasource": f"{number}__table", "viz_type": chart.viz_type},
        "query_context": None,
        "cache_timeout": None,
        "uuid": chart_uuid,
        "version": VERSION,
        "dataset_uuid": dataset_uuid,
    }


def _yaml(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
