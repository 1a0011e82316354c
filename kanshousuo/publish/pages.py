"""The report's pages: a notebook page, the landing page and the glossary page, each with the same
navigation (contents, previous / next, back to the start) and the same build stamp (toolkit
version and commit, build date, the document's hash).

Everything a page needs is inside it: the stylesheet and the one small script are inlined and
figures are embedded, so the report opens offline and from any folder; nothing is fetched from
the web. Notebook pages are rendered by nbconvert with the template in `publish/templates/`,
which keeps code in closed <details> (a button opens them all).
"""

from __future__ import annotations

import copy
import datetime as dt
import html
import os
import subprocess
from dataclasses import dataclass
from html.parser import HTMLParser
from importlib import metadata
from pathlib import Path

from kanshousuo.catalog.glossary import glossary_for_year
from kanshousuo.publish.display import label

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
ROOT = HERE.parents[1]
HIDDEN_TAGS = {"parameters", "injected-parameters", "answer"}
e = html.escape


@dataclass(frozen=True)
class Page:
    """One page of the report, as the navigation lists it."""

    file: str  # 'index.html', '3.0-cost-per-detainee.html'
    title: str
    question: str = ""  # the notebook's question, plain text


@dataclass(frozen=True)
class Stamp:
    """What every page says about how it was made."""

    version: str
    commit: str
    built: str
    document: str
    sha256: str
    unit_name: str


def _git(*args: str) -> str:
    try:
        result = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return ""
    return result.stdout.strip() if result.returncode == 0 else ""


def build_stamp(doc) -> Stamp:
    """Version, commit (with '+changes' when the working tree differs from it), build date (UTC;
    SOURCE_DATE_EPOCH when set, for reproducible builds) and the document's name and hash."""
    try:
        version = metadata.version("kanshousuo")
    except metadata.PackageNotFoundError:  # pragma: no cover - run from a source tree without install
        version = "unknown"
    commit = _git("rev-parse", "--short=12", "HEAD") or "unknown"
    if commit != "unknown" and _git("status", "--porcelain", "--untracked-files=no"):
        commit += "+changes"
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    built = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else dt.datetime.now(dt.UTC)
    return Stamp(
        version,
        commit,
        built.strftime("%Y-%m-%d"),
        str(doc.meta["source_file"]),
        str(doc.meta["sha256"]),
        str(doc.meta.get("unit_name") or ""),
    )


def site_title(doc) -> str:
    return f"{doc.meta.get('unit_name') or ''} {doc.meta.get('year') or ''} · kanshousuo".strip()


def top_bar(doc, pages: list[Page], current: str) -> str:
    """The bar on top of every page: the report's name, back to the start, previous / next, code."""
    previous, following = _neighbours(pages, current)
    links = ['<a href="index.html">← 首页 · start</a>' if current != "index.html" else ""]
    if previous:
        links.append(f'<a href="{e(previous.file)}" rel="prev">‹ 上一页 · previous</a>')
    if following:
        links.append(f'<a href="{e(following.file)}" rel="next">下一页 · next ›</a>')
    code = (
        '<button id="ks-toggle-code" type="button" data-show="显示全部代码 · show code" '
        'data-hide="隐藏代码 · hide code">显示全部代码 · show code</button>'
        if current not in ("index.html", "glossary.html")
        else ""
    )
    return (
        f'<header class="ks-top"><a class="ks-brand" href="index.html">{e(site_title(doc))}</a>'
        + "".join(links)
        + code
        + "</header>"
    )


def _neighbours(pages: list[Page], current: str) -> tuple[Page | None, Page | None]:
    files = [p.file for p in pages]
    if current not in files:
        return None, None
    i = files.index(current)
    return (pages[i - 1] if i > 0 else None), (pages[i + 1] if i + 1 < len(pages) else None)


def side_nav(pages: list[Page], current: str, headings: list[tuple[str, str]]) -> str:
    """Contents of the report (the current page marked) and, below, the current page's sections."""
    items = "".join(
        f'<li class="{"ks-current" if p.file == current else ""}"><a href="{e(p.file)}">{e(p.title)}</a></li>'
        for p in pages
    )
    here = "".join(f'<li><a href="#{e(anchor)}">{e(text)}</a></li>' for anchor, text in headings)
    section = f"<h2>本页 · on this page</h2><ul>{here}</ul>" if here else ""
    return f'<nav class="ks-side" aria-label="contents"><h2>目录 · contents</h2><ol>{items}</ol>{section}</nav>'


def pager(pages: list[Page], current: str) -> str:
    previous, following = _neighbours(pages, current)
    left = f'<a href="{e(previous.file)}">‹ {e(previous.title)}</a>' if previous else "<span></span>"
    right = f'<a href="{e(following.file)}">{e(following.title)} ›</a>' if following else "<span></span>"
    return f'<nav class="ks-pager" aria-label="previous and next">{left}{right}</nav>'


def footer(stamp: Stamp) -> str:
    return (
        '<footer class="ks-foot">'
        f"kanshousuo {e(stamp.version)} · commit <code>{e(stamp.commit)}</code> · 生成于 built {e(stamp.built)} · "
        f"{e(stamp.unit_name)} <code>{e(stamp.document)}</code> sha256 <code>{e(stamp.sha256)}</code>"
        "</footer>"
    )


