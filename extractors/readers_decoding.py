"""Turning the bytes of an input into text, or saying in one line why they are not text.

The policy, in order:
- a file larger than `MAX_DOCUMENT_BYTES` is refused ("too large");
- a file with no bytes, or only whitespace once decoded, is "empty";
- a byte-order mark decides the encoding: UTF-8 (the mark is dropped), UTF-16 or UTF-32 (LE/BE); bytes
  that do not decode under the marked encoding are "undecodable";
- without a mark, a NUL byte means "binary" (BOM-less UTF-16 is not guessed);
- otherwise the text is UTF-8, and each byte that is not part of a valid UTF-8 sequence is read as
  Windows-1252 (a superset of Latin-1), so Latin-1 files and mixed UTF-8/Latin-1 files both read; one of the
  five bytes Windows-1252 leaves undefined (0x81 0x8D 0x8F 0x90 0x9D) outside UTF-8 makes the file
  "undecodable";
- decoded text where more than `MAX_CONTROL_SHARE` of the characters are control characters (other than
  tab, newline, carriage return, form feed, vertical tab) is "binary".
`clean_text` then normalizes newlines and drops the remaining stray control characters.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

MAX_DOCUMENT_BYTES = 32 * 1024 * 1024
MAX_CONTROL_SHARE = 0.01

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_UNDEFINED_CP1252 = frozenset(b"\x81\x8d\x8f\x90\x9d")
_CONTROL_CHARS = re.compile(  # every C0/C1 control but tab, line feed, vertical tab, form feed, return
    r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_NEWLINES = re.compile(r"\r\n?|[\f\v\x85\u2028\u2029]")


class UnreadableInput(ValueError):
    """An input that is not text: the message is one line saying why."""


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: read each byte that is not valid UTF-8 as Windows-1252."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    undefined = [byte for byte in bad if byte in _UNDEFINED_CP1252]
    if undefined:
        raise UnreadableInput(
            f"undecodable: byte 0x{undefined[0]:02x} at offset {error.start} "
            "is neither UTF-8 nor Windows-1252"
        )
    return bad.decode("cp1252"), error.end


codecs.register_error("dateline-cp1252", _cp1252_fallback)


def _bom_encoding(data: bytes) -> tuple[str, int] | None:
    """The encoding a byte-order mark announces, and the mark's length."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return None


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode the bytes of one input under the module's policy, raising `UnreadableInput`.

    `declared` is an encoding the container names (an HTML meta charset, an HTTP header); it is used,
    when there is no byte-order mark, if Python knows it and the bytes decode under it.
    """
    if len(data) > MAX_DOCUMENT_BYTES:
        raise UnreadableInput(f"too large: {len(data)} bytes (limit {MAX_DOCUMENT_BYTES})")
    if not data:
        raise UnreadableInput("empty file")
    marked = _bom_encoding(data)
    if marked is not None:
        encoding, skip = marked
        try:
            return check_text(data[skip:].decode(encoding))
        except UnicodeDecodeError as error:
            raise UnreadableInput(
                f"undecodable: invalid {encoding.upper()} at byte {error.start + skip} "
                "after its byte-order mark"
            ) from None
    if b"\x00" in data:
        raise UnreadableInput(f"binary: NUL byte at offset {data.index(0)}")
    if declared:
        try:
            return check_text(data.decode(declared))
        except (LookupError, UnicodeDecodeError):
            pass
    return check_text(data.decode("utf-8", errors="dateline-cp1252"))


def check_text(text: str) -> str:
    """Return `text` unless it is blank ("empty") or mostly control characters ("binary")."""
    if not text.strip():
        raise UnreadableInput("empty file")
    controls = len(_CONTROL_CHARS.findall(text))
    if controls > MAX_CONTROL_SHARE * len(text):
        raise UnreadableInput(f"binary: {controls} control characters in {len(text)}")
    return text


def clean_text(text: str) -> str:
    """Normalize line breaks to `\\n`, drop stray control characters and NULs, strip the ends."""
    return _CONTROL_CHARS.sub("", _NEWLINES.sub("\n", text)).strip()


def read_document_bytes(path: Path) -> bytes:
    """The bytes of one document file, refusing files over `MAX_DOCUMENT_BYTES` before reading them."""
    size = path.stat().st_size
    if size > MAX_DOCUMENT_BYTES:
        raise UnreadableInput(f"too large: {size} bytes (limit {MAX_DOCUMENT_BYTES})")
    return path.read_bytes()
