"""raport build end to end: parity of DOCX, PDF and HTML, determinism, structure, atomicity."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import docx
import pytest
from pypdf import PdfReader

from reports.cache import CACHE_DIR_NAME
from reports.cli.main import main
from reports.document.build import report_title
from reports.pipeline import BuildResult, generate, output_path
from reports.polish.dates import MONTHS_GENITIVE
from reports.render.docx.renderer import docx_text
from tests.conftest import DEMO_YEAR
from tests.htmltext import html_text
from tests.pdftext import page_fonts, pdf_text
from tests.workbooks import visit, write_inputs

SECTION_TITLES = [
    "Podsumowanie",
    "Miasta partnerskie i zaprzyjaźnione",
    "Wizyty delegacji zagranicznych w Kaliszu",
    "Wyjazdy zagraniczne delegacji Miasta Kalisza",
    "Projekty międzynarodowe",
    "Nagrody i wyróżnienia",
    "Członkostwo w organizacjach międzynarodowych",
    "Współpraca z poszczególnymi miastami partnerskimi",
    "Udział instytucji i organizacji",
    "Realizacja planu na rok 2025",
    "Plan współpracy na rok 2026",
    "Metryczka",
    "Załącznik: Źródła danych",
]


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u2060", "")).strip()


def _file(result: BuildResult, fmt: str) -> bytes:
    return output_path(result.outputs[0].parent.parent, result.check.year, fmt).read_bytes()


@pytest.fixture(scope="session", params=["demo", "full"])
def built(request: pytest.FixtureRequest) -> BuildResult:
    result: BuildResult = request.getfixturevalue(f"{request.param}_build")
    assert result.ok
    return result


def test_docx_and_pdf_show_the_same_text(built: BuildResult) -> None:
    docx_words = _words(" ".join(docx_text(_file(built, "docx"))))
    pdf_words = _words(pdf_text(_file(built, "pdf"), contents=False))
    assert docx_words == pdf_words
    assert "Spis treści" in pdf_words


def test_html_shows_the_same_text_as_the_docx_and_pdf(built: BuildResult) -> None:
    docx_words = _words(" ".join(docx_text(_file(built, "docx"))))
    html_words = _words(html_text(_file(built, "html"), contents=False))
    assert html_words == docx_words


def test_docx_has_the_outline_headings_tables_and_properties(built: BuildResult) -> None:
    document = docx.Document(io.BytesIO(_file(built, "docx")))
    headings = [
        _words(p.text) for p in document.paragraphs if p.style and p.style.name == "Heading 1"
    ]
    assert headings == SECTION_TITLES
    assert len(document.tables) >= 4
    props = document.core_properties
    assert props.title == report_title(built.check.year)
    assert props.author == "Biuro Współpracy Międzynarodowej"
    assert props.language == "pl-PL"
    assert props.created is not None and props.created.date() == built.check.data.metryczka.created  # type: ignore[union-attr]


def test_pdf_is_tagged_polish_titled_and_embeds_its_fonts(built: BuildResult) -> None:
    reader = PdfReader(io.BytesIO(_file(built, "pdf")))
    root: Any = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "pl"
    assert reader.metadata is not None
    assert reader.metadata.title == report_title(built.check.year)
    assert 8 <= len(reader.pages) <= 40
    assert built.pages == len(reader.pages)
    fonts = page_fonts(reader)
    assert fonts
    for name, font in fonts.items():
        assert "Carlito" in name
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor or "/FontFile3" in descriptor, name


def test_full_year_shows_every_section_with_data(full_build: BuildResult) -> None:
    text = _words(pdf_text(_file(full_build, "pdf")))
    assert "20. rocznica podpisania listu intencyjnego" in text
    assert "Eurocities (od 2010 r.)" in text
    assert "800 000 EUR / dofinansowanie 12 500,50 EUR" in text
    assert "30 grudnia 2025 r. – 2 stycznia 2026 r." in text
    assert "30 września – 2 października 2025 r." in text
    assert "Nagroda Europy" in text
    assert "nie otrzymało nagród" not in text
    assert "„Miasta Partnerskie”" in text
    assert "2010 r. (do 2025 r.)" in text  # an ended partnership says so
    assert "pobyt delegacji Miasta Kalisza w Martinie" in text  # the registry's locative
    assert "pobyt delegacji Miasta Kalisza w mieście Łowecz" in text  # none given
    assert "projekt „Zielone miasta” (Fundusz Szwajcarski)" in text


def test_per_partner_activities_are_in_date_order(full_build: BuildResult) -> None:
    text = _words(pdf_text(_file(full_build, "pdf")))
    martin = text[text.index("Martin (Słowacja) Miasto partnerskie") :]
    martin = martin[: martin.index("Preston (Wielka Brytania)")]
    months = "|".join(MONTHS_GENITIVE)
    items = re.findall(rf"(\d+)(?:–\d+)? ({months}) 2025 r\.:", martin)
    keys = [(MONTHS_GENITIVE.index(month), int(day)) for day, month in items]
    assert len(keys) >= 3
    assert keys == sorted(keys)


def test_empty_sections_say_so_in_one_sentence(demo_build: BuildResult) -> None:
    text = _words(pdf_text(_file(demo_build, "pdf")))
    assert f"W {DEMO_YEAR} r. miasto nie otrzymało nagród." in text
    assert f"W {DEMO_YEAR} r. miasto nie należało do organizacji międzynarodowych." in text


def test_summary_compares_with_the_previous_year(demo_build: BuildResult) -> None:
    text = _words(pdf_text(_file(demo_build, "pdf")))
    assert f"{DEMO_YEAR - 1} r. {DEMO_YEAR} r. Zmiana" in text
    assert "Wizyty delegacji zagranicznych 4 8 +4" in text


def test_two_builds_into_different_folders_are_byte_identical(
    demo_build: BuildResult, demo_inputs: Path, tmp_path: Path
) -> None:
    again = generate(demo_inputs, DEMO_YEAR, tmp_path, parallel=False)
    assert [p.name for p in again.outputs] == [p.name for p in demo_build.outputs]
    for first, second in zip(demo_build.outputs, again.outputs, strict=True):
        assert first.read_bytes() == second.read_bytes(), first.name


def test_interrupted_render_leaves_earlier_outputs_untouched(
    demo_inputs: Path, demo_build: BuildResult, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    year_dir = out / str(DEMO_YEAR)
    year_dir.mkdir(parents=True)
    before = {}
    for path in demo_build.outputs:
        (year_dir / path.name).write_bytes(b"earlier " + path.name.encode())
        before[path.name] = (year_dir / path.name).read_bytes()

    def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("awaria w połowie renderowania")

    monkeypatch.setattr("reports.render.pdf.renderer.render_pdf", broken)
    with pytest.raises(RuntimeError):
        generate(demo_inputs, DEMO_YEAR, out, parallel=False)
    assert {p.name: p.read_bytes() for p in year_dir.iterdir()} == before


def test_build_refuses_inputs_with_errors_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inputs = write_inputs(tmp_path / "inputs", wizyty=[visit(Cel=None)])
    code = main(["build", "2025", "--inputs", str(inputs), "--output", str(tmp_path / "out")])
    printed = capsys.readouterr().out
    assert code == 1
    assert "value-required" in printed and "Wizyty" in printed
    assert "Nie zbudowano raportu 2025" in printed
    # no report files; the build cache may keep the workbooks read, for the next try
    out = tmp_path / "out"
    assert not out.exists() or [p.name for p in out.iterdir()] == [CACHE_DIR_NAME]


def test_build_command_prints_paths_and_counts(
    demo_inputs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    code = main(["build", "--inputs", str(demo_inputs), "--output", str(out), "--format", "docx"])
    printed = capsys.readouterr().out
    assert code == 0
    assert f"raport-{DEMO_YEAR}.docx" in printed
    assert "Wyjazdy                    5         4          1          0" in printed
    assert (out / str(DEMO_YEAR) / f"raport-{DEMO_YEAR}.docx").is_file()
    assert not (out / str(DEMO_YEAR) / f"raport-{DEMO_YEAR}.pdf").exists()


def test_build_html_alone_writes_the_edition_and_the_manifest(
    demo_build: BuildResult, demo_inputs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    code = main(["build", "--inputs", str(demo_inputs), "--output", str(out), "--format", "html"])
    assert code == 0
    assert f"raport-{DEMO_YEAR}.html" in capsys.readouterr().out
    written = sorted(p.name for p in (out / str(DEMO_YEAR)).iterdir())
    assert written == ["manifest.json", f"raport-{DEMO_YEAR}.html"]
    edition = (out / str(DEMO_YEAR) / f"raport-{DEMO_YEAR}.html").read_bytes()
    assert edition == _file(demo_build, "html")


def test_building_one_format_warns_about_older_files_it_did_not_replace(
    demo_build: BuildResult, demo_inputs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    year_dir = out / str(DEMO_YEAR)
    year_dir.mkdir(parents=True)
    (year_dir / f"raport-{DEMO_YEAR}.pdf").write_bytes(b"older")
    code = main(["build", "--inputs", str(demo_inputs), "--output", str(out), "--format", "docx"])
    printed = capsys.readouterr().out
    assert code == 0
    assert "Uwaga: w folderze zostały pliki z wcześniejszej budowy" in printed
    assert f"raport-{DEMO_YEAR}.pdf" in printed.split("Uwaga:")[1]


def test_jobs_without_all_is_a_usage_error(demo_inputs: Path) -> None:
    assert main(["build", "--jobs", "2", "--inputs", str(demo_inputs)]) == 2


def test_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["build", "--format", "odt", "--inputs", str(tmp_path)])
    assert exit_info.value.code == 2
