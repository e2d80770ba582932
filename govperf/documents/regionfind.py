"""Which region a document is about, at any level (DESIGN.md §6).

Evidence, strongest first: the title; the speaker's line (河南省人民政府省长 …, 县长 …) and the
session line (在…第十四届人民代表大会…); 我代表…人民政府; the footer's 主办 line; the names in the
body.  The body's self-references (全县, 我市, 本区, 全省 …) and the speaker's office tell the level
of government speaking, and a region whose name does not end the same way is set aside.  Of a
region and one of its own divisions, both named strongly, the division wins (the most specific
region).  A name several divisions share (朝阳区) is told apart by a parent named anywhere in the
text, else the document is refused with the candidates listed.  The footer's site code
(政府网站标识码) is weighed after the body: it decides when the text names no region, or names
only (in the body) a region the site's division belongs to; when the text names another region,
the text wins and the caller is warned.  A report is national (000000) when delivered to the
national congress or on behalf of the 国务院, not when it only mentions them.

Names are found by one scan over the text with a dict of names keyed by first character (every
name of ~3,400 divisions), which costs a few dict look-ups per character.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cache

import regex

from govperf.data.regions import NATIONAL, ancestors, by_code, full_label, regions, self_references
from govperf.documents.data import load_yaml
from govperf.text.spaces import without_spaces

_STRONG = 20.0
_FOOTER = 10.0
_BODY_CAP = 10
_HEAD_LINES = 40
_TITLE_MAX = 50
_BODY_MIN = 1.0  # a full name (or three short ones) when the body is all there is
_BODY_MIN_FITTING = 0.6  # two short names, of a region of the self-references' kind
_HAN = regex.compile(r"\p{Han}")
# a government organ after a name (寿县人民政府, 和县政务督查): the name is the region's own
_ORGAN = regex.compile(r"(?:人民政府|政府|政务|县委|人大|政协)")
_SPEAKER = regex.compile(
    r"([\p{Han}]{2,12}?)(?:人民政府)?(?:省长|市长|县长|区长|州长|旗长|盟长|主席)[\p{Han}·]{2,6}代表"
)
_SITE_CODE = regex.compile(r"(?:网站标识码|標識碼)\s*[::]?\s*(\d{6})\d{4}")
_SPONSOR = regex.compile(r"主办(?:单位)?\s*[::]\s*(\S+)")
_SESSION = regex.compile(r"在(\S{2,30}?)第[一二三四五六七八九十\d]+届人民代表大会")
_DELEGATE = regex.compile(r"我代表(\S{0,30}?)(?:人民政府|国务院)")
_OFFICE = regex.compile(
    r"^(?P<place>\S{0,30}?)(?:人民政府)?(?:代理?)?"
    r"(?P<office>省长|市长|县长|区长|州长|旗长|盟长|主席|总理)[\p{Han}·]{2,10}$"
)
_OFFICE_KIND = {
    "主席": "区",
    "省长": "省",
    "市长": "市",
    "县长": "县",
    "区长": "区",
    "州长": "州",
    "旗长": "旗",
    "盟长": "盟",
}
# a report delivered to the national congress or on behalf of the 国务院: national.  A county's
# report that carries out the spirit of 十四届全国人大二次会议 or quotes the 国务院总理 only
# mentions them.
_DELIVERED_NATIONAL = regex.compile(
    r"代表国务院"
    r"|在第?[一二三四五六七八九十\d]{1,4}届全国(?:人民代表大会|人大)第?[一二三四五六七八九十\d]{1,3}次会议上"
    r"(?:所?作|的|$)"
)
# the premier's own report quoted in news ('国务院总理某某在政府工作报告中提出', '…向大会作政府工作
# 报告'): national when
# the text names no region of its own
_PREMIER_REPORT = regex.compile(
    r"国务院总理\S{0,8}?(?:在(?:今年的|本次)?政府工作报告中|(?:向大会|向全国人大)?作(?:了)?政府工作报告)"
)


@dataclass
class RegionFinding:
    """The region found (None when the text names none), or the candidates left undecided."""

    code: str | None
    candidates: tuple[str, ...] = ()
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Names:
    table: dict[str, tuple[str, ...]]  # name → codes
    lengths: dict[str, tuple[int, ...]]  # first character → name lengths, longest first
    weak: frozenset[str]  # names that are also ordinary words, never evidence on their own
    short: frozenset[str]  # short names (河南, 昆山): weaker than full names in the body


@cache
def _self_pattern() -> regex.Pattern[str]:
    """The self-references of a region below the country (全市, 我县, 本区 …), longest first."""
    words = sorted((w for w, kind in self_references().items() if kind != "国"), key=len, reverse=True)
    return regex.compile("|".join(map(regex.escape, words)))


@cache
def _names() -> _Names:
    words = load_yaml("region_words.yaml")
    common = frozenset(words.get("common", []))
    table: dict[str, list[str]] = {}
    for region in regions():
        if region.code == NATIONAL:
            continue
        names = [region.name, *region.former, *region.aliases, *region.abbreviations]
        if region.short != region.name and len(region.short) >= 2:
            names.append(region.short)
        for name in names:
            codes = table.setdefault(name, [])
            if region.code not in codes:
                codes.append(region.code)
    shorts = frozenset(r.short for r in regions() if r.short != r.name) - frozenset(
        n for r in regions() for n in (r.name, *r.former, *r.aliases)
    )
    lengths: dict[str, set[int]] = {}
    for name in table:
        lengths.setdefault(name[0], set()).add(len(name))
    return _Names(
        {name: tuple(codes) for name, codes in table.items()},
        {first: tuple(sorted(ls, reverse=True)) for first, ls in lengths.items()},
        common,
        shorts,
    )


def scan(text: str) -> list[tuple[int, str]]:
    """(offset, name) of every region name in ``text``, leftmost-longest, not overlapping."""
    names = _names()
    found, i, end = [], 0, len(text)
    while i < end:
        for length in names.lengths.get(text[i], ()):
            if text[i : i + length] in names.table:
                found.append((i, text[i : i + length]))
                i += length
                break
        else:
            i += 1
    return found


def _codes_for(name: str, previous: str | None, mentioned: set[str]) -> tuple[str, ...]:
    """The codes ``name`` may mean: those whose parent is the name just before it or is named
    anywhere in the text, else all of them."""
    codes = _names().table[name]
    if len(codes) == 1:
        return codes
    if previous is not None:
        near = tuple(c for c in codes if set(_names().table[previous]) & set(ancestors(c)))
        if near:
            return near
    # the codes whose nearest named ancestor is closest (南京市 beats 江苏省 for 鼓楼区)
    distance = {
        c: next((i for i, a in enumerate(ancestors(c)) if a in mentioned and a != NATIONAL), None)
        for c in codes
    }
    known = [d for d in distance.values() if d is not None]
    if not known:
        return codes
    return tuple(c for c in codes if distance[c] == min(known))


def _weak_stem(name: str) -> bool:
    """Whether the short name of ``name``'s region is an ordinary word (会同县 in 要会同县督查)."""
    return any(by_code()[code].short in _names().weak for code in _names().table[name])


