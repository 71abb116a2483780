"""What the chart tests share: a small chart (three months, visits and trips, zeros
included), a short document holding figures, and a DOCX's parts."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from datetime import datetime

from reports.document.model import (
    BarChart,
    Document,
    Figure,
    Paragraph,
    Section,
    Series,
    TableOfContents,
    TitlePage,
)

VISITS_AND_TRIPS = BarChart(
    categories=("styczeń", "luty", "październik"),
    series=(
        Series("Wizyty", (3.0, 0.0, 12.0), ("3", "0", "12")),
        Series("Wyjazdy", (1.0, 2.0, 0.0), ("1", "2", "0")),
    ),
    value_axis="liczba",
    ticks=((0, "0"), (5, "5"), (10, "10"), (15, "15")),
)

CREATED = datetime(2026, 3, 15, 10, 30, 44)


def chart_document(figures: Sequence[Figure]) -> Document:
    """A report whose first part holds a paragraph and ``figures``, and a closing part."""
    return Document(
        title="Raport z wykresami",
        author="Urząd Miasta",
        language="pl",
        created=CREATED,
        title_page=TitlePage("Raport z wykresami", ("Miasto Kalisz",), "Kalisz, 15 marca 2026 r."),
        contents=TableOfContents("Spis treści"),
        sections=(
            Section("Wykresy", "wykresy", (Paragraph.of("Wstęp."), *figures)),
            Section("Koniec", "koniec", (Paragraph.of("Koniec."),)),
        ),
    )


def zip_parts(data: bytes) -> dict[str, bytes]:
    """The parts of an OOXML package (a DOCX, an XLSX), by name."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}
