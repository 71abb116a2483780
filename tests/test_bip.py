"""The BIP metryczka and the manifest written next to the report."""

from __future__ import annotations

import hashlib
import json
from datetime import date

import pytest

from reports.domain.model import Metryczka
from reports.pipeline import BuildResult
from reports.publish.bip import (
    attachment_line,
    bip_record,
    data_title,
    render_metryczka_html,
    render_metryczka_txt,
)
from reports.publish.manifest import dump
from tests.conftest import DEMO_YEAR

TITLE = "Raport dotyczący współpracy zagranicznej w roku 2025"


@pytest.mark.parametrize(
    ("size", "pages", "expected"),
    [
        (421_888, 18, "(PDF, 412 KB, 18 stron)"),
        (2_000, 1, "(PDF, 2 KB, 1 strona)"),
        (51_200, 2, "(PDF, 50 KB, 2 strony)"),
        (1_258_291, 5, "(PDF, 1,2 MB, 5 stron)"),
        (800, 22, "(PDF, 800 B, 22 strony)"),
    ],
)
def test_attachment_line(size: int, pages: int, expected: str) -> None:
    line = attachment_line(TITLE, "pdf", size, pages).replace("\u00a0", " ")
    assert line == f"{TITLE} {expected}"


def test_metryczka_fields_one_by_one() -> None:
    record = bip_record(
        2025,
        Metryczka(
            author="Biuro Współpracy Międzynarodowej",
            created=date(2026, 3, 13),
            entered_by="administrator BIP",
            published=None,
            basis="KPM-BPM.0643.1.2026",
        ),
        pdf_size=421_888,
        pdf_pages=18,
    )
    fields = {label: value.replace("\u00a0", " ") for label, value in record.fields}
    assert fields == {
        "Tytuł": TITLE,
        "Informację wytworzył(a)": "Biuro Współpracy Międzynarodowej",
        "Data wytworzenia": "13 marca 2026 r.",
        "Wprowadził(a)": "administrator BIP",
        "Data publikacji": "—",
        "Na podstawie": "KPM-BPM.0643.1.2026",
    }
    text = render_metryczka_txt(record)
    assert text.splitlines()[0].split(":", 1)[1].strip().replace("\u00a0", " ") == TITLE
    assert "Załącznik:" in text
    html = render_metryczka_html(record)
    assert "<dt>Informację wytworzył(a)</dt>" in html
    assert "<h3>Załącznik</h3>" in html
    assert f"<li>{record.attachments[0]}</li>" in html


def test_demo_metryczka_files_describe_the_pdf_html_and_data_written(
    demo_build: BuildResult,
) -> None:
    folder = demo_build.outputs[0].parent
    pdf = folder / f"raport-{DEMO_YEAR}.pdf"
    html = folder / f"raport-{DEMO_YEAR}.html"
    data = folder / f"dane-{DEMO_YEAR}.zip"
    text = (folder / f"metryczka-{DEMO_YEAR}.txt").read_text(encoding="utf-8")
    lines = [
        attachment_line(TITLE, "pdf", pdf.stat().st_size, demo_build.pages or 0),
        attachment_line(TITLE, "html", html.stat().st_size),
        attachment_line(data_title(DEMO_YEAR), "zip", data.stat().st_size),
    ]
    assert text.endswith("\nZałączniki:\n" + "\n".join(lines) + "\n")
    fragment = (folder / f"metryczka-{DEMO_YEAR}.html").read_text(encoding="utf-8")
    assert "<h3>Załączniki</h3>" in fragment
    assert all(f"<li>{line}</li>" in fragment for line in lines)
    assert "Data wytworzenia:        13\u00a0marca 2026\u00a0r." in text


def test_manifest_lists_inputs_outputs_versions_and_counts(demo_build: BuildResult) -> None:
    folder = demo_build.outputs[0].parent
    raw = (folder / "manifest.json").read_bytes()
    manifest = json.loads(raw)
    assert dump(manifest) == raw  # sorted keys, stable layout
    assert manifest["software"]["raport"]
    assert {"weasyprint", "python-docx", "openpyxl", "babel", "jinja2"} <= set(
        manifest["software"]["dependencies"]
    )
    outputs = {r["path"]: r for r in manifest["outputs"]}
    written = {p.relative_to(folder).as_posix() for p in demo_build.outputs}
    assert set(outputs) == written - {"manifest.json"}
    assert f"dane-{DEMO_YEAR}.zip" in outputs and f"dane-{DEMO_YEAR}/wizyty.csv" in outputs
    for name, record in outputs.items():
        data = (folder / name).read_bytes()
        assert record == {
            "path": name,
            "size": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
        }
    inputs = [r["path"] for r in manifest["inputs"]]
    assert "rejestr.xlsx" in inputs and any(p.startswith(f"{DEMO_YEAR}/") for p in inputs)
    counts = manifest["counts"]["Wyjazdy"]
    assert counts == {"read": 5, "kept": 4, "duplicates": 1, "rejected": 0}
