"""``raport check`` and ``raport new``: exit codes, the Polish table, the JSON shape."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reports.cli.main import main
from tests.snippets import run_python
from tests.workbooks import trip, visit, write_registry, write_year

YEAR = 2025


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "inputs"
    write_registry(folder)
    write_year(folder, YEAR, "a.xlsx", wizyty=[visit()])
    write_year(folder, YEAR, "b.xlsx", metryczka=None, wizyty=[visit()], wyjazdy=[trip()])
    return folder


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_clean_year_exits_0_and_prints_warnings_and_the_reconciliation(
    inputs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(["check", str(YEAR), "--inputs", str(inputs)], capsys)
    assert code == 0
    assert "2025/b.xlsx — 1 ostrzeżenie" in out
    assert "ostrzeżenie  arkusz „Wizyty”, wiersz 2  [record-duplicate]" in out
    lines = out.splitlines()
    wizyty = next(line for line in lines if line.startswith("Wizyty "))
    assert wizyty.split() == ["Wizyty", "2", "1", "1", "0"]
    razem = next(line for line in lines if line.startswith("Razem"))
    assert razem.split()[1:] == ["10", "9", "1", "0"]  # 2 visits, 1 trip, 6 partners, 1 org
    assert lines[-1] == "Rok 2025: bez błędów, 1 ostrzeżenie. Dane są gotowe."


def test_errors_exit_1_grouped_by_file(inputs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_year(inputs, YEAR, "c.xlsx", metryczka=None, wizyty=[visit(Data_od="zła", Goście="x")])
    code, out, _ = _run(["check", "--inputs", str(inputs)], capsys)
    assert code == 1
    assert "2025/c.xlsx — 1 błąd" in out
    assert "błąd  arkusz „Wizyty”, wiersz 2, kolumna A („Data od”)  [date-invalid]" in out
    assert out.index("2025/b.xlsx") < out.index("2025/c.xlsx")
    assert "Rok 2025: 1 błąd i 1 ostrzeżenie." in out


def test_year_defaults_to_the_latest_folder(
    inputs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (inputs / "2019").mkdir()
    code, out, _ = _run(["check", "--inputs", str(inputs), "--json"], capsys)
    assert code == 0
    assert json.loads(out)["year"] == YEAR


def test_json_shape(inputs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(["check", str(YEAR), "--inputs", str(inputs), "--json"], capsys)
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"year", "ok", "errors", "warnings", "problems", "tallies", "files"}
    assert (data["ok"], data["errors"], data["warnings"]) == (True, 0, 1)
    (problem,) = data["problems"]
    assert set(problem) == {
        "code",
        "severity",
        "message",
        "file",
        "sheet",
        "row",
        "column",
        "header",
        "value",
    }
    assert (problem["code"], problem["severity"], problem["row"]) == (
        "record-duplicate",
        "ostrzeżenie",
        2,
    )
    assert data["tallies"]["Wizyty"] == {"read": 2, "kept": 1, "duplicates": 1, "rejected": 0}
    assert list(data["tallies"]) == [
        "Wizyty",
        "Wyjazdy",
        "Projekty",
        "Nagrody",
        "Plan",
        "Miasta partnerskie",
        "Organizacje",
    ]
    assert [Path(f).name for f in data["files"]] == ["rejestr.xlsx", "a.xlsx", "b.xlsx"]


def test_json_with_errors_exits_1(inputs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_year(inputs, YEAR, "c.xlsx", metryczka=None, wizyty=[visit(Kraj="Mars", Miasto="X")])
    code, out, _ = _run(["check", "--inputs", str(inputs), "--json"], capsys)
    assert code == 1
    data = json.loads(out)
    assert data["ok"] is False and data["problems"][-1]["code"] == "country-unknown"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["check", "2030"], "brak folderu"),
        (["check", "--inputs", "{tmp}/nie-ma"], "brak folderu z danymi"),
        (["new", "2030", "--inputs", "{tmp}/nie-ma"], "brak folderu z danymi"),
    ],
)
def test_usage_errors_exit_2_with_a_polish_message(
    inputs: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    argv = [a.replace("{tmp}", str(inputs.parent)) for a in argv]
    if "--inputs" not in argv:
        argv += ["--inputs", str(inputs)]
    code, out, err = _run(argv, capsys)
    assert code == 2
    assert out == ""
    assert err.startswith("raport: błąd: ") and message in err


def test_no_year_folders_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(["check", "--inputs", str(tmp_path)], capsys)
    assert code == 2 and "nie ma folderów lat" in err


@pytest.mark.parametrize("argv", [["check", "abc"], ["check", "--nie-ma"], ["new"], ["coś"]])
def test_argparse_usage_errors_exit_2_in_polish(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as raised:
        main(argv)
    assert raised.value.code == 2
    err = capsys.readouterr().err
    assert "użycie:" in err and "błąd:" in err
    assert "usage:" not in err


def test_no_command_prints_help_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "check" in capsys.readouterr().err


def test_new_writes_the_workbook_then_refuses_to_overwrite(
    inputs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(["new", "2026", "--inputs", str(inputs)], capsys)
    assert code == 0
    path = inputs / "2026" / "raport-2026.xlsx"
    assert path.is_file() and str(path) in out
    before = path.read_bytes()
    code, _, err = _run(["new", "2026", "--inputs", str(inputs)], capsys)
    assert code == 1
    assert "już istnieje" in err and path.read_bytes() == before
    code, out, _ = _run(["check", "2026", "--inputs", str(inputs)], capsys)
    assert code == 1  # the one thing left to type: the Metryczka's Data wytworzenia
    assert "Data wytworzenia" in out and "1 błąd" in out


def test_new_writes_a_department_workbook_and_an_ods(
    inputs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["new", "2026", "--inputs", str(inputs), "--department", "Wydział Sportu"]
    code, out, _ = _run(argv, capsys)
    assert code == 0
    assert str(inputs / "2026" / "raport-2026-wydzial-sportu.xlsx") in out
    code, out, _ = _run(["new", "2026", "--inputs", str(inputs), "--format", "ods"], capsys)
    assert code == 0 and str(inputs / "2026" / "raport-2026.ods") in out
    assert "raport serve" in out
    with pytest.raises(SystemExit) as wrong:
        main(["new", "2026", "--inputs", str(inputs), "--format", "pdf"])
    assert wrong.value.code == 2


def test_inputs_default_to_the_current_directory(
    inputs: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(inputs.parent)
    code, out, _ = _run(["check", "--json"], capsys)
    assert code == 0 and json.loads(out)["year"] == YEAR


def test_check_imports_no_renderer(inputs: Path) -> None:
    script = (
        "import sys\n"
        "from reports.cli.main import main\n"
        f"code = main(['check', '--inputs', {str(inputs)!r}])\n"
        "heavy = [m for m in ('weasyprint', 'docx', 'jinja2') if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
        "sys.exit(code)\n"
    )
    assert "HEAVY []" in run_python(script).stdout


def test_build_leaves_no_temporary_files(inputs: Path, tmp_path: Path) -> None:
    """The worker processes copy the fonts into a temporary folder for WeasyPrint, and
    remove it when they end."""
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    script = (
        "import sys\n"
        "from reports.cli.main import main\n"
        f"sys.exit(main(['build', '--inputs', {str(inputs)!r}, "
        f"'--output', {str(tmp_path / 'output')!r}, '--format', 'pdf']))\n"
    )
    run_python(script, TMPDIR=str(temporary))
    assert (tmp_path / "output" / str(YEAR) / f"raport-{YEAR}.pdf").is_file()
    assert sorted(p.name for p in temporary.iterdir()) == []


def test_annotate_writes_copies_of_the_workbooks_with_problems(
    inputs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_year(inputs, YEAR, "c.xlsx", metryczka=None, wizyty=[visit(Data_od="zła", Goście="x")])
    (inputs / str(YEAR) / "d.xlsx").write_bytes(b"")
    folder = tmp_path / "poprawki"
    code, out, _ = _run(["check", "--inputs", str(inputs), "--annotate", str(folder)], capsys)
    assert code == 1
    assert sorted(p.name for p in folder.iterdir()) == ["b-do-poprawy.xlsx", "c-do-poprawy.xlsx"]
    assert f"  {folder / 'c-do-poprawy.xlsx'}" in out.splitlines()
    assert "Bez kopii (plik nie daje się odczytać): 2025/d.xlsx" in out
    assert "wcześniejszego sprawdzenia" not in out

    write_year(inputs, YEAR, "c.xlsx", metryczka=None, wizyty=[visit(Goście="inni")])
    code, out, _ = _run(["check", "--inputs", str(inputs), "--annotate", str(folder)], capsys)
    stale = out[out.index("wcześniejszego sprawdzenia") :].splitlines()[2:]
    assert stale == [f"  {folder / 'c-do-poprawy.xlsx'}"]


def test_annotate_with_json_keeps_the_standard_output_json(
    inputs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "poprawki"
    argv = ["check", "--inputs", str(inputs), "--json", "--annotate", str(folder)]
    code, out, err = _run(argv, capsys)
    assert code == 0
    assert json.loads(out)["warnings"] == 1
    assert str(folder / "b-do-poprawy.xlsx") in err


def test_annotate_on_an_ods_says_the_copy_is_an_xlsx(
    inputs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.test_ods_xls import soffice

    source = write_year(tmp_path, YEAR, "e.xlsx", metryczka=None, wizyty=[visit(Data_od="zła")])
    soffice([source], "ods", inputs / str(YEAR), tmp_path / "lo-profile")
    folder = tmp_path / "poprawki"
    code, out, _ = _run(["check", "--inputs", str(inputs), "--annotate", str(folder)], capsys)
    assert code == 1
    assert f"  {folder / 'e-do-poprawy.xlsx'} (kopia „e.ods” zapisana jako .xlsx)" in out


def test_annotate_refuses_a_file_as_the_folder(
    inputs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "plik.xlsx"
    target.write_bytes(b"moje")
    argv = ["check", "--inputs", str(inputs), "--annotate", str(target)]
    code, _, err = _run(argv, capsys)
    assert code == 2
    assert "to plik, nie folder" in err
    assert target.read_bytes() == b"moje"


def test_annotate_says_when_the_copies_cannot_be_written(
    inputs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "plik").write_bytes(b"")
    argv = ["check", "--inputs", str(inputs), "--annotate", str(tmp_path / "plik" / "kopie")]
    code, out, err = _run(argv, capsys)
    assert code == 1  # the year is clean, but the copies asked for were not written
    assert "Rok 2025: bez błędów" in out
    assert "nie zapisano kopii" in err


def test_annotate_refuses_a_folder_in_the_inputs(
    inputs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = sorted(inputs.rglob("*"))
    argv = ["check", "--inputs", str(inputs), "--annotate", str(inputs / "2025")]
    code, out, err = _run(argv, capsys)
    assert code == 2
    assert "leży w folderze danych" in err and not out
    assert sorted(inputs.rglob("*")) == before
