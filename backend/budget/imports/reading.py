"""Bytes to text and shared pieces of statement reading: plain functions, no database."""

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal

MAX_ROWS = 20_000
MAX_BYTES = 5 * 1024 * 1024
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class FileError(Exception):
    """The file as a whole cannot be read: the import fails with this message."""


@dataclass
class Row:
    line: int
    date: datetime.date | None = None
    description: str = ""
    amount: Decimal | None = None
    bank_id: str = ""  # OFX: the bank's FITID
    error: str = ""


@dataclass
class Statement:
    rows: list[Row]
    mapping: dict = field(default_factory=dict)  # CSV: what was used (given or detected)


def decode(content: bytes) -> tuple[str, str]:
    """The text and its encoding: UTF-8 (with or without a BOM), else Windows-1252."""
    if not content.strip():
        raise FileError("The file is empty.")
    if b"\x00" in content[:65536]:
        raise FileError("The file is not text (it looks like a binary file); upload a CSV or OFX statement.")
    if content.startswith(b"\xef\xbb\xbf"):
        content, encoding = content[3:], "utf-8-sig"
    else:
        encoding = "utf-8"
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text, encoding = content.decode("cp1252"), "windows-1252"
        except UnicodeDecodeError as exc:
            raise FileError(
                f"The file's encoding is neither UTF-8 nor Windows-1252 (byte {exc.start + 1} "
                "cannot be read); save it as UTF-8 and upload it again."
            ) from None
    sample = text[:65536]
    if len(_CONTROL.findall(sample)) > max(8, len(sample) // 100):
        raise FileError("The file is not text (it looks like a binary file); upload a CSV or OFX statement.")
    return text, encoding


def looks_like_ofx(filename: str, content: bytes) -> bool:
    head = content[:2048].lstrip(b"\xef\xbb\xbf \r\n\t").upper()
    if filename.lower().endswith((".ofx", ".qfx")):
        return True
    return head.startswith(b"OFXHEADER") or (head.startswith(b"<?XML") and b"<?OFX" in head)
