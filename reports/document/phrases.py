"""Phrases several sections share: a place, a partnership's span, a project's period."""

from __future__ import annotations

from reports.domain.model import DateOrYear, Event, Partner, Project
from reports.polish.dates import format_date, format_date_range


def place(event: Event) -> str:
    """„Hamm (Niemcy)”, or the country alone for guests on behalf of a country."""
    return f"{event.city} ({event.country.name})" if event.city else event.country.name


def span(partner: Partner) -> str:
    """„od kiedy” of a partnership, with its end where it ended or was suspended."""
    if partner.ended is None:
        return since(partner.signed)
    return f"{since(partner.signed)} (do {since(partner.ended)})"


def sentence(text: str) -> str:
    """End ``text`` with one full stop (a date may already end with „r.”)."""
    return text if text.endswith(".") else text + "."


def upper_first(text: str) -> str:
    """Raport's own word at the start of a sentence: its first letter a capital, the
    rest untouched (never applied to an officer's text)."""
    return text[:1].upper() + text[1:]


def since(value: DateOrYear | None) -> str:
    """A date or a year as the report writes it, „—” when unknown."""
    return format_date(value) if value is not None else "—"


def project_span(project: Project) -> str:
    """A project's period: „od 1 marca 2025 r.” while it has no end."""
    if project.end is None:
        return f"od {format_date(project.start)}"
    return format_date_range(project.start, project.end)
