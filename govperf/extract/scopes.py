"""The region a scope word names (全市, 全省, 全州, 全国) seen from the document's region.

The region table's parents say where a division sits (govperf.data.regions): 全市 in a district or a
county is the prefecture above it, or the municipality (北京, 上海 …) whose districts sit directly
under it; in a county-level city (including one its province administers directly: 仙桃, 济源,
石河子) or in a prefecture it is the document's own region.  全省 is the province above, 全州 / 全盟
/ 全地区 the prefecture above.  The answer is always a division of the table, never a code made
from the document code's digits.
"""

from __future__ import annotations

from govperf.data.regions import ancestors, by_code


def _municipality(code: str) -> bool:
    """A province-level city (北京市, 重庆市): its districts and counties sit directly under it."""
    region = by_code().get(code)
    return region is not None and region.level == "province" and region.name.endswith("市")


def _above(document: str, level: str) -> str | None:
    """The nearest region of ``level`` above ``document`` in the table, else None."""
    table = by_code()
    return next((code for code in ancestors(document) if table[code].level == level), None)


def scope_region(scope: str, document: str | None) -> str | None:
    """Code of the region ``scope`` names (a code from cues.yaml region_prefixes, or a scope
    word 市/省/州/国) for a document about ``document``; None means the document's own region."""
    if scope.isdigit():
        return scope
    if scope == "国":
        return "000000"
    region = by_code().get(document or "")
    if region is None or region.level in ("national", "province"):
        return None
    if scope == "省":
        province = _above(region.code, "province")
        return province if province is not None and not _municipality(province) else None
    if scope == "市":
        if region.level != "county" or region.name.endswith("市"):
            return None  # a prefecture or a county-level city: itself
        province = _above(region.code, "province")
        if province is not None and _municipality(province):
            return province
        return _above(region.code, "prefecture")
    if scope in ("州", "盟", "地区"):
        return _above(region.code, "prefecture") if region.level == "county" else None
    return None
