"""The problem codes of the registry (``inputs/rejestr.xlsx``) — the file and its
sheets, the partners' cells — and of the year's places checked against it; registered
in :data:`reports.inputs.codes.CODES` with the others (fields as in
:class:`reports.inputs.codes.Code`; ``error`` gives the severity)."""

from __future__ import annotations

from reports.inputs.code_text import CodeText

REGISTRY_CODES: tuple[CodeText, ...] = (
    CodeText(
        "registry-missing",
        True,
        "brak pliku inputs/rejestr.xlsx",
        "Brak pliku {file} w folderze „{folder}”. Utwórz go: arkusze „Miasto”, "
        "„Miasta partnerskie” i „Organizacje”.",
    ),
    # the registry's sheets and the partners' cells
    CodeText(
        "partners-sheet-missing",
        False,
        "rejestr bez arkusza Miasta partnerskie: w raporcie brak danych o partnerach",
        "Brak arkusza „{sheet}”, więc raport poda „Brak danych o miastach partnerskich i "
        "zaprzyjaźnionych”. Dodaj go z kolumnami {columns}; bez partnerów zostaw same nagłówki.",
    ),
    CodeText(
        "organizations-sheet-missing",
        False,
        "rejestr bez arkusza Organizacje: w raporcie brak danych o członkostwie w organizacjach",
        "Brak arkusza „{sheet}”, więc raport poda „Brak danych o członkostwie w organizacjach "
        "międzynarodowych”. Dodaj go z kolumnami {columns}; bez członkostwa zostaw same "
        "nagłówki.",
    ),
    CodeText(
        "signed-required",
        True,
        "brak daty podpisania umowy z miastem partnerskim",
        "Brak daty podpisania dla rodzaju „{kind}”. Wpisz datę albo sam rok podpisania "
        "(wymagana, chyba że rodzaj to „współpraca bez umowy”).",
    ),
    CodeText(
        "partner-status-conflict",
        True,
        "status współpracy niezgodny z datą zakończenia",
        "Status „{value}” nie zgadza się z kolumną „Data zakończenia” ({ended}): współpraca "
        "zawieszona albo zakończona ma w niej dzień albo rok zawieszenia lub zakończenia, "
        "a aktywna nie ma tam daty. Popraw status albo datę zakończenia.",
        {"ended": ("{}", "pusta")},
    ),
    CodeText(
        "resolution-invalid",
        True,
        "numer uchwały nie w postaci XXXI/207/04",
        "„{value}” nie wygląda na numer uchwały rady miasta. Wpisz go w postaci numer sesji "
        "(cyframi rzymskimi) / numer uchwały / rok (dwie albo cztery cyfry), np. XXXI/207/04 "
        "albo XXXI/207/2004.",
    ),
    # the year's places against the registry
    CodeText(
        "city-unknown",
        True,
        "miasto spoza rejestru bez podanego kraju",
        "Miasta „{value}” nie ma w rejestrze miast partnerskich, a nie podano kraju. Wpisz "
        "kraj w kolumnie „Kraj” albo popraw nazwę miasta, jeśli to miasto partnerskie.",
    ),
    CodeText(
        "city-unchecked",
        True,
        "miasto bez kraju, a rejestr nie został wczytany",
        "Nie podano kraju, a miasta „{value}” nie da się sprawdzić w rejestrze, bo rejestr "
        "(rejestr.xlsx) nie został wczytany. Popraw najpierw błędy rejestru albo wpisz kraj "
        "w kolumnie „Kraj”.",
    ),
    CodeText(
        "country-mismatch",
        True,
        "kraj inny niż w rejestrze dla miasta partnerskiego",
        "„{partner}” jest w rejestrze miastem partnerskim w kraju „{partner_country}”, a tu "
        "podano kraj „{value}”. Popraw kraj albo zostaw komórkę pustą (kraj zostanie wzięty "
        "z rejestru).",
    ),
)
