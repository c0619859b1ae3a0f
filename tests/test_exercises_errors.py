"""A clinic's mistake in the exercise library stops the build with the file, the line and a fix, like the answers."""

from __future__ import annotations

import random
import shutil
import subprocess
import sys

import pytest
from PIL import Image

from conftest import FIXTURES, ROOT
from ptguide import create_app
from ptguide.errors import ContentError
from ptguide.freezing import freeze_site
from ptguide.service_worker import precache_entries

EXERCISE_FIXTURES = FIXTURES / "exercises"

# fixture file -> (line the message must name, words the message must contain)
CASES = {
    "missing-title.md": (2, "no 'title'"),
    "negative-dose.md": (7, "'reps' is -5, which is not a whole number from 1 to 100"),
    "dose-in-words.md": (8, "'reps' is 'ten', which is not a whole number"),
    "unknown-dose-part.md": (8, "unknown part 'minutes'"),
    "unknown-field.md": (6, "unknown front-matter key 'difficulty'"),
    "source-note-not-text.md": (6, "'source_note' should be text"),
    "bad-id.md": (2, "the id 'Bridge_Two' is not lowercase words joined by hyphens"),
    "duplicate-id.md": (2, "the id 'bridge' is also used by"),
    "duplicate-order.md": (4, "the order '60' is also used by"),
    "unknown-source.md": (6, "'a-video-online' is not in site/sources.toml"),
    "no-alt.md": (6, "has a picture but no alt text"),
    "missing-picture.md": (6, "names the picture 'brigde.jpg', which is not in site/exercises/images/"),
    "too-big-picture.md": (6, "over the 15 KB a picture may be"),
    "link-to-unknown-exercise.md": (15, "links to 'knee-hugs.md', which is not an exercise"),
    "steps-not-a-list.md": (14, "'## Steps' is not only a numbered list"),
    "missing-section.md": (8, "has no section '## What you should feel'"),
}


def add_pictures(site):
    images = site / "exercises" / "images"
    images.mkdir(exist_ok=True)
    # A photo-like picture: smooth shading compresses well once resized to 640 pixels.
    photo = Image.linear_gradient("L").resize((1200, 800)).convert("RGB")
    photo.save(images / "test-photo.jpg", quality=95)
    # Random dots: no compressor can make 640 x 640 of them small.
    noise = random.Random(15)
    Image.frombytes("RGB", (640, 640), bytes(noise.getrandbits(8) for _ in range(640 * 640 * 3))).save(images / "noise.png")


def break_library(site, fixture: str):
    add_pictures(site)
    shutil.copy(EXERCISE_FIXTURES / fixture, site / "exercises" / fixture)
    return site


@pytest.mark.parametrize("fixture", sorted(CASES))
def test_each_exercise_mistake_names_the_file_the_line_and_the_fix(site_copy, fixture):
    line, words = CASES[fixture]
    break_library(site_copy, fixture)
    with pytest.raises(ContentError) as caught:
        create_app({"SITE_DIR": site_copy})
    matching = [p for p in caught.value.problems if words in p.message]
    assert matching, f"no problem mentions {words!r}: {[str(p) for p in caught.value.problems]}"
    problem = matching[0]
    assert problem.path.name == fixture
    assert problem.line == line, str(problem)
    assert problem.fix, "every problem says how to fix it"


def test_a_clinic_picture_is_resized_to_640_pixels_compressed_under_15_kb_and_shown_with_its_size_and_alt(site_copy, tmp_path):
    break_library(site_copy, "with-picture.md")
    app = create_app({"SITE_DIR": site_copy})
    client = app.test_client()
    page = client.get("/exercises/with-picture/").text
    assert ('<img class="app-exercise__image" src="../images/with-picture.webp" '
            'alt="A person lying on their back, lifting their hips" width="640" height="427">') in page
    picture = client.get("/exercises/images/with-picture.webp")
    assert picture.mimetype == "image/webp" and len(picture.data) <= 15 * 1024
    entry = next(e for e in client.get("/exercises/library.json").get_json()["exercises"] if e["id"] == "with-picture")
    assert entry["image"] == {"src": "exercises/images/with-picture.webp", "alt": "A person lying on their back, lifting their hips",
                              "width": 640, "height": 427}
    build = tmp_path / "build"
    freeze_site(app, build)
    assert (build / "exercises" / "images" / "with-picture.webp").read_bytes() == picture.data
    assert "exercises/images/with-picture.webp" in {entry["url"] for entry in precache_entries(build)}


def test_a_file_in_the_exercises_folder_that_would_be_left_out_stops_the_build(site_copy):
    (site_copy / "exercises" / "hamstring-stretch.md.txt").write_text("---\nid: x\n---\n", "utf-8")
    (site_copy / "exercises" / "photo.jpg").write_bytes(b"")
    with pytest.raises(ContentError) as caught:
        create_app({"SITE_DIR": site_copy})
    fixes = {p.path.name: p.fix for p in caught.value.problems}
    assert fixes["hamstring-stretch.md.txt"] == "rename it to hamstring-stretch.md"
    assert "images/" in fixes["photo.jpg"]


def test_a_build_with_a_broken_exercise_exits_nonzero_names_it_and_keeps_the_old_build(site_copy, tmp_path):
    out = tmp_path / "build"
    good = subprocess.run([sys.executable, "freeze.py", "--site", str(site_copy), "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True)
    assert good.returncode == 0, good.stderr
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert (out / "exercises" / "library.json").is_file()

    break_library(site_copy, "negative-dose.md")
    bad = subprocess.run([sys.executable, "freeze.py", "--site", str(site_copy), "--out", str(out)],
                         cwd=ROOT, capture_output=True, text=True)
    assert bad.returncode != 0
    assert "negative-dose.md:7" in bad.stderr and "Traceback" not in bad.stderr
    assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
