"""Year → Document: the report's title page and its sections, in order.

Every sentence, label and cell is decided in this package, one module per group
of sections (overview, partners, events, activities, plan, annexes); the
renderers only walk what :func:`build_document` returns. All Polish wording
comes from :mod:`reports.polish`; every generated string passes through
``typeset`` so single-letter words and numbers never end a line.
"""

from __future__ import annotations

from datetime import datetime, time

from reports.document.activities import awards_section, organizations_section, projects_section
from reports.document.annexes import metryczka_section, sources_section
from reports.document.events import trips_section, visits_section
from reports.document.layout import paginate
from reports.document.model import Document, TableOfContents, TitlePage
from reports.document.overview import summary_section
from reports.document.partners import partners_section, per_partner_section
from reports.document.plan import implementers_section, plan_realization_section, plan_section
from reports.domain.year import Year
from reports.polish.dates import format_date
from reports.polish.typography import typeset


def report_title(year: int) -> str:
    """The report's title, the same on the title page, in metadata and on the BIP."""
    return f"Raport dotyczący współpracy zagranicznej w roku {year}"


def data_package_name(year: int) -> str:
    """The ZIP of the year's open data published beside the report („dane-2025.zip”)."""
    return f"dane-{year}.zip"


def created_at(year: Year) -> datetime:
    """The moment every output of ``year`` is dated: the Metryczka's date, at noon."""
    return datetime.combine(year.metryczka.created, time(12, 0))


def build_document(year: Year) -> Document:
    """The whole report for ``year`` as a renderer-neutral document.

    Its Metryczka names the year's open data (:func:`data_package_name`), which a full
    build publishes with it: the report is the same whichever formats one build writes.
    """
    city = year.city
    meta = year.metryczka
    title = report_title(year.year)
    lines = tuple(line for line in (f"Miasto {city.name}", city.office, city.department) if line)
    return Document(
        title=title,
        author=city.department or city.office,
        language="pl",
        created=created_at(year),
        title_page=TitlePage(
            title=typeset(title),
            lines=tuple(typeset(line) for line in lines),
            place_and_date=typeset(f"{city.name}, {format_date(meta.created)}"),
        ),
        contents=TableOfContents("Spis treści"),
        sections=paginate(
            (
                summary_section(year),
                partners_section(year),
                visits_section(year),
                trips_section(year),
                projects_section(year),
                awards_section(year),
                organizations_section(year),
                per_partner_section(year),
                implementers_section(year),
                *plan_realization_section(year),
                plan_section(year),
                metryczka_section(year, data_package_name(year.year)),
                sources_section(year),
            )
        ),
        subject=f"Współpraca zagraniczna Miasta {city.genitive} w {year.year} r.",
        keywords=("współpraca zagraniczna", "miasta partnerskie", city.name, str(year.year)),
    )