def _asset(name: str) -> str:
    return (STATIC / name).read_text(encoding="utf-8")


def wrap(doc, pages: list[Page], current: str, stamp: Stamp, body: str, title: str) -> str:
    """A page that is not a notebook (start, glossary) in the report's frame."""
    headings = _headings(body)
    return (
        '<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1.0">'
        f"<title>{e(title)}</title><style>{_asset('report.css')}</style></head>"
        f'<body class="ks-page">{top_bar(doc, pages, current)}<div class="ks-layout">'
        f'{side_nav(pages, current, headings)}<main class="ks-main">{body}{pager(pages, current)}</main></div>'
        f"{footer(stamp)}<script>{_asset('report.js')}</script></body></html>"
    )


class _HeadingParser(HTMLParser):
    """The ids and text of a page's h2 headings (generated HTML, for the side contents)."""

    def __init__(self):
        super().__init__()
        self.headings: list[tuple[str, str]] = []
        self._open: str | None = None
        self._text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag == "h2":
            self._open, self._text = dict(attrs).get("id"), []
        elif tag == "a" and self._open is not None and ("class", "anchor-link") in attrs:
            self._skip += 1

    def handle_endtag(self, tag):
        if tag == "a" and self._skip:
            self._skip -= 1
        elif tag == "h2" and self._open:
            self.headings.append((self._open, "".join(self._text).strip()))
            self._open = None

    def handle_data(self, data):
        if self._open is not None and not self._skip:
            self._text.append(data)


def _headings(body: str) -> list[tuple[str, str]]:
    parser = _HeadingParser()
    parser.feed(body)
    return parser.headings


def for_readers(executed):
    """A copy of an executed notebook as readers see it: no parameter or answer cells, no stderr
    (library warnings), so no machine path and no answer reaches the page."""
    notebook = copy.deepcopy(executed)
    notebook.cells = [c for c in notebook.cells if not HIDDEN_TAGS & set(c.metadata.get("tags", []))]
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = [
                o for o in cell.outputs if not (o.get("output_type") == "stream" and o.get("name") == "stderr")
            ]
    return notebook


SIDE_PLACEHOLDER = "<!--ks-side-->"


def notebook_page(executed, doc, pages: list[Page], current: str, stamp: Stamp) -> str:
    """One executed notebook as a report page (rendered with the kanshousuo nbconvert template)."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name="kanshousuo",
        extra_template_basedirs=[str(TEMPLATES)],
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    title = next((p.title for p in pages if p.file == current), current)
    resources = {
        "kanshousuo": {
            "title": f"{title} · {site_title(doc)}",
            "css": _asset("report.css"),
            "js": _asset("report.js"),
            "top": top_bar(doc, pages, current),
            "side": SIDE_PLACEHOLDER,
            "pager": pager(pages, current),
            "foot": footer(stamp),
        }
    }
    body, _ = exporter.from_notebook_node(for_readers(executed), resources=resources)
    return body.replace(SIDE_PLACEHOLDER, side_nav(pages, current, _headings(body)), 1)


def notebook_title(notebook, fallback: str) -> str:
    """The notebook's '# ' heading."""
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


def notebook_question(notebook) -> str:
    """The first cell's **Question.** paragraph, as plain text."""
    first = notebook.cells[0].source if notebook.cells else ""
    for paragraph in first.split("\n\n"):
        if paragraph.startswith("**Question.**"):
            return paragraph.removeprefix("**Question.**").strip()
    return ""


def glossary_body(doc) -> str:
    """The English glossary of the document's year, by kind, as the glossary page shows it."""
    year = doc.meta.get("year")
    rows = glossary_for_year(int(year) if year else None)
    parts = [
        f"<h1>术语表 · English glossary ({e(str(year or ''))})</h1>",
        "<p>每个术语的中文写法都印在某份文件中（见“出处”）；英文名称是本工具的译名，不是官方译文。"
        '<span class="ks-en"> Every Chinese term is printed in a document (see “source”); the English names '
        "are kanshousuo's translations, not an official version. 1 wan yuan (万元) = 10,000 yuan.</span></p>",
    ]
    for kind in ("term", "fund_source", "table_title", "functional_class", "economic_class"):
        chosen = [r for r in rows if r["kind"] == kind]
        if not chosen:
            continue
        body = "".join(
            f"<tr><td>{e(r['code'])}</td><td>{e(r['term_zh'])}</td><td>{e(r['term_en'])}</td>"
            f"<td>{e(r['definition_en'])}</td><td>{e(r['valid_from'] or '…')}–{e(r['valid_to'] or '…')}"
            f"{'<br><small>' + e(r['note']) + '</small>' if r['note'] else ''}</td>"
            f"<td><small>{e(r['source'])}</small></td></tr>"
            for r in chosen
        )
        parts.append(
            f'<h2 id="{kind}">{e(label(kind))} · {e(label(kind, "en"))}</h2>'
            '<table class="ks-table"><thead><tr><th>编码 code</th><th>中文</th><th>English</th><th>meaning</th>'
            f"<th>年度 years</th><th>出处 source</th></tr></thead><tbody>{body}</tbody></table>"
        )
    return "".join(parts)
