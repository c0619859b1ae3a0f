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
        fix = "save the file with UTF-8 encoding (in most editors: Save As, then Encoding: UTF-8)"
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise ContentError.single(path, "is not UTF-8 text: it was saved as UTF-16 (Notepad calls it \"Unicode\")",
                                      fix + ", not \"Unicode\" or UTF-16", 1) from None
        line = raw[: err.start].count(b"\n") + 1
        column = err.start - raw.rfind(b"\n", 0, err.start)
        # Most such files are Windows-1252 or Latin-1: show the character as that editor shows it.
        shown = raw[err.start:err.start + 1].decode("cp1252", "replace")
        raise ContentError.single(path, f"is not UTF-8 text (the character \"{shown}\" in column {column} cannot be read)",
                                  fix, line) from None
    return text.removeprefix(BOM)


CURLY_QUOTES = "\u201c\u201d\u2018\u2019"
CURLY_QUOTES_FIX = ('use straight quotes "…" instead of curly ones “…” (word processors and phones make curly quotes; '
                    "type them in a plain text editor)")


def toml_fix(text: str, line: int | None, fix: str) -> str:
    """The fix for a TOML mistake at that line: curly quotes, which look right to a reader, get their own."""
    lines = text.splitlines()
    if line and 0 < line <= len(lines) and any(q in lines[line - 1] for q in CURLY_QUOTES):
        return CURLY_QUOTES_FIX
    return fix
