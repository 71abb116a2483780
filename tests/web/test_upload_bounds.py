"""Uploads a hostile user might send: a zip bomb (read in a child with a time and memory
ceiling, and refused), Windows' reserved names, a bin folder that is a link."""

from __future__ import annotations

from pathlib import Path

import pytest

from reports.web.probe import probe
from reports.web.uploads import Refused, safe_name, store, to_trash
from tests.hostile import zip_bomb
from tests.workbooks import visit, write_year


def test_a_zip_bomb_upload_is_refused_with_the_readers_message(tmp_path: Path) -> None:
    data = zip_bomb(tmp_path / "bomba.xlsx", 1024**3).read_bytes()
    with pytest.raises(Refused, match=r"Plik „bomba\.xlsx”: Plik jest za duży"):
        probe("bomba.xlsx", data)


def test_a_workbook_over_the_childs_memory_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reports.web import probe as probing

    good = write_year(tmp_path, 2025, wizyty=[visit()]).read_bytes()
    probe("dobry.xlsx", good)  # within the ceilings: no refusal
    monkeypatch.setattr(probing, "MEMORY_BYTES", 16 * 1024 * 1024)  # too little to read
    with pytest.raises(Refused, match="w granicach pamięci i czasu"):
        probe("dobry.xlsx", good)


@pytest.mark.parametrize("name", ["con.xlsx", "NUL.xlsx", "com1.xlsx", "lpt3.xlsx", "aux.a.xlsx"])
def test_windows_reserved_names_are_refused(name: str) -> None:
    with pytest.raises(Refused, match="zarezerwowana"):
        safe_name(name)
    assert safe_name("console.xlsx") == "console.xlsx"


def test_a_bin_that_is_a_link_is_not_followed(tmp_path: Path) -> None:
    year_dir = tmp_path / "2025"
    elsewhere = tmp_path / "gdzie-indziej"
    elsewhere.mkdir()
    data = write_year(tmp_path / "zrodlo", 2025, wizyty=[visit()]).read_bytes()
    store(year_dir, "dane.xlsx", data)
    (year_dir / ".kosz").symlink_to(elsewhere)
    with pytest.raises(Refused, match="nie jest zwykłym folderem"):
        to_trash(year_dir, "dane.xlsx")
    assert (year_dir / "dane.xlsx").read_bytes() == data
    assert list(elsewhere.iterdir()) == []


def test_a_workbook_over_the_childs_time_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reports.web import probe as probing

    good = write_year(tmp_path, 2025, wizyty=[visit()]).read_bytes()
    monkeypatch.setattr(probing, "SECONDS", 0.01)  # the child is stopped at once
    with pytest.raises(Refused, match="trwało dłużej"):
        probe("dobry.xlsx", good)
