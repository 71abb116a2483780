"""The problem codes of the sheet „Realizacja planu”, registered in
:data:`reports.inputs.codes.CODES` with the others (fields as in
:class:`reports.inputs.codes.Code`; ``error`` gives the severity)."""

from __future__ import annotations

from reports.inputs.code_text import CodeText

PLAN_STATUS_CODES: tuple[CodeText, ...] = (
    CodeText(
        "plan-status-invalid",
        True,
        "stan realizacji planu spoza listy",
        "„{value}” nie jest stanem realizacji działania. Wybierz z listy: „zrealizowano”, "
        "„zrealizowano częściowo”, „nie zrealizowano” albo „przeniesiono na rok …” z numerem "
        "roku następnego po roku skoroszytu (np. „przeniesiono na rok 2026” w skoroszycie roku "
        "2025).",
    ),
    CodeText(
        "plan-status-year",
        True,
        "działanie przeniesione na inny rok niż następny",
        "Wpisano przeniesienie na rok {value}, a działanie z planu na rok {year} można "
        "przenieść tylko na rok {next_year}. Wybierz „przeniesiono na rok {next_year}” albo "
        "inny stan z listy.",
    ),
    CodeText(
        "plan-status-missing",
        False,
        "działanie z planu bez stanu realizacji; w raporcie „brak informacji o realizacji”",
        "Brak informacji o realizacji działania „{action}” z planu na rok {year}, więc raport "
        "poda przy nim „brak informacji o realizacji”. {no_row} jedną z wartości: "
        "{choices}; w kolumnie „Opis” możesz dodać, jak je zrealizowano.{events}",
        {
            "no_row": (
                "Dopisz w arkuszu „Realizacja planu” wiersz z tym działaniem i wybierz "
                "w kolumnie „Realizacja”",
                "Wybierz w kolumnie „Realizacja”",
            ),
            "events": (
                " Podpowiedź (do sprawdzenia, raport jej nie podaje) – wpisy tego roku, "
                "które mogą dotyczyć tego działania: {}.",
                " Żaden wpis tego roku nie pasuje do tego działania (partner, dziedzina, termin).",
            ),
        },
    ),
    CodeText(
        "plan-status-unplanned",
        False,
        "działanie spoza planu poprzedniego roku w arkuszu Realizacja planu, pominięte",
        "Działania „{value}” nie ma w planie na rok {year} (arkusz „Plan” w skoroszycie roku "
        "{previous}), więc ten wiersz nie trafi do raportu.{suggestion} Wpisz działanie tak, "
        "jak zapisano je w planie, albo usuń wiersz.",
        {"suggestion": " Czy chodziło o „{}”?"},
    ),
    CodeText(
        "plan-status-no-plan",
        False,
        "arkusz Realizacja planu bez planu w poprzednim roku, pominięty",
        "Arkusz „Realizacja planu” nie trafi do raportu: rok {previous} {errors}. Usuń "
        "arkusz albo uzupełnij plan w skoroszycie roku {previous}.",
        {
            "errors": (
                "ma błędy, więc jego planu nie da się wczytać (uruchom „raport check {}” "
                "i popraw je)",
                "nie ma planu (arkusza „Plan” z działaniami)",
            )
        },
    ),
)
