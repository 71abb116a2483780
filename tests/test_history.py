"""The past of a report: summaries of checked years and dormant partnerships."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from reports.checking.check import check_year
from reports.domain.history import (
    History,
    YearSummary,
    dormant_since,
    dormant_years,
    summarise,
)
from reports.domain.model import Domain, Partner, PartnerKind
from reports.domain.year import Year
from reports.polish.countries import normalize_country
from tests.workbooks import project, trip, visit, write_registry, write_year

YEAR = 2025


def _partner(name: str, signed: int = 1990) -> Partner:
    country = normalize_country("DE")
    assert country is not None
    return Partner(name, country, PartnerKind.PARTNER, signed)


def _summary(year: int, **activity: int) -> YearSummary:
    return YearSummary(year, 0, 0, 0, 0, 0, partner_activity=activity)


def test_dormancy_counts_back_through_known_quiet_years() -> None:
    history = History(
        (_summary(2020, Erfurt=1), _summary(2021), _summary(2022), _summary(2023, Hamm=2))
    )
    erfurt, hamm = _partner("Erfurt"), _partner("Hamm")
    assert dormant_since(erfurt, history, 2023) == 2021
    assert dormant_years(erfurt, history, 2023) == 3
    assert dormant_since(hamm, history, 2023) is None
    assert dormant_years(hamm, history, 2023) == 0
    assert dormant_since(hamm, history, 2022) == 2020  # no year before 2020 is known


def test_dormancy_stops_at_an_unknown_year_and_at_the_signing() -> None:
    history = History((_summary(2019), _summary(2020), _summary(2022), _summary(2023)))
    assert dormant_since(_partner("Erfurt"), history, 2023) == 2022  # 2021 is not known
    assert dormant_since(_partner("Erfurt", signed=2020), history, 2020) == 2020
    assert dormant_since(_partner("Erfurt"), history, 2021) is None  # the year is not known


def test_a_kind_without_its_sheet_is_unknown_in_the_summary() -> None:
    summary = summarise(YEAR - 1, None, (), None, None, ())
    assert (summary.visits, summary.trips, summary.projects, summary.awards) == (
        None,
        0,
        None,
        None,
    )
    assert summary.countries is None and summary.events is None
    assert not summary.activity_known
    given = summarise(YEAR - 1, (), (), (), 0, ())
    assert (given.visits, given.trips, given.countries, given.events) == (0, 0, 0, 0)
    assert given.activity_known


@pytest.mark.parametrize("missing", ["visits", "trips", "projects"])
def test_dormancy_does_not_run_through_a_year_without_a_sheet_of_joint_activity(
    missing: str,
) -> None:
    changes: dict[str, Any] = {missing: None}
    unknown = replace(_summary(2022), **changes)
    history = History((_summary(2021), unknown, _summary(2023)))
    erfurt = _partner("Erfurt")
    assert dormant_since(erfurt, history, 2023) == 2023  # 2022's quiet is not known
    assert dormant_since(erfurt, history, 2022) is None
    awards_unknown = History((_summary(2021), replace(_summary(2022), awards=None)))
    assert dormant_since(erfurt, awards_unknown, 2022) == 2021  # awards are no joint activity


@pytest.fixture(scope="module")
def three_years(tmp_path_factory: pytest.TempPathFactory) -> Year:
    """Three year folders: Hamm active only in the first, Erfurt in every year,
    Martin only through a project spanning the last two; some cells left empty. Every
    year has the sheets of visits, trips and projects (its quiet is known)."""
    inputs = tmp_path_factory.mktemp("history") / "inputs"
    write_registry(inputs)
    write_year(
        inputs,
        YEAR - 2,
        wizyty=[visit(YEAR - 2, Miasto="Hamm"), visit(YEAR - 2)],
        wyjazdy=[trip(YEAR - 2, Koszt="1 000,25")],
        projekty=[],
    )
    write_year(
        inputs,
        YEAR - 1,
        wizyty=[visit(YEAR - 1, Liczba_osób=None, Dziedzina=None)],
        wyjazdy=[trip(YEAR - 1, Miasto="Wiedeń", Kraj="Austria", Koszt=None)],
        projekty=[project(YEAR - 1, Partnerzy="martin; Lyon", Data_zakończenia=date(YEAR, 6, 1))],
    )
    write_year(
        inputs,
        YEAR,
        wizyty=[
            visit(YEAR, Liczba_osób=12),
            visit(YEAR, Data_od=date(YEAR, 7, 1), Data_do=None, Liczba_osób=None),
            visit(YEAR, Data_od=date(YEAR, 8, 1), Data_do=None, Dziedzina="sport"),
        ],
        wyjazdy=[
            trip(YEAR, Koszt="12 500,50"),
            trip(YEAR, Data_od=date(YEAR, 3, 2), Data_do=None, Koszt=None, Dziedzina=None),
            trip(YEAR, Data_od=date(YEAR, 4, 2), Data_do=None, Koszt=99.5),
        ],
        projekty=[],
    )
    result = check_year(inputs, YEAR)
    assert result.ok, result.problems
    assert result.data is not None
    return result.data


def test_history_holds_every_checked_year(three_years: Year) -> None:
    assert three_years.history is not None
    assert [s.year for s in three_years.history.years] == [YEAR - 2, YEAR - 1, YEAR]
    assert [s.events for s in three_years.history.years] == [3, 2, 6]


def test_totals_are_the_sums_of_the_cells_given(three_years: Year) -> None:
    now = three_years.summary()
    before = three_years.previous_summary()
    assert now is not None and before is not None
    assert now.trip_cost == Decimal("12500.50") + Decimal("99.5")
    assert now.trips_with_cost == 2
    assert now.people == 12 + 4  # the third visit has the default 4, the second none
    assert now.visits_with_people == 2
    assert before.trip_cost == 0 and before.trips_with_cost == 0
    assert before.people == 0 and before.visits_with_people == 0


def test_fields_are_counted_with_the_empty_ones_apart(three_years: Year) -> None:
    now = three_years.summary()
    assert now is not None
    assert (now.domain(Domain.CULTURE).visits, now.domain(Domain.CULTURE).trips) == (2, 0)
    assert (now.domain(Domain.SPORT).visits, now.domain(Domain.GOVERNMENT).trips) == (1, 2)
    assert now.domain(None).trips == 1
    assert sum(d.total for d in now.domains) == now.events
    assert now.domain(Domain.ECONOMY).total == 0


def test_partner_activity_and_dormancy_across_three_folders(three_years: Year) -> None:
    history = three_years.history
    assert history is not None
    partners = {p.name: p for p in three_years.partners or ()}
    assert history.get(YEAR - 2) is not None
    assert history.get(YEAR - 1).activity("Martin") == 1  # type: ignore[union-attr]
    assert history.get(YEAR).activity("Martin") == 3  # type: ignore[union-attr]
    assert history.get(YEAR).activity("Erfurt") == 3  # type: ignore[union-attr]
    assert dormant_since(partners["Hamm"], history, YEAR) == YEAR - 1
    assert dormant_since(partners["Preston"], history, YEAR) == YEAR - 2
    assert dormant_since(partners["Erfurt"], history, YEAR) is None
    assert dormant_since(partners["Martin"], history, YEAR) is None


def test_an_earlier_year_with_errors_is_left_out_with_a_warning(tmp_path: Path) -> None:
    write_registry(tmp_path)
    write_year(tmp_path, YEAR)
    write_year(tmp_path, YEAR - 1)
    write_year(tmp_path, YEAR - 2, wizyty=[visit(YEAR - 2, Data_od="zła data")])
    result = check_year(tmp_path, YEAR)
    assert result.ok
    assert result.data is not None and result.data.history is not None
    assert [s.year for s in result.data.history.years] == [YEAR - 1, YEAR]
    (warning,) = [p for p in result.problems if p.code == "earlier-year-errors"]
    assert warning.file == str(YEAR - 2) and str(YEAR - 2) in warning.message
    assert result.data.previous is not None  # the year before still compares
