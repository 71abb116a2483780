"""What is public: the DOCX, PDF and HTML carry nothing of the office's bookkeeping.

No input file name or path, no sheet name used as bookkeeping, no rows read, merged or
rejected — those are in ``raport check``, on the page and in ``manifest.json``, which
still carries the reconciliation.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from reports.inputs.schemas import ALL_SHEETS
from reports.pipeline import BuildResult, output_path
from tests.pdftext import pdf_text

#: The words of the reconciliation and of the workbooks, as the old annex wrote them.
BOOKKEEPING = (
    "xlsx",
    ".ods",
    "skoroszyt",
    "arkusz",
    "wiersz",
    "duplikat",
    "scalon",
    "odrzucon",
    "odczytan",
    "uzgodnieni",
    "folder",
)
#: A workbook's column named by its header („w kolumnie „Koszt””); the open data's
#: description of its own CSV columns is public and stays allowed.
WORKBOOK_COLUMN = re.compile(r"kolumn\w*\s+„")


def _outputs(result: BuildResult) -> dict[str, str]:
    """The text of each published file: the DOCX's XML parts (body, properties, charts),
    the PDF's text and metadata, the HTML's source."""
    out = result.outputs[0].parent.parent
    year = result.check.year
    texts: dict[str, str] = {}
    with zipfile.ZipFile(io.BytesIO(output_path(out, year, "docx").read_bytes())) as package:
        parts = [n for n in package.namelist() if n.endswith(".xml") and "embeddings" not in n]
        xml = " ".join(package.read(name).decode("utf-8") for name in parts)
    # a native chart's <c:f> is a reference into its own data workbook, not text
    texts["docx"] = re.sub(r"<[^>]+>", " ", re.sub(r"<c:f>.*?</c:f>", " ", xml))
    pdf = output_path(out, year, "pdf").read_bytes()
    metadata = PdfReader(io.BytesIO(pdf)).metadata
    values = [] if metadata is None else [str(v) for v in metadata.values()]
    texts["pdf"] = " ".join([pdf_text(pdf), *values])
    texts["html"] = output_path(out, year, "html").read_text(encoding="utf-8")
    return texts


def _input_names(result: BuildResult) -> set[str]:
    """Every input file's name, its path relative to inputs/, and its stem where that is
    no ordinary word („biuro-wspolpracy”, not „kultura” or „rejestr”)."""
    names: set[str] = set()
    for path in result.check.files:
        names |= {path.name, f"{path.parent.name}/{path.name}"}
        if re.search(r"[-_\d]", path.stem):
            names.add(path.stem)
    return names


@pytest.mark.parametrize("which", ["demo_build", "full_build"])
def test_no_bookkeeping_in_the_published_files(which: str, request: pytest.FixtureRequest) -> None:
    result: BuildResult = request.getfixturevalue(which)
    assert result.ok
    names = _input_names(result)
    quoted_sheets = {f"„{spec.name}”" for spec in ALL_SHEETS}
    for fmt, text in _outputs(result).items():
        folded = text.casefold()
        for name in names:
            assert name.casefold() not in folded, (fmt, name)
        for word in BOOKKEEPING:
            assert word not in folded, (fmt, word)
        assert not WORKBOOK_COLUMN.search(text), (fmt, WORKBOOK_COLUMN.search(text))
        for sheet in quoted_sheets:
            assert sheet not in text, (fmt, sheet)


def test_the_annex_names_who_reported_and_carried_out(full_build: BuildResult) -> None:
    text = re.sub(r"\s+", " ", _outputs(full_build)["pdf"].replace("\u00a0", " "))
    assert "Zgłaszający wizyty i wyjazdy:" in text
    assert "Realizatorzy wizyt i wyjazdów: Teatr im. Wojciecha Bogusławskiego oraz" in text


def test_the_manifest_keeps_the_reconciliation(full_build: BuildResult) -> None:
    folder = full_build.outputs[0].parent
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    visits = manifest["counts"]["Wizyty"]
    assert visits["read"] == visits["kept"] + visits["duplicates"] + visits["rejected"]
    assert visits["duplicates"] == 1  # the visit both workbooks hold
    assert any(Path(record["path"]).name == "kultura.xlsx" for record in manifest["inputs"])
