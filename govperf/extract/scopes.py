"""The region a scope word names (全市, 全省, 全州, 全国) seen from the document's region.

GB/T 2260 codes say where a division sits: XX0000 a province, XXYY00 a prefecture, and under it
01–20 市辖区, 21–80 县/旗, 81–99 县级市.  So 全市 in a district of a prefecture-level city (or of
a municipality such as 北京) is that city; in a county-level city, or in a prefecture, it is the
document's own region.  No region table is needed.
"""

from __future__ import annotations

from govperf.extract.resources import cues


def scope_region(scope: str, document: str | None) -> str | None:
    """Code of the region ``scope`` names (a code from cues.yaml region_prefixes, or a scope
    word 市/省/州/国) for a document about ``document``; None means the document's own region."""
    if scope.isdigit():
        return scope
    if scope == "国":
        return "000000"
    if document is None or len(document) != 6 or not document.isdigit() or document == "000000":
        return None
    province, prefecture = document[:2] + "0000", document[:4] + "00"
    municipality = document[:2] in cues().municipalities
    county = document[4:] != "00"
    if scope == "省":
        return province if document != province and not municipality else None
    if scope == "市":
        if municipality:
            return province if document != province else None
        if county and int(document[4:]) < 81:
            return prefecture  # a 市辖区 or a county: its prefecture-level city
        return None  # a county-level city or a prefecture: itself
    if scope in ("州", "盟", "地区"):
        return prefecture if county and not municipality else None
    return None
