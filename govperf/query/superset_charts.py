"""The starter charts and dashboard of the Superset bundle (``govperf.query.superset``).

Three charts over the views analysts start from: one metric's yearly series by region
(v_metric_series), the cross-region comparison of that metric for one year
(v_metric_comparison) and task completion by category (v_task_completion).  Each filters
``measure``, ``kind`` and ``breakdown`` (a level, a change and a target are different numbers,
docs/analysts.md); every chart can be edited in Superset afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

TITLE = "govperf 绩效概览 / Performance overview"
ANNUAL_LEVEL = (("measure", "level"), ("kind", "actual"), ("breakdown", "total"))


@dataclass(frozen=True)
class Chart:
    key: str  # file name and the seed of its UUID
    title: str
    description: str
    viz_type: str
    dataset: str  # the view it reads
    params: dict[str, Any]
    width: int  # of the dashboard's 12 columns


def equals(column: str, value: object) -> dict[str, Any]:
    """A simple WHERE filter of a chart (Superset's adhoc filter)."""
    return {
        "clause": "WHERE",
        "subject": column,
        "operator": "==",
        "comparator": value,
        "expressionType": "SIMPLE",
    }


def no_time_filter(column: str) -> dict[str, Any]:
    return {
        "clause": "WHERE",
        "subject": column,
        "operator": "TEMPORAL_RANGE",
        "comparator": "No filter",
        "expressionType": "SIMPLE",
    }


COMMON = {
    "row_limit": 10000,
    "order_desc": True,
    "show_legend": True,
    "legendType": "scroll",
    "legendOrientation": "top",
    "rich_tooltip": True,
    "color_scheme": "supersetColors",
    "y_axis_format": "SMART_NUMBER",
    "truncate_metric": True,
    "extra_form_data": {},
}


def starter_charts(metric: str, year: int | None) -> list[Chart]:
    """The starter charts for ``metric`` (and ``year`` for the comparison)."""
    levels = [equals(column, value) for column, value in ANNUAL_LEVEL]
    year_filter = [equals("year", year)] if year is not None else []
    in_year = f"{year}年" if year is not None else "最近一年"
    return [
        Chart(
            key="metric_series_by_region",
            title=f"{metric} 各地区历年 / by region and year",
            description=(
                "v_metric_series: 一个指标的全年实际水平,按地区分线 / "
                "one metric's yearly level, a line per region"
            ),
            viz_type="echarts_timeseries_line",
            dataset="v_metric_series",
            params=COMMON
            | {
                "x_axis": "year_start",
                "time_grain_sqla": "P1Y",
                "x_axis_time_format": "%Y",
                "metrics": ["avg_value"],
                "groupby": ["district_name"],
                "adhoc_filters": [no_time_filter("year_start"), equals("metric_code", metric), *levels],
                "markerEnabled": True,
                "seriesType": "line",
            },
            width=12,
        ),
        Chart(
            key="metric_comparison_one_year",
            title=f"{metric} {in_year}地区比较 / regions compared in {year or 'one year'}",
            description=(
                "v_metric_comparison: 同一年度、同级地区的全年实际水平 / "
                "the yearly level of every region in one year"
            ),
            viz_type="echarts_timeseries_bar",
            dataset="v_metric_comparison",
            params=COMMON
            | {
                "x_axis": "district_name",
                "x_axis_sort": "avg_value",
                "x_axis_sort_asc": True,
                "metrics": ["avg_value"],
                "groupby": [],
                "adhoc_filters": [equals("metric_code", metric), *levels, *year_filter],
                "orientation": "vertical",
                "show_value": True,
            },
            width=6,
        ),
        Chart(
            key="task_completion_by_category",
            title="任务完成率(按类别)/ Task completion by category",
            description=(
                "v_task_completion: 已完成任务数 ÷ 任务总数,按类别和年度 / "
                "tasks done over tasks, by category and year"
            ),
            viz_type="echarts_timeseries_bar",
            dataset="v_task_completion",
            params=COMMON
            | {
                "x_axis": "category_name",
                "metrics": ["completion_rate"],
                "groupby": ["year"],
                "adhoc_filters": [no_time_filter("year_start")],
                "orientation": "vertical",
                "y_axis_format": ".0%",
                "show_value": True,
            },
            width=6,
        ),
    ]


def starter_dashboard(
    charts: list[tuple[Chart, int, str]], dashboard_uuid: str, metric: str, year: int | None
) -> dict[str, Any]:
    """The dashboard holding ``charts`` ((chart, number, uuid)): full-width ones on a row of their
    own, the others two to a row."""
    position: dict[str, Any] = {
        "DASHBOARD_VERSION_KEY": "v2",
        "ROOT_ID": {"children": ["GRID_ID"], "id": "ROOT_ID", "type": "ROOT"},
        "HEADER_ID": {"id": "HEADER_ID", "meta": {"text": TITLE}, "type": "HEADER"},
        "GRID_ID": {"children": [], "id": "GRID_ID", "parents": ["ROOT_ID"], "type": "GRID"},
    }
    rows: list[list[str]] = []
    width_left = 0
    for chart, number, chart_uuid in charts:
        chart_id = f"CHART-{chart.key}"
        position[chart_id] = {
            "children": [],
            "id": chart_id,
            "meta": {
                "chartId": number,
                "height": 50,
                "sliceName": chart.title,
                "uuid": chart_uuid,
                "width": chart.width,
            },
            "type": "CHART",
        }
        if chart.width > width_left:
            rows.append([])
            width_left = 12
        rows[-1].append(chart_id)
        width_left -= chart.width
    for index, members in enumerate(rows, start=1):
        row_id = f"ROW-{index}"
        position["GRID_ID"]["children"].append(row_id)
        position[row_id] = {
            "children": members,
            "id": row_id,
            "meta": {"background": "BACKGROUND_TRANSPARENT"},
            "parents": ["ROOT_ID", "GRID_ID"],
            "type": "ROW",
        }
        for member in members:
            position[member]["parents"] = ["ROOT_ID", "GRID_ID", row_id]
    return {
        "dashboard_title": TITLE,
        "description": f"{metric}, {year}: govperf bi superset",
        "css": "",
        "slug": "govperf-starter",
        "uuid": dashboard_uuid,
        "position": position,
        "metadata": {
            "color_scheme": "supersetColors",
            "refresh_frequency": 0,
            "expanded_slices": {},
            "label_colors": {},
            "timed_refresh_immune_slices": [],
            "cross_filters_enabled": True,
            "default_filters": "{}",
            "chart_configuration": {},
            "native_filter_configuration": [],
        },
        "published": True,
    }
