"""Saved HTML pages → article text, with real tables rendered as pipe rows.

A government article page wraps its text in navigation, share buttons and a footer.  We drop
the obvious cruft elements, find the article body (a common gov-site container, else the
element holding the most paragraph text), and render it as lines: one line per paragraph,
one ``a | b | c |`` line per table row with rowspan/colspan expanded (a merged 绩效任务 cell is
repeated on every row it spans, so each row carries its task).  The page title and the
footer's 主办 / 网站标识码 lines are kept: they name the document and its district.

Pages are parsed with libxml2's ``huge_tree`` option, which lifts the element depth limit from 256
to 2048 levels (rendering walks the tree without recursion); deeper markup stops the parser where
it gets too deep, so such a page is refused with ``HtmlTooDeep`` rather than read in part.
"""

from __future__ import annotations

import re

from lxml import html

# libxml2's element depth limit with XML_PARSE_HUGE (huge_tree): deeper markup stops the parser.
MAX_DEPTH = 2048


class HtmlTooDeep(ValueError):
    """The page nests elements deeper than the parser can follow."""


_DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "form", "button", "select", "svg")
_CRUFT_TAGS = ("nav", "header", "footer", "aside")
_CRUFT_ATTR = re.compile(
    r"(^|[\s_-])(nav|navbar|menu|breadcrumb|crumbs?|share|bdshare|sidebar|side|footer|foot|header|"
    r"head|toolbar|copyright|topbar|top|bottom|location|position|related|fontsize)([\s_-]|\d|$)",
    re.IGNORECASE,
)
_ARTICLE_ATTR = re.compile(
    r"TRS_Editor|article|content|zoom|view|detail|main-?text|con_?text|pages?_content|text_?content|"
    r"xxgk|body_?text|news_?text",
    re.IGNORECASE,
)
_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "tr",
        "table",
        "section",
        "article",
        "br",
        "blockquote",
        "pre",
        "dd",
        "dt",
        "dl",
        "center",
    ]
)
_FOOTER_LINE = re.compile(r"(主办|主辦|承办|承辦)\s*[:：]|网站标识码|網站標識碼|ICP备|公网安备")
_DATE_LINE = re.compile(r"(日期|发布时间|发布日期|时间)\s*[:：]\s*(19|20)\d\d\s*[-/.年]")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u3000]+")


def looks_like_html(text: str, suffix: str) -> bool:
    """True for .html/.htm files and for text that opens like an HTML document."""
    if suffix.lower() in (".html", ".htm", ".shtml", ".xhtml"):
        return True
    head = text.lstrip()[:512].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "<" in head[:5])


def html_to_text(markup: str) -> str:
    """The article text of an HTML page ('' when the page holds none)."""
    parser = html.HTMLParser(huge_tree=True)
    root = html.document_fromstring(_XML_DECL.sub("", markup) or "<html></html>", parser=parser)
    deep = next((entry for entry in parser.error_log if "Excessive depth" in entry.message), None)
    if deep is not None:
        where = f"line {deep.line}, column {deep.column}"
        raise HtmlTooDeep(f"HTML nested deeper than {MAX_DEPTH} levels (at {where}): the parser stops there")
    for element in list(root.iter(*_DROP_TAGS)):
        _remove(element)
    footer = _footer_lines(root)
    dated = _date_line(root)
    head_title = _head_title(root)
    article = _find_article(root)
    if article is None:
        return ""
    title = _heading(article) or head_title or _heading(root)
    body = _render(article)
    if not body.strip():
        return ""
    lines = [] if title and title in body[:400] else [title]
    if dated and dated not in body:
        lines.append(dated)
    lines.append(body)
    lines.extend(line for line in footer if line not in body)
    return "\n".join(line for line in lines if line).strip() + "\n"


def _remove(element: html.HtmlElement) -> None:
    """Drop ``element`` but keep its tail text in the tree."""
    element.drop_tree()


def _heading(element: html.HtmlElement) -> str:
    """The first <h1>/<h2> under ``element`` long enough to be an article title."""
    for tag in ("h1", "h2"):
        for heading in element.iter(tag):
            text = _clean(heading.text_content())
            if len(text) >= 6:
                return text
    return ""


def _head_title(root: html.HtmlElement) -> str:
    """<title> without its site suffix ('标题_北京市海淀区人民政府' → '标题')."""
    titles = root.xpath("//title")
    if not titles:
        return ""
    text = _clean(titles[0].text_content())
    return re.split(r"\s*[_|\-—–]\s*(?=[^_|\-—–]*(人民政府|门户网站|政府网|网站))", text)[0]


def _footer_lines(root: html.HtmlElement) -> list[str]:
    """Footer lines naming the site's owner (主办 …, 网站标识码 …), in page order."""
    text = _render(root.body if root.body is not None else root)
    return [line for line in text.splitlines()[-40:] if _FOOTER_LINE.search(line)]


def _date_line(root: html.HtmlElement) -> str:
    """The page's '日期:2020-03-05 来源:…' line, wherever the template puts it."""
    text = _render(root.body if root.body is not None else root)
    return next((line for line in text.splitlines()[:60] if _DATE_LINE.search(line)), "")


