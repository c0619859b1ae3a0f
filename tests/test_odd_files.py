"""Odd files a publisher might save: a byte-order mark is ignored everywhere; a folder, an empty or foreign-encoded
file, a stray answer or an unusable icon stops the build with the file and the fix, no traceback, the old build kept."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

import freeze
from conftest import ROOT

BOM = b"\xef\xbb\xbf"


def add_bom(path: Path) -> None:
    path.write_bytes(BOM + path.read_bytes())


def png(path: Path, size: tuple[int, int], colour=(255, 255, 255, 255), fmt: str = "PNG") -> None:
    image = Image.new("RGBA" if fmt == "PNG" else "RGB", size, colour if fmt == "PNG" else colour[:3])
    out = io.BytesIO()
    image.save(out, fmt)
    path.write_bytes(out.getvalue())


def run_build(site: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-W", "error", "freeze.py", "--site", str(site), "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True)


@pytest.fixture(scope="module")
def good_build(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("good") / "build"
    result = run_build(ROOT / "site", out)
    assert result.returncode == 0, result.stderr
    return out


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


# Saved with a byte-order mark: each file the publisher edits still builds, and reads as before.
BOM_FILES = ["site.toml", "sources.toml", "search-synonyms.toml", "checklists/pain-check.toml",
             "checklists/next-session.toml", "faq/warning-signs.md"]


@pytest.mark.parametrize("name", BOM_FILES)
def test_a_file_saved_with_a_byte_order_mark_builds_the_same_site(site_copy, tmp_path, good_build, name):
    add_bom(site_copy / name)
    out = tmp_path / "build"
    result = run_build(site_copy, out)
    assert result.returncode == 0, result.stderr
    assert files_of(out) == files_of(good_build)


def folder_named_like_an_answer(site: Path) -> None:
    (site / "faq" / "x.md").mkdir()


def empty_settings(site: Path) -> None:
    (site / "site.toml").write_text("", "utf-8")


def blank_settings_with_a_bom(site: Path) -> None:
    (site / "site.toml").write_bytes(BOM + b"\n\n")


def settings_is_a_folder(site: Path) -> None:
    (site / "site.toml").unlink()
    (site / "site.toml").mkdir()


def settings_in_latin_1(site: Path) -> None:
    text = (site / "site.toml").read_text("utf-8").replace('name = ""', 'name = "Clinique Genève"', 1)
    (site / "site.toml").write_bytes(text.encode("latin-1", "replace"))


def answer_in_utf_16(site: Path) -> None:
    path = site / "faq" / "warning-signs.md"
    path.write_bytes(path.read_text("utf-8").encode("utf-16"))


def sources_in_latin_1(site: Path) -> None:
    path = site / "sources.toml"
    path.write_bytes(path.read_text("utf-8").replace("Institute", "Institut é", 1).encode("latin-1", "replace"))


def synonyms_in_latin_1(site: Path) -> None:
    path = site / "search-synonyms.toml"
    path.write_bytes(path.read_text("utf-8").replace('"numb"', '"engourdi é"', 1).encode("latin-1", "replace"))


def sources_missing(site: Path) -> None:
    (site / "sources.toml").unlink()


def checklist_is_a_folder(site: Path) -> None:
    (site / "checklists" / "next-session.toml").unlink()
    (site / "checklists" / "next-session.toml").mkdir()


def answer_outside_faq(site: Path) -> None:
    shutil.copy(site / "faq" / "warning-signs.md", site / "more-warning-signs.md")


def answer_in_a_subfolder_of_faq(site: Path) -> None:
    (site / "faq" / "drafts").mkdir()
    shutil.copy(site / "faq" / "warning-signs.md", site / "faq" / "drafts" / "new-answer.md")


def icon_not_square(site: Path) -> None:
    png(site / "icon.png", (600, 512))


def icon_too_small(site: Path) -> None:
    png(site / "icon.png", (256, 256))


def icon_is_a_jpeg(site: Path) -> None:
    png(site / "icon.png", (512, 512), fmt="JPEG")


def icon_is_not_an_image(site: Path) -> None:
    (site / "icon.png").write_text("not a picture", "utf-8")


def icon_fully_transparent(site: Path) -> None:
    png(site / "icon.png", (512, 512), (0, 0, 0, 0))


def icon_art_lost_on_the_theme(site: Path) -> None:
    image = Image.new("RGBA", (512, 512), (0, 0, 0, 0))
    image.paste((0, 94, 184, 255), (128, 128, 384, 384))  # the theme's own blue, on a see-through background
    image.save(site / "icon.png")


def icon_one_opaque_colour(site: Path) -> None:
    png(site / "icon.png", (512, 512), (0x7a, 0x1f, 0x5c, 255))  # a square of plain colour (review 13, finding 7)


def icon_only_as_svg(site: Path) -> None:
    (site / "icon.png").unlink()
    (site / "icon.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>', "utf-8")


def answer_saved_as_md_txt(site: Path) -> None:
    # Notepad's "Save as" with the file endings hidden (review 13, finding 4).
    shutil.copy(site / "faq" / "painkillers.md", site / "faq" / "new-answer.md.txt")


def answer_with_a_capital_md(site: Path) -> None:
    (site / "faq" / "painkillers.md").rename(site / "faq" / "painkillers.MD")


def icon_with_capital_letters(site: Path) -> None:
    (site / "icon.png").rename(site / "Icon.PNG")


# case -> (make the mistake, the file the message names, words it must hold, words of its fix)
ODD_FILES: dict[str, tuple[Callable[[Path], None], str, str, str]] = {
    "a folder named x.md in faq/": (folder_named_like_an_answer, "faq/x.md", "is a folder, but a file is expected here",
                                    "rename or move the folder"),
    "an empty site.toml": (empty_settings, "site.toml", "is empty", "copy site/site.toml"),
    "a site.toml of only a byte-order mark and blank lines": (blank_settings_with_a_bom, "site.toml", "is empty",
                                                              "copy site/site.toml"),
    "site.toml is a folder": (settings_is_a_folder, "site.toml", "is a folder", "rename or move the folder"),
    "site.toml in Latin-1": (settings_in_latin_1, "site.toml:", "is not UTF-8 text", "save the file with UTF-8"),
    "an answer in UTF-16": (answer_in_utf_16, "faq/warning-signs.md:1", "is not UTF-8 text", "save the file with UTF-8"),
    "sources.toml in Latin-1": (sources_in_latin_1, "sources.toml:", "is not UTF-8 text", "save the file with UTF-8"),
    "search-synonyms.toml in Latin-1": (synonyms_in_latin_1, "search-synonyms.toml:", "is not UTF-8 text",
                                        "save the file with UTF-8"),
    "sources.toml missing": (sources_missing, "sources.toml", "is missing", "copy site/sources.toml"),
    "a checklist that is a folder": (checklist_is_a_folder, "checklists/next-session.toml", "is a folder",
                                     "rename or move the folder"),
    "an answer outside faq/": (answer_outside_faq, "more-warning-signs.md", "looks like an answer, but only the files "
                               "directly in faq/ are published", "move it into"),
    "an answer in a folder inside faq/": (answer_in_a_subfolder_of_faq, "faq/drafts/new-answer.md",
                                          "looks like an answer", "move it into"),
    "an icon that is not square": (icon_not_square, "icon.png", "is 600 x 512 pixels, and an icon must be square",
                                   "crop or pad it"),
    "an icon that is too small": (icon_too_small, "icon.png", "too small for the 512-pixel icons", "export it at 512"),
    "a JPEG named icon.png": (icon_is_a_jpeg, "icon.png", "is a JPEG image with a .png name", "export it as PNG"),
    "an icon.png that is not an image": (icon_is_not_an_image, "icon.png", "is not a PNG image that can be read",
                                         "export your logo as a square PNG"),
    "an icon that is transparent all over": (icon_fully_transparent, "icon.png", "is transparent all over",
                                             "export the logo with its drawing visible"),
    "an icon whose art is lost on the theme colour": (icon_art_lost_on_the_theme, "icon.png",
                                                      "too close to colours.theme", "give the image a background"),
    "an icon of one opaque colour": (icon_one_opaque_colour, "icon.png", "is one colour all over",
                                     "export the logo with its drawing visible"),
    "an icon only as SVG": (icon_only_as_svg, "icon.svg", "is an SVG image", "export it as a square PNG"),
    "an answer saved as .md.txt": (answer_saved_as_md_txt, "faq/new-answer.md.txt",
                                   "is not published: only files whose names end in .md", "rename it to new-answer.md"),
    "an answer ending in .MD": (answer_with_a_capital_md, "faq/painkillers.MD", "is not published",
                                "rename it to painkillers.md"),
    "an icon named Icon.PNG": (icon_with_capital_letters, "Icon.PNG", "the icon must be named icon.png, in small letters",
                               "rename it to icon.png"),
}


@pytest.mark.parametrize("case", sorted(ODD_FILES))
def test_an_odd_file_stops_the_build_with_the_file_and_the_fix_and_keeps_the_old_build(site_copy, tmp_path, good_build,
                                                                                         case):
    make_mistake, where, words, fix = ODD_FILES[case]
    out = tmp_path / "build"
    shutil.copytree(good_build, out)
    before = files_of(out)
    make_mistake(site_copy)

    result = run_build(site_copy, out)

    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    problem = next((line for line in result.stderr.splitlines() if words in line), None)
    assert problem, result.stderr
    assert f"{site_copy}/{where}" in problem
    assert f"Fix: {fix}" in result.stderr.split(problem, 1)[1].splitlines()[1]
    assert files_of(out) == before
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")], "no half-written folder is left behind"


def test_an_error_that_is_our_bug_says_so_and_how_to_report_it(monkeypatch, capsys, tmp_path):
    import ptguide

    def broken(*_args, **_kwargs):
        raise RuntimeError("something PT Guide did not expect")

    monkeypatch.setattr(ptguide, "create_app", broken)
    assert freeze.main(["--out", str(tmp_path / "build")]) == 3
    err = capsys.readouterr().err
    assert err.startswith("This is a bug in PT Guide, not a mistake in your content.")
    assert "Issues > New issue" in err and "something PT Guide did not expect" in err
    assert not (tmp_path / "build").exists()


# Review 13, findings 3, 5 and 6, through freeze.py as a publisher runs it: a line added to an answer (its first line,
# after the front matter) stops the build with the file and that line, the fix, exit code 2, no traceback, the old build kept.
ANSWER_MISTAKES = {
    "a www. address without https://": ("See [our page](www.heronsgate-physio.example/back).",
                                        "has no https:// in front", "write https:// in front"),
    "javascript: with an encoded tab": ("[Tap](java&#x09;script:alert(1))", "a javascript: address",
                                        "link to a web page with https://"),
    "a call link that dials another number": ("[Call 999](tel:111)", "words say 999 but which dials 111",
                                              "make the words and the number after tel: the same"),
    "111 in an emergency card": ('!!! emergency "Emergency: call 111 now if you have:"\n    - numbness\n',
                                 "'!!! emergency' card that offers 111", "in an '!!! emergency' card, write {{emergency}}"),
}


@pytest.mark.parametrize("case", sorted(ANSWER_MISTAKES))
def test_a_mistake_in_an_answer_stops_freeze_at_its_line_and_keeps_the_old_build(site_copy, tmp_path, good_build, case):
    line, words, fix = ANSWER_MISTAKES[case]
    answer = site_copy / "faq" / "painkillers.md"
    lines = answer.read_text("utf-8").splitlines(keepends=True)
    at = next(i for i, text in enumerate(lines[1:], 1) if text.strip() == "---") + 2  # after the front matter
    answer.write_text("".join([*lines[:at], line + "\n\n", *lines[at:]]), "utf-8")
    out = tmp_path / "build"
    shutil.copytree(good_build, out)
    before = files_of(out)

    result = run_build(site_copy, out)

    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and "bug in PT Guide" not in result.stderr
    problem = next((text for text in result.stderr.splitlines() if words in text), None)
    assert problem and f"{answer}:{at + 1}:" in problem, result.stderr
    assert f"Fix: {fix}" in result.stderr.split(problem, 1)[1].splitlines()[1]
    assert files_of(out) == before
