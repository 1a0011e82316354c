"""The landing page: the document first (unit, year, kind, file and hash), then its key findings,
each linking to the notebook section that shows it, then the notebooks, the data and the glossary.
"""

from __future__ import annotations

import html
import re

from kanshousuo.catalog.tables import standard_table_ids
from kanshousuo.publish.findings import KeyFinding
from kanshousuo.publish.pages import Page, Stamp

e = html.escape
_KIND = re.compile(r"(部门|单位)(预算|决算)")
KIND_EN = {"预算": "budget", "决算": "final accounts", "部门": "department", "单位": "unit"}


def document_kind(doc) -> str | None:
    """单位预算 / 部门预算 / 单位决算 / 部门决算, as the document's first lines or headings name it."""
    source = doc.source
    candidates = [*(source.lines[:80] if source else []), *doc.sections["heading"].tolist()]
    for text in candidates:
        match = _KIND.search(str(text)[:200])
        if match:
            return match.group(0)
    return None


def _kind_text(kind: str | None) -> str:
    if not kind:
        return "未识别 · not recognised"
    return f"{kind} · {KIND_EN[kind[:2]]} {KIND_EN[kind[2:]]}"


def document_card(doc, stamp: Stamp) -> str:
    meta = doc.meta
    read = len(standard_table_ids()) - len(meta["tables_missing"])
    pages = f"，{meta['pages']} 页 pages" if meta.get("pages") else ""
    rows = [
        ("单位 unit", e(str(meta.get("unit_name") or "—"))),
        ("年度 year", e(str(meta.get("year") or "—"))),
        ("类型 kind", e(_kind_text(document_kind(doc)))),
        ("文件 file", f"<code>{e(str(meta['source_file']))}</code>（{e(str(meta['source_kind']))}{e(pages)}）"),
        ("SHA-256", f"<code>{e(str(meta['sha256']))}</code>"),
        ("金额单位 unit of amounts", e(str(meta.get("amount_unit") or "—"))),
        ("标准表 standard tables", f"{read} / {len(standard_table_ids())}"),
    ]
    items = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
    return f'<section class="ks-card" aria-label="document"><dl>{items}</dl></section>'


def findings_list(findings: list[KeyFinding], pages: list[Page]) -> str:
    titles = {p.file.removesuffix(".html"): p.title for p in pages}
    items = []
    for finding in findings:
        target = f"{finding.notebook}.html#{finding.anchor}"
        link = f'<a href="{e(target)}">→ {e(titles.get(finding.notebook, finding.notebook))}</a>'
        css = ' class="ks-error"' if finding.severity == "error" else ""
        items.append(f'<li{css}>{finding.zh} {link}<span class="ks-en">{finding.en}</span></li>')
    return f'<ol class="ks-findings">{"".join(items)}</ol>'


def notebooks_list(pages: list[Page]) -> str:
    items = "".join(
        f'<li><a href="{e(p.file)}">{e(p.title)}</a><p>{e(p.question)}</p></li>'
        for p in pages
        if p.file not in ("index.html", "glossary.html")
    )
    return f'<ul class="ks-notebooks">{items}</ul>'


def landing_body(doc, pages: list[Page], findings: list[KeyFinding], stamp: Stamp, student: list[str]) -> str:
    """The start page's content (the frame is added by `pages.wrap`)."""
    unit, year = doc.meta.get("unit_name") or "", doc.meta.get("year") or ""
    student_items = "".join(f'<li><a href="student/{e(n)}"><code>{e(n)}</code></a></li>' for n in student)
    return (
        f"<h1>{e(str(unit))} {e(str(year))} 预算公开：研读报告 · budget disclosure, read and checked</h1>"
        "<p>每个数字都从原文件读出并由 kanshousuo 计算；推算数（原文未印出、由原文数字推出的数）一律标注"
        '<span class="inference">（推算）</span>。<span class="ks-en">Every figure is read from the document '
        "and computed by kanshousuo; a figure the document does not print but implies is marked "
        '<span class="inference"> (inferred)</span>.</span></p>'
        f"{document_card(doc, stamp)}"
        '<h2 id="findings">主要发现 · key findings</h2>'
        f"{findings_list(findings, pages)}"
        '<h2 id="notebooks">笔记本 · notebooks</h2>'
        f"{notebooks_list(pages)}"
        '<h2 id="data">数据与术语 · data and glossary</h2><ul>'
        '<li><a href="glossary.html">术语表 · English glossary</a></li>'
        '<li><a href="data/datapackage.json">数据包 · data package</a>（<code>data/</code>：每张表的 CSV、'
        "<code>amounts.csv</code>、<code>glossary.csv</code>）</li>"
        '<li><a href="figures/">图表 PNG · figures as PNG</a></li>'
        f"<li>学生版笔记本（无答案）· student edition, without answers:<ul>{student_items}</ul></li></ul>"
    )
