"""``raport serve``: refuses to open the page to the network without a password."""

from __future__ import annotations

from pathlib import Path

import pytest

from reports.cli.main import main


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "inputs"
    folder.mkdir()
    return folder


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "127.0.0.2", "::"])
def test_another_address_without_a_password_exits_2_with_a_polish_message(
    host: str, inputs: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("RAPORT_PASSWORD", raising=False)
    assert main(["serve", "--inputs", str(inputs), "--host", host]) == 2
    err = capsys.readouterr().err
    assert f"adres {host} jest dostępny z innych komputerów" in err
    assert "--password-file" in err and "RAPORT_PASSWORD" in err


def test_an_empty_or_missing_password_file_exits_2(
    inputs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "haslo.txt"
    empty.write_text("\n")
    args = ["serve", "--inputs", str(inputs), "--host", "0.0.0.0", "--password-file"]
    assert main([*args, str(empty)]) == 2
    assert "jest pusty" in capsys.readouterr().err
    assert main([*args, str(tmp_path / "brak.txt")]) == 2
    assert "nie można odczytać pliku z hasłem" in capsys.readouterr().err


def test_forcing_the_password_on_the_local_address_needs_one_too(
    inputs: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("RAPORT_PASSWORD", raising=False)
    assert main(["serve", "--inputs", str(inputs), "--require-password"]) == 2
    assert "wymaga hasła" in capsys.readouterr().err


def test_bad_port_and_missing_inputs_are_usage_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["serve", "--port", "99999"])
    assert exit_.value.code == 2
    assert "port to liczba od 1 do 65535" in capsys.readouterr().err
    assert main(["serve", "--inputs", str(tmp_path / "brak")]) == 2
    assert "brak folderu z danymi" in capsys.readouterr().err
