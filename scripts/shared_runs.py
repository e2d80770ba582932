"""List every run of at least N characters (default 12) of the project's files that also occurs in
a set of outside texts, to find text copied from real documents (STYLE: our own words).

    python scripts/shared_runs.py /work/shared/corpus/*.txt /work/shared/corpus-dev/*.txt

Prints ``file:line: run  [source]`` for runs with at least one CJK character (whitespace ignored)
in tests/, govperf/ and docs/; regions_gbt2260.csv (facts) is skipped.  A stock phrase of the
genre (我代表…人民政府向大会报告工作, a metric's name) is fine; a sentence of a document is not.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SUFFIXES = {".py", ".yaml", ".md", ".txt", ".sql", ".json", ".html", ".csv"}
CJK = re.compile(r"[\u4e00-\u9fff]")


def grams(sources: list[Path], n: int) -> dict[str, str]:
    """Every n-character window of the sources (whitespace removed) → the first file it is in."""
    found: dict[str, str] = {}
    for path in sources:
        text = re.sub(r"\s+", "", path.read_text(encoding="utf-8", errors="ignore"))
        for i in range(len(text) - n + 1):
            found.setdefault(text[i : i + n], path.name)
    return found


def runs(line: str, seen: dict[str, str], n: int) -> list[str]:
    """The maximal runs of ``line`` (whitespace removed) whose every n-window is in ``seen``."""
    text, i, out = re.sub(r"\s+", "", line), 0, []
    while i <= len(text) - n:
        if text[i : i + n] in seen and CJK.search(text[i : i + n]):
            j = i + n
            while j < len(text) and text[j - n + 1 : j + 1] in seen:
                j += 1
            out.append(text[i:j])
            i = j
        else:
            i += 1
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sources", nargs="+", type=Path)
    parser.add_argument("-n", type=int, default=12)
    args = parser.parse_args()
    seen = grams(args.sources, args.n)
    for folder in ("tests", "govperf", "docs"):
        for path in sorted((ROOT / folder).rglob("*")):
            if not path.is_file() or path.suffix not in SUFFIXES or path.name == "regions_gbt2260.csv":
                continue
            lines = path.read_text(encoding="utf-8", errors="ignore").splitlines()
            for number, line in enumerate(lines, 1):
                for run in runs(line, seen, args.n):
                    print(f"{path.relative_to(ROOT)}:{number}: {run}  [{seen[run[: args.n]]}]")


if __name__ == "__main__":
    main()
