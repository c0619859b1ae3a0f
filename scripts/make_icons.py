"""Make every icon size from the one drawing, static/icons/icon.svg: python scripts/make_icons.py.

Renders with the same Chromium the tests use, then Pillow reduces each PNG to a small palette
(the drawing has a handful of flat colours), which makes the icons a third of their size. The
outputs are committed; run this again after changing the drawing.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from PIL import Image  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from browser import launch_options  # noqa: E402

ICONS = ROOT / "static" / "icons"


def square_corners(svg: str) -> str:
    """Full-bleed background: home screens and iOS round the corners themselves."""
    return re.sub(r'(<rect id="background"[^>]*?) rx="\d+"', r"\1", svg)


def maskable(svg: str) -> str:
    """Shrink the art into the central safe zone (a circle of 40% radius) that every mask shape keeps."""
    svg = square_corners(svg)
    return svg.replace('<g id="art">', '<g id="art" transform="translate(64 64) scale(0.75)">')


# file name -> (size in px, SVG variant)
OUTPUTS = {
    "icon-192.png": (192, lambda s: s),
    "icon-512.png": (512, lambda s: s),
    "icon-maskable-512.png": (512, maskable),
    "apple-touch-icon.png": (180, square_corners),
    "favicon-32.png": (32, lambda s: s),
}


def main() -> None:
    source = (ICONS / "icon.svg").read_text("utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(**launch_options())
        for name, (size, variant) in OUTPUTS.items():
            page = browser.new_page(viewport={"width": size, "height": size})
            svg = variant(source).replace("<svg ", f'<svg width="{size}" height="{size}" ', 1)
            page.set_content(f"<style>html,body{{margin:0;background:transparent}}svg{{display:block}}</style>{svg}")
            page.screenshot(path=str(ICONS / name), omit_background=True)
            page.close()
            with Image.open(ICONS / name) as image:
                small = image.quantize(colors=64, method=Image.Quantize.FASTOCTREE)
            small.save(ICONS / name, "PNG", optimize=True)
            print(f"{name}: {(ICONS / name).stat().st_size} bytes")
        browser.close()


if __name__ == "__main__":
    main()
