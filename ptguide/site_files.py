"""Read the files a publisher edits, the same way everywhere: strict UTF-8, a byte-order mark ignored, and
a one-line message with the fix for a missing file, a folder where a file should be, or another encoding."""

from __future__ import annotations

from pathlib import Path

from .errors import ContentError

BOM = "\ufeff"


def read_bytes(path: Path, missing_fix: str = "") -> bytes:
    """The file's bytes, or a ContentError saying what is there instead of a readable file."""
    if path.is_dir():
        raise ContentError.single(path, "is a folder, but a file is expected here",
                                  f"rename or move the folder '{path.name}' so that a file can take its place")
    if not path.exists():
        raise ContentError.single(path, "is missing", missing_fix or "put the file back (see site/README.md)")
    if not path.is_file():
        raise ContentError.single(path, "is not a regular file", "replace it with a plain text file")
    try:
        return path.read_bytes()
    except OSError as err:
        raise ContentError.single(path, f"cannot be read ({err.strerror})",
                                  "check that the file is not locked and that you may read it") from None


def read_text(path: Path, missing_fix: str = "") -> str:
    """The file as UTF-8 text without a leading byte-order mark (Windows Notepad writes one)."""
    raw = read_bytes(path, missing_fix)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise ContentError.single(path, f"is not UTF-8 text (byte {err.start + 1} cannot be read)",
                                  "save the file with UTF-8 encoding (in most editors: Save As, then Encoding: UTF-8)",
                                  line) from None
    return text.removeprefix(BOM)