def _is_cruft(element: html.HtmlElement) -> bool:
    if element.tag in _CRUFT_TAGS:
        return True
    attrs = f"{element.get('id', '')} {element.get('class', '')}"
    return bool(_CRUFT_ATTR.search(attrs)) and not _ARTICLE_ATTR.search(attrs)


def _find_article(root: html.HtmlElement) -> html.HtmlElement | None:
    """The known article container holding the most text, else the densest text block."""
    for element in list(root.iter()):
        if isinstance(element.tag, str) and element.getparent() is not None and _is_cruft(element):
            _remove(element)
    named = [
        element
        for element in root.iter()
        if isinstance(element.tag, str)
        and _ARTICLE_ATTR.search(f"{element.get('id', '')} {element.get('class', '')}")
    ]
    best = max(named, key=_text_length, default=None)
    if best is not None and _text_length(best) >= 100:
        return best
    return _densest_block(root)


def _text_length(element: html.HtmlElement) -> int:
    return len(_SPACES.sub("", element.text_content()))


def _densest_block(root: html.HtmlElement) -> html.HtmlElement | None:
    """The element whose own paragraphs and tables hold the most text."""
    scores: dict[html.HtmlElement, int] = {}
    for block in root.iter("p", "table", "pre", "br"):
        parent = block.getparent()
        if parent is None:
            continue
        length = _text_length(block) if block.tag != "br" else len(_clean(block.tail or ""))
        scores[parent] = scores.get(parent, 0) + length
    for element in root.iter("div", "td", "section", "article"):
        own = len(_clean(element.text or ""))
        if own:
            scores[element] = scores.get(element, 0) + own
    if not scores:
        body = root.body if root.body is not None else root
        return body if _text_length(body) else None
    return max(scores, key=lambda element: scores[element])


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _render(element: html.HtmlElement) -> str:
    """Text of ``element``: block elements on their own lines, tables as pipe rows."""
    out: list[str] = []
    _render_into(element, out)
    lines = (_clean(line) for line in "".join(out).split("\n"))
    return "\n".join(line for line in lines if line)


def _render_into(element: html.HtmlElement, out: list[str]) -> None:
    """Append the text of ``element`` and its tail: a loop over a stack (a page may nest 2048 deep)."""
    stack: list[tuple[html.HtmlElement, bool]] = [(element, False)]
    while stack:
        node, closing = stack.pop()
        block = node.tag in _BLOCK_TAGS
        if closing:
            out.append("\n" if block else "")
            out.append((node.tail or "").replace("\n", " "))
        elif not isinstance(node.tag, str):  # comments, processing instructions
            out.append(node.tail or "")
        elif node.tag == "table" and _is_data_table(node):
            out.append("\n" + "\n".join(_table_rows(node)) + "\n")
            out.append(node.tail or "")
        else:
            out.append("\n" if block else "")
            out.append((node.text or "").replace("\n", " "))
            stack.append((node, True))
            stack.extend((child, False) for child in reversed(list(node)))


def _is_data_table(table: html.HtmlElement) -> bool:
    """Two or more rows of two or more cells, and no nested table (a layout table has them)."""
    if table.xpath(".//table"):
        return False
    rows = [row for row in _rows(table) if len(row.xpath("./td|./th")) >= 2]
    return len(rows) >= 2


def _rows(table: html.HtmlElement) -> list[html.HtmlElement]:
    return list(table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr"))


def _table_rows(table: html.HtmlElement) -> list[str]:
    """One ``a | b | c |`` line per row; rowspan repeats a cell below, colspan pads with ''."""
    pending: dict[int, tuple[int, str]] = {}  # column → (rows still to fill, text)
    lines: list[str] = []
    for row in _rows(table):
        cells: list[str] = []
        for cell in row.xpath("./td|./th"):
            _fill_pending(cells, pending)
            text = _cell_text(cell)
            rowspan, colspan = _span(cell, "rowspan"), _span(cell, "colspan")
            for offset in range(colspan):
                if rowspan > 1:
                    pending[len(cells)] = (rowspan - 1, text if offset == 0 else "")
                cells.append(text if offset == 0 else "")
        _fill_pending(cells, pending, to_end=True)
        if any(cells):
            lines.append(" | ".join(cells) + " |")
    return lines


def _fill_pending(cells: list[str], pending: dict[int, tuple[int, str]], *, to_end: bool = False) -> None:
    """Append the cells that rowspans from rows above carry into the current column(s)."""
    while len(cells) in pending or (to_end and any(col >= len(cells) for col in pending)):
        column = len(cells)
        if column not in pending:
            cells.append("")
            continue
        remaining, text = pending.pop(column)
        if remaining > 1:
            pending[column] = (remaining - 1, text)
        cells.append(text)


def _span(cell: html.HtmlElement, attr: str) -> int:
    match = re.match(r"\s*(\d+)", cell.get(attr, "1") or "1")
    return max(1, min(int(match.group(1)), 1000)) if match else 1


def _cell_text(cell: html.HtmlElement) -> str:
    """A cell's text on one line (its paragraphs joined), pipes escaped as '｜'."""
    parts: list[str] = []
    _render_into(cell, parts)
    lines = (_clean(line) for line in "".join(parts).split("\n"))
    return "".join(line for line in lines if line).replace("|", "｜")


__all__ = ["html_to_text", "looks_like_html"]
