"""What every reader yields: an :class:`Article`, or a :class:`Skipped` input with the reason why."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..model import Article


@dataclass(frozen=True)
class Skipped:
    """An input (a file, ``file:line`` or ``file#itemN``) that was not read, and why."""

    origin: str
    reason: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


def skipped(origin: str, exc: InputError | str, file: str | None = None) -> Skipped:
    """A Skipped record from an error whose message may already start with the origin or its file."""
    reason = str(exc)
    for prefix in (f"{origin}: ", f"{file}: " if file else None):
        if prefix and reason.startswith(prefix):
            reason = reason[len(prefix):]
            break
    return Skipped(origin, reason)


def clean_field(value: object, what: str) -> str | None:
    """A metadata value as a stripped string (numbers are accepted), or None when absent or blank."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise InputError(f"{what} must be a string, not {type(value).__name__}")
    text = str(value).strip()
    return text or None


def check_text(text: str, origin: str) -> str:
    if not text.strip():
        raise InputError(f"{origin}: empty article")
    if "\x00" in text:
        raise InputError(f"{origin}: text contains NUL characters")
    return text


__all__ = ["Article", "Skipped", "skipped", "clean_field", "check_text"]


def read_file_bytes(path: str | Path, *, kind: str | None = None) -> bytes:
    """The bytes of an input file, or InputError: missing, a directory, unreadable, empty, or (when a
    ``kind`` of text is named) binary."""
    p = Path(path)
    if not p.exists():
        raise InputError(f"{path}: no such file")
    if p.is_dir():
        raise InputError(f"{path}: is a directory, not an article file")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    if kind is not None:
        if not data.strip():
            raise InputError(f"{path}: empty file")
        if b"\x00" in data[:8192]:
            raise InputError(f"{path}: binary data, not {kind}")
    return data
