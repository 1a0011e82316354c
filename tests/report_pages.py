"""Reading a built report the way a reader sees it: the visible text of a page (code cells, which
are closed by default, scripts and styles left out), and which text is marked as an inference."""

from __future__ import annotations

from html.parser import HTMLParser

HIDDEN = {"script", "style", "title"}
VOID = {"br", "img", "meta", "link", "hr", "input", "col", "source", "wbr"}


class VisibleText(HTMLParser):
    """Text chunks a reader sees, each with whether it lies inside an element marked `inference`."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool, bool]] = []  # tag, hidden, inference
        self.chunks: list[tuple[str, bool]] = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        classes = (dict(attrs).get("class") or "").split()
        hidden = bool(self.stack and self.stack[-1][1]) or tag in HIDDEN or (tag == "details" and "ks-code" in classes)
        inference = bool(self.stack and self.stack[-1][2]) or "inference" in classes
        self.stack.append((tag, hidden, inference))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        hidden = bool(self.stack and self.stack[-1][1])
        if not hidden and data.strip():
            self.chunks.append((data, bool(self.stack and self.stack[-1][2])))


def visible_chunks(page: str) -> list[tuple[str, bool]]:
    parser = VisibleText()
    parser.feed(page)
    return parser.chunks


def visible_text(page: str) -> str:
    return " ".join(text for text, _ in visible_chunks(page))
