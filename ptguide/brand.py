"""The clinic's icons, made at build time from its settings: the theme colour and site/icon.png, or the short name's initials.

Pillow draws them (no browser): it reads and scales the clinic's PNG, and its bundled scalable font draws
the initials the same on every computer with the same Pillow. SVG needs a renderer Pillow does not have
(cairosvg needs the Cairo system library, which a Windows or plain CI machine lacks), so site/icon.svg is
refused with the fix: save it as a PNG.
"""

from __future__ import annotations

import functools
import io
import math
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

from flask import Blueprint, Flask, Response, current_app
from PIL import Image, ImageChops, ImageDraw, ImageFont, UnidentifiedImageError

from .colours import contrast, readable_text_on
from .errors import ContentError
from .site_files import read_bytes

bp = Blueprint("brand", __name__)

ICON_FILE = "icon.png"
# An opaque image whose every pixel is within this of one colour shows no drawing (allowing an exporter's dithering).
FLAT_RANGE = 4
REFUSED_ICON = "icon.svg"
# file name -> (pixels, shape). "rounded" for the browser's own icons, "square" where the phone rounds or masks.
ICONS = {
    "icon-192.png": (192, "rounded"),
    "icon-512.png": (512, "rounded"),
    "icon-maskable-512.png": (512, "maskable"),
    "apple-touch-icon.png": (180, "square"),
    "favicon-32.png": (32, "rounded"),
}
MIN_PIXELS = 512
# A maskable icon's art must stay inside the circle every mask shape keeps: 80% of the width, centred.
SAFE_ZONE_RADIUS = 0.4
CORNER_RADIUS = 96 / 512
# Graphics need 3:1 against what is next to them (WCAG 1.4.11); at least half the visible art must reach it.
ART_CONTRAST = 3.0


@dataclass(frozen=True)
class Brand:
    """The PNG bytes of every icon, and where their art came from."""

    icons: dict[str, bytes]
    source: str


def initials(short_name: str) -> str:
    """"PT Guide" -> "PT" (a short word in capitals is kept whole), "Riverside Physio" -> "RP", "Riverside" -> "R"."""
    words = re.findall(r"[^\W_]+", short_name)
    if not words:
        return "?"
    if words[0].isupper() and len(words[0]) <= 3:
        return words[0]
    return "".join(w[0] for w in words[:2]).upper()


def _font(size: int) -> ImageFont.FreeTypeFont:
    # Pillow's own scalable font (Aileron): the same letters on every machine, no system font needed.
    return ImageFont.load_default(size=size)


