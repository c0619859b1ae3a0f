"""The clinic's exercise pictures: checked, resized to the page's width and compressed at build time (Pillow).

A phone on a weak signal should get a picture in about the time of a page, so each one is at most 15 KB;
a picture that cannot get there without turning to mush stops the build instead of being cut silently.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from .errors import ContentError, Problem
from .site_files import read_bytes

IMAGES_FOLDER = "images"
MAX_WIDTH = 640
MAX_BYTES = 15 * 1024
# From good to the lowest quality at which a photo of a person still shows the position; below it, the build stops.
QUALITIES = (80, 70, 60, 50, 40)
READABLE = (".jpg", ".jpeg", ".png", ".webp")


@dataclass(frozen=True)
class ExerciseImage:
    """A picture as the build wrote it: its file name in exercises/images/, its size and its alt text."""

    name: str
    alt: str
    width: int
    height: int
    data: bytes


def _line(text: str, key: str) -> int | None:
    index = text.find(f"\n{key}:")
    return None if index < 0 else text.count("\n", 0, index) + 2


def make_image(folder: Path, page: Path, text: str, file_name: str, alt: object, exercise_id: str) -> ExerciseImage:
    """The picture named by `image:`, resized and compressed to WebP; a ContentError naming the fix otherwise."""
    image_line, alt_line = _line(text, "image"), _line(text, "alt")
    if not isinstance(alt, str) or not alt.strip():
        raise ContentError.single(page, "has a picture but no alt text",
                                  "add a line such as 'alt: \"A person lying on their back with knees bent, lifting their "
                                  "hips\"' describing what the picture shows, for people who cannot see it", alt_line or image_line)
    images = folder / IMAGES_FOLDER
    path = images / file_name
    if "/" in file_name or "\\" in file_name or not path.is_file():
        near = sorted(p.name for p in images.iterdir()) if images.is_dir() else []
        hint = f" (the folder holds: {', '.join(near[:5])})" if near else ""
        raise ContentError.single(page, f"names the picture '{file_name}', which is not in site/exercises/{IMAGES_FOLDER}/{hint}",
                                  f"put the picture in site/exercises/{IMAGES_FOLDER}/ and write its file name exactly, "
                                  "such as image: bridge.jpg", image_line)
    if path.suffix.lower() not in READABLE:
        raise ContentError.single(page, f"names the picture '{file_name}', which is not a JPEG, PNG or WebP picture",
                                  "save it as a JPEG (.jpg) or PNG (.png) and name that file in 'image:'", image_line)
    try:
        with Image.open(io.BytesIO(read_bytes(path))) as opened:
            picture = ImageOps.exif_transpose(opened).convert("RGB")  # a phone photo stands the way it was taken
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        raise ContentError.single(page, f"names the picture '{file_name}', which cannot be read as a picture",
                                  "open it in a photo app and save it again as a JPEG (.jpg)", image_line) from None
    if picture.width > MAX_WIDTH:
        picture = picture.resize((MAX_WIDTH, max(1, round(picture.height * MAX_WIDTH / picture.width))), Image.LANCZOS)
    data = b""
    for quality in QUALITIES:
        out = io.BytesIO()
        picture.save(out, "WEBP", quality=quality, method=6)
        data = out.getvalue()
        if len(data) <= MAX_BYTES:
            break
    else:
        raise ContentError([Problem(page, f"the picture '{file_name}' is {len(data) / 1024:.0f} KB after resizing to "
                                    f"{picture.width} pixels wide and compressing, over the {MAX_BYTES // 1024} KB a picture may be",
                                    "crop it to the person and the mat, use a plain background, or make it smaller "
                                    "(for example 480 pixels wide), then build again", image_line)])
    return ExerciseImage(f"{exercise_id}.webp", alt.strip(), picture.width, picture.height, data)
