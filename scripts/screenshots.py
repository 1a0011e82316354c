"""Screenshots of a built report with headless Chromium, to look at what a reader sees.

    python scripts/screenshots.py reports [--out screenshots] [--width 1400] [--height 1800]

Takes one PNG of the landing page and one of each notebook page and of the glossary, at the top
of the page, as a reader first sees it. What to look for in them:

- the landing page leads with the document (unit, year, kind, file, hash) and the key findings,
  each with a link to the notebook that shows it, and inferred figures marked （推算）;
- every page has the navigation bar (start, previous, next, show code) and the contents on the left;
- no code is shown (code cells are closed “代码 · code” boxes) and no parameter cell;
- Chinese text has no missing glyphs (empty boxes): the pages carry their own font subset.

Not part of `make test`. Chromium is looked up as `chromium` (Debian's package), `chromium-browser`
or `google-chrome`; without one the script says so and exits 0 (nothing to do).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

BROWSERS = ("chromium", "chromium-browser", "google-chrome")


def find_browser() -> str | None:
    """The first headless-capable Chromium on PATH, or None."""
    return next((path for name in BROWSERS if (path := shutil.which(name))), None)


def pages_of(report: Path) -> list[Path]:
    """The landing page first, then the notebook pages in order, then the glossary."""
    pages = sorted(p for p in report.glob("*.html") if p.name not in ("index.html", "glossary.html"))
    return [report / "index.html", *pages, *([report / "glossary.html"] if (report / "glossary.html").exists() else [])]


def screenshot(browser: str, page: Path, target: Path, width: int, height: int) -> bool:
    """One screenshot of `page` into `target`; False (with Chromium's last line) when it failed."""
    args = [
        browser,
        "--headless=new",
        "--disable-gpu",
        "--hide-scrollbars",
        "--no-first-run",
        "--disable-extensions",
        "--run-all-compositor-stages-before-draw",
        "--virtual-time-budget=5000",
        f"--window-size={width},{height}",
        f"--screenshot={target}",
        page.resolve().as_uri(),
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.insert(1, "--no-sandbox")  # Chromium refuses to run as root with its sandbox (containers)
    result = subprocess.run(args, capture_output=True, text=True, check=False, timeout=120)
    if result.returncode != 0 or not target.exists():
        last = (result.stderr.strip().splitlines() or ["no output"])[-1]
        print(f"screenshots: {page.name}: chromium failed: {last}", file=sys.stderr)
        return False
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", type=Path, help="a folder written by `make report`")
    parser.add_argument("--out", type=Path, default=Path("screenshots"))
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=1800)
    args = parser.parse_args(argv)
    browser = find_browser()
    if browser is None:
        print("screenshots: no Chromium found (apt-get install chromium); skipped")
        return 0
    if not (args.report / "index.html").exists():
        print(f"screenshots: error: {args.report}/index.html not found (run `make report` first)", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    failed = 0
    for page in pages_of(args.report):
        target = args.out / page.with_suffix(".png").name
        if screenshot(browser, page, target, args.width, args.height):
            print(f"{page.name} -> {target}")
        else:
            failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