class _Scores:
    def __init__(self, mentioned: set[str]) -> None:
        self.mentioned = mentioned
        self.groups: dict[tuple[str, ...], float] = {}
        self.strong: set[tuple[str, ...]] = set()

    def add(
        self,
        text: str,
        weight: float,
        *,
        cap: int | None = None,
        strong: bool = False,
        found: list[tuple[int, str]] | None = None,
    ) -> None:
        found = scan(text) if found is None else found
        counts: Counter[tuple[str, ...]] = Counter()
        short: Counter[tuple[str, ...]] = Counter()
        previous: str | None = None
        previous_end = -1
        for offset, name in found:
            adjacent = previous if offset == previous_end else None
            two = len(name) == 2 and name not in _names().short
            if two and not (offset > 0 and _HAN.match(text[offset - 1])) and _ORGAN.match(text, offset + 2):
                two = False  # not inside a word, and an organ's name: '寿县人民政府'
            after_word = cap and offset > 0 and _HAN.match(text[offset - 1]) and _weak_stem(name)
            if adjacent is None and (name in _names().weak or (cap and two) or after_word):
                # an ordinary word, or a two-character name (夏县, 和县) inside a word of the
                # body (示范县, 融合县域): evidence only after its parent's name
                previous, previous_end = name, offset + len(name)
                continue
            group = _codes_for(name, adjacent, self.mentioned)
            counts[group] += 1
            short[group] += name in _names().short
            previous, previous_end = name, offset + len(name)
        for group, count in counts.items():
            if cap:  # the body: a short name counts a third of a full one
                full = count - short[group]
                added = weight * min(full + short[group] / 3, cap)
            else:
                added = weight
            self.groups[group] = self.groups.get(group, 0.0) + added
            if strong:
                self.strong.add(group)


