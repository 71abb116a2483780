"""The BIP „metryczka”: the fields a BIP page shows next to the published report.

The text is decided here, with the Polish layer; ``render_metryczka_txt`` and
``render_metryczka_html`` only lay it out (plain text to paste, or an HTML
fragment from ``templates/metryczka.html.j2``).
"""

from __future__ import annotations

from dataclasses import dataclass

from reports.document.build import report_title
from reports.domain.model import Metryczka
from reports.polish.dates import format_date
from reports.polish.numbers import format_size
from reports.polish.plurals import count
from reports.polish.typography import typeset

#: The heading of the BIP record of changes (art. 8 ust. 6 of the access act).
CHANGES_TITLE = "Rejestr zmian"


@dataclass(frozen=True)
class BipRecord:
    """The metryczka of one year's report, every value final."""

    title: str
    fields: tuple[tuple[str, str], ...]
    attachments: tuple[str, ...]  # one line per attached file: the PDF, the HTML, the data
    attachments_label: str  # „Załącznik” or „Załączniki”
    changes: tuple[tuple[str, str, str], ...] = ()  # Rejestr zmian: data, opis, kto


def attachment_line(title: str, fmt: str, size: int, pages: int | None = None) -> str:
    """The line a BIP page shows for an attachment (pages only for a paged format).

    >>> attachment_line("Raport", "pdf", 421_888, 18)
    'Raport (PDF, 412\\xa0KB, 18\\xa0stron)'
    >>> attachment_line("Raport", "pdf", 2_500, 1)
    'Raport (PDF, 2\\xa0KB, 1\\xa0strona)'
    >>> attachment_line("Raport", "html", 90_112)
    'Raport (HTML, 88\\xa0KB)'
    """
    parts = [fmt.upper(), format_size(size)]
    if pages is not None:
        parts.append(count(pages, "strona"))
    return typeset(f"{title} ({', '.join(parts)})")


def data_title(year: int) -> str:
    """The open data's attachment, named for the BIP page (the file is ``dane-YEAR.zip``).

    >>> data_title(2025)
    'Dane do raportu za 2025 r. – pliki CSV z opisem kolumn'
    """
    return f"Dane do raportu za {year} r. – pliki CSV z opisem kolumn"


def bip_record(
    year: int,
    metryczka: Metryczka,
    pdf_size: int,
    pdf_pages: int,
    html_size: int | None = None,
    data_size: int | None = None,
) -> BipRecord:
    """The metryczka for ``year``: title, who and when, and the attachment lines (the
    PDF, the HTML edition when it was built, and the open data's ZIP when it was)."""
    title = report_title(year)
    fields = (
        ("Tytuł", title),
        ("Informację wytworzył(a)", metryczka.author),
        ("Data wytworzenia", format_date(metryczka.created)),
        ("Wprowadził(a)", metryczka.entered_by or "—"),
        ("Data publikacji", format_date(metryczka.published) if metryczka.published else "—"),
        ("Na podstawie", metryczka.basis or "—"),
    )
    attachments = [attachment_line(title, "pdf", pdf_size, pdf_pages)]
    if html_size is not None:
        attachments.append(attachment_line(title, "html", html_size))
    if data_size is not None:
        attachments.append(attachment_line(data_title(year), "zip", data_size))
    return BipRecord(
        title=typeset(title),
        fields=tuple((label, typeset(value)) for label, value in fields),
        attachments=tuple(attachments),
        attachments_label="Załącznik" if len(attachments) == 1 else "Załączniki",
        changes=tuple(
            (format_date(c.date), typeset(c.description), typeset(c.who or "—"))
            for c in metryczka.changes
        ),
    )


def render_metryczka_txt(record: BipRecord) -> str:
    """Plain text to paste into the BIP form (UTF-8, one field a line)."""
    width = max(len(label) for label, _ in record.fields)
    lines = [f"{label + ':':<{width + 1}} {value}" for label, value in record.fields]
    if record.changes:
        lines += ["", f"{CHANGES_TITLE}:"]
        lines += [
            f"{when} – {what}" + (f" ({who})" if who != "—" else "")
            for when, what, who in record.changes
        ]
    lines += ["", f"{record.attachments_label}:", *record.attachments]
    return "\n".join(lines) + "\n"


def render_metryczka_html(record: BipRecord) -> str:
    """An HTML fragment (a definition list and the attachment lines) for the BIP editor."""
    from reports.render.html.renderer import template_environment

    template = template_environment().get_template("metryczka.html.j2")
    return template.render(record=record, changes_title=CHANGES_TITLE)
