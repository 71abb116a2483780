"""Phrases several sections share: a place, a partnership's span, a project's period,
what the inputs did not give, and the names of the partners' group."""

from __future__ import annotations

from collections.abc import Sequence

from reports.domain.model import DateOrYear, Event, Partner, Project
from reports.domain.year import Year
from reports.polish.dates import format_date, format_date_range
from reports.polish.lists import join_list

#: What each record kind is about, after „o” (the locative): for „Brak danych o …”.
ABOUT_VISITS = "wizytach delegacji zagranicznych"
ABOUT_TRIPS = "wyjazdach zagranicznych"
ABOUT_PROJECTS = "projektach międzynarodowych"
ABOUT_AWARDS = "nagrodach i wyróżnieniach"
ABOUT_ORGANIZATIONS = "członkostwie w organizacjach międzynarodowych"
ABOUT_PARTNERS = "miastach partnerskich i zaprzyjaźnionych"

#: A table cell whose number the inputs do not give (its sheet is missing): unknown, not 0.
NO_DATA = "brak danych"

#: The registry's partners of the year (Year.partners), as every count of them names
#: them: after „miało” (accusative), and after „z 7 z” (genitive).
PARTNERS_HAD = (
    "miasto partnerskie lub zaprzyjaźnione",
    "miasta partnerskie lub zaprzyjaźnione",
    "miast partnerskich lub zaprzyjaźnionych",
)
PARTNERS_OF = (
    "miasta partnerskiego lub zaprzyjaźnionego",
    "miast partnerskich lub zaprzyjaźnionych",
    "miast partnerskich lub zaprzyjaźnionych",
)


def not_given(about: Sequence[str]) -> str:
    """The sentence for kinds of data whose sheet the inputs do not have: a missing sheet
    is missing data, never „none”.

    >>> not_given([ABOUT_TRIPS])
    'Brak danych o wyjazdach zagranicznych.'
    >>> not_given([ABOUT_VISITS, ABOUT_TRIPS, ABOUT_AWARDS])[-59:]
    'o wyjazdach zagranicznych oraz o nagrodach i wyróżnieniach.'
    """
    return f"{upper_first(no_data(about))}."


def no_data(about: Sequence[str]) -> str:
    """„brak danych o …”: the kinds of data not given, inside a sentence.

    >>> no_data([ABOUT_VISITS])
    'brak danych o wizytach delegacji zagranicznych'
    """
    return f"{NO_DATA} {join_list([f'o {what}' for what in about], conjunction='oraz')}"


def missing(year: Year, *kinds: str) -> list[str]:
    """Which of ``kinds`` (the ABOUT_ phrases of visits, trips, projects, awards) the
    year's inputs do not give, in that order."""
    given = {
        ABOUT_VISITS: year.visits,
        ABOUT_TRIPS: year.trips,
        ABOUT_PROJECTS: year.projects,
        ABOUT_AWARDS: year.awards,
        ABOUT_ORGANIZATIONS: year.organizations,
    }
    return [kind for kind in kinds if given[kind] is None]


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
