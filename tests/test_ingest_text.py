from __future__ import annotations

import json
from pathlib import Path

import pytest

from wirewatch.errors import InputError
from wirewatch.ingest import read_article, validate_date


def test_reads_text_and_sidecar(tmp_path: Path) -> None:
    art = tmp_path / "a.txt"
    art.write_text("Rebels seized the town on Monday.\n", encoding="utf-8")
    (tmp_path / "a.json").write_text(json.dumps({"title": "T", "source": "S", "published": "2024-03-05"}))
    a = read_article(art)
    assert a.text == "Rebels seized the town on Monday.\n"
    assert (a.title, a.source, a.published) == ("T", "S", "2024-03-05")
    # explicit values win over the sidecar
    assert read_article(art, published="2024-03-06", source="X").published == "2024-03-06"


def test_bom_is_not_part_of_the_text(tmp_path: Path) -> None:
    art = tmp_path / "bom.txt"
    art.write_bytes(b"\xef\xbb\xbfPolice arrested two men.")
    assert read_article(art).text == "Police arrested two men."


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "no such file"), (b"\x00\x01\x02binary", "binary"), (b"caf\xe9 au lait", "not UTF-8"),
     (b"   \n\t ", "empty")],
)
def test_bad_input(tmp_path: Path, content: bytes | None, message: str) -> None:
    path = tmp_path / "x.txt"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        read_article(path)


def test_directory_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="directory"):
        read_article(tmp_path)


def test_dates_are_validated() -> None:
    assert validate_date("2014-06-13T10:00:00Z") == "2014-06-13"
    assert validate_date(None) is None
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        validate_date("13/06/2014")


def test_header_lines_are_metadata_not_text(tmp_path: Path) -> None:
    art = tmp_path / "h.txt"
    art.write_text("Title: Convoy attacked\nPublished: 2024-01-05\n\nRebels attacked a convoy near Goma.\n",
                   encoding="utf-8")
    a = read_article(art)
    assert a.text == "Rebels attacked a convoy near Goma.\n"
    assert (a.title, a.published) == ("Convoy attacked", "2024-01-05")
    assert read_article(art, published="2024-01-06").published == "2024-01-06"