def find_region(title: str, lines: list[str], text: str) -> RegionFinding:
    """The region of a document from its title, its lines (stripped) and its whole text."""
    compact_title = without_spaces(title)
    if len(compact_title) > _TITLE_MAX:  # a sentence, not a title
        compact_title = ""
    in_text = scan(text)
    mentioned = {code for _, name in in_text for code in _names().table[name]}
    scores = _Scores(mentioned)
    scores.add(compact_title, _STRONG, strong=True)
    kinds: Counter[str] = Counter()
    national = "国务院" in compact_title
    site: str | None = None
    for index, line in enumerate(lines):
        compact = without_spaces(line)
        if index < _HEAD_LINES:
            national = _head_line(compact, scores, kinds) or national
            national = national or bool(_DELIVERED_NATIONAL.search(compact))
        sponsor = _SPONSOR.search(compact)
        if sponsor:
            scores.add(sponsor.group(1), _FOOTER, strong=True)
        code = _SITE_CODE.search(compact)
        if code and code.group(1) in by_code():
            site = code.group(1)
    if national and not scores.strong:
        return RegionFinding(NATIONAL)
    scores.add(text, 1.0, cap=_BODY_CAP, found=in_text)
    words = self_references()
    kinds.update(words[match.group()] for match in _self_pattern().finditer(text))
    kinds.pop("", None)
    finding = _decide(scores, kinds)
    if finding.code is None and not finding.candidates:
        # no name in the text: the premier's report quoted in news, else the page's site code
        if _PREMIER_REPORT.search(text):
            return RegionFinding(NATIONAL)
        if site is not None:
            return RegionFinding(site)
    if (
        not scores.strong
        and finding.code is not None
        and site is not None
        and finding.code in ancestors(site)
    ):
        return RegionFinding(site)  # the body names the city; the site is one of its counties
    if finding.code is not None and site not in (None, finding.code, *ancestors(finding.code)):
        finding.warnings.append(
            f"the text names {full_label(finding.code)}, the site code {full_label(str(site))}: "
            "the text's region is used"
        )
    return finding


def _head_line(compact: str, scores: _Scores, kinds: Counter[str]) -> bool:
    """Score the speaker's and the session line; True when the speaker is the 国务院 总理.  (The
    title, also one below a table of contents, is ``recognize.title_line``'s.)"""
    national = False
    office = _OFFICE.match(compact) if len(compact) <= 40 else None
    if office and not office.group("place").endswith("副"):
        kinds[_OFFICE_KIND.get(office.group("office"), "")] += 100
        national = office.group("office") == "总理"
        scores.add(office.group("place"), _STRONG, strong=True)
    for pattern in (_SESSION, _DELEGATE, _SPEAKER):
        for match in pattern.finditer(compact):
            scores.add(match.group(1), _STRONG, strong=True)
    return national


def _decide(scores: _Scores, kinds: Counter[str]) -> RegionFinding:
    kind = kinds.most_common(1)[0][0] if kinds else None
    strong = {g: s for g, s in scores.groups.items() if g in scores.strong}
    if strong:
        # the most specific: drop a region one of whose divisions is also named strongly
        covered = {a for g in strong for c in g for a in ancestors(c)}
        strong = {g: s for g, s in strong.items() if not set(g) <= covered} or strong
        return _best(_fitting(strong, kind))
    named = dict(scores.groups)
    if kind is not None:
        # 全市 in a text naming the counties of one city: each county that does not end like the
        # self-references counts for its nearest ancestor that does
        for group, score in _lift({g: s for g, s in named.items() if not _ends(g, kind)}, kind).items():
            named[group] = named.get(group, 0.0) + score
    # a region named only by its short name (龙游, 福建) is enough twice over when the
    # self-references say the text speaks as a region of its kind (全县, 全省)
    body = {
        g: s
        for g, s in named.items()
        if s >= _BODY_MIN or (kind is not None and s >= _BODY_MIN_FITTING and _ends(g, kind))
    }
    if not body:
        return RegionFinding(None)
    return _best(_fitting(body, kind))


def _ends(group: tuple[str, ...], kind: str) -> bool:
    return by_code()[group[0]].name.endswith(kind)


def _fitting(groups: dict[tuple[str, ...], float], kind: str | None) -> dict[tuple[str, ...], float]:
    """The regions whose name ends like the self-references (全县 → …县), when there are any."""
    if kind is None:
        return groups
    fitting = {g: s for g, s in groups.items() if _ends(g, kind)}
    return fitting or groups


def _lift(groups: dict[tuple[str, ...], float], kind: str) -> dict[tuple[str, ...], float]:
    """The nearest ancestors of the named regions whose name ends like the self-references."""
    lifted: dict[tuple[str, ...], float] = {}
    for group, score in groups.items():
        for code in group:
            above = next(
                (a for a in ancestors(code) if a != NATIONAL and by_code()[a].name.endswith(kind)), None
            )
            if above is not None:
                lifted[(above,)] = lifted.get((above,), 0.0) + score
    return lifted


def _best(groups: dict[tuple[str, ...], float]) -> RegionFinding:
    best = max(groups.values())
    winners = [g for g, s in groups.items() if s == best]
    codes = tuple(dict.fromkeys(c for g in winners for c in g))
    if len(codes) == 1:
        return RegionFinding(codes[0])
    return RegionFinding(None, codes)