def _initials_art(text: str, theme: str, size: int) -> Image.Image:
    """The initials, bold, in the theme's readable text colour, sized to sit inside the safe zone."""
    canvas = Image.new("RGB", (size, size), theme)
    draw = ImageDraw.Draw(canvas)
    ink = readable_text_on(theme)
    limit = SAFE_ZONE_RADIUS * size * 0.9
    font_size = int(size * 0.46)
    while True:
        font, stroke = _font(font_size), max(1, font_size // 34)
        left, top, right, bottom = draw.textbbox((0, 0), text, font=font, stroke_width=stroke)
        half_diagonal = math.hypot(right - left, bottom - top) / 2
        if half_diagonal <= limit or font_size < 8:
            break
        font_size = int(font_size * 0.94)
    x = (size - (right - left)) / 2 - left
    y = (size - (bottom - top)) / 2 - top
    draw.text((x, y), text, font=font, fill=ink, stroke_width=stroke, stroke_fill=ink)
    return canvas


def _open_clinic_image(path: Path, data: bytes, theme: str) -> Image.Image:
    """The clinic's square PNG on the theme colour, checked: a readable PNG, square, 512 pixels or more, visible."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            image.load()
    except (UnidentifiedImageError, Image.DecompressionBombWarning, Image.DecompressionBombError, OSError, SyntaxError):
        raise ContentError.single(path, "is not a PNG image that can be read (or is far too large)",
                                  f"export your logo as a square PNG of {MIN_PIXELS} x {MIN_PIXELS} pixels or more") from None
    if image.format != "PNG":
        raise ContentError.single(path, f"is a {image.format} image with a .png name",
                                  "export it as PNG (in most editors: Export As, then PNG)")
    width, height = image.size
    if width != height:
        raise ContentError.single(path, f"is {width} x {height} pixels, and an icon must be square",
                                  f"crop or pad it to a square of {MIN_PIXELS} x {MIN_PIXELS} pixels or more")
    if width < MIN_PIXELS:
        raise ContentError.single(path, f"is {width} x {height} pixels, too small for the {MIN_PIXELS}-pixel icons",
                                  f"export it at {MIN_PIXELS} x {MIN_PIXELS} pixels or more")
    rgba = image.convert("RGBA").resize((MIN_PIXELS, MIN_PIXELS), Image.Resampling.LANCZOS)
    alpha = rgba.getchannel("A")
    if alpha.getextrema()[0] < 255:
        _check_transparent_art(path, rgba, theme)
    elif all(high - low <= FLAT_RANGE for low, high in rgba.convert("RGB").getextrema()):
        raise ContentError.single(path, "is one colour all over: the icon would be a plain square with no drawing",
                                  "export the logo with its drawing visible, or delete icon.png to use the short name's initials")
    background = Image.new("RGBA", rgba.size, theme)
    return Image.alpha_composite(background, rgba).convert("RGB")


def _check_transparent_art(path: Path, rgba: Image.Image, theme: str) -> None:
    """Art with a see-through background lands on the theme colour: it must show there."""
    visible = [(r, g, b) for r, g, b, a in rgba.getdata() if a >= 128]
    if not visible:
        raise ContentError.single(path, "is transparent all over: the icon would be an empty square",
                                  "export the logo with its drawing visible, or delete icon.png to use the short name's initials")
    readable = sum(1 for colour in visible if contrast(f"#{colour[0]:02x}{colour[1]:02x}{colour[2]:02x}", theme) >= ART_CONTRAST)
    if readable * 2 < len(visible):
        raise ContentError.single(
            path, f"has a see-through background, and most of its drawing is too close to colours.theme \"{theme}\" to show on it",
            f"give the image a background of its own, choose a theme colour it stands out on ({ART_CONTRAST}:1 or more), "
            "or delete icon.png to use the short name's initials")


def _art_radius(image: Image.Image, background: tuple[int, int, int]) -> float:
    """How far from the centre the art reaches: the farthest corner of the box of pixels unlike the background."""
    r, g, b = ImageChops.difference(image, Image.new("RGB", image.size, background)).split()
    box = ImageChops.lighter(ImageChops.lighter(r, g), b).point(lambda v: 255 if v > 24 else 0).getbbox()
    if not box:
        return 0.0
    centre = image.width / 2
    return max(math.hypot(x - centre, y - centre) for x in (box[0], box[2]) for y in (box[1], box[3]))


def _maskable(art: Image.Image, theme: str) -> Image.Image:
    """The art scaled (only if needed) into the safe zone, on the colour of its own corners (or the theme)."""
    corners = {art.getpixel(p) for p in ((0, 0), (art.width - 1, 0), (0, art.height - 1), (art.width - 1, art.height - 1))}
    uniform = len(corners) == 1
    background = next(iter(corners)) if uniform else tuple(int(theme[i:i + 2], 16) for i in (1, 3, 5))
    # With corners of one colour the art is what differs from them; otherwise the whole picture is art.
    reach = _art_radius(art, background) if uniform else art.width / math.sqrt(2)
    limit = SAFE_ZONE_RADIUS * art.width * 0.97
    scale = min(1.0, limit / reach) if reach else 1.0
    canvas = Image.new("RGB", art.size, background)
    side = round(art.width * scale)
    offset = (art.width - side) // 2
    canvas.paste(art.resize((side, side), Image.Resampling.LANCZOS), (offset, offset))
    return canvas


def _rounded(square: Image.Image) -> Image.Image:
    # Drawn four times larger and scaled down, so the corners are smooth.
    big = square.width * 4
    mask = Image.new("L", (big, big), 0)
    ImageDraw.Draw(mask).rounded_rectangle((0, 0, big - 1, big - 1), radius=round(big * CORNER_RADIUS), fill=255)
    icon = square.convert("RGBA")
    icon.putalpha(mask.resize(square.size, Image.Resampling.LANCZOS))
    return icon


def _png(image: Image.Image, exact: tuple[int, int, int]) -> bytes:
    # A small palette is plenty for flat art and makes each icon a fraction of its size (the shell's weight).
    small = image.quantize(colors=16, method=Image.Quantize.FASTOCTREE)
    # Palette entries a shade off the background become that colour exactly, as in the page's header bar.
    mode = small.palette.mode
    width = len(mode)
    palette = small.getpalette(rawmode=mode)
    for i in range(0, len(palette), width):
        if sum((a - b) ** 2 for a, b in zip(palette[i:i + 3], exact, strict=True)) <= 48:
            palette[i:i + 3] = exact
    small.putpalette(palette, rawmode=mode)
    out = io.BytesIO()
    small.save(out, "PNG", optimize=True)
    return out.getvalue()


@functools.lru_cache(maxsize=8)
def _make_icons(art_png: bytes | None, theme: str, short_name: str, path: str) -> dict[str, bytes]:
    art = (_open_clinic_image(Path(path), art_png, theme) if art_png is not None
           else _initials_art(initials(short_name), theme, MIN_PIXELS))
    masked = _maskable(art, theme)
    icons = {}
    for name, (size, shape) in ICONS.items():
        base = masked if shape == "maskable" else art
        scaled = base.resize((size, size), Image.Resampling.LANCZOS) if size != base.width else base
        if art_png is None and shape != "maskable" and size != MIN_PIXELS:
            scaled = _initials_art(initials(short_name), theme, size)  # letters drawn at their size stay crisp
        icons[name] = _png(_rounded(scaled) if shape == "rounded" else scaled, scaled.getpixel((0, 0))[:3])
    return icons


def load_brand(site_dir: Path, settings: dict) -> Brand:
    """Every icon for this site, or a ContentError naming the image and what to change."""
    image, refused = site_dir / ICON_FILE, site_dir / REFUSED_ICON
    if not image.exists():
        # Icon.PNG shows on a Mac or Windows disk, which ignores the case; the build on GitHub does not, and would
        # silently use the initials.
        for other in sorted(site_dir.iterdir()):
            if other.name.lower() == ICON_FILE and other.name != ICON_FILE:
                raise ContentError.single(other, f"is not used: the icon must be named {ICON_FILE}, in small letters",
                                          f"rename it to {ICON_FILE}")
    if refused.exists() and not image.exists():
        raise ContentError.single(refused, "is an SVG image, and the build draws icons without a browser, so it cannot "
                                  "read SVG",
                                  f"export it as a square PNG of {MIN_PIXELS} x {MIN_PIXELS} pixels or more, named {ICON_FILE}, "
                                  "and delete the .svg")
    data = read_bytes(image) if image.exists() or image.is_symlink() else None
    icons = _make_icons(data, settings["colours.theme"], settings["short_name"], str(image))
    source = str(image) if data is not None else f"the initials {initials(settings['short_name'])!r}"
    return Brand(icons, source)


@bp.route("/static/icons/<name>")
def show_icon(name: str) -> Response:
    """One icon made from the settings (the same address a static icon had)."""
    icons = current_app.extensions["ptguide"]["brand"].icons
    if name not in icons:
        return Response("Not found", 404)
    return Response(icons[name], mimetype="image/png")


def pages(_app: Flask) -> list[tuple[str, dict]]:
    return [("brand.show_icon", {"name": name}) for name in ICONS]
